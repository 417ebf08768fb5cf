"""Hypothesis strategies for scenarios that satisfy P >= A >= C >= 0 by construction, and for
plans that use every contract term (:func:`contract_scenarios`)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from calculator import CountingRule, MonthStaffing, Plan, Scenario, hours_in_month, month_labels

# Rates with at most two decimals keep every line an exact number of cents, so properties about
# scaling can be checked exactly; rounding has its own tests.
rates = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False)
start_months = st.builds(
    lambda year, month: f"{year:04d}-{month:02d}",
    st.integers(2020, 2035),
    st.integers(1, 12),
)


@st.composite
def staffing_months(draw, count: int, start_month: str) -> list[MonthStaffing]:
    months = []
    for label in month_labels(start_month, count):
        provisioned = draw(st.integers(0, 2000))
        active = draw(st.integers(0, provisioned))
        concurrent = draw(st.integers(0, active))
        hours = draw(st.integers(0, active * hours_in_month(label)))
        months.append(
            MonthStaffing(
                provisioned=provisioned,
                active=active,
                peak_concurrent=concurrent,
                logged_in_hours=Decimal(hours),
            )
        )
    return months


@st.composite
def plans(draw, name: str, rule: CountingRule, with_terms: bool = True) -> Plan:
    terms = {}
    if with_terms:
        terms = {
            "committed_units": draw(st.integers(0, 500)),
            "overage_rate": draw(st.none() | rates),
            "minimum_monthly_charge": draw(rates),
            "one_time_cost": draw(rates),
            "escalator": draw(st.decimals(min_value=0, max_value=Decimal("0.1"), places=2)),
        }
        if rule is CountingRule.NAMED_SEAT:
            terms["seats_reducible"] = draw(st.booleans())
        if rule is CountingRule.CONCURRENT:
            terms["concurrent_cap"] = draw(st.none() | st.integers(0, 2000))
    return Plan(name=name, rule=rule, rate=draw(rates), **terms)


@st.composite
def scenarios(draw, with_terms: bool = True, max_months: int = 60, min_plans: int = 1) -> Scenario:
    start = draw(start_months)
    count = draw(st.integers(1, max_months))
    rules = draw(st.lists(st.sampled_from(list(CountingRule)), min_size=min_plans, max_size=4))
    drawn = [draw(plans(f"Plan {i + 1}", rule, with_terms)) for i, rule in enumerate(rules)]
    return Scenario(
        name="Generated",
        start_month=start,
        staffing=draw(staffing_months(count, start)),
        plans=drawn,
        baseline=draw(st.sampled_from([plan.name for plan in drawn])),
    )


six_places = st.decimals(min_value=0, max_value=200, places=6)
"""A rate as contracts write it, to the sixth decimal [currency/unit]."""


@st.composite
def contract_terms(draw, plan: Plan, months: int) -> dict:
    """Terms beyond :func:`plans`' for ``plan`` over ``months``: rate bands or a true-up, a seat
    reduction rule, a month-to-month premium, one-time costs spread over chosen months, and
    extra lines (a fixed quantity, a share of the agents, an overflow slice)."""
    terms: dict = {}
    if draw(st.booleans()):
        bounds = sorted(draw(st.sets(st.integers(1, 400), min_size=1, max_size=3)))
        band_rates = [plan.rate, *(draw(six_places) for _ in bounds)]
        terms["tiers"] = [
            {"up_to": up_to, "rate": rate}
            for up_to, rate in zip([*bounds, None], band_rates, strict=True)
        ]
        terms["tier_mode"] = draw(st.sampled_from(["volume", "graduated"]))
        terms["overage_rate"] = None  # bands price every unit
    elif draw(st.booleans()):
        terms["true_up"] = {
            "period_months": draw(st.sampled_from([1, 3, 6, 12])),
            "premium": draw(st.decimals(min_value=0, max_value=1, places=2)),
            "pooled": draw(st.booleans()),
        }
    if plan.rule is not CountingRule.LOGGED_IN_HOURS:
        terms["seat_reduction"] = draw(
            st.sampled_from(["monthly", "next_month", "high_water_mark", "contract_year_peak"])
        )
    terms["monthly_term_premium"] = draw(st.decimals(min_value=0, max_value=1, places=2))
    if draw(st.booleans()):
        terms["one_time_months"] = sorted(
            draw(st.sets(st.integers(1, months), min_size=1, max_size=3))
        )
    lines = []
    for number in range(draw(st.integers(0, 2))):
        line = {
            "name": f"Line {number + 1}",
            "rule": draw(st.sampled_from(["named_seat", "active_user", "concurrent"])),
            "rate": draw(six_places),
        }
        slice_kind = draw(st.sampled_from(["all", "quantity", "share", "overflow"]))
        if slice_kind == "quantity":
            line["quantity"] = draw(st.integers(0, 50))
        elif slice_kind == "share":
            line["share"] = draw(st.decimals(min_value="0.01", max_value=1, places=2))
        elif slice_kind == "overflow":
            line["above"] = draw(st.integers(0, 300))
        lines.append(line)
    terms["lines"] = lines
    return terms


@st.composite
def contract_scenarios(draw, max_months: int = 36, min_plans: int = 2) -> Scenario:
    """A generated scenario whose plans use the contract terms of :func:`contract_terms` too."""
    scenario = draw(scenarios(max_months=max_months, min_plans=min_plans))
    months = scenario.horizon
    plans = [
        Plan.model_validate({**plan.model_dump(), **draw(contract_terms(plan, months))})
        for plan in scenario.plans
    ]
    return scenario.model_copy(update={"plans": plans})
