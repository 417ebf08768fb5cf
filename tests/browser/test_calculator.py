"""The calculator page in a real browser: the worked example, and what one changed input does.

Oracle: the worked example, docs/method.md#worked-example: 100 provisioned seats at $100, 70
active users at $65 -> named seats $10,000.00, active users $4,550.00, savings $5,450.00 (54.5 %),
utilization 70 %, volume effect $3,000.00, rate effect $2,450.00; the scenario runs twelve
identical months, so a year is twelve times a month ($120,000.00, $54,600.00, $65,400.00).
With 60 active users instead (by hand, same formulas): active users 60 x $65 = $3,900.00, savings
$10,000.00 - $3,900.00 = $6,100.00 = 61.0 % of $10,000.00, volume effect (100 - 60) x $100 =
$4,000.00, rate effect $6,100.00 - $4,000.00 = $2,100.00.
"""

from playwright.sync_api import expect

from tests.browser.calculator_page import (
    HEADLINE,
    enter_value,
    headline_cells,
    metric_value,
    open_app,
    quick_input,
    wait_for_waterfall_title,
    waterfall_figure,
)


def test_worked_example_headline(app_url, page):
    """The first page shows the worked example's savings and utilization as headline figures."""
    open_app(page, app_url)
    expect(metric_value(page, "Savings per month")).to_have_text("$5,450.00")
    expect(metric_value(page, "Savings in percent")).to_have_text("54.5 %")
    expect(metric_value(page, "Utilization")).to_have_text("70 %")


def test_worked_example_cost_table(app_url, page):
    """The headline table shows each plan's cost and savings per month and per year."""
    open_app(page, app_url)
    expect(headline_cells(page, "Named seats (today)")).to_have_text(
        ["Named seats (today)", "$10,000.00", "$120,000.00", "–", "–", "–"]
    )
    expect(headline_cells(page, "Active users")).to_have_text(
        ["Active users", "$4,550.00", "$54,600.00", "$5,450.00", "$65,400.00", "54.5 %"]
    )


def test_the_cost_table_lines_its_figures_up_on_the_right(app_url, page):
    """Figures right-aligned so digits line up, as in the data grids; plan names stay left."""
    open_app(page, app_url)
    cells = headline_cells(page, "Active users")
    expect(cells.first).to_have_css("text-align", "left")
    for index in range(1, 6):
        expect(cells.nth(index)).to_have_css("text-align", "right")


def test_worked_example_waterfall(app_url, page):
    """The waterfall steps from $10,000 through both effects to $4,550 and says so in its title."""
    open_app(page, app_url)
    figure = waterfall_figure(page)
    assert "saves $5,450.00 a month (54.5 %)" in figure["title"]
    assert figure["y"] == [[10_000, -3_000, -2_450, 4_550]]


def test_fewer_active_users_update_the_headline(app_url, page):
    """Typing 60 active users and pressing Enter shows savings of $6,100.00, 61.0 %."""
    open_app(page, app_url)
    expect(quick_input(page, "quick_active")).to_have_value("70")
    enter_value(page, "quick_active", 60)
    expect(metric_value(page, "Savings per month")).to_have_text("$6,100.00")
    expect(metric_value(page, "Savings in percent")).to_have_text("61.0 %")
    expect(metric_value(page, "Utilization")).to_have_text("60 %")


def test_fewer_active_users_update_the_waterfall(app_url, page):
    """Typing 60 active users redraws the waterfall with the new effects and title."""
    open_app(page, app_url)
    enter_value(page, "quick_active", 60)
    wait_for_waterfall_title(page, "saves $6,100.00 a month (61.0 %)")
    assert waterfall_figure(page)["y"] == [[10_000, -4_000, -2_100, 3_900]]


def test_rule_breaking_value_shows_message_and_no_old_figure(app_url, page):
    """More active users than seats shows the rule broken and what to do; the last valid
    figures leave the headline (they would be stale)."""
    open_app(page, app_url)
    enter_value(page, "quick_active", 200)
    # Streamlit's Markdown shows the message's "<=" as "≤".
    message = page.get_by_test_id("stAlertContentError").get_by_test_id("stMarkdownContainer")
    expect(message).to_have_text(
        "active users (200) must be ≤ provisioned seats (100); lower active users or raise"
        " provisioned seats"
    )
    expect(page.locator(HEADLINE).get_by_test_id("stMetric")).to_have_count(0)
    assert page.get_by_test_id("stException").count() == 0


def test_every_chart_follows_the_next_input_until_its_section_is_closed(app_url, page):
    """The staffing chart is shown at first with its summary and table, and after 60 active
    users are entered its summary says so; a closed section's chart is gone and stays gone."""
    open_app(page, app_url)
    staffing = page.locator(".st-key-chart_staffing")
    expect(staffing.locator(".js-plotly-plot")).to_have_count(1)
    expect(staffing.get_by_test_id("stCaptionContainer")).to_contain_text("70 agents log in")
    expect(staffing.get_by_test_id("stDataFrame")).to_have_count(1)
    enter_value(page, "quick_active", 60)
    expect(staffing.get_by_test_id("stCaptionContainer")).to_contain_text("60 agents log in")
    page.locator(".st-key-chart_section_monthly_cost summary").click()
    expect(page.locator(".st-key-chart_monthly_cost")).to_have_count(0)
    enter_value(page, "quick_active", 50)
    expect(staffing.get_by_test_id("stCaptionContainer")).to_contain_text("50 agents log in")
    expect(page.locator(".st-key-chart_monthly_cost")).to_have_count(0)
