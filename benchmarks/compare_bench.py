"""Time one `compare` for a 12-month and a 60-month scenario with four plans.

Usage: .venv/bin/python benchmarks/compare_bench.py
Prints the median and p95 of many runs [µs], for compare() alone and with the tidy table built.
"""

from __future__ import annotations

import statistics
import timeit
from decimal import Decimal

from calculator import CountingRule, Plan, Scenario, compare, preset_curve

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


def scenario(months: int) -> Scenario:
    return Scenario(
        name=f"{months} months",
        start_month="2027-01",
        staffing=preset_curve("tax_season", "2027-01", months),
        plans=PLANS,
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


if __name__ == "__main__":
    main()
