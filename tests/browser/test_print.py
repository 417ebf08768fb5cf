"""The app's own pages printed from the browser (File > Print): what lands on the paper.

Chromium lays a printed page out again at the paper's width but runs none of the page's scripts,
so a chart keeps the size Plotly drew it at on screen. Each test draws a page on a laptop screen
(1440 px), switches to print media and then, in one synchronous step (no script of the page runs
in between, as when printing), lays the document out at the printable width of A4 and of US
Letter and measures it there.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from app.components.page_style import GRID_NOT_PRINTED
from app.share import to_token
from tests.app.components.test_results import many_plans
from tests.browser.calculator_page import (
    PAGE_LOAD_TIMEOUT,
    open_app,
    wait_for_every_chart,
    wait_for_page_drawn,
)

PRINTABLE_WIDTHS = {"A4": 718, "Letter": 740}
"""Width of the printed area [CSS px, 96 per inch]: 210 mm or 8.5 in less two 1 cm margins."""

# Per chart on the page laid out `width` px wide: its box, and how far right the text it draws
# (titles, legend, tick labels) and how far down its drawing reach.
_CHARTS_ON_PAPER = """width => {
    const root = document.documentElement;
    root.style.width = `${width}px`;
    try {
        return [...document.querySelectorAll("[data-testid='stPlotlyChart']")].map(chart => {
            const holder = chart.closest("[class*='st-key-']");
            const key = [...holder.classList].find(c => c.startsWith("st-key-"));
            const box = chart.getBoundingClientRect();
            const texts = [...chart.querySelectorAll("svg text")]
                .map(text => text.getBoundingClientRect()).filter(r => r.width > 0);
            const layers = [...chart.querySelectorAll("svg")].map(svg => svg.getBoundingClientRect());
            return {key, right: box.right, bottom: box.bottom,
                    textRight: Math.max(...texts.map(r => r.right)),
                    drawingBottom: Math.max(...layers.map(r => r.bottom))};
        });
    } finally {
        root.style.width = "";
    }
}"""


def open_usage_with_sample(page: Page, url: str) -> None:
    page.goto(f"{url}/usage")
    wait_for_page_drawn(page)
    page.locator(".st-key-usage_try_sample label").first.click()
    expect(page.locator(".st-key-usage_heatmap_chart .js-plotly-plot")).to_have_count(
        1, timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_page_drawn(page)


def open_calculator(page: Page, url: str) -> None:
    open_app(page, url)
    wait_for_every_chart(page)


PAGES: dict[str, Callable[[Page, str], None]] = {
    "calculator": open_calculator,
    "usage": open_usage_with_sample,
}


@pytest.mark.parametrize("name", list(PAGES))
def test_printed_charts_fit_the_paper(app_url, page, name):
    """Every chart is scaled down to the paper's width as a whole: no label runs past its box
    (a chart drawn 980 px wide lost its last months on the right), and its box ends where the
    drawing ends (no band of blank paper the screen's height left under it)."""
    page.set_viewport_size({"width": 1440, "height": 900})
    PAGES[name](page, app_url)
    page.emulate_media(media="print")
    for paper, width in PRINTABLE_WIDTHS.items():
        charts = page.evaluate(_CHARTS_ON_PAPER, width)
        assert charts
        for chart in charts:
            assert chart["textRight"] <= chart["right"] + 1, (paper, chart)
            assert abs(chart["bottom"] - chart["drawingBottom"]) <= 1, (paper, chart)


def test_a_folded_table_prints_open(app_url, page):
    """A folded expander whose content paper can hold (text, metrics, a static table) prints
    open: with five plans the calculator's "Details of every plan" kept each plan's savings and
    the cost table on screen only."""
    page.goto(f"{app_url}/?s={to_token(many_plans())}")
    wait_for_page_drawn(page)
    table = page.locator(".st-key-headline_details").get_by_test_id("stTable")
    expect(table).to_be_hidden()
    page.emulate_media(media="print")
    expect(table).to_be_visible()


def test_folded_content_that_would_print_blank_stays_folded(app_url, page):
    """On paper a folded expander stays folded when its content would print blank: a data grid
    (script draws it on a canvas only once shown, so it would be an empty box), inputs (empty
    boxes), or a plan's section, drawn only while open."""
    page.goto(f"{app_url}/?s={to_token(many_plans())}")
    wait_for_page_drawn(page)
    page.emulate_media(media="print")
    expanders = page.get_by_test_id("stExpander")
    grid = page.locator(".st-key-chart_waterfall").get_by_test_id("stDataFrame")
    inputs = expanders.filter(has_text="Add a plan").locator("input")
    plan = expanders.filter(has_text="Dear seats (named seat)").get_by_test_id("stExpanderDetails")
    for content in (grid, inputs.first, plan):
        expect(content).to_be_attached()
        expect(content).to_be_hidden()


def test_an_opened_chart_table_gives_way_to_a_line_on_paper(app_url, page):
    """An opened "Numbers behind the chart" printed as a box as tall as its rows, empty or with
    the rows in view only. On paper the grid is hidden and a line says where its numbers print
    in full."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_calculator(page, app_url)
    chart = page.locator(".st-key-chart_waterfall")
    chart.get_by_test_id("stExpander").locator("summary").click()
    grid = chart.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    page.emulate_media(media="print")
    expect(grid).to_be_hidden()
    holder = chart.get_by_test_id("stExpanderDetails").get_by_test_id("stElementContainer")
    shown = holder.evaluate_all(
        "boxes => boxes.map(box => getComputedStyle(box, '::after').content)"
    )
    assert f'"{GRID_NOT_PRINTED}"' in shown
