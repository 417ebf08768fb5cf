"""Show a chart with its summary sentence and its data table."""

from __future__ import annotations

import streamlit as st

from app.components.data_table import show_data_table
from app.components.markdown import escape_markdown
from app.views import PLOTLY_CONFIG, ChartView


def show_chart_view(view: ChartView, key: str, *, table_in_expander: bool = True) -> None:
    """The figure, then the one-sentence summary, then the same numbers as a table.

    Everything sits in ``st.container(key=key)`` so tests and pages can find the chart; the
    summary doubles as the figure's text alternative. The table is folded into an expander, or
    shown right under the summary with ``table_in_expander=False`` (for a chart that already
    sits in an expander: Streamlit does not nest them).
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
        label = f"Numbers behind the chart: {view.title}"
        if table_in_expander:
            # Keyed, like every expander of the app: the browser keeps a keyed expander open
            # when a warning above it comes or goes; an unkeyed one is drawn anew, closed.
            with st.expander(escape_markdown(label), key=f"{key}_table_section"):
                show_data_table(view.table, figures=view.figure_columns)
        else:
            show_data_table(view.table, figures=view.figure_columns, alt=label)
