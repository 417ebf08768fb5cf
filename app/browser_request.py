"""What the browser sent with this run's request: the value of every widget it shows.

Streamlit hands these values to the widgets as they are drawn; until a widget is drawn in the run,
its value is kept as the browser sent it. Two cases need to look earlier: a session resumed after a
server restart (:func:`app.state.kept_from_browser`) and an uploaded file the server lost
(:mod:`app.uploads`).
"""

from __future__ import annotations

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

_ID_PREFIX = "$$ID-"  # keyed widget ids read "$$ID-<hash>-<key>"; the key "None" means none


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
