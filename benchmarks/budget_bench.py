"""Time the budget view of a 60-month scenario with four plans (one per counting rule).

Usage: .venv/bin/python benchmarks/budget_bench.py
Prints the median and p95 of repeated runs [ms]: the Monte Carlo estimate with 10,000 draws
(target: <= 100 ms), the exact budget tables, the tornado, and the whole `compare --json` budget key.
"""

from __future__ import annotations

import statistics
import timeit
from decimal import Decimal

from calculator import CountingRule, Plan, Scenario, compare, preset_curve
from calculator.budget import (
    BudgetSettings,
    budget_to_dict,
    example_programs,
    plan_budget,
    simulate,
    tornado,
)

DRAWS = 10_000
PLANS = [
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
        escalator=Decimal("0.025"),
    ),
    Plan(name="Concurrent", rule=CountingRule.CONCURRENT, rate=Decimal(130)),
    Plan(
        name="Hourly",
        rule=CountingRule.LOGGED_IN_HOURS,
        rate=Decimal("0.85"),
        minimum_monthly_charge=Decimal(2000),
    ),
]


def scenario() -> Scenario:
    return Scenario(
        name="60 months",
        start_month="2027-01",
        staffing=preset_curve("tax_season", "2027-01", 60),
        plans=PLANS,
        baseline="Named seats",
        budget=BudgetSettings(programs=example_programs()),
    )


def measure(label: str, func, repeats: int) -> None:
    func()  # warm-up: imports, caches
    times = sorted(timeit.repeat(func, number=1, repeat=repeats))
    median = statistics.median(times) * 1e3
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))] * 1e3
    print(f"{label:<58} median {median:7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    comparison = compare(scenario())
    measure(
        f"simulate(), {DRAWS:,} draws, 60 months x 4 plans",
        lambda: simulate(comparison, draws=DRAWS),
        repeats=50,
    )
    measure(
        "plan_budget() (fiscal years, NTE, returns, funding)", lambda: plan_budget(comparison), 50
    )
    measure("tornado(), every alternative", lambda: tornado(comparison), 10)
    measure(
        "budget_to_dict() (the compare --json budget key)", lambda: budget_to_dict(comparison), 10
    )


if __name__ == "__main__":
    main()
