"""The latency floor: one number input and one metric, so a rerun costs only Streamlit itself.

``benchmarks/browser_latency.py`` times the calculator against this app on the same machine.
"""

import streamlit as st

value = st.number_input("Value", min_value=0, max_value=1_000_000, step=1, value=70, key="value")
st.metric("Twice the value", f"{2 * value:,}")
