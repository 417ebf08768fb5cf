"""How the browser tests read and drive the calculator page: widget keys and containers only.

Inputs are found by their widget key (``.st-key-<key>``), the headline figures inside the
``headline`` container, and the waterfall chart's Plotly figure inside ``chart_waterfall``. The
chart is read from the live figure object, not from its SVG, so a test sees what Plotly drew.
The other charts sit in sections of their own (``chart_section_<slug>``), open at first.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import wait_for_app_idle

HEADLINE = ".st-key-headline"
CHART_SECTIONS = ("monthly_cost", "savings", "staffing", "utilization")
"""Slugs of the charts shown in sections of their own, in page order."""
WATERFALL = ".st-key-chart_waterfall .js-plotly-plot"
PAGE_LOAD_TIMEOUT = 30_000  # [ms] generous: a cold first run imports pandas, plotly, pydantic

# With plotly >= 6 ``gd.data[i].y`` may be a base64 ``{dtype, bdata}`` object; ``_fullData`` holds
# the decoded values Plotly drew.
_READ_FIGURE = """gd => ({
    title: gd.layout.title.text,
    y: gd._fullData.map(trace => Array.from(trace.y)),
})"""
# Streamlit shows a skeleton while an element's code loads; the page is drawn once none is left
# and Plotly has laid out every chart.
_PAGE_DRAWN = """() => document.querySelectorAll("[data-testid='stSkeleton']").length === 0
    && [...document.querySelectorAll("[data-testid='stPlotlyChart']")].every(chart => {
        const gd = chart.querySelector(".js-plotly-plot");
        return !!(gd && gd._fullLayout);
    })"""
# During a rerun Streamlit may show the new figure next to a faded copy of the old one; the chart
# is updated once a single figure is left and its title says the expected thing.
_TITLE_CONTAINS = """expected => {
    const figures = document.querySelectorAll(".st-key-chart_waterfall .js-plotly-plot");
    if (figures.length !== 1) return false;
    const gd = figures[0];
    return !!(gd.layout && gd._fullData && gd.layout.title.text.includes(expected));
}"""


def wait_for_page_drawn(page: Page) -> None:
    """Wait until the script has run, no element is still loading and every chart is drawn."""
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    page.wait_for_function(_PAGE_DRAWN, timeout=PAGE_LOAD_TIMEOUT)


def open_app(page: Page, url: str) -> None:
    """Open the calculator at ``url`` and wait until its headline and charts are drawn."""
    page.goto(url)
    wait_for_page_drawn(page)
    expect(page.locator(HEADLINE)).to_be_visible(timeout=PAGE_LOAD_TIMEOUT)
    expect(page.locator(WATERFALL)).to_be_visible(timeout=PAGE_LOAD_TIMEOUT)


def wait_for_every_chart(page: Page) -> None:
    """Wait until the chart of every section (all open at first) is drawn."""
    for slug in CHART_SECTIONS:
        expect(page.locator(f".st-key-chart_{slug} .js-plotly-plot")).to_have_count(1)
    wait_for_page_drawn(page)


def quick_input(page: Page, key: str) -> Locator:
    """The text box of the quick input with widget ``key``."""
    return page.locator(f".st-key-{key} input")


def enter_value(page: Page, key: str, value: int | float | str) -> None:
    """Type ``value`` into the quick input ``key`` and commit it with Enter, as a user would."""
    box = quick_input(page, key)
    box.fill(str(value))
    box.press("Enter")


def metric(page: Page, label: str) -> Locator:
    """The headline metric whose label contains ``label``."""
    return page.locator(HEADLINE).get_by_test_id("stMetric").filter(has_text=label)


def metric_value(page: Page, label: str) -> Locator:
    """The value text of the headline metric whose label contains ``label``."""
    return metric(page, label).get_by_test_id("stMetricValue")


def headline_cells(page: Page, plan: str) -> Locator:
    """The cells of the headline table's row for ``plan`` (its first cell is the plan's name)."""
    row = page.locator(HEADLINE).get_by_test_id("stTable").get_by_role("row")
    return row.filter(has=page.get_by_role("cell", name=plan, exact=True)).get_by_role("cell")


def wait_for_waterfall_title(page: Page, expected: str) -> None:
    """Wait (Playwright's polling, no fixed sleep) until the waterfall title contains ``expected``."""
    page.wait_for_function(_TITLE_CONTAINS, arg=expected, timeout=PAGE_LOAD_TIMEOUT)


def waterfall_figure(page: Page) -> dict:
    """The waterfall's title text and the y values of each trace, as Plotly holds them."""
    return page.locator(WATERFALL).evaluate(_READ_FIGURE)
