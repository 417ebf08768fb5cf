"""Data tables as a reader compares them: figures right-aligned, so digits line up."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

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
