"""Figures shared by every view: averages, headline, best plan, waterfall steps, cap warnings and
the cost-against-utilization sweep.

Oracle: the worked example (100 seats at $100 against 70 active users at $65: $10,000.00 against
$4,550.00 a month, saving $5,450.00 = 54.5 %, of which $3,000.00 volume and $2,450.00 rate) and
hand calculations beside each test.
"""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    Savings,
    best_alternative,
    cap_warnings,
    cheapest_plan,
    compare,
    example_scenario,
    monthly_average,
    plan_headlines,
    utilization_sweep,
    waterfall_steps,
)
from tests.calculator.strategies import scenarios


def with_concurrent(peak: int = 60, cap: int | None = 50, rate: int = 90):
    """One month of the worked example with a concurrent plan beside the two plans."""
    return example_scenario(months=1).model_copy(
        update={
            "staffing": [MonthStaffing(provisioned=100, active=70, peak_concurrent=peak)],
            "plans": [
                *example_scenario().plans,
                Plan(
                    name="Concurrent",
                    rule=CountingRule.CONCURRENT,
                    rate=Decimal(rate),
                    concurrent_cap=cap,
                ),
            ],
        }
    )


class TestMonthlyAverage:
    @pytest.mark.parametrize(
        ("cents", "months", "per", "expected"),
        [
            (545_000 * 12, 12, 1, 545_000),  # a flat year: one month's savings
            (545_000 * 12, 12, 12, 545_000 * 12),  # per twelve months of a year: the total
            (100, 3, 1, 33),  # 33.33... cents
            (200, 3, 1, 67),  # 66.66... cents
            (1, 2, 1, 1),  # a tie rounds away from zero
            (-1, 2, 1, -1),
            (3_000_000, 24, 12, 1_500_000),  # two years: per year is half the total
        ],
    )
    def test_hand_values(self, cents, months, per, expected):
        assert monthly_average(cents, months, per) == expected

    @given(st.integers(-(10**12), 10**12), st.integers(1, 60))
    def test_rounds_once_to_the_nearest_cent(self, cents, months):
        """The average times the months is within half a cent a month of the total."""
        assert abs(monthly_average(cents, months) * months - cents) * 2 <= months

    def test_needs_a_month(self):
        with pytest.raises(ValueError, match="months must be at least 1: 0"):
            monthly_average(100, 0)


class TestHeadlines:
    def test_worked_example(self):
        """$10,000 a month ($120,000 a year) against $4,550, saving $5,450 (54.5 %)."""
        baseline, active = plan_headlines(compare(example_scenario()))
        assert (baseline.plan, baseline.per_month_cents, baseline.per_year_cents) == (
            "Named seats",
            1_000_000,
            12_000_000,
        )
        assert (baseline.savings_per_month_cents, baseline.ratio, baseline.saves) == (
            None,
            None,
            False,
        )
        assert (active.per_month_cents, active.savings_per_month_cents) == (455_000, 545_000)
        assert (active.savings_per_year_cents, active.ratio) == (6_540_000, Decimal("0.545"))
        assert active.saves

    def test_a_dearer_plan_does_not_save(self):
        """Active users at $150: 70 x $150 = $10,500, $500 a month more than today."""
        scenario = example_scenario(months=1)
        dear = scenario.plans[1].model_copy(update={"rate": Decimal(150)})
        (_, active) = plan_headlines(
            compare(scenario.model_copy(update={"plans": [scenario.plans[0], dear]}))
        )
        assert (active.savings_per_month_cents, active.saves) == (-50_000, False)


class TestBestAlternative:
    def test_picks_the_largest_savings(self):
        """Concurrent: 60 wanted, 50 bought at $90 = $4,500, saving $5,500 > $5,450."""
        assert best_alternative(compare(with_concurrent())).plan == "Concurrent"

    def test_active_users_win_against_dear_concurrent_seats(self):
        """Concurrent at $200 x 50 = $10,000 saves nothing; active users save $5,450."""
        assert best_alternative(compare(with_concurrent(rate=200))).plan == "Active users"

    def test_none_with_a_single_plan(self):
        scenario = example_scenario()
        single = scenario.model_copy(update={"plans": scenario.plans[:1]})
        assert best_alternative(compare(single)) is None


class TestWaterfallSteps:
    def test_worked_example(self):
        """$10,000 less $3,000 volume less $2,450 rate gives $4,550, every month alike."""
        steps = waterfall_steps(compare(example_scenario()), "Active users")
        assert (steps.baseline_cents, steps.volume_cents, steps.rate_cents) == (
            1_000_000,
            300_000,
            245_000,
        )
        assert (steps.alternative_cents, steps.saved_cents) == (455_000, 545_000)
        assert steps.same_every_month

    @given(scenarios(max_months=24))
    def test_steps_add_up(self, scenario):
        """Today's cost less both effects is the plan's cost, to the cent, for every plan."""
        comparison = compare(scenario)
        for plan in comparison.alternatives:
            steps = waterfall_steps(comparison, plan)
            assert (
                steps.baseline_cents - steps.volume_cents - steps.rate_cents
                == steps.alternative_cents
            )

    @given(scenarios(max_months=24))
    def test_steps_are_the_figures_of_the_tables(self, scenario):
        """The first and last bars are the costs per month of the headline table, and the
        savings between them its savings per month: the last bar was today's average less the
        savings averaged alone, a cent away from the table's cost in a seasonal scenario."""
        comparison = compare(scenario)
        rows = {row.plan: row for row in plan_headlines(comparison)}
        for plan in comparison.alternatives:
            steps = waterfall_steps(comparison, plan)
            assert steps.baseline_cents == rows[comparison.baseline].per_month_cents
            assert steps.alternative_cents == rows[plan].per_month_cents
            assert steps.saved_cents == rows[plan].savings_per_month_cents


class TestAverageSavings:
    def test_a_seasonal_year_subtracts_the_averages_shown(self):
        """$149,000.00 against $77,350.00 over 12 months: $12,416.67 and $6,445.83 a month, so
        $5,970.84 saved a month (the $71,650.00 saved, averaged alone, rounds to $5,970.83)."""
        seasonal = Savings(
            plan="Active users",
            baseline_cents=14_900_000,
            plan_cents=7_735_000,
            savings_cents=7_165_000,
            volume_effect_cents=3_000_000,
            rate_effect_cents=4_165_000,
        )
        assert seasonal.average_savings_cents(12) == 597_084
        assert monthly_average(seasonal.savings_cents, 12) == 597_083
        assert seasonal.average_savings_cents(12, 12) == 7_165_000
        assert seasonal.average_rate_effect_cents(12) == 597_084 - 250_000

    @given(scenarios(max_months=24))
    def test_a_headline_row_subtracts_exactly(self, scenario):
        """Today's cost per month (and per year) less a plan's is the plan's savings shown."""
        rows = plan_headlines(compare(scenario))
        base = rows[0]
        for row in rows[1:]:
            assert base.per_month_cents - row.per_month_cents == row.savings_per_month_cents
            assert base.per_year_cents - row.per_year_cents == row.savings_per_year_cents


def test_cheapest_plan():
    """Over a year: named seats $120,000, active users $54,600; with concurrent seats at $90
    for 50 of 60 wanted ($4,500 a month) the concurrent plan is cheapest."""
    assert cheapest_plan(compare(example_scenario())) == "Active users"
    assert cheapest_plan(compare(with_concurrent())) == "Concurrent"


def test_cap_exceeded_warning():
    """50 concurrent seats bought, 60 wanted at the peak: 10 could not log in."""
    assert cap_warnings(compare(with_concurrent())) == [
        "Concurrent, 2027-01: 60 agents wanted to log in at the peak but only 50 concurrent "
        "seats were bought, so 10 could not log in."
    ]


def test_no_cap_no_warning():
    assert cap_warnings(compare(with_concurrent(cap=None))) == []


class TestUtilizationSweep:
    def test_worked_example(self):
        """0 % to 100 % in 5 % steps (70 % among them); named seats cost 100 x $100 anywhere,
        active users 65 x the active agents: 50 at 50 %, 70 today."""
        sweep = utilization_sweep(compare(example_scenario()))
        assert sweep.points == [Decimal(step) / 20 for step in range(21)]
        assert sweep.today == Decimal("0.7")
        assert set(sweep.costs["Named seats"]) == {1_000_000}
        assert sweep.costs["Active users"][10] == 50 * 6_500
        assert sweep.at_today() == {"Named seats": 1_000_000, "Active users": 455_000}

    def test_today_between_steps_is_added(self):
        """71 of 100 active: 71 % is not a 5 % step, so it is added in order (22 points)."""
        scenario = example_scenario(months=1).model_copy(
            update={"staffing": [MonthStaffing(provisioned=100, active=71, peak_concurrent=50)]}
        )
        sweep = utilization_sweep(compare(scenario))
        assert len(sweep.points) == 22
        assert sweep.points[15] == Decimal("0.71")
        assert sweep.at_today()["Active users"] == 71 * 6_500

    def test_concurrent_keeps_its_ratio_to_active(self):
        """50 peak of 70 active: at 35 % (35 active) the peak is 25, at $90 = $2,250."""
        sweep = utilization_sweep(compare(with_concurrent(peak=50, cap=None)))
        assert sweep.costs["Concurrent"][sweep.points.index(Decimal("0.35"))] == 25 * 9_000

    def test_nothing_provisioned_has_no_sweep(self):
        scenario = example_scenario(months=1).model_copy(
            update={"staffing": [MonthStaffing(provisioned=0, active=0, peak_concurrent=0)]}
        )
        assert utilization_sweep(compare(scenario)) is None
