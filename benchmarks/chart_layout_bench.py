"""What the browser spends drawing the calculator's charts, with their margins sized in advance
against grown by Plotly.

Usage: .venv/bin/python benchmarks/chart_layout_bench.py [--draws 15] [--rounds 3]

In a bare page with plotly.js (the copy in the ``plotly`` package) and Source Sans (the font file
Streamlit serves), draws each of the calculator's five charts afresh (``Plotly.purge`` then
``Plotly.newPlot``, what a new chart element costs) in a box as wide as the calculator's charts
at 1366 px, for the worked example (12 months) and the same over 36 months. Each figure is drawn
as the app builds it now (margins sized in advance, :mod:`app.views.margins`; long plans labelled
every few months) and as it was built before (the layout's own margins, every month labelled,
Plotly's automargin growing the margins and laying the chart out again). The two ways alternate
in rounds, so both see the same load. Prints, per way, how many charts Plotly had to widen and
the median time to draw all five [ms].
"""

from __future__ import annotations

import argparse
import base64
import json
from contextlib import contextmanager
from pathlib import Path

import plotly
import streamlit
from browser_latency import CHROMIUM_ARGS, chromium_path
from playwright.sync_api import Page, sync_playwright

from app.views import calculator as calculator_views
from app.views import conventions
from calculator import compare, example_scenario, preset_curve

CHART_WIDTH = 872
"""A calculator chart's width at a 1366 px window with the sidebar open [px]."""

_FONT = next((Path(streamlit.__file__).parent / "static").rglob("SourceSansVF-Upright*.woff2"))
_BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

# Draws each figure ``n`` times afresh; per figure, the median time [ms] and whether Plotly
# widened any margin the figure asked for.
_DRAW = """async ([figures, n]) => {
    const config = {displayModeBar: false};
    const rows = [];
    for (const f of figures) {
        const times = [];
        for (let k = 0; k < n; k++) {
            Plotly.purge("c");
            const start = performance.now();
            await Plotly.newPlot("c", f.data, {...f.layout}, config);
            times.push(performance.now() - start);
        }
        const asked = f.layout.margin, drawn = document.getElementById("c")._fullLayout._size;
        const grown = ["l", "t", "b"].some(side => drawn[side] > (asked[side] ?? 0) + 0.5);
        times.sort((a, b) => a - b);
        rows.push({time: times[Math.floor(times.length / 2)], grown});
    }
    return rows;
}"""


@contextmanager
def built_as_before():
    """Figures built with the layout's own margins and every month labelled."""
    fitted, ticks = conventions.fitted_margins, calculator_views.month_ticks
    conventions.fitted_margins = lambda data, layout: dict(layout.get("margin") or {})
    calculator_views.month_ticks = lambda months: {}
    try:
        yield
    finally:
        conventions.fitted_margins, calculator_views.month_ticks = fitted, ticks


def figures(months: int) -> list[dict]:
    """The calculator's five charts for the worked example over ``months``, as Plotly JSON."""
    scenario = example_scenario()
    if months != len(scenario.staffing):
        curve = preset_curve("tax_season", scenario.start_month, months)
        scenario = scenario.model_copy(update={"staffing": curve})
    views = calculator_views.all_chart_views(compare(scenario))
    return [json.loads(view.figure.to_json()) for view in views]


def bare_page(browser) -> Page:
    """A page with plotly.js, Source Sans loaded, and one chart box."""
    font = base64.b64encode(_FONT.read_bytes()).decode()
    style = (
        '@font-face { font-family: "Source Sans"; font-weight: 200 900; '
        f'src: url(data:font/woff2;base64,{font}) format("woff2"); }}'
    )
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.set_content(
        f"<html><head><style>{style}</style></head><body>"
        f"<div id='c' style='width:{CHART_WIDTH}px;height:480px'></div></body></html>"
    )
    page.add_script_tag(path=str(_BUNDLE))
    page.evaluate("async () => { await document.fonts.load('14px \"Source Sans\"'); }")
    return page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=15, help="draws of each chart per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cases = {}
    for months in (12, 36):
        with built_as_before():
            before = figures(months)
        cases[months] = {"margins grown by Plotly": before, "sized in advance": figures(months)}
    results: dict[tuple[int, str], list[float]] = {}
    grown: dict[tuple[int, str], int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = bare_page(browser)
        for _ in range(args.rounds):
            for months, ways in cases.items():
                for way, charts in ways.items():
                    rows = page.evaluate(_DRAW, [charts, args.draws])
                    results.setdefault((months, way), []).append(sum(r["time"] for r in rows))
                    grown[(months, way)] = sum(r["grown"] for r in rows)
        browser.close()
    print(
        f"the calculator's five charts drawn afresh, {CHART_WIDTH} px wide, median per round [ms]"
    )
    for (months, way), times in results.items():
        rounds = "  ".join(f"{time:6.1f}" for time in times)
        print(f"  {months} months, {way:<24} widened {grown[(months, way)]}/5   {rounds}")


if __name__ == "__main__":
    main()
