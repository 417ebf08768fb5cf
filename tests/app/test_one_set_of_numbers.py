"""One set of numbers: every money figure the pages and the reports show equals the one read
from the comparison's tidy monthly table (:attr:`calculator.Comparison.monthly`).

The expected figures are summed here from the tidy table's cents, plan by plan, so a view that
computes a figure its own way (a chart or report that prices months again, rounds per month, or
drops a contract term) disagrees. The fixed scenarios use every contract term; generated ones
combine the terms, horizons and programs in ways no one wrote down (:func:`test_generated_contracts`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest

from app.reports import html_report, monthly_csv, workbook_bytes
from app.share import offers_to_token, to_token
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
from calculator.budget import BudgetSettings, example_programs
from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import keyed_block, plain, shown_table
from tests.app.reports.spreadsheet import recalculate
from tests.calculator.budget.strategies import budget_scenarios
from tests.calculator.strategies import contract_scenarios


def _scenario(name: str, months: int, plans: list[Plan], **changes) -> Scenario:
    return example_scenario().model_copy(
        update={
            "name": name,
            "staffing": preset_curve("tax_season", "2027-01", months),
            "plans": plans,
            "baseline": plans[0].name,
            **changes,
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
        # Several programs and funding sources, so the budget page splits every fiscal year.
        budget=BudgetSettings(programs=example_programs(), fiscal_year_start_month=10),
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
    savings_a_month: int | None
    savings_a_year: int | None
    """Savings on average: today's average less the plan's, each rounded once, so that the
    averages shown in a row subtract exactly (docs/method.md, "One rounding per line")."""


def expected(comparison: Comparison) -> dict[str, Expected]:
    monthly = comparison.monthly
    months = comparison.scenario.horizon
    totals = monthly.groupby("plan", sort=False)[["cost_cents", "one_time_cents"]].sum()
    base = int(totals.loc[comparison.baseline, "cost_cents"])

    def average_savings(total: int, per: int) -> int:
        return monthly_average(base, months, per) - monthly_average(total, months, per)

    return {
        plan: Expected(
            total=int(row.cost_cents),
            one_time=int(row.one_time_cents),
            savings=None if plan == comparison.baseline else base - int(row.cost_cents),
            savings_a_month=(
                None if plan == comparison.baseline else average_savings(int(row.cost_cents), 1)
            ),
            savings_a_year=(
                None if plan == comparison.baseline else average_savings(int(row.cost_cents), 12)
            ),
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


def _open(comparison: Comparison, page: str | None = None, offers=()) -> AppTest:
    """The app opened from a link holding the scenario (and ``offers``), on ``page``."""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=120)
    at.query_params["s"] = to_token(comparison.scenario)
    if offers:
        at.query_params["o"] = offers_to_token(offers)
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception
    return at


MONEY = re.compile(r"[-+]?\$[\d,]+(?:\.\d\d)?")
"""A money figure as the pages write it, whole dollars in sentences without cents (the
scenarios are in US dollars)."""


def cents_of(text: str) -> int:
    """``"-$1,234.56" -> -123456``."""
    return round(Decimal(text.replace("$", "").replace(",", "").replace("+", "")) * 100)


def figures_in(text: str) -> list[str]:
    """Every money figure in a sentence as shown (Markdown escapes removed)."""
    return MONEY.findall(plain(text))


def _check_cost_table(table: pd.DataFrame, comparison: Comparison, figures) -> None:
    """The cost-and-savings table of every plan, per month and per year on average."""
    months = comparison.scenario.horizon
    shown = {row.iloc[0].removesuffix(" (today)"): row for _, row in table.iterrows()}
    assert set(shown) == set(figures)
    for plan, figure in figures.items():
        cells = shown[plan].tolist()
        assert cells[1] == money(comparison, monthly_average(figure.total, months))
        assert cells[2] == money(comparison, monthly_average(figure.total, months, 12))
        if figure.savings is not None:
            assert cells[3] == money(comparison, figure.savings_a_month)
            assert cells[4] == money(comparison, figure.savings_a_year)


def check_calculator_page(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """The headline table: cost and savings per month and per year of every plan, and the
    savings per month of every alternative above it."""
    at = _open(comparison)
    tables = keyed_block(at, "headline").table
    table = next(
        shown_table(t) for t in tables if any(c.startswith("Cost per year") for c in t.value)
    )
    _check_cost_table(table, comparison, figures)
    shown = {}
    for metric in keyed_block(at, "headline").metric:
        # "Savings per month: Plan", or "Savings per month (average): Plan" when months differ
        said = re.fullmatch(r"Savings per month(?: \(average\))?: (.+)", plain(metric.label))
        if said:
            shown[said[1]] = metric.value
    assert set(shown) == set(comparison.alternatives)
    for plan, value in shown.items():
        assert value == money(comparison, figures[plan].savings_a_month)


def check_csv(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """Every month's cost and savings in the CSV equals the tidy table's line."""
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


def check_html_report(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """The report's totals table: per month, total, one-time costs and savings of every plan."""
    months = comparison.scenario.horizon
    parser = _Rows()
    parser.feed(html_report(comparison))
    start = next(
        index for index, row in enumerate(parser.rows) if row[:1] == ["Plan"] and "Total" in row
    )
    header = parser.rows[start]
    at = {name: header.index(name) for name in header}
    table = []  # the totals table's own rows: those right under its header
    for row in parser.rows[start + 1 :]:
        if len(row) != len(header) or row[0].removesuffix(" (today)") not in figures:
            break
        table.append(row)
    rows = {row[0].removesuffix(" (today)"): row for row in table}
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


def check_excel_as_saved(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """The workbook's Summary sheet as saved (the values a viewer without recalculation shows)."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(comparison)), data_only=True)
    _check_summary(_summary(book), comparison, figures)


def test_excel_recalculated(tmp_path):
    """The same Summary figures after a spreadsheet engine recalculates every formula."""
    comparisons = [compare(scenario) for scenario in SCENARIOS.values()]
    books = recalculate([workbook_bytes(c) for c in comparisons], tmp_path)
    for comparison, book in zip(comparisons, books, strict=True):
        _check_summary(_summary(book), comparison, expected(comparison))


def check_charts(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """The waterfall starts at today's plan and ends at the alternative's average month; the
    monthly cost and savings-so-far tables hold the tidy lines; today's markers on the cost
    against utilization chart sit on the table's row for today, and its sentence names the
    headline's average month wherever that differs."""
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
    if "utilization" not in views:  # no accounts provisioned in any month: nothing to divide by
        assert not any(month.provisioned for month in comparison.scenario.staffing)
        return
    utilization = views["utilization"]
    row = utilization.table[utilization.table["Utilization"] == _today_label(utilization)]
    today = utilization.figure.data[-1]
    assert [money(comparison, round(y * 100)) for y in today.y] == row.iloc[0, 1:].tolist()
    for plan, marked in zip(comparison.scenario.plans, today.y, strict=True):
        average = monthly_average(figures[plan.name].total, months)
        if average != round(marked * 100):
            assert f"{money(comparison, average)} with {plan.name}" in utilization.summary


def _today_label(view) -> str:
    """The utilization of today's marker as the table writes it: "today 70 %" -> "70 %"."""
    return view.figure.layout.annotations[0].text.removeprefix("today ")


class _Tiles(HTMLParser):
    """The presenter's tiles: each tile's paragraphs, label first and value last."""

    def __init__(self) -> None:
        super().__init__()
        self.tiles: list[list[str]] = []
        self._depth = 0
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self._depth += 1
            if self._depth == 2:
                self.tiles.append([])
        elif tag == "p" and self._depth >= 2:
            self._text = []

    def handle_endtag(self, tag):
        if tag == "div":
            self._depth -= 1
        elif tag == "p" and self._text is not None:
            self.tiles[-1].append("".join(self._text))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _tiles(at: AppTest) -> dict[str, str]:
    parser = _Tiles()
    for element in keyed_block(at, "presenter_figures").children.values():
        body = getattr(element.proto, "body", "")
        if body.startswith("<div"):
            parser.feed(body)
            parser._depth = 0
    return {tile[0]: tile[-1] for tile in parser.tiles}


def _sentences(at: AppTest, key: str) -> list[str]:
    return [
        plain(element.proto.body)
        for element in keyed_block(at, key).children.values()
        if getattr(element.proto, "body", "").startswith("<p")
    ]


def check_presenter_page(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """The big figures (the best plan's savings a month and over the contract, each side's
    contract total and one-time costs), the sentence explaining the savings, every plan's table
    and the waterfall are the tidy table's."""
    months = comparison.scenario.horizon
    at = _open(comparison, "app_pages/presenter.py")
    tiles = _tiles(at)
    (label,) = [label for label in tiles if label.startswith("Savings per month")]
    # "on average" when the months' costs differ, as in every fixed scenario
    plan = re.fullmatch(r"Savings per month(?: on average)? with (.+) \([^()]*\)", label)[1]
    best = max(f.savings for f in figures.values() if f.savings is not None)
    assert figures[plan].savings == best
    saving = figures[plan].savings
    assert tiles[label].lstrip("+") == money(comparison, figures[plan].savings_a_month)
    assert tiles[f"Savings over the {months}-month contract"].lstrip("+") == money(
        comparison, saving
    )
    for name, who in ((comparison.baseline, f"{comparison.baseline} (today)"), (plan, plan)):
        assert tiles[f"Contract total, {who}"] == money(comparison, figures[name].total)
        assert tiles[f"One-time costs, {who}"] == money(comparison, figures[name].one_time)
    (sentence,) = _sentences(at, "presenter_figures")
    said = figures_in(sentence)
    if said:
        assert cents_of(said[0]) == abs(saving)
    else:  # "... costs the same as today's plan every month."
        assert saving == 0
    parts = re.findall(r"(\$[\d,.]+) (from|added by) ", sentence)
    if saving > 0:  # "saves $X: $A from seats nobody used and $B added by the higher rate"
        assert sum(cents_of(f) * (1 if how == "from" else -1) for f, how in parts) == saving
    (table,) = at.table
    _check_cost_table(shown_table(table), comparison, figures)
    waterfall = keyed_block(at, "presenter_waterfall")
    steps = [cents_of(step) for step in waterfall.dataframe[0].value.iloc[:, 1]]
    assert steps[0] == monthly_average(figures[comparison.baseline].total, months)
    assert steps[-1] == monthly_average(figures[plan].total, months)
    assert sum(steps[1:-1]) == steps[-1] - steps[0]
    said = [cents_of(figure) for figure in figures_in(waterfall.caption[0].value)]
    assert (said[0], said[-1]) == (steps[0], steps[-1])


def _fiscal_years(comparison: Comparison) -> list[list[str]]:
    """The scenario's months cut into fiscal years at the fiscal year's first month."""
    start = comparison.scenario.budget.fiscal_year_start_month
    years: list[list[str]] = []
    for month in comparison.scenario.months:
        if not years or int(month[5:]) == start:
            years.append([])
        years[-1].append(month)
    return years


def check_budget_page(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """Every fiscal year's planned cost, savings and one-time costs; net savings and one-time
    cost of each switch; savings so far; the cost by program and by funding source, and the exact
    figures beside the estimate: each is summed from the tidy table."""
    monthly = comparison.monthly
    at = _open(comparison, "app_pages/budget.py")
    usd = comparison.scenario.currency
    years = _fiscal_years(comparison)
    fiscal = keyed_block(at, "budget_fiscal").dataframe[0].value
    planned: dict[str, list[int]] = {}
    for plan in figures:
        rows = fiscal[fiscal["Plan"].str.removesuffix(" (today)") == plan]
        assert len(rows) == len(years)
        lines = monthly[monthly["plan"] == plan]
        planned[plan] = []
        for (_, row), months in zip(rows.iterrows(), years, strict=True):
            year = lines[lines["month"].isin(months)]
            planned[plan].append(int(year["cost_cents"].sum()))
            assert row[f"Planned ({usd})"] == money(comparison, planned[plan][-1])
            assert row[f"Savings against today ({usd})"] == money(
                comparison, int(year["savings_cents"].sum())
            )
            assert row[f"One-time costs included ({usd})"] == money(
                comparison, int(year["one_time_cents"].sum())
            )
    net = {
        plain(metric.label).removeprefix("Net savings: "): metric.value
        for metric in at.metric
        if metric.label.startswith("Net savings: ")
    }
    assert set(net) == set(comparison.alternatives)
    for plan, shown in net.items():
        assert shown == money(comparison, figures[plan].savings)
    returns = next(f.value for f in at.dataframe if f"Net savings ({usd})" in f.value.columns)
    for _, row in returns.iterrows():
        assert row[f"Net savings ({usd})"] == money(comparison, figures[row["Plan"]].savings)
        assert row[f"One-time cost ({usd})"] == money(comparison, figures[row["Plan"]].one_time)
    so_far = keyed_block(at, "budget_cumulative").dataframe[0].value
    for plan in comparison.alternatives:
        lines = monthly[monthly["plan"] == plan]["savings_cents"].cumsum()
        column = so_far[f"{plan}: savings so far ({usd})"]
        assert column.tolist() == [money(comparison, int(c)) for c in lines]
    funded = at.selectbox(key="budget_funding_plan").value
    for key, column in (("budget_program", f"Cost ({usd})"), ("budget_funding", f"Total ({usd})")):
        block = keyed_block(at, key)
        table = block.dataframe[0].value
        if key == "budget_funding":
            # Each fiscal year's last row is its total over the programs.
            table = table.drop_duplicates("Fiscal year", keep="last")
        by_year = table.groupby("Fiscal year", sort=False)[column].agg(
            lambda cells: sum(cents_of(cell) for cell in cells)
        )
        assert by_year.tolist() == planned[funded]
        assert figures_in(block.caption[0].value)[0] == money(comparison, figures[funded].total)
    ranges = keyed_block(at, "budget_uncertainty").dataframe[0].value
    costs = ranges[ranges["Measure"] == "Cost"]
    for plan in figures:
        rows = costs[costs["Plan"].str.removesuffix(" (today)") == plan]
        exact = [cents_of(cell) for cell in rows[f"Planned, exact ({usd})"]]
        assert exact == planned[plan]


def check_side_by_side_page(comparison: Comparison, figures: dict[str, Expected]) -> None:
    """The scenario beside itself saved as an offer: each column's average month, total and
    savings against the reference, and its months, are the tidy table's for the plan shown."""
    months = comparison.scenario.horizon
    at = _open(comparison, "app_pages/side_by_side.py", offers=[comparison.scenario])
    usd = comparison.scenario.currency
    totals = keyed_block(at, "side_by_side_chart_side_by_side_totals").dataframe[0].value
    assert len(totals) == 2
    scenarios = totals["Scenario"].str.removesuffix(" (reference)")
    assert totals["Scenario"].iloc[0].endswith(" (reference)")
    plans = dict(zip(scenarios, totals["Plan"], strict=True))
    reference = totals["Plan"].iloc[0]
    assert reference == comparison.baseline
    for _, row in totals.iterrows():
        figure = figures[row["Plan"]]
        assert row[f"Total ({usd})"] == money(comparison, figure.total)
        if row.name > 0:  # the reference's own savings column shows a dash
            saved = figures[reference].total - figure.total
            assert cents_of(row[f"Savings against the reference ({usd})"]) == saved
    for metric in keyed_block(at, "side_by_side_headline").metric:
        label, _, what = plain(metric.label).rpartition(": ")
        if what == "per month (average)":
            total = figures[plans[label]].total
            assert metric.value == money(comparison, monthly_average(total, months))
        else:
            column = plain(metric.label).split(": ")[0]
            saved = figures[reference].total - figures[plans[column]].total
            assert metric.value == money(comparison, saved)
    monthly = comparison.monthly
    by_month = keyed_block(at, "side_by_side_chart_side_by_side_monthly").dataframe[0].value
    for scenario_label, plan in plans.items():
        lines = monthly[monthly["plan"] == plan]["cost_cents"]
        shown = by_month[f"{scenario_label} ({usd})"].tolist()
        assert shown == [money(comparison, int(c)) for c in lines]


CHECKS = [
    check_calculator_page,
    check_presenter_page,
    check_budget_page,
    check_side_by_side_page,
    check_charts,
    check_csv,
    check_html_report,
    check_excel_as_saved,
]
"""Every place a figure is shown, each compared with the tidy monthly table."""


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
def test_the_fixed_scenarios(case, check):
    check(*case)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_scenarios(base=contract_scenarios(max_months=36)))
def test_generated_contracts(scenario):
    """Generated plans with every contract term (bands, true-ups, seat reduction rules, extra
    lines, one-time months) over 1 to 36 months, with programs and fiscal years: every page and
    export shows the tidy table's figures. The fixed scenarios above are each one such case."""
    comparison = compare(scenario)
    figures = expected(comparison)
    for check in CHECKS:
        check(comparison, figures)
