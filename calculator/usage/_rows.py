"""One log file to checked rows: agent codes, UTC times, and the reason for every row not used.

Sessions files (one row per session) become sessions here. Event files (one row per login or
logout, or per activity change) become checked events; they are paired into sessions only after
all files are read, so a session may start in one file and end in the next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from calculator.usage._errors import LogFileError
from calculator.usage._layouts import Kind, Resolved, resolve_layout
from calculator.usage._options import Column, UsageOptions
from calculator.usage._quality import Ledger, Reason
from calculator.usage._result import SourceFile
from calculator.usage._source import TextFile
from calculator.usage._table import agent_codes, read_table
from calculator.usage._times import MICROS, ParsedTimes, parse_times

LOGIN_WORDS = pa.array(
    ["login", "loggedin", "logon", "loggedon", "signin", "signedin", "in", "start",
     "sessionstart", "agentlogin", "userlogin", "online", "connected"]
)  # fmt: skip
LOGOUT_WORDS = pa.array(
    ["logout", "loggedout", "logoff", "loggedoff", "signout", "signedout", "out", "end",
     "sessionend", "agentlogout", "userlogout", "offline", "disconnected"]
)  # fmt: skip
ACTIVITY_UPDATE = "workeractivityupdate"
OFFLINE = "offline"


@dataclass
class FileRows:
    """Checked rows of one file. Arrays have one entry per data row; use rows where ``used``."""

    ledger: Ledger
    source: SourceFile
    kind: Kind
    agents: pa.Array
    """Distinct agent ids of this file; ``codes`` index into it (-1 = none)."""
    codes: np.ndarray
    start: np.ndarray
    """Sessions: login. Events: the event time [ticks of ``unit`` since 1970 UTC]."""
    end: np.ndarray | None = None
    """Sessions: logout, missing ones already closed at the cap [ticks of ``unit``]."""
    logged_in: np.ndarray | None = None
    """Events: whether the agent is logged in after the event (login, or any activity but
    Offline)."""
    logged_in_before: np.ndarray | None = None
    """Activity events: whether the previous activity (as the row states it) was logged in."""
    unit: int = MICROS
    """Ticks per second of ``start`` and ``end``."""

    def to_unit(self, unit: int) -> None:
        """Express the times in a finer unit (several files must share one)."""
        if unit != self.unit:
            factor = unit // self.unit
            self.start = self.start * factor
            if self.end is not None:
                self.end = self.end * factor
            self.unit = unit


def read_rows(text: TextFile, options: UsageOptions) -> FileRows:
    """Check every row of one log file; only a file that cannot be read at all raises."""
    text, resolved = choose_header(
        text, lambda headers: resolve_layout(headers, options.format, options.columns, text.name)
    )
    table = read_table(text, resolved)
    layout = resolved.layout
    source_tz = options.source_tz or layout.source_tz
    source = SourceFile(
        file=text.name,
        format=layout.format,
        layout=layout.label,
        detected=resolved.detected,
        columns=resolved.columns,
        encoding=text.encoding,
        compression=text.compression,
        delimiter=text.delimiter_name,
        source_tz=source_tz,
    )
    ledger = Ledger(table)
    if text.header_line > 1:
        ledger.notes.append(
            f"{text.name}: the header is row {text.header_line}; the rows above it (a report "
            "title) were skipped"
        )
    columns = table.columns
    codes, agents = agent_codes(columns[Column.AGENT])
    time_column = Column.LOGIN if layout.kind is Kind.SESSIONS else Column.TIMESTAMP
    first = parse_times(
        columns[time_column], source_tz, options.day_first, _where(text, resolved, time_column)
    )
    ledger.reject(
        Reason.BLANK_ROW, _blank_rows(columns, np.flatnonzero((codes < 0) & first.missing))
    )
    if layout.kind is Kind.ACTIVITY and Column.EVENT in columns:
        # Other TaskRouter events (task.created, ...) carry no worker: ignore them first.
        event = _normalized(columns[Column.EVENT])
        other = _bool(pc.and_(pc.not_equal(event, ""), pc.not_equal(event, ACTIVITY_UPDATE)))
        ledger.reject(Reason.OTHER_EVENT, other, columns[Column.EVENT])
    ledger.reject(Reason.MISSING_AGENT, codes < 0)
    if layout.kind is Kind.SESSIONS:
        return _sessions(ledger, source, agents, codes, first, options, text, resolved)
    return _events(ledger, source, layout.kind, agents, codes, first, columns)


def choose_header(
    text: TextFile, resolve: Callable[[list[str]], Resolved]
) -> tuple[TextFile, Resolved]:
    """The first candidate header row whose columns make a layout (row 1 for most files)."""
    first_problem = None
    for candidate in text.candidates:
        try:
            return replace(text, header=candidate), resolve(candidate.headers)
        except LogFileError as exc:
            first_problem = first_problem or exc
    assert first_problem is not None
    raise first_problem


def _where(text: TextFile, resolved: Resolved, column: Column) -> str:
    return f"{text.name}, column '{resolved.columns[column]}'"


def _blank_rows(columns: dict[Column, pa.Array], candidates: np.ndarray) -> np.ndarray:
    """Of the candidate rows (no agent, no time), those with every column used empty."""
    blank = np.ones(len(candidates), dtype=bool)
    if not len(candidates):
        return candidates
    take = pa.array(candidates)
    for column in columns.values():
        values = column.take(take)
        if pa.types.is_dictionary(values.type):
            values = values.cast(values.type.value_type)
        empty = values.is_null()
        if pa.types.is_string(values.type):
            empty = pc.or_kleene(empty, pc.equal(pc.utf8_trim_whitespace(values), ""))
        blank &= _bool(empty)
    return candidates[blank]


def _reject_times(
    ledger: Ledger, parsed: ParsedTimes, values: pa.Array, missing: Reason | None
) -> None:
    if missing is not None:
        ledger.reject(missing, parsed.missing)
    ledger.reject(Reason.UNPARSEABLE_TIME, parsed.unparseable, values)
    ledger.reject(Reason.NONEXISTENT_TIME, parsed.nonexistent, values)
    ledger.reject(Reason.AMBIGUOUS_TIME, parsed.ambiguous, values)


def _sessions(
    ledger: Ledger,
    source: SourceFile,
    agents: pa.Array,
    codes: np.ndarray,
    login: ParsedTimes,
    options: UsageOptions,
    text: TextFile,
    resolved: Resolved,
) -> FileRows:
    columns = ledger.table.columns
    logout = parse_times(
        columns[Column.LOGOUT],
        source.source_tz,
        options.day_first,
        _where(text, resolved, Column.LOGOUT),
    )
    _reject_times(ledger, login, columns[Column.LOGIN], Reason.MISSING_LOGIN)
    _reject_times(ledger, logout, columns[Column.LOGOUT], None)
    unit = max(login.unit, logout.unit)
    cap = cap_ticks(options.open_session_cap_hours, unit)
    if cap is None:  # a cap with a fraction of a second needs microseconds
        unit = MICROS
        cap = cap_ticks(options.open_session_cap_hours, unit)
        assert cap is not None
    start, end = login.in_unit(unit), logout.in_unit(unit)
    if logout.missing.any():
        end = np.where(logout.missing, start + cap, end)
        ledger.repair(Reason.MISSING_LOGOUT, logout.missing)
    ledger.reject(Reason.LOGOUT_BEFORE_LOGIN, end < start, columns[Column.LOGOUT])
    ledger.reject(Reason.ZERO_LENGTH, end == start, columns[Column.LOGOUT])
    ledger.notes.extend(login.notes + logout.notes)
    return FileRows(ledger, source, Kind.SESSIONS, agents, codes, start, end=end, unit=unit)


def cap_ticks(hours: float, unit: int) -> int | None:
    """The open-session cap in ``unit`` ticks, or None if it is not a whole number of them."""
    exact = Decimal(repr(hours)) * 3600 * unit
    if unit == MICROS:
        return int(exact.to_integral_value())
    return int(exact) if exact == exact.to_integral_value() else None


def _normalized(values: pa.Array) -> pa.Array:
    """Lower case, punctuation and spaces removed: ``"Logged In"`` -> ``"loggedin"``."""
    text = values.cast(pa.string())
    return pc.replace_substring_regex(pc.utf8_lower(text), r"[\W_]+", "")


def _events(
    ledger: Ledger,
    source: SourceFile,
    kind: Kind,
    agents: pa.Array,
    codes: np.ndarray,
    time: ParsedTimes,
    columns: dict[Column, pa.Array],
) -> FileRows:
    _reject_times(ledger, time, columns[Column.TIMESTAMP], Reason.MISSING_TIME)
    ledger.notes.extend(time.notes)
    if kind is Kind.EVENTS:
        names = _normalized(columns[Column.EVENT])
        missing = _bool(pc.equal(names, ""))
        ledger.reject(Reason.MISSING_EVENT, missing)
        is_login = _bool(pc.is_in(names, LOGIN_WORDS))
        is_logout = _bool(pc.is_in(names, LOGOUT_WORDS))
        ledger.reject(Reason.OTHER_EVENT, ~is_login & ~is_logout, columns[Column.EVENT])
        return FileRows(
            ledger,
            source,
            kind,
            agents,
            codes,
            time.values,
            logged_in=is_login,
            unit=time.unit,
        )
    activity = _normalized(columns[Column.ACTIVITY])
    ledger.reject(Reason.MISSING_EVENT, _bool(pc.equal(activity, "")))
    before = np.zeros(len(codes), dtype=bool)
    if Column.PREVIOUS_ACTIVITY in columns:
        previous = _normalized(columns[Column.PREVIOUS_ACTIVITY])
        before = _bool(pc.and_(pc.not_equal(previous, ""), pc.not_equal(previous, OFFLINE)))
    return FileRows(
        ledger,
        source,
        kind,
        agents,
        codes,
        time.values,
        logged_in=_bool(pc.not_equal(activity, OFFLINE)),
        logged_in_before=before,
        unit=time.unit,
    )


def _bool(mask: pa.Array) -> np.ndarray:
    return mask.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
