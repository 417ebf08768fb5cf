"""Laws that hold for every valid scenario (hypothesis)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculator import CountingRule, Plan, compare, price_plan
from tests.calculator.strategies import plans, rates, scenarios, staffing_months, start_months


@given(scenarios())
def test_costs_are_never_negative(scenario):
    """No monthly line and no total is below zero."""
    result = compare(scenario)
    assert (result.monthly["cost_cents"] >= 0).all()
    assert all(total.cost_cents >= 0 for total in result.totals.values())


@given(scenarios())
def test_volume_plus_rate_effect_is_the_saving(scenario):
    """Volume + rate effect equals the saving to the cent, every month and in total."""
    result = compare(scenario)
    for name, split in result.savings.items():
        assert split.volume_effect_cents + split.rate_effect_cents == split.savings_cents
        for saved, volume, rate in result.savings_lines[name]:
            assert volume + rate == saved


@given(scenarios())
def test_totals_are_sums_of_monthly_lines(scenario):
    """Each plan's total is the sum of the monthly lines in the tidy table."""
    result = compare(scenario)
    sums = result.monthly.groupby("plan")["cost_cents"].sum()
    for name, total in result.totals.items():
        assert total.cost_cents == sums[name]
        assert total.cost_cents == total.recurring_cents + total.one_time_cents


@given(scenarios())
def test_savings_are_baseline_minus_plan(scenario):
    """Savings = baseline total - plan total, exactly."""
    result = compare(scenario)
    base = result.totals[scenario.baseline].cost_cents
    for name, split in result.savings.items():
        assert split.savings_cents == base - result.totals[name].cost_cents


@st.composite
def _curve(draw):
    start = draw(start_months)
    return start, draw(staffing_months(draw(st.integers(1, 24)), start))


@given(_curve(), rates)
def test_units_order_without_commitments(curve, rate):
    """Without contract terms, named-seat units >= active-user units >= concurrent units."""
    _, staffing = curve
    units = {
        rule: [
            line.billable_units
            for line in price_plan(Plan(name="P", rule=rule, rate=rate), staffing)
        ]
        for rule in (CountingRule.NAMED_SEAT, CountingRule.ACTIVE_USER, CountingRule.CONCURRENT)
    }
    for named, active, concurrent in zip(*units.values(), strict=True):
        assert named >= active >= concurrent


@given(_curve(), st.sampled_from(list(CountingRule)), rates)
def test_doubling_the_rate_doubles_the_variable_cost(curve, rule, rate):
    """With no minimum or one-time cost, twice the rate costs exactly twice as much."""
    _, staffing = curve
    single = price_plan(Plan(name="P", rule=rule, rate=rate), staffing)
    double = price_plan(Plan(name="P", rule=rule, rate=rate * 2), staffing)
    assert [line.cost_cents * 2 for line in single] == [line.cost_cents for line in double]


@given(_curve(), st.sampled_from(list(CountingRule)), st.randoms(use_true_random=False))
def test_month_order_does_not_change_totals(curve, rule, random):
    """Reordering months leaves a plan's total unchanged (reducible seats, no escalator)."""
    _, staffing = curve
    plan = Plan(
        name="P",
        rule=rule,
        rate=Decimal("12.34"),
        committed_units=3,
        minimum_monthly_charge=Decimal(50),
    )
    shuffled = list(staffing)
    random.shuffle(shuffled)
    assert sum(line.cost_cents for line in price_plan(plan, staffing)) == sum(
        line.cost_cents for line in price_plan(plan, shuffled)
    )


@given(scenarios(with_terms=False))
def test_quick_estimate_is_the_named_seat_volume_effect(scenario):
    """For a plain named-seat baseline, (1 - A/P) x cost equals the volume effect of active user."""
    base = scenario.baseline_plan
    if base.rule is not CountingRule.NAMED_SEAT:
        return
    active = Plan(name="Quick active", rule=CountingRule.ACTIVE_USER, rate=Decimal(1))
    result = compare(
        scenario.model_validate(
            {**scenario.model_dump(), "plans": [base.model_dump(), active.model_dump()]}
        )
    )
    assert result.quick_estimate_cents == result.savings["Quick active"].volume_effect_cents


def test_part_time_agent_costs_half_under_active_user():
    """An agent who works 6 of 12 months costs half as much per active user at the same rate.

    Provenance: docs/method.md#worked-example ("Part-time staff"); by hand: 12 x $100 = $1,200
    vs 6 x $100 = $600.
    """
    from calculator import MonthStaffing, Scenario

    on = MonthStaffing(provisioned=1, active=1, peak_concurrent=1)
    off = MonthStaffing(provisioned=1, active=0, peak_concurrent=0)
    scenario = Scenario(
        name="Part-timer",
        start_month="2027-01",
        staffing=[on, off] * 6,
        plans=[
            Plan(name="Seat", rule=CountingRule.NAMED_SEAT, rate=Decimal(100)),
            Plan(name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(100)),
        ],
        baseline="Seat",
    )
    result = compare(scenario)
    assert (result.totals["Seat"].cost_cents, result.totals["Active"].cost_cents) == (
        120_000,
        60_000,
    )
    assert result.savings["Active"].ratio == Decimal("0.5")


@given(plans("P", CountingRule.CONCURRENT), _curve())
def test_cap_exceedances_count_refused_agents(plan, curve):
    """Every month above a purchased cap is reported with demand - cap refused agents."""
    from calculator import Scenario

    start, staffing = curve
    scenario = Scenario(
        name="Cap", start_month=start, staffing=staffing, plans=[plan], baseline="P"
    )
    result = compare(scenario)
    expected = (
        []
        if plan.concurrent_cap is None
        else [
            m.peak_concurrent - plan.concurrent_cap
            for m in staffing
            if m.peak_concurrent > plan.concurrent_cap
        ]
    )
    assert [c.refused for c in result.cap_exceedances] == expected


@given(st.one_of(*(plans("P", rule) for rule in CountingRule)), _curve())
def test_integer_pricing_equals_the_decimal_formula(plan, curve):
    """Each line equals monthly_charge() in Decimal rounded once, half away from zero."""
    from calculator import to_cents
    from calculator._pricing import monthly_charge

    _, staffing = curve
    for index, line in enumerate(price_plan(plan, staffing)):
        charge, rate = monthly_charge(plan, Decimal(line.billable_units), index // 12)
        assert (line.recurring_cents, line.unit_rate) == (to_cents(charge), rate)


@given(
    st.decimals(min_value=0, max_value=10**6, places=6),
    st.integers(0, 10**6),
    st.decimals(min_value=0, max_value=1, places=6),
    st.integers(0, 4),
)
def test_escalated_prices_stay_exact(rate, units, escalator, year):
    """Six-decimal rates and escalators over five years round exactly like Decimal at 120 digits."""
    from decimal import localcontext

    from calculator import to_cents

    plan = Plan(name="P", rule=CountingRule.ACTIVE_USER, rate=rate, escalator=escalator)
    staffing = [price_month(units)] * (12 * year + 1)
    with localcontext(prec=200):
        expected = to_cents(rate * (1 + escalator) ** year * units)
    assert price_plan(plan, staffing)[-1].recurring_cents == expected


def price_month(units):
    from calculator import MonthStaffing

    return MonthStaffing(provisioned=units, active=units, peak_concurrent=0)
