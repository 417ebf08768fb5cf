"""The scenario's name, editable where it is shown: the title of every report and file name."""

from __future__ import annotations

import streamlit as st

from app import state
from app.binding import Problems, show_problems, try_set
from app.browser_request import resend_if_unreported

NAME_LABEL = "Name of the scenario"


def scenario_name_box(key: str, *, help: str | None = None) -> None:
    """A text box holding the session's scenario name under ``key``; a name typed in it renames
    the scenario at once (a real change, kept in the link), and a name the scenario refuses
    (empty, too long) is said under the box while the scenario keeps its name."""
    revision_key, problems_key = f"{key}__revision", f"{key}__problems"
    # Seeded again after a change elsewhere, and after a visit to a page that does not draw the
    # box: Streamlit drops the state of a widget a run does not draw, which left it empty.
    if st.session_state.get(revision_key) != state.revision() or key not in st.session_state:
        st.session_state[revision_key] = state.revision()
        st.session_state[key] = state.get_scenario().name
        st.session_state[problems_key] = None
    resend_if_unreported(key)
    st.text_input(NAME_LABEL, key=key, on_change=_rename, args=(key, problems_key), help=help)
    if st.session_state.get(problems_key):
        show_problems(st.session_state[problems_key])


def _rename(key: str, problems_key: str) -> None:
    data = {**state.get_scenario().model_dump(), "name": st.session_state[key]}
    result = try_set(data, {"name": NAME_LABEL}, rerun=False)
    st.session_state[problems_key] = result if isinstance(result, Problems) else None
