"""Charts as Plotly drew them: nothing overlaps and no legend entry is cut short.

Read from the drawn SVG's bounding boxes, since the defects were in what the browser drew: legend
entries measured in another font than they were drawn in, axis titles over tick labels, and line
labels on top of the lines.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from playwright.sync_api import Page

from tests.browser.calculator_page import open_app, open_chart_sections, wait_for_page_drawn

# Per chart (keyed by its container's class), each legend entry's text box and the next entry's
# left edge on the same row, and the legend's own box.
_LEGENDS = """() => [...document.querySelectorAll("[class*='st-key-'] .js-plotly-plot")].map(gd => {
    const key = [...gd.closest("[class*='st-key-']").classList].find(c => c.startsWith("st-key-"));
    const box = gd.querySelector(".legend .bg");
    const entries = [...gd.querySelectorAll(".legend .traces")].map(entry => {
        const text = entry.querySelector("text.legendtext").getBoundingClientRect();
        const whole = entry.getBoundingClientRect();
        return {left: whole.left, right: text.right, top: Math.round(text.top)};
    });
    const legend = box ? box.getBoundingClientRect() : null;
    return {key, legendRight: legend && legend.right, entries};
})"""
_BOXES = """([key, selector]) => [...document.querySelectorAll(`.st-key-${key} ${selector}`)]
    .map(node => { const r = node.getBoundingClientRect();
                   return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""


def boxes(page: Page, key: str, selector: str) -> list[dict]:
    """The bounding boxes of ``selector`` inside the container ``key``."""
    return page.evaluate(_BOXES, [key, selector])


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def assert_legends_fit(page: Page) -> None:
    charts = page.evaluate(_LEGENDS)
    assert charts
    for chart in charts:
        entries = chart["entries"]
        for entry, following in pairwise(entries):
            if entry["top"] == following["top"]:
                assert entry["right"] <= following["left"], chart["key"]
        for entry in entries:
            assert entry["right"] <= chart["legendRight"] + 0.5, chart["key"]


def test_calculator_legend_entries_are_whole_and_apart(app_url, page):
    """On the calculator every legend entry's text ends before the next entry and inside the
    legend (the last entry read "Today (70 %" when the font list was invalid CSS)."""
    open_app(page, app_url)
    open_chart_sections(page)
    assert_legends_fit(page)


def test_budget_legend_entries_are_whole_and_apart(app_url, page):
    """On the budget page every legend entry's text ends before the next entry and inside the
    legend ("Not to exceed" lost its last letter)."""
    page.goto(f"{app_url}/budget")
    wait_for_page_drawn(page)
    assert_legends_fit(page)


def test_utilization_labels_are_clear_of_the_curves(app_url, page):
    """The "today" and "break-even" labels cover no point of any curve nor today's stars."""
    open_app(page, app_url)
    open_chart_sections(page)
    labels = boxes(page, "chart_utilization", ".annotation")
    points = boxes(page, "chart_utilization", ".scatterlayer .point")
    assert len(labels) == 2
    assert points
    assert not [(a, b) for a in labels for b in points if overlap(a, b)]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("side_by_side", "side_by_side_chart_side_by_side_totals"),
        ("side_by_side", "side_by_side_chart_side_by_side_monthly"),
        ("", "chart_monthly_cost"),
        ("", "chart_staffing"),
    ],
)
def test_y_axis_title_is_clear_of_tick_labels(app_url, page, path, key):
    """The y axis title ("Total cost (USD)", ...) is drawn beside its tick labels, not on them."""
    page.goto(f"{app_url}/{path}")
    wait_for_page_drawn(page)
    if not path:
        open_chart_sections(page)
    titles = boxes(page, key, ".g-ytitle, .g-y2title")
    ticks = boxes(page, key, ".yaxislayer-above .ytick text, .yaxislayer-above .y2tick text")
    assert titles
    assert ticks
    assert not [(a, b) for a in titles for b in ticks if overlap(a, b)]
