"""Contract terms and the commitment advice in a real browser: a rate band edited in the plan's
table changes the headline, and the commitment chart is drawn with its table; axe finds nothing.

Oracle: :func:`calculator.compare` and :func:`calculator.recommend_commitment` on the scenario
the edit describes.
"""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Locator, Page, expect

from app.share import to_token
from calculator import Scenario, compare, format_money, plan_headlines, recommend_commitment
from tests.app.views.test_commitment_views import committed_scenario
from tests.browser.calculator_page import (
    HEADLINE,
    PAGE_LOAD_TIMEOUT,
    metric_value,
    open_app,
    wait_for_page_drawn,
)
from tests.browser.conftest import run_axe, wait_for_app_idle


def banded(top_rate: int) -> Scenario:
    """The commitment scenario with plan 2 priced in graduated bands: $65 up to 50 active users,
    ``top_rate`` above, and a commitment of 60 (no overage rate: the bands price every unit)."""
    data = committed_scenario().model_dump()
    data["plans"][1].update(
        overage_rate=None,
        tiers=[{"up_to": 50, "rate": Decimal(65)}, {"up_to": None, "rate": Decimal(top_rate)}],
        tier_mode="graduated",
    )
    return Scenario.model_validate(data)


def savings_text(scenario: Scenario, plan: str) -> str:
    row = next(row for row in plan_headlines(compare(scenario)) if row.plan == plan)
    return format_money(row.savings_per_month_cents, scenario.currency)


def open_banded_plan(page: Page, url: str) -> Locator:
    """The calculator on :func:`banded` (top rate 40) in the seasonal mode, with the section of
    plan 2 open."""
    open_app(page, f"{url}/?s={to_token(banded(40))}")
    page.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    plan = page.get_by_test_id("stExpander").filter(has_text="Active users (active user)")
    plan.locator("summary").first.click()
    return plan


def save_band_cell(page: Page, plan: Locator, across: float, down: int, text: str) -> None:
    """Type ``text`` into the band table's cell at ``across`` (a fraction of the table's width)
    and ``down`` px below its top (the header and each row are 35 px high), then save the plan."""
    tiers = plan.locator("[class*='st-key-seasonal_plan_1_tiers_']")
    expect(tiers).to_be_visible()
    canvas = tiers.get_by_test_id("stDataFrameResizable")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] * across, box["y"] + down)
    editor = page.locator("#portal input, #portal textarea").first
    expect(editor).to_be_visible()
    editor.fill(text)
    page.keyboard.press("Enter")
    expect(page.locator("#portal input, #portal textarea")).to_have_count(0)
    # Leaving the table hands the edit to the form. Streamlit's table passes an edit on 150 ms
    # after it (a debounce in its DataFrame component, 1.67), and nothing on the page shows when
    # it has: a Save clicked sooner submits the form without it. A person takes longer than that;
    # the test waits well past it so a busy machine cannot reorder the two.
    plan.get_by_text("Contract terms").click()
    page.wait_for_timeout(1000)
    plan.get_by_role("button").filter(has_text="Save this plan").click()
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)


def test_editing_a_band_changes_the_headline_and_the_advice_is_charted(app_url, page: Page):
    plan = open_banded_plan(page, app_url)
    savings = metric_value(page, "Savings per month (average): Active users")
    expect(savings).to_have_text(savings_text(banded(40), "Active users"))
    save_band_cell(page, plan, 0.8, 90, "30")  # the second band's rate
    expect(savings).to_have_text(savings_text(banded(30), "Active users"))
    assert savings_text(banded(30), "Active users") != savings_text(banded(40), "Active users")

    advice = recommend_commitment(banded(30), "Active users")
    expect(page.get_by_test_id("stAlert").filter(has_text=advice.sentence)).to_be_visible()
    page.locator(".st-key-commitment_section_1 summary").click()
    chart = page.locator(".st-key-commitment_1")
    expect(chart.locator(".js-plotly-plot")).to_have_count(1)
    expect(chart.get_by_test_id("stDataFrame")).to_be_visible()
    wait_for_page_drawn(page)
    assert page.get_by_test_id("stException").count() == 0
    assert run_axe(page) == []


def test_a_fraction_typed_into_a_band_is_refused_by_name(app_url, page: Page):
    """The band table's "Up to" column had a step of 1, so the grid cut a typed 50.5 to 50 and
    priced it without a word: the fraction now reaches the plan, which refuses it by band and
    column, and the headline shows no figure until it is mended."""
    plan = open_banded_plan(page, app_url)
    save_band_cell(page, plan, 0.2, 52, "50.5")  # the first band's "Up to"
    expect(plan.get_by_test_id("stAlertContentError")).to_contain_text(
        "plan 'Active users': rate band 1, up to: accepts whole numbers only; 50.5 was typed"
    )
    expect(page.locator(HEADLINE).get_by_test_id("stMetric")).to_have_count(0)


def test_an_unsaved_rate_stays_while_the_months_change(app_url, page: Page):
    """A rate typed in plan 2's form and not saved, then 24 months typed in the period: the
    form was refilled from the saved plan on every change to the scenario, so the typed rate
    went back to $65 without a word. It now stays until saved or the plan itself changes."""
    plan = open_banded_plan(page, app_url)
    rate = plan.locator(".st-key-seasonal_plan_1_rate input")
    expect(rate).to_have_value("65")
    rate.fill("70")
    months = page.locator(".st-key-seasonal_horizon input")
    months.fill("24")
    months.press("Enter")
    expect(page.get_by_text("Over 24 months,").first).to_be_visible(timeout=PAGE_LOAD_TIMEOUT)
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    expect(rate).to_have_value("70")
    assert page.get_by_test_id("stException").count() == 0


def test_an_overage_rate_too_large_for_the_browser_is_said_to_be_emptied(app_url, page: Page):
    """1e400 in the overage box: the browser cannot hold it and sends the form an empty box, so
    the plan was saved without its $80 overage rate and without a word. The save now says the
    box is empty, what it was, and what an empty box means."""
    open_app(page, f"{app_url}/?s={to_token(committed_scenario())}")
    page.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    plan = page.get_by_test_id("stExpander").filter(has_text="Active users (active user)")
    plan.locator("summary").first.click()
    plan.locator(".st-key-seasonal_plan_1_overage_rate input").fill("1e400")
    plan.get_by_role("button").filter(has_text="Save this plan").click()
    notice = page.get_by_test_id("stAlertContentWarning").filter(has_text="box now empty")
    expect(notice).to_contain_text(
        "Overage rate above the commitment is now empty (it was 80): units above the commitment "
        "now cost the plan's rate",
        timeout=PAGE_LOAD_TIMEOUT,
    )
    expect(notice).to_contain_text("it could not be read (too large, or not a number)")
    assert page.get_by_test_id("stException").count() == 0
