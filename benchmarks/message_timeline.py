"""When the browser handles each WebSocket message of an interaction, against when the headline
shows.

Usage: .venv/bin/python benchmarks/message_timeline.py [--interactions 12] [--floor]

Types 60 and 70 active users in turn into the calculator's quick inputs (or the floor with a
chart's input, ``--floor``) as ``browser_latency.py`` does, and records in the page, from the
Enter keydown [ms]: when the first message of the rerun was handled, when the last message before
the metric showed the new value was handled, when the metric showed it, when the waterfall did,
and how many messages came before the metric and in all. Messages are timed as the page's
``message`` events run, so a message waiting for the busy main thread counts late: the spread of
the messages before the metric is the browser's time per message, when the server sent them in
a few milliseconds (see benchmarks/README.md for the server's side).
"""

from __future__ import annotations

import argparse
import statistics

from browser_latency import (
    _ARM,
    _SHOWN,
    APP,
    CHART_FLOOR_APP,
    CHROMIUM_ARGS,
    TIMEOUT,
    VALUES,
    Target,
    _arguments,
    calculator_expected,
    chart_floor_expected,
    chromium_path,
    interact,
    server,
)
from playwright.sync_api import sync_playwright

# Before the page's own script: every WebSocket message event is timed, in the order it runs.
_RECORD_MESSAGES = """(() => {
    window.__messages = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", () => window.__messages.push(performance.now()));
        }
    };
})()"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=12)
    parser.add_argument("--floor", action="store_true", help="time the floor with a chart")
    args = parser.parse_args()
    chromium = chromium_path()
    if args.floor:
        target = Target("floor with a chart", CHART_FLOOR_APP, "value", chart_floor_expected)
    else:
        target = Target("calculator", APP, "quick_active", calculator_expected)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        with server(target.script) as (url, process):
            page = browser.new_page()
            page.add_init_script(_RECORD_MESSAGES)
            page.goto(url)
            page.evaluate(_ARM)
            first = _arguments(target.expected(VALUES[1]))
            page.wait_for_function(_SHOWN, arg=first, polling="raf", timeout=TIMEOUT)
            warmup = 3
            for index in range(warmup + args.interactions):
                page.evaluate("() => { window.__messages = []; }")
                marks = interact(page, target, VALUES[index % 2], process)
                page.wait_for_timeout(300)  # the rest of the run's messages
                if index < warmup:
                    continue
                enter, metric = marks["enter"], marks["metric"]
                times = [at - enter for at in page.evaluate("window.__messages")]
                before = [at for at in times if at <= metric - enter]
                rows.append(
                    {
                        "first message": times[0],
                        "last message before the metric": before[-1],
                        "metric shown": metric - enter,
                        "waterfall shown": marks["chart"] - enter,
                        "messages before the metric": len(before),
                        "messages in all": len(times),
                    }
                )
        browser.close()
    print(f"{target.name}, {len(rows)} interactions, medians [ms from Enter, or a count]")
    for name in rows[0]:
        print(f"  {name:<32} {statistics.median(row[name] for row in rows):7.1f}")
    spread = [
        (row["last message before the metric"] - row["first message"])
        / max(row["messages before the metric"] - 1, 1)
        for row in rows
    ]
    print(f"  {'main thread per message':<32} {statistics.median(spread):7.1f}")


if __name__ == "__main__":
    main()
