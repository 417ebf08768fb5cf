"""Monte Carlo estimate: ordered percentiles, exact at zero width, reproducible by seed."""

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import compare, example_scenario
from calculator.budget import (
    ESTIMATE_LABEL,
    BudgetSettings,
    RelativeRange,
    Uncertainty,
    plan_budget,
    simulate,
    simulate_fiscal_costs,
)
from tests.calculator.budget.strategies import budget_scenarios

ZERO = RelativeRange(low=Decimal(0), high=Decimal(0))


def with_ranges(scenario, draws: int = 2000, seed: int = 7, **ranges):
    defaults = {"active_users": ZERO, "peak_concurrency": ZERO, "rates": ZERO}
    uncertainty = Uncertainty(**(defaults | ranges), draws=draws, seed=seed)
    return scenario.model_copy(update={"budget": BudgetSettings(uncertainty=uncertainty)})


def every_percentile(simulation):
    for by_year, totals in (
        (simulation.cost, simulation.cost_total),
        (simulation.savings, simulation.savings_total),
    ):
        for plan, values in by_year.items():
            yield from ((plan, value) for value in [*values, totals[plan]])


@given(budget_scenarios())
def test_percentiles_are_ordered(scenario):
    """P10 <= P50 <= P90 for every plan, fiscal year and the total, cost and savings."""
    for _, value in every_percentile(simulate(compare(scenario))):
        assert value.p10_cents <= value.p50_cents <= value.p90_cents


@given(budget_scenarios(zero_width=True))
def test_zero_width_ranges_give_the_exact_result(scenario):
    """With zero-width ranges every percentile equals the exact cost and savings to the cent."""
    comparison = compare(scenario)
    budget = plan_budget(comparison)
    simulation = simulate(comparison)
    for name, entries in budget.years.items():
        exact = [e.planned_cents for e in entries]
        for value, cents in zip(simulation.cost[name], exact, strict=True):
            assert (value.p10_cents, value.p50_cents, value.p90_cents) == (cents, cents, cents)
        total = comparison.totals[name].cost_cents
        assert simulation.cost_total[name].p50_cents == total
    for name, values in simulation.savings.items():
        exact = [e.savings_cents for e in budget.years[name]]
        assert [v.p90_cents for v in values] == exact
        assert [v.p10_cents for v in values] == exact


def test_shifted_zero_width_range_prices_the_shifted_input():
    """Active users fixed at +10 %: 77 x $65 = $5,005 a month, exactly, in every draw."""
    scenario = with_ranges(
        example_scenario(), active_users=RelativeRange(low=Decimal("0.1"), high=Decimal("0.1"))
    )
    simulation = simulate(compare(scenario))
    # By hand: round(70 x 1.1) = 77 active users; FY2027 = January-June 2027 and FY2028 =
    # July-December 2027 in the horizon (July start): six months each.
    for year in simulation.cost["Active users"]:
        assert (year.p10_cents, year.p90_cents) == (6 * 500_500, 6 * 500_500)
    assert simulation.savings_total["Active users"].p50_cents == 12 * (1_000_000 - 500_500)


def test_active_users_never_exceed_provisioned_accounts():
    """+50 % of 70 active users is capped at the 100 provisioned: 100 x $65 a month at most."""
    scenario = with_ranges(
        example_scenario(), active_users=RelativeRange(low=Decimal("0.5"), high=Decimal("0.5"))
    )
    assert simulate(compare(scenario)).cost_total["Active users"].p90_cents == 12 * 650_000


def test_baseline_rate_is_not_varied():
    """Rates vary for alternatives only: the named-seat baseline costs exactly $120,000."""
    scenario = with_ranges(
        example_scenario(), rates=RelativeRange(low=Decimal("-0.5"), high=Decimal("0.5"))
    )
    total = simulate(compare(scenario)).cost_total["Named seats"]
    assert (total.p10_cents, total.p90_cents) == (12_000_000, 12_000_000)


def test_uniform_rate_range_percentiles_are_near_their_theoretical_values():
    """Rate uniform in -20 %..+20 %: P10/P50/P90 near x0.84, x1.00, x1.16 of $54,600 (estimate)."""
    scenario = with_ranges(
        example_scenario(),
        draws=20_000,
        rates=RelativeRange(low=Decimal("-0.2"), high=Decimal("0.2")),
    )
    total = simulate(compare(scenario)).cost_total["Active users"]
    # Uniform quantiles: q-th percentile of 1 + U(-0.2, 0.2) = 0.8 + 0.4 q.
    for cents, factor in ((total.p10_cents, 0.84), (total.p50_cents, 1.0), (total.p90_cents, 1.16)):
        assert abs(cents / (5_460_000 * factor) - 1) < 0.01


def test_same_seed_same_estimate():
    """A shared scenario (same seed) gives the same percentiles."""
    scenario = with_ranges(
        example_scenario(), rates=RelativeRange(low=Decimal("-0.2"), high=Decimal("0.2"))
    )
    assert simulate(compare(scenario)) == simulate(compare(scenario))


def test_simulation_is_labelled_an_estimate():
    """Results carry the estimate label."""
    assert simulate(compare(example_scenario())).label == ESTIMATE_LABEL == "Estimate"


def _same_draws_in_blocks(scenario, draws: int, blocks=(1, 37, 128, 256, 500)) -> None:
    comparison = compare(scenario)
    years = plan_budget(comparison).fiscal_years
    seed = scenario.budget.uncertainty.seed
    expected = simulate_fiscal_costs(comparison, years, draws, seed, block=1024)
    for block in blocks:
        costs = simulate_fiscal_costs(comparison, years, draws, seed, block=block)
        assert costs.keys() == expected.keys()
        for plan, values in costs.items():
            assert np.array_equal(values, expected[plan]), (plan, block)


@settings(max_examples=30)
@given(budget_scenarios(), st.integers(min_value=1, max_value=2500))
def test_block_size_does_not_change_the_draws(scenario, draws):
    """Draws are processed in blocks for speed. Any block size gives the same amounts, bit for
    bit, so the faster block size keeps every shared scenario's estimate: each draw's months are
    summed on their own, in month order."""
    _same_draws_in_blocks(scenario, draws)


def test_a_block_of_another_width_sums_a_draw_the_same_way():
    """Found by the test above: 32 empty months, a second plan of one committed seat at $0.01
    and rates up to 18 % higher. Summed by a matrix product, draw 291 of 401 differed in its
    last bit between blocks of 128 and of 1,024 draws (the kernel depended on the width)."""
    scenario = with_ranges(
        example_scenario(),
        draws=200,
        seed=0,
        rates=RelativeRange(low=Decimal(0), high=Decimal("0.18")),
    )
    empty = scenario.staffing[0].model_copy(
        update={"provisioned": 0, "active": 0, "peak_concurrent": 0, "logged_in_hours": Decimal(0)}
    )
    named = scenario.plans[0]
    plans = [
        named.model_copy(update={"name": "Plan 1", "rate": Decimal(0)}),
        named.model_copy(update={"name": "Plan 2", "rate": Decimal("0.01"), "committed_units": 1}),
    ]
    update = {"start_month": "2020-01", "staffing": [empty] * 32, "plans": plans}
    scenario = scenario.model_copy(update=update | {"baseline": "Plan 1"})
    _same_draws_in_blocks(scenario, 401, blocks=(128,))
