"""Text that goes into Streamlit elements which render Markdown.

Labels, captions, alerts and expander titles render Markdown (and ``$...$`` as LaTeX), so plan
names, scenario names and values echoed from user input are escaped first: a plan called
``[offer](http://…)`` shows as typed, and money amounts never start a formula.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]#+\-!|~$<>])")
r"""Markdown-active characters. Not parentheses: with the brackets escaped they start no link, and
an escaped one after a URL shows as ``\)``, since the URL is made a link with the backslash."""


_PERCENT_SIGN = re.compile(r"(?<=[0-9]) %")
"""The space between a number and its percent sign ("54.5 %"), where a line must not break."""


def keep_percent_with_number(text: str) -> str:
    """``text`` with a no-break space between each number and its "%", so "(54.5 %)" never
    wraps before the sign on a phone or in a narrow column."""
    return _PERCENT_SIGN.sub("\u00a0%", text)


def escape_markdown(text: str) -> str:
    """``text`` with every Markdown-active character backslash-escaped; it renders as typed,
    each percentage on one line (:func:`keep_percent_with_number`).

    A web address in it still shows as a link (Streamlit links addresses in text), to where its
    text says, never to a hidden target."""
    return keep_percent_with_number(_SPECIAL.sub(r"\\\1", text))
