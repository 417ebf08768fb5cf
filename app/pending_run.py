"""Wait, off the script's thread, for the run the browser has just asked for.

Why: a download is built when its button is clicked, on a thread of its own. A click that
follows typing in a box without Enter also makes the box lose focus, which sends the new value
(a rerun); the browser sends the download's request first and the value 10-50 ms later (measured
with Streamlit 1.67 in Chromium). The button clicked is the one drawn by the run before, and its
file would hold the figures the page is about to replace. So a download first gives a rerun
:data:`ARRIVAL_GRACE` to arrive, waits until no run is pending or going, then builds from what
the latest run registered (:func:`app.components.download_button.download_button`). The cost is
the grace, once per click.

How: Streamlit gives a session a script runner as soon as a rerun is requested and drops it once
the last run is over. ``AppSession`` keeps it in a private attribute; if a later Streamlit
renamed it, the wait would do nothing and downloads behave as before (the browser test of this
case, tests/browser/test_downloads.py, would then fail).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from streamlit import runtime
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

ARRIVAL_GRACE = 0.3  # [s] how long after the click the browser may still send the box's value
WAIT_LIMIT = 30.0  # [s] longest wait for runs in a row; the file is then built from the latest
_POLL = 0.02  # [s]


def pending_run_waiter() -> Callable[[], None]:
    """A function, to call on any thread, that gives a rerun :data:`ARRIVAL_GRACE` to start, then
    waits until this session has no run pending or going (at most :data:`WAIT_LIMIT`). Outside a
    running server it returns at once."""
    context = get_script_run_ctx()
    if context is None or not runtime.exists():
        return _no_wait
    session_id = context.session_id  # the session is looked up on a click, not on every run

    def wait() -> None:
        session = runtime.get_instance().get_app_session(session_id)
        if session is None:
            return

        def run_pending() -> bool:
            return getattr(session, "_scriptrunner", None) is not None

        _wait_while(lambda: not run_pending(), ARRIVAL_GRACE)
        _wait_while(run_pending, WAIT_LIMIT)

    return wait


def _wait_while(condition: Callable[[], bool], limit: float) -> None:
    deadline = time.monotonic() + limit
    while condition() and time.monotonic() < deadline:
        time.sleep(_POLL)


def _no_wait() -> None:
    return None
