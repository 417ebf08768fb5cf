"""Usage insights speed: what the billing figures and insights add to one log analysis.

Uses the synthetic logs of ``benchmarks/usage_bench.py`` (24 months, sessions of 1-10 h, agents
drawn at random), generated under /tmp if missing. Analyses each log once and prints, in seconds,
the whole analysis, the part spent on billing figures and insights, and each insight on its own
(the timeline, merged sessions and their concurrency, and each agent's time per month are built
once and shared by the others).
The machine's load average is printed too: the machine may be shared.

Usage: ``python benchmarks/usage_insights_bench.py [--sizes 1000000]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from usage_bench import DATA_DIR, generate

import calculator.usage._analyze as analyze
from calculator.usage import analyze_log
from calculator.usage._billing import billing_by_group
from calculator.usage._insights import (
    agent_months,
    daily_peaks,
    hour_of_week,
    load_duration,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    print(f"load average: {os.getloadavg()[0]:.2f}")
    for size in sizes:
        path = DATA_DIR / f"sessions_{size}.csv"
        if not path.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            generate(path, size, max(size // 200, 1))
        seen = {}
        original = analyze.with_insights

        def timed(result, table, seen=seen, original=original):
            started = time.perf_counter()
            out = original(result, table)
            seen["insights"] = time.perf_counter() - started
            seen["table"] = table
            return out

        analyze.with_insights = timed
        started = time.perf_counter()
        analyze_log(path.name, path)
        total = time.perf_counter() - started
        analyze.with_insights = original
        table = seen["table"]
        print(
            f"{size:,} sessions: analysis {total:.2f} s, of which insights {seen['insights']:.2f} s"
        )
        table.__dict__.pop("timeline", None)
        table.__dict__.pop("agent_month_ticks", None)
        for name, step in (
            ("timeline", lambda table=table: table.timeline),
            ("agent-months", lambda table=table: table.agent_month_ticks),
            ("billing", lambda table=table: billing_by_group(table)),
            ("daily peaks", lambda table=table: daily_peaks(table)),
            ("load-duration", lambda table=table: load_duration(table)),
            ("heatmap", lambda table=table: hour_of_week(table)),
            ("hours per agent", lambda table=table: agent_months(table)),
        ):
            started = time.perf_counter()
            step()
            print(f"  {name:<16} {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
