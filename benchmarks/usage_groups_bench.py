"""Figures per group: what a group column adds to one log analysis.

Generates a synthetic sessions log like ``benchmarks/usage_bench.py`` (24 months, shifts of
1-10 h, agents drawn at random) with a ``Site`` column: agent ``k`` works at site ``k % sites``,
and one session in ten is at another site (agents who move). Analyses it once without naming the
group column and once with ``group=Site``, and prints both times, the part spent on billing
figures and insights, and the number of per-group rows. The monthly table must be the same; the
script says so. The machine's load average is printed too: the machine may be shared.

Usage: ``python benchmarks/usage_groups_bench.py [--sessions 1000000] [--sites 20]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from usage_bench import DATA_DIR, DAYS, START

import calculator.usage._analyze as analyze
from calculator.usage import UsageOptions, analyze_log


def generate(path: Path, sessions: int, agents: int, sites: int, seed: int = 20240101) -> None:
    """Sessions with a site per session, sorted by login, written with pyarrow."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    rng = np.random.default_rng(seed)
    login = START + rng.integers(0, DAYS, sessions) * 86400 + rng.integers(0, 86400, sessions)
    logout = login + rng.integers(3600, 10 * 3600 + 1, sessions)
    agent = rng.integers(0, agents, sessions)
    moved = rng.random(sessions) < 0.1
    site = np.where(moved, rng.integers(0, sites, sessions), agent % sites)
    order = np.argsort(login, kind="stable")
    names = pa.array([f"agent_{index:05d}" for index in range(agents)])
    site_names = pa.array([f"site_{index:02d}" for index in range(sites)])
    table = pa.table(
        {
            "agent_id": names.take(pa.array(agent[order])),
            "login_time": pa.array(login[order].astype("datetime64[s]")),
            "logout_time": pa.array(logout[order].astype("datetime64[s]")),
            "Site": site_names.take(pa.array(site[order])),
        }
    )
    partial = path.with_suffix(".partial")
    pa_csv.write_csv(table, partial, write_options=pa_csv.WriteOptions(quoting_style="none"))
    partial.rename(path)


def timed_analysis(path: Path, options: UsageOptions) -> tuple[float, float, object]:
    """Whole analysis and its billing-and-insights part [s], and the result."""
    seen: dict[str, float] = {}
    original = analyze.with_insights

    def with_insights(result, table):
        started = time.perf_counter()
        out = original(result, table)
        seen["insights"] = time.perf_counter() - started
        return out

    analyze.with_insights = with_insights
    try:
        started = time.perf_counter()
        result = analyze_log(path.name, path, options)
        total = time.perf_counter() - started
    finally:
        analyze.with_insights = original
    return total, seen["insights"], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=20)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}")
    path = DATA_DIR / f"sessions_sites_{args.sessions}_{args.sites}.csv"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generate(path, args.sessions, max(args.sessions // 200, 1), args.sites)
        print(f"generated {path} in {time.perf_counter() - started:.1f} s")
    plain = timed_analysis(path, UsageOptions())
    grouped = timed_analysis(path, UsageOptions(columns={"group": "Site"}))
    for label, (total, insights, result) in (("no group", plain), ("group=Site", grouped)):
        rows = len(result.insights.groups)
        print(
            f"{args.sessions:,} sessions, {label:<10}: analysis {total:.2f} s, of which billing "
            f"and insights {insights:.2f} s; {rows:,} per-group rows"
        )
    same = [m.model_dump(exclude={"genesys_concurrent", "genesys_hours"}) for m in plain[2].months]
    other = [
        m.model_dump(exclude={"genesys_concurrent", "genesys_hours"}) for m in grouped[2].months
    ]
    print("monthly table the same with and without groups:", same == other)


if __name__ == "__main__":
    main()
