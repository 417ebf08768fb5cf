"""CSV log reading with open sessions: the reader's fast path against its careful path.

Usage: .venv/bin/python benchmarks/log_reader_bench.py [--rows 1000000] [--repeat 3]

Real exports leave a session still open with an empty logout (``docs/method.md``, "Sessions
with no logout"), or write one word such as NULL. Writes a synthetic log of ``--rows`` sessions
(ISO times, 2023-2024, 5,000 agents, 0.2 % of logouts missing) three ways under /tmp: no logout
missing, missing ones empty, missing ones NULL; and analyses each with
``calculator.usage.analyze_log`` as the page and the CLI do (fast path: the times typed by
Arrow's reader), and again with the fast path switched off (careful path: every field read as
text, then parsed). Also the usage page's sample log, analysed with a new session cap each time
(what a new cap costs the page).
Prints the median seconds (milliseconds for the sample) and the machine's load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import calculator.usage._table as table_module
from calculator.usage import SAMPLE_FILE_NAME, UsageOptions, analyze_log, sample_log_csv

DATA_DIR = Path(tempfile.gettempdir()) / "log_reader_bench"
START = np.datetime64("2023-01-01T00:00:00")


def write_log(path: Path, rows: int, missing: str | None) -> None:
    """Sessions of 1-10 h sorted by login; ``missing`` (None: no logout missing) written for
    0.2 % of the logouts."""
    rng = np.random.default_rng(20240101)
    login = START + np.sort(rng.integers(0, 730 * 86400, rows)).astype("timedelta64[s]")
    logout = login + rng.integers(3600, 36_000, rows).astype("timedelta64[s]")
    logins = np.char.replace(np.datetime_as_string(login), "T", " ")
    logouts = np.char.replace(np.datetime_as_string(logout), "T", " ").astype(object)
    if missing is not None:
        logouts[rng.random(rows) < 0.002] = missing
    agents = rng.integers(0, 5_000, rows)
    partial = path.with_suffix(".partial")
    with partial.open("w") as handle:
        handle.write("agent,login,logout\n")
        handle.writelines(
            f"agent_{a:05d},{i},{o}\n" for a, i, o in zip(agents, logins, logouts, strict=True)
        )
    partial.rename(path)


@contextmanager
def careful_only():
    """The fast path switched off: every file read as text and its times parsed."""
    fast = table_module._fast_time_styles
    table_module._fast_time_styles = lambda *args: None
    try:
        yield
    finally:
        table_module._fast_time_styles = fast


def median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    DATA_DIR.mkdir(exist_ok=True)
    print(f"{args.rows:,} sessions [s, median of {args.repeat}]   fast path   careful path")
    for label, missing in (("no logout missing", None), ("empty", ""), ("NULL", "NULL")):
        path = DATA_DIR / f"log_{args.rows}_{label.split()[0].lower()}.csv"
        if not path.exists():
            write_log(path, args.rows, missing)
        fast = median_seconds(lambda path=path: analyze_log(path.name, path), args.repeat)
        with careful_only():
            careful = median_seconds(lambda path=path: analyze_log(path.name, path), args.repeat)
        print(f"  missing logouts {label:<18} {fast:10.2f} {careful:14.2f}")
    sample = sample_log_csv()
    caps = iter(np.arange(4.0, 100.0, 0.25))

    def new_cap() -> None:
        analyze_log(SAMPLE_FILE_NAME, sample, UsageOptions(open_session_cap_hours=next(caps)))

    fast = median_seconds(new_cap, 30) * 1000
    with careful_only():
        careful = median_seconds(new_cap, 30) * 1000
    print(f"the page's sample log, a new cap [ms]  {fast:10.1f} {careful:14.1f}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
