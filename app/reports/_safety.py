"""Neutralising text that a spreadsheet would run as a formula (CSV / formula injection).

A cell such as ``=HYPERLINK("http://evil.example", "Click")`` or ``-2+3+cmd|' /C calc'!A0`` in a
CSV opened by Excel or LibreOffice is a formula, not text. Plan and scenario names come from
users, so every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading apostrophe (the OWASP recommendation): spreadsheets then show it as text.

Numbers stay numbers: numeric cells are never touched, and text that is only a number written
the way this project writes money, counts and percentages (``-12.50``, ``-$1,234.56``,
``-54.5 %``) is left alone. Such text holds no cell reference, function call or ``|`` and so
cannot act as a formula.
"""

from __future__ import annotations

from typing import Any

from calculator import is_figure_text

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_PREFIX = "'"


def neutralise(value: Any) -> Any:
    """``value`` with formula-like text made inert; anything that is not text is returned as is.

    >>> neutralise("=1+1"), neutralise("-12.50"), neutralise(-12.5), neutralise("Plan A")
    ("'=1+1", '-12.50', -12.5, 'Plan A')
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not is_figure_text(value):
        return NEUTRALISING_PREFIX + value
    return value
