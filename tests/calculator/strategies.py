"""Hypothesis strategies for scenarios that satisfy P >= A >= C >= 0 by construction."""

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
def scenarios(draw, with_terms: bool = True, max_months: int = 60) -> Scenario:
    start = draw(start_months)
    count = draw(st.integers(1, max_months))
    rules = draw(st.lists(st.sampled_from(list(CountingRule)), min_size=1, max_size=4))
    drawn = [draw(plans(f"Plan {i + 1}", rule, with_terms)) for i, rule in enumerate(rules)]
    return Scenario(
        name="Generated",
        start_month=start,
        staffing=draw(staffing_months(count, start)),
        plans=drawn,
        baseline=draw(st.sampled_from([plan.name for plan in drawn])),
    )
