"""The load a sales team brings: 20 people changing inputs at once, and one browser beside them.

Twenty sessions speak Streamlit's own WebSocket protocol (``tests/load/stream_client.py``; 20
headless browsers would need more than this two-core machine), each typing numbers no other
session types, for ``LOAD_SECONDS`` seconds (25 here to keep CI short; the benchmark
``benchmarks/load_bench.py`` runs 30 sessions for 60 s). One real browser types its own numbers at
the same time and checks what a person sees.

Asserted: no exception or error box anywhere; every headline equals the figure the calculator
package computes for that session's own input, and the address holds that session's numbers; the
server's memory after 300 inputs and after every session closed (``disconnectedSessionTTL`` set to
2 s) stays within 10 % of its plateau after the warm-up. The change-to-headline times are printed
(``pytest -s``), not asserted.
"""

from __future__ import annotations

import asyncio
import os
import threading

import psutil
import pytest

from tests.browser.calculator_page import HEADLINE, enter_value, open_app
from tests.browser.conftest import start_server, stop_server
from tests.load.sales_team import (
    RERUNS_FOR_MEMORY,
    LoadReport,
    drive,
    expected_savings,
)

pytestmark = pytest.mark.slow

SESSIONS = 20
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "25"))
SESSION_TTL = 2  # [s] closed sessions are dropped this long after their socket closed
MEMORY_SLACK = 1.10  # within 10 % of the plateau
BROWSER_VALUES = range(51, 100)  # active users the browser types; its 100 seats are its own
LOAD_TIMEOUT = 120.0  # [s] warm-up and the clients' start, generous: CI machines are shared

# Resolves with performance.now() in the first animation frame that shows ``text`` in the metric.
_SHOWS = """([scope, label, text]) => {
    const metric = [...document.querySelectorAll(`${scope} [data-testid='stMetric']`)]
        .find(m => m.textContent.includes(label));
    const value = metric && metric.querySelector("[data-testid='stMetricValue']");
    return value && value.textContent.trim() === text ? performance.now() : false;
}"""


def browser_beside(page, url: str, loading: threading.Event, report: list[float]) -> list[str]:
    """Type active users in a real browser while the load runs; return what looked wrong."""
    wrong = []
    open_app(page, url)
    if not loading.wait(LOAD_TIMEOUT):
        return ["the load never started"]
    index = 0
    while loading.is_set():
        active = BROWSER_VALUES[index % len(BROWSER_VALUES)]
        index += 1
        ((label, text),) = expected_savings(100, active).items()
        started = page.evaluate("performance.now()")
        enter_value(page, "quick_active", active)
        shown = page.wait_for_function(
            _SHOWS, arg=[HEADLINE, label, text], polling="raf", timeout=60_000
        ).json_value()
        report.append((shown - started) / 1000)
        for test_id in ("stException", "stAlertContentError"):
            if page.get_by_test_id(test_id).count():
                wrong.append(f"the browser shows {test_id} after typing {active}")
    return wrong


@pytest.fixture(scope="module")
def load_server():
    """A server of its own, closed sessions dropped after ``SESSION_TTL`` seconds."""
    url, process = start_server("--server.disconnectedSessionTTL", str(SESSION_TTL))
    yield url, psutil.Process(process.pid)
    stop_server(process)


def test_sales_team_load(load_server, page):
    """20 sessions typing their own numbers: no error, no one sees another's numbers, memory
    stays within 10 % of its plateau; the latencies are printed."""
    url, server = load_server
    loading = threading.Event()
    outcome: dict[str, object] = {}

    def clients() -> None:
        try:
            outcome["report"] = asyncio.run(
                drive(
                    url,
                    server,
                    sessions=SESSIONS,
                    seconds=LOAD_SECONDS,
                    session_ttl=SESSION_TTL,
                    loading=loading,
                )
            )
        except BaseException as exc:  # handed to the test's thread below
            outcome["error"] = exc
            loading.clear()

    thread = threading.Thread(target=clients, name="load-clients")
    thread.start()
    browser_latencies: list[float] = []
    try:
        browser_wrong = browser_beside(page, url, loading, browser_latencies)
    finally:
        thread.join()
    if "error" in outcome:
        raise outcome["error"]
    report: LoadReport = outcome["report"]
    report.browser_latencies = browser_latencies
    print("\n" + "\n".join(report.lines()))

    assert report.problems == []
    assert report.foreign == []
    assert browser_wrong == []
    assert browser_latencies, "the browser typed nothing while the load ran"
    assert report.inputs >= RERUNS_FOR_MEMORY, "too few inputs to judge the memory"
    assert report.rss_after_reruns is not None
    assert report.rss_after_reruns <= MEMORY_SLACK * report.rss_plateau
    assert report.rss_closed <= MEMORY_SLACK * report.rss_plateau
