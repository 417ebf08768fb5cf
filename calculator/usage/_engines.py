"""Counting engines behind one interface: in memory (numpy), DuckDB (out of core) and Spark.

Every engine takes the cleaned session table (agent code, login, logout in integer ticks) and the
month starts, and returns the same :class:`~calculator.usage._engine.MonthlyCounts`. The readers,
the pairing of events and the data-quality ledger run before the engine and are shared, so every
engine sees the same sessions and reports the same data-quality counts.

The DuckDB and Spark engines run the SQL of :data:`COUNTING_SQL`, written once for both: the
rules are those of :mod:`calculator.usage._engine` (see docs/method.md and
docs/usage-at-scale.md for how each step distributes):

* ``merged``: each agent's sessions ordered by login; a session starts a new merged session
  when its login comes after every earlier logout of the agent (a login at the instant of a
  logout continues the session: touching sessions merge). Partitioned by agent.
* ``pairs``: an agent is active in every month whose ``[start, next start)`` overlaps one of the
  agent's merged sessions (half-open). Distinct (agent, month) pairs.
* ``levels``: per month, the agents logged in just before the month start (sessions carried in
  from before, those that end at the start included: their logout is a step of the month) plus the running sum of +1 per login and -1 per logout at each later instant of the
  month; at one instant every logout and login is applied before the level is read. Partitioned
  by month.
* the peak is the highest level, first reached at the earliest such instant; the peak held for
  ``min_ticks`` is the highest level at or above which the month spends at least that long.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import numpy as np
import pyarrow as pa

from calculator.usage._engine import MonthlyCounts, monthly_counts
from calculator.usage._errors import LogFileError


class Engine(StrEnum):
    """Where the sessions are counted."""

    AUTO = "auto"
    """Memory up to :data:`AUTO_MEMORY_SESSIONS` sessions, DuckDB beyond."""
    MEMORY = "memory"
    """numpy in this process: fastest while the sessions fit in memory."""
    DUCKDB = "duckdb"
    """DuckDB with a memory limit, spilling to disk beyond it."""
    SPARK = "spark"
    """A Spark job (local mode unless ``SPARK_MASTER`` names a cluster)."""


AUTO_MEMORY_SESSIONS = 20_000_000
"""``auto`` counts up to this many sessions in memory (about 2.6 GB at the engine's peak)."""
DUCKDB_MEMORY_LIMIT = os.environ.get("SEAT_SAVINGS_DUCKDB_MEMORY", "1GB")
"""DuckDB's memory limit; beyond it, it spills to a temporary folder."""

Counter = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int, int], MonthlyCounts]

# Tables: sessions(code, st, en) half-open [st, en); months(m, lo, hi) month m = [lo, hi).
MERGED_SQL = """
with ordered as (
  select code, st, en,
         max(en) over (partition by code order by st, en
                       rows between unbounded preceding and 1 preceding) as before_end
  from sessions
), flagged as (
  select code, st, en,
         sum(case when before_end is null or st > before_end then 1 else 0 end)
           over (partition by code order by st, en rows between unbounded preceding
                 and current row) as island
  from ordered
)
select code, min(st) as st, max(en) as en from flagged group by code, island
"""
REPEATED_SQL = """
select code, st from sessions group by code, st having count(*) > 1 order by code, st
"""
PAIRS_SQL = """
select distinct s.code, m.m from merged s join months m on s.st < m.hi and s.en > m.lo
order by s.code, m.m
"""
MONTHS_SQL = """
with steps as (
  select m.m, s.st as t, 1 as d from merged s join months m on s.st >= m.lo and s.st < m.hi
  union all
  select m.m, s.en as t, -1 as d from merged s join months m on s.en >= m.lo and s.en < m.hi
  union all
  select m.m, m.lo as t, 0 as d from months m
), carried as (
  select m.m, count(s.code) as n
  from months m left join merged s on s.st < m.lo and s.en >= m.lo
  group by m.m
), instants as (
  select m, t, sum(d) as d from steps group by m, t
), levels as (
  select i.m, i.t,
         c.n + sum(i.d) over (partition by i.m order by i.t rows between unbounded preceding
                              and current row) as level,
         coalesce(lead(i.t) over (partition by i.m order by i.t), mo.hi) - i.t as held
  from instants i join carried c on i.m = c.m join months mo on i.m = mo.m
), per_level as (
  select m, level, sum(held) as held from levels group by m, level
), held as (
  select m, max(level) as level from (
    select m, level,
           sum(held) over (partition by m order by level desc rows between unbounded preceding
                           and current row) as at_or_above
    from per_level
  ) where level >= 1 and at_or_above >= {min_ticks}
  group by m
), tops as (
  select m, t, level, held, max(level) over (partition by m) as peak from levels
), peaks as (
  select m, max(peak) as peak, min(case when level = peak then t end) as peak_at,
         sum(level * held) as area
  from tops group by m
)
select p.m, p.peak, p.peak_at, coalesce(h.level, 0) as peak_held, p.area
from peaks p left join held h on p.m = h.m order by p.m
"""


def counter(engine: Engine | str) -> Counter:
    """The counting function of an engine (``auto`` must be resolved first)."""
    engine = Engine(engine)
    if engine is Engine.DUCKDB:
        return duckdb_monthly_counts
    if engine is Engine.SPARK:
        return spark_monthly_counts
    if engine is Engine.MEMORY:
        return monthly_counts
    raise ValueError("resolve the engine 'auto' first (see resolve_engine)")


def resolve_engine(engine: Engine | str, sessions: int) -> Engine:
    """``auto`` becomes memory or DuckDB by the number of sessions; others stay as chosen."""
    engine = Engine(engine)
    if engine is not Engine.AUTO:
        return engine
    return Engine.MEMORY if sessions <= AUTO_MEMORY_SESSIONS else Engine.DUCKDB


def _tables(
    codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, bounds: np.ndarray
) -> tuple[pa.Table, pa.Table]:
    bounds = np.asarray(bounds, dtype=np.int64)
    sessions = pa.table(
        {
            "code": pa.array(np.asarray(codes, dtype=np.int64)),
            "st": pa.array(np.asarray(starts, dtype=np.int64)),
            "en": pa.array(np.asarray(ends, dtype=np.int64)),
        }
    )
    months = pa.table(
        {
            "m": pa.array(np.arange(len(bounds) - 1, dtype=np.int64)),
            "lo": pa.array(bounds[:-1]),
            "hi": pa.array(bounds[1:]),
        }
    )
    return sessions, months


def _check(starts: np.ndarray, ends: np.ndarray, bounds: np.ndarray, codes: np.ndarray, n: int):
    bounds = np.asarray(bounds, dtype=np.int64)
    if len(bounds) < 2 or np.any(np.diff(bounds) <= 0):
        raise ValueError("bounds must hold at least two increasing month starts")
    if len(codes) and (
        int(np.min(starts)) < int(bounds[0])
        or int(np.max(ends)) > int(bounds[-1])
        or bool(np.any(np.asarray(ends) <= np.asarray(starts)))
        or int(np.min(codes)) < 0
        or int(np.max(codes)) >= n
    ):
        raise ValueError("sessions must lie within the bounds, start before they end, valid codes")


def _assemble(
    months: int,
    n_agents: int,
    merged: int,
    repeated: tuple[np.ndarray, np.ndarray],
    pairs: tuple[np.ndarray, np.ndarray],
    rows: list[tuple[Any, ...]],
) -> MonthlyCounts:
    """The engine's answer from the query results, as the in-memory engine shapes it."""
    peak = np.zeros(months, dtype=np.int64)
    peak_at = np.zeros(months, dtype=np.int64)
    peak_held = np.zeros(months, dtype=np.int64)
    area = [0] * months
    for month, top, first, held, ticks in rows:
        peak[month] = int(top)
        peak_at[month] = int(first) if top else 0
        peak_held[month] = int(held)
        area[month] = int(ticks)
    pair_codes = pairs[0].astype(np.int32)
    pair_months = pairs[1].astype(np.int32)
    return MonthlyCounts(
        active=np.bincount(pair_months, minlength=months).astype(np.int64),
        peak=peak,
        peak_at=peak_at,
        peak_held=peak_held,
        logged_in_ticks=tuple(area),
        months_active=np.bincount(pair_codes, minlength=n_agents).astype(np.int64),
        active_codes=pair_codes,
        active_months=pair_months,
        merged_sessions=merged,
        repeated_login_codes=repeated[0].astype(np.int64),
        repeated_login_starts=repeated[1].astype(np.int64),
    )


def _columns(result: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    first, second = (np.asarray(values, dtype=np.int64) for values in result.values())
    return first, second


def duckdb_connection(spill: str | None = None) -> Any:
    """A DuckDB connection with the memory limit, spilling to ``spill`` (or a temporary folder)."""
    duckdb = _import("duckdb", "the DuckDB engine")
    connection = duckdb.connect(":memory:")
    connection.execute(f"set memory_limit = '{_memory_limit()}'")
    connection.execute(f"set temp_directory = '{_quote(spill or tempfile.gettempdir())}'")
    connection.execute("set preserve_insertion_order = false")
    return connection


def _on_tables(run: Callable[[pa.Table, pa.Table, int, int], MonthlyCounts]) -> Counter:
    """A counter with :func:`~calculator.usage._engine.monthly_counts`'s signature and checks
    that hands the sessions and months, as Arrow tables, to ``run(sessions, months, n_agents,
    min_ticks)``."""

    def count(
        codes: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        bounds: np.ndarray,
        n_agents: int,
        min_ticks: int = 0,
    ) -> MonthlyCounts:
        _check(starts, ends, bounds, codes, n_agents)
        sessions, months = _tables(codes, starts, ends, bounds)
        return run(sessions, months, n_agents, min_ticks)

    count.__doc__ = f"monthly_counts, counted by {run.__doc__}"
    return count


def _duckdb_run(sessions: pa.Table, months: pa.Table, n_agents: int, min_ticks: int):
    """DuckDB, spilling to a folder of its own."""
    spill = tempfile.mkdtemp(prefix="seat-savings-duckdb-")
    try:
        connection = duckdb_connection(spill)
        try:
            connection.register("sessions", sessions)
            connection.register("months", months)
            return duckdb_count(connection, months.num_rows, n_agents, min_ticks)
        finally:
            connection.close()
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def duckdb_count(connection: Any, months: int, n_agents: int, min_ticks: int) -> MonthlyCounts:
    """Count the views ``sessions`` and ``months`` of a DuckDB connection."""
    connection.execute(f"create or replace temp table merged as {MERGED_SQL}")
    merged = connection.execute("select count(*) from merged").fetchone()[0]
    repeated = _columns(connection.execute(REPEATED_SQL).fetchnumpy())
    pairs = _columns(connection.execute(PAIRS_SQL).fetchnumpy())
    rows = connection.execute(MONTHS_SQL.format(min_ticks=int(min_ticks))).fetchall()
    return _assemble(months, n_agents, int(merged), repeated, pairs, rows)


def _spark_run(sessions: pa.Table, months: pa.Table, n_agents: int, min_ticks: int):
    """a Spark job."""
    spark = spark_session()
    with warnings.catch_warnings():
        # PySpark warns about pandas 3 on import of its pandas helpers; no pandas is used here.
        warnings.filterwarnings("ignore", "PySpark does not yet fully support", FutureWarning)
        spark.createDataFrame(sessions).createOrReplaceTempView("sessions")
        spark.createDataFrame(months).createOrReplaceTempView("months")
    return spark_count(spark, months.num_rows, n_agents, min_ticks)


def spark_count(spark: Any, months: int, n_agents: int, min_ticks: int) -> MonthlyCounts:
    """Count the views ``sessions`` and ``months`` of a Spark session."""
    merged = spark.sql(MERGED_SQL).cache()
    try:
        merged.createOrReplaceTempView("merged")
        count = merged.count()

        def fetch(sql: str) -> tuple[np.ndarray, np.ndarray]:
            rows = spark.sql(sql).collect()
            return (
                np.array([row[0] for row in rows], dtype=np.int64),
                np.array([row[1] for row in rows], dtype=np.int64),
            )

        repeated = fetch(REPEATED_SQL)
        pairs = fetch(PAIRS_SQL)
        rows = [
            tuple(row) for row in spark.sql(MONTHS_SQL.format(min_ticks=int(min_ticks))).collect()
        ]
    finally:
        merged.unpersist()
    return _assemble(months, n_agents, count, repeated, pairs, rows)


duckdb_monthly_counts = _on_tables(_duckdb_run)
spark_monthly_counts = _on_tables(_spark_run)

_SPARK: Any = None


SMALL_DATA_CONF = {
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.adaptive.enabled": "false",
    "spark.default.parallelism": "1",
}
"""For a session that runs many tiny jobs (tests): the JVM's quick compiler only and no
generated code per query, so start-up and each job's planning cost less; results are the same."""


def spark_session(small_data: bool = False) -> Any:
    """The process's Spark session: ``SPARK_MASTER`` (default ``local[*]``), created once;
    ``small_data`` tunes a new one for many tiny jobs (:data:`SMALL_DATA_CONF`).

    Spark needs Java 17 or later; when it is missing the message says so instead of a stack
    trace from the JVM launcher.
    """
    global _SPARK
    if _SPARK is not None:
        return _SPARK
    _import("pyspark", "the Spark engine")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise LogFileError(
            "the Spark engine needs Java 17 or later: install it (e.g. apt-get install "
            "openjdk-17-jre-headless) or set JAVA_HOME, or choose the engine memory or duckdb"
        )
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
        .appName("seat-savings usage")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_PARTITIONS", "8"))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "2g"))
    )
    for key, value in (SMALL_DATA_CONF if small_data else {}).items():
        builder = builder.config(key, value)
    try:
        _SPARK = builder.getOrCreate()
    except Exception as exc:  # the JVM failed to start: say what is missing, in one line
        raise LogFileError(
            f"the Spark engine could not start Java ({str(exc).splitlines()[0][:200]}); check "
            "that Java 17 or later is installed, or choose the engine memory or duckdb"
        ) from None
    _SPARK.sparkContext.setLogLevel("ERROR")
    return _SPARK


def _import(name: str, what: str) -> Any:
    try:
        return __import__(name)
    except ImportError:
        raise LogFileError(
            f"{what} needs the Python package {name}: pip install 'seat-savings[engines]'"
        ) from None


def _memory_limit() -> str:
    limit = DUCKDB_MEMORY_LIMIT.strip()
    if not limit.replace(".", "").replace(" ", "").isalnum():
        raise LogFileError(f"DuckDB memory limit {limit!r}: write a size such as 1GB")
    return limit


def _quote(text: str) -> str:
    return text.replace("'", "''")
