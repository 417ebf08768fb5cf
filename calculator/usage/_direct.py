"""DuckDB reading Parquet and CSV files itself, out of core: the generic sessions layout in SQL.

The Python readers hold every row in memory (about 130 bytes per row). For files in the generic
sessions layout (one row per session: agent, login, logout) DuckDB can instead scan the files
with its memory limit, spilling to disk, and apply the readers' row checks in SQL
(:data:`CHECKED_SQL`), in the order :mod:`calculator.usage._rows` applies them, the first reason
winning:

1. blank row (agent, login and logout all empty): ignored;
2. no agent (empty after trimming);
3. no login (empty, ``N/A`` and the other words of :data:`~calculator.usage._times.MISSING_WORDS`);
4. a login not understood, or a local time skipped or repeated by a daylight-saving change;
5. the same for the logout (an empty logout is repaired: closed at the cap);
6. logout before login; logout at the login instant.

Timestamps are parsed as :mod:`calculator.usage._times` parses them: ISO 8601 (with or without
a zone or offset, fractions to the microsecond, AM/PM) and Unix epoch seconds or milliseconds,
with the same checks (31 April, hour 25, years 1900-9998). Typed Parquet timestamps are taken as
they are. A file that writes dates another way (``01/05/2024``, ``Jan 5, 2024``) is left to the
Python readers, which decide between day and month first from the whole column.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from calculator.usage._billing import GENESYS_MIN_PEAK_MINUTES
from calculator.usage._engine import MonthlyCounts
from calculator.usage._engines import MONTHS_SQL, duckdb_connection, duckdb_count
from calculator.usage._errors import LogFileError
from calculator.usage._layouts import resolve_layout
from calculator.usage._options import Column, LogFormat, UsageOptions
from calculator.usage._quality import Reason, reason_code, reason_of
from calculator.usage._result import SourceFile
from calculator.usage._rows import cap_ticks
from calculator.usage._times import (
    FAMILIES,
    LAST_USABLE_MICROS,
    LAST_USABLE_YEAR,
    MICROS,
    MISSING_WORDS,
)


@dataclass(frozen=True)
class DirectInput:
    """Files DuckDB reads itself, and how."""

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
    files: Sequence[tuple[str, Any]], options: UsageOptions, has_roster: bool
) -> DirectInput | str:
    """The input for DuckDB's direct read, or why it cannot read it (a sentence)."""
    if has_roster:
        return "a roster is compared with the log in memory"
    paths: list[Path] = []
    names: list[str] = []
    for name, data in files:
        if isinstance(data, bytes | bytearray):
            return f"{name} was given as bytes, not as a file DuckDB can open"
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
        return "DuckDB reads a Parquet file or a folder of Parquet files or of CSV files directly"
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
            return f"{names[0]}: no header row DuckDB can read"
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


# SQL ---------------------------------------------------------------------------------------------

_STATE_OK, _STATE_MISSING, _STATE_BAD, _STATE_NONEXISTENT, _STATE_AMBIGUOUS, _STATE_OTHER = range(6)
_ISO_PARTS = "['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'p', 'z']"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_OTHER_SPELLINGS = "|".join(
    f"(?:{FAMILIES[family]})" for family in ("numeric", "day_name", "month_name")
)

MACROS = f"""
create or replace temp macro ss_num(x) as coalesce(try_cast(nullif(x, '') as bigint), 0);
create or replace temp macro ss_days(y, m, d) as
  ((y - (m <= 2)::bigint) // 400) * 146097
  + ((y - (m <= 2)::bigint) % 400) * 365 + ((y - (m <= 2)::bigint) % 400) // 4
  - ((y - (m <= 2)::bigint) % 400) // 100
  + (153 * (m + case when m > 2 then -3 else 9 end) + 2) // 5 + d - 1 - 719468;
create or replace temp macro ss_meridiem(p) as lower(left(p, 1));
create or replace temp macro ss_signed(z) as left(z, 1) in ('+', '-');
create or replace temp macro ss_zone_hours(z) as
  case when ss_signed(z) then ss_num(substr(replace(z, ':', ''), 2, 2)) else 0 end;
create or replace temp macro ss_zone_minutes(z) as
  case when ss_signed(z) then ss_num(substr(replace(z, ':', ''), 4, 2)) else 0 end;
create or replace temp macro ss_iso_ok(g) as
  ss_num(g.mo) between 1 and 12 and ss_num(g.d) >= 1
  and ss_num(g.y) between 1900 and {LAST_USABLE_YEAR}
  and case when ss_meridiem(g.p) <> '' then ss_num(g.h) between 1 and 12
           else ss_num(g.h) <= 23 end
  and ss_num(g.mi) <= 59 and ss_num(g.s) <= 59
  and ss_num(g.d) <= ss_days(ss_num(g.y) + (ss_num(g.mo) = 12)::bigint, ss_num(g.mo) % 12 + 1, 1)
                     - ss_days(ss_num(g.y), ss_num(g.mo), 1)
  and ss_zone_hours(g.z) <= 14 and ss_zone_minutes(g.z) <= 59;
create or replace temp macro ss_iso_us(g) as
  (((ss_days(ss_num(g.y), ss_num(g.mo), ss_num(g.d)) * 24
     + case when ss_meridiem(g.p) <> ''
            then ss_num(g.h) % 12 + case when ss_meridiem(g.p) = 'p' then 12 else 0 end
            else ss_num(g.h) end) * 60 + ss_num(g.mi)) * 60 + ss_num(g.s)) * {MICROS}
  + cast(rpad(left(g.f, 6), 6, '0') as bigint)
  - (case when left(g.z, 1) = '-' then -1 else 1 end)
    * (ss_zone_hours(g.z) * 60 + ss_zone_minutes(g.z)) * 60 * {MICROS};
create or replace temp macro ss_epoch_us(g) as
  case when length(g.n) >= 12 then g.n::hugeint * 1000
       else g.n::hugeint * {MICROS} + cast(rpad(g.f, 6, '0') as bigint) end;
"""
"""Timestamp arithmetic of :func:`calculator.usage._times._convert`, as DuckDB macros: days from
the civil date (proleptic Gregorian), the validity checks, microseconds since 1970 UTC."""


def _parse_text(column: str) -> str:
    """SQL: the struct (state, us, naive) of a text column, parsed as ``_times`` parses it."""
    t = f"trim({column}, ' \t\r\n')"
    missing = ", ".join(_literal(word) for word in MISSING_WORDS)
    iso = _literal(FAMILIES["iso"])
    epoch = _literal(FAMILIES["epoch"])
    g = f"regexp_extract({t}, {iso}, {_ISO_PARTS})"
    e = f"regexp_extract({t}, {epoch}, ['n', 'f'])"
    return f"""case
      when {t} is null or lower({t}) in ({missing})
        then {{'state': {_STATE_MISSING}, 'us': 0::bigint, 'naive': false}}
      when regexp_full_match({t}, {iso}) then
        case when ss_iso_ok({g})
             then {{'state': {_STATE_OK}, 'us': ss_iso_us({g})::bigint, 'naive': {g}.z = ''}}
             else {{'state': {_STATE_BAD}, 'us': 0::bigint, 'naive': false}} end
      when regexp_full_match({t}, {_literal(_OTHER_SPELLINGS)})
        then {{'state': {_STATE_OTHER}, 'us': 0::bigint, 'naive': false}}
      when regexp_full_match({t}, {epoch}) and ss_epoch_us({e}) < {LAST_USABLE_MICROS}
        then {{'state': {_STATE_OK}, 'us': ss_epoch_us({e})::bigint, 'naive': false}}
      else {{'state': {_STATE_BAD}, 'us': 0::bigint, 'naive': false}} end"""


def _parse_typed(column: str, zoned: bool) -> str:
    """SQL: the struct (state, us, naive) of a typed Parquet timestamp column."""
    return f"""case
      when {column} is null then {{'state': {_STATE_MISSING}, 'us': 0::bigint, 'naive': false}}
      when year({column}) between 1900 and {LAST_USABLE_YEAR}
        then {{'state': {_STATE_OK}, 'us': epoch_us({column}), 'naive': {str(not zoned).lower()}}}
      else {{'state': {_STATE_BAD}, 'us': 0::bigint, 'naive': false}} end"""


def _localized(parsed: str, zone: str) -> str:
    """SQL: a parsed struct whose naive local times of ``zone`` became UTC (macro
    ``ss_localize`` of :func:`zone_macros`)."""
    return parsed if zone == "UTC" else f"ss_localize({parsed})"


def zone_macros(zone: str) -> str:
    """Macros turning local times of ``zone`` into UTC. The zone's offsets a day before and a
    day after are the only candidates: a local time that fits both is repeated by a
    daylight-saving change (ambiguous), one that fits neither is skipped by one (nonexistent),
    as pandas' ``tz_localize`` flags them."""
    day = 86400 * MICROS

    def ok(offset: str) -> str:
        return f"{{'state': {_STATE_OK}, 'us': p.us - {offset}, 'naive': false}}"

    return f"""
create or replace temp macro ss_offset(u) as
  epoch_us(timezone({_literal(zone)}, make_timestamp(u)::timestamptz)) - u;
create or replace temp macro ss_fits(l, o) as ss_offset(l - o) = o;
create or replace temp macro ss_pick(p, o1, o2) as
  case when o1 = o2 or (ss_fits(p.us, o1) and not ss_fits(p.us, o2))
         then {ok("o1")}
       when ss_fits(p.us, o1) then {{'state': {_STATE_AMBIGUOUS}, 'us': 0::bigint, 'naive': false}}
       when ss_fits(p.us, o2) then {ok("o2")}
       else {{'state': {_STATE_NONEXISTENT}, 'us': 0::bigint, 'naive': false}} end;
create or replace temp macro ss_localize(p) as
  case when p.state <> {_STATE_OK} or not p.naive then p
       else ss_pick(p, ss_offset(p.us - {day}), ss_offset(p.us + {day})) end;
"""


OTHER_SPELLING = -1
"""Reason code of a row whose time is written in a spelling left to the Python readers."""


def checked_sql(plan: DirectInput, cap: int) -> str:
    """SQL: every row of the files with its reason (0 = used), whether its missing logout was
    closed at the cap, and the agent, login and logout [us since 1970 UTC] of used rows."""
    columns = plan.columns
    names = {column: _identifier(header) for column, header in columns.items()}
    selected = ", ".join(f"{name} as c_{column.value}" for column, name in names.items())
    files = "[" + ", ".join(_literal(str(path)) for path in plan.paths) + "]"
    if plan.reader == "parquet":
        source = f"read_parquet({files}, union_by_name = false, hive_partitioning = false)"
    else:
        source = (
            f"read_csv({files}, header = true, all_varchar = true, delim = ',', quote = '\"', "
            "escape = '\"', hive_partitioning = false, store_rejects = true, "
            "auto_detect = false, columns = {"
            + ", ".join(
                f"{_literal(header)}: 'VARCHAR'" for header in _csv_header(plan.paths[0]) or []
            )
            + "})"
        )

    def parsed(column: Column) -> str:
        if column not in columns:
            return f"{{'state': {_STATE_MISSING}, 'us': 0::bigint, 'naive': false}}"
        name = f"c_{column.value}"
        kind = plan.types.get(column, "text")
        if kind != "text":
            return _localized(_parse_typed(name, kind == "timestamptz"), plan.source_tz)
        return _localized(_parse_text(f"cast({name} as varchar)"), plan.source_tz)

    def blank(column: Column) -> str:
        if column not in columns:
            return "true"
        name = f"c_{column.value}"
        return f"({name} is null or trim(cast({name} as varchar), ' \t\r\n') = '')"

    login, logout = "li", "lo"
    reasons = [
        (f"{blank(Column.AGENT)} and {blank(Column.LOGIN)} and {blank(Column.LOGOUT)}",
         Reason.BLANK_ROW),
        ("agent = ''", Reason.MISSING_AGENT),
        (f"{login}.state = {_STATE_MISSING}", Reason.MISSING_LOGIN),
        (f"{login}.state = {_STATE_BAD}", Reason.UNPARSEABLE_TIME),
        (f"{login}.state = {_STATE_NONEXISTENT}", Reason.NONEXISTENT_TIME),
        (f"{login}.state = {_STATE_AMBIGUOUS}", Reason.AMBIGUOUS_TIME),
        (f"{logout}.state = {_STATE_BAD}", Reason.UNPARSEABLE_TIME),
        (f"{logout}.state = {_STATE_NONEXISTENT}", Reason.NONEXISTENT_TIME),
        (f"{logout}.state = {_STATE_AMBIGUOUS}", Reason.AMBIGUOUS_TIME),
        ("en < st", Reason.LOGOUT_BEFORE_LOGIN),
        ("en = st", Reason.ZERO_LENGTH),
    ]  # fmt: skip
    other = f"{login}.state = {_STATE_OTHER} or {logout}.state = {_STATE_OTHER}"
    cases = "\n".join(f"      when {test} then {reason_code(reason)}" for test, reason in reasons)
    return f"""
with source as (select {selected} from {source}),
parsed as (
  select *, coalesce(trim(cast(c_{Column.AGENT.value} as varchar), ' \t\r\n'), '') as agent,
         {parsed(Column.LOGIN)} as {login}, {parsed(Column.LOGOUT)} as {logout}
  from source
),
timed as (
  select *, {login}.us as st,
         case when {logout}.state = {_STATE_MISSING} then {login}.us + {cap} else {logout}.us end
           as en
  from parsed
)
select case
      when {other} then {OTHER_SPELLING}
{cases}
      else 0 end as reason,
  {logout}.state = {_STATE_MISSING} as repaired, agent, st, en
from timed
"""


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


INSIGHTS_MAX_SESSIONS = 5_000_000
"""Up to this many sessions come back from DuckDB for the insights (24 bytes each)."""


def run_direct(
    plan: DirectInput,
    options: UsageOptions,
    months: Callable[[int | None, int | None], tuple[list[str], np.ndarray]],
) -> DirectCounts | None:
    """Read, check and count with DuckDB; None when some time is written in a spelling the
    Python readers must read (the caller falls back to them).

    ``months(first_login, last_logout)`` gives the month labels and month starts [us] from the
    used rows' extremes (None when there are none).
    """
    cap = cap_ticks(options.open_session_cap_hours, MICROS)
    assert cap is not None
    spill = tempfile.mkdtemp(prefix="seat-savings-duckdb-")
    try:
        connection = duckdb_connection(spill)
        try:
            return _count(connection, plan, options, cap, months)
        finally:
            connection.close()
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _count(
    connection: Any,
    plan: DirectInput,
    options: UsageOptions,
    cap: int,
    months: Callable[[int | None, int | None], tuple[list[str], np.ndarray]],
) -> DirectCounts | None:
    import duckdb

    connection.execute("set TimeZone = 'UTC'")
    connection.execute(MACROS + ("" if plan.source_tz == "UTC" else zone_macros(plan.source_tz)))
    try:
        connection.execute(f"create temp table checked as {checked_sql(plan, cap)}")
    except duckdb.Error as exc:
        raise LogFileError(
            f"DuckDB could not read {plan.names[0]}"
            f"{' and the other files' if len(plan.names) > 1 else ''} "
            f"({str(exc).splitlines()[0][:200]})"
        ) from None
    tallies = connection.execute(
        "select reason, count(*), count(*) filter (where repaired), min(st), max(en) "
        "from checked group by reason"
    ).fetchall()
    by_reason = {
        int(reason): (int(n), int(fixed), low, high) for reason, n, fixed, low, high in tallies
    }
    if OTHER_SPELLING in by_reason:
        return None
    bad_rows = 0
    if plan.reader == "csv":
        bad_rows = int(
            connection.execute(
                "select count(distinct (file_id, line)) from reject_errors"
            ).fetchone()[0]
        )
    rows_read = sum(n for n, *_ in by_reason.values()) + bad_rows
    if bad_rows > rows_read - bad_rows:
        raise LogFileError(
            f"{plan.names[0]}{' and the other files' if len(plan.names) > 1 else ''}: "
            f"{bad_rows:,} rows have a different number of fields than the header "
            f"({len(_csv_header(plan.paths[0]) or [])}), more than rows that have it; check the delimiter "
            "and quotes"
        )
    reasons = {reason_of(code): n for code, (n, *_) in by_reason.items() if code > 0}
    if bad_rows:
        reasons[Reason.BAD_ROW] = bad_rows
    used = by_reason.get(0)
    labels, bounds = months(used[2] if used else None, used[3] if used else None)
    result = DirectCounts(reasons, used[1] if used else 0, rows_read, bad_rows, labels, None, 0, 0)
    if len(labels) < 2:
        return result
    origin, stop = int(bounds[0]), int(bounds[-1])
    connection.execute(
        f"create temp table kept as select agent, st, en, repaired from checked "
        f"where reason = 0 and en > {origin} and st < {stop}"
    )
    connection.execute("drop table checked")
    outside = (used[0] if used else 0) - connection.execute("select count(*) from kept").fetchone()[
        0
    ]
    repaired = int(connection.execute("select count(*) from kept where repaired").fetchone()[0])
    if outside:
        reasons[Reason.OUTSIDE_RANGE] = int(outside)
    connection.execute(
        "create temp table agents as select agent, (row_number() over (order by agent) - 1)::bigint"
        " as code from (select distinct agent from kept)"
    )
    n_agents = int(connection.execute("select count(*) from agents").fetchone()[0])
    connection.execute(
        "create temp table base as select a.code, k.st as st0, k.en as en0, k.repaired "
        "from kept k join agents a using (agent)"
    )
    connection.execute("drop table kept")
    connection.execute(
        f"create temp view sessions as select code, greatest(st0, {origin}) as st, "
        f"least(en0, {stop}) as en from base"
    )
    table = pa.table(
        {
            "m": pa.array(np.arange(len(bounds) - 1, dtype=np.int64)),
            "lo": pa.array(np.asarray(bounds[:-1], dtype=np.int64)),
            "hi": pa.array(np.asarray(bounds[1:], dtype=np.int64)),
        }
    )
    connection.register("months", table)
    min_ticks = options.peak_min_minutes * 60 * MICROS
    counts = duckdb_count(connection, len(bounds) - 1, max(n_agents, 1), min_ticks)
    billed = counts.peak_held
    if options.peak_min_minutes != GENESYS_MIN_PEAK_MINUTES:
        sql = MONTHS_SQL.format(min_ticks=GENESYS_MIN_PEAK_MINUTES * 60 * MICROS)
        billed = [int(row[3]) for row in connection.execute(sql).fetchall()]
    result.billed_concurrent = [int(value) for value in billed]
    repeats, repeats_repaired = _duplicates(connection, counts, origin)
    if repeats:
        reasons[Reason.DUPLICATE] = repeats
    result.reasons = reasons
    result.repaired = repaired - repeats_repaired
    result.counts = counts
    result.sessions = int(connection.execute("select count(*) from base").fetchone()[0]) - repeats
    result.n_agents = n_agents
    if result.sessions + repeats <= INSIGHTS_MAX_SESSIONS:
        found = connection.execute("select code, st, en from sessions").fetchnumpy()
        codes, starts, ends = (np.asarray(values, dtype=np.int64) for values in found.values())
        result.intervals = (codes, starts, ends, np.asarray(bounds, dtype=np.int64))
        names = connection.execute("select agent from agents order by code").fetchall()
        result.agents = tuple(name for (name,) in names)
    return result


def _duplicates(connection: Any, counts: MonthlyCounts, origin: int) -> tuple[int, int]:
    """Exact repeats of a session (same agent, login and logout) among the few (agent, login)
    pairs the engine saw more than once; and how many of them had their logout closed at the
    cap (a repeat keeps the row with a logout written, when there is one)."""
    if not len(counts.repeated_login_codes):
        return 0, 0
    connection.register(
        "repeated",
        pa.table(
            {
                "code": pa.array(np.asarray(counts.repeated_login_codes, dtype=np.int64)),
                "st": pa.array(np.asarray(counts.repeated_login_starts, dtype=np.int64)),
            }
        ),
    )
    found = connection.execute(
        f"""
        select coalesce(sum(n - 1), 0), coalesce(sum(fixed - case when fixed = n then 1 else 0
                                                              end), 0)
        from (select count(*) as n, count(*) filter (where b.repaired) as fixed
              from base b join repeated r on b.code = r.code and greatest(b.st0, {origin}) = r.st
              group by b.code, b.st0, b.en0 having count(*) > 1)
        """
    ).fetchone()
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
