"""How the numbers are computed: counting rules, formulas, the worked example."""

import streamlit as st

st.title("Method")
st.write("How every number on the calculator is computed.")
