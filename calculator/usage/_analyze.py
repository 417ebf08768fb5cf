"""From log files to monthly billable quantities: read, check, pair, clip, count, report.

:func:`analyze_logs` runs the steps of one :class:`_Analysis` in order, each vectorized over all
rows:

1. each file is decoded (a zip's files each on their own), its layout found and its rows checked
   (:mod:`calculator.usage._rows`); the files settle together whether dates such as 03/04/2024
   are day or month first; an optional roster is read likewise;
2. agent ids of all files (and the roster) share one code table;
3. events become sessions (:mod:`calculator.usage._pairing`), across files;
4. the reported months are fixed (from the options, or from the data), as billing months:
   calendar months or cycles from another day or hour (:mod:`calculator.usage._cycle`);
5. sessions are clipped to them, in the billing time zone, and the engine
   (:mod:`calculator.usage._engine`) counts active agents, peaks and hours;
6. exact duplicate sessions are found among the few repeated (agent, login) pairs the engine saw;
7. the result is written, with every row's fate from the quality ledger
   (:class:`calculator.usage._quality.QualityLedger`).
"""

from __future__ import annotations

import mmap
import os
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from calculator._models import month_labels
from calculator._words import counted
from calculator.usage._billing import hours_rounded_up
from calculator.usage._cycle import BillingCycle
from calculator.usage._direct import INSIGHTS_MAX_SESSIONS, plan_direct, run_direct
from calculator.usage._direct import sources as direct_sources
from calculator.usage._engine import MonthlyCounts
from calculator.usage._engines import AUTO_MEMORY_SESSIONS, Engine, counter, resolve_engine
from calculator.usage._errors import LogFileError
from calculator.usage._groups import SharedGroups, combine_codes, shared_groups
from calculator.usage._insights import with_insights
from calculator.usage._layouts import Kind
from calculator.usage._options import Column, LogFormat, UsageOptions
from calculator.usage._pairing import Events, Sessions, pair_activity_events, pair_login_events
from calculator.usage._quality import (
    LONG_SESSION_HOURS,
    QualityLedger,
    Reason,
    build_report,
    long_sessions_note,
    tally_report,
)
from calculator.usage._result import (
    MonthCoverage,
    MonthsActiveCount,
    RosterSummary,
    UsageMonth,
    UsageResult,
)
from calculator.usage._roster import Roster, read_roster
from calculator.usage._rows import FileRows, cap_ticks, read_rows
from calculator.usage._source import (
    DEFAULT_MAX_BYTES,
    MAX_FILES,
    Raw,
    decode_file,
    open_documents,
)
from calculator.usage._timeline import SessionTable
from calculator.usage._times import (
    EITHER_ORDER_CHOICE,
    MICROS,
    UNIT_NAMES,
    DateOrder,
    on_clock,
)

LogData = bytes | os.PathLike[str]
"""A log given as its bytes or as a path to read."""
MAX_REPORT_MONTHS = 1200
"""A log spanning more than 100 years has bad timestamps; the user must choose the months."""
Progress = Callable[[float, str], None]
_HOUR = Decimal(3600 * MICROS)


def analyze_log(
    name: str,
    data: LogData,
    options: UsageOptions | None = None,
    roster: tuple[str, LogData] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    engine: Engine | str = Engine.AUTO,
) -> UsageResult:
    """Monthly usage from one log file (CSV, .csv.gz or a .zip holding one CSV).

    ``data`` is the file's bytes, or its path: a path lets the bytes be freed once parsed.
    """
    return analyze_logs(
        [(name, data)], options, roster, max_bytes=max_bytes, progress=progress, engine=engine
    )


def analyze_logs(
    files: Sequence[tuple[str, LogData]],
    options: UsageOptions | None = None,
    roster: tuple[str, LogData] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    engine: Engine | str = Engine.AUTO,
) -> UsageResult:
    """Monthly usage from one or more log files read together (e.g. one export per week).

    ``files`` are ``(file name, bytes or path)`` pairs; ``roster`` is optional, the same way.
    ``engine`` counts the sessions (:class:`~calculator.usage._engines.Engine`); every engine
    gives the same result, and ``auto`` picks by the number of sessions (``progress`` says which).
    Raises :class:`LogFileError` only for a file that cannot be read at all; problems in rows
    are counted in ``result.quality``.
    """
    chosen = choose_engine(engine)
    direct = _analyze_direct(files, options or UsageOptions(), roster, chosen, progress)
    if direct is not None:
        return direct
    files = expand_folders(files)
    if not files:
        raise LogFileError("no log file given")
    if len(files) > MAX_FILES:
        raise LogFileError(
            f"{len(files):,} files given; at most {MAX_FILES:,} are read together (export longer "
            "periods per file, or several pages per file)"
        )
    analysis = _Analysis(options or UsageOptions(), max_bytes, progress, chosen)
    analysis.read_logs(files)
    analysis.read_roster(roster)
    analysis.pair_sessions()
    analysis.fix_months()
    analysis.count()
    analysis.compare_with_roster()
    return analysis.result()


FOLDER_SUFFIXES = (".parquet", ".csv", ".csv.gz", ".json", ".jsonl", ".json.gz", ".jsonl.gz")
"""Files read from a folder (the rest, such as Spark's ``_SUCCESS`` markers, are skipped)."""


def expand_folders(files: Sequence[tuple[str, LogData]]) -> list[tuple[str, LogData]]:
    """A folder given as a path stands for its log files, in every subfolder (partitions such as
    ``date=2024-01-01/``), in name order; each is named by its path below the folder."""
    expanded: list[tuple[str, LogData]] = []
    for name, data in files:
        if isinstance(data, bytes) or not Path(data).is_dir():
            expanded.append((name, data))
            continue
        folder = Path(data)
        found = sorted(
            path
            for path in folder.rglob("*")
            if path.is_file()
            and path.name.lower().endswith(FOLDER_SUFFIXES)
            and not path.name.startswith((".", "_"))
        )
        if not found:
            raise LogFileError(
                f"{name}: the folder holds no log files (names ending {', '.join(FOLDER_SUFFIXES)})"
            )
        expanded.extend((f"{name.rstrip('/')}/{path.relative_to(folder)}", path) for path in found)
    return expanded


def _analyze_direct(
    files: Sequence[tuple[str, LogData]],
    options: UsageOptions,
    roster: tuple[str, LogData] | None,
    engine: Engine,
    progress: Progress | None,
) -> UsageResult | None:
    """The DuckDB or Spark engine reading Parquet files or folders itself, out of core
    (:mod:`calculator.usage._direct`); None when the Python readers must read the files."""
    report = progress or (lambda fraction, message: None)
    candidates = [
        data
        for _, data in files
        if not isinstance(data, bytes)
        and (Path(data).is_dir() or str(data).lower().endswith(".parquet"))
    ]
    if engine is Engine.MEMORY or not candidates:
        return None
    chosen = Engine.SPARK if engine is Engine.SPARK else Engine.DUCKDB
    name = "Spark" if chosen is Engine.SPARK else "DuckDB"
    plan = plan_direct(files, options, roster is not None, name)
    if isinstance(plan, str):
        if engine is not Engine.AUTO:
            report(0.0, f"The Python readers read the rows in memory before {name} counts: {plan}")
        return None
    if engine is Engine.AUTO and plan.rows <= AUTO_MEMORY_SESSIONS:
        return None
    why = f" (auto: {counted(plan.rows, 'row')})" if engine is Engine.AUTO else ""
    report(0.1, f"Counting with the {chosen.value} engine{why}, {name} reading the files itself")
    zone = zoneinfo.ZoneInfo(options.tz)
    cycle = BillingCycle.of(options)

    partly_covered: list[MonthCoverage] = []

    def months(first: int | None, last: int | None) -> tuple[list[str], np.ndarray]:
        found = report_months(first, last, options)
        partly_covered[:] = found.partly_covered
        labels = found.labels
        return labels, np.array([cycle.start(label) for label in labels], np.int64)

    found = run_direct(plan, options, months, chosen.value)
    if found is None:
        report(
            0.0,
            "Some times are written as dates such as 01/05/2024 or Jan 5, 2024, which the "
            "Python readers read: reading the rows in memory",
        )
        return None
    month_rows: list[UsageMonth] = []
    distribution: list[MonthsActiveCount] = []
    agents = merged = 0
    if found.counts is not None:
        month_rows, distribution, agents = monthly_table(found.counts, 1, found.labels, zone)
        assert found.billed_concurrent is not None
        month_rows = [
            month.model_copy(
                update={
                    "genesys_concurrent": billed,
                    "genesys_hours": hours_rounded_up(ticks, 3600 * MICROS),
                }
            )
            for month, billed, ticks in zip(
                month_rows, found.billed_concurrent, found.counts.logged_in_ticks, strict=True
            )
        ]
        merged = found.counts.merged_sessions
    repaired = {Reason.MISSING_LOGOUT: found.repaired} if found.repaired else {}
    notes = [
        f"{name}: read as Parquet; row numbers are record numbers"
        for name in plan.names
        if plan.reader == "parquet"
    ]
    notes.extend(found.notes)
    if found.reasons or repaired:
        notes.append(
            f"The files were read and checked by {name} itself: counts per reason, without "
            "example rows (choose the memory engine to see them)"
        )
    if found.counts is not None and found.intervals is None:
        notes.append(
            f"More than {INSIGHTS_MAX_SESSIONS:,} sessions read by {name} itself: daily peaks, "
            "load-duration curves and the other insights need them in memory and are left out "
            "(choose the memory engine for them)"
        )
    result = UsageResult(
        options=options,
        sources=direct_sources(plan),
        months=month_rows,
        months_active=distribution,
        agents=agents,
        sessions=found.sessions,
        merged_sessions=merged,
        quality=tally_report(
            found.reasons, repaired, found.rows_read, options.open_session_cap_hours, notes
        ),
        partly_covered=partly_covered,
    )
    if found.intervals is not None:
        report(0.97, "Daily peaks, load-duration curves and billing figures")
        codes, starts, ends, bounds = found.intervals
        table = SessionTable(
            codes=codes,
            starts=starts,
            ends=ends,
            bounds=bounds,
            tick_us=1,
            months=tuple(found.labels[:-1]),
            zone=options.tz,
            agents=found.agents,
        )
        result = with_insights(result, table)
    report(1.0, "Done")
    return result


def choose_engine(engine: Engine | str) -> Engine:
    """The engine named, or a message that lists the engines."""
    try:
        return Engine(engine)
    except ValueError:
        names = ", ".join(item.value for item in Engine)
        raise LogFileError(
            f"engine {str(engine)[:40]!r} is not known; choose one of {names}"
        ) from None


class _Analysis:
    """One analysis, its steps in the order they run; each step reads what the ones before
    it left on the object. The quality ledger (every row's fate) travels with it."""

    agents: pa.Array
    """Distinct agent ids of all files and the roster (set when sessions are paired)."""
    file_codes: list[np.ndarray]
    roster_codes: np.ndarray | None
    unit: int
    """Ticks per second shared by all files."""
    sessions: Sessions
    groups: SharedGroups | None
    """The group of every row, when some file has a group column (set when paired)."""

    def __init__(
        self,
        options: UsageOptions,
        max_bytes: int,
        progress: Progress | None,
        engine: Engine = Engine.AUTO,
    ) -> None:
        self.options = options
        self.engine = engine
        self.max_bytes = max_bytes
        self.report = progress or (lambda fraction, message: None)
        self.zone = zoneinfo.ZoneInfo(options.tz)
        self.cycle = BillingCycle.of(options)
        self.parts: list[FileRows] = []
        self.roster: Roster | None = None
        self.quality = QualityLedger([])
        self.labels: list[str] = []
        self.partly_covered: list[MonthCoverage] = []
        self.counted: _Counted | None = None
        self.provisioned: list[int] | None = None
        self.roster_summary: RosterSummary | None = None

    def read_logs(self, files: Sequence[tuple[str, LogData]]) -> None:
        """1. Decode each file (each file of a zip), find its layout and check its rows; the
        files then settle together how their dates such as 03/04/2024 are read."""
        names = _unique_names([name for name, _ in files])
        origins: list[tuple[int, int]] = []  # each part's file and its place among the file's
        for index, ((_, data), name) in enumerate(zip(files, names, strict=True)):
            self.report(0.7 * index / len(files), f"Reading {name}")
            documents = open_documents(_load(data, name, self.max_bytes), name, self.max_bytes)
            for number in range(len(documents)):
                self.parts.append(read_rows(documents.pop(0), self.options))
                origins.append((index, number))
                if len(self.parts) > MAX_FILES:
                    raise LogFileError(
                        f"{name}: more than {MAX_FILES:,} files in all; at most {MAX_FILES:,} "
                        "are read together"
                    )
            del documents  # the file's bytes, unless the caller still holds them
        _refuse_mixed_vendors(self.parts)
        if self.options.day_first is None and len(self.parts) > 1:

            def read_again(part: int, day_first: bool) -> FileRows:
                index, number = origins[part]
                name, data = names[index], files[index][1]
                order = "day first" if day_first else "month first"
                self.report(0.7, f"Reading {self.parts[part].source.file} again, {order}")
                documents = open_documents(_load(data, name, self.max_bytes), name, self.max_bytes)
                options = self.options.model_copy(update={"day_first": day_first})
                return read_rows(documents[number], options)

            _settle_date_order(self.parts, read_again)
        self.quality = QualityLedger([part.ledger for part in self.parts])

    def read_roster(self, roster: tuple[str, LogData] | None) -> None:
        """The optional roster, read and checked the same way."""
        if roster is None:
            return
        name, data = roster
        self.report(0.7, f"Reading the roster {name}")
        text = decode_file(_load(data, name, self.max_bytes), name, self.max_bytes)
        self.roster = read_roster(text, self.options)

    def pair_sessions(self) -> None:
        """2-3. One code table for the agents of all files; events paired into sessions."""
        self.report(0.75, "Pairing logins and logouts")
        self.agents, self.file_codes, self.roster_codes = _shared_codes(self.parts, self.roster)
        self.groups = shared_groups(self.parts)
        self.unit, cap = _shared_unit(self.parts, self.options.open_session_cap_hours)
        self.sessions = _all_sessions(
            self.parts,
            self.file_codes,
            self.quality,
            cap,
            None if self.groups is None else self.groups.codes,
        )

    def fix_months(self) -> None:
        """4. The reported months: chosen, or from the first login to the last logout."""
        self.note_long_sessions()
        months = _report_months(self.sessions, self.unit, self.options)
        self.labels, self.partly_covered = months.labels, months.partly_covered

    def note_long_sessions(self) -> None:
        """Say how many sessions run longer than :data:`LONG_SESSION_HOURS`, and where the
        longest is: counted as written, they hold an agent logged in throughout (a logout typed
        a year late, or a placeholder such as 2099-12-31, fills months with hours)."""
        sessions = self.sessions
        lengths = sessions.end - sessions.start  # [ticks]
        long = np.flatnonzero(lengths > LONG_SESSION_HOURS * 3600 * self.unit)
        if not len(long):
            return
        longest = int(long[np.argmax(lengths[long])])
        days = int(lengths[longest]) / self.unit / 86400
        file = int(sessions.file[longest])
        ledger = self.quality.files[file]
        row = int(ledger.table.line_numbers(np.array([sessions.row[longest]]))[0])
        ledger.notes.append(long_sessions_note(len(long), days, ledger.table.name, row))

    def count(self) -> None:
        """5-6. Clip sessions to the months, count with the engine, mark exact duplicates."""
        if not self.labels:
            return
        self.report(0.8, "Counting active agents, peaks and hours")
        unit = self.unit
        # Month starts are whole seconds, so they are whole ticks of any unit.
        bounds = np.array([self.cycle.start(label) for label in self.labels], np.int64)
        bounds //= MICROS // unit
        origin, stop = int(bounds[0]), int(bounds[-1])
        sessions = self.sessions
        start, end = sessions.start, sessions.end
        if len(start) and (int(start.min()) < origin or int(end.max()) > stop):
            # Only a chosen month range leaves sessions outside or across its ends.
            outside = (end <= origin) | (start >= stop)
            if outside.any():
                for files, rows in (
                    (sessions.file, sessions.row),
                    (sessions.end_file, sessions.end_row),
                ):
                    self.quality.mark(
                        Reason.OUTSIDE_RANGE, files[outside], rows[outside], repair=False
                    )
                sessions = sessions.select(~outside)
            start = np.clip(sessions.start, origin, stop)
            end = np.clip(sessions.end, origin, stop)
        factor, start, end = _coarsen(start, end, unit)
        tick = MICROS // unit * factor
        min_ticks = self.options.peak_min_minutes * 60 * MICROS // tick
        chosen, self.engine = self.engine, resolve_engine(self.engine, len(sessions.codes))
        why = f" (auto: {counted(len(sessions.codes), 'session')})" if chosen is Engine.AUTO else ""
        self.report(0.8, f"Counting with the {self.engine.value} engine{why}")
        counts = counter(self.engine)(
            sessions.codes, start, end, bounds // factor, max(len(self.agents), 1), min_ticks
        )
        repeats = _mark_duplicates(sessions, counts, start, self.quality)
        codes, groups = sessions.codes, sessions.group
        if groups is not None and len(repeats):
            # A repeat changes no total, but in another group it would add an agent there.
            keep = np.ones(len(codes), dtype=bool)
            keep[repeats] = False
            codes, start, end, groups = codes[keep], start[keep], end[keep], groups[keep]
        self.counted = _Counted(
            counts,
            tick,
            sessions=len(sessions.codes) - len(repeats),
            intervals=(codes, start, end, bounds // factor),
            groups=groups,
        )

    def compare_with_roster(self) -> None:
        """Provisioned accounts per month, and the agents active without a roster entry."""
        if self.roster is None or self.roster_codes is None:
            return
        roster, roster_codes, agents = self.roster, self.roster_codes, self.agents
        months = max(len(self.labels) - 1, 0)
        total = len(agents)
        known = np.zeros(total, dtype=bool)
        used = roster.ledger.used & (roster_codes >= 0)
        known[roster_codes[used]] = True
        for part, codes in zip(self.parts, self.file_codes, strict=True):
            unknown_rows = part.ledger.used & (codes >= 0)
            unknown_rows[unknown_rows] = ~known[codes[unknown_rows]]
            part.ledger.repair(Reason.UNKNOWN_AGENT, unknown_rows, Column.AGENT)
        roster_pairs = np.empty(0, dtype=np.int64)
        active_pairs = np.empty(0, dtype=np.int64)
        if months:
            bounds = np.array([self.cycle.start(label) for label in self.labels], np.int64)
            created = roster.created[used]
            deactivated = roster.deactivated[used]
            codes = roster_codes[used]
            for month in range(months):
                alive = (created < bounds[month + 1]) & (deactivated > bounds[month])
                roster_pairs = np.concatenate(
                    [roster_pairs, month * total + np.unique(codes[alive])]
                )
            if self.counted is not None:
                active_pairs = self.counted.counts.active_months.astype(np.int64) * total
                active_pairs += self.counted.counts.active_codes
        union = np.union1d(roster_pairs, active_pairs)
        provisioned = np.bincount(union // max(total, 1), minlength=months)[:months]
        active_codes = (
            np.unique(active_pairs % max(total, 1)) if len(active_pairs) else active_pairs
        )
        provisioned_codes = np.unique(roster_pairs % max(total, 1))
        never = np.setdiff1d(provisioned_codes, active_codes)
        names = sorted(agents.take(pa.array(never)).to_pylist()) if len(never) else []
        unknown = np.setdiff1d(active_codes, np.flatnonzero(known))
        outside = np.setdiff1d(active_pairs, roster_pairs)
        outside_known = outside[known[outside % max(total, 1)]] if len(outside) else outside
        self.roster_summary = RosterSummary(
            source=roster.source,
            accounts=len(np.unique(roster_codes[used])),
            never_logged_in=names,
            unknown_agents=len(unknown),
            outside_roster_dates=len(outside_known),
            quality=build_report([roster.ledger], self.options.open_session_cap_hours, []),
        )
        self.provisioned = [int(value) for value in provisioned]

    def result(self) -> UsageResult:
        """7. The months, the part-time profile and every row's fate, as the result."""
        self.report(0.95, "Writing the report")
        months: list[UsageMonth] = []
        distribution: list[MonthsActiveCount] = []
        agents = sessions = merged = 0
        if self.counted is not None:
            months, distribution, agents = monthly_table(
                self.counted.counts, self.counted.tick, self.labels, self.zone, self.provisioned
            )
            merged = self.counted.counts.merged_sessions
            sessions = self.counted.sessions
        result = UsageResult(
            options=self.options,
            sources=[part.source for part in self.parts],
            months=months,
            months_active=distribution,
            agents=agents,
            sessions=sessions,
            merged_sessions=merged,
            quality=self.quality.report(self.options.open_session_cap_hours),
            partly_covered=self.partly_covered,
            roster=self.roster_summary,
        )
        if self.counted is not None and self.counted.intervals is not None:
            self.report(0.97, "Daily peaks, load-duration curves and billing figures")
            result = with_insights(result, self.session_table())
        self.report(1.0, "Done")
        return result

    def session_table(self) -> SessionTable:
        """The counted sessions for the insights; roster accounts provisioned when the log ends."""
        assert self.counted is not None
        assert self.counted.intervals is not None
        codes, start, end, bounds = self.counted.intervals
        accounts = None
        if self.roster is not None and self.roster_codes is not None:
            last = (int(end.max()) if len(end) else int(bounds[-1])) * self.counted.tick - 1
            alive = self.roster.ledger.used & (self.roster_codes >= 0)
            alive &= (self.roster.created <= last) & (self.roster.deactivated > last)
            accounts = self.roster_codes[alive]
        return SessionTable(
            codes=codes,
            starts=start,
            ends=end,
            bounds=bounds,
            tick_us=self.counted.tick,
            months=tuple(self.labels[:-1]),
            zone=self.options.tz,
            agents=tuple(self.agents.to_pylist()),
            roster_accounts=accounts,
            groups=self.counted.groups,
            group_names=() if self.groups is None else self.groups.names,
            group_kind="group" if self.groups is None else self.groups.kind,
        )


def monthly_table(
    counts: MonthlyCounts,
    tick: int,
    labels: list[str],
    zone: zoneinfo.ZoneInfo,
    provisioned: list[int] | None = None,
) -> tuple[list[UsageMonth], list[MonthsActiveCount], int]:
    """The report's months, the distribution of active months per agent and the active agents,
    from an engine's counts in ``tick`` microseconds."""
    months: list[UsageMonth] = []
    for index, label in enumerate(labels[:-1]):
        peak_at = int(counts.peak_at[index]) if counts.peak[index] else None
        months.append(
            UsageMonth(
                month=label,
                provisioned=None if provisioned is None else provisioned[index],
                active=int(counts.active[index]),
                peak_concurrent=int(counts.peak_held[index]),
                peak_any_instant=int(counts.peak[index]),
                peak_at=None if peak_at is None else on_clock(peak_at * tick, zone).isoformat(),
                logged_in_hours=_hours(counts.logged_in_ticks[index] * tick),
            )
        )
    per_agent = np.bincount(counts.months_active)
    distribution = [
        MonthsActiveCount(months_active=k, agents=int(n))
        for k, n in enumerate(per_agent)
        if k >= 1 and n
    ]
    return months, distribution, int(np.count_nonzero(counts.months_active))


def _load(data: LogData, name: str, max_bytes: int) -> Raw:
    """The bytes of a log; a file on disk is memory-mapped, so reading it allocates nothing."""
    if isinstance(data, bytes):
        return data
    path = Path(data)
    if not path.is_file():
        raise LogFileError(f"{name}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise LogFileError(f"{name}: the file is {size:,} bytes; the limit is {max_bytes:,}")
    if size == 0:
        return b""
    with path.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _refuse_mixed_vendors(parts: list[FileRows]) -> None:
    """Files of one analysis are one export: two vendors' files would count agents twice."""
    vendors: dict[str, str] = {}
    for part in parts:
        vendor = _VENDORS.get(part.source.format) if part.source.format else None
        if vendor is not None:
            vendors.setdefault(vendor, part.source.file)
    if len(vendors) > 1:
        listed = "; ".join(f"{file} is {vendor}" for vendor, file in list(vendors.items())[:4])
        raise LogFileError(
            f"the files come from different platforms ({listed}); analyse each platform's "
            "export on its own"
        )


def _settle_date_order(parts: list[FileRows], read_again: Callable[[int, bool], FileRows]) -> None:
    """Files read together are one export, which writes dates such as 03/04/2024 one way: a
    file whose dates show the order (a day above 12: 15/04/2024) settles it for the files whose
    dates read both ways (read again when they were read the other way), and files showing
    opposite orders are refused rather than guessed. ``read_again(i, day_first)`` reads part
    ``i`` again in the order given."""
    shown: dict[bool, DateOrder] = {}
    for part in parts:
        for order in part.date_orders:
            if order.day_first is not None:
                shown.setdefault(order.day_first, order)
    if len(shown) == 2:
        day, month = shown[True], shown[False]
        raise LogFileError(
            f"the files write dates two ways: {day.where} day first ({day.example}), "
            f"{month.where} month first ({month.example}); files read together must write them "
            f"one way: analyse them separately, or {EITHER_ORDER_CHOICE}"
        )
    if not shown:
        return  # nothing shows the order: each is read month first, with its note
    (proof,) = shown.values()
    read_as = "day first (3 April)" if proof.day_first else "month first (March 4)"
    for index, part in enumerate(parts):
        unsettled = [order for order in part.date_orders if order.day_first is None]
        if not unsettled:
            continue
        if any(order.read_day_first != proof.day_first for order in unsettled):
            parts[index] = part = read_again(index, bool(proof.day_first))
        notes = part.ledger.notes
        for order in unsettled:
            if order.note in notes:
                notes.remove(order.note)
        notes.append(
            f"{part.source.file}: dates such as 03/04/2024 were read {read_as}, as "
            f"{proof.where} writes them ({proof.example})"
        )


_VENDORS = {
    LogFormat.AMAZON_CONNECT: "Amazon Connect",
    LogFormat.AMAZON_CONNECT_EVENTS: "Amazon Connect",
    LogFormat.GENESYS: "Genesys Cloud",
    LogFormat.GENESYS_PRESENCE: "Genesys Cloud",
    LogFormat.FIVE9: "Five9",
    LogFormat.FIVE9_STATES: "Five9",
    LogFormat.TWILIO: "Twilio",
    LogFormat.TWILIO_EVENTS: "Twilio",
    LogFormat.CXONE: "NICE CXone",
    LogFormat.UCCX: "Cisco UCCX",
    LogFormat.AVAYA: "Avaya",
    LogFormat.DYNAMICS: "Microsoft Dynamics 365",
    LogFormat.BRIGHT_PATTERN: "Bright Pattern",
}


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def _shared_codes(
    parts: list[FileRows], roster: Roster | None
) -> tuple[pa.Array, list[np.ndarray], np.ndarray | None]:
    """One code table for all files: the agents of the logs first, then roster-only accounts."""
    if len(parts) == 1 and roster is None:
        return parts[0].agents, [parts[0].codes], None
    dictionaries = [part.agents for part in parts]
    codes = [part.codes for part in parts]
    if roster is not None:
        dictionaries.append(roster.agents)
        codes.append(roster.codes)
    combined, mapped = combine_codes(dictionaries, codes)
    roster_codes = mapped.pop() if roster is not None else None
    return combined, mapped, roster_codes


def _shared_unit(parts: list[FileRows], cap_hours: float) -> tuple[int, int]:
    """One time unit for every file (the finest any needs) and the cap in it [ticks]."""
    unit = max(part.unit for part in parts)
    cap = cap_ticks(cap_hours, unit)
    if cap is None:
        unit = MICROS
        cap = cap_ticks(cap_hours, unit)
        assert cap is not None
    for part in parts:
        part.to_unit(unit)
    return unit, cap


def _all_sessions(
    parts: list[FileRows],
    file_codes: list[np.ndarray],
    quality: QualityLedger,
    cap: int,
    groups: list[np.ndarray] | None = None,
) -> Sessions:
    sessions: list[Sessions] = []
    events: dict[Kind, list[Events]] = {Kind.EVENTS: [], Kind.ACTIVITY: []}
    for index, (part, codes) in enumerate(zip(parts, file_codes, strict=True)):
        used = part.ledger.used
        every = bool(used.all())
        rows = np.arange(len(used), dtype=np.int32) if every else np.flatnonzero(used)

        def pick(values: np.ndarray, every: bool = every, used: np.ndarray = used) -> np.ndarray:
            return values if every else values[used]

        group = None if groups is None else pick(groups[index])

        if part.kind is Kind.SESSIONS:
            assert part.end is not None
            sessions.append(
                Sessions(
                    codes=pick(codes),
                    start=pick(part.start),
                    end=pick(part.end),
                    file=_constant(index, len(rows)),
                    row=rows,
                    end_file=_constant(-1, len(rows)),
                    end_row=_constant(-1, len(rows)),
                    group=group,
                )
            )
            continue
        assert part.logged_in is not None
        before = part.logged_in_before
        events[part.kind].append(
            Events(
                codes=pick(codes),
                time=pick(part.start),
                logged_in=pick(part.logged_in),
                file=np.full(len(rows), index, dtype=np.int32),
                row=rows,
                logged_in_before=np.zeros(len(rows), bool) if before is None else pick(before),
                group=group,
            )
        )
    for kind, pair in ((Kind.EVENTS, pair_login_events), (Kind.ACTIVITY, pair_activity_events)):
        if events[kind]:
            sessions.append(pair(Events.concat(events[kind]), cap, quality))
    return Sessions.concat(sessions)


def _constant(value: int, count: int) -> np.ndarray:
    """A read-only array of one repeated value that takes no memory."""
    return np.broadcast_to(np.int32(value), (count,))


def _report_months(sessions: Sessions, unit: int, options: UsageOptions) -> ReportMonths:
    """The reported months for these sessions (see :func:`report_months`)."""
    to_micros = MICROS // unit
    if not len(sessions.start):
        return report_months(None, None, options)
    first = int(sessions.start.min()) * to_micros
    return report_months(first, int(sessions.end.max()) * to_micros, options)


@dataclass(frozen=True)
class ReportMonths:
    """The reported months' labels plus the month after the last (its start closes the range),
    and the first and last months the log covers only in part."""

    labels: list[str]
    partly_covered: list[MonthCoverage]


PARTLY_BELOW = Decimal("0.9")
"""A first or last month the log covers less of [1] is reported as partly covered."""


def report_months(
    first_login: int | None, last_logout: int | None, options: UsageOptions
) -> ReportMonths:
    """The reported months: chosen, or from the first login to the last logout [us] (None when
    no session was read); and the first and last of them that the span from the first login to
    the last logout covers less than :data:`PARTLY_BELOW` of.

    Why the ends are weighed: a log exported for March in Pacific time, reported in UTC months,
    ends with the few hours after 17:00 on 31 March, which are 1 April in UTC. Those hours make
    an April with a handful of agents; the month is reported as counted, and flagged, so that
    nobody takes it for a month of work (the page leaves it out of the staffing curve it hands to
    the calculator unless asked).
    """
    cycle = BillingCycle.of(options)
    first, last = options.start_month, options.end_month
    if first_login is not None and last_logout is not None:
        if first is None:
            first = cycle.label_of(first_login)
        if last is None:
            last = cycle.label_of(last_logout - 1)
    if first is None or last is None or last < first:
        return ReportMonths([], [])
    count = _months_between(first, last) + 1
    if count > MAX_REPORT_MONTHS:
        raise LogFileError(
            f"the log spans {count:,} months ({first} to {last}); some timestamps are probably "
            "wrong. Choose the months to report"
        )
    labels = month_labels(first, count + 1)
    if first_login is None or last_logout is None:
        return ReportMonths(labels, [])
    partly = []
    for index in sorted({0, count - 1}):
        start, end = (cycle.start(label) for label in labels[index : index + 2])
        span = min(end, last_logout) - max(start, first_login)
        covered = (Decimal(max(span, 0)) / (end - start)).quantize(Decimal("0.0001"))
        if covered < PARTLY_BELOW:
            partly.append(MonthCoverage(month=labels[index], covered=covered))
    return ReportMonths(labels, partly)


def _months_between(first: str, last: str) -> int:
    (y1, m1), (y2, m2) = (map(int, label.split("-")) for label in (first, last))
    return (y2 - y1) * 12 + (m2 - m1)


@dataclass
class _Counted:
    counts: MonthlyCounts
    tick: int
    """Microseconds per engine tick."""
    sessions: int
    """Sessions counted: inside the months, duplicates excluded."""
    intervals: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
    """The counted sessions' agent codes, starts and ends, and the month starts [ticks]."""
    groups: np.ndarray | None = None
    """The counted sessions' group codes; None without a group column."""


def _coarsen(start: np.ndarray, end: np.ndarray, unit: int) -> tuple[int, np.ndarray, np.ndarray]:
    """Times in the coarsest of second, millisecond or microsecond that holds each exactly:
    coarser ticks pack into fewer bits. Returns the factor by which the unit was divided.

    Arrow's safe timestamp cast divides and checks for a remainder in one pass, and refuses as
    soon as a time would lose precision.
    """
    for target in (1, 1000):
        if target >= unit:
            break
        try:
            return unit // target, _cast(start, unit, target), _cast(end, unit, target)
        except pa.ArrowInvalid:
            continue
    return 1, start, end


def _cast(values: np.ndarray, unit: int, target: int) -> np.ndarray:
    as_time = pa.array(values, type=pa.int64()).cast(pa.timestamp(UNIT_NAMES[unit]))
    return as_time.cast(pa.timestamp(UNIT_NAMES[target])).cast(pa.int64()).to_numpy()


def _mark_duplicates(
    sessions: Sessions, counts: MonthlyCounts, start: np.ndarray, quality: QualityLedger
) -> np.ndarray:
    """Mark exact repeats of a session row; only rows sharing an (agent, login) can be repeats.

    Repeats change no count (merging identical sessions is idempotent), so the engine has
    already run with them; this only reports them. Returns their positions in ``sessions``.
    """
    if not len(counts.repeated_login_codes):
        return np.empty(0, dtype=np.int64)
    from_rows = sessions.end_file < 0  # sessions read as one row each
    # Only agents with a repeated login can have repeats: look at their sessions alone.
    suspect = np.zeros(int(sessions.codes.max()) + 1, dtype=bool)
    suspect[counts.repeated_login_codes] = True
    rows = np.flatnonzero(suspect[sessions.codes])
    key = pd.MultiIndex.from_arrays([sessions.codes[rows], start[rows]])
    repeated = pd.MultiIndex.from_arrays(
        [counts.repeated_login_codes, counts.repeated_login_starts]
    )
    hit = np.zeros(len(sessions.codes), dtype=bool)
    hit[rows[key.isin(repeated)]] = True
    candidates = np.flatnonzero(hit & from_rows)
    frame = pd.DataFrame(
        {
            "code": sessions.codes[candidates],
            "start": sessions.start[candidates],
            "end": sessions.end[candidates],
            "file": sessions.file[candidates],
            "row": sessions.row[candidates],
        }
    ).sort_values(["file", "row"])
    repeats = frame[frame.duplicated(["code", "start", "end"], keep="first")]
    quality.mark(
        Reason.DUPLICATE, repeats["file"].to_numpy(), repeats["row"].to_numpy(), repair=False
    )
    return candidates[repeats.index.to_numpy()]


def _hours(micros: int) -> Decimal:
    return (Decimal(micros) / _HOUR).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
