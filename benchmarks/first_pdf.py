"""The PDF report as a person gets it in the app: from the click to the file, first and later.

Usage: .venv/bin/python benchmarks/first_pdf.py [--servers 3] [--reports 3] [--read 5]

For each of ``--servers`` fresh ``streamlit run`` processes: opens the calculator in headless
Chromium, waits ``--read`` seconds (a person reading the page; the server starts its PDF printer
in the background meanwhile), then clicks "Report (PDF, US Letter)" ``--reports`` times in turn
and times each click until the whole file is downloaded [s]. The first report of a server process used to start Chromium (2-8 s); with the printer
warmed while the page is read, it should take about as long as the later ones.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from browser_latency import APP, CHROMIUM_ARGS, server
from playwright.sync_api import sync_playwright

LABEL = "Report (PDF, US Letter)"  # the worked example is in US dollars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=3, help="fresh server processes")
    parser.add_argument("--reports", type=int, default=3, help="PDFs asked for on each")
    parser.add_argument("--read", type=float, default=5.0, help="seconds before the first [s]")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    first, later = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for _ in range(args.servers):
            with server(APP) as (url, _process):
                page = browser.new_page(
                    viewport={"width": 1440, "height": 900}, accept_downloads=True
                )
                page.goto(url)
                button = page.locator(".st-key-downloads").get_by_role("button", name=LABEL)
                button.wait_for(timeout=60_000)
                time.sleep(args.read)
                for index in range(args.reports):
                    button.scroll_into_view_if_needed()
                    start = time.perf_counter()
                    with page.expect_download(timeout=120_000) as info:
                        button.click()
                    info.value.path()  # the whole file has arrived
                    seconds = time.perf_counter() - start
                    (first if index == 0 else later).append(seconds)
                    print(f"  report {index + 1}: {seconds:.2f} s", flush=True)
                page.close()
        browser.close()
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"first PDF of a server process: median {statistics.median(first):.2f} s {first}")
    if later:
        print(f"later PDFs:                    median {statistics.median(later):.2f} s")


if __name__ == "__main__":
    main()
