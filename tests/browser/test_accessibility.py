"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page, nor in the calculator's states.

The pages come from ``PAGES`` in the entrypoint (read from its source, so a new page is checked
without editing this file); a separate test checks that list against the app's own navigation.

Every test asserts that axe reports no violation at all: none is accepted as known.
"""

from __future__ import annotations

import ast
import os
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from streamlit.source_util import page_icon_and_name

from app.share import offers_to_token, to_token
from calculator import CountingRule, Plan, Scenario, example_scenario, preset_curve
from calculator.budget import BudgetSettings, example_programs
from tests.browser.calculator_page import (
    CHART_SECTIONS,
    enter_value,
    open_app,
    wait_for_every_chart,
    wait_for_page_drawn,
)
from tests.browser.conftest import ENTRYPOINT, run_axe


def page_url_paths() -> list[str]:
    """The URL path of every ``st.Page`` in the entrypoint's ``PAGES`` ("" for the default)."""
    tree = ast.parse(ENTRYPOINT.read_text(encoding="utf-8"))
    pages = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "PAGES" for target in node.targets)
    )
    paths = []
    for call in pages.elts:
        keywords = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
        if keywords.get("default"):
            paths.append("")
        elif "url_path" in keywords:
            paths.append(keywords["url_path"].strip("/"))
        else:
            # Streamlit infers the path from the file name, as for its pages/ directory.
            script = ENTRYPOINT.parent / ast.literal_eval(call.args[0])
            paths.append(page_icon_and_name(script)[1])
    return paths


PAGE_PATHS = page_url_paths()


def open_page(page: Page, url: str) -> None:
    """Open ``url`` and wait until it is fully drawn."""
    page.goto(url)
    wait_for_page_drawn(page)


def test_every_page_in_the_navigation_is_checked(app_url, page):
    """The pages read from ``PAGES`` are exactly the pages the app's navigation links to."""
    open_page(page, app_url)
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links).to_have_count(len(PAGE_PATHS))
    hrefs = links.evaluate_all("links => links.map(link => new URL(link.href).pathname)")
    assert sorted(href.strip("/") for href in hrefs) == sorted(PAGE_PATHS)


def test_each_page_names_itself_in_the_tab_title(app_url, page):
    """Every page was titled "Seat savings calculator": tabs and a screen reader could not tell
    them apart (WCAG 2.4.2). Each now leads with its own name, also after a move in the app."""
    open_page(page, app_url)
    expect(page).to_have_title("Calculator · Seat savings calculator")
    page.get_by_test_id("stSidebarNav").get_by_text("Budget", exact=True).click()
    expect(page).to_have_title("Budget · Seat savings calculator", timeout=30_000)
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    # Each link's text is its icon's name (drawn as a ligature), then the page's name.
    names = [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]
    hrefs = links.evaluate_all("links => links.map(link => link.href)")
    assert len(names) == len(PAGE_PATHS)
    for name, href in zip(names, hrefs, strict=True):
        page.goto(href)
        expect(page).to_have_title(f"{name} · Seat savings calculator", timeout=30_000)


_HEADING_LEVELS = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] :is(h1, h2, h3, h4, h5, h6)")]
    .map(heading => [Number(heading.tagName[1]), heading.innerText.trim()])
    .filter(([, text]) => text)"""
"""The level and text of each heading shown in the page's main area (not one inside a folded
expander, which shows no text)."""


@pytest.mark.parametrize("path", PAGE_PATHS, ids=[path or "default" for path in PAGE_PATHS])
def test_page_has_no_violations(app_url, page, path):
    """A freshly opened page has no WCAG A/AA violation, and its headings go h1, h2, h3
    without a skip (WCAG 1.3.1; axe leaves that to a best-practice rule): "Download and
    forward" and the presenter's what-if were h3 right under the page's h1. Both are checked
    on one opening of the page, which costs seconds each in CI."""
    open_page(page, f"{app_url}/{path}")
    assert run_axe(page) == []
    headings = page.evaluate(_HEADING_LEVELS)
    assert headings[0][0] == 1, headings
    skips = [(before, after) for before, after in pairwise(headings) if after[0] > before[0] + 1]
    assert skips == []


def test_calculator_with_an_input_error_has_no_violations(app_url, page):
    """The calculator showing a broken rule under its inputs has no WCAG A/AA violation."""
    open_app(page, app_url)
    enter_value(page, "quick_active", 200)
    expect(page.get_by_test_id("stAlertContentError")).to_be_visible()
    wait_for_page_drawn(page)
    assert run_axe(page) == []


def test_calculator_with_a_bad_link_has_no_violations(app_url, page):
    """The calculator warning about a damaged share link has no WCAG A/AA violation."""
    open_app(page, f"{app_url}/?s=v1.damaged")
    expect(page.get_by_test_id("stAlertContentWarning")).to_be_visible()
    assert run_axe(page) == []


def test_method_with_every_section_open_has_no_violations(app_url, page):
    """The contract rules' formula block was wider than its box and scrolled sideways in a
    region the keyboard cannot reach (axe: scrollable-region-focusable): its lines wrap now."""
    open_page(page, f"{app_url}/method")
    expanders = page.get_by_test_id("stExpander")
    expect(expanders.first).to_be_visible()
    for index in range(expanders.count()):
        expanders.nth(index).locator("summary").click()
    expect(page.get_by_test_id("stExpanderDetails").first).to_be_visible()
    wait_for_page_drawn(page)
    assert run_axe(page) == []
    wide = page.evaluate(
        """() => [...document.querySelectorAll("pre")].filter(
            block => block.scrollWidth > block.clientWidth + 1).length"""
    )
    assert wide == 0


def test_calculator_with_every_chart_and_table_open_has_no_violations(app_url, page):
    """With every chart section open and the waterfall's data table expanded, the calculator
    has no WCAG A/AA violation."""
    open_app(page, app_url)
    wait_for_every_chart(page)
    expanders = page.get_by_test_id("stExpander").filter(has_text="Numbers behind the chart")
    expect(expanders).to_have_count(1)
    expanders.first.locator("summary").click()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1 + len(CHART_SECTIONS))
    wait_for_page_drawn(page)
    assert run_axe(page) == []


def test_calculator_in_seasonal_mode_has_no_violations(app_url, page):
    """The calculator with the month-by-month editor and a plan's form (drawn once its section
    is opened) shown has no WCAG A/AA violation."""
    open_app(page, app_url)
    page.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    expect(page.locator(".st-key-quick_active")).to_have_count(0)
    plan = page.get_by_test_id("stExpander").filter(has_text="Active users (active user)")
    plan.locator("summary").first.click()
    expect(page.locator(".st-key-seasonal_plan_1_rate input")).to_be_visible()
    wait_for_page_drawn(page)
    assert run_axe(page) == []


# --- Every page in its telling states, on a phone ---------------------------------------------

PHONE = {"width": 390, "height": 844}
_SIDEWAYS = """() => [document.documentElement, document.querySelector("[data-testid='stMain']")]
    .some(node => node.scrollWidth > node.clientWidth)"""


def _deal() -> Scenario:
    """Three years of a seasonal curve, plans with contract terms, several programs and an
    appropriation every fiscal year overruns."""
    base = example_scenario()
    return base.model_copy(
        update={
            "name": "Three-year deal with a long name for a phone",
            "staffing": preset_curve("tax_season", "2027-01", 36),
            "plans": [
                *base.plans,
                Plan(
                    name="Concurrent, capped", rule=CountingRule.CONCURRENT, rate=Decimal("89.95")
                ),
            ],
            "budget": BudgetSettings(
                programs=example_programs(),
                appropriation=Decimal(20000),
                fiscal_year_start_month=10,
            ),
        }
    )


def _budget_with_an_overrun(page: Page, url: str) -> None:
    page.goto(f"{url}/budget?s={to_token(_deal())}")
    wait_for_page_drawn(page)
    expect(page.get_by_test_id("stAlertContentWarning").first).to_be_visible()


def _usage_with_an_upload_error(page: Page, url: str) -> None:
    page.goto(f"{url}/usage")
    wait_for_page_drawn(page)
    page.locator(".st-key-usage_files input[type='file']").set_input_files(
        files=[{"name": "log.csv", "mimeType": "text/csv", "buffer": b"\x89PNG\r\n\x1a\n\x00"}]
    )
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("PNG image")
    wait_for_page_drawn(page)


def _usage_with_a_fraction_of_a_seat(page: Page, url: str) -> None:
    page.goto(f"{url}/usage")
    wait_for_page_drawn(page)
    page.locator(".st-key-usage_try_sample label").first.click()
    box = page.locator(".st-key-usage_paid_seats input")
    box.fill("12.7")
    box.press("Enter")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "seats you pay for today: accepts whole numbers only; 12.7 was typed"
    )
    wait_for_page_drawn(page)


def _side_by_side_with_offers(page: Page, url: str) -> None:
    deal = _deal()
    page.goto(
        f"{url}/side_by_side?s={to_token(deal)}&o={offers_to_token([deal, example_scenario()])}"
    )
    wait_for_page_drawn(page)
    expect(
        page.locator(".st-key-side_by_side_chart_side_by_side_monthly .js-plotly-plot")
    ).to_have_count(1)
    # Three years: each column's cost by contract year is on the page too.
    expect(page.get_by_text("Cost by contract year, side by side (USD)")).to_be_visible()


def _presenter(page: Page, url: str) -> None:
    page.goto(f"{url}/presenter?s={to_token(_deal())}")
    wait_for_page_drawn(page)
    expect(page.locator(".st-key-presenter_figures")).to_be_visible()


def _calculator_with_a_refused_count(page: Page, url: str) -> None:
    open_app(page, url)
    enter_value(page, "quick_active", "12.7")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("12.7 was typed")
    wait_for_page_drawn(page)


def _calculator_with_every_chart(page: Page, url: str) -> None:
    open_app(page, f"{url}/?s={to_token(_deal())}")
    wait_for_every_chart(page)
    wait_for_page_drawn(page)


def _seasonal_editor_with_a_refused_month(page: Page, url: str) -> None:
    open_app(page, url)
    page.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    page.get_by_test_id("stRadio").get_by_text("Number inputs").click()
    box = page.locator(".st-key-seasonal_month_0_active input")
    box.fill("12.7")
    page.get_by_role("button", name="Apply these months").click()
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "January 2027, active users: accepts whole numbers only; 12.7 was typed"
    )
    wait_for_page_drawn(page)


PHONE_STATES = {
    "budget-overrun": _budget_with_an_overrun,
    "usage-upload-error": _usage_with_an_upload_error,
    "usage-fraction": _usage_with_a_fraction_of_a_seat,
    "side-by-side-offers": _side_by_side_with_offers,
    "presenter": _presenter,
    "calculator-refused-count": _calculator_with_a_refused_count,
    "calculator-every-chart": _calculator_with_every_chart,
    "seasonal-refused-month": _seasonal_editor_with_a_refused_month,
}


@pytest.mark.parametrize("state", list(PHONE_STATES))
def test_phone_states_read_without_sideways_scrolling_or_violations(
    app_url, page, state, tmp_path_factory
):
    """At 390 px each page in its telling state (errors, overruns, offers, every chart) scrolls
    only down, and axe finds no violation. A screenshot of each is kept to look at."""
    page.set_viewport_size(PHONE)
    PHONE_STATES[state](page, app_url)
    folder = os.environ.get("SCREENSHOT_DIR")
    shots = Path(folder) if folder else tmp_path_factory.mktemp("phone")
    page.screenshot(path=shots / f"{state}-phone.png")
    assert page.evaluate(_SIDEWAYS) is False
    assert run_axe(page) == []


_FOCUSED = (
    "() => document.activeElement === document.body ? null : document.activeElement.outerHTML"
)


def _tab_out_and_keep_focus(page: Page, key: str, typed: str, problem: str) -> None:
    """Type ``typed`` into the box ``key`` and leave it with Tab, which commits it and moves
    the focus on; the page refuses it with ``problem``. The focus stays where Tab put it once
    the run is over, and again after the box's value is put back (the problem then goes)."""
    box = page.locator(f".st-key-{key} input")
    original = box.input_value()
    for value, shown in ((typed, 1), (original, 0)):
        box.fill(value)
        box.press("Tab")
        focused = page.evaluate(_FOCUSED)
        assert focused is not None
        expect(page.get_by_test_id("stAlertContentError").filter(has_text=problem)).to_have_count(
            shown
        )
        wait_for_page_drawn(page)
        assert page.evaluate(_FOCUSED) == focused


def test_tab_out_of_a_refused_budget_setting_keeps_the_focus(app_url, page):
    """WCAG 2.4.3: a refused appropriation shows an error above the programs; the element the
    keyboard moved to is not drawn anew (which would drop the focus to the page)."""
    open_page(page, f"{app_url}/budget")
    page.get_by_test_id("stExpander").filter(has_text="Budget settings").locator("summary").click()
    _tab_out_and_keep_focus(page, "budget_appropriation", "-5", "must be 0 or more")


def test_tab_out_of_a_refused_number_of_months_keeps_the_focus(app_url, page):
    """The seasonal editor's number of months, refused and then put back: the focus stays on
    what follows it each time."""
    open_app(page, app_url)
    page.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    wait_for_page_drawn(page)
    # The new box shows empty for a moment before its value (100-500 ms measured, while the
    # charts are drawn): the value put back must be the scenario's 12, not that empty moment.
    expect(page.locator(".st-key-seasonal_horizon input")).to_have_value("12")
    _tab_out_and_keep_focus(page, "seasonal_horizon", "0", "number of months")


_FOCUSED_KEY = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const box = e.closest("[class*='st-key-']");
  return box ? [...box.classList].find((name) => name.startsWith("st-key-")).slice(7) : e.tagName;
}"""
"""The widget key of the element with the keyboard focus; None when the page itself has it."""


_RECORD_FOCUS = """() => {
  window.focusedKeys = [];
  document.addEventListener("focusin", (event) => {
    const box = event.target.closest("[class*='st-key-']");
    window.focusedKeys.push(
      box ? [...box.classList].find((name) => name.startsWith("st-key-")).slice(7) : null
    );
  });
}"""
"""Keep the widget key of every element that takes the focus from now on, in order: what Tab
moved to can then be read after the run has already moved the focus again."""


def _focus_comes_back_to(page: Page, key: str) -> None:
    page.wait_for_function(
        "(key) => !!document.activeElement?.closest('.st-key-' + key)", arg=key, timeout=10_000
    )


def test_a_refused_rate_that_hides_the_figures_gives_the_focus_back_to_its_box(app_url, page):
    """WCAG 2.4.3: Tab out of a negative concurrent rate moves the focus to the waterfall's
    "Numbers behind the chart"; the run refuses the rate and hides every figure, that section
    with them. The focus goes back to the rate's box, beside its message, not to the page."""
    open_app(page, app_url)
    box = page.locator(".st-key-quick_concurrent_rate input")
    box.fill("-5")
    page.evaluate(_RECORD_FOCUS)
    box.press("Tab")
    # Read from the record: on a busy machine the run may be over, and the focus given back,
    # before the test could ask where Tab put it.
    page.wait_for_function("() => window.focusedKeys.length > 0")
    assert page.evaluate("() => window.focusedKeys[0]") == "chart_waterfall_table_section"
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("concurrent")
    wait_for_page_drawn(page)
    _focus_comes_back_to(page, "quick_concurrent_rate")
    expect(page.locator(".st-key-chart_waterfall_table_section")).to_have_count(0)


def test_a_refused_seat_count_that_disables_the_button_gives_the_focus_back(app_url, page):
    """On the usage page, Tab out of a fraction of a seat moves the focus to "Use as my
    staffing curve", which the refused value disables: the focus goes back to the seats box."""
    page.goto(f"{app_url}/usage")
    wait_for_page_drawn(page)
    page.locator(".st-key-usage_try_sample label").first.click()
    box = page.locator(".st-key-usage_paid_seats input")
    expect(box).to_be_visible(timeout=60_000)
    wait_for_page_drawn(page)
    box.fill("12.7")
    box.press("Tab")
    # On a busy machine the page may already have drawn the button anew (the sample's run
    # ending late), which a keyboard user would see as the same loss of focus.
    assert page.evaluate(_FOCUSED_KEY) in ("usage_use_curve", None)
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("whole numbers only")
    wait_for_page_drawn(page)
    _focus_comes_back_to(page, "usage_paid_seats")


def test_a_click_away_from_a_refused_rate_leaves_the_focus_where_it_was_put(app_url, page):
    """The focus is given back only when the page took it away: a person who clicks the page's
    title after typing keeps the focus where the click put it (the page's main area), though
    the figures go as above."""
    open_app(page, app_url)
    box = page.locator(".st-key-quick_concurrent_rate input")
    box.fill("-5")
    page.get_by_role("heading", level=1).click()
    clicked = page.evaluate(_FOCUSED_KEY)
    assert clicked != "quick_concurrent_rate"
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("concurrent")
    wait_for_page_drawn(page)
    page.wait_for_timeout(1_000)  # past the moments the focus would be given back
    assert page.evaluate(_FOCUSED_KEY) == clicked


def test_a_static_table_wider_than_a_phone_is_reached_by_the_keyboard(app_url, page):
    """WCAG 2.1.1: on a phone the Budget page's contract years (eight columns) scroll sideways
    inside their box; the box takes the focus, is named, and the arrow keys scroll it. On a wide
    screen the same table fits and is no stop for the Tab key."""
    page.goto(f"{app_url}/budget?s={to_token(example_scenario(months=30))}")
    wait_for_page_drawn(page)
    box = page.locator(".st-key-budget_contract_years [data-testid='stTable'] table").locator("..")
    expect(box).not_to_have_attribute("tabindex", "0")
    page.set_viewport_size(PHONE)
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    expect(box).to_have_accessible_name("Table, scrolls sideways")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(el) => el.scrollLeft > 0",
        arg=box.element_handle(),
        timeout=5_000,
    )
