"""The HTML report in Chromium: charts drawn offline, no WCAG 2.1 A/AA violation (axe-core)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from app.reports import html_report, make_branding, side_by_side_html
from calculator import compare, example_scenario, side_by_side
from calculator.budget import BudgetSettings, example_programs
from tests.browser.conftest import ROOT, run_axe

ARTIFACTS = ROOT / "test-artifacts"

HOSTILE = '<img src=x onerror="document.title=1">'


@pytest.fixture
def report_page(page, tmp_path):
    """Open a report file from disk, refusing every request that leaves the file."""

    def open_report(text: str):
        path = tmp_path / "report.html"
        path.write_text(text, encoding="utf-8")
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-charts='ready']", timeout=30_000)
        return requests

    return open_report


def test_worked_example_has_no_violations(page, report_page):
    """axe-core finds no WCAG 2.0/2.1 A or AA violation in the worked example's report."""
    requests = report_page(
        html_report(
            compare(example_scenario()),
            branding=make_branding(company_name="Example Telecom", accent_color="#7A1F5C"),
            generated_on=date(2026, 11, 24),
            scenario_link="https://calc.example/?s=v1.abc",
        )
    )
    assert run_axe(page) == []
    assert [url for url in requests if not url.startswith("file://")] == []


def test_every_chart_is_drawn(page, report_page):
    """Each chart canvas holds a drawn Plotly figure: the five calculator charts, then the
    budget's P10-P90 range and the tornado."""
    report_page(html_report(compare(example_scenario()), generated_on=date(2026, 11, 24)))
    canvases = page.locator(".chart-canvas")
    assert canvases.count() == 7
    for index in range(7):
        assert canvases.nth(index).locator(".main-svg").count() >= 1


def test_hostile_names_do_not_run(page, report_page):
    """Markup in a plan name is shown as text and runs nothing."""
    scenario = example_scenario(months=2)
    plans = [scenario.plans[0], scenario.plans[1].model_copy(update={"name": HOSTILE})]
    report_page(html_report(compare(scenario.model_copy(update={"plans": plans}))))
    assert page.title() != "1"
    assert page.locator("img[src=x]").count() == 0
    assert page.get_by_text(HOSTILE).count() > 0


def test_side_by_side_report_has_no_violations(page, report_page):
    """axe-core finds no WCAG 2.0/2.1 A or AA violation in a three-way side-by-side report,
    with a 30-month offer, so the table by contract year is in it."""
    today = example_scenario()
    offer = today.model_copy(update={"name": "Offer", "staffing": today.staffing[:6]})
    longer = today.model_copy(update={"name": "Longer", "staffing": today.staffing[:1] * 30})
    result = side_by_side([today, offer, longer])
    report_page(side_by_side_html(result, generated_on=date(2026, 11, 24)))
    expect(page.get_by_text("Cost by contract year, side by side (USD;")).to_be_visible()
    assert run_axe(page) == []


def test_report_with_appropriation_overruns_in_euros_has_no_violations(page, report_page):
    """A euro report whose named seats overrun a €50,000 appropriation: flags, the extra table
    column and the ranges section pass axe too."""
    settings = BudgetSettings(programs=example_programs(), appropriation=Decimal(50000))
    scenario = example_scenario().model_copy(update={"budget": settings, "currency": "EUR"})
    report_page(html_report(compare(scenario), generated_on=date(2026, 11, 24)))
    assert (
        page.get_by_text(
            "Over the appropriation: the planned cost of Named seats is €60,000.00"
        ).count()
        == 4
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-overrun.png"), full_page=True)
    assert run_axe(page) == []


def test_figures_are_right_aligned_and_labels_left(page, report_page):
    """The headline table's money and percentages line up on the right (row headers and plan
    names on the left), header and cells alike, and amounts do not wrap."""
    report_page(html_report(compare(example_scenario()), generated_on=date(2026, 11, 24)))
    table = page.locator("table").first
    aligned = table.evaluate(
        """table => [...table.rows].map(row => [...row.cells].map(cell => {
            const style = getComputedStyle(cell);
            return [style.textAlign, style.whiteSpace];
        }))"""
    )
    header, *rows = aligned
    numeric = [index for index, (align, _) in enumerate(rows[0]) if align == "right"]
    assert numeric
    assert 0 not in numeric  # the row header stays on the left
    assert [header[index][0] for index in numeric] == ["right"] * len(numeric)
    for row in rows:
        assert [row[index] for index in numeric] == [["right", "nowrap"]] * len(numeric)
