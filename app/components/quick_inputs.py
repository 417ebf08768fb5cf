"""Quick mode: the four numbers of the worked example, plus an optional concurrent plan.

The inputs describe one typical month; the scenario they write is that month repeated for twelve
months from the current scenario's start month, with named seats as today's plan.
"""

from __future__ import annotations

import streamlit as st

from app import state
from app.binding import Problems, show_problems, try_set, validate
from app.fields import QUICK, QuickValues
from app.quick import is_quick_shaped, quick_data, quick_values_from

__all__ = ["QuickValues", "quick_inputs"]

_SEEDED_FROM = "quick__seeded_from"  # revision of the scenario the widgets were filled from
_SEED_VALUES = "quick__seed_values"


def quick_inputs() -> QuickValues | Problems:
    """Show the quick inputs; when the user changed them, write the new scenario.

    Returns the values shown, or the problems while they break a rule (shown under the inputs;
    the previous scenario stays current).
    """
    scenario = state.get_scenario()
    keys = QUICK.widget_keys()
    missing = any(key not in st.session_state for key in keys)
    if missing or st.session_state.get(_SEEDED_FROM) != state.revision():
        seed = quick_values_from(scenario)
        for key, value in QUICK.widget_values(seed).items():
            if not state.kept_from_browser(key):  # after a restart: the person's last input
                st.session_state[key] = value
        st.session_state[_SEED_VALUES] = seed
        st.session_state[_SEEDED_FROM] = state.revision()

    if not is_quick_shaped(scenario):
        st.info(
            "These numbers are the first month of your seasonal plan. Changing one replaces the "
            "plan with twelve months like it.",
            icon=":material/info:",
        )
    values = validate(QuickValues, QUICK.show(st.columns(2)), QUICK.labels())
    if isinstance(values, Problems):  # empty, a fraction of an agent, or not a number
        show_problems(values)
        return values
    if values == st.session_state[_SEED_VALUES]:
        return values
    result = try_set(
        quick_data(
            values,
            name=scenario.name,
            start_month=scenario.start_month,
            budget=scenario.budget,
            currency=scenario.currency,
        ),
        QUICK.labels(),
        rerun=False,
    )
    if isinstance(result, Problems):
        show_problems(result)
        return result
    st.session_state[_SEED_VALUES] = values
    st.session_state[_SEEDED_FROM] = state.revision()
    return values
