"""Charts as Plotly drew them: nothing overlaps and no legend entry is cut short.

Read from the drawn SVG's bounding boxes, since the defects were in what the browser drew: legend
entries measured in another font than they were drawn in, axis titles over tick labels, and line
labels on top of the lines.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect

from app.share import offers_to_token, to_token
from calculator import example_scenario, preset_curve
from tests.browser.calculator_page import open_app, wait_for_every_chart, wait_for_page_drawn

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
    wait_for_every_chart(page)
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
    wait_for_every_chart(page)
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
        wait_for_every_chart(page)
    titles = boxes(page, key, ".g-ytitle, .g-y2title")
    ticks = boxes(page, key, ".yaxislayer-above .ytick text, .yaxislayer-above .y2tick text")
    assert titles
    assert ticks
    assert not [(a, b) for a in titles for b in ticks if overlap(a, b)]


# Per chart: the boxes of its title, legend, axis titles and x tick labels, and its own box.
_PARTS = """() => [...document.querySelectorAll("[class*='st-key-'] .js-plotly-plot")].map(gd => {
    const box = node => { if (!node) return null; const r = node.getBoundingClientRect();
        return r.width && r.height ? {left: r.left, right: r.right, top: r.top, bottom: r.bottom}
                                   : null; };
    const key = [...gd.closest("[class*='st-key-']").classList].find(c => c.startsWith("st-key-"));
    return {
        key,
        chart: box(gd.querySelector(".main-svg")),
        parts: {
            title: box(gd.querySelector(".gtitle")),
            legend: box(gd.querySelector(".legend .bg")),
            "x title": box(gd.querySelector(".g-xtitle")),
            "y title": box(gd.querySelector(".g-ytitle")),
        },
        ticks: [...gd.querySelectorAll(".xaxislayer-above .xtick text")].map(box).filter(Boolean),
    };
})"""


def assert_chart_parts_apart(page: Page) -> None:
    """No chart's title, legend, axis titles and x tick labels overlap, and none runs off the
    chart's sides."""
    charts = page.evaluate(_PARTS)
    assert charts
    for chart in charts:
        parts = {name: part for name, part in chart["parts"].items() if part}
        named = [*parts.items(), *(("x tick label", tick) for tick in chart["ticks"])]
        for index, (name, part) in enumerate(named):
            assert part["left"] >= chart["chart"]["left"] - 1, (chart["key"], name)
            assert part["right"] <= chart["chart"]["right"] + 1, (chart["key"], name)
            for other, box in named[index + 1 :]:
                if {name, other} != {"x tick label"}:
                    assert not overlap(part, box), (chart["key"], name, other)


def _phone_page(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    wait_for_page_drawn(page)


def test_phone_charts_keep_titles_legends_and_labels_apart(app_url, page):
    """At 390 px, on every page with charts (three years, several plans and programs, offers),
    no chart's title, legend, axis titles or fiscal-year labels collide or run off the side
    (the budget page's sideways labels ran into its legend)."""
    from tests.browser.test_accessibility import _deal

    deal = _deal()
    token = to_token(deal)
    offers = offers_to_token([deal, example_scenario()])
    for path in (f"budget?s={token}", f"side_by_side?s={token}&o={offers}", f"presenter?s={token}"):
        _phone_page(page, f"{app_url}/{path}")
        assert_chart_parts_apart(page)
    _phone_page(page, f"{app_url}/?s={token}")
    wait_for_every_chart(page)
    wait_for_page_drawn(page)
    assert_chart_parts_apart(page)
    _phone_page(page, f"{app_url}/usage")
    page.locator(".st-key-usage_try_sample label").first.click()
    expect(page.locator(".st-key-usage_heatmap_chart .js-plotly-plot")).to_have_count(1)
    wait_for_page_drawn(page)
    assert_chart_parts_apart(page)


# Per chart: the margins its figure asks for and the margins Plotly drew it with [px].
_MARGINS = """() => [...document.querySelectorAll("[class*='st-key-'] .js-plotly-plot")].map(gd => {
    const key = [...gd.closest("[class*='st-key-']").classList].find(c => c.startsWith("st-key-"));
    const asked = gd.layout.margin, drawn = gd._fullLayout._size;
    return {key, asked: [asked.l, asked.t, asked.b, asked.r],
            drawn: [drawn.l, drawn.t, drawn.b, drawn.r]};
})"""


def _three_years() -> str:
    """The calculator's address for the worked example over 36 months of the tax-season curve."""
    scenario = example_scenario().model_copy(
        update={"staffing": preset_curve("tax_season", "2027-01", 36)}
    )
    return f"?s={to_token(scenario)}"


@pytest.mark.parametrize(
    "path", ["", "three years", "presenter", "side_by_side", "budget"], ids=lambda p: p or "/"
)
def test_charts_are_laid_out_once_on_a_desktop_screen(app_url, page, path):
    """At 1366 px no chart of the calculator (with a year's plan or three), the presenter view,
    side by side or the Budget page needs a wider margin than its figure asks for
    (:mod:`app.views.margins`): Plotly grows none, so it lays each chart out once instead of
    twice. Three years of months are labelled every quarter, upright."""
    page.set_viewport_size({"width": 1366, "height": 900})
    on_calculator = path in ("", "three years")
    page.goto(f"{app_url}/{_three_years() if path == 'three years' else path}")
    wait_for_page_drawn(page)
    if on_calculator:
        wait_for_every_chart(page)
    charts = page.evaluate(_MARGINS)
    assert len(charts) >= (5 if on_calculator else 1)
    for chart in charts:
        assert chart["drawn"] == pytest.approx(chart["asked"], abs=0.5), chart["key"]


def test_usage_charts_are_laid_out_once_on_a_desktop_screen(app_url, page):
    """At 1366 px no chart of the usage page with the sample log needs a wider margin than its
    figure asks for, the weekday heatmap with its colour bar included (a new session cap draws
    that chart anew)."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{app_url}/usage")
    wait_for_page_drawn(page)
    page.locator(".st-key-usage_try_sample label").first.click()
    expect(page.locator(".st-key-usage_heatmap_chart .js-plotly-plot")).to_have_count(1)
    wait_for_page_drawn(page)
    charts = page.evaluate(_MARGINS)
    assert len(charts) >= 6
    for chart in charts:
        assert chart["drawn"] == pytest.approx(chart["asked"], abs=0.5), chart["key"]
