"""One log file to checked rows: agent codes, UTC times, and the reason for every row not used.

Sessions files (one row per session) become sessions here. Event files (one row per login or
logout, or per activity change) become checked events; they are paired into sessions only after
all files are read, so a session may start in one file and end in the next.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from calculator.usage._errors import LogFileError
from calculator.usage._layouts import Kind, Layout, Resolved, duration_unit, resolve_layout
from calculator.usage._options import Column, LogFormat, UsageOptions
from calculator.usage._quality import Ledger, Reason, printable
from calculator.usage._records import Records, column_text
from calculator.usage._result import SourceFile
from calculator.usage._source import (
    Document,
    HeaderRow,
    RecordsFile,
    TextFile,
    head_lines,
    with_notes,
)
from calculator.usage._table import RawTable, agent_codes, read_table
from calculator.usage._times import MICROS, MISSING_WORDS, DateOrder, ParsedTimes, parse_times
from calculator.usage._values import CLOCK_ONLY, DURATION, SAMPLE_ROWS, value_kinds

LOGIN_WORDS = pa.array(
    ["login", "loggedin", "logon", "loggedon", "signin", "signedin", "in", "start",
     "sessionstart", "agentlogin", "userlogin", "online", "connected"]
)  # fmt: skip
LOGOUT_WORDS = pa.array(
    ["logout", "loggedout", "logoff", "loggedoff", "signout", "signedout", "out", "end",
     "sessionend", "agentlogout", "userlogout", "offline", "disconnected"]
)  # fmt: skip
ACTIVITY_UPDATE = "workeractivityupdate"


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
    """Events: whether the agent is logged in after the event (login, or any activity but the
    logged-out ones)."""
    logged_in_before: np.ndarray | None = None
    """Activity events: whether the previous activity (as the row states it) was logged in."""
    unit: int = MICROS
    """Ticks per second of ``start`` and ``end``."""
    groups: pa.Array | None = None
    """Distinct group names of this file; ``group_codes`` index into it (-1 = none). None when
    the file has no group column."""
    group_codes: np.ndarray | None = None
    group_kind: str = "group"
    """What the groups are, in words: "team", "routing profile", or the column's name."""
    group_mapped: bool = False
    """Whether the user named the group column (else it is the layout's own)."""
    date_orders: list[DateOrder] = field(default_factory=list)
    """What each time column's dates such as 03/04/2024 say about their order (read without a
    chosen order); files read together settle it together."""

    def to_unit(self, unit: int) -> None:
        """Express the times in a finer unit (several files must share one)."""
        if unit != self.unit:
            factor = unit // self.unit
            self.start = self.start * factor
            if self.end is not None:
                self.end = self.end * factor
            self.unit = unit


def read_rows(document: Document, options: UsageOptions) -> FileRows:
    """Check every row of one log file; only a file that cannot be read at all raises."""
    if isinstance(document, RecordsFile):
        records = document.records
        resolved = resolve_layout(
            records.keys,
            options.format,
            options.columns,
            document.name,
            what="keys",
            kinds=lambda: value_kinds(first_record_values(records)),
        )
        table = records_table(document, resolved)
        delimiter = "none"
    else:
        text = document
        document, resolved = choose_header(
            text,
            lambda row: resolve_layout(
                row.headers,
                options.format,
                options.columns,
                text.name,
                kinds=lambda: value_kinds(first_row_values(text, row)),
            ),
        )
        table = read_table(document, resolved)
        delimiter = document.delimiter_name
    layout = resolved.layout
    source_tz = options.source_tz or layout.source_tz
    source = SourceFile(
        file=document.name,
        format=layout.format,
        layout=layout.label,
        detected=resolved.detected,
        columns=resolved.columns,
        encoding=document.encoding,
        compression=document.compression,
        delimiter=delimiter,
        container=document.container,
        source_tz=source_tz,
    )
    ledger = Ledger(table)
    ledger.notes.extend(document.notes)
    if table.header_line > 1:
        ledger.notes.append(
            f"{document.name}: the header is row {table.header_line}; the rows above it (a report "
            "title) were skipped"
        )
    if isinstance(document, RecordsFile):
        ledger.notes.append(
            f"{document.name}: read as {document.container}; row numbers are record numbers"
        )
    checks = _Checks(ledger, source, options, layout)
    rows = checks.run(layout.kind)
    rows.date_orders = checks.orders
    if Column.GROUP in table.columns:
        rows.group_codes, rows.groups = agent_codes(table.columns[Column.GROUP])
        rows.group_mapped = Column.GROUP in options.columns
        header = resolved.columns[Column.GROUP]
        rows.group_kind = group_kind(header) if rows.group_mapped else layout.group_kind
    return rows


def group_kind(header: str) -> str:
    """What a group column holds, from its header: ``"Site"`` -> ``"site"``, ``"Team_No"`` ->
    ``"team"``, ``"Configuration.RoutingProfile.Name"`` -> ``"routing profile"`` (a JSON path
    is named by its last key that is not a name or an id)."""
    keys = [_words(key) for key in header.split(".")]
    keys = [key for key in keys if key and key not in _ID_WORDS] or keys
    words = _words(keys[-1]).split()
    while len(words) > 1 and words[-1] in _ID_WORDS:
        words.pop()
    return " ".join(words)[:40].strip() or "group"


def _words(text: str) -> str:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return " ".join(re.sub(r"[\W_]+", " ", spaced).casefold().split())


_ID_WORDS = frozenset({"name", "id", "no", "number", "code", "nr"})


def records_table(document: RecordsFile, resolved: Resolved) -> RawTable:
    """The columns a layout needs from JSON records; row numbers are record numbers."""
    keys = list(dict.fromkeys(resolved.columns.values()))
    found = document.records.columns(keys)
    columns = {
        column: column_text(found[key], encode=column in _ENCODED)
        for column, key in resolved.columns.items()
    }
    rows = document.records.table.num_rows
    if rows == 0:
        raise LogFileError(f"{document.name}: the JSON holds no records")
    return RawTable(
        name=document.name, header_line=0, resolved=resolved, columns=columns, rows=rows
    )


_ENCODED = frozenset(
    {Column.AGENT, Column.EVENT, Column.ACTIVITY, Column.PREVIOUS_ACTIVITY, Column.GROUP}
)
"""JSON columns with few distinct values: dictionary-encoded as they are taken."""


class _Checks:
    """The row checks of one file, in order: blank, repeated event, other event, agent, times."""

    def __init__(
        self, ledger: Ledger, source: SourceFile, options: UsageOptions, layout: Layout
    ) -> None:
        self.ledger = ledger
        self.source = source
        self.options = options
        self.layout = layout
        self.columns = ledger.table.columns
        chosen = options.logged_out_states
        names = [normalize_word(name) for name in chosen] if chosen else list(layout.logged_out)
        self.logged_out = pa.array(names, type=pa.string())
        self.orders: list[DateOrder] = []

    def where(self, column: Column) -> str:
        what = "key" if self.source.delimiter == "none" else "column"
        return f"{self.source.file}, {what} '{self.source.columns[column]}'"

    def times(self, column: Column) -> tuple[ParsedTimes, np.ndarray]:
        """A time column parsed (with its date column, if any); and which rows were clock-only."""
        dated_by = (
            Column.LOGOUT_DATE
            if column is Column.LOGOUT and Column.LOGOUT_DATE in self.columns
            else Column.DATE
        )
        values, clock_only = _with_date(self.columns[column], self.columns.get(dated_by))
        # Times of day take their dates from the date column: a note on how dates such as
        # 03/04/2024 were read names the column that writes them.
        named = dated_by if clock_only.any() else column
        parsed = parse_times(
            values, self.source.source_tz, self.options.day_first, self.where(named)
        )
        if parsed.order is not None:
            self.orders.append(parsed.order)
        return parsed, clock_only

    def run(self, kind: Kind) -> FileRows:
        ledger, columns = self.ledger, self.columns
        codes, agents = agent_codes(columns[Column.AGENT])
        first, first_clock = self.times(Column.LOGIN if kind is Kind.SESSIONS else Column.TIMESTAMP)
        if self.source.delimiter != "none":  # a table's rows, not JSON records
            ledger.reject(Reason.REPEATED_HEADER, self.repeated_header())
        ledger.reject(
            Reason.BLANK_ROW, _blank_rows(columns, np.flatnonzero((codes < 0) & first.missing))
        )
        if Column.EVENT_ID in columns:
            ledger.reject(Reason.DUPLICATE, _repeated(columns[Column.EVENT_ID]), Column.EVENT_ID)
        if kind is Kind.ACTIVITY and Column.EVENT in columns:
            # Other TaskRouter events (task.created, ...) carry no change of activity.
            event = _normalized(columns[Column.EVENT])
            other = _bool(pc.and_(pc.not_equal(event, ""), pc.not_equal(event, ACTIVITY_UPDATE)))
            ledger.reject(Reason.OTHER_EVENT, other, Column.EVENT)
        ledger.reject(Reason.MISSING_AGENT, codes < 0, Column.AGENT)
        if kind is Kind.SESSIONS:
            return self.sessions(agents, codes, first, first_clock)
        return self.events(kind, agents, codes, first)

    def repeated_header(self) -> np.ndarray:
        """Rows that repeat the header in every column read, as a paged export writes it at the
        top of each page (the agent column, with few distinct values, is compared first)."""
        rows = np.ones(self.ledger.table.rows, dtype=bool)
        for column in (Column.AGENT, *(other for other in self.columns if other != Column.AGENT)):
            rows &= _equals(self.columns[column], self.source.columns[column].strip())
            if not rows.any():
                break
        return rows

    def is_logged_out(self, column: Column) -> np.ndarray:
        return _bool(pc.is_in(_normalized(self.columns[column]), value_set=self.logged_out))

    def note_no_logged_out_state(self) -> None:
        """A log of activity changes in which no activity is a logged-out one: its agents
        never log out, which a real log does not show; far likelier, the platform's offline
        activity has a name of the customer's own (Twilio's are editable)."""
        if self.options.logged_out_states or not self.ledger.used.any():
            return
        for column in (Column.ACTIVITY, Column.PREVIOUS_ACTIVITY):
            if column in self.columns and self.is_logged_out(column)[self.ledger.used].any():
                return
        self.ledger.notes.append(
            f"{self.where(Column.ACTIVITY)}: no activity is a logged-out one "
            "(such as Offline), so every agent counts as logged in from "
            "their first event on; if the offline activity has another name, type it under "
            "Options, 'States that mean logged out'"
        )

    def note_presence_ids(self) -> None:
        """Dynamics 365 exported without formatted values gives each presence as an id, so its
        Offline rows cannot be told from the others and count as logged in."""
        header = normalize_word(self.source.columns[Column.ACTIVITY])
        if self.options.logged_out_states or header != "msdynpresenceidvalue":
            return
        self.ledger.notes.append(
            f"{self.where(Column.ACTIVITY)} holds presence ids, not names: time in the Offline "
            "presence cannot be told apart and counts as logged in. Export the status history "
            "with formatted values (the presence names), or type the id of the Offline "
            "presence under Options, 'States that mean logged out'"
        )

    def sessions(
        self, agents: pa.Array, codes: np.ndarray, login: ParsedTimes, login_clock: np.ndarray
    ) -> FileRows:
        ledger, columns, options = self.ledger, self.columns, self.options
        placeholder = np.zeros(ledger.table.rows, dtype=bool)
        if Column.LOGOUT in columns:
            logout, logout_clock = self.times(Column.LOGOUT)
            placeholder = logout.far_future  # 9999-12-31 23:59:59: still open, as if empty
            logout = logout.open_ended()
        else:  # every session still open (no record has an end yet)
            logout = parse_times(pa.nulls(ledger.table.rows, pa.string()), "UTC", None, "")
            logout_clock = np.zeros(ledger.table.rows, dtype=bool)
        durations = None
        if Column.DURATION in columns:
            durations = parse_durations(columns[Column.DURATION], self.duration_unit())
        from_end = np.zeros(ledger.table.rows, dtype=bool)
        if durations is not None and Column.LOGOUT in columns:
            login, logout = self.settle_folds(login, logout, durations[0])
            # A login outside the report (Genesys writes N/A) with the logout and the length
            # known: the login is the logout less the length.
            from_end = login.missing & logout.valid & (durations[0] >= 0)
            self.note_both_missing(login.missing & logout.missing & ledger.used)
            login = replace(login, missing=login.missing & ~from_end)
        _reject_times(ledger, login, Column.LOGIN, Reason.MISSING_LOGIN)
        if Column.LOGOUT in columns:
            _reject_times(ledger, logout, Column.LOGOUT, None)
        if Column.ACTIVITY in columns:
            ledger.reject(
                Reason.LOGGED_OUT_STATE,
                self.is_logged_out(Column.ACTIVITY),
                Column.ACTIVITY,
            )
            self.note_presence_ids()
        unit = max(login.unit, logout.unit)
        duration = None
        if durations is not None:
            unit = MICROS
            duration, bad, unitless = durations
            self.refuse_unitless(unitless & logout.missing & ledger.used)
            ledger.reject(Reason.UNPARSEABLE_DURATION, bad & logout.missing, Column.DURATION)
        cap = cap_ticks(options.open_session_cap_hours, unit)
        if cap is None:  # a cap with a fraction of a second needs microseconds
            unit = MICROS
            cap = cap_ticks(options.open_session_cap_hours, unit)
            assert cap is not None
        start, end = login.in_unit(unit), logout.in_unit(unit)
        open_ended = logout.missing
        if duration is not None and Column.SESSION_ID in columns:
            start = self.chain_states(start, duration)
        if duration is not None:
            start = np.where(from_end, end - duration, start)
            self.note_derived(from_end & ledger.used, Column.LOGIN, "less")
            timed = open_ended & (duration >= 0)
            end = np.where(timed, start + duration, end)
            if Column.LOGOUT in columns:
                self.note_derived(timed & ~placeholder & ledger.used, Column.LOGOUT, "plus")
            open_ended = open_ended & ~timed
        if open_ended.any():
            end = np.where(open_ended, start + cap, end)
            ledger.repair(Reason.MISSING_LOGOUT, open_ended & placeholder, Column.LOGOUT)
            ledger.repair(Reason.MISSING_LOGOUT, open_ended, Column.LOGOUT)
        # A time of day past midnight, unless the logout has its own date.
        overnight = logout_clock & login_clock & (end < start)
        if overnight.any() and Column.LOGOUT_DATE not in columns:
            end = np.where(overnight, end + 86400 * unit, end)
        ledger.reject(Reason.LOGOUT_BEFORE_LOGIN, end < start, Column.LOGOUT)
        ledger.reject(Reason.ZERO_LENGTH, end == start, Column.LOGOUT)
        ledger.notes.extend(dict.fromkeys(login.notes + logout.notes))  # one date column: once
        return FileRows(
            ledger, self.source, Kind.SESSIONS, agents, codes, start, end=end, unit=unit
        )

    def settle_folds(
        self, login: ParsedTimes, logout: ParsedTimes, duration: np.ndarray
    ) -> tuple[ParsedTimes, ParsedTimes]:
        """Times that occur twice at a daylight-saving change (Five9 writes Pacific time with
        no offset), read as the occurrence the row's duration agrees with: of the readings of
        its login and logout, the one pair whose length is the duration (to the minute, for
        times written without seconds). Rows where no reading or more than one agrees stay
        ambiguous, and are refused."""
        rows = (login.ambiguous | logout.ambiguous) & (duration >= 0) & self.ledger.used
        rows &= (login.valid | login.ambiguous) & (logout.valid | logout.ambiguous)
        if not rows.any():
            return login, logout
        starts, ends = _readings(login), _readings(logout)
        agree = np.zeros((4, len(rows)), dtype=bool)
        for index, (start, end) in enumerate((s, e) for s in starts for e in ends):
            agree[index] = np.abs(end - start - duration) < 60 * MICROS
        agree[2:] &= login.ambiguous  # the second reading of a login that has only one
        agree[1::2] &= logout.ambiguous
        settled = rows & (agree.sum(axis=0) == 1)
        if not settled.any():
            return login, logout
        choice = np.argmax(agree, axis=0)
        first = int(np.flatnonzero(settled)[0])
        side, late = (
            (Column.LOGIN, choice[first] >= 2)
            if login.ambiguous[first]
            else (Column.LOGOUT, choice[first] % 2 == 1)
        )
        login = _settled(login, settled, starts[0], starts[1], choice >= 2)
        logout = _settled(logout, settled, ends[0], ends[1], choice % 2 == 1)
        headers = self.source.columns
        self.ledger.notes.append(
            f"{self.source.file}, {self.rows_text(settled)}: a time that occurs twice when the "
            "clocks go back (daylight saving ends) was read as the occurrence the "
            f"{headers[Column.DURATION]} agrees with, e.g. {headers[side]} "
            f"{self.text(side, settled)} as the "
            + (
                "second, after the clocks went back"
                if late
                else "first, before the clocks went back"
            )
            + f", for a {headers[Column.DURATION]} of {self.text(Column.DURATION, settled)}"
        )
        return login, logout

    def text(self, column: Column, rows: np.ndarray) -> str:
        """The first of these rows' text in ``column``, quoted and shortened."""
        value = self.ledger.table.written(column, int(np.flatnonzero(rows)[0]))
        return repr(printable(value, 40).strip())

    def rows_text(self, rows: np.ndarray) -> str:
        """``"row 7"``, ``"rows 7, 9 and 12"`` or ``"rows 7, 9, 12, 15, 18 and 4 more"``."""
        found = np.flatnonzero(rows)
        lines = [f"{line:,}" for line in self.ledger.table.line_numbers(found[:5])]
        if len(found) == 1:
            return f"row {lines[0]}"
        if len(found) > 5:
            return f"rows {', '.join(lines)} and {len(found) - 5:,} more"
        return f"rows {', '.join(lines[:-1])} and {lines[-1]}"

    def missing_text(self, column: Column, rows: np.ndarray) -> str:
        """How the first of these rows writes its missing time: ``"Start Time 'N/A'"``, or
        ``"Start Time empty or N/A"`` when the reader kept no text (a typed workbook cell)."""
        value = self.ledger.table.written(column, int(np.flatnonzero(rows)[0]))
        text = printable(value, 40).strip() if isinstance(value, str) else ""
        header = self.source.columns[column]
        return f"{header} {text!r}" if text else f"{header} empty or N/A"

    def note_derived(self, rows: np.ndarray, side: Column, sign: str) -> None:
        """Times missing on one side (Genesys writes N/A for a time outside the report
        period) that the other side and the duration give: said, naming the rows."""
        if not rows.any():
            return
        headers = self.source.columns
        other = Column.LOGOUT if side is Column.LOGIN else Column.LOGIN
        self.ledger.notes.append(
            f"{self.source.file}, {self.rows_text(rows)}: {self.missing_text(side, rows)}, so "
            f"the {headers[side]} was derived from the {headers[Column.DURATION]}: the "
            f"{headers[other]} {sign} the {headers[Column.DURATION]}"
        )

    def note_both_missing(self, rows: np.ndarray) -> None:
        """Rows with neither time (Genesys: logged in before the report period began and
        still after it ended): a duration alone cannot place the session, the period could
        but the file does not give it: not counted, and said."""
        if not rows.any():
            return
        why = (
            " (logged in before the report period began and still after it ended)"
            if self.layout.format is LogFormat.GENESYS
            else ""
        )
        self.ledger.notes.append(
            f"{self.source.file}, {self.rows_text(rows)}: {self.missing_text(Column.LOGIN, rows)}"
            f" and {self.missing_text(Column.LOGOUT, rows)}{why}: the session cannot be placed "
            "in time, so it is not counted; export a longer period, one that holds its login "
            "or its logout"
        )

    def duration_unit(self) -> int | None:
        """The unit of plain-number durations [us]: the one named in the mapping or the header,
        else the vendor's documented one; None when nothing says."""
        named = (self.options.columns.get(Column.DURATION), self.source.columns[Column.DURATION])
        units = [duration_unit(header) for header in named if header]
        return next((unit for unit in units if unit), self.layout.duration_unit)

    def refuse_unitless(self, rows: np.ndarray) -> None:
        """A plain-number duration the file needs, in a unit nothing names: no guess is made
        (480 may be seconds, minutes or hours), the file is refused with the way to say it."""
        if not rows.any():
            return
        first = int(np.flatnonzero(rows)[0])
        line = int(self.ledger.table.line_numbers(np.array([first]))[0])
        value = self.columns[Column.DURATION][first].as_py()
        header = self.source.columns[Column.DURATION][:40]
        raise LogFileError(
            f"{self.where(Column.DURATION)}, row {line}: the duration '{str(value).strip()[:40]}'"
            " is a plain number and nothing says in what unit; name the unit in the header "
            f"(or in the column mapping), e.g. '{header} (min)', '{header} (hours)' or "
            f"'{header} (s)'"
        )

    def chain_states(self, start: np.ndarray, duration: np.ndarray) -> np.ndarray:
        """States of one login session follow each other: when the start column holds dates
        only, each state starts where the one before it in the file ended [us]."""
        column = self.columns[Column.LOGIN]
        if pa.types.is_timestamp(column.type):
            return start
        has_clock = pc.any(pc.match_substring(column.cast(pa.string()).fill_null(""), ":"))
        if has_clock.as_py():
            return start
        self.ledger.notes.append(
            f"{self.source.file}: the start column holds dates only: each login session is "
            "placed from midnight of its first day, its states one after the other. Active "
            "agents and hours are exact; peak concurrency is not"
        )
        session = pc.dictionary_encode(self.columns[Column.SESSION_ID].cast(pa.string()))
        ids = session.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        order = np.argsort(ids, kind="stable")  # file order within each session
        lengths = np.maximum(duration[order], 0)
        before = np.cumsum(lengths) - lengths
        sorted_ids = ids[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = sorted_ids[1:] != sorted_ids[:-1]
        group = np.cumsum(first) - 1
        offset = before - before[first][group]
        chained = start.copy()
        known = sorted_ids >= 0
        chained[order[known]] = (start[order][first][group] + offset)[known]
        return chained

    def events(
        self, kind: Kind, agents: pa.Array, codes: np.ndarray, time: ParsedTimes
    ) -> FileRows:
        ledger, columns = self.ledger, self.columns
        _reject_times(ledger, time, Column.TIMESTAMP, Reason.MISSING_TIME)
        ledger.notes.extend(time.notes)
        if kind is Kind.EVENTS:
            names = _normalized(columns[Column.EVENT])
            ledger.reject(Reason.MISSING_EVENT, _bool(pc.equal(names, "")), Column.EVENT)
            is_login = _bool(pc.is_in(names, LOGIN_WORDS))
            is_logout = _bool(pc.is_in(names, LOGOUT_WORDS))
            ledger.reject(Reason.OTHER_EVENT, ~is_login & ~is_logout, Column.EVENT)
            return FileRows(
                ledger, self.source, kind, agents, codes, time.values, logged_in=is_login,
                unit=time.unit,
            )  # fmt: skip
        activity = _normalized(columns[Column.ACTIVITY])
        ledger.reject(Reason.MISSING_EVENT, _bool(pc.equal(activity, "")), Column.ACTIVITY)
        self.note_no_logged_out_state()
        before = np.zeros(len(codes), dtype=bool)
        if Column.PREVIOUS_ACTIVITY in columns:
            previous = _normalized(columns[Column.PREVIOUS_ACTIVITY])
            before = _bool(pc.not_equal(previous, "")) & ~self.is_logged_out(
                Column.PREVIOUS_ACTIVITY
            )
        return FileRows(
            ledger, self.source, kind, agents, codes, time.values,
            logged_in=~self.is_logged_out(Column.ACTIVITY), logged_in_before=before,
            unit=time.unit,
        )  # fmt: skip


def normalize_word(text: str) -> str:
    """``"Logged Out"`` -> ``"loggedout"``, as :func:`_normalized` does for a column."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _readings(times: ParsedTimes) -> tuple[np.ndarray, np.ndarray]:
    """Each time's two readings [us]: the same twice, but for a time that occurs twice."""
    value = times.micros
    if times.folds is None:
        return value, value
    factor = MICROS // times.unit
    first, second = (np.where(times.ambiguous, fold * factor, value) for fold in times.folds)
    return first, second


def _settled(
    times: ParsedTimes, rows: np.ndarray, first: np.ndarray, second: np.ndarray, late: np.ndarray
) -> ParsedTimes:
    """``times`` with its ambiguous times in ``rows`` read as chosen (``late``: the second)."""
    rows = rows & times.ambiguous
    if not rows.any():
        return times
    values = times.values.copy()
    values[rows] = np.where(late, second, first)[rows] // (MICROS // times.unit)
    return replace(times, values=values, ambiguous=times.ambiguous & ~rows)


def _repeated(ids: pa.Array) -> np.ndarray:
    """Rows whose (non-empty) id appeared on an earlier row."""
    encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(ids.cast(pa.string())))
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    empty = pc.equal(encoded.dictionary, "").to_numpy(zero_copy_only=False)
    _, first = np.unique(codes, return_index=True)
    repeated = np.ones(len(codes), dtype=bool)
    repeated[first] = False
    valid = codes >= 0
    valid[valid] = ~empty[codes[valid]]
    return repeated & valid


def _with_date(values: pa.Array, date: pa.Array | None) -> tuple[pa.Array, np.ndarray]:
    """Times of day joined to the date column; which rows held only a time of day."""
    if date is None or pa.types.is_timestamp(values.type):
        return values, np.zeros(len(values), dtype=bool)
    text = pc.utf8_trim_whitespace(values.cast(pa.string()))
    clock = pc.match_substring_regex(text, CLOCK_ONLY)
    day = pc.utf8_trim_whitespace(date.cast(pa.string()))
    joined = pc.binary_join_element_wise(day, text, " ")
    return pc.if_else(clock, joined, text), _bool(clock)


def parse_durations(
    values: pa.Array, unit: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Durations ``hh:mm:ss``, ``dd:hh:mm:ss`` or plain numbers of ``unit`` [us] (``480``,
    ``8.5``, ``8,5``) to microseconds (-1 = none); which rows hold text that is not a duration;
    and which hold a plain number while ``unit`` is None (not known)."""
    text = pc.utf8_trim_whitespace(values.cast(pa.string()).fill_null(""))
    missing = _bool(pc.is_in(pc.utf8_lower(text), pa.array(MISSING_WORDS)))
    parts = pc.extract_regex(text, DURATION)
    matched = _bool(parts.is_valid())

    def number(name: str) -> np.ndarray:
        field = parts.field(name).fill_null("")
        field = pc.if_else(pc.equal(field, ""), "0", field)
        return field.cast(pa.int64()).to_numpy(zero_copy_only=False)

    def fraction(name: str) -> np.ndarray:
        digits = pc.utf8_rpad(parts.field(name).fill_null(""), width=6, padding="0")
        return digits.cast(pa.int64()).to_numpy(zero_copy_only=False)

    seconds = ((number("d") * 24 + number("h")) * 60 + number("m")) * 60 + number("s")
    clock = seconds * MICROS + fraction("f")
    plain = matched & _bool(pc.not_equal(parts.field("n").fill_null(""), ""))
    per = unit or 0  # at most 10^9 units of an hour, 6 decimals: within 64 bits
    micros = np.where(plain, number("n") * per + fraction("nf") * per // MICROS, clock)
    unitless = plain & (unit is None)
    ok = matched & (number("m") <= 59) & (number("s") <= 59) & ~unitless
    return np.where(ok, micros, -1), ~missing & ~ok & ~unitless, unitless


def choose_header(
    text: TextFile, resolve: Callable[[HeaderRow], Resolved]
) -> tuple[TextFile, Resolved]:
    """The first candidate header row whose columns make a layout (row 1 for most files)."""
    first_problem = None
    for candidate in text.candidates:
        try:
            return replace(text, header=candidate), resolve(candidate)
        except LogFileError as exc:
            first_problem = first_problem or exc
    assert first_problem is not None
    raise with_notes(first_problem, text.notes)


def first_row_values(text: TextFile, header: HeaderRow) -> dict[str, list[str]]:
    """Each column's values in the first rows below ``header`` (:data:`SAMPLE_ROWS` at most,
    from the file's first 64 KB), as written."""
    lines = head_lines(text.data)[header.line : header.line + SAMPLE_ROWS]
    decoded = [line.rstrip(b"\r").decode("utf-8", errors="replace") for line in lines]
    try:
        rows = list(csv.reader(decoded, delimiter=header.delimiter))
    except csv.Error:  # a value spread over lines: no sample rather than a wrong one
        return {}
    return {
        name: [row[index] for row in rows if index < len(row)]
        for index, name in enumerate(header.headers)
    }


def first_record_values(records: Records) -> dict[str, list[str]]:
    """Each key's values in the first records (:data:`SAMPLE_ROWS` at most), as text.

    Arrow reads a JSON date such as ``"2024-06-03"`` as a timestamp at midnight: a timestamp key
    whose first values are all at midnight is given as dates, which is what they were written as.
    """
    first = records.table.slice(0, SAMPLE_ROWS)
    values = {}
    for key in first.column_names:
        found = [value for value in first.column(key).to_pylist() if value is not None]
        midnight = [isinstance(value, dt.datetime) and value.time() == dt.time() for value in found]
        if found and all(midnight):
            found = [value.date() for value in found]
        values[key] = [str(value) for value in found]
    return values


def _equals(values: pa.Array, text: str) -> np.ndarray:
    """Which rows hold ``text``, spaces around it aside; a typed column (a timestamp) holds no
    text. A dictionary-encoded column is compared once per distinct value."""
    if pa.types.is_dictionary(values.type):
        same = _equals(values.dictionary, text)
        codes = values.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return np.append(same, False)[codes]
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        return np.zeros(len(values), dtype=bool)
    return _bool(pc.equal(pc.utf8_trim_whitespace(values), text))


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
    ledger: Ledger, parsed: ParsedTimes, column: Column, missing: Reason | None
) -> None:
    if missing is not None:
        ledger.reject(missing, parsed.missing, column)
    ledger.reject(Reason.UNPARSEABLE_TIME, parsed.unparseable, column)
    ledger.reject(Reason.NONEXISTENT_TIME, parsed.nonexistent, column)
    ledger.reject(Reason.AMBIGUOUS_TIME, parsed.ambiguous, column)


def cap_ticks(hours: float, unit: int) -> int | None:
    """The open-session cap in ``unit`` ticks, or None if it is not a whole number of them."""
    exact = Decimal(repr(hours)) * 3600 * unit
    if unit == MICROS:
        return int(exact.to_integral_value())
    return int(exact) if exact == exact.to_integral_value() else None


def _normalized(values: pa.Array) -> pa.Array:
    """Lower case, punctuation and spaces removed: ``"Logged In"`` -> ``"loggedin"``.

    Event and state columns hold a few distinct words: each is normalized once."""
    encoded = values if pa.types.is_dictionary(values.type) else pc.dictionary_encode(values)
    words = _normalized_words(encoded.dictionary)
    return words.take(encoded.indices).fill_null("")


def _normalized_words(values: pa.Array) -> pa.Array:
    text = values.cast(pa.string()).fill_null("")
    return pc.replace_substring_regex(pc.utf8_lower(text), r"[\W_]+", "")


def _bool(mask: pa.Array) -> np.ndarray:
    return mask.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
