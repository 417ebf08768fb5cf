"""What the calculator took from a login log, said on the calculator until the scenario changes.

The Usage page states its assumption (where the provisioned seats come from, months left out)
before "Use as my staffing curve" is pressed; the calculator it opens showed the new curve with no
word of it, so seats raised to the agents who logged in looked like a change nobody made.
"""

from __future__ import annotations

import streamlit as st

from app import state
from app.components.markdown import escape_markdown

_FROM_LOG = "log_handover__note"  # (scenario revision, the assumption in words)


def log_scenario_name(start_month: str, end_month: str) -> str:
    """The name a scenario gets from a log's months: ``"Login log 2024-01 to 2024-06"``."""
    if start_month == end_month:
        return f"Login log {start_month}"
    return f"Login log {start_month} to {end_month}"


def remember_log_handover(assumption: str) -> None:
    """Keep ``assumption`` for the calculator, for the scenario just set from the log."""
    st.session_state[_FROM_LOG] = (state.revision(), assumption)


def show_log_handover() -> None:
    """Say what the staffing curve took from the log, while the scenario is the one it set."""
    revision, assumption = st.session_state.get(_FROM_LOG, (None, ""))
    if revision != state.revision():
        st.session_state.pop(_FROM_LOG, None)
        return
    st.info(
        escape_markdown(f"The months and staffing come from the login log. {assumption}"),
        icon=":material/trending_up:",
    )
