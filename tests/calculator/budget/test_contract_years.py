"""Contract years: the base year and option years, each plan's cost in them and through them."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculator import compare
from calculator._models import MAX_MONTHS
from calculator.budget import contract_years, plan_budget
from tests.calculator.budget.strategies import budget_scenarios
from tests.calculator.budget.test_budget import ACTIVE, NAMED, scenario


def test_years_of_twelve_months_from_the_start_month_not_the_calendar():
    """30 months from March 2027: two whole years and a partial third, each from March."""
    years = contract_years("2027-03", 30)
    assert [(y.label, y.months[0], y.months[-1], y.partial) for y in years] == [
        ("Year 1 (base)", "2027-03", "2028-02", False),
        ("Year 2 (option 1)", "2028-03", "2029-02", False),
        ("Year 3 (option 2)", "2029-03", "2029-08", True),
    ]
    assert [y.month_indices for y in years][2] == tuple(range(24, 30))


def test_a_horizon_of_one_year_is_the_base_year_alone():
    assert [(y.label, len(y.months)) for y in contract_years("2027-01", 12)] == [
        ("Year 1 (base)", 12)
    ]


def test_a_short_horizon_is_a_partial_base_year():
    (year,) = contract_years("2027-11", 3)
    assert (year.period, year.months, year.partial) == (
        "base",
        ("2027-11", "2027-12", "2028-01"),
        True,
    )


def test_worked_example_over_18_months_by_contract_year():
    """The worked example's active users from March 2027 over 18 months, by hand: 70 x $65 =
    $4,550 a month, not to exceed 100 x $65 = $6,500; year 1 is 12 months, year 2 six."""
    budget = plan_budget(compare(scenario([NAMED, ACTIVE], start="2027-03", months=18)))
    rows = [
        (
            e.contract_year.label,
            e.planned_cents,
            e.not_to_exceed_cents,
            e.savings_cents,
            e.planned_through_cents,
            e.not_to_exceed_through_cents,
        )
        for e in budget.by_contract_year["Active"]
    ]
    assert rows == [
        ("Year 1 (base)", 5_460_000, 7_800_000, 6_540_000, 5_460_000, 7_800_000),
        ("Year 2 (option 1)", 2_730_000, 3_900_000, 3_270_000, 8_190_000, 11_700_000),
    ]
    assert [e.savings_cents for e in budget.by_contract_year["Named"]] == [0, 0]


def test_each_option_year_carries_its_escalated_rate():
    """A 3 % escalator from July 2027 rises at each contract anniversary, so each contract year
    has one rate: 70 active users at $50, $51.50, $53.045 -> $3,500.00, $3,605.00, $3,713.15."""
    plan = ACTIVE.model_copy(update={"rate": Decimal(50), "escalator": Decimal("0.03")})
    budget = plan_budget(compare(scenario([plan], start="2027-07", months=36)))
    assert [e.planned_cents for e in budget.by_contract_year["Active"]] == [
        12 * 350_000,
        12 * 360_500,
        12 * 371_315,
    ]


@given(budget_scenarios())
def test_contract_years_add_up_to_the_comparison_and_the_fiscal_years(scenario):
    """Each plan's contract years add up to its horizon total, its fiscal years' total and its
    savings; the running total ends at the horizon's, and never falls below planned cost."""
    comparison = compare(scenario)
    budget = plan_budget(comparison)
    for name, entries in budget.by_contract_year.items():
        total = comparison.totals[name].cost_cents
        assert sum(e.planned_cents for e in entries) == total
        assert entries[-1].planned_through_cents == total
        assert sum(len(e.contract_year.months) for e in entries) == scenario.horizon
        ceiling = sum(e.not_to_exceed_cents for e in budget.years[name])
        assert entries[-1].not_to_exceed_through_cents == ceiling
        for entry in entries:
            assert entry.not_to_exceed_cents >= entry.planned_cents
    for name, split in comparison.savings.items():
        assert sum(e.savings_cents for e in budget.by_contract_year[name]) == split.savings_cents


@given(st.integers(1, MAX_MONTHS))
def test_every_month_is_in_exactly_one_year_in_order(horizon):
    years = contract_years("2027-01", horizon)
    assert [i for year in years for i in year.month_indices] == list(range(horizon))
    assert [year.number for year in years] == list(range(1, len(years) + 1))
    assert all(not year.partial for year in years[:-1])
    assert years[-1].partial == (horizon % 12 != 0)
