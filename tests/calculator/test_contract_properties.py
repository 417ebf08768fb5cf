"""Laws of the contract rules, checked on generated curves and terms."""

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    PlanLine,
    Scenario,
    compare,
    price_plan,
    recommend_commitment,
    scenario_from_json,
    scenario_to_json,
    to_cents,
)
from tests.calculator.strategies import rates, scenarios, six_places

SEAT_RULES = [CountingRule.NAMED_SEAT, CountingRule.ACTIVE_USER, CountingRule.CONCURRENT]
counts = st.lists(st.integers(0, 300), min_size=1, max_size=30)


def flat_months(values: list[int]) -> list[MonthStaffing]:
    return [MonthStaffing(provisioned=n, active=n, peak_concurrent=n) for n in values]


@st.composite
def seat_terms(draw) -> dict:
    return {
        "rule": draw(st.sampled_from(SEAT_RULES)),
        "rate": draw(six_places),
        "committed_units": draw(st.integers(0, 200)),
        "overage_rate": draw(st.none() | six_places),
        "minimum_monthly_charge": draw(rates),
        "escalator": draw(st.decimals(min_value=0, max_value=Decimal("0.1"), places=3)),
        "monthly_term_premium": draw(st.decimals(min_value=0, max_value=1, places=2)),
    }


@given(seat_terms(), counts)
def test_seat_rules_bill_in_order_month_by_month(terms, values):
    """Each month: monthly <= next_month, and monthly <= high_water_mark <= contract_year_peak."""
    staffing = flat_months(values)
    billed = {
        rule: [
            m.cost_cents for m in price_plan(Plan(name="P", seat_reduction=rule, **terms), staffing)
        ]
        for rule in ("monthly", "next_month", "high_water_mark", "contract_year_peak")
    }
    for month in range(len(values)):
        monthly = billed["monthly"][month]
        assert monthly <= billed["next_month"][month]
        assert monthly <= billed["high_water_mark"][month] <= billed["contract_year_peak"][month]


@st.composite
def falling_bands(draw) -> list[dict]:
    bounds = sorted(draw(st.sets(st.integers(1, 400), min_size=0, max_size=5)))
    band_rates = sorted(
        draw(st.lists(six_places, min_size=len(bounds) + 1, max_size=len(bounds) + 1)),
        reverse=True,
    )
    return [
        {"up_to": up_to, "rate": rate}
        for up_to, rate in zip([*bounds, None], band_rates, strict=True)
    ]


@given(falling_bands(), counts, st.integers(0, 100), rates)
def test_volume_never_costs_more_than_graduated_when_rates_fall(bands, values, committed, minimum):
    """With band rates falling, all units at the last band's rate is at most the slices' sum."""
    staffing = flat_months(values)

    def billed(mode: str) -> list[int]:
        p = Plan(
            name="P",
            rule=CountingRule.ACTIVE_USER,
            rate=bands[0]["rate"],
            tiers=bands,
            tier_mode=mode,
            committed_units=committed,
            minimum_monthly_charge=minimum,
        )
        return [m.cost_cents for m in price_plan(p, staffing)]

    for volume, graduated in zip(billed("volume"), billed("graduated"), strict=True):
        assert volume <= graduated


@st.composite
def plans_with_lines(draw) -> Plan:
    lines = []
    for number in range(draw(st.integers(0, 3))):
        slice_terms = draw(
            st.sampled_from(["all", "quantity", "above"]).map(
                lambda kind: {
                    "all": {},
                    "quantity": {"quantity": 7},
                    "above": {"above": 40, "up_to": 90},
                }[kind]
            )
        )
        lines.append(
            PlanLine(
                name=f"Line {number + 1}",
                rule=draw(st.sampled_from(SEAT_RULES)),
                rate=draw(six_places),
                seat_reduction=draw(st.sampled_from(["monthly", "high_water_mark"])),
                **slice_terms,
            )
        )
    return Plan(
        name="Lines",
        rule=draw(st.sampled_from(SEAT_RULES)),
        rate=draw(six_places),
        one_time_cost=draw(rates),
        one_time_months=draw(st.none() | st.just([1, 2])),
        true_up=draw(
            st.none()
            | st.builds(
                lambda pooled: {"period_months": 5, "premium": Decimal("0.2"), "pooled": pooled},
                st.booleans(),
            )
        ),
        committed_units=draw(st.integers(0, 50)),
        lines=lines,
    )


@st.composite
def staffing_curves(draw, min_size: int = 2, max_size: int = 30) -> list[MonthStaffing]:
    months = []
    for _ in range(draw(st.integers(min_size, max_size))):
        provisioned = draw(st.integers(0, 300))
        active = draw(st.integers(0, provisioned))
        months.append(
            MonthStaffing(
                provisioned=provisioned,
                active=active,
                peak_concurrent=draw(st.integers(0, active)),
            )
        )
    return months


@given(plans_with_lines(), staffing_curves())
def test_lines_add_up_to_the_plan(plan, staffing):
    """Each month, a plan's lines (one-time costs included) sum to the plan's cost; the totals
    are the sums of the months."""
    baseline = Plan(name="Base", rule=CountingRule.NAMED_SEAT, rate=Decimal(100))
    scenario = Scenario(
        name="S", start_month="2027-01", staffing=staffing, plans=[baseline, plan], baseline="Base"
    )
    result = compare(scenario)
    table = result.line_monthly
    by_month = table[table.plan == "Lines"].groupby("month_number")["cost_cents"].sum()
    costs = [m.cost_cents for m in result.lines["Lines"]]
    assert by_month.tolist() == costs
    assert result.totals["Lines"].cost_cents == sum(costs)
    split = result.savings["Lines"]
    assert split.volume_effect_cents + split.rate_effect_cents == split.savings_cents


@st.composite
def committed_scenarios(draw) -> Scenario:
    staffing = draw(staffing_curves(1, 24))
    if draw(st.booleans()):
        plan = Plan(
            name="Capped",
            rule=CountingRule.CONCURRENT,
            rate=draw(six_places),
            concurrent_cap=draw(st.integers(0, 300)),
        )
    else:
        plan = Plan(
            name="Committed",
            rule=draw(st.sampled_from(SEAT_RULES)),
            rate=draw(six_places),
            committed_units=draw(st.integers(1, 300)),
            overage_rate=draw(st.none() | six_places),
            minimum_monthly_charge=draw(rates),
            seat_reduction=draw(st.sampled_from(["monthly", "next_month", "high_water_mark"])),
            true_up=draw(
                st.none()
                | st.builds(
                    lambda pooled: {
                        "period_months": 3,
                        "premium": Decimal("0.2"),
                        "pooled": pooled,
                    },
                    st.booleans(),
                )
            ),
            one_time_cost=draw(rates),
        )
    return Scenario(
        name="S", start_month="2027-01", staffing=staffing, plans=[plan], baseline=plan.name
    )


@given(
    counts,
    st.integers(0, 200),
    st.integers(1, 12),
    six_places,
    st.decimals(min_value=0, max_value=1, places=2),
)
def test_a_pooled_true_up_bills_the_periods_net_units(values, committed, period, overage, premium):
    """Pooled, a period's true-up is max(0, sum(units - committed)) x overage x (1 + premium),
    rounded once, and never more than the same period measured month by month (which adds only
    the months over the commitment)."""
    terms = {
        "name": "Pool",
        "rule": CountingRule.ACTIVE_USER,
        "rate": Decimal(10),
        "committed_units": committed,
        "overage_rate": overage,
    }
    pooled = Plan(**terms, true_up={"period_months": period, "premium": premium, "pooled": True})
    monthly = Plan(**terms, true_up={"period_months": period, "premium": premium})
    staffing = flat_months(values)
    pooled_ups = [month.true_up_cents for month in price_plan(pooled, staffing)]
    monthly_ups = [month.true_up_cents for month in price_plan(monthly, staffing)]
    for start in range(0, len(values), period):
        net = sum(units - committed for units in values[start : start + period])
        last = min(start + period, len(values)) - 1
        assert pooled_ups[last] == to_cents(max(net, 0) * overage * (1 + premium))
        assert pooled_ups[last] <= monthly_ups[last]
    assert sum(pooled_ups) == sum(
        pooled_ups[min(s + period, len(values)) - 1] for s in range(0, len(values), period)
    )


@settings(max_examples=60)
@given(committed_scenarios(), st.integers(0, 50))
def test_recommended_commitment_is_never_worse(scenario, tolerance):
    """No level priced, nor any level above the peak, costs less than the recommendation (for a
    cap: among levels refusing no more than tolerated); each level's cost is what compare says."""
    plan = scenario.plans[0]
    advice = recommend_commitment(scenario, plan.name, max_refused=tolerance)
    best = advice.recommended_level
    term = advice.term
    allowed = [lv for lv in advice.levels if (lv.refused_logins or 0) <= tolerance]
    assert best in allowed
    assert all(best.cost_cents <= lv.cost_cents for lv in allowed)
    for level in (0, advice.peak, advice.peak + 1, advice.peak + 7):
        priced = scenario.model_copy(update={"plans": [plan.model_copy(update={term: level})]})
        total = compare(priced).totals[plan.name].cost_cents
        if level <= advice.peak:
            assert advice.level(level).cost_cents == total
        assert best.cost_cents <= total or term == "concurrent_cap"


def _as_version_1(text: str) -> str:
    """A version-2 file without the new terms, written as version 1 would have been."""
    data = json.loads(text)
    data["schema_version"] = 1
    for plan in data["plans"]:
        reduction = plan.pop("seat_reduction")
        if plan["rule"] == "named_seat":
            plan["seats_reducible"] = reduction == "monthly"
        for key in ("tiers", "tier_mode", "true_up", "monthly_term_premium", "lines"):
            plan.pop(key)
        for key in ("quantity", "above", "up_to", "one_time_months"):
            plan.pop(key)
    return json.dumps(data)


@given(scenarios(max_months=24))
def test_version_1_files_give_the_same_results(scenario):
    """A version-1 file loads as its version-2 translation, with the same totals and savings."""
    old = scenario_from_json(_as_version_1(scenario_to_json(scenario)))
    assert old == scenario
    before, after = compare(old), compare(scenario)
    assert before.totals == after.totals
    assert before.savings == after.savings


@given(falling_bands().map(lambda bands: bands[::-1]) | falling_bands(), counts)
def test_bands_match_a_slice_by_slice_reference(bands, values):
    """Each month's banded charge equals a plain reference sum, rising or falling rates alike."""
    bounds = sorted(band["up_to"] for band in bands if band["up_to"] is not None)
    bands = [
        {"up_to": up_to, "rate": band["rate"]}
        for up_to, band in zip([*bounds, None], bands, strict=True)
    ]

    def reference(units: int, graduated: bool) -> Decimal:
        lower = 0
        total = Decimal(0)
        for band in bands:
            upper = band["up_to"]
            if not graduated and (upper is None or units <= upper):
                return units * band["rate"]
            top = units if upper is None else min(units, upper)
            total += max(0, top - lower) * band["rate"]
            lower = upper if upper is not None else lower
        return total

    for mode in ("volume", "graduated"):
        p = Plan(name="P", rule="active_user", rate=bands[0]["rate"], tiers=bands, tier_mode=mode)
        billed = [m.cost_cents for m in price_plan(p, flat_months(values))]
        expected = [to_cents(reference(units, mode == "graduated")) for units in values]
        assert billed == expected
