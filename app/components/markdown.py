"""Text that goes into Streamlit elements which render Markdown.

Labels, captions, alerts and expander titles render Markdown (and ``$...$`` as LaTeX), so plan
names, scenario names and values echoed from user input are escaped first: a plan called
``[offer](http://…)`` shows as typed, and money amounts never start a formula.
"""

from __future__ import annotations

import re

from app.views.conventions import keep_percent_with_number

_SPECIAL = re.compile(r"([\\`*_{}\[\]#+\-!|~$<>])")
r"""Markdown-active characters. Not parentheses: with the brackets escaped they start no link, and
an escaped one after a URL shows as ``\)``, since the URL is made a link with the backslash."""
_ENTITY = re.compile(r"&(?=#?\w+;)")
"""An ``&`` that starts an entity: ``&amp;`` would show as ``&``."""
_SHORTCODE = re.compile(r":((?:\w|/|\\[+\-_])+):")
"""A shortcode once the characters above are escaped: ``:smile:`` would show as an emoji unless
both its colons are escaped."""


_DIRECTIVE = re.compile(r":(?=(?:\w|\\-)+\\\[)")
r"""The colon of a text directive once the brackets are escaped: Streamlit still drew
``:red\[hi\]`` as "hi" in red (the name swallowed) unless the colon is escaped too."""


def escape_markdown(text: str) -> str:
    """``text`` with every Markdown-active character backslash-escaped; it renders as typed,
    each percentage on one line (:func:`keep_percent_with_number`).

    A web address in it still shows as a link (Streamlit links addresses in text), to where its
    text says, never to a hidden target."""
    escaped = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))
    escaped = _SHORTCODE.sub(r"\\:\1\\:", escaped)
    escaped = _DIRECTIVE.sub(r"\\:", escaped)
    # Streamlit draws ":material/name:" as an icon even with its colons escaped; a word joiner
    # (invisible) after the colon breaks the pattern and shows the text as typed.
    return keep_percent_with_number(escaped.replace(":material/", ":\u2060material/"))
