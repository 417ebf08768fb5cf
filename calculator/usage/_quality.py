"""Row bookkeeping: every row read ends up used, repaired, rejected or ignored, with a reason.

A :class:`Ledger` holds one status per data row of one file. The first reason given to a row wins
(checks run from the most basic, "no agent", to the most specific), so each row is counted once.
Repairs (a missing logout closed at the cap, say) keep the row in use and are counted separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import numpy as np

from calculator._words import counted
from calculator.usage._options import Column
from calculator.usage._result import IssueKind, QualityIssue, QualityReport, RowSample
from calculator.usage._table import RawTable

MAX_SAMPLES = 10
LONG_SESSION_HOURS = 24
"""A session longer than this [h] is named in the notes: no shift lasts a day."""


def long_sessions_note(count: int, longest_days: float, file: str, row: int | None) -> str:
    """The note on ``count`` sessions longer than :data:`LONG_SESSION_HOURS`, naming where the
    longest is, in the same words whichever engine read the log. ``row`` is None when the
    engine cannot number the file's rows (DuckDB or Spark reading a CSV file itself)."""
    if row is None:
        where = f"{file}; choose the memory engine to see its row"
    else:
        where = f"{file}, row {row:,}"
    return (
        f"{counted(count, 'session')} {'runs' if count == 1 else 'run'} longer than "
        f"{LONG_SESSION_HOURS} hours, the longest {longest_days:,.1f} days ({where}): each is "
        f"counted as logged in throughout; check {'it' if count == 1 else 'them'}, or choose "
        "the months to report"
    )


def case_variants_note(agents: Iterable[str]) -> str | None:
    """The note on agent ids written in more than one letter case (``alice@corp.com`` and
    ``Alice@Corp.com``), or ``None``. Each spelling is counted as its own agent, as the log
    writes it: whether a platform's ids ignore case is not documented, so nothing is merged."""
    spellings: dict[str, list[str]] = {}
    for agent in agents:
        spellings.setdefault(agent.casefold(), []).append(agent)
    # Sorted, so every engine (each orders its agents its own way) names the same example.
    clashes = [sorted(names) for _, names in sorted(spellings.items()) if len(names) > 1]
    if not clashes:
        return None
    first, second = clashes[0][:2]
    return (
        f"{counted(len(clashes), 'agent id')} {'is' if len(clashes) == 1 else 'are'} written in "
        f"more than one letter case, e.g. {first!r} and {second!r}: each spelling is counted as "
        "its own agent, as the log writes it; if the platform treats them as one account, "
        "they are counted too many times: correct the export"
    )


class Reason(StrEnum):
    """Why a row was not used as read. Values are stable codes for JSON output."""

    BAD_ROW = "wrong_field_count"
    BLANK_ROW = "blank_row"
    REPEATED_HEADER = "repeated_header"
    MISSING_AGENT = "missing_agent"
    MISSING_LOGIN = "missing_login"
    MISSING_TIME = "missing_timestamp"
    MISSING_EVENT = "missing_event"
    UNPARSEABLE_TIME = "unparseable_timestamp"
    NONEXISTENT_TIME = "nonexistent_local_time"
    AMBIGUOUS_TIME = "ambiguous_local_time"
    LOGOUT_BEFORE_LOGIN = "logout_before_login"
    ZERO_LENGTH = "zero_length_session"
    LOGOUT_WITHOUT_LOGIN = "logout_without_login"
    OTHER_EVENT = "other_event"
    DUPLICATE = "duplicate_row"
    LOGGED_OUT_STATE = "logged_out_state"
    UNPARSEABLE_DURATION = "unparseable_duration"
    OUTSIDE_RANGE = "outside_month_range"
    MISSING_LOGOUT = "missing_logout"
    LOGIN_BEFORE_LOGOUT = "missing_logout_before_next_login"
    ALREADY_LOGGED_IN = "logged_in_before_log_start"
    UNKNOWN_AGENT = "unknown_agent"
    MISSING_CREATED = "missing_created_date"
    DEACTIVATED_BEFORE_CREATED = "deactivated_before_created"


_KINDS = {
    Reason.BLANK_ROW: IssueKind.IGNORED,
    Reason.REPEATED_HEADER: IssueKind.IGNORED,
    Reason.OTHER_EVENT: IssueKind.IGNORED,
    Reason.DUPLICATE: IssueKind.IGNORED,
    Reason.LOGGED_OUT_STATE: IssueKind.IGNORED,
    Reason.OUTSIDE_RANGE: IssueKind.IGNORED,
    Reason.MISSING_LOGOUT: IssueKind.REPAIRED,
    Reason.LOGIN_BEFORE_LOGOUT: IssueKind.REPAIRED,
    Reason.ALREADY_LOGGED_IN: IssueKind.REPAIRED,
    Reason.UNKNOWN_AGENT: IssueKind.REPAIRED,
    Reason.MISSING_CREATED: IssueKind.REPAIRED,
}
_ORDER = list(Reason)


def describe(reason: Reason, cap_hours: float) -> str:
    """One sentence for people: what was wrong and what was done."""
    cap = f"{cap_hours:g} h"
    return {
        Reason.BAD_ROW: "Wrong number of fields (compared with the header): row skipped.",
        Reason.BLANK_ROW: "Blank row: skipped.",
        Reason.REPEATED_HEADER: "The header row again (a paged export repeats it on each page): "
        "skipped.",
        Reason.MISSING_AGENT: "No agent: row not used.",
        Reason.MISSING_LOGIN: "No login time (empty or N/A, e.g. before the report period).",
        Reason.MISSING_TIME: "No timestamp: row not used.",
        Reason.MISSING_EVENT: "No event or activity: row not used.",
        Reason.UNPARSEABLE_TIME: "Timestamp not understood, or not a real date and time.",
        Reason.NONEXISTENT_TIME: "Local time skipped by a daylight-saving change: cannot exist.",
        Reason.AMBIGUOUS_TIME: "Local time that occurs twice at a daylight-saving change: "
        "cannot tell which.",
        Reason.LOGOUT_BEFORE_LOGIN: "Logout before login: row not used.",
        Reason.ZERO_LENGTH: "Logout at the same instant as login: an empty session.",
        Reason.LOGOUT_WITHOUT_LOGIN: "Logout with no login before it in the log: the start is "
        "unknown, not used.",
        Reason.OTHER_EVENT: "Not a login or logout event (or not an activity change): ignored.",
        Reason.DUPLICATE: "Says nothing new: the same agent at the same time in the same state "
        "(logged in or out) as an earlier row, such as an exact duplicate or a second status "
        "at the same instant, or the same event id: counted once.",
        Reason.LOGGED_OUT_STATE: "A logged-out status (such as Offline): time not logged in, "
        "not counted.",
        Reason.UNPARSEABLE_DURATION: "No logout and the duration is not understood (expected "
        "hh:mm:ss, dd:hh:mm:ss or a number in the unit its header names): row not used.",
        Reason.OUTSIDE_RANGE: "Entirely outside the chosen months: not counted.",
        Reason.MISSING_LOGOUT: "No logout (empty, or a placeholder in the year 9999 such as "
        f"9999-12-31 23:59:59): the session was closed {cap} after its login.",
        Reason.LOGIN_BEFORE_LOGOUT: "No logout before the agent's next login: closed at that "
        f"login, or {cap} after its own login if that comes first.",
        Reason.ALREADY_LOGGED_IN: "Agent already logged in when the log begins: counted from "
        "the first event.",
        Reason.UNKNOWN_AGENT: "Agent not in the roster: counted as provisioned in the months "
        "they were logged in.",
        Reason.MISSING_CREATED: "No created date: provisioned from the first month.",
        Reason.DEACTIVATED_BEFORE_CREATED: "Deactivated before created: row not used.",
    }[reason]


class Ledger:
    """Status of every data row of one file."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.status = np.zeros(table.rows, dtype=np.int8)  # 0 = used, else 1 + reason index
        self.repairs: dict[Reason, np.ndarray] = {}
        self.values: dict[Reason, dict[int, tuple[str, str]]] = {}
        """Per reason, the column header and the shortened value at fault, by row index."""
        self.notes: list[str] = []

    @property
    def used(self) -> np.ndarray:
        return self.status == 0

    def reject(self, reason: Reason, mask: np.ndarray, column: Column | None = None) -> None:
        """Give ``reason`` to rows in ``mask`` (bool per row, or row indices) still in use;
        ``column`` is the field at fault, named with its value in the samples."""
        rows = _indices(mask)
        rows = rows[self.status[rows] == 0]
        self.status[rows] = _ORDER.index(reason) + 1
        self._keep_values(reason, rows, column)

    def repair(self, reason: Reason, mask: np.ndarray, column: Column | None = None) -> None:
        rows = _indices(mask)
        rows = rows[self.status[rows] == 0]
        previous = self.repairs.get(reason)
        self.repairs[reason] = rows if previous is None else np.union1d(previous, rows)
        self._keep_values(reason, rows, column)

    def _keep_values(self, reason: Reason, rows: np.ndarray, column: Column | None) -> None:
        if column is None or column not in self.table.columns or not len(rows):
            return
        header = self.table.resolved.columns.get(column, column.value)
        kept = self.values.setdefault(reason, {})
        for row in rows[:MAX_SAMPLES]:
            kept.setdefault(int(row), (header, printable(self.table.written(column, int(row)))))


def _indices(mask: np.ndarray) -> np.ndarray:
    mask = np.asarray(mask)
    return np.flatnonzero(mask) if mask.dtype == bool else mask.astype(np.int64)


def printable(value: object, limit: int = 60) -> str:
    """A cell's text for messages: unprintable characters as spaces, cut after ``limit``."""
    text = "" if value is None else str(value)
    text = "".join(char if char.isprintable() else " " for char in text)
    return text[:limit] + ("..." if len(text) > limit else "")


class QualityLedger:
    """The ledgers of all files of one analysis; rows are named by (file index, row index)."""

    def __init__(self, files: list[Ledger]) -> None:
        self.files = files

    def mark(self, reason: Reason, files: np.ndarray, rows: np.ndarray, *, repair: bool) -> None:
        """Give ``reason`` to rows identified by (file index, row index); -1 files are none."""
        for index in np.unique(files[files >= 0]):
            selected = rows[files == index]
            ledger = self.files[int(index)]
            if repair:
                ledger.repair(reason, selected)
            else:
                ledger.reject(reason, selected)

    def report(self, cap_hours: float) -> QualityReport:
        return build_report(self.files, cap_hours, [])


def build_report(ledgers: list[Ledger], cap_hours: float, notes: list[str]) -> QualityReport:
    """Counts per reason and the first row numbers, file by file; notes from each file first."""
    notes = [note for ledger in ledgers for note in ledger.notes] + notes
    counts: dict[Reason, int] = {}
    samples: dict[Reason, list[RowSample]] = {}
    rows_read = used = repaired = rejected = ignored = 0
    for ledger in ledgers:
        table = ledger.table
        name = table.name
        status = ledger.status
        bad = len(table.bad_rows)
        rows_read += table.rows + bad
        if bad:
            counts[Reason.BAD_ROW] = counts.get(Reason.BAD_ROW, 0) + bad
            samples.setdefault(Reason.BAD_ROW, []).extend(
                RowSample(file=name, row=row, value=printable(text))
                for row, text in table.bad_samples
            )
            rejected += bad
        tally = np.bincount(status, minlength=len(_ORDER) + 1)
        used += int(tally[0])
        for index, reason in enumerate(_ORDER, start=1):
            if not tally[index]:
                continue
            counts[reason] = counts.get(reason, 0) + int(tally[index])
            rows = np.flatnonzero(status == index)[:MAX_SAMPLES]
            samples.setdefault(reason, []).extend(_samples(ledger, reason, rows))
            if _KINDS.get(reason) is IssueKind.IGNORED:
                ignored += int(tally[index])
            else:
                rejected += int(tally[index])
        in_use = np.zeros(len(status), dtype=bool)
        for reason, rows in ledger.repairs.items():
            rows = rows[status[rows] == 0]
            if not len(rows):
                continue
            in_use[rows] = True
            counts[reason] = counts.get(reason, 0) + len(rows)
            samples.setdefault(reason, []).extend(_samples(ledger, reason, rows[:MAX_SAMPLES]))
        repaired += int(np.count_nonzero(in_use))
    return QualityReport(
        rows_read=rows_read,
        rows_used=used,
        rows_repaired=repaired,
        rows_rejected=rejected,
        rows_ignored=ignored,
        issues=_issues(counts, samples, cap_hours),
        notes=notes,
    )


def _issues(
    counts: dict[Reason, int], samples: dict[Reason, list[RowSample]], cap_hours: float
) -> list[QualityIssue]:
    return [
        QualityIssue(
            code=reason.value,
            kind=_KINDS.get(reason, IssueKind.REJECTED),
            description=describe(reason, cap_hours),
            count=counts[reason],
            samples=samples.get(reason, [])[:MAX_SAMPLES],
        )
        for reason in _ORDER
        if counts.get(reason)
    ]


def reason_code(reason: Reason) -> int:
    """The reason's status code in a ledger (0 = used)."""
    return _ORDER.index(reason) + 1


def reason_of(code: int) -> Reason:
    """The reason of a ledger status code (1 and up)."""
    return _ORDER[code - 1]


def tally_report(
    rejected: dict[Reason, int], repaired: dict[Reason, int], rows_read: int, cap_hours: float,
    notes: list[str],
) -> QualityReport:  # fmt: skip
    """A report from counts alone, without sample rows: rows not used per reason (each row
    once) and rows repaired per reason, of ``rows_read`` rows."""
    kinds = [_KINDS.get(reason, IssueKind.REJECTED) for reason in rejected]
    ignored = sum(
        n for n, kind in zip(rejected.values(), kinds, strict=True) if kind is IssueKind.IGNORED
    )
    not_used = sum(rejected.values())
    return QualityReport(
        rows_read=rows_read,
        rows_used=rows_read - not_used,
        rows_repaired=sum(repaired.values()),
        rows_rejected=not_used - ignored,
        rows_ignored=ignored,
        issues=_issues({**rejected, **repaired}, {}, cap_hours),
        notes=notes,
    )


def _samples(ledger: Ledger, reason: Reason, rows: np.ndarray) -> list[RowSample]:
    lines = ledger.table.line_numbers(rows)
    values = ledger.values.get(reason, {})
    samples = []
    for row, line in zip(rows, lines, strict=True):
        column, value = values.get(int(row), (None, None))
        samples.append(RowSample(file=ledger.table.name, row=int(line), column=column, value=value))
    return samples
