"""A download button builds from the latest run's figures, after a run the click may start.

The race itself (a number typed without Enter, then a download clicked) is reproduced in a real
browser by tests/browser/test_downloads.py; these tests pin the two parts it rests on.
"""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from app import pending_run
from app.components.download_button import _latest_build


def test_a_button_from_an_earlier_run_builds_the_latest_runs_file(monkeypatch):
    """The callable handed to the button of run 1 returns what run 2 registered for its key."""
    monkeypatch.setattr("app.components.download_button.pending_run_waiter", lambda: lambda: None)
    builds = {"csv": lambda: "run 1"}
    clicked = _latest_build(builds, "csv")
    builds["csv"] = lambda: "run 2"
    assert clicked() == "run 2"


def test_outside_a_server_the_wait_returns_at_once():
    """AppTest and plain calls have no session to wait for."""
    wait = pending_run.pending_run_waiter()
    started = time.monotonic()
    wait()
    assert time.monotonic() - started < pending_run.ARRIVAL_GRACE


@pytest.fixture
def session(monkeypatch):
    """A stand-in for Streamlit's AppSession: a run is pending while it holds a script runner."""
    fake = SimpleNamespace(_scriptrunner=None)
    instance = SimpleNamespace(get_app_session=lambda session_id: fake)
    monkeypatch.setattr(pending_run, "get_script_run_ctx", lambda: SimpleNamespace(session_id="s"))
    monkeypatch.setattr(
        pending_run,
        "runtime",
        SimpleNamespace(exists=lambda: True, get_instance=lambda: instance),
    )
    monkeypatch.setattr(pending_run, "ARRIVAL_GRACE", 0.2)
    return fake


def test_the_wait_lasts_until_a_run_that_starts_within_the_grace_is_over(session):
    """A rerun arriving 50 ms after the click, over 300 ms later: the wait ends after it."""
    wait = pending_run.pending_run_waiter()
    over = threading.Event()

    def rerun() -> None:
        time.sleep(0.05)
        session._scriptrunner = object()
        time.sleep(0.3)
        over.set()  # just before the run ends: a wait that ended earlier finds it unset
        session._scriptrunner = None

    threading.Thread(target=rerun).start()
    wait()
    # The run was over when the wait ended (not timed: a loaded machine delays either thread).
    assert over.is_set()


def test_without_a_run_the_wait_is_the_grace(session):
    """No rerun follows the click: the file is built once the grace is over."""
    wait = pending_run.pending_run_waiter()
    started = time.monotonic()
    wait()
    assert 0.2 <= time.monotonic() - started < 5
