"""The currency choice: every figure on the page, the share link and the reports follow it;
quick mode keeps it across edits."""

from dataclasses import replace

from streamlit.testing.v1 import AppTest

from app.components.currency import currency_label
from app.components.mode_switch import QUICK
from app.quick import build_quick_scenario, is_quick_shaped, quick_values_from
from app.reports import html_report, workbook_bytes
from app.share import from_token
from calculator import compare, example_scenario
from tests.app.helpers import current_scenario, metrics
from tests.app.reports.test_excel_export import load


def test_labels():
    assert currency_label("EUR") == "EUR (€)"
    assert currency_label("USD") == "USD ($)"
    assert currency_label("CHF") == "CHF"


def test_quick_scenarios_keep_their_currency():
    """A euro scenario stays quick-shaped, and rebuilding it keeps the euro."""
    scenario = example_scenario().model_copy(update={"currency": "EUR"})
    assert is_quick_shaped(scenario)
    values = replace(quick_values_from(scenario), peak_concurrent=50)  # the stored peak
    rebuilt = build_quick_scenario(
        values, name=scenario.name, start_month="2027-01", currency="EUR"
    )
    assert rebuilt == scenario


def test_choosing_a_currency_relabels_every_figure(app: AppTest):
    """Euro: the headline reads €5,450.00 a month (the amounts are not converted), the share
    link holds EUR, and a quick edit afterwards keeps it."""
    app.run()
    assert app.selectbox(key="scenario_currency").value == "USD"
    app.selectbox(key="scenario_currency").set_value("EUR").run()
    assert not app.exception
    assert current_scenario(app).currency == "EUR"
    assert from_token(app.query_params["s"]).currency == "EUR"
    shown = " ".join(metrics(app).values())
    assert "€5,450.00" in shown
    assert "$" not in shown
    assert app.radio(key="mode_switch").value == QUICK
    app.number_input(key="quick_active").set_value(60).run()
    assert current_scenario(app).currency == "EUR"
    assert current_scenario(app).staffing[0].active == 60


def test_budget_page_offers_the_same_choice(app: AppTest):
    app.run()
    app.switch_page("app_pages/budget.py").run()
    app.selectbox(key="scenario_currency").set_value("GBP").run()
    assert not app.exception
    assert current_scenario(app).currency == "GBP"
    assert "NPV: Active users" in metrics(app)
    assert metrics(app)["NPV: Active users"].startswith("£")


def test_reports_follow_the_currency():
    comparison = compare(example_scenario().model_copy(update={"currency": "EUR"}))
    text = html_report(comparison)
    assert "amounts in EUR" in text
    assert "€5,450.00" in text
    assert "$5,450.00" not in text
    summary = load(workbook_bytes(comparison))["Summary"]
    formats = {cell.number_format for row in summary.iter_rows() for cell in row}
    assert any("€" in fmt for fmt in formats)
