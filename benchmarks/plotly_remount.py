"""What a changed chart costs the browser: Streamlit draws it anew, where Plotly could update it.

Usage: .venv/bin/python benchmarks/plotly_remount.py [--interactions 6] [--updates 20]

1. In the app (``streamlit run``, headless Chromium), types 60 and 70 active users in turn into
   the calculator's quick inputs as ``browser_latency.py`` does, and counts per interaction the
   Plotly charts whose graph element was replaced (a new chart drawn from nothing and the old one
   purged) against the charts kept. Streamlit 1.67 keys a chart's React element by an id hashed
   from the figure, so a changed figure is a new element.
2. In a bare page with plotly.js (the copy in the ``plotly`` package, nothing from the network),
   draws the calculator's five charts, then switches them between the two scenarios, timing each
   switch of all five [ms]: drawn anew (``Plotly.purge`` then ``Plotly.newPlot``, what a new
   element costs) against updated in place (``Plotly.react``, Plotly's own diff). The two ways
   alternate in rounds, so both see the same load.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
from pathlib import Path

import plotly
from browser_latency import (
    APP,
    CHROMIUM_ARGS,
    VALUES,
    Target,
    calculator_expected,
    chromium_path,
    interact,
)
from browser_latency import server as app_server
from playwright.sync_api import sync_playwright

from app.quick import build_quick_scenario, quick_values_from
from app.views.calculator import all_chart_views
from calculator import compare, example_scenario

# Marks every chart's graph element once; afterwards, counts the marked ones still on the page.
_MARK = """() => {
    const plots = [...document.querySelectorAll(".js-plotly-plot")];
    plots.forEach(gd => { gd.__seen = true; });
    return plots.length;
}"""
_KEPT = """() => [...document.querySelectorAll(".js-plotly-plot")].filter(gd => gd.__seen).length"""

# Draws every figure once, then switches them ``n`` times between the two sets; the time of each
# switch of all figures [ms].
_SWITCH = """async ([first, second, mode, n]) => {
    const config = {displayModeBar: false};
    const draw = (i, f) => Plotly.newPlot(`c${i}`, f.data, {...f.layout}, config);
    for (let i = 0; i < first.length; i++) await draw(i, first[i]);
    const times = [];
    for (let k = 0; k < n; k++) {
        const figures = k % 2 ? first : second;
        const start = performance.now();
        for (let i = 0; i < figures.length; i++) {
            const f = figures[i];
            if (mode === "react") {
                await Plotly.react(`c${i}`, f.data, {...f.layout}, config);
            } else {
                Plotly.purge(`c${i}`);
                await draw(i, f);
            }
        }
        times.push(performance.now() - start);
    }
    return times;
}"""


def figures(active: int) -> list[dict]:
    """The calculator's charts for the worked example with ``active`` users, as Plotly JSON."""
    example = example_scenario()
    values = dataclasses.replace(quick_values_from(example), active=active)
    scenario = build_quick_scenario(values, name=example.name, start_month=example.start_month)
    return [json.loads(view.figure.to_json()) for view in all_chart_views(compare(scenario))]


def count_replaced(browser, interactions: int) -> list[tuple[int, int]]:
    """(charts replaced, charts on the page) per calculator interaction."""
    target = Target("calculator", APP, "quick_active", calculator_expected)
    counts = []
    with app_server(APP) as (url, process):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(url)
        for index in range(2 + interactions):
            page.wait_for_timeout(1000)  # every chart of the last run drawn
            page.evaluate(_MARK)
            interact(page, target, VALUES[index % 2], process)
            page.wait_for_timeout(1000)
            shown = page.evaluate(_MARK.replace("gd.__seen = true", "0"))
            if index >= 2:
                counts.append((shown - page.evaluate(_KEPT), shown))
        page.close()
    return counts


def time_switches(browser, updates: int, rounds: int = 3) -> dict[str, list[float]]:
    """Median time of a switch of the calculator's charts per round [ms], by way of drawing."""
    first, second = figures(VALUES[0]), figures(VALUES[1])
    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    boxes = "".join(
        f"<div id='c{i}' style='width:946px;height:480px'></div>" for i in range(len(first))
    )
    medians: dict[str, list[float]] = {"drawn anew": [], "updated in place": []}
    for _ in range(rounds):
        for name, mode in (("drawn anew", "remount"), ("updated in place", "react")):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_content(f"<html><body>{boxes}</body></html>")
            page.add_script_tag(path=str(bundle))
            times = page.evaluate(_SWITCH, [first, second, mode, updates])
            medians[name].append(statistics.median(times[2:]))
            page.close()
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=6)
    parser.add_argument("--updates", type=int, default=20)
    args = parser.parse_args()
    chromium = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        counts = count_replaced(browser, args.interactions)
        medians = time_switches(browser, args.updates)
        browser.close()
    print(f"calculator, {len(counts)} interactions: charts replaced / charts on the page")
    print("  " + ", ".join(f"{replaced}/{shown}" for replaced, shown in counts))
    print(f"the calculator's {len(figures(VALUES[0]))} charts switched between 60 and 70 active")
    print(f"users, {args.updates - 2} switches a round, median per round [ms]:")
    for name, values in medians.items():
        print(f"  {name:<18} " + "  ".join(f"{value:6.1f}" for value in values))


if __name__ == "__main__":
    main()
