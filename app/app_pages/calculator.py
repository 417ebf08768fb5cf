"""The calculator: enter a scenario (quick or seasonal), see what each plan costs and why."""

import streamlit as st

from app import state
from app.components.quick_inputs import quick_inputs
from app.components.results import show_results
from calculator import compare

st.title("What would you pay under each licensing model?")
st.write(
    "Enter what you pay for today and how many agents really log in. The defaults are the worked "
    "example from the method page and are illustrative."
)
quick_inputs()
show_results(compare(state.get_scenario()))
