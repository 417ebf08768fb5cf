"""What the browser runs between Enter and the headline's new value: a CPU profile by script.

Usage: .venv/bin/python benchmarks/headline_profile.py [--interactions 10] [--floor]

Types 60 and 70 active users in turn into the calculator's quick inputs (or the floor with a
chart's input, ``--floor``) with Chromium's sampling profiler on (CDP ``Profiler``, a sample every
0.1 ms). Two marker functions, each busy for 2 ms, run in the page: one on the Enter keydown, one
from a ``MutationObserver`` the moment the metric's text changes; the samples between the first
sample of each are the window. Prints the window's median length [ms], then the time of its samples
per interaction [ms] by script (the file's name without its hash: ``react-dom``, ``emotion-styled``
and ``StreamlitMarkdown`` are Streamlit's frontend, ``index`` its core; ``(program)`` is the
browser's own work: style, layout, paint) and the functions with the most self time.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import statistics
import sys

from browser_latency import (
    APP,
    CHART_FLOOR_APP,
    CHROMIUM_ARGS,
    TIMEOUT,
    VALUES,
    chromium_path,
    server,
)
from playwright.sync_api import sync_playwright

_MARKERS = """scope => {
    const busy = ms => { const start = performance.now(); while (performance.now() - start < ms); };
    window.__ENTER_MARK__ = function __ENTER_MARK__() { busy(2); };
    window.__HEADLINE_MARK__ = function __HEADLINE_MARK__() { busy(2); };
    document.addEventListener("keydown", event => {
        if (event.key === "Enter") window.__ENTER_MARK__();
    }, true);
    let shown = null;
    new MutationObserver(() => {
        const value = document.querySelector(`${scope} [data-testid='stMetricValue']`);
        const text = value && value.textContent;
        if (text && text !== shown) {
            if (shown !== null) window.__HEADLINE_MARK__();
            shown = text;
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def _window(profile: dict) -> tuple[float, list[tuple[dict, float]]] | None:
    """The window's length [ms] from the Enter mark to the headline mark, and the (call frame,
    time [ms]) of each sample in it."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    parent = {child: node["id"] for node in profile["nodes"] for child in node.get("children", ())}

    def under(node_id: int, name: str) -> bool:
        while node_id is not None:
            if nodes[node_id]["callFrame"]["functionName"] == name:
                return True
            node_id = parent.get(node_id)
        return False

    times = itertools.accumulate(delta / 1000 for delta in profile["timeDeltas"])
    samples = list(zip(profile["samples"], times, strict=True))
    start = next((at for node, at in samples if under(node, "__ENTER_MARK__")), None)
    end = next((at for node, at in samples if under(node, "__HEADLINE_MARK__")), None)
    if start is None or end is None:
        return None
    following = [at for _, at in samples[1:]] + [samples[-1][1]]
    return end - start, [
        (nodes[node]["callFrame"], after - at)
        for (node, at), after in zip(samples, following, strict=True)
        if start <= at < end
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=10)
    parser.add_argument("--floor", action="store_true", help="profile the floor with a chart")
    args = parser.parse_args()
    chromium = chromium_path()
    script, key, scope = (
        (CHART_FLOOR_APP, "value", "[data-testid='stMain']")
        if args.floor
        else (APP, "quick_active", ".st-key-headline")
    )
    by_script: collections.Counter[str] = collections.Counter()
    by_function: collections.Counter[tuple[str, str]] = collections.Counter()
    windows: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        with server(script) as (url, _):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(url)
            page.locator(f"{scope} [data-testid='stMetricValue']").first.wait_for(timeout=TIMEOUT)
            page.wait_for_timeout(2000)  # every chart of the first run drawn
            page.evaluate(_MARKERS, scope)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 100})
            box = page.locator(f".st-key-{key} input")
            warmup = 3
            for index in range(warmup + args.interactions):
                box.fill(str(VALUES[index % 2]))
                page.wait_for_timeout(300)
                cdp.send("Profiler.start")
                box.press("Enter")
                page.wait_for_timeout(1200)  # the whole run, every chart drawn
                window = _window(cdp.send("Profiler.stop")["profile"])
                if index < warmup or window is None:
                    continue
                length, samples = window
                windows.append(length)
                for frame, spent in samples:
                    name = frame["url"].rsplit("/", 1)[-1].split(".")[0] or frame["functionName"]
                    by_script[name] += spent
                    by_function[(frame["functionName"] or "(anonymous)", name)] += spent
            page.close()
        browser.close()
    count = len(windows)
    if not count:
        sys.exit("no interaction showed both marks")
    print(
        f"{'floor with a chart' if args.floor else 'calculator'}, {count} interactions: Enter to "
        f"the metric's new value, median {statistics.median(windows):.1f} ms"
    )
    print(f"samples in the window per interaction [ms]: {sum(by_script.values()) / count:.1f}")
    for name, spent in by_script.most_common(12):
        print(f"  {name:<28} {spent / count:6.1f}")
    print("functions by self time [ms per interaction]")
    for (function, name), spent in by_function.most_common(12):
        print(f"  {spent / count:6.1f}  {function} ({name})")


if __name__ == "__main__":
    main()
