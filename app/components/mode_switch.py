"""Choose how to enter the scenario: quick (one typical month) or a seasonal plan."""

from __future__ import annotations

import streamlit as st

from app import state
from app.browser_request import resend_if_unreported
from app.components.kept_widgets import forget, remember, restore
from app.quick import is_quick_shaped

QUICK = "Quick estimate"
SEASONAL = "Seasonal plan"
MODES = (QUICK, SEASONAL)

PAGE = "calculator"
KEPT = ("mode_switch", "seasonal_curve_source", "seasonal_edit_method")
"""The ways in a person chose, kept while they visit another page: Streamlit drops the state
of widgets a run does not draw, so the calculator came back in the mode the scenario's shape
suggests and with the table editor, not the seasonal plan and number inputs chosen."""


def mode_switch() -> str:
    """A radio between the two ways in; a scenario quick mode cannot show opens as seasonal.

    After a server restart the radio keeps what the browser shows (:func:`app.state.kept_from_browser`).
    """
    restore(PAGE)
    if "mode_switch" not in st.session_state and not state.kept_from_browser("mode_switch"):
        shaped = is_quick_shaped(state.get_scenario())
        st.session_state["mode_switch"] = QUICK if shaped else SEASONAL
    resend_if_unreported("mode_switch")
    return st.radio(
        "How do you want to describe your contact center?",
        MODES,
        horizontal=True,
        key="mode_switch",
        captions=(
            "Four numbers for a typical month: a result in seconds.",
            "Month by month: seasonal staff, part-timers, contract terms.",
        ),
    )


def remember_mode() -> None:
    """Keep the ways in drawn in this run (:data:`KEPT`) for the next visit to the page."""
    remember(PAGE, KEPT)


def reopen_mode() -> None:
    """Choose the mode afresh on the next run, for the scenario current then (after a load)."""
    st.session_state.pop("mode_switch", None)
    forget(PAGE, ["mode_switch"])
