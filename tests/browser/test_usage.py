"""The usage page in a real browser: upload the sample log, read the insights, hand over the curve.

Oracle for the handover: the worked example's plans (named seats at $100 as today's plan, active
users at $65) priced on the log's months with 40 seats paid for; the volume effect of a month is
the seats nobody used, (40 - active agents) x $100, and the waterfall shows their monthly average.
"""

from __future__ import annotations

from decimal import Decimal

from playwright.sync_api import Page, expect

from calculator.usage import analyze_log, sample_log_csv
from tests.browser.calculator_page import PAGE_LOAD_TIMEOUT, wait_for_page_drawn, waterfall_figure
from tests.browser.conftest import run_axe, wait_for_app_idle

SEATS = 40
INSIGHT_CHARTS = (
    "usage_billing_chart",
    "usage_daily_chart",
    "usage_load_chart",
    "usage_heatmap_chart",
)


def test_sample_log_insights_and_handover_with_seats(app_url: str, page: Page) -> None:
    """Upload the sample, see every insight chart with its table, give the seats paid for, use
    the log as the staffing curve, and see the unused seats as the volume effect."""
    page.goto(f"{app_url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    page.locator(".st-key-usage_files input[type='file']").set_input_files(
        files=[{"name": "sample.csv", "mimeType": "text/csv", "buffer": sample_log_csv()}]
    )
    for key in INSIGHT_CHARTS:
        chart = page.locator(f".st-key-{key}")
        expect(chart.locator(".js-plotly-plot")).to_have_count(1, timeout=PAGE_LOAD_TIMEOUT)
        expander = chart.get_by_test_id("stExpander")
        expect(expander).to_contain_text("Numbers behind the chart")
        expander.locator("summary").click()
        expect(expander.get_by_test_id("stDataFrame")).to_be_visible()
    expect(page.locator(".st-key-usage_daily_chart")).to_contain_text("The busiest day was")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)

    seats = page.locator(".st-key-usage_paid_seats input")
    seats.fill(str(SEATS))
    seats.press("Enter")
    expect(page.get_by_text(f"You pay for {SEATS} seats today")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    button = page.get_by_role("button", name="Use as my staffing curve")
    expect(button).to_have_count(1)  # a rerun may briefly show the old copy beside the new
    button.click()

    expect(page.locator(".st-key-chart_waterfall .js-plotly-plot")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    months = analyze_log("sample.csv", sample_log_csv()).months
    unused = sum((SEATS - month.active) * 100 for month in months)
    volume = float(Decimal(unused) / len(months))
    figure = waterfall_figure(page)
    assert volume > 0
    assert figure["y"][0][1] == -volume


def test_usage_page_with_insights_has_no_accessibility_violation(app_url: str, page: Page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation once the sample's insights are drawn."""
    page.goto(f"{app_url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    page.locator(".st-key-usage_files input[type='file']").set_input_files(
        files=[{"name": "sample.csv", "mimeType": "text/csv", "buffer": sample_log_csv()}]
    )
    for key in INSIGHT_CHARTS:
        expect(page.locator(f".st-key-{key} .js-plotly-plot")).to_have_count(
            1, timeout=PAGE_LOAD_TIMEOUT
        )
    wait_for_page_drawn(page)
    assert run_axe(page) == []
