"""DuckDB or Spark reading Parquet and CSV files itself, out of core: the sessions layout in SQL.

The Python readers hold every row in memory (about 130 bytes per row). For files in the generic
sessions layout (one row per session: agent, login, logout) DuckDB (with its memory limit,
spilling to disk) or Spark (:mod:`calculator.usage._direct_spark`) can instead scan the files
and apply the readers' row checks in SQL (:func:`calculator.usage._direct_sql.checked_sql`, one
text for both engines but for a few dialect pieces), in the order :mod:`calculator.usage._rows`
applies them, the first reason winning:

1. a CSV row repeating the header (a paged export), then a blank row (agent, login and logout
   all empty): ignored;
2. no agent (empty after trimming);
3. no login (empty, ``N/A`` and the other words of :data:`~calculator.usage._times.MISSING_WORDS`);
4. a login not understood, or a local time skipped or repeated by a daylight-saving change;
5. the same for the logout (an empty logout, or one in the year 9999 such as
   ``9999-12-31 23:59:59``, a session still open, is repaired: closed at the cap);
6. logout before login; logout at the login instant.

Timestamps are parsed as :mod:`calculator.usage._times` parses them: ISO 8601 (with or without
a zone or offset, fractions to the microsecond, AM/PM) and Unix epoch seconds or milliseconds,
with the same checks (31 April, hour 25, years 1900-9998; 9999 a placeholder). Typed Parquet timestamps are taken as
they are. A file that writes dates another way (``01/05/2024``, ``Jan 5, 2024``) is left to the
Python readers, which decide between day and month first from the whole column and from the
other files read with it.

Sessions entirely outside chosen months are ignored, the others clipped to them in the billing
time zone; exact repeats of a session are counted once; the counting itself is the engines'
shared SQL (:mod:`calculator.usage._engines`).
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from calculator._words import counted
from calculator.usage._billing import GENESYS_MIN_PEAK_MINUTES
from calculator.usage._direct_sql import (
    BROKEN_ROW,
    DUCKDB,
    OTHER_SPELLING,
    checked_sql,
)
from calculator.usage._engine import MonthlyCounts
from calculator.usage._engines import MONTHS_SQL, duckdb_connection, duckdb_count
from calculator.usage._errors import LogFileError
from calculator.usage._layouts import resolve_layout
from calculator.usage._options import Column, LogFormat, UsageOptions
from calculator.usage._quality import (
    LONG_SESSION_HOURS,
    Reason,
    long_sessions_note,
    reason_of,
)
from calculator.usage._result import SourceFile
from calculator.usage._rows import cap_ticks
from calculator.usage._times import (
    MICROS,
)


@dataclass(frozen=True)
class DirectInput:
    """Files DuckDB or Spark reads itself, and how."""

    reader: str
    """``parquet`` or ``csv``."""
    paths: tuple[Path, ...]
    names: tuple[str, ...]
    """Each file's name as the report shows it."""
    columns: dict[Column, str]
    """The header of each field used."""
    detected: bool
    label: str
    source_tz: str
    rows: int
    """Rows in the files: exact for Parquet, estimated from the size for CSV."""
    types: dict[Column, str]
    """Parquet: each field's column type: ``timestamp`` (naive), ``timestamptz`` or ``text``."""


def plan_direct(
    files: Sequence[tuple[str, Any]],
    options: UsageOptions,
    has_roster: bool,
    engine: str = "DuckDB",
) -> DirectInput | str:
    """The input for the direct read of ``engine`` (``DuckDB`` or ``Spark``), or why it
    cannot read it (a sentence)."""
    if has_roster:
        return "a roster is compared with the log in memory"
    paths: list[Path] = []
    names: list[str] = []
    for name, data in files:
        if isinstance(data, bytes | bytearray):
            return f"{name} was given as bytes, not as a file {engine} can open"
        path = Path(data)
        if path.is_dir():
            from calculator.usage._analyze import expand_folders

            for inner, found in expand_folders([(name, path)]):
                paths.append(Path(found))
                names.append(inner)
        elif path.is_file():
            paths.append(path)
            names.append(name)
        else:
            return f"{name}: no such file or folder"
    readers = {_reader(path) for path in paths}
    if len(readers) != 1 or None in readers:
        return (
            f"{engine} reads a Parquet file or a folder of Parquet files or of CSV files directly"
        )
    reader = readers.pop()
    assert reader is not None
    schema: pa.Schema | None = None
    if reader == "parquet":
        schemas = [_parquet_schema(path, name) for path, name in zip(paths, names, strict=True)]
        for found, name in zip(schemas, names, strict=True):
            if isinstance(found, str):
                return found
            if any(pa.types.is_nested(field.type) for field in found):
                return f"{name} has nested columns"
        shapes = [[(field.name, field.type) for field in found] for found in schemas]  # type: ignore[union-attr]
        schema = schemas[0]  # type: ignore[assignment]
        counts = [pq.ParquetFile(path).metadata.num_rows for path in paths]
        if 0 in counts:
            return f"{names[counts.index(0)]} holds no rows"
        rows = sum(counts)
    else:
        shapes = [_csv_header(path) for path in paths]
        if shapes[0] is None:
            return f"{names[0]}: no header row {engine} can read"
        rows = sum(path.stat().st_size for path in paths) // 40
    for shape, name in zip(shapes, names, strict=True):
        if shape != shapes[0]:
            return f"{name}: its columns differ from those of {names[0]}"
    headers = [str(column[0]) if isinstance(column, tuple) else column for column in shapes[0]]
    if options.format not in (LogFormat.AUTO, LogFormat.SESSIONS):
        return f"the {options.format.value} layout is read by the Python readers"
    try:
        resolved = resolve_layout(headers, options.format, options.columns, names[0])
    except LogFileError as exc:
        return str(exc)
    layout = resolved.layout
    if layout.format is not LogFormat.SESSIONS:
        return f"the {layout.label} layout is read by the Python readers"
    extra = set(resolved.columns) - {Column.AGENT, Column.LOGIN, Column.LOGOUT}
    if extra:
        listed = ", ".join(sorted(column.value for column in extra))
        return f"a {listed} column is read by the Python readers"
    types: dict[Column, str] = {}
    if schema is not None:
        for column, header in resolved.columns.items():
            kind = schema.field(header).type
            if pa.types.is_timestamp(kind):
                if engine == "Spark" and kind.unit == "ns":
                    return f"Spark does not read the nanosecond timestamps of {header}"
                types[column] = "timestamptz" if kind.tz else "timestamp"
            else:
                types[column] = "text"
    return DirectInput(
        reader=reader,
        paths=tuple(paths),
        names=tuple(names),
        columns=dict(resolved.columns),
        detected=resolved.detected,
        label=layout.label,
        source_tz=options.source_tz or layout.source_tz,
        rows=rows,
        types=types,
    )


def _reader(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".csv", ".csv.gz")):
        return "csv"
    return None


def _parquet_schema(path: Path, name: str) -> pa.Schema | str:
    try:
        return pq.read_schema(path)
    except (pa.ArrowException, OSError):
        return f"{name}: not a readable Parquet file"


def _csv_header(path: Path) -> list[str] | None:
    """The first line of a CSV as its column names (comma-separated, UTF-8)."""
    import gzip

    opener: Callable[..., Any] = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            line = handle.readline(1 << 16)
    except (OSError, UnicodeDecodeError, EOFError):
        return None
    if not line.strip() or "," not in line:
        return None
    return next(csv.reader(io.StringIO(line)))


# Where the checks run -------------------------------------------------------------------------


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _DuckDB:
    """The checks and the counting in DuckDB, reading the files with ``read_parquet`` /
    ``read_csv``; the CSV lines with the wrong number of fields are its rejects."""

    dialect = DUCKDB
    name = "DuckDB"

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        connection.execute("set TimeZone = 'UTC'")

    def source(self, plan: DirectInput) -> tuple[str, bool]:
        """The query that reads the files (columns ``c_agent`` ..., ``c_file`` the file's index
        in ``plan.paths``, ``c_row`` a Parquet file's record index), and whether it flags
        broken CSV lines itself (``c_broken``)."""
        selected = ", ".join(
            [
                *(
                    f"{_identifier(header)} as c_{column.value}"
                    for column, header in plan.columns.items()
                ),
                *_duckdb_place(plan),
            ]
        )
        files = "[" + ", ".join(DUCKDB.literal(str(path)) for path in plan.paths) + "]"
        if plan.reader == "parquet":
            return (
                f"select {selected} from read_parquet({files}, union_by_name = false, "
                "hive_partitioning = false)",
                False,
            )
        headers = ", ".join(
            f"{DUCKDB.literal(header)}: 'VARCHAR'" for header in _csv_header(plan.paths[0]) or []
        )
        return (
            f"select {selected} from read_csv({files}, header = true, all_varchar = true, "
            "delim = ',', quote = '\"', escape = '\"', hive_partitioning = false, "
            f"store_rejects = true, auto_detect = false, columns = {{{headers}}})",
            False,
        )

    @staticmethod
    def file_index(plan: DirectInput, file: Any) -> int:
        return int(file)

    @staticmethod
    def errors() -> tuple[type[Exception], ...]:
        import duckdb

        return (duckdb.Error,)

    @staticmethod
    def describe(error: Exception) -> str:
        return str(error).strip().splitlines()[0]

    def keep(self, name: str, sql: str) -> None:
        self.connection.execute(f"create temp table {name} as {sql}")

    def drop(self, name: str) -> None:
        self.connection.execute(f"drop table {name}")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql).fetchall()

    def register(self, name: str, table: pa.Table) -> None:
        self.connection.register(name, table)

    def arrays(self, sql: str) -> list[np.ndarray]:
        return list(self.connection.execute(sql).fetchnumpy().values())

    def bad_rows(self, plan: DirectInput) -> int:
        if plan.reader != "csv":
            return 0
        return int(self.rows("select count(distinct (file_id, line)) from reject_errors")[0][0])

    def count(self, months: int, n_agents: int, min_ticks: int) -> MonthlyCounts:
        return duckdb_count(self.connection, months, n_agents, min_ticks)

    def close(self) -> None:
        self.connection.close()


def _duckdb_place(plan: DirectInput) -> list[str]:
    """Select items for where each row is: DuckDB's virtual columns ``file_index`` and, in
    Parquet, ``file_row_number`` (CSV rows are not numbered). A column of the files with the
    same name would be read in their place, so then the place is left unknown (null)."""
    headers = (
        pq.read_schema(plan.paths[0]).names
        if plan.reader == "parquet"
        else _csv_header(plan.paths[0]) or []
    )
    taken = {header.lower() for header in headers}  # DuckDB's names ignore case

    def virtual(name: str, known: bool) -> str:
        return name if known and name not in taken else "cast(null as bigint)"

    return [
        f"{virtual('file_index', True)} as c_file",
        f"{virtual('file_row_number', plan.reader == 'parquet')} as c_row",
    ]


# The analysis -------------------------------------------------------------------------------------
# The analysis -------------------------------------------------------------------------------------


@dataclass
class DirectCounts:
    """What the direct read found: the quality tallies and the engine's counts."""

    reasons: dict[Reason, int]
    """Rows per reason, outside-range and duplicates included."""
    repaired: int
    """Used rows whose missing logout was closed at the cap."""
    rows_read: int
    bad_rows: int
    labels: list[str]
    counts: MonthlyCounts | None
    sessions: int
    n_agents: int
    billed_concurrent: list[int] | None = None
    """Genesys concurrent billing per month: the peak held 30 minutes in total [agents]."""
    intervals: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
    """Up to :data:`INSIGHTS_MAX_SESSIONS`: the counted sessions' agent codes, starts and ends
    and the month starts [us], for the insights."""
    agents: tuple[str, ...] = ()
    """Agent id of each code."""
    notes: list[str] = field(default_factory=list)
    """Notes on the sessions read, worded as the memory engine words them."""


INSIGHTS_MAX_SESSIONS = 5_000_000
"""Up to this many sessions come back from DuckDB or Spark for the insights (24 bytes each)."""


def run_direct(
    plan: DirectInput,
    options: UsageOptions,
    months: Callable[[int | None, int | None], tuple[list[str], np.ndarray]],
    engine: str = "duckdb",
) -> DirectCounts | None:
    """Read, check and count with DuckDB or Spark (``engine``); None when some time is written
    in a spelling the Python readers must read (the caller falls back to them).

    ``months(first_login, last_logout)`` gives the month labels and month starts [us] from the
    used rows' extremes (None when there are none).
    """
    cap = cap_ticks(options.open_session_cap_hours, MICROS)
    assert cap is not None
    if engine == "spark":
        from calculator.usage._direct_spark import SparkChecks

        backend: Any = SparkChecks()
        try:
            return _count(backend, plan, options, cap, months)
        finally:
            backend.close()
    spill = tempfile.mkdtemp(prefix="seat-savings-duckdb-")
    try:
        backend = _DuckDB(duckdb_connection(spill))
        try:
            return _count(backend, plan, options, cap, months)
        finally:
            backend.close()
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _files(plan: DirectInput) -> str:
    return f"{plan.names[0]}{' and the other files' if len(plan.names) > 1 else ''}"


def _count(
    backend: Any,
    plan: DirectInput,
    options: UsageOptions,
    cap: int,
    months: Callable[[int | None, int | None], tuple[list[str], np.ndarray]],
) -> DirectCounts | None:
    """The checks and the counting, in the same SQL on either engine (``backend``)."""
    try:
        source, broken = backend.source(plan)
        headers = plan.columns if plan.reader == "csv" else None
        columns = set(plan.columns)
        long_session = LONG_SESSION_HOURS * 3600 * MICROS
        sql = checked_sql(
            backend.dialect,
            source,
            columns,
            plan.types,
            plan.source_tz,
            cap,
            long_session,
            broken,
            headers,
        )
        backend.keep("checked", sql)
        tallies = backend.rows(
            "select reason, count(*), sum(case when repaired then 1 else 0 end), min(st), "
            "max(en) from checked group by reason"
        )
    except backend.errors() as exc:  # the engine's own error about the files: one line
        raise LogFileError(
            f"{backend.name} could not read {_files(plan)} ({backend.describe(exc)[:200]})"
        ) from None
    by_reason = {
        int(reason): (int(n), int(fixed), low, high) for reason, n, fixed, low, high in tallies
    }
    if OTHER_SPELLING in by_reason:
        return None
    bad_rows = by_reason.pop(BROKEN_ROW, (0,))[0] + backend.bad_rows(plan)
    rows_read = sum(n for n, *_ in by_reason.values()) + bad_rows
    if bad_rows > rows_read - bad_rows:
        raise LogFileError(
            f"{_files(plan)}: "
            f"{counted(bad_rows, 'row')} {'has' if bad_rows == 1 else 'have'} a different number "
            "of fields than the header "
            f"({len(_csv_header(plan.paths[0]) or [])}), more than rows that have it; check the delimiter "
            "and quotes"
        )
    reasons = {reason_of(code): n for code, (n, *_) in by_reason.items() if code > 0}
    if bad_rows:
        reasons[Reason.BAD_ROW] = bad_rows
    used = by_reason.get(0)
    labels, bounds = months(used[2] if used else None, used[3] if used else None)
    result = DirectCounts(reasons, used[1] if used else 0, rows_read, bad_rows, labels, None, 0, 0)
    result.notes = _long_sessions(backend, plan, long_session)
    if len(labels) < 2:
        return result
    origin, stop = int(bounds[0]), int(bounds[-1])
    backend.keep(
        "kept",
        f"select agent, st, en, repaired from checked "
        f"where reason = 0 and en > {origin} and st < {stop}",
    )
    backend.drop("checked")
    ((kept, repaired),) = backend.rows(
        "select count(*), coalesce(sum(case when repaired then 1 else 0 end), 0) from kept"
    )
    outside = (used[0] if used else 0) - int(kept)
    if outside:
        reasons[Reason.OUTSIDE_RANGE] = int(outside)
    backend.keep(
        "agents",
        "select agent, cast(row_number() over (order by agent) - 1 as bigint) as code "
        "from (select distinct agent from kept) as found",
    )
    n_agents = int(backend.rows("select count(*) from agents")[0][0])
    backend.keep(
        "base",
        "select a.code, k.st as st0, k.en as en0, k.repaired "
        "from kept k join agents a on k.agent = a.agent",
    )
    backend.drop("kept")
    backend.rows(
        f"create or replace temporary view sessions as select code, greatest(st0, {origin}) "
        f"as st, least(en0, {stop}) as en from base"
    )
    table = pa.table(
        {
            "m": pa.array(np.arange(len(bounds) - 1, dtype=np.int64)),
            "lo": pa.array(np.asarray(bounds[:-1], dtype=np.int64)),
            "hi": pa.array(np.asarray(bounds[1:], dtype=np.int64)),
        }
    )
    backend.register("months", table)
    min_ticks = options.peak_min_minutes * 60 * MICROS
    counts = backend.count(len(bounds) - 1, max(n_agents, 1), min_ticks)
    billed = counts.peak_held
    if options.peak_min_minutes != GENESYS_MIN_PEAK_MINUTES:
        sql = MONTHS_SQL.format(min_ticks=GENESYS_MIN_PEAK_MINUTES * 60 * MICROS)
        billed = [int(row[3]) for row in backend.rows(sql)]
    result.billed_concurrent = [int(value) for value in billed]
    repeats, repeats_repaired = _duplicates(backend, counts, origin)
    if repeats:
        reasons[Reason.DUPLICATE] = repeats
    result.reasons = reasons
    result.repaired = int(repaired) - repeats_repaired
    result.counts = counts
    result.sessions = int(backend.rows("select count(*) from base")[0][0]) - repeats
    result.n_agents = n_agents
    if result.sessions + repeats <= INSIGHTS_MAX_SESSIONS:
        found = backend.arrays("select code, st, en from sessions")
        codes, starts, ends = (np.asarray(values, dtype=np.int64) for values in found)
        result.intervals = (codes, starts, ends, np.asarray(bounds, dtype=np.int64))
        names = backend.rows("select agent from agents order by code")
        result.agents = tuple(name for (name,) in names)
    return result


def _long_sessions(backend: Any, plan: DirectInput, long_session: int) -> list[str]:
    """The note on used sessions longer than ``long_session`` [us], as the memory engine
    words it. The longest is the first of the longest in file order, then row order, as the
    memory engine finds it; its row is known in Parquet files only."""
    ((count, longest),) = backend.rows(
        f"select count(*), max(en - st) from checked where reason = 0 and en - st > {long_session}"
    )
    if not count:
        return []
    found = backend.rows(
        "select src_file, min(src_row) from checked "
        f"where src_file is not null and en - st = {int(longest)} group by src_file"
    )
    places = [(backend.file_index(plan, file), row) for file, row in found]
    days = int(longest) / MICROS / 86400
    if not places:  # the files have a column named as the engine's own (see _duckdb_place)
        return [long_sessions_note(int(count), days, _files(plan), None)]
    index, row = min(places)
    record = None if row is None else int(row) + 1  # record numbers count from 1
    return [long_sessions_note(int(count), days, plan.names[index], record)]


def _duplicates(backend: Any, counts: MonthlyCounts, origin: int) -> tuple[int, int]:
    """Exact repeats of a session (same agent, login and logout) among the few (agent, login)
    pairs the engine saw more than once; and how many of them had their logout closed at the
    cap (a repeat keeps the row with a logout written, when there is one)."""
    if not len(counts.repeated_login_codes):
        return 0, 0
    backend.register(
        "repeated",
        pa.table(
            {
                "code": pa.array(np.asarray(counts.repeated_login_codes, dtype=np.int64)),
                "st": pa.array(np.asarray(counts.repeated_login_starts, dtype=np.int64)),
            }
        ),
    )
    found = backend.rows(
        f"""
        select coalesce(sum(n - 1), 0), coalesce(sum(fixed - case when fixed = n then 1 else 0
                                                              end), 0)
        from (select count(*) as n, sum(case when b.repaired then 1 else 0 end) as fixed
              from base b join repeated r on b.code = r.code and greatest(b.st0, {origin}) = r.st
              group by b.code, b.st0, b.en0 having count(*) > 1) as repeats
        """
    )[0]
    return int(found[0]), int(found[1])


def sources(plan: DirectInput) -> list[SourceFile]:
    """How each file was read, as the report lists it."""
    return [
        SourceFile(
            file=name,
            format=LogFormat.SESSIONS,
            layout=plan.label,
            detected=plan.detected,
            columns=plan.columns,
            encoding="utf-8",
            compression="gzip" if name.lower().endswith(".gz") else None,
            delimiter="none" if plan.reader == "parquet" else "comma",
            container="Parquet" if plan.reader == "parquet" else "CSV",
            source_tz=plan.source_tz,
        )
        for name in plan.names
    ]
