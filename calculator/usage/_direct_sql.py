"""The readers' row checks as SQL, written once for DuckDB and Spark SQL.

:func:`checked_sql` gives every row of the files its quality reason (0 = used), in the order
:mod:`calculator.usage._rows` applies them, and its agent, login and logout [us since 1970 UTC].
The text is the same for both engines except for a few pieces where the dialects differ
(:class:`Dialect`): string literals (Spark SQL reads backslashes in them as escapes), trimming,
regular-expression matching and extraction (DuckDB returns the named parts of one match as a
struct; Spark extracts one group at a time), integer division, the microseconds of a typed
timestamp, and the UTC offset of a time zone at an instant (DuckDB's ICU ``timezone`` against
Spark's ``from_utc_timestamp``, both from the IANA zone rules).

The regular expressions are those of :data:`calculator.usage._times.FAMILIES` with two
spellings made engine-neutral, so RE2 (DuckDB, pyarrow) and Java (Spark) match the same texts:
``\\s`` becomes ``[\\t\\n\\f\\r ]`` (Java's ``\\s`` also takes a vertical tab) and the final ``$``
becomes ``\\z`` (Java's ``$`` also matches before a final line break).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calculator.usage._options import Column
from calculator.usage._quality import Reason, reason_code
from calculator.usage._times import (
    FAMILIES,
    LAST_USABLE_MICROS,
    LAST_USABLE_YEAR,
    MICROS,
    MISSING_WORDS,
    PLACEHOLDER_YEAR,
)

STATE_OK, STATE_MISSING, STATE_BAD, STATE_NONEXISTENT, STATE_AMBIGUOUS, STATE_OTHER = range(6)
STATE_PLACEHOLDER = 6
"""A real time in the year 9999 or later: unparseable as a login, no logout as a logout."""
OTHER_SPELLING = -1
"""Reason code of a row whose time is written in a spelling left to the Python readers."""
BROKEN_ROW = -2
"""Reason code of a CSV line with the wrong number of fields (Spark flags them in the scan)."""
_WHITESPACE = " \t\r\n"


def _neutral(pattern: str) -> str:
    r"""A pattern both RE2 and Java read alike (see the module's docstring)."""
    assert pattern.endswith("$")
    return pattern[:-1].replace(r"\s", r"[\t\n\f\r ]") + r"\z"


_ISO = _neutral(FAMILIES["iso"])
_EPOCH = _neutral(FAMILIES["epoch"])
_OTHER = "|".join(
    f"(?:{_neutral(FAMILIES[family])})" for family in ("numeric", "day_name", "month_name")
)


def _unnamed(pattern: str) -> str:
    """The pattern with its groups numbered, not named (Java writes names another way)."""
    return re.sub(r"\(\?P<\w+>", "(", pattern)


@dataclass(frozen=True)
class Dialect:
    """The pieces of SQL that DuckDB and Spark SQL write differently."""

    name: str
    """``duckdb`` or ``spark``."""

    def literal(self, text: str) -> str:
        if self.name == "spark":  # backslashes are escapes in Spark SQL's string literals
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return "'" + text.replace("'", "''") + "'"

    def text(self, expression: str) -> str:
        return f"cast({expression} as {'string' if self.name == 'spark' else 'varchar'})"

    def trim(self, expression: str) -> str:
        chars = self.literal(_WHITESPACE)
        if self.name == "spark":
            return f"trim(both {chars} from {expression})"
        return f"trim({expression}, {chars})"

    def matches(self, expression: str, pattern: str) -> str:
        if self.name == "spark":
            return f"({expression} rlike {self.literal(_unnamed(pattern))})"
        return f"regexp_matches({expression}, {self.literal(pattern)})"

    def extract(
        self, expression: str, pattern: str, alias: str
    ) -> tuple[list[str], dict[str, str]]:
        """Select items that extract the named groups of ``pattern``, and how to refer to each
        group in the next step. A group that took no part in the match is ``''`` in both."""
        groups = re.compile(pattern.replace(r"\z", "$")).groupindex  # Python has no \z
        if self.name == "spark":  # Java names groups (?<name>...): number them instead
            plain = _unnamed(pattern)
            items = [
                f"regexp_extract({expression}, {self.literal(plain)}, {index}) as {alias}_{name}"
                for name, index in groups.items()
            ]
            return items, {name: f"{alias}_{name}" for name in groups}
        names = "[" + ", ".join(self.literal(name) for name in groups) + "]"
        items = [f"regexp_extract({expression}, {self.literal(pattern)}, {names}) as {alias}"]
        return items, {name: f"{alias}.{name}" for name in groups}

    def div(self, left: str, right: int) -> str:
        """Integer division of non-negative numbers."""
        return f"({left} {'div' if self.name == 'spark' else '//'} {right})"

    def typed_micros(self, column: str) -> str:
        """A typed timestamp [us since 1970]; a naive one as if its wall time were UTC (both
        engines run in UTC)."""
        if self.name == "spark":
            return f"unix_micros(cast({column} as timestamp))"
        return f"epoch_us({column})"

    def offset(self, micros: str, zone: str) -> str:
        """UTC offset [us] of ``zone`` at the instant ``micros`` [us since 1970 UTC]."""
        if self.name == "spark":
            return (
                f"(unix_micros(from_utc_timestamp(timestamp_micros({micros}), "
                f"{self.literal(zone)})) - ({micros}))"
            )
        return (
            f"(epoch_us(timezone({self.literal(zone)}, make_timestamp({micros})::timestamptz))"
            f" - ({micros}))"
        )


DUCKDB = Dialect("duckdb")
SPARK = Dialect("spark")


def _number(part: str) -> str:
    return f"coalesce(cast(nullif({part}, '') as bigint), 0)"


def _days(d: Dialect, y: str, m: str, day: str) -> str:
    """Days since 1970-01-01 of a civil date (proleptic Gregorian, years from 1900), as
    numpy's ``datetime64`` counts them in :func:`calculator.usage._times._convert`."""
    a = f"({y} - case when {m} <= 2 then 1 else 0 end)"
    era = f"({a} % 400)"
    return (
        f"({d.div(a, 400)} * 146097 + {era} * 365 + {d.div(era, 4)} - {d.div(era, 100)}"
        f" + {d.div(f'(153 * ({m} + case when {m} > 2 then -3 else 9 end) + 2)', 5)}"
        f" + {day} - 1 - 719468)"
    )


class _Steps:
    """The select items of each step of the checks, per time column; step n reads step n-1."""

    def __init__(self, count: int) -> None:
        self.items: list[list[str]] = [[] for _ in range(count)]

    def add(self, step: int, *items: str) -> None:
        self.items[step].extend(items)


def _text_time(d: Dialect, steps: _Steps, column: str, p: str) -> None:
    """Steps 0-3 of a text column ``column``: its state, us and naivety as ``{p}_state``,
    ``{p}_us``, ``{p}_naive`` (as :mod:`calculator.usage._times` parses text)."""
    t = f"{p}_t"
    steps.add(0, f"{d.trim(d.text(column))} as {t}")
    missing = ", ".join(d.literal(word) for word in MISSING_WORDS)
    iso_items, g = d.extract(t, _ISO, f"{p}_g")
    epoch_items, e = d.extract(t, _EPOCH, f"{p}_e")
    steps.add(
        1,
        f"({t} is null or lower({t}) in ({missing})) as {p}_missing",
        f"coalesce({d.matches(t, _ISO)}, false) as {p}_isiso",
        f"coalesce({d.matches(t, _OTHER)}, false) as {p}_isother",
        f"coalesce({d.matches(t, _EPOCH)}, false) as {p}_isepoch",
        *iso_items,
        *epoch_items,
    )
    zone = f"replace({g['z']}, ':', '')"
    signed = f"left({g['z']}, 1) in ('+', '-')"
    steps.add(
        2,
        *(f"{_number(g[name])} as {p}_{name}" for name in ("y", "mo", "d", "h", "mi", "s")),
        f"cast(rpad(left({g['f']}, 6), 6, '0') as bigint) as {p}_f",
        f"lower(left({g['p']}, 1)) as {p}_m",
        f"{g['z']} = '' as {p}_nozone",
        f"case when left({g['z']}, 1) = '-' then -1 else 1 end as {p}_zsign",
        f"case when {signed} then {_number(f'substr({zone}, 2, 2)')} else 0 end as {p}_zh",
        f"case when {signed} then {_number(f'substr({zone}, 4, 2)')} else 0 end as {p}_zm",
        # Epoch seconds or milliseconds: up to 16 digits, times 10^6 overflows 64 bits.
        f"case when length({e['n']}) >= 12 then cast(nullif({e['n']}, '') as decimal(20, 0)) * 1000"
        f" else cast(nullif({e['n']}, '') as decimal(20, 0)) * {MICROS}"
        f" + cast(rpad({e['f']}, 6, '0') as bigint) end as {p}_epoch",
    )
    y, mo, day, h, mi, s = (f"{p}_{name}" for name in ("y", "mo", "d", "h", "mi", "s"))
    meridiem = f"{p}_m <> ''"
    next_year = f"{y} + case when {mo} = 12 then 1 else 0 end"
    real = (
        f"{mo} between 1 and 12 and {day} >= 1 and {y} between 1900 and {PLACEHOLDER_YEAR}"
        f" and case when {meridiem} then {h} between 1 and 12 else {h} <= 23 end"
        f" and {mi} <= 59 and {s} <= 59"
        f" and {day} <= {_days(d, next_year, f'{mo} % 12 + 1', '1')} - {_days(d, y, mo, '1')}"
        f" and {p}_zh <= 14 and {p}_zm <= 59"
    )
    ok = f"{real} and {y} <= {LAST_USABLE_YEAR}"
    hour = (
        f"case when {meridiem} then {h} % 12 + case when {p}_m = 'p' then 12 else 0 end"
        f" else {h} end"
    )
    iso_us = (
        f"((({_days(d, y, mo, day)} * 24 + {hour}) * 60 + {mi}) * 60 + {s}) * {MICROS} + {p}_f"
        f" - {p}_zsign * ({p}_zh * 60 + {p}_zm) * 60 * {MICROS}"
    )
    epoch_ok = f"{p}_isepoch and {p}_epoch < {LAST_USABLE_MICROS}"
    steps.add(
        3,
        f"""case when {p}_missing then {STATE_MISSING}
               when {p}_isiso then case when {ok} then {STATE_OK}
                                        when {real} then {STATE_PLACEHOLDER}
                                        else {STATE_BAD} end
               when {p}_isother then {STATE_OTHER}
               when {epoch_ok} then {STATE_OK}
               when {p}_isepoch then {STATE_PLACEHOLDER}
               else {STATE_BAD} end as {p}_state0""",
        f"""case when {p}_missing then 0
               when {p}_isiso then case when {ok} then {iso_us} else 0 end
               when {p}_isother then 0
               when {epoch_ok} then cast({p}_epoch as bigint)
               else 0 end as {p}_us0""",
        f"(not {p}_missing and {p}_isiso and {p}_nozone and ({ok})) as {p}_naive",
    )


def _typed_time(d: Dialect, steps: _Steps, column: str, p: str, zoned: bool) -> None:
    """Step 3 of a typed Parquet timestamp: taken as it is (naive: a local time)."""
    steps.add(
        3,
        f"""case when {column} is null then {STATE_MISSING}
               when year({column}) between 1900 and {LAST_USABLE_YEAR} then {STATE_OK}
               when year({column}) > {LAST_USABLE_YEAR} then {STATE_PLACEHOLDER}
               else {STATE_BAD} end as {p}_state0""",
        f"""case when {column} is not null and year({column}) between 1900 and {LAST_USABLE_YEAR}
               then {d.typed_micros(column)} else 0 end as {p}_us0""",
        f"({str(not zoned).lower()} and {column} is not null) as {p}_naive",
    )


def _localize(d: Dialect, steps: _Steps, p: str, zone: str) -> None:
    """Steps 4-6: naive local times of ``zone`` become UTC. The zone's offsets a day before
    and a day after are the only candidates: a local time that fits both is repeated by a
    daylight-saving change (ambiguous), one that fits neither is skipped by one (nonexistent),
    as pandas' ``tz_localize`` flags them."""
    if zone == "UTC":
        steps.add(6, f"{p}_state0 as {p}_state", f"{p}_us0 as {p}_us")
        return
    day = 86400 * MICROS
    local = f"{p}_state0 = {STATE_OK} and {p}_naive"
    steps.add(
        4,
        f"case when {local} then {d.offset(f'{p}_us0 - {day}', zone)} else 0 end as {p}_o1",
        f"case when {local} then {d.offset(f'{p}_us0 + {day}', zone)} else 0 end as {p}_o2",
    )
    steps.add(
        5,
        f"{local} and {d.offset(f'{p}_us0 - {p}_o1', zone)} = {p}_o1 as {p}_fits1",
        f"{local} and {d.offset(f'{p}_us0 - {p}_o2', zone)} = {p}_o2 as {p}_fits2",
    )
    first = f"({p}_o1 = {p}_o2 or ({p}_fits1 and not {p}_fits2))"
    steps.add(
        6,
        f"""case when not ({local}) then {p}_state0
               when {first} then {STATE_OK}
               when {p}_fits1 then {STATE_AMBIGUOUS}
               when {p}_fits2 then {STATE_OK}
               else {STATE_NONEXISTENT} end as {p}_state""",
        f"""case when not ({local}) then {p}_us0
               when {first} then {p}_us0 - {p}_o1
               when {p}_fits1 then 0
               when {p}_fits2 then {p}_us0 - {p}_o2
               else 0 end as {p}_us""",
    )


def checked_sql(
    d: Dialect,
    source: str,
    columns: set[Column],
    types: dict[Column, str],
    zone: str,
    cap: int,
    long_session: int,
    broken: bool = False,
    headers: dict[Column, str] | None = None,
) -> str:
    """SQL: every row of ``source`` (a query giving ``c_agent``, ``c_login``, ``c_logout`` for
    the columns present, ``c_file`` and ``c_row`` for where the row is, and ``c_broken`` when
    ``broken``) with its reason (0 = used), whether its missing logout was closed at the cap,
    and the agent, login and logout [us since 1970 UTC] of used rows. ``types`` says which
    columns are typed timestamps (``timestamp``, naive, or ``timestamptz``); the others are
    text. Naive times are local times of ``zone``. ``headers`` (CSV files) are the columns'
    headers: a row repeating them all is a repeated header row, as a paged export writes one
    on each page. ``src_file`` and ``src_row`` are kept only for used sessions longer than
    ``long_session`` [us], the few the notes point to (a path on every row would be heavy)."""
    steps = _Steps(7)
    for column, p in ((Column.LOGIN, "li"), (Column.LOGOUT, "lo")):
        name = f"c_{column.value}"
        if column not in columns:
            steps.add(3, f"{STATE_MISSING} as {p}_state0", f"0 as {p}_us0", f"false as {p}_naive")
        elif types.get(column, "text") == "text":
            _text_time(d, steps, name, p)
        else:
            _typed_time(d, steps, name, p, types[column] == "timestamptz")
        _localize(d, steps, p, zone)

    def blank(column: Column) -> str:
        if column not in columns:
            return "true"
        name = f"c_{column.value}"
        return f"({name} is null or {d.trim(d.text(name))} = '')"

    agent = f"coalesce({d.trim(d.text('c_agent'))}, '')" if Column.AGENT in columns else "''"
    repeated = " and ".join(
        f"coalesce({d.trim(d.text(f'c_{column.value}'))} = {d.literal(header.strip())}, false)"
        for column, header in (headers or {}).items()
        if column in columns
    )
    steps.add(
        0,
        f"{agent} as agent",
        f"{blank(Column.AGENT)} and {blank(Column.LOGIN)} and {blank(Column.LOGOUT)} as blank",
        f"{repeated or 'false'} as header",
    )
    body = "select * from source"
    for number, items in enumerate(steps.items):
        if items:
            body = f"select *, {', '.join(items)} from ({body}) as step{number}"
    reasons = [
        ("blank", Reason.BLANK_ROW),
        ("agent = ''", Reason.MISSING_AGENT),
        (f"li_state = {STATE_MISSING}", Reason.MISSING_LOGIN),
        (f"li_state in ({STATE_BAD}, {STATE_PLACEHOLDER})", Reason.UNPARSEABLE_TIME),
        (f"li_state = {STATE_NONEXISTENT}", Reason.NONEXISTENT_TIME),
        (f"li_state = {STATE_AMBIGUOUS}", Reason.AMBIGUOUS_TIME),
        (f"lo_state = {STATE_BAD}", Reason.UNPARSEABLE_TIME),
        (f"lo_state = {STATE_NONEXISTENT}", Reason.NONEXISTENT_TIME),
        (f"lo_state = {STATE_AMBIGUOUS}", Reason.AMBIGUOUS_TIME),
        ("en < st", Reason.LOGOUT_BEFORE_LOGIN),
        ("en = st", Reason.ZERO_LENGTH),
    ]
    cases = "\n".join(f"      when {test} then {reason_code(reason)}" for test, reason in reasons)
    first = f"      when c_broken then {BROKEN_ROW}\n" if broken else ""
    first += f"      when header then {reason_code(Reason.REPEATED_HEADER)}\n"
    other = f"li_state = {STATE_OTHER} or lo_state = {STATE_OTHER}"
    open_ended = f"lo_state in ({STATE_MISSING}, {STATE_PLACEHOLDER})"  # 9999-12-31: still open
    long = f"reason = 0 and en - st > {long_session}"
    return f"""
with source as ({source}),
timed as (
  select *, li_us as st,
         case when {open_ended} then li_us + {cap} else lo_us end as en
  from ({body}) as checks
),
reasons as (
  select case
{first}      when {other} then {OTHER_SPELLING}
{cases}
      else 0 end as reason,
    {open_ended} as repaired, agent, st, en, c_file, c_row
  from timed
)
select reason, repaired, agent, st, en,
  case when {long} then c_file end as src_file, case when {long} then c_row end as src_row
from reasons
"""
