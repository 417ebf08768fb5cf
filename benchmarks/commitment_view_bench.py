"""Time the calculator page's "Which commitment to sign" section without Streamlit: the advice of
every plan with a commitment or a cap (computed once per scenario), the cache key that tells a
scenario from the last one, and each plan's chart, table and sentence.

Usage: .venv/bin/python benchmarks/commitment_view_bench.py
Prints the median and p95 of many runs [ms]. The advice is what a changed scenario costs; the key
is what every other rerun costs.
"""

from __future__ import annotations

import statistics
import timeit

from app.views.commitment import commitment_advice, commitment_view
from benchmarks.compare_bench import CONTRACT_PLANS, scenario


def measure(label: str, func, repeats: int) -> None:
    times = sorted(timeit.repeat(func, number=1, repeat=repeats))
    median = statistics.median(times) * 1e3
    p95 = times[int(len(times) * 0.95)] * 1e3
    print(f"{label:<52} median {median:7.2f} ms   p95 {p95:7.2f} ms")


def main() -> None:
    rules = scenario(60, CONTRACT_PLANS)
    advice = commitment_advice(rules)
    names = ", ".join(item.plan for item in advice)
    measure(f"advice, 60 months ({names})", lambda: commitment_advice(rules), 30)
    measure("cache key (the scenario's JSON), 60 months", rules.model_dump_json, 500)
    for item in advice:
        measure(
            f"chart + table, {item.plan}, {len(item.levels)} levels",
            lambda item=item: commitment_view(item, rules.currency),
            200,
        )


if __name__ == "__main__":
    main()
