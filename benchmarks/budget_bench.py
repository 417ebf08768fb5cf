"""Time the budget view of a 60-month scenario with four plans (one per counting rule).

Usage: .venv/bin/python benchmarks/budget_bench.py
Prints the median and p95 of repeated runs [ms]: the Monte Carlo estimate with 10,000 draws
(target: <= 30 ms), also on the compare benchmark's plans with every contract rule, the exact budget tables, the tornado, and the whole `compare --json` budget key.
"""

from __future__ import annotations

import statistics
import timeit

import compare_bench  # the same scenario as the compare benchmark (this folder is on sys.path)

from calculator import Scenario, compare
from calculator.budget import (
    BudgetSettings,
    budget_to_dict,
    example_programs,
    plan_budget,
    simulate,
    tornado,
)

DRAWS = 10_000


def scenario(plans=compare_bench.PLANS) -> Scenario:
    """The compare benchmark's 60-month, four-plan scenario, with an illustrative program split."""
    base = compare_bench.scenario(60, plans)
    return base.model_validate(
        {**base.model_dump(), "budget": BudgetSettings(programs=example_programs()).model_dump()}
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
    rules = compare(scenario(compare_bench.CONTRACT_PLANS))
    measure(
        f"simulate(), {DRAWS:,} draws, 60 months x 4 plans, every rule",
        lambda: simulate(rules, draws=DRAWS),
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
