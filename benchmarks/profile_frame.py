"""Where the browser spends an interaction: Chromium's own counters (CDP ``Performance``).

Usage: .venv/bin/python benchmarks/profile_frame.py [--interactions 20] [--pages NAME ...]

For the calculator and the floor with a chart (see ``browser_latency.py``), types the values in
turn as the latency benchmark does and reads the page's counters before and after: main-thread
task time, of which script, layout and style recalculation, per interaction [ms], and the number
of layouts. What the browser does beyond the floor is the client-side share of the latency.
With ``--pages``, the same for each page case of ``browser_latency.PAGES`` whose name starts
with one of the names given (its setup first, then its steps in turn).
"""

from __future__ import annotations

import argparse

from browser_latency import (
    _ARM,
    _SHOWN,
    _WATCH_SOCKET,
    APP,
    CHROMIUM_ARGS,
    PAGES,
    TARGETS,
    TIMEOUT,
    VALUES,
    _arguments,
    chromium_path,
    interact,
    server,
    take,
)
from playwright.sync_api import sync_playwright

COUNTERS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


def counters(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def print_counters(name: str, before: dict, after: dict, interactions: int) -> None:
    per = {k: (after[k] - before[k]) * 1000 / interactions for k in COUNTERS}
    layouts = (after["LayoutCount"] - before["LayoutCount"]) / interactions
    print(
        f"{name:<22} per interaction [ms]: "
        + "   ".join(f"{k.removesuffix('Duration').lower()} {v:6.1f}" for k, v in per.items())
        + f"   layouts {layouts:4.1f}"
    )


def profile_pages(browser, names: list[str], interactions: int) -> None:
    """The counters of each page case of ``PAGES`` whose name starts with one of ``names``."""
    for case in PAGES:
        if not any(case.name.startswith(name) for name in names):
            continue
        with server(APP) as (url, _):
            page = browser.new_page()
            page.add_init_script(_WATCH_SOCKET)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(f"{url}/{case.path}")
            page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
                timeout=TIMEOUT
            )
            for step in case.setup:
                take(page, step)
            for index in range(2):  # warm-up
                take(page, case.steps[index % len(case.steps)])
            before = counters(cdp)
            for index in range(interactions):
                take(page, case.steps[index % len(case.steps)])
            after = counters(cdp)
            page.close()
        print_counters(case.name.split(",")[0], before, after, interactions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=20)
    parser.add_argument("--pages", nargs="*", default=[], help="page cases to add (name starts)")
    args = parser.parse_args()
    chromium = chromium_path()
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
            print_counters(target.name, before, after, args.interactions)
        profile_pages(browser, args.pages, args.interactions)
        browser.close()


if __name__ == "__main__":
    main()
