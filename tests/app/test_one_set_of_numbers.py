"""One set of numbers: every money figure the calculator page and the reports show equals the
one read from the comparison's tidy monthly table (:attr:`calculator.Comparison.monthly`).

The expected figures are summed here from the tidy table's cents, plan by plan, so a view that
computes a figure its own way (a chart or report that prices months again, rounds per month, or
drops a contract term) disagrees. The scenarios use every contract term.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app.reports import html_report, monthly_csv, workbook_bytes
from app.share import to_token
from app.views.calculator import all_chart_views, default_alternative
from calculator import (
    Comparison,
    CountingRule,
    Plan,
    Scenario,
    compare,
    example_scenario,
    format_money,
    monthly_average,
    preset_curve,
)
from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import keyed_block
from tests.app.reports.spreadsheet import recalculate


def _scenario(name: str, months: int, plans: list[Plan]) -> Scenario:
    return example_scenario().model_copy(
        update={
            "name": name,
            "staffing": preset_curve("tax_season", "2027-01", months),
            "plans": plans,
            "baseline": plans[0].name,
        }
    )


SCENARIOS = {
    "tax season, list prices": _scenario(
        "Tax season",
        12,
        [
            Plan(name="Named seats", rule=CountingRule.NAMED_SEAT, rate=Decimal(100)),
            Plan(name="Active users", rule=CountingRule.ACTIVE_USER, rate=Decimal(65)),
        ],
    ),
    "every term over 36 months": _scenario(
        "Three-year deal",
        36,
        [
            Plan(
                name="Named seats",
                rule=CountingRule.NAMED_SEAT,
                rate=Decimal("99.99"),
                seats_reducible=False,
                escalator=Decimal("0.05"),
            ),
            Plan(
                name="Active, committed",
                rule=CountingRule.ACTIVE_USER,
                rate=Decimal(60),
                committed_units=40,
                overage_rate=Decimal("72.5"),
                minimum_monthly_charge=Decimal(3000),
                one_time_cost=Decimal("4999.99"),
                escalator=Decimal("0.035"),
            ),
            Plan(
                name="Concurrent, capped",
                rule=CountingRule.CONCURRENT,
                rate=Decimal("89.95"),
                concurrent_cap=60,
                one_time_cost=Decimal(2500),
            ),
            Plan(
                name="Hours",
                rule=CountingRule.LOGGED_IN_HOURS,
                rate=Decimal("0.55"),
                committed_units=2000,
                escalator=Decimal("0.02"),
            ),
        ],
    ),
    "contract rules as signed over 15 months": _scenario(
        "Contract rules",
        15,
        [
            Plan.model_validate(
                {
                    "name": "High-water seats",
                    "rule": "named_seat",
                    "rate": "95",
                    "seat_reduction": "high_water_mark",
                    "monthly_term_premium": "0.2",
                }
            ),
            Plan.model_validate(
                {
                    "name": "Banded",
                    "rule": "active_user",
                    "rate": "70",
                    "tiers": [{"up_to": 60, "rate": "70"}, {"up_to": None, "rate": "55"}],
                    "tier_mode": "graduated",
                    "one_time_cost": "3000",
                    "one_time_months": [1, 2, 3],
                }
            ),
            Plan.model_validate(
                {"name": "Overflow only", "rule": "concurrent", "rate": "130", "above": 20}
            ),
            Plan.model_validate(
                {
                    "name": "Trued up",
                    "rule": "active_user",
                    "rate": "62",
                    "committed_units": 40,
                    "true_up": {"period_months": 3, "premium": "0.2"},
                }
            ),
            Plan.model_validate(
                {
                    "name": "Core and overflow",
                    "rule": "named_seat",
                    "rate": "100",
                    "up_to": 50,
                    "lines": [
                        {"name": "Overflow", "rule": "concurrent", "rate": "120", "above": 50}
                    ],
                }
            ),
            Plan.model_validate(
                {
                    "name": "Fixed core",
                    "rule": "named_seat",
                    "rate": "90",
                    "quantity": 30,
                    "seat_reduction": "next_month",
                    "lines": [{"name": "Agents", "rule": "active_user", "rate": "60"}],
                }
            ),
        ],
    ),
}


@dataclass(frozen=True)
class Expected:
    """A plan's figures summed from the tidy monthly table [cents]."""

    total: int
    one_time: int
    savings: int | None  # None for today's plan


def expected(comparison: Comparison) -> dict[str, Expected]:
    monthly = comparison.monthly
    totals = monthly.groupby("plan", sort=False)[["cost_cents", "one_time_cents"]].sum()
    base = int(totals.loc[comparison.baseline, "cost_cents"])
    return {
        plan: Expected(
            total=int(row.cost_cents),
            one_time=int(row.one_time_cents),
            savings=None if plan == comparison.baseline else base - int(row.cost_cents),
        )
        for plan, row in totals.iterrows()
    }


def money(comparison: Comparison, cents: int) -> str:
    return format_money(cents, comparison.scenario.currency)


@pytest.fixture(scope="module", params=list(SCENARIOS))
def case(request) -> tuple[Comparison, dict[str, Expected]]:
    comparison = compare(SCENARIOS[request.param])
    return comparison, expected(comparison)


def test_the_scenarios_use_every_contract_term():
    """Each term differs from its default in some plan, so every term reaches the figures."""
    defaults = Plan(name="x", rule=CountingRule.NAMED_SEAT, rate=Decimal(1))
    plans = [plan for scenario in SCENARIOS.values() for plan in scenario.plans]
    terms = set(Plan.model_fields) - {"name", "rule", "rate"}
    used = {
        term for term in terms for plan in plans if getattr(plan, term) != getattr(defaults, term)
    }
    assert used == terms


def test_calculator_page(case):
    """The headline table: cost and savings per month and per year of every plan."""
    comparison, figures = case
    months = comparison.scenario.horizon
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    at.query_params["s"] = to_token(comparison.scenario)
    at.run()
    assert not at.exception
    tables = keyed_block(at, "headline").table
    table = next(t.value for t in tables if any(c.startswith("Cost per year") for c in t.value))
    shown = {row.iloc[0].removesuffix(" (today)"): row for _, row in table.iterrows()}
    assert set(shown) == set(figures)
    for plan, figure in figures.items():
        cells = shown[plan].tolist()
        assert cells[1] == money(comparison, monthly_average(figure.total, months))
        assert cells[2] == money(comparison, monthly_average(figure.total, months, 12))
        if figure.savings is not None:
            assert cells[3] == money(comparison, monthly_average(figure.savings, months))
            assert cells[4] == money(comparison, monthly_average(figure.savings, months, 12))
    for metric in keyed_block(at, "headline").metric:
        if metric.label.startswith("Savings per month: "):
            plan = metric.label.removeprefix("Savings per month: ").replace("\\", "")
            assert metric.value == money(comparison, monthly_average(figures[plan].savings, months))


def test_csv(case):
    """Every month's cost and savings in the CSV equals the tidy table's line."""
    comparison, _ = case
    table = pd.read_csv(io.BytesIO(monthly_csv(comparison)), encoding="utf-8-sig", dtype=str)
    monthly = comparison.monthly
    assert [round(Decimal(v) * 100) for v in table["cost"]] == monthly["cost_cents"].tolist()
    assert [round(Decimal(v) * 100) for v in table["savings"]] == monthly["savings_cents"].tolist()


class _Rows(HTMLParser):
    """Every table row of an HTML page as a list of its cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_html_report(case):
    """The report's totals table: per month, total, one-time costs and savings of every plan."""
    comparison, figures = case
    months = comparison.scenario.horizon
    parser = _Rows()
    parser.feed(html_report(comparison))
    header = next(row for row in parser.rows if row[:1] == ["Plan"] and "Total" in row)
    at = {name: header.index(name) for name in header}
    rows = {
        row[0].removesuffix(" (today)"): row
        for row in parser.rows
        if len(row) == len(header) and row[0].removesuffix(" (today)") in figures
    }
    assert set(rows) == set(figures)
    for plan, figure in figures.items():
        row = rows[plan]
        assert row[at["Per month (average)"]] == money(
            comparison, monthly_average(figure.total, months)
        )
        assert row[at["Total"]] == money(comparison, figure.total)
        assert row[at["One-time costs"]] == money(comparison, figure.one_time)
        if figure.savings is not None:
            assert row[at["Savings against today"]] == money(comparison, figure.savings)


def _summary(book: openpyxl.Workbook) -> dict[str, dict[str, object]]:
    sheet = book["Summary"]
    header = [cell.value for cell in sheet[5]]
    return {
        str(row[0]).removesuffix(" (today)"): dict(zip(header, row, strict=False))
        for row in sheet.iter_rows(min_row=6, values_only=True)
        if row[0] and row[1]
    }


def _check_summary(summary, comparison: Comparison, figures: dict[str, Expected]) -> None:
    months = comparison.scenario.horizon
    assert set(figures) <= set(summary)
    for plan, figure in figures.items():
        row = summary[plan]
        assert round(Decimal(str(row["Total"])) * 100) == figure.total
        assert round(Decimal(str(row["One-time costs"])) * 100) == figure.one_time
        average = round(Decimal(str(row["Per month (average)"])) * 100)
        assert average == monthly_average(figure.total, months)
        if figure.savings is not None:
            assert round(Decimal(str(row["Savings against today"])) * 100) == figure.savings


def test_excel_as_saved(case):
    """The workbook's Summary sheet as saved (the values a viewer without recalculation shows)."""
    comparison, figures = case
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(comparison)), data_only=True)
    _check_summary(_summary(book), comparison, figures)


def test_excel_recalculated(tmp_path):
    """The same Summary figures after a spreadsheet engine recalculates every formula."""
    comparisons = [compare(scenario) for scenario in SCENARIOS.values()]
    books = recalculate([workbook_bytes(c) for c in comparisons], tmp_path)
    for comparison, book in zip(comparisons, books, strict=True):
        _check_summary(_summary(book), comparison, expected(comparison))


def test_charts(case):
    """The waterfall starts at today's plan and ends at the alternative's average month; the
    monthly cost and savings-so-far tables hold the tidy lines; today's markers on the cost
    against utilization chart are the headline's average month."""
    comparison, figures = case
    months = comparison.scenario.horizon
    views = {view.slug: view for view in all_chart_views(comparison)}
    monthly = comparison.monthly
    steps = views["waterfall"].table.iloc[:, 1].tolist()
    plan = default_alternative(comparison)
    assert steps[0] == money(
        comparison, monthly_average(figures[comparison.baseline].total, months)
    )
    assert steps[-1] == money(comparison, monthly_average(figures[plan].total, months))
    costs = views["monthly_cost"].table
    for column, name in zip(costs.columns[1:], comparison.scenario.plans, strict=True):
        lines = monthly[monthly["plan"] == name.name]["cost_cents"]
        assert costs[column].tolist() == [money(comparison, int(c)) for c in lines]
    so_far = views["savings"].table
    for column, name in zip(so_far.columns[1:], comparison.alternatives, strict=True):
        lines = monthly[monthly["plan"] == name]["savings_cents"].cumsum()
        assert so_far[column].tolist() == [money(comparison, int(c)) for c in lines]
    today = views["utilization"].figure.data[-1]
    assert list(today.y) == [
        float(Decimal(monthly_average(figures[p.name].total, months)) / 100)
        for p in comparison.scenario.plans
    ]
