"""What the browser sent with this run's request: the value of every widget it shows.

Streamlit hands these values to the widgets as they are drawn; until a widget is drawn in the run,
its value is kept as the browser sent it. Three cases need to look earlier: a session resumed after
a server restart (:func:`app.state.kept_from_browser`), an uploaded file the server lost
(:mod:`app.uploads`), and a widget the browser never received (:func:`resend_if_unreported`).
"""

from __future__ import annotations

import streamlit as st
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

_ID_PREFIX = "$$ID-"  # keyed widget ids read "$$ID-<hash>-<key>"; the key "None" means none
_REPORTED_KEY = "widgets_reported_by_browser"  # keys of the widgets this run's request reported


def sent_widget_states() -> dict[str, WidgetState]:
    """The request's widget values by widget key (widgets without a key are left out).

    Read a widget's entry before the widget is drawn in this run: afterwards it holds what the
    server made of it (e.g. only the uploaded files it still has).
    """
    context = get_script_run_ctx()
    if context is None:
        return {}
    states = {}
    for widget in context.session_state.get_widget_states():
        if not widget.id.startswith(_ID_PREFIX):
            continue
        key = widget.id[len(_ID_PREFIX) :].partition("-")[2]
        if key and key != "None":
            states[key] = widget
    return states


def note_reported_widgets() -> None:
    """Remember which widgets this run's request reported, for :func:`resend_if_unreported`.

    Call at the start of the run, before any widget is drawn. A fragment's run keeps the set of
    the last whole run: at worst a value is sent again that the browser already shows.
    """
    st.session_state[_REPORTED_KEY] = frozenset(sent_widget_states())


def resend_if_unreported(key: str) -> None:
    """Before widget ``key`` is drawn: when the session holds a value for it that the browser
    did not report, set that value again, so that Streamlit sends it with the widget.

    Why: the browser reports every widget it shows with each request. A run that fills widgets
    through the session can be cut short by the next input (a click while the page is still
    loading), and Streamlit then drops the part of the run it had not yet sent. The next run
    finds the filled values in the session, but Streamlit sends a widget's value only in a run
    that sets it; so the browser would draw the widget at its default (a number input's minimum,
    an empty box) and send that back with the next input, in place of the value the page holds.
    Setting the value the session already holds changes nothing else.
    """
    if key not in st.session_state.get(_REPORTED_KEY, frozenset()) and key in st.session_state:
        st.session_state[key] = st.session_state[key]
