"""The load a sales team brings: 20 people changing inputs at once, and one browser beside them.

Twenty sessions speak Streamlit's own WebSocket protocol (``tests/load/stream_client.py``; 20
headless browsers would need more than a two-core machine), each typing numbers no other session
types, for ``LOAD_SECONDS`` seconds (25 by default, to keep CI short; ``benchmarks/load_bench.py``
runs 30 sessions for 60 s). One real browser types its own numbers at the same time and checks
what a person sees.

Asserted: no exception or error box anywhere; every headline equals the figure the calculator
package computes for that session's own input, and the address holds that session's numbers; the
server's memory after 300 inputs and after every session closed (``disconnectedSessionTTL`` set to
2 s) stays within 10 % of its plateau after the warm-up. The change-to-headline times are printed
(``TEST_WORKERS=0 bash scripts/test tests/browser/test_load.py -s``), not asserted.
"""

from __future__ import annotations

import os

import psutil
import pytest

from tests.browser.conftest import start_server, stop_server
from tests.load.sales_team import RERUNS_FOR_MEMORY, run_with_browser

pytestmark = pytest.mark.slow

SESSIONS = 20
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "25"))
SESSION_TTL = 2  # [s] closed sessions are dropped this long after their socket closed
MEMORY_SLACK = 1.10  # within 10 % of the plateau


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
    report = run_with_browser(
        url, server, page, sessions=SESSIONS, seconds=LOAD_SECONDS, ttl=SESSION_TTL
    )
    print("\n" + "\n".join(report.lines()))

    assert report.problems == []
    assert report.foreign == []
    assert report.browser_latencies, "the browser typed nothing while the load ran"
    assert report.inputs >= RERUNS_FOR_MEMORY, "too few inputs to judge the memory"
    assert report.rss_after_reruns is not None
    assert report.rss_after_reruns <= MEMORY_SLACK * report.rss_plateau
    assert report.rss_closed <= MEMORY_SLACK * report.rss_plateau
