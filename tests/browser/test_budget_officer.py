"""The budget officer's pages in a real browser, at desktop (1440 px) and phone (390 px) width:
the appropriation's overrun flags and the cost by program on the Budget page, the sourced
defaults on the Method page, and the currency choice; axe finds no WCAG A/AA violation in any of
these states, and no page scrolls sideways on a phone.

Screenshots go to ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.share import to_token
from calculator import example_scenario
from calculator.budget import BudgetSettings, example_programs
from tests.browser.calculator_page import wait_for_page_drawn
from tests.browser.conftest import ROOT, run_axe

ARTIFACTS = ROOT / "test-artifacts"
WIDTHS = {"desktop": 1440, "phone": 390}
LOAD_TIMEOUT = 60_000  # [ms] a rerun on a shared two-core machine


def overrun_link() -> str:
    """A euro scenario with the illustrative programs and a €50,000 appropriation a year, which
    the named seats' €60,000 per half year overruns."""
    settings = BudgetSettings(programs=example_programs(), appropriation=Decimal(50000))
    scenario = example_scenario().model_copy(update={"budget": settings, "currency": "EUR"})
    return to_token(scenario)


def open_at(page: Page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    wait_for_page_drawn(page)


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width_name", WIDTHS)
def test_budget_page_flags_overruns_and_shows_programs(app_url, page, width_name):
    open_at(page, f"{app_url}/budget?s={overrun_link()}", WIDTHS[width_name])
    warnings = page.get_by_test_id("stAlertContentWarning")
    expect(warnings.first).to_contain_text(
        "Over the appropriation: the planned cost of Named seats is €60,000.00",
        timeout=LOAD_TIMEOUT,
    )
    expect(page.get_by_text("Active users: cost by program and fiscal year").first).to_be_visible()
    page.get_by_test_id("stExpander").filter(has_text="Budget settings").locator("summary").click()
    expect(page.locator(".st-key-budget_appropriation input")).to_have_value("50000")
    wait_for_page_drawn(page)
    page.locator(".st-key-budget_appropriation").scroll_into_view_if_needed()
    shot(page, f"budget-settings-{width_name}")
    page.locator(".st-key-budget_fiscal").scroll_into_view_if_needed()
    shot(page, f"budget-fiscal-{width_name}")
    warnings.first.scroll_into_view_if_needed()
    shot(page, f"budget-overrun-{width_name}")
    contract_years = page.locator(".st-key-budget_contract_years")
    contract_years.scroll_into_view_if_needed()
    expect(contract_years).to_contain_text(
        "Over the base year alone (12 months): Named seats (today) €120,000.00"
    )
    expect(contract_years.get_by_test_id("stTable")).to_be_visible()
    # A year's months ("2027-01 to 2027-12") stay on one line: a break after the hyphen left
    # "12" alone under "2027-".
    months = contract_years.locator("td:nth-child(2) p").first
    assert months.evaluate(
        "(p) => p.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(p).lineHeight)"
    )
    shot(page, f"budget-contract-years-{width_name}")
    page.locator(".st-key-budget_program").scroll_into_view_if_needed()
    shot(page, f"budget-program-{width_name}")
    assert no_sideways_scroll(page)
    assert run_axe(page) == []


def type_a_refused_setting(page, url: str, key: str, typed: str, problem: str) -> None:
    """On the Budget page of :func:`overrun_link`, ``typed`` into the setting ``key`` and Enter:
    the page refuses it with ``problem``, and the box keeps what was typed. The error box (which
    a screen reader announces) says first that the figures are still those of the settings
    before."""
    open_at(page, f"{url}/budget?s={overrun_link()}", WIDTHS["desktop"])
    page.get_by_test_id("stExpander").filter(has_text="Budget settings").locator("summary").click()
    box = page.locator(f".st-key-{key} input")
    box.fill(typed)
    box.press("Enter")
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text(problem, timeout=LOAD_TIMEOUT)
    expect(error).to_contain_text(
        "Not applied: the figures on this page still use the settings before this change."
    )
    expect(box).to_have_value(typed)


def test_an_appropriation_below_0_is_refused_by_name(app_url, page):
    """-5 stays in the box and is refused in the page's words; the €50,000 still applies."""
    type_a_refused_setting(
        page,
        app_url,
        "budget_appropriation",
        "-5",
        "appropriation per fiscal year: must be 0 or more (got -5.00)",
    )
    expect(page.get_by_test_id("stAlertContentWarning").first).to_contain_text(
        "above the appropriation of €50,000.00"
    )


def test_an_appropriation_the_box_cannot_read_is_named_and_can_be_restored(app_url, page):
    """1e400 leaves the number box empty (an infinite number: the browser sends no value, as
    for a box emptied on purpose). The page names the €50,000.00 that no longer applies and
    restores it in one click."""
    open_at(page, f"{app_url}/budget?s={overrun_link()}", WIDTHS["desktop"])
    page.get_by_test_id("stExpander").filter(has_text="Budget settings").locator("summary").click()
    box = page.locator(".st-key-budget_appropriation input")
    expect(box).to_have_value("50000")
    box.select_text()
    box.press_sequentially("1e400")
    box.press("Enter")
    expect(page.get_by_test_id("stAlertContentWarning").first).to_contain_text(
        "Appropriation per fiscal year: the box is empty, so the appropriation of €50,000.00 no "
        "longer applies. If you typed an amount, it could not be read (too large, or not a "
        "number)",
        timeout=LOAD_TIMEOUT,
    )
    page.locator(".st-key-budget_restore_appropriation").get_by_role("button").click()
    expect(box).to_have_value("50000", timeout=LOAD_TIMEOUT)
    expect(page.get_by_test_id("stAlertContentWarning").first).to_contain_text(
        "above the appropriation of €50,000.00"
    )


def test_the_programs_text_tab_stays_chosen_when_a_setting_above_is_refused(app_url, page):
    """A keyboard user works in the programs' text tab, then types an appropriation the page
    refuses: the error box appears above the tabs, and the text tab is still the one shown."""
    open_at(page, f"{app_url}/budget", WIDTHS["desktop"])
    page.get_by_test_id("stExpander").filter(has_text="Budget settings").locator("summary").click()
    text_tab = page.get_by_role("tab", name="Text (keyboard and screen reader friendly)")
    text_tab.click()
    expect(text_tab).to_have_attribute("aria-selected", "true")
    box = page.locator(".st-key-budget_appropriation input")
    box.fill("-5")
    box.press("Enter")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "must be 0 or more", timeout=LOAD_TIMEOUT
    )
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=LOAD_TIMEOUT
    )
    expect(text_tab).to_have_attribute("aria-selected", "true")


def test_a_discount_rate_finer_than_four_decimals_is_refused_as_typed(app_url, page):
    """3.123456 % is not rounded to 3.1235 %: the box shows it, the page refuses it in percent."""
    type_a_refused_setting(
        page,
        app_url,
        "budget_discount_rate",
        "3.123456",
        "discount rate: must have at most 4 decimal places in percent (got 3.123456 %)",
    )


def test_the_budget_page_hands_over_a_report_with_its_figures(app_url, page, tmp_path):
    """The HTML report taken from the Budget page holds what the page flags: the euro
    appropriation's overrun and the programs' split, in the scenario's currency."""
    open_at(page, f"{app_url}/budget?s={overrun_link()}", WIDTHS["desktop"])
    button = page.locator(".st-key-budget_reports").get_by_role("button", name="Report (HTML)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=LOAD_TIMEOUT) as info:
        button.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    report = target.read_text(encoding="utf-8")
    assert "Over the appropriation: the planned cost of Named seats is €60,000.00" in report
    assert "Cost by fiscal year, program and funding source (EUR)" in report
    assert run_axe(page) == []


def test_a_printed_budget_page_leaves_out_the_sidebar(app_url, page):
    """Printed from the browser, the page holds its own content: the sidebar (navigation, share
    link) and the top bar are not printed; on screen they are there."""
    open_at(page, f"{app_url}/budget", WIDTHS["desktop"])
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_be_visible()
    page.emulate_media(media="print")
    expect(sidebar).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    expect(page.locator(".st-key-budget_fiscal")).to_be_visible()


@pytest.mark.parametrize("width_name", WIDTHS)
def test_method_page_lists_defaults_with_sources(app_url, page, width_name):
    open_at(page, f"{app_url}/method", WIDTHS[width_name])
    heading = page.get_by_role("heading", name="Defaults and their sources")
    expect(heading).to_be_visible()
    expect(page.get_by_role("cell", name="illustrative, no source").first).to_be_visible()
    heading.scroll_into_view_if_needed()
    shot(page, f"method-defaults-{width_name}")
    page.get_by_role("cell", name="Tornado: each input moved by").scroll_into_view_if_needed()
    shot(page, f"method-defaults-end-{width_name}")
    assert no_sideways_scroll(page)
    assert run_axe(page) == []


def axe_in(page: Page, selector: str) -> list[dict]:
    """The WCAG A/AA violations axe finds inside the element ``selector`` only."""
    run_axe(page)  # injects axe-core
    result = page.evaluate(
        """async (selector) => await axe.run(document.querySelector(selector), {runOnly:
            {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""",
        selector,
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def test_currency_choice_on_the_calculator(app_url, page):
    """Choosing the euro in the sidebar relabels the headline; axe passes on the whole page."""
    open_at(page, app_url, WIDTHS["desktop"])
    box = page.locator(".st-key-scenario_currency")
    expect(box).to_be_in_viewport(timeout=LOAD_TIMEOUT)
    box.click()
    option = page.get_by_role("option", name="EUR (€)")
    expect(option).to_be_visible(timeout=LOAD_TIMEOUT)
    option.click()
    euros = page.get_by_test_id("stMetricValue").filter(has_text="€").first
    expect(euros).to_be_attached(timeout=LOAD_TIMEOUT)  # after the rerun, on a busy machine too
    wait_for_page_drawn(page)
    shot(page, "calculator-currency-desktop")
    assert run_axe(page) == []


def test_currency_choice_in_the_phone_sidebar(app_url, page):
    """At 390 px the opened sidebar shows the currency choice, and axe finds nothing in it."""
    open_at(page, app_url, WIDTHS["phone"])
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.locator(".st-key-scenario_currency")).to_be_in_viewport(timeout=LOAD_TIMEOUT)
    shot(page, "calculator-currency-phone")
    assert axe_in(page, "[data-testid='stSidebar']") == []
