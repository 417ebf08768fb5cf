"""Fiscal quarters: which months fall in which quarter, and each plan's cost in each quarter."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import MonthStaffing, Scenario, compare
from calculator._models import MAX_MONTHS
from calculator.budget import BudgetSettings, fiscal_quarters, plan_budget, quarter_of
from tests.calculator.budget.strategies import budget_scenarios
from tests.calculator.budget.test_budget import ACTIVE, NAMED, scenario


@pytest.mark.parametrize(
    ("month", "fiscal_start", "quarter"),
    [
        ("2027-01", 1, 1),
        ("2027-03", 1, 1),
        ("2027-04", 1, 2),
        ("2027-12", 1, 4),
        # A July year (many states): July to September is Q1, April to June Q4.
        ("2027-07", 7, 1),
        ("2027-09", 7, 1),
        ("2027-10", 7, 2),
        ("2028-06", 7, 4),
        # An October year (the US federal government): October to December is Q1.
        ("2026-10", 10, 1),
        ("2027-01", 10, 2),
        ("2027-09", 10, 4),
        # A February year: January is the last month of Q4.
        ("2027-01", 2, 4),
        ("2027-02", 2, 1),
    ],
)
def test_quarter_counts_from_the_fiscal_year_s_first_month(month, fiscal_start, quarter):
    assert quarter_of(month, fiscal_start) == quarter


def test_federal_quarters_are_named_by_the_year_in_which_the_fiscal_year_ends():
    """Ten months from August 2026 with an October year: August-September are FY2026 Q4 (partial),
    then FY2027 Q1 (October-December 2026), Q2 and Q3 (April-May 2027, partial)."""
    quarters = fiscal_quarters("2026-08", 10, 10)
    assert [(q.label, q.months[0], q.months[-1], q.partial) for q in quarters] == [
        ("FY2026 Q4", "2026-08", "2026-09", True),
        ("FY2027 Q1", "2026-10", "2026-12", False),
        ("FY2027 Q2", "2027-01", "2027-03", False),
        ("FY2027 Q3", "2027-04", "2027-05", True),
    ]
    assert quarters[1].month_indices == (2, 3, 4)


def test_a_seasonal_year_by_quarter():
    """Active users 40 in January-March, 70 in April-September (the season), 40 again after, at
    $65: Q1 3 x 40 x $65 = $7,800; Q2 and Q3 3 x 70 x $65 = $13,650; Q4 $7,800. Not to exceed is
    every provisioned account (100) in every month: 3 x $6,500; named seats $30,000 a quarter."""
    staffing = [
        MonthStaffing(provisioned=100, active=70 if 3 <= index < 9 else 40, peak_concurrent=30)
        for index in range(12)
    ]
    season = Scenario(
        name="Season",
        start_month="2027-01",
        staffing=staffing,
        plans=[NAMED, ACTIVE],
        baseline="Named",
        budget=BudgetSettings(fiscal_year_start_month=1),
    )
    budget = plan_budget(compare(season))
    assert [
        (e.fiscal_quarter.label, e.planned_cents, e.not_to_exceed_cents, e.savings_cents)
        for e in budget.by_fiscal_quarter["Active"]
    ] == [
        ("FY2027 Q1", 780_000, 1_950_000, 2_220_000),
        ("FY2027 Q2", 1_365_000, 1_950_000, 1_635_000),
        ("FY2027 Q3", 1_365_000, 1_950_000, 1_635_000),
        ("FY2027 Q4", 780_000, 1_950_000, 2_220_000),
    ]
    assert [e.planned_cents for e in budget.by_fiscal_quarter["Named"]] == [3_000_000] * 4
    assert [e.savings_cents for e in budget.by_fiscal_quarter["Named"]] == [0] * 4


def test_one_time_cost_falls_in_the_quarter_of_its_month():
    """A $12,000 one-time cost of the first month lands in that month's quarter only."""
    plan = ACTIVE.model_copy(update={"one_time_cost": Decimal(12_000)})
    budget = plan_budget(compare(scenario([NAMED, plan], start="2027-01", months=6)))
    quarters = budget.by_fiscal_quarter["Active"]
    assert [q.fiscal_quarter.label for q in quarters] == ["FY2027 Q3", "FY2027 Q4"]
    assert [q.planned_cents for q in quarters] == [3 * 455_000 + 1_200_000, 3 * 455_000]


@given(budget_scenarios())
def test_quarters_add_up_to_their_fiscal_years_and_the_comparison(scenario):
    """Each plan's quarters add up, within each fiscal year, to that year's planned cost,
    not-to-exceed and savings; over the horizon to its total; never above their not-to-exceed."""
    comparison = compare(scenario)
    budget = plan_budget(comparison)
    for name, entries in budget.by_fiscal_quarter.items():
        assert sum(e.planned_cents for e in entries) == comparison.totals[name].cost_cents
        for year in budget.years[name]:
            inside = [e for e in entries if e.fiscal_quarter.fiscal_year == year.fiscal_year.year]
            assert sum(e.planned_cents for e in inside) == year.planned_cents
            assert sum(e.not_to_exceed_cents for e in inside) == year.not_to_exceed_cents
            assert sum(e.savings_cents for e in inside) == year.savings_cents
        for entry in entries:
            assert entry.not_to_exceed_cents >= entry.planned_cents


@given(st.integers(1, MAX_MONTHS), st.integers(1, 12), st.integers(1, 12))
def test_every_month_is_in_exactly_one_quarter_in_order(horizon, start, fiscal_start):
    quarters = fiscal_quarters(f"2027-{start:02d}", horizon, fiscal_start)
    assert [i for quarter in quarters for i in quarter.month_indices] == list(range(horizon))
    for quarter in quarters:
        first = quarter.month_indices[0]
        assert quarter.month_indices == tuple(range(first, first + len(quarter.months)))
        assert {quarter_of(month, fiscal_start) for month in quarter.months} == {quarter.quarter}
    # Only the first and the last quarter can be partial.
    assert all(not quarter.partial for quarter in quarters[1:-1])
