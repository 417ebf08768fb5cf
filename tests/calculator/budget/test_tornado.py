"""Tornado: savings with each input moved down and up, largest swing first."""

from decimal import Decimal

from hypothesis import given, settings

from calculator import CountingRule, Plan, Scenario, compare, example_scenario
from calculator.budget import tornado
from calculator.budget._tornado import _inputs
from tests.calculator.strategies import contract_scenarios


def bars(result):
    return [(b.input, b.low_savings_cents, b.high_savings_cents) for b in result.bars]


def test_worked_example_at_20_percent():
    """Worked example, +/- 20 %: provisioned accounts and the named rate move savings most."""
    chart = tornado(compare(example_scenario()), Decimal("0.2"))["Active users"]
    # By hand, a month (x12 for the year); baseline 100 x $100, active 70 x $65, savings $5,450:
    # provisioned 80 / 120: $8,000 / $12,000 baseline -> $3,450 / $7,450;
    # named rate $80 / $120: the same; active 56 / 84: $3,640 / $5,460 -> $6,360 / $4,540;
    # active rate $52 / $78: the same; peak concurrency: no plan counts it -> $5,450 both ways.
    assert chart.base_savings_cents == 12 * 545_000
    assert bars(chart) == [
        ("Provisioned accounts", 12 * 345_000, 12 * 745_000),
        ("Rate: Named seats", 12 * 345_000, 12 * 745_000),
        ("Active users", 12 * 636_000, 12 * 454_000),
        ("Rate: Active users", 12 * 636_000, 12 * 454_000),
        ("Peak concurrency", 12 * 545_000, 12 * 545_000),
    ]


def with_usage_plan(rate: int) -> Scenario:
    """24 months of the worked example plus "Usage": active users at ``rate`` with a $10,000
    one-time cost and a 5 % escalator."""
    scenario = example_scenario(24)
    plan = Plan(
        name="Usage",
        rule=CountingRule.ACTIVE_USER,
        rate=Decimal(rate),
        one_time_cost=Decimal(10000),
        escalator=Decimal("0.05"),
    )
    return scenario.model_copy(update={"plans": [*scenario.plans, plan]})


def test_one_time_cost_and_escalator_are_inputs_when_present():
    """A plan with a one-time cost and an escalator gets a bar for each."""
    scenario = with_usage_plan(65)
    chart = tornado(compare(scenario), Decimal("0.5"))["Usage"]
    by_input = {b.input: (b.low_savings_cents, b.high_savings_cents) for b in chart.bars}
    # By hand: one-time $5,000 / $15,000 changes savings by +/- $5,000 from the base.
    base = chart.base_savings_cents
    assert by_input["One-time cost: Usage"] == (base + 500_000, base - 500_000)
    # Escalator 2.5 % / 7.5 % on year 2 (12 x 70 x $65 = $54,600): $1,365 / $4,095 vs $2,730.
    assert by_input["Escalator: Usage"] == (base + 136_500, base - 136_500)


def test_shrinking_provisioned_accounts_keeps_active_within_them():
    """Provisioned -50 % (100 -> 50) caps the 70 active users at 50."""
    chart = tornado(compare(example_scenario(1)), Decimal("0.5"))["Active users"]
    low, _ = next(
        (b.low_savings_cents, b.high_savings_cents)
        for b in chart.bars
        if b.input == "Provisioned accounts"
    )
    # By hand: baseline 50 x $100 = $5,000; active min(70, 50) x $65 = $3,250; savings $1,750.
    assert low == 175_000


def test_logged_in_hours_is_an_input_only_with_an_hourly_plan():
    """Without an hourly plan there is no logged-in-hours bar."""
    chart = tornado(compare(example_scenario(1)))["Active users"]
    assert "Logged-in hours" not in [b.input for b in chart.bars]


def test_another_alternatives_terms_are_not_bars():
    """With two alternatives, each tornado has today's plan's and its own terms, never the
    other alternative's: those cannot move its savings (they were $0.00 bars)."""
    scenario = with_usage_plan(60)
    charts = tornado(compare(scenario), Decimal("0.2"))
    inputs = {name: {b.input for b in chart.bars} for name, chart in charts.items()}
    assert inputs["Active users"] == {
        "Provisioned accounts",
        "Active users",
        "Peak concurrency",
        "Rate: Named seats",
        "Rate: Active users",
    }
    assert inputs["Usage"] == {
        "Provisioned accounts",
        "Active users",
        "Peak concurrency",
        "Rate: Named seats",
        "Rate: Usage",
        "One-time cost: Usage",
        "Escalator: Usage",
    }


def test_a_banded_plan_and_its_lines_move_every_rate():
    """Active users priced in bands ($65 up to 50, $55 above, volume) with a line of 10
    supervisor seats at $150, +/- 20 %. The worked example's 70 active users fall in the $55
    band: 70 x $55 + 10 x $150 = $5,350 a month, savings $10,000 - $5,350 = $4,650. Every rate
    moved together: $4,280 / $6,420 -> savings $5,720 / $3,580 (x12 for the year). Moving
    only the plan's ``rate`` would leave the bands' price, and the bar, unchanged."""
    data = example_scenario().model_dump()
    data["plans"][1].update(
        tiers=[{"up_to": 50, "rate": Decimal(65)}, {"up_to": None, "rate": Decimal(55)}],
        lines=[{"name": "Supervisors", "rule": "named_seat", "rate": Decimal(150), "quantity": 10}],
    )
    scenario = Scenario.model_validate(data)
    chart = tornado(compare(scenario), Decimal("0.2"))["Active users"]
    assert chart.base_savings_cents == 12 * 465_000
    by_input = {b.input: (b.low_savings_cents, b.high_savings_cents) for b in chart.bars}
    assert by_input["Rate: Active users"] == (12 * 572_000, 12 * 358_000)


@settings(max_examples=30, deadline=None)
@given(contract_scenarios(max_months=24, min_plans=3))
def test_a_plans_own_terms_priced_alone_give_the_bars_of_the_whole_scenario(scenario):
    """An alternative's own rate, one-time cost and escalator are priced with today's plan
    alone; every bar is what pricing the whole scenario with that input moved gives, whatever
    the contract terms (commitments, bands, true-ups, lines, seat reductions)."""
    change = Decimal("0.2")
    charts = tornado(compare(scenario), change)
    for label, (perturb, owner) in _inputs(scenario).items():
        low = compare(perturb(scenario, 1 - change)).savings
        high = compare(perturb(scenario, 1 + change)).savings
        for name, chart in charts.items():
            if owner in (None, scenario.baseline, name):
                bar = next(bar for bar in chart.bars if bar.input == label)
                assert (bar.low_savings_cents, bar.high_savings_cents) == (
                    low[name].savings_cents,
                    high[name].savings_cents,
                ), (label, name)
