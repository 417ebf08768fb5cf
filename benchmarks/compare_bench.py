"""Time one `compare` for a 12-month and a 60-month scenario with four plans, and the same with
every contract rule (seat reduction, rate bands, true-up, term premium, several lines, a spread
one-time cost); then the commitment search over 0..peak on the 60-month curve.

Usage: .venv/bin/python benchmarks/compare_bench.py
Prints the median and p95 of many runs [µs], for compare() alone and with the tidy table built.
Targets: compare() of 60 months x 4 plans under 0.5 ms; one commitment search under 50 ms.
"""

from __future__ import annotations

import statistics
import timeit
from decimal import Decimal

from calculator import (
    CountingRule,
    Plan,
    PlanLine,
    Scenario,
    compare,
    preset_curve,
    recommend_commitment,
)

PLANS = [  # one plan per counting rule, each with contract terms
    Plan(
        name="Named seats",
        rule=CountingRule.NAMED_SEAT,
        rate=Decimal(100),
        seats_reducible=False,
        escalator=Decimal("0.03"),
    ),
    Plan(
        name="Active users",
        rule=CountingRule.ACTIVE_USER,
        rate=Decimal(65),
        committed_units=40,
        overage_rate=Decimal(80),
        one_time_cost=Decimal(5000),
    ),
    Plan(name="Concurrent", rule=CountingRule.CONCURRENT, rate=Decimal(130), concurrent_cap=90),
    Plan(
        name="Hourly",
        rule=CountingRule.LOGGED_IN_HOURS,
        rate=Decimal("0.85"),
        minimum_monthly_charge=Decimal(2000),
    ),
]

CONTRACT_PLANS = [  # every contract rule at least once
    Plan(
        name="Named seats",
        rule=CountingRule.NAMED_SEAT,
        rate=Decimal(100),
        seat_reduction="high_water_mark",
        escalator=Decimal("0.03"),
        monthly_term_premium=Decimal("0.2"),
    ),
    Plan(
        name="Active users",
        rule=CountingRule.ACTIVE_USER,
        rate=Decimal(65),
        committed_units=40,
        overage_rate=Decimal(80),
        true_up={"period_months": 3, "premium": Decimal("0.2")},
        seat_reduction="next_month",
    ),
    Plan(
        name="Concurrent",
        rule=CountingRule.CONCURRENT,
        rate=Decimal(150),
        tiers=[
            {"up_to": 50, "rate": Decimal(150)},
            {"up_to": 100, "rate": Decimal(130)},
            {"up_to": None, "rate": Decimal(110)},
        ],
        tier_mode="graduated",
        concurrent_cap=90,
    ),
    Plan(
        name="Quote",
        rule=CountingRule.ACTIVE_USER,
        rate=Decimal(65),
        seat_reduction="contract_year_peak",
        one_time_cost=Decimal(9000),
        one_time_months=[1, 2, 3],
        lines=[
            PlanLine(name="Supervisors", rule="named_seat", rate=Decimal(150), quantity=10),
            PlanLine(name="Overflow", rule="concurrent", rate=Decimal(40), above=50),
            PlanLine(name="WFM", rule="named_seat", rate=Decimal(12)),
        ],
    ),
]


def scenario(months: int, plans: list[Plan] = PLANS) -> Scenario:
    return Scenario(
        name=f"{months} months",
        start_month="2027-01",
        staffing=preset_curve("tax_season", "2027-01", months),
        plans=plans,
        baseline="Named seats",
    )


def measure(label: str, func, repeats: int = 2000) -> None:
    times = sorted(timeit.repeat(func, number=1, repeat=repeats))
    median = statistics.median(times) * 1e6
    p95 = times[int(len(times) * 0.95)] * 1e6
    print(f"{label:<44} median {median:8.1f} µs   p95 {p95:8.1f} µs")


def main() -> None:
    for months in (12, 60):
        s = scenario(months)
        measure(f"compare(), {months} months x 4 plans", lambda s=s: compare(s))
        measure(
            f"compare() + tidy table, {months} months x 4 plans",
            lambda s=s: compare(s).monthly,
            repeats=500,
        )
    rules = scenario(60, CONTRACT_PLANS)
    measure("compare(), 60 months x 4 plans, every rule", lambda: compare(rules))
    measure(
        "compare() + line table, 60 months, every rule",
        lambda: compare(rules).line_monthly,
        repeats=500,
    )
    for name in ("Active users", "Concurrent"):
        advice = recommend_commitment(rules, name)
        measure(
            f"commitment search, {name}, 0..{advice.peak}",
            lambda name=name: recommend_commitment(rules, name),
            repeats=50,
        )


if __name__ == "__main__":
    main()
