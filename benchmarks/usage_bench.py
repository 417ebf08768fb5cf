"""Login-log analysis speed: CSV to monthly (active, peak) table, ours against two baselines.

Generates synthetic logs of 1M and 10M sessions (24 months of 2023-2024; 5,000 and 50,000
agents; 75 % of shifts start 06:00-14:00, the rest at any time; shifts of 1-10 h at one-second
resolution; agents drawn at random, so an agent's sessions often overlap or touch) under /tmp, then
runs each engine in its own subprocess so that its peak resident memory is its own:

- memory, duckdb, spark: ``calculator.usage.analyze_log`` (pyarrow reader, full data-quality
  checks), given the file's path, as the CLI does, counting with the chosen engine (``memory`` is
  the numpy packed single-sort engine; ``duckdb`` and ``spark`` run the engines' shared SQL; Spark
  in local mode, its start-up outside the clock like the other imports);
- duckdb-sql: an idiomatic SQL query over the CSV (gaps-and-islands merge with window functions, a sweep with a
  running ``SUM() OVER (ORDER BY ...)``);
- pandas: a straightforward DataFrame approach (``read_csv``, ``groupby().cummax()`` merge,
  ``sort_values`` sweep).

All must produce the same table; the script says so. "in-process s" runs from reading the
file to the monthly table, with the engine's library already imported; "process s" is the whole
subprocess, interpreter start-up and imports included. The machine's load average is printed too:
on a shared machine other work slows every engine alike, so compare the ratios.

JSON exports (``--json-sizes``, default 1M records, read by ours only, beside the CSV of the same
number of rows): an Amazon Connect agent event stream as JSON lines (per session LOGIN,
STATE_CHANGE, HEART_BEAT, LOGOUT, with the documented snapshot fields), and Genesys Cloud
``users/details/query`` pages of presence records, one compact response per line. Each prints
rows/s and its time against the CSV path's at the same number of rows.

Data goes to ``--data-dir`` (default: a folder in the system's temporary folder), generated once
and reused; the time it took is printed.

Usage: ``python benchmarks/usage_bench.py [--sizes 1000000,10000000]
[--engines memory,duckdb,spark,duckdb-sql,pandas] [--json-sizes 1000000] [--data-dir DIR]``
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA_DIR = Path(tempfile.gettempdir()) / "usage_bench"
START = 1672531200  # 2023-01-01 00:00:00 UTC
DAYS = 731  # through 2024-12-31
HEADER = b"agent_id,login_time,logout_time\n"


def generate(path: Path, sessions: int, agents: int, seed: int = 20240101) -> None:
    """A synthetic log sorted by login, written with pyarrow (about 48 bytes per row)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    rng = np.random.default_rng(seed)
    day = rng.integers(0, DAYS, sessions)
    office_hours = rng.random(sessions) < 0.75
    time_of_day = np.where(
        office_hours, rng.integers(6 * 3600, 14 * 3600, sessions), rng.integers(0, 86400, sessions)
    )
    login = START + day * 86400 + time_of_day
    logout = login + rng.integers(3600, 10 * 3600 + 1, sessions)
    agent = rng.integers(0, agents, sessions)
    order = np.argsort(login, kind="stable")
    names = pa.array([f"agent_{index:05d}" for index in range(agents)])
    table = pa.table(
        {
            "agent_id": names.take(pa.array(agent[order])),
            "login_time": pa.array(login[order].astype("datetime64[s]")),
            "logout_time": pa.array(logout[order].astype("datetime64[s]")),
        }
    )
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        handle.write(HEADER)
        pa_csv.write_csv(
            table,
            handle,
            write_options=pa_csv.WriteOptions(include_header=False, quoting_style="none"),
        )
    partial.rename(path)


INSTANCE = "arn:aws:connect:us-east-1:123456789012:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111"
CONNECT_EVENT = (
    '{{"AWSAccountId":"123456789012","AgentARN":"' + INSTANCE + "/agent/{agent:08d}-0000-4000-8000-"
    '000000000000","CurrentAgentSnapshot":{{"AgentStatus":{{"ARN":"' + INSTANCE + "/agent-state/"
    '{status}","Name":"{status}","StartTimestamp":"{time}"}},"Configuration":{{"FirstName":"Agent",'
    '"LastName":"{agent}","Username":"agent{agent}","RoutingProfile":{{"ARN":"'
    + INSTANCE
    + '/routing-profile/rp-0001","Name":"Basic Routing Profile"}},"AgentHierarchyGroups":null}},'
    '"Contacts":[]}},"EventId":"{event:08d}-4f50-4a6b-8c7d-000000000000","EventTimestamp":'
    '"{time}","EventType":"{kind}","InstanceARN":"' + INSTANCE + '","Version":"2017-10-01"}}\n'
)


def _iso(seconds) -> list[str]:
    import numpy as np

    text = np.datetime_as_string(seconds.astype("datetime64[s]"), unit="ms")
    return [value + "Z" for value in text]


def generate_connect(path: Path, events: int, agents: int, seed: int = 20240101) -> None:
    """Agent event stream as JSON lines: per session LOGIN, STATE_CHANGE, HEART_BEAT, LOGOUT."""
    import numpy as np

    rng = np.random.default_rng(seed)
    sessions = events // 4
    login = (
        START
        + rng.integers(0, DAYS, sessions) * 86400
        + rng.integers(6 * 3600, 14 * 3600, sessions)
    )
    logout = login + rng.integers(3600, 10 * 3600 + 1, sessions)
    agent = rng.integers(0, agents, sessions)
    times = np.stack([login, login + 2, login + 120, logout], axis=1).ravel()
    order = np.argsort(times, kind="stable")
    kinds = np.tile(["LOGIN", "STATE_CHANGE", "HEART_BEAT", "LOGOUT"], sessions)[order]
    status = np.tile(["Offline", "Available", "Available", "Offline"], sessions)[order]
    who = np.repeat(agent, 4)[order]
    stamps = _iso(times[order])
    partial = path.with_suffix(".partial")
    with partial.open("w") as handle:
        handle.writelines(
            CONNECT_EVENT.format(agent=int(a), status=st, time=t, event=index, kind=k)
            for index, (a, st, t, k) in enumerate(zip(who, status, stamps, kinds, strict=True))
        )
    partial.rename(path)


def generate_genesys(path: Path, records: int, agents: int, seed: int = 20240101) -> None:
    """users/details/query responses, one per line: per user, presence records of 1-10 h."""
    import numpy as np

    rng = np.random.default_rng(seed)
    per_user = max(records // agents, 1)
    presences = ("AVAILABLE", "ON_QUEUE", "BUSY", "AWAY", "MEAL", "OFFLINE")
    users_per_page = 100
    partial = path.with_suffix(".partial")
    with partial.open("w") as handle:
        for first in range(0, agents, users_per_page):
            details = []
            for user in range(first, min(first + users_per_page, agents)):
                lengths = rng.integers(3600, 10 * 3600 + 1, per_user)
                ends = START + np.cumsum(lengths)
                starts = _iso(ends - lengths)
                stops = _iso(ends)
                kinds = rng.integers(0, len(presences), per_user)
                records_text = ",".join(
                    f'{{"startTime":"{s}","endTime":"{e}","systemPresence":"{presences[k]}",'
                    f'"organizationPresenceId":"e08eaf1b-ee47-4fa9-a231-1200e284798f"}}'
                    for s, e, k in zip(starts, stops, kinds, strict=True)
                )
                details.append(
                    f'{{"userId":"6a0f3c1e-1d2b-4c5a-9e8f-{user:012d}","primaryPresence":'
                    f"[{records_text}]}}"
                )
            handle.write(f'{{"userDetails":[{",".join(details)}],"totalHits":{agents}}}\n')
    partial.rename(path)


def run_ours(path: Path, engine: str = "memory") -> list[tuple[str, int, int]]:
    from calculator.usage import analyze_log

    result = analyze_log(path.name, path, max_bytes=path.stat().st_size, engine=engine)
    return [(month.month, month.active, month.peak_concurrent) for month in result.months]


def start_spark() -> None:
    """Spark's JVM starts before the clock, as the other engines' imports do."""
    from calculator.usage._engines import spark_session

    spark_session()


DUCKDB_QUERY = """
WITH sessions AS (
    SELECT agent_id, login_time AS s, logout_time AS e
    FROM read_csv('{path}', header = true, columns = {{
        'agent_id': 'VARCHAR', 'login_time': 'TIMESTAMP', 'logout_time': 'TIMESTAMP'}})
    WHERE logout_time > login_time
),
ordered AS (
    SELECT *, MAX(e) OVER (PARTITION BY agent_id ORDER BY s, e, rowid
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM (SELECT *, row_number() OVER () AS rowid FROM sessions)
),
islands AS (
    SELECT *, SUM(CASE WHEN prev_end IS NULL OR s > prev_end THEN 1 ELSE 0 END)
        OVER (PARTITION BY agent_id ORDER BY s, e, rowid ROWS UNBOUNDED PRECEDING) AS island
    FROM ordered
),
merged AS (SELECT agent_id, MIN(s) AS s, MAX(e) AS e FROM islands GROUP BY agent_id, island),
agent_months AS (
    SELECT agent_id, UNNEST(generate_series(date_trunc('month', s),
        date_trunc('month', e - INTERVAL 1 MICROSECOND), INTERVAL 1 MONTH)) AS month
    FROM merged
),
active AS (SELECT month, COUNT(DISTINCT agent_id) AS active FROM agent_months GROUP BY month),
events AS (
    SELECT s AS t, 2 AS kind, 1 AS delta FROM merged
    UNION ALL SELECT e, 0, -1 FROM merged
    UNION ALL SELECT month, 1, 0 FROM active
),
sweep AS (
    SELECT t, kind, SUM(delta) OVER (ORDER BY t, kind ROWS UNBOUNDED PRECEDING) AS level
    FROM events
),
peaks AS (
    SELECT date_trunc('month', t) AS month, MAX(level) AS peak FROM sweep WHERE kind >= 1
    GROUP BY 1
)
SELECT strftime(month, '%Y-%m'), active, peak FROM active JOIN peaks USING (month) ORDER BY month
"""


def run_duckdb(path: Path) -> list[tuple[str, int, int]]:
    import duckdb

    rows = duckdb.sql(DUCKDB_QUERY.format(path=path)).fetchall()
    return [(month, int(active), int(peak)) for month, active, peak in rows]


def run_pandas(path: Path) -> list[tuple[str, int, int]]:
    import numpy as np
    import pandas as pd

    frame = pd.read_csv(path, parse_dates=["login_time", "logout_time"])
    frame = frame[frame.logout_time > frame.login_time]
    frame = frame.sort_values(["agent_id", "login_time", "logout_time"], kind="stable")
    # Merge each agent's overlapping or touching sessions: a new one starts after the latest
    # logout seen so far.
    latest = frame.groupby("agent_id")["logout_time"].cummax()
    previous = latest.groupby(frame["agent_id"]).shift()
    island = (previous.isna() | (frame.login_time > previous)).cumsum()
    merged = frame.groupby(island).agg(
        agent_id=("agent_id", "first"), s=("login_time", "min"), e=("logout_time", "max")
    )
    first = merged.s.dt.year * 12 + merged.s.dt.month - 1
    last_instant = merged.e - pd.Timedelta(1, "us")
    last = last_instant.dt.year * 12 + last_instant.dt.month - 1
    repeats = (last - first + 1).to_numpy()
    months = merged.loc[merged.index.repeat(repeats), ["agent_id"]]
    months["month"] = np.repeat(first.to_numpy(), repeats)
    months["month"] += months.groupby(level=0).cumcount().to_numpy()
    active = months.groupby("month")["agent_id"].nunique()
    markers = pd.to_datetime(
        pd.DataFrame({"year": active.index // 12, "month": active.index % 12 + 1, "day": 1})
    ).astype(merged.s.dtype)
    events = pd.concat(
        [
            pd.DataFrame({"t": merged.s, "kind": 2, "delta": 1}),
            pd.DataFrame({"t": merged.e, "kind": 0, "delta": -1}),
            pd.DataFrame({"t": markers.to_numpy(), "kind": 1, "delta": 0}),
        ],
        ignore_index=True,
    ).sort_values(["t", "kind"], kind="stable")
    events["level"] = events.delta.cumsum()
    counted = events[events.kind >= 1]
    peaks = counted.groupby(counted.t.dt.year * 12 + counted.t.dt.month - 1)["level"].max()
    return [
        (f"{index // 12:04d}-{index % 12 + 1:02d}", int(active[index]), int(peaks[index]))
        for index in active.index
    ]


ENGINES = {
    "memory": run_ours,
    "duckdb": lambda path: run_ours(path, "duckdb"),
    "spark": lambda path: run_ours(path, "spark"),
    "duckdb-sql": run_duckdb,
    "pandas": run_pandas,
}


PRELOAD = {
    "memory": "calculator.usage",
    "duckdb": "duckdb",
    "spark": "pyspark",
    "duckdb-sql": "duckdb",
    "pandas": "pandas",
}
"""Library each engine imports, loaded before the clock starts (start-up is timed separately)."""


def child(engine: str, path: Path) -> None:
    """Run one engine once and print its time and table as JSON (runs in its own process)."""
    importlib.import_module(PRELOAD[engine])
    importlib.import_module("calculator.usage")
    if engine == "spark":
        start_spark()
    started = time.perf_counter()
    table = ENGINES[engine](path)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "table": table}))


def measure(engine: str, path: Path) -> dict:
    """Run ``engine`` in a fresh interpreter; peak RSS comes from that process's own rusage."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", engine, str(path)],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{engine} failed on {path} (exit code {process.returncode})")
    result = json.loads(output)
    result.update(process_seconds=wall, peak_rss_mb=usage.ru_maxrss / 1024)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--engines", default="memory,duckdb,duckdb-sql,pandas")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--json-sizes", default="1000000", help="records; empty = none")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    args.data_dir.mkdir(parents=True, exist_ok=True)
    engines = args.engines.split(",")
    print(f"load average before the run: {', '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(f"{'sessions':>10} {'engine':<10} {'in-process s':>12} {'process s':>10} "
          f"{'rows/s':>12} {'peak RSS MB':>12} {'vs SQL':>10}")  # fmt: skip
    for size in (int(text) for text in args.sizes.split(",") if text):
        agents = max(size // 200, 1)
        path = args.data_dir / f"sessions_{size}_{agents}.csv"
        if not path.exists():
            started = time.perf_counter()
            generate(path, size, agents)
            print(f"(generated {path}: {path.stat().st_size / 1e6:,.0f} MB in "
                  f"{time.perf_counter() - started:.1f} s)")  # fmt: skip
        results = {engine: measure(engine, path) for engine in engines}
        duckdb_seconds = results.get("duckdb-sql", {}).get("seconds")
        for engine, result in results.items():
            speedup = f"{duckdb_seconds / result['seconds']:.2f}x" if duckdb_seconds else "-"
            print(
                f"{size:>10,} {engine:<10} {result['seconds']:>12.2f} "
                f"{result['process_seconds']:>10.2f} {size / result['seconds']:>12,.0f} "
                f"{result['peak_rss_mb']:>12,.0f} {speedup:>10}"
            )
        tables = {engine: result["table"] for engine, result in results.items()}
        reference = next(iter(tables.values()))
        same = all(table == reference for table in tables.values())
        print(f"{'':>10} monthly (active, peak) tables identical across engines: {same} "
              f"({len(reference)} months)")  # fmt: skip
    for size in (int(text) for text in args.json_sizes.split(",") if text):
        compare_json(size, args.data_dir)


def compare_json(size: int, data_dir: Path) -> None:
    """Ours on the CSV, the Connect event stream and Genesys pages of ``size`` rows each."""
    agents = max(size // 200, 1)
    paths = {
        "CSV sessions": (data_dir / f"sessions_{size}_{agents}.csv", generate),
        "Connect NDJSON": (data_dir / f"connect_events_{size}_{agents}.json", generate_connect),
        "Genesys pages": (data_dir / f"genesys_presence_{size}_{agents}.json", generate_genesys),
    }
    print(f"\n{'rows':>10} {'file':<15} {'MB':>6} {'in-process s':>12} {'rows/s':>12} "
          f"{'peak RSS MB':>12} {'vs CSV':>7}")  # fmt: skip
    csv_seconds = None
    for label, (path, make) in paths.items():
        if not path.exists():
            make(path, size, agents)
        result = measure("memory", path)
        csv_seconds = csv_seconds or result["seconds"]
        print(
            f"{size:>10,} {label:<15} {path.stat().st_size / 1e6:>6,.0f} "
            f"{result['seconds']:>12.2f} {size / result['seconds']:>12,.0f} "
            f"{result['peak_rss_mb']:>12,.0f} {result['seconds'] / csv_seconds:>6.2f}x"
        )


if __name__ == "__main__":
    main()
