"""Data tables as a reader compares them: figures right-aligned, so digits line up; static tables
whose text shows as typed."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app.components.markdown import escape_markdown
from app.views.conventions import figure_columns


def show_data_table(
    table: pd.DataFrame, *, figures: tuple[str, ...] | None = None, **options: Any
) -> None:
    """``st.dataframe(table, hide_index=True, width="stretch", **options)`` with the columns
    written as figures right-aligned: ``figures`` when the caller already knows them (a
    :class:`~app.views.ChartView` keeps its own), else found from the table."""
    aligned = figure_columns(table) if figures is None else figures
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={name: st.column_config.Column(alignment="right") for name in aligned},
        **options,
    )


def show_static_table(table: pd.DataFrame, *, key: str, unbroken: tuple[str, ...] = ()) -> None:
    """``st.table(table, hide_index=True)`` with every text cell and header escaped, and its
    figure columns right-aligned, inside ``st.container(key=...)``.

    ``st.table`` renders each cell as Markdown, so a plan named ``[offer](http://…)`` would show
    as a link and a cell holding two amounts as a formula; escaped, they show as typed. Its text
    wraps, where ``st.dataframe`` cuts a long cell (a sentence) at the column's width.

    ``st.table`` aligns every cell left. The container's key names the figure columns by
    position (:func:`static_table_key`), and the page style right-aligns those: a pandas Styler
    would do it too, at about 8 ms a table on every rerun. The columns named in ``unbroken`` are
    marked too, and the page style keeps each of their cells on one line: a browser breaks a
    line after a hyphen, and "2027-01 to 2027-12" showed "12" alone under "2027-".
    """
    shown = table.rename(columns=lambda name: escape_markdown(str(name)))
    for name in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[name]):
            shown[name] = [
                escape_markdown(cell) if isinstance(cell, str) else cell for cell in shown[name]
            ]
    with st.container(key=static_table_key(key, table, unbroken)):
        st.table(shown, hide_index=True)


def static_table_key(key: str, table: pd.DataFrame, unbroken: tuple[str, ...] = ()) -> str:
    """``key`` followed by a ``-figN-`` mark for each column N (from 1) written as figures, or
    held as numbers, that :data:`~app.components.page_style.PAGE_CSS` right-aligns, and a
    ``-wholeN-`` mark for each column in ``unbroken``, whose cells it keeps on one line."""
    figures = set(figure_columns(table))
    marks = [
        f"fig{position}-"
        for position, name in enumerate(table.columns, start=1)
        if name in figures or pd.api.types.is_numeric_dtype(table[name])
    ] + [
        f"whole{position}-"
        for position, name in enumerate(table.columns, start=1)
        if name in unbroken
    ]
    return f"{key}-{''.join(marks)}"
