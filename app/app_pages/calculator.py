"""The calculator: enter a scenario (quick or seasonal), see what each plan costs and why."""

import streamlit as st

from app import state
from app.binding import Problems
from app.components.commitment import show_commitment_advice
from app.components.currency import currency_selector
from app.components.downloads import show_downloads
from app.components.log_handover import show_log_handover
from app.components.mode_switch import QUICK, mode_switch, remember_mode
from app.components.quick_inputs import draw_quick_inputs, quick_inputs, read_quick_inputs
from app.components.refused_entry import note_entry
from app.components.results import (
    show_chart_sections,
    show_headline,
    show_no_figures,
    show_waterfall,
)
from app.components.seasonal_editor import period_keys, seasonal_editor
from app.components.share_panel import share_panel
from app.fields import QUICK as QUICK_FIELDS
from app.scenario_cache import comparison_of
from calculator import EXAMPLE_NAME

st.title("What would you pay under each licensing model?")
# The worked example is said to be one only while the scenario still bears its name: a log's,
# a file's or a link's figures are not "illustrative, not a quote".
example = state.get_scenario().name == EXAMPLE_NAME
st.write(
    "Enter what you pay for today and how many agents really log in."
    + (
        " The starting numbers are the worked example from the Method page: illustrative, not "
        "a quote."
        if example
        else ""
    )
)
show_log_handover()
inputs = None  # the quick inputs' column, while their widgets are still to be drawn
mode = mode_switch()
if mode == QUICK:
    inputs, headline = st.columns([2, 3], gap="large")
    # Read before drawn: the new figures reach the browser ahead of the unchanged widgets.
    entered = read_quick_inputs()
    if entered is None:  # a resumed session's first run: the widgets must be drawn to be read
        with inputs:
            entered = quick_inputs()
        inputs = None
else:
    with st.container(border=True):
        entered = seasonal_editor()
    headline = st.container()
# Kept for the other pages to tell, and for the boxes on the way back.
note_entry(entered, QUICK_FIELDS.widget_keys() if mode == QUICK else period_keys())
comparison = None
if isinstance(entered, Problems):
    # The session's scenario is the last valid one: showing its figures now would be stale.
    with headline:
        show_no_figures(entered.lines)
else:
    comparison = comparison_of(state.get_scenario())
    with headline:
        show_headline(comparison)
    show_waterfall(comparison)
if inputs is not None:
    with inputs:
        draw_quick_inputs(entered)
remember_mode()
if comparison is not None:
    show_chart_sections(comparison)
    show_commitment_advice(comparison.scenario)
    show_downloads(comparison)
with st.sidebar:
    currency_selector()
    share_panel()
