"""Presenter view, offers in the link, and every page on a phone, in a real browser.

Most tests run at 1440 px (a laptop sharing its screen) and 390 px (a phone) and save a
screenshot under pytest's temporary directory (``SCREENSHOT_DIR`` overrides it), so a person can
look at what was checked. axe must find no WCAG 2.0/2.1 A or AA violation in any state. A few
run on a phone's touch screen (:func:`touch_screen`), where there is no hover: a swipe, a tap,
and what Streamlit shows at all times there.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from app.components.copy_link import BUSY_WAIT_MS, CHANGE_WAIT_MS, SETTLE_MS, START_WAIT_MS
from app.share import from_token, to_token
from calculator import example_scenario
from tests.browser.calculator_page import open_app, wait_for_page_drawn
from tests.browser.conftest import run_axe
from tests.browser.test_accessibility import PAGE_PATHS

COPY_TIMEOUT = SETTLE_MS + START_WAIT_MS + BUSY_WAIT_MS + CHANGE_WAIT_MS + 2_000
"""How long "Copied" may take [ms]: the button itself waits up to SETTLE_MS + START_WAIT_MS +
BUSY_WAIT_MS + CHANGE_WAIT_MS for the run a click starts and the link it leaves, so a loaded
server's run must not fail the test's default 5 s first."""

WIDTHS = {"laptop": (1440, 900), "phone": (390, 844)}
PHONE_HEIGHT = WIDTHS["phone"][1]
# Elements wider than the viewport, and whether the page itself scrolls sideways.
_SIDEWAYS = """() => ({
    page: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    main: (() => { const m = document.querySelector("[data-testid='stMain']");
                   return m.scrollWidth > m.clientWidth; })(),
})"""


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def screen(request, page: Page) -> str:
    width, height = WIDTHS[request.param]
    page.set_viewport_size({"width": width, "height": height})
    return request.param


@pytest.fixture
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("SCREENSHOT_DIR")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_page_drawn(page)
    # Table widths settle once the web font is in: measure after it.
    page.evaluate("async () => { await document.fonts.ready; }")


def no_sideways_scrolling(page: Page) -> None:
    assert page.evaluate(_SIDEWAYS) == {"page": False, "main": False}


@pytest.mark.parametrize("path", PAGE_PATHS, ids=[path or "default" for path in PAGE_PATHS])
def test_every_page_reads_without_sideways_scrolling(app_url, page, screen, shots, path):
    """No page scrolls sideways, no chart has a toolbar, and axe finds nothing."""
    open_page(page, f"{app_url}/{path}")
    page.screenshot(path=shots / f"{path or 'calculator'}-{screen}.png")
    no_sideways_scrolling(page)
    expect(page.locator(".modebar")).to_have_count(0)
    assert run_axe(page) == []


# Each data grid's toolbar in view, with the text it covers outside the grid's element: the
# lines of text under it (their boxes, not their elements': a caption's box reaches 16 px below
# its last line).
_TOOLBAR_COVERS = """() => {
    const meets = (a, b) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const linesUnder = (el, box) => {
        const found = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            if ([...range.getClientRects()].some((line) => meets(line, box))) {
                found.push(walker.currentNode.textContent.trim());
            }
        }
        return found;
    };
    return [...document.querySelectorAll(
            "[data-testid='stDataFrame'] [data-testid='stElementToolbar']")]
        .filter((bar) => bar.checkVisibility({ opacityProperty: true }))  // not folded away
        .map((bar) => {
            const grid = bar.closest("[data-testid='stElementContainer']");
            const box = bar.getBoundingClientRect();
            const covered = new Set();
            // The elements under the toolbar's corners and middle, then the lines within them.
            const points = [box.left + 1, box.left + box.width / 2, box.right - 1].flatMap(
                (x) => [[x, box.top + 1], [x, box.bottom - 1]]);
            for (const [x, y] of points) {
                for (const el of document.elementsFromPoint(x, y)) {
                    if (grid.contains(el) || el.contains(grid)) continue;
                    linesUnder(el, box).filter(Boolean).forEach((text) => covered.add(text));
                }
            }
            return [...covered];
        });
}"""


@contextmanager
def touch_screen(browser, height: int = PHONE_HEIGHT) -> Iterator[Page]:
    """A page on a phone's touch screen, 390 px wide and ``height`` px tall: Streamlit and
    Plotly behave differently where there is no hover."""
    context = browser.new_context(
        viewport={"width": 390, "height": height}, is_mobile=True, has_touch=True
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_data_grids_toolbar_leaves_the_line_above_it_readable_on_a_touch_screen(
    app_url, browser, shots
):
    """On a phone, Streamlit shows each data grid's toolbar as the page opens, above the grid: it
    must not cover the end of the chart's summary sentence above it (four sections)."""
    # Tall enough to hold the page: only what is in view can be found under a point.
    with touch_screen(browser, height=8000) as page:
        open_page(page, app_url)
        covered = page.evaluate(_TOOLBAR_COVERS)
        page.screenshot(path=shots / "grid-toolbars.png")
    assert len(covered) == 4, "a section's data grid has no toolbar in view"
    assert covered == [[]] * 4


def swipe_up(page: Page, x: float, y: float, distance: int = 150) -> None:
    """A finger's swipe up from (x, y) [px], as touch events (the page scrolls down)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {"x": x, "y": y - distance * step / 10}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        page.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_a_swipe_over_a_chart_scrolls_the_page_and_leaves_the_chart_as_drawn(app_url, browser):
    """On a phone a swipe over a chart zoomed it (Plotly's drag to zoom) and the page stayed; a
    tap still shows the figures at that point."""
    with touch_screen(browser) as page:
        open_page(page, app_url)
        chart = page.locator(".st-key-chart_monthly_cost .js-plotly-plot")
        chart.evaluate("(chart) => chart.scrollIntoView({ block: 'center' })")
        ranges = "(chart) => [chart._fullLayout.xaxis.range, chart._fullLayout.yaxis.range]"
        drawn = chart.evaluate(ranges)
        before = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollTop")
        plot = chart.locator(".nsewdrag").bounding_box()  # the plot area, where a drag zooms
        swipe_up(page, plot["x"] + plot["width"] / 2, plot["y"] + plot["height"] * 0.8)
        page.wait_for_function(
            "(before) => document.querySelector(\"[data-testid='stMain']\").scrollTop"
            " > before + 100",
            arg=before,
            timeout=5_000,
        )
        assert chart.evaluate(ranges) == drawn
        # A tap still shows the month's figures (where the plot is now, after the scroll).
        plot = chart.locator(".nsewdrag").bounding_box()
        page.touchscreen.tap(plot["x"] + plot["width"] / 2, plot["y"] + plot["height"] / 2)
        page.wait_for_function(
            "(chart) => /\\$[\\d,]+\\.\\d\\d/.test(chart.querySelector('.hoverlayer').textContent)",
            arg=chart.element_handle(),
            timeout=5_000,
        )


def test_the_first_answer_is_on_the_first_screen_of_a_phone(app_url, page):
    """At 390 x 844 the savings per month is in view without scrolling."""
    page.set_viewport_size({"width": 390, "height": PHONE_HEIGHT})
    open_app(page, app_url)
    figure = page.locator(".st-key-headline [data-testid='stMetricValue']").first
    expect(figure).to_have_text("$5,450.00")
    box = figure.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE_HEIGHT


def test_charts_add_no_tab_stops(app_url, page):
    """Tabbing through the calculator never lands inside a chart."""
    open_app(page, app_url)
    inside = []
    for _ in range(60):
        page.keyboard.press("Tab")
        inside.append(page.evaluate("() => !!document.activeElement.closest('.js-plotly-plot')"))
    assert not any(inside)


def test_chart_titles_wrap_on_a_phone(app_url, page):
    """The waterfall's title is drawn on two lines, each inside the chart."""
    page.set_viewport_size({"width": 390, "height": PHONE_HEIGHT})
    open_app(page, app_url)
    chart = page.locator(".st-key-chart_waterfall .js-plotly-plot")
    lines = chart.locator(".gtitle tspan.line")
    expect(lines).to_have_count(2)
    right = chart.bounding_box()["x"] + chart.bounding_box()["width"]
    for box in (lines.nth(i).bounding_box() for i in range(2)):
        assert box is not None
        assert box["x"] + box["width"] <= right


def test_presenter_view(app_url, page, screen, shots):
    """Sidebar collapsed, the best plan's savings signed and worded, the link copied with one
    click, and no violation."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, f"{app_url}/presenter")
    page.screenshot(path=shots / f"presenter-{screen}.png", full_page=True)
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    figures = page.locator(".st-key-presenter_figures")
    expect(figures).to_contain_text("+$5,450.00")
    expect(figures).to_contain_text("Saves")
    expect(figures).to_contain_text("$120,000.00")
    no_sideways_scrolling(page)
    assert run_axe(page) == []
    frame = page.frame_locator("iframe[title='Copy link button']")
    frame.get_by_role("button", name="Copy link").click()
    expect(frame.get_by_role("status")).to_have_text("Copied", timeout=COPY_TIMEOUT)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.get_by_label("Link to this scenario").input_value()
    assert "?s=v1." in copied


# Each "<number> %" in an element's text, with how many line boxes its three characters span.
_PERCENT_LINES = """element => {
    const found = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent.matchAll(/[0-9][ \\u00a0]%/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + 3);
            const tops = [...range.getClientRects()].filter(box => box.width > 0)
                .map(box => Math.round(box.top));
            found.push([node.textContent, new Set(tops).size]);
        }
    }
    return found;
}"""


@pytest.mark.parametrize("width", [390, 800])
def test_presenter_percentages_never_break_before_the_sign(app_url, page, width):
    """At 390 and 800 px the savings label wrapped between "(54.5" and "%)"; every percentage
    among the presenter's figures now sits on one line, number and sign together."""
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, f"{app_url}/presenter")
    figures = page.locator(".st-key-presenter_figures")
    expect(figures).to_contain_text("Savings per month with Active users (54.5")
    found = figures.evaluate(_PERCENT_LINES)
    assert found, "no percentage among the presenter's figures"
    assert [(text, lines) for text, lines in found if lines != 1] == []


def test_copy_link_right_after_typing_a_name_copies_the_new_name(app_url, page):
    """A name typed without Enter, then "Copy link" clicked at once: the click commits the name
    (the box loses focus, which starts a run), the link copied holds it, not the old one, and
    the button clicked says "Copied": the run does not draw its frame anew (the prompt to name
    the scenario goes above it)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_page(page, f"{app_url}/presenter")
    page.locator("iframe[title='Copy link button']").evaluate(
        "frame => { frame.dataset.clicked = 'yes'; }"
    )
    page.get_by_label("Name of the scenario").fill("Offer for Acme")  # no Enter
    clicked = page.frame_locator("iframe[title='Copy link button'][data-clicked='yes']")
    clicked.get_by_role("button", name="Copy link").click()
    expect(clicked.get_by_role("status")).to_have_text("Copied", timeout=COPY_TIMEOUT)
    assert _copied_name(page, "Offer for Acme", within=COPY_TIMEOUT / 1000) == "Offer for Acme"
    expect(page.locator("iframe[title='Copy link button']")).to_have_count(1)


def test_opened_sections_stay_open_when_the_name_prompt_goes(app_url, page):
    """A rep opens "Every plan" and the inputs, then names the scenario: the prompt to name it
    leaves the page above them, and both stay open (they used to be drawn anew, closed)."""
    open_page(page, f"{app_url}/presenter")
    sections = [
        page.get_by_test_id("stExpander").filter(has_text=label).locator("details")
        for label in ("Every plan: cost and savings", "Inputs (illustrative")
    ]
    for section in sections:
        section.locator("summary").click()
        expect(section).to_have_attribute("open", "")
    box = page.get_by_label("Name of the scenario")
    box.fill("Offer for Acme")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Offer for Acme", level=1)).to_be_visible()
    expect(page.get_by_text("Name this scenario for your customer")).to_have_count(0)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    for section in sections:
        expect(section).to_have_attribute("open", "")


def _copied_name(page, wanted: str, within: float) -> str | None:
    """The scenario name in the link on the clipboard: ``wanted`` as soon as it is there, else
    the last one read after ``within`` [s]."""
    deadline = time.monotonic() + within
    name = None
    while time.monotonic() < deadline:
        copied = page.evaluate("() => navigator.clipboard.readText()")
        tokens = parse_qs(urlparse(copied).query).get("s")
        name = from_token(tokens[0]).name if tokens else None
        if name == wanted:
            break
        page.wait_for_timeout(100)
    return name


def test_presenter_view_collapses_an_open_sidebar(app_url, page):
    """Coming from the calculator with the sidebar open, the presenter view folds it away."""
    open_app(page, app_url)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="Presenter view").click()
    expect(page.locator(".st-key-presenter_figures")).to_be_visible()
    expect(sidebar).to_have_attribute("data-collapsed", "true")


def test_back_to_editing_opens_the_sidebar_again(app_url, page):
    """Leaving the presenter view for the calculator brings back the sidebar that holds the
    currency and the link, which the presenter view folded away."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_page(page, f"{app_url}/presenter")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    page.locator(".st-key-presenter_back").get_by_role("button").click()
    expect(page.locator(".st-key-quick_active")).to_be_visible()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    expect(sidebar.get_by_role("textbox", name="Link to this scenario")).to_be_visible()


def test_presenter_what_if_and_a_name_error(app_url, page, screen, shots):
    """Moving the slider changes the sentence but not the address; a blank name is refused in
    plain words; neither state has a violation."""
    open_page(page, f"{app_url}/presenter")
    address = page.url
    slider = page.locator(".st-key-presenter_what_if").get_by_role("slider")
    slider.focus()
    for _ in range(30):
        page.keyboard.press("ArrowLeft")
    expect(page.locator(".st-key-presenter_what_if")).to_contain_text(
        "If 40 % of the provisioned accounts were active"
    )
    assert page.url == address
    name = page.get_by_label("Name of the scenario")
    name.fill("")
    name.press("Enter")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("Name of the scenario")
    wait_for_page_drawn(page)
    page.screenshot(path=shots / f"presenter-states-{screen}.png", full_page=True)
    assert run_axe(page) == []


def test_an_offer_travels_in_the_link(app_url, page, browser, screen, shots):
    """Save the scenario as an offer; the address gains ``o=`` and opens it in a new window."""
    open_page(page, f"{app_url}/side_by_side")
    page.get_by_role("button", name="Save this session's scenario as an offer").click()
    expect(page.locator(".st-key-side_by_side_offers")).to_contain_text("Offer 1: Worked example")
    expect(page).to_have_url(re.compile(r"[?&]o=o1\."))
    wait_for_page_drawn(page)
    page.screenshot(path=shots / f"side-by-side-offer-{screen}.png", full_page=True)
    no_sideways_scrolling(page)
    assert run_axe(page) == []
    other = browser.new_page()
    other.goto(page.url)
    wait_for_page_drawn(other)
    expect(other.locator(".st-key-side_by_side_offers")).to_contain_text("Offer 1: Worked example")
    expect(other.locator(".st-key-side_by_side_headline")).to_contain_text("$65,400.00")
    other.close()


_CUT = (
    "elements => elements.filter(l => [l, ...l.querySelectorAll('*')]"
    ".some(e => e.scrollWidth > e.clientWidth + 1)).map(l => l.textContent)"
)
"""The text of each element that is itself, or holds, a box too narrow for its text."""


def test_side_by_side_labels_are_read_whole(app_url, page):
    """In a half-screen window (800 px) the headline sits in two narrow columns; each label
    wraps rather than ending in an ellipsis: "Worked example (2): savings against…" would hide
    against what. The offer's remove button keeps its words too."""
    page.set_viewport_size({"width": 800, "height": 1000})
    open_page(page, f"{app_url}/side_by_side")
    page.get_by_role("button", name="Save this session's scenario as an offer").click()
    labels = page.locator(".st-key-side_by_side_headline").get_by_test_id("stMetricLabel")
    expect(labels.filter(has_text="savings against Worked example")).to_have_count(1)
    assert labels.evaluate_all(_CUT) == []
    remove = page.get_by_role("button", name="Remove offer 1")
    assert remove.evaluate_all(_CUT) == []


# The text box of every select above the side-by-side columns, once an offer fills column 2.
_COLUMN_SELECTS = ", ".join(
    f".st-key-side_by_side_{index}_{widget} input"
    for index, widget in (*((i, "source") for i in range(3)), (0, "plan"), (1, "plan"))
)
_TEXT_CUT = "boxes => boxes.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.value)"
"""The value of each text box too narrow for its text."""


@pytest.mark.parametrize("width", [390, 800, 1440])
def test_side_by_side_choices_are_read_whole(app_url, page, width):
    """Every select above the side-by-side columns shows its choice whole. In a half-screen
    window (800 px, sidebar open) three boxes in a row cut "Automatic: the cheapest plan" to
    "Automatic:" and "This session's scenario" to "This sessio"."""
    page.set_viewport_size({"width": width, "height": 1000})
    open_page(page, f"{app_url}/side_by_side")
    page.get_by_role("button", name="Save this session's scenario as an offer").click()
    expect(page.locator(".st-key-side_by_side_1_source input")).to_have_value(
        "Offer 1: Worked example"
    )
    selects = page.locator(_COLUMN_SELECTS)
    expect(selects).to_have_count(5)
    assert selects.evaluate_all(_TEXT_CUT) == []


def test_side_by_side_amounts_are_read_whole_in_three_columns(app_url, page):
    """Three columns in a half-screen window cut "$2,945,400.00" to "$2,945,4…": the amounts
    shrink with their column instead. 2,500 seats at $100 against 70 active users at $65."""
    large = example_scenario().model_copy(
        update={
            "staffing": [
                month.model_copy(update={"provisioned": 2_500})
                for month in example_scenario().staffing
            ]
        }
    )
    page.set_viewport_size({"width": 960, "height": 1000})  # half a screen, sidebar open
    open_page(page, f"{app_url}/side_by_side?s={to_token(large)}")
    page.get_by_role("button", name="Save this session's scenario as an offer").click()
    expect(page.locator(".st-key-side_by_side_1_source input")).to_have_value(
        "Offer 1: Worked example"
    )
    third = page.locator(".st-key-side_by_side_2_source input")
    third.scroll_into_view_if_needed()  # clicked at the window's edge, the top bar took it
    third.click()
    page.get_by_role("option").filter(has_text="Offer 1: Worked example").click()
    values = page.locator(".st-key-side_by_side_headline").get_by_test_id("stMetricValue")
    expect(values).to_have_count(5)
    expect(values.filter(has_text="$2,945,400.00")).to_have_count(2)
    assert values.evaluate_all(_CUT) == []
