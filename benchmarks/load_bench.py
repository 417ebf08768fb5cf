"""The load a sales team brings, measured: 30 people changing the calculator's inputs at once.

Usage: .venv/bin/python benchmarks/load_bench.py [--sessions 30] [--seconds 60] [--browsers 1]

Starts ``streamlit run`` on a free loopback port (closed sessions dropped after 2 s), opens
``--sessions`` sessions that speak Streamlit's WebSocket protocol (``tests/load/stream_client.py``)
and ``--browsers`` (0 or 1) headless Debian chromium beside them. Every session types numbers of
its own for ``--seconds`` (see ``tests/load/sales_team.py``). Prints the inputs handled, the errors
and the headlines showing another session's numbers (both should be 0), the change-to-headline
p50/p95 of the clients and of the browser, and the server's memory (RSS) at its plateau after the
warm-up, after 300 inputs, at the end and after every session closed. The same load, 20 sessions
for 25 s, is a test: ``tests/browser/test_load.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the load clients live with the tests

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    start_server,
    stop_server,
)
from tests.load.sales_team import drive, run_with_browser  # noqa: E402

SESSION_TTL = 2  # [s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, help="WebSocket sessions")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load")
    parser.add_argument("--browsers", type=int, choices=(0, 1), default=1, help="real browsers")
    args = parser.parse_args()
    if args.browsers and chromium_path() is None:
        sys.exit("needs Debian's chromium: run `bash scripts/test` to install it")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    url, process = start_server("--server.disconnectedSessionTTL", str(SESSION_TTL))
    server = psutil.Process(process.pid)
    try:
        if args.browsers:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), args=CHROMIUM_ARGS
                )
                try:
                    report = run_with_browser(
                        url,
                        server,
                        browser.new_page(),
                        sessions=args.sessions,
                        seconds=args.seconds,
                        ttl=SESSION_TTL,
                    )
                finally:
                    browser.close()
        else:
            report = asyncio.run(
                drive(
                    url,
                    server,
                    sessions=args.sessions,
                    seconds=args.seconds,
                    session_ttl=SESSION_TTL,
                )
            )
    finally:
        stop_server(process)
    print("\n".join(report.lines()))
    for problem in [*report.problems, *report.foreign][:10]:
        print(f"  {problem}")
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
