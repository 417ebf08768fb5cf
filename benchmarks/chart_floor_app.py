"""The latency floor with a chart: one number input, one metric and one Plotly waterfall of the
calculator's waterfall's size (four bars, 400 px), drawn afresh on every run.

``benchmarks/browser_latency.py`` times the calculator's pages against this app on the same
machine: what is left above it is the page's own cost, not Streamlit's or Plotly's.
"""

import plotly.graph_objects as go
import streamlit as st

value = st.number_input("Value", min_value=0, max_value=1_000_000, step=1, value=70, key="value")
st.metric("Twice the value", f"{2 * value:,}")
figure = go.Figure(
    go.Waterfall(
        x=["Today", "Seats", "Rate", "New plan"],
        y=[10 * value, -value, -2 * value, 0],
        measure=["absolute", "relative", "relative", "total"],
    )
)
figure.update_layout(title_text=f"Waterfall for {value}", height=400)
with st.container(key="chart_waterfall"):
    st.plotly_chart(figure, width="stretch")
