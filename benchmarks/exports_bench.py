"""How long each export takes to build, and what the downloads cost a page rerun.

Usage: .venv/bin/python benchmarks/exports_bench.py [--repeat 5] [--only "HTML report,PDF"]

Builds every export of three scenarios, the worked example (12 months, 2 plans), the largest a
scenario may be (60 months, 8 plans) and the same size with every contract term, programs and
funding sources, and prints the median build time of each and its size. For the PDF it also
prints the CPU time the report cost, this process's and Chromium's (all processes started from
this one), which a loaded machine stretches far less than the wall time. The rows "from a page"
are the reports a page's download builds when the page has shown the calculator's charts and the
Budget page (their budget, estimates and tornados are handed over, not built again).
The PDF is printed by headless Chromium and is skipped when Chromium is missing; the first PDF
starts the warm Chromium, so it is printed apart ("first"), and the median is of the later ones
(targets: <= 1.5 s for the worked example, <= 3 s for the largest scenario). Target for the HTML
report: <= 1.5 MB. Downloads are
built only when clicked, so these times are a click's wait, never a rerun's; the last line is
the cost of the download buttons themselves on a rerun (finding Chromium), for comparison.
"""

from __future__ import annotations

import argparse
import os
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
from calculator.budget import BudgetSettings, example_programs, plan_budget, simulate, tornado

TICK = os.sysconf("SC_CLK_TCK")


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


def every_term_scenario() -> Scenario:
    """60 months and 8 plans using every contract term, with programs and funding sources."""
    base = example_scenario(months=MAX_MONTHS)
    terms = [
        {"name": "High-water seats", "rule": "named_seat", "rate": "95",
         "seat_reduction": "high_water_mark", "monthly_term_premium": "0.2", "escalator": "0.03"},
        {"name": "Banded", "rule": "active_user", "rate": "70", "tier_mode": "graduated",
         "tiers": [{"up_to": 60, "rate": "70"}, {"up_to": None, "rate": "55"}],
         "one_time_cost": "3000", "one_time_months": [1, 2, 3]},
        {"name": "Overflow only", "rule": "concurrent", "rate": "130", "above": 20},
        {"name": "Trued up", "rule": "active_user", "rate": "62", "committed_units": 40,
         "true_up": {"period_months": 3, "premium": "0.2"}},
        {"name": "Core and overflow", "rule": "named_seat", "rate": "100", "up_to": 50,
         "lines": [{"name": "Overflow", "rule": "concurrent", "rate": "120", "above": 50}]},
        {"name": "Fixed core", "rule": "named_seat", "rate": "90", "quantity": 30,
         "seat_reduction": "next_month",
         "lines": [{"name": "Agents", "rule": "active_user", "rate": "60"}]},
        {"name": "Active, committed", "rule": "active_user", "rate": "60", "committed_units": 40,
         "overage_rate": "72.5", "minimum_monthly_charge": "3000", "one_time_cost": "4999.99"},
        {"name": "Concurrent, capped", "rule": "concurrent", "rate": "89.95",
         "concurrent_cap": 60, "one_time_cost": "2500", "escalator": "0.035"},
    ]  # fmt: skip
    plans = [Plan.model_validate(plan) for plan in terms]
    return base.model_copy(
        update={
            "plans": plans,
            "baseline": plans[0].name,
            "budget": BudgetSettings(programs=example_programs(), fiscal_year_start_month=10),
        }
    )


def tree_cpu() -> float:
    """CPU time [s] of this process and every process started from it (Chromium's too),
    including the processes that ended and were waited for."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as stat:
                line = stat.read()
        except OSError:  # the process ended meanwhile
            continue
        fields = line[line.rindex(")") + 2 :].split()
        parents[int(name)] = int(fields[1])
        # Own time and that of ended children (Chromium's print compositor, for one).
        cpu[int(name)] = sum(int(value) for value in fields[11:15]) / TICK
    me = os.getpid()

    def mine(pid: int) -> bool:
        while pid > 1 and pid != me:
            pid = parents.get(pid, 0)
        return pid == me

    return sum(seconds for pid, seconds in cpu.items() if mine(pid))


def timed(build: Callable[[], bytes | str], repeat: int) -> tuple[float, int, float]:
    """Median wall time [ms], size [bytes] and median CPU time [ms] (this process and its
    children) of ``build``."""
    times = []
    cpus = []
    size = 0
    for _ in range(repeat):
        cpu = tree_cpu()
        start = time.perf_counter()
        result = build()
        times.append((time.perf_counter() - start) * 1000)
        cpus.append((tree_cpu() - cpu) * 1000)
        size = len(result.encode() if isinstance(result, str) else result)
    return statistics.median(times), size, statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated beginnings of export names")
    args = parser.parse_args()
    only = [part.strip() for part in args.only.split(",") if part.strip()]
    chromium = find_chromium()
    print(f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    for name, scenario in (
        ("worked example (12 months, 2 plans)", example_scenario()),
        ("largest (60 months, 8 plans)", largest_scenario()),
        ("largest, every contract term, programs and funding", every_term_scenario()),
    ):
        comparison = compare(scenario)
        # What a page that has shown the calculator's charts and the Budget page hands a report
        # (app.report_parts): the report then builds none of it again.
        built = {
            "views": all_chart_views(comparison),
            "budget": plan_budget(comparison),
            "simulation": simulate(comparison),
            "tornadoes": tornado(comparison),
        }
        exports: dict[str, Callable[[], bytes | str]] = {
            "monthly CSV": lambda c=comparison: monthly_csv(c),
            "chart tables ZIP": lambda c=comparison: tables_zip(
                {view.title: view.table for view in all_chart_views(c)}
            ),
            "Excel workbook": lambda c=comparison: workbook_bytes(c),
            "HTML report": lambda c=comparison: html_report(c),
            "HTML report, from a page": lambda c=comparison, b=built: html_report(c, **b),
        }
        if chromium:
            exports["PDF report (A4)"] = lambda c=comparison: pdf_report(c, paper="A4")
            exports["PDF report (A4), from a page"] = lambda c=comparison, b=built: pdf_report(
                c, paper="A4", **b
            )
        if only:
            exports = {k: v for k, v in exports.items() if any(k.startswith(o) for o in only)}
        print(f"\n{name}")
        for label, build in exports.items():
            if label.startswith("PDF"):
                first, _, cpu = timed(build, 1)
                print(f"  {label + ', first':<36} {first:9.1f} ms  CPU {cpu:7.0f} ms")
            milliseconds, size, cpu = timed(build, args.repeat)
            print(
                f"  {label:<36} {milliseconds:9.1f} ms  {size / 1024:9.1f} KiB  {size:,} bytes"
                + (f"  CPU {cpu:7.0f} ms" if label.startswith("PDF") else "")
            )
    start = time.perf_counter()
    for _ in range(1000):
        find_chromium()
    print(
        f"\nper rerun, the buttons' own cost (find Chromium): {(time.perf_counter() - start):.3f} ms"
    )


if __name__ == "__main__":
    main()
