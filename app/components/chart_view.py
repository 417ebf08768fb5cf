"""Show a chart with its summary sentence and its data table."""

from __future__ import annotations

import streamlit as st

from app.charts import PLOTLY_CONFIG, ChartView
from app.components.markdown import escape_markdown


def show_chart_view(view: ChartView, key: str) -> None:
    """The figure, then the one-sentence summary, then the same numbers as a table.

    Everything sits in ``st.container(key=key)`` so tests and pages can find the chart; the
    summary doubles as the figure's text alternative.
    """
    with st.container(key=key):
        st.plotly_chart(
            view.figure,
            width="stretch",
            theme=None,
            key=f"{key}_figure",
            config=PLOTLY_CONFIG,
            alt=view.summary,
        )
        st.caption(escape_markdown(view.summary))
        with st.expander(f"Numbers behind the chart: {escape_markdown(view.title)}"):
            st.dataframe(view.table, hide_index=True, width="stretch")
