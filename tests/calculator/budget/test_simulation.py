"""Monte Carlo estimate: ordered percentiles, exact at zero width, reproducible by seed."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    SeatReduction,
    TierMode,
    compare,
    example_scenario,
    hours_in_month,
)
from calculator.budget import (
    ESTIMATE_LABEL,
    BudgetSettings,
    RelativeRange,
    Uncertainty,
    plan_budget,
    simulate,
    simulate_fiscal_costs,
)
from calculator.budget._simulation import linear_percentiles
from tests.calculator.budget.strategies import budget_scenarios
from tests.calculator.strategies import rates, scenarios

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


@given(
    st.lists(
        st.lists(
            st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
            min_size=5,
            max_size=5,
        ),
        min_size=1,
        max_size=300,
    ),
    st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=4),
)
def test_percentiles_are_numpys_linear_percentiles_bit_for_bit(columns, percentiles):
    """The estimate's percentiles come from one sort per row; they are numpy's default
    percentiles exactly, so the faster way changes no shared scenario's estimate."""
    rows = np.array(columns).T
    expected = np.percentile(rows, percentiles, axis=1)
    assert np.array_equal(linear_percentiles(rows, tuple(percentiles)), expected)


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
    summed on their own."""
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


# Changes that floats hold exactly (x 1.25, x 0.5, x 0.75), so a drawn hour count such as
# 100 x 1.25 is not 125.00000000000001 and rounded up to a further hour.
EXACT_CHANGES = st.sampled_from([Decimal("-0.5"), Decimal("-0.25"), Decimal(0), Decimal("0.25")])


@st.composite
def contract_plans(draw, name: str) -> Plan:
    """A plan with any mix of the contract terms ``price_plan`` knows."""
    rule = draw(st.sampled_from(list(CountingRule)))
    seat_rules = list(SeatReduction) if rule is not CountingRule.LOGGED_IN_HOURS else []
    terms: dict = {
        "name": name,
        "rule": rule,
        "rate": draw(rates),
        "escalator": draw(st.decimals(min_value=0, max_value=Decimal("0.1"), places=2)),
        "monthly_term_premium": draw(st.sampled_from([Decimal(0), Decimal("0.2")])),
        "minimum_monthly_charge": draw(st.sampled_from([Decimal(0), Decimal(2500)])),
        "one_time_cost": draw(st.sampled_from([Decimal(0), Decimal("999.99")])),
    }
    if seat_rules:
        terms["seat_reduction"] = draw(st.sampled_from(seat_rules))
    kind = draw(st.sampled_from(["commitment", "bands", "true_up"]))
    if kind == "bands":
        bounds = sorted(draw(st.sets(st.integers(1, 300), min_size=1, max_size=3)))
        band_rates = [
            terms["rate"],
            *draw(st.lists(rates, min_size=len(bounds), max_size=len(bounds))),
        ]
        terms["tiers"] = [
            {"up_to": up_to, "rate": rate}
            for up_to, rate in zip([*bounds, None], band_rates, strict=True)
        ]
        terms["tier_mode"] = draw(st.sampled_from(list(TierMode)))
    else:
        terms["committed_units"] = draw(st.integers(0, 300))
        terms["overage_rate"] = draw(st.none() | rates)
        if kind == "true_up":
            terms["true_up"] = {
                "period_months": draw(st.integers(1, 12)),
                "premium": draw(st.sampled_from([Decimal(0), Decimal("0.2")])),
                "pooled": draw(st.booleans()),
            }
    if rule is CountingRule.CONCURRENT and draw(st.booleans()):
        terms["concurrent_cap"] = draw(st.integers(0, 300))
    lines = []
    for number in range(draw(st.integers(0, 2))):
        line_rule = draw(st.sampled_from(list(CountingRule)))
        line = {"name": f"Line {number + 1}", "rule": line_rule, "rate": draw(rates)}
        line |= draw(
            st.sampled_from(
                [{}, {"quantity": 7}, {"above": 40, "up_to": 90}, {"share": Decimal("0.3")}]
            )
        )
        if line_rule is not CountingRule.LOGGED_IN_HOURS:
            line["seat_reduction"] = draw(st.sampled_from(list(SeatReduction)))
        lines.append(line)
    return Plan(**terms, lines=lines)


def _scaled(plan: Plan, factor: Decimal) -> Plan:
    """``plan`` with every rate times ``factor``: the main line's, its bands' and its lines'."""

    def line_terms(line) -> dict:
        update: dict = {"rate": line.rate * factor}
        if line.overage_rate is not None:
            update["overage_rate"] = line.overage_rate * factor
        if line.tiers:
            update["tiers"] = [
                tier.model_copy(update={"rate": tier.rate * factor}) for tier in line.tiers
            ]
        return update

    lines = [line.model_copy(update=line_terms(line)) for line in plan.lines]
    return plan.model_copy(update=line_terms(plan) | {"lines": lines})


def _drawn_staffing(month: MonthStaffing, label: str, active: Decimal, concurrent: Decimal):
    """The staffing of a draw with every range at zero width, in exact decimals."""

    def half_up(value: Decimal) -> int:
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    users = min(month.provisioned, half_up(month.active * (1 + active)))
    hours = min(users * hours_in_month(label), month.logged_in_hours * (1 + active))
    return month.model_copy(
        update={
            "active": users,
            "peak_concurrent": min(users, half_up(month.peak_concurrent * (1 + concurrent))),
            "logged_in_hours": hours,
        }
    )


@settings(max_examples=60, deadline=None)
@given(scenarios(max_months=30), EXACT_CHANGES, EXACT_CHANGES, EXACT_CHANGES, st.data())
def test_a_draw_prices_every_contract_term_as_compare_does(
    scenario, active, concurrent, rate, data
):
    """Oracle: with every range at zero width but shifted, each draw is the scenario priced
    exactly again at the shifted staffing and rates. Bands, premiums, true-ups, extra lines,
    seat-reduction rules and caps included. The draw is a float estimate: each line and month
    may differ by the half cent that exact pricing rounds, at the drawn and at the planned inputs.
    """
    alternatives = [data.draw(contract_plans(f"Alt {n + 1}")) for n in range(2)]
    baseline = data.draw(contract_plans("Today"))
    scenario = scenario.model_copy(update={"plans": [baseline, *alternatives], "baseline": "Today"})
    shifted = {
        "active_users": RelativeRange(low=active, high=active),
        "peak_concurrency": RelativeRange(low=concurrent, high=concurrent),
        "rates": RelativeRange(low=rate, high=rate),
    }
    simulation = simulate(compare(with_ranges(scenario, **shifted)), draws=3)
    staffing = [
        _drawn_staffing(month, label, active, concurrent)
        for month, label in zip(scenario.staffing, scenario.months, strict=True)
    ]
    plans = [baseline, *(_scaled(plan, 1 + rate) for plan in alternatives)]
    exact = compare(scenario.model_copy(update={"staffing": staffing, "plans": plans}))
    for plan in scenario.plans:
        lines = 1 + len(plan.lines)
        tolerance = lines * scenario.horizon + 1  # [cents]
        drawn = simulation.cost_total[plan.name]
        assert drawn.p10_cents == drawn.p90_cents
        assert abs(drawn.p50_cents - exact.totals[plan.name].cost_cents) <= tolerance, plan.name


@settings(max_examples=20, deadline=None)
@given(budget_scenarios(max_months=30), st.integers(1, 600), st.data())
def test_block_size_does_not_change_a_draw_under_any_contract_term(scenario, draws, data):
    """Seat-reduction rules and true-up periods work along each draw's months: any block size
    still gives the same amounts, bit for bit."""
    plans = [data.draw(contract_plans(f"Plan {n + 1}")) for n in range(3)]
    scenario = scenario.model_copy(update={"plans": plans, "baseline": "Plan 1"})
    _same_draws_in_blocks(scenario, draws)


def test_a_banded_plan_with_a_premium_and_a_line_follows_its_rates():
    """The case that was 1.1 % off: every rate 10 % higher must cost 10 % more, to the cent
    (rates x 1.1 keep whole cents on these terms: $65, $55, $150 and a 20 % premium)."""
    plan = Plan(
        name="Banded",
        rule=CountingRule.ACTIVE_USER,
        rate=Decimal(65),
        tiers=[{"up_to": 50, "rate": Decimal(65)}, {"up_to": None, "rate": Decimal(55)}],
        monthly_term_premium=Decimal("0.2"),
        lines=[{"name": "Supervisors", "rule": "named_seat", "rate": Decimal(150), "quantity": 10}],
    )
    scenario = example_scenario()
    scenario = scenario.model_copy(update={"plans": [scenario.plans[0], plan]})
    ten = RelativeRange(low=Decimal("0.1"), high=Decimal("0.1"))
    simulation = simulate(compare(with_ranges(scenario, rates=ten)), draws=5)
    planned = compare(scenario).totals["Banded"].cost_cents
    # By hand: volume bands price all 70 active users at the band 70 falls in, $55, plus the
    # 20 % premium: 70 x 55 x 1.2 = $4,620; the supervisors' line has no premium: 10 x $150.
    assert planned == 12 * (462_000 + 150_000)
    assert simulation.cost_total["Banded"].p50_cents == round(planned * 1.1)
