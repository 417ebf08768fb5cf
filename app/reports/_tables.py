"""Tables as the report shows them: a caption, headers, rows of text, row headers first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from markupsafe import Markup, escape

from app.views.conventions import figure_columns

STYLED_COLUMNS = 40
"""Most columns of a report table whose figures the report's style right-aligns (it has a rule
for each column position up to this one)."""


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A table ready for the page: a caption, column headers, rows of text; the first column
    holds the row headers. ``numeric[i]`` right-aligns column ``i``."""

    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)

    @property
    def figure_classes(self) -> list[str]:
        """``rN`` for each column N (from 1) written as figures: the report's style
        right-aligns those columns."""
        return [f"r{index}" for index, numeric in enumerate(self.numeric, start=1) if numeric]

    def to_frame(self) -> pd.DataFrame:
        """The same text as a DataFrame, for pages that show it with ``st.dataframe``."""
        return pd.DataFrame(self.rows, columns=self.headers)


def table_from_frame(table: pd.DataFrame, caption: str) -> ReportTable:
    """Any DataFrame as a :class:`ReportTable`: cells as text, missing values as an en dash."""
    rows = [
        ["–" if _missing(value) else _cell_text(value) for value in row]
        for row in table.itertuples(index=False, name=None)
    ]
    headers = [str(name) for name in table.columns]
    # Right-aligned as on the pages: the columns written as figures, never the row headers.
    figures = set(figure_columns(pd.DataFrame(rows, columns=headers)))
    numeric = [i > 0 and name in figures for i, name in enumerate(headers)]
    return ReportTable(caption, headers, rows, numeric)


_MONTH = re.compile(r"\(\d{4}-(?:0[1-9]|1[0-2])\)|(?<![\w-])\d{4}-(?:0[1-9]|1[0-2])(?![\w-])")
"""A month in a cell, ``2027-01``, with its brackets when it has them: ``(2027-01)``."""


def months_kept_whole(cell: Any) -> Markup:
    """A cell's text as HTML, escaped, each month in it kept on one line: in a narrow column
    the browser would break ``month 1 (2027-01)`` after the hyphen, leaving ``(2027-`` above
    ``01)``."""
    return Markup(
        _MONTH.sub(lambda month: f'<span class="nowrap">{month.group()}</span>', escape(cell))
    )


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
