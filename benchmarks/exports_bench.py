"""How long each export takes to build, and what the downloads cost a page rerun.

Usage: .venv/bin/python benchmarks/exports_bench.py [--repeat 5]

Builds every export of two scenarios, the worked example (12 months, 2 plans) and the largest a
scenario may be (60 months, 8 plans), and prints the median build time of each and its size.
The PDF is printed by headless Chromium and is skipped when Chromium is missing; the first PDF
starts the warm Chromium, so it is printed apart ("first"), and the median is of the later ones
(targets: <= 1.5 s for the worked example, <= 3 s for the largest scenario). Target for the HTML
report: <= 1.5 MB. Downloads are
built only when clicked, so these times are a click's wait, never a rerun's; the last line is
the cost of the download buttons themselves on a rerun (finding Chromium), for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from app.reports import (
    find_chromium,
    html_report,
    monthly_csv,
    pdf_report,
    tables_zip,
    workbook_bytes,
)
from app.views.calculator import all_chart_views
from calculator import (
    MAX_MONTHS,
    MAX_PLANS,
    CountingRule,
    Plan,
    Scenario,
    compare,
    example_scenario,
)


def largest_scenario() -> Scenario:
    """60 months and 8 plans with commitments, minimums, one-time costs and an escalator."""
    base = example_scenario(months=MAX_MONTHS)
    rules = list(CountingRule)
    plans = [
        Plan(
            name=f"Plan {number + 1}",
            rule=rules[number % 3],  # hours need logged-in hours in every month
            rate=Decimal("41.37") + number,
            committed_units=10 * number,
            minimum_monthly_charge=Decimal(500),
            one_time_cost=Decimal(2500),
            escalator=Decimal("0.035"),
        )
        for number in range(MAX_PLANS)
    ]
    return base.model_copy(update={"plans": plans, "baseline": "Plan 1"})


def timed(build: Callable[[], bytes | str], repeat: int) -> tuple[float, int]:
    """Median wall time [ms] and size [bytes] of ``build``."""
    times = []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = build()
        times.append((time.perf_counter() - start) * 1000)
        size = len(result.encode() if isinstance(result, str) else result)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    chromium = find_chromium()
    for name, scenario in (
        ("worked example (12 months, 2 plans)", example_scenario()),
        ("largest (60 months, 8 plans)", largest_scenario()),
    ):
        comparison = compare(scenario)
        exports: dict[str, Callable[[], bytes | str]] = {
            "monthly CSV": lambda c=comparison: monthly_csv(c),
            "chart tables ZIP": lambda c=comparison: tables_zip(
                {view.title: view.table for view in all_chart_views(c)}
            ),
            "Excel workbook": lambda c=comparison: workbook_bytes(c),
            "HTML report": lambda c=comparison: html_report(c),
        }
        if chromium:
            exports["PDF report (A4)"] = lambda c=comparison: pdf_report(c, paper="A4")
        print(f"\n{name}")
        for label, build in exports.items():
            if label.startswith("PDF"):
                first, _ = timed(build, 1)
                print(f"  {label + ', first':<26} {first:9.1f} ms")
            milliseconds, size = timed(build, args.repeat)
            print(f"  {label:<26} {milliseconds:9.1f} ms  {size / 1024:9.1f} KiB  {size:,} bytes")
    start = time.perf_counter()
    for _ in range(1000):
        find_chromium()
    print(
        f"\nper rerun, the buttons' own cost (find Chromium): {(time.perf_counter() - start):.3f} ms"
    )


if __name__ == "__main__":
    main()
