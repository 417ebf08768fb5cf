"""No stale figure, in a real browser at desktop and phone width: the prospect's two numbers give
their savings; a broken rule leaves no money figure in the headline, only what to fix; numbers
stay as typed and are refused by name, never clamped."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.share import to_token
from calculator import example_scenario
from tests.app.components.test_results import many_plans
from tests.app.components.test_seasonal_editor import finely_priced
from tests.browser.calculator_page import (
    HEADLINE,
    enter_value,
    metric_value,
    open_app,
    quick_input,
    wait_for_page_drawn,
)
from tests.browser.conftest import run_axe

WIDTHS = {"desktop": 1440, "phone": 390}


@pytest.fixture(params=list(WIDTHS))
def width(request, page) -> int:
    page.set_viewport_size({"width": WIDTHS[request.param], "height": 900})
    return WIDTHS[request.param]


def test_two_numbers_give_the_savings(app_url, page, width):
    """40 seats x $100 = $4,000 against 30 active x $65 = $1,950: $2,050.00 a month."""
    open_app(page, app_url)
    enter_value(page, "quick_provisioned", 40)
    enter_value(page, "quick_active", 30)
    expect(metric_value(page, "Savings per month: Active users")).to_have_text("$2,050.00")
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def test_a_broken_rule_leaves_no_figure(app_url, page, width):
    """200 active of 100 seats: the headline says what to fix and holds no money figure; axe
    finds no violation in this state."""
    open_app(page, app_url)
    enter_value(page, "quick_active", 200)
    headline = page.locator(HEADLINE)
    expect(headline).to_contain_text("No figures until the inputs are fixed")
    expect(headline).to_contain_text("active users (200) must be ≤ provisioned seats (100)")
    expect(headline).not_to_contain_text("$")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("lower active users")
    wait_for_page_drawn(page)
    assert run_axe(page) == []


def test_numbers_stay_as_typed_and_are_refused_by_name(app_url, page, width):
    """12.7 agents stays 12.7 and is refused; a rate of 95.555 is shown and priced as typed:
    100 x 95.555 = $9,555.50 against $4,550: $5,005.50."""
    open_app(page, app_url)
    enter_value(page, "quick_provisioned", "12.7")
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(
        "provisioned seats: accepts whole numbers only; 12.7 was typed"
    )
    expect(quick_input(page, "quick_provisioned")).to_have_value("12.7")
    expect(page.locator(HEADLINE)).not_to_contain_text("$")
    enter_value(page, "quick_provisioned", 100)
    enter_value(page, "quick_seat_rate", "95.555")
    expect(metric_value(page, "Savings per month: Active users")).to_have_text("$5,005.50")
    expect(quick_input(page, "quick_seat_rate")).to_have_value("95.555")


def test_a_rate_typed_with_a_decimal_comma_is_pointed_out(app_url, page, width):
    """A European "65,50" in the seat rate: the box reads it as 6550 (its comma taken for a
    thousands separator), so the page prices 6,550 and says how to type cents."""
    open_app(page, app_url)
    box = quick_input(page, "quick_seat_rate")
    box.click()
    box.press("Control+a")
    box.press_sequentially("65,50")
    box.press("Enter")
    expect(box).to_have_value("6550")
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="65,50 becomes 6550")
    expect(warning).to_contain_text("Named seats: $6,550.00 a seat a month is far above")
    enter_value(page, "quick_seat_rate", "65.50")
    expect(metric_value(page, "Savings per month: Active users")).to_have_text("$2,000.00")
    expect(warning).to_have_count(0)


def test_many_plans_rank_best_first_and_add_a_plan_asks(app_url, page, width):
    """Five plans: the headline opens with the ranked table, best plan first; the details are
    one click away. "Add a plan" asks for the rule and rate in a closed section. Axe finds no
    violation with it open."""
    open_app(page, f"{app_url}/?s={to_token(many_plans())}")
    headline = page.locator(HEADLINE)
    first_row = headline.get_by_test_id("stTable").first.get_by_role("row").nth(1)
    expect(first_row).to_contain_text("Concurrent")
    expect(first_row).to_contain_text("$5,500.00")
    details = headline.get_by_test_id("stExpander")
    expect(details.get_by_test_id("stMetric").first).not_to_be_visible()
    details.locator("summary").click()
    expect(details.get_by_test_id("stMetric").first).to_be_visible()
    details.locator("summary").click()
    add = page.get_by_test_id("stExpander").filter(has_text="Add a plan")
    add.locator("summary").click()
    expect(page.locator(".st-key-seasonal_new_plan_rate input")).to_have_value("")
    wait_for_page_drawn(page)
    assert run_axe(page) == []


CRAFTED = "[offer](http://evil.example) *big* $5 or $6 :red[hi]"
"""A plan name a shared link can carry: a Markdown link, emphasis, two amounts a formula would
take, and a colour directive that would swallow its own name."""


def test_a_crafted_plan_name_shows_as_typed_in_the_headline_tables(app_url, page, width):
    """The headline's table (st.table renders its cells as Markdown) shows the name as typed:
    no link to a hidden target, no emphasis, no formula. With four plans or more the ranked table
    does too."""
    scenario = example_scenario()
    crafted = scenario.plans[1].model_copy(update={"name": CRAFTED})
    for plans in ([scenario.plans[0], crafted], [*many_plans().plans[:4], crafted]):
        open_app(page, f"{app_url}/?s={to_token(scenario.model_copy(update={'plans': plans}))}")
        tables = page.locator(HEADLINE).get_by_test_id("stTable")
        expect(tables.first).to_contain_text(CRAFTED)
        assert tables.locator("em, strong, .katex").count() == 0
        # The address is made a link by Streamlit, to where its text says; no hidden target.
        links = tables.locator("a")
        assert [link.text_content() for link in links.all()] == [
            "http://evil.example"
        ] * links.count()
        assert {link.get_attribute("href").rstrip("/") for link in links.all()} <= {
            "http://evil.example"
        }


def test_a_plan_s_boxes_show_its_terms_as_kept(app_url, page, width):
    """A rate of 12.3456 was shown as 12.35 and a yearly rise of 3.1234 % as 3.12: each box
    shows the term to its last kept decimal, none added (a minimum of 0 is "0", not "0.00")."""
    open_app(page, f"{app_url}/?s={to_token(finely_priced())}")
    plan = page.get_by_test_id("stExpander").filter(has_text="Active users (active user)")
    plan.locator("summary").first.click()
    shown = {
        "seasonal_plan_1_rate": "12.3456",
        "seasonal_plan_1_overage_rate": "1234.567891",
        "seasonal_plan_1_escalator": "3.1234",
        "seasonal_plan_1_monthly_term_premium": "12.3456",
        "seasonal_plan_1_minimum_monthly_charge": "0",
    }
    for key, text in shown.items():
        expect(page.locator(f".st-key-{key} input")).to_have_value(text)


def test_a_refused_entry_is_told_on_budget_and_kept_for_the_way_back(app_url, page):
    """200 active of 100 seats, then Budget: its figures are the last valid entry's (70 active),
    and it says so; its link back brings the 200 and its message, still without figures."""
    open_app(page, app_url)
    enter_value(page, "quick_active", 200)
    expect(page.locator(HEADLINE)).to_contain_text("No figures until the inputs are fixed")
    nav = page.get_by_test_id("stSidebarNavItems")
    nav.get_by_role("link", name="Budget").click()
    notice = page.get_by_test_id("stAlertContentWarning").filter(has_text="was not applied")
    expect(notice).to_contain_text("active users (200) must be ≤ provisioned seats (100)")
    page.get_by_role("link", name="Back to the calculator").click()
    expect(quick_input(page, "quick_active")).to_have_value("200")
    expect(page.locator(HEADLINE)).to_contain_text("No figures until the inputs are fixed")
    expect(page.locator(HEADLINE)).not_to_contain_text("$")
