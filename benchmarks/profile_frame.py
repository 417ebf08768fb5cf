"""Where the browser spends an interaction: Chromium's own counters (CDP ``Performance``).

Usage: .venv/bin/python benchmarks/profile_frame.py [--interactions 20]

For the calculator and the floor with a chart (see ``browser_latency.py``), types the values in
turn as the latency benchmark does and reads the page's counters before and after: main-thread
task time, of which script, layout and style recalculation, per interaction [ms], and the number
of layouts. What the browser does beyond the floor is the client-side share of the latency.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from browser_latency import (
    _ARM,
    _SHOWN,
    CHROMIUM_ARGS,
    TARGETS,
    TIMEOUT,
    VALUES,
    _arguments,
    interact,
    server,
)
from playwright.sync_api import sync_playwright

COUNTERS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


def counters(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=20)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("needs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for target in TARGETS:
            with server(target.script) as (url, process):
                page = browser.new_page()
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                page.goto(url)
                page.evaluate(_ARM)
                page.wait_for_function(
                    _SHOWN,
                    arg=_arguments(target.expected(VALUES[1])),
                    polling="raf",
                    timeout=TIMEOUT,
                )
                for index in range(2):  # warm-up
                    interact(page, target, VALUES[index % 2], process)
                before = counters(cdp)
                for index in range(args.interactions):
                    interact(page, target, VALUES[index % 2], process)
                after = counters(cdp)
                page.close()
            per = {k: (after[k] - before[k]) * 1000 / args.interactions for k in COUNTERS}
            layouts = (after["LayoutCount"] - before["LayoutCount"]) / args.interactions
            print(
                f"{target.name:<22} per interaction [ms]: "
                + "   ".join(
                    f"{k.removesuffix('Duration').lower()} {v:6.1f}" for k, v in per.items()
                )
                + f"   layouts {layouts:4.1f}"
            )
        browser.close()


if __name__ == "__main__":
    main()
