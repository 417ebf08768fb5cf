"""Timestamps from log text: many spellings, one exact answer in UTC microseconds, vectorized.

Each spelling family is one regular expression with named parts (year, month, day, ...); the parts
become numbers and the numbers become microseconds with numpy date arithmetic, so a whole column is
parsed without a Python loop and invalid dates (31 April, hour 25) are caught, not rolled over.

Families: ISO 8601 (``2024-01-05 08:00:00``, ``2024-01-05T08:00:00.250Z``, ``+05:30``), slashed or
dotted dates (``01/05/2024 8:00 AM``, day or month first), month names (``Fri, 05 Jan 2024
08:00:00``, ``Jan 5, 2024 8:00 AM``) and Unix epoch seconds or milliseconds (Twilio). Times
written without an offset are local times of the source zone; a daylight-saving change makes some
of them impossible (spring forward) or ambiguous (fall back), and those are flagged, never guessed.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MICROS = 1_000_000
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def on_clock(micros: int, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """An instant [us since 1970 UTC] on ``zone``'s clock, as an aware datetime."""
    return (_EPOCH + dt.timedelta(microseconds=micros)).astimezone(zone)


def wall_micros(local: dt.datetime, zone: zoneinfo.ZoneInfo) -> int:
    """A wall-clock time of ``zone`` (naive, whole seconds) as an instant [us since 1970 UTC].

    A time the clocks skip or repeat takes the offset in force before the change (``fold=0``):
    month, cycle and day starts are all found this way, so they agree."""
    offset = zone.utcoffset(local) or dt.timedelta(0)
    seconds = (local - _EPOCH.replace(tzinfo=None)) // dt.timedelta(seconds=1)
    return (seconds - int(offset.total_seconds())) * MICROS


MISSING_WORDS = ("", "n/a", "na", "null", "none", "-", "--", "nat")
_CLOCK = (
    r"(?:[T ]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*(?P<p>[AaPp]\.?[Mm]\.?)?)?"
)
_ZONE = r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
FAMILIES = {
    "iso": rf"^(?P<y>\d{{4}})[-/](?P<mo>\d{{1,2}})[-/](?P<d>\d{{1,2}}){_CLOCK}{_ZONE}$",
    "numeric": (
        rf"^(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})[/.-](?P<y>\d{{4}}|\d{{2}}),?{_CLOCK}"
        rf"{_ZONE}$"
    ),
    "day_name": (
        rf"^(?:[A-Za-z]{{3,9}},?\s+)?(?P<d>\d{{1,2}})[ -](?P<mon>[A-Za-z]{{3,9}})\.?[ -]"
        rf"(?P<y>\d{{4}}),?{_CLOCK}{_ZONE}$"
    ),
    "month_name": (
        rf"^(?:[A-Za-z]{{3,9}},?\s+)?(?P<mon>[A-Za-z]{{3,9}})\.?\s+(?P<d>\d{{1,2}}),?\s+"
        rf"(?P<y>\d{{4}}),?{_CLOCK}{_ZONE}$"
    ),
    "epoch": r"^(?P<n>\d{9,16})(?:\.(?P<f>\d{1,6}))?$",
}
_MONTH_NAMES = pa.array(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
)

LAST_USABLE_YEAR = 9998
"""Latest year a timestamp may have. A session in 9998 may run into 9999 and the report needs the
month after its last, so every month label the analysis forms stays a valid date."""
LAST_USABLE_MICROS = 253370764800 * 1_000_000
"""Start of 9999-01-01 UTC [us since 1970]: epoch timestamps from then on are unusable."""
PLACEHOLDER_YEAR = LAST_USABLE_YEAR + 1
"""Exports write a time in the year 9999 (``9999-12-31 23:59:59``, the largest date many
databases hold) for "not yet": a logout then means the session is still open."""


_UNITS = {"s": 1, "ms": 1000, "us": MICROS}
UNIT_NAMES = {ticks: name for name, ticks in _UNITS.items()}


DAY_FIRST_CHOICE = "choose day first"
MONTH_FIRST_CHOICE = "choose month first"
EITHER_ORDER_CHOICE = "choose day first or month first"
"""How the notes and errors on a date order say which choice to make: each front end names its
own control in their place with :func:`name_date_order_controls`."""


def name_date_order_controls(text: str, *, day_first: str, month_first: str, either: str) -> str:
    """``text`` (a note or an error) with its date-order choices said as a front end offers
    them: "choose day first" becomes ``day_first`` (the command line's "give --day-first"),
    "choose month first" ``month_first``, "choose day first or month first" ``either``."""
    return (
        text.replace(EITHER_ORDER_CHOICE, either)
        .replace(DAY_FIRST_CHOICE, day_first)
        .replace(MONTH_FIRST_CHOICE, month_first)
    )


@dataclass(frozen=True)
class DateOrder:
    """What one column's dates such as 03/04/2024 say about their order, when it was not
    chosen: several files of one export must be read the same way."""

    where: str
    """The file and column, as messages name them."""
    day_first: bool | None
    """True when a first number above 12 shows the day comes first, False when a second number
    above 12 shows the month does; None when no date shows it (the column is read month
    first)."""
    example: str = ""
    """A date that shows the order (``15/04/2024 08:00``); empty when none does."""
    read_day_first: bool = False
    """How the column was read while no date showed the order: day first when every date is
    dotted (``03.04.2024``, the way day-first locales such as German write dates), else month
    first."""

    @property
    def note(self) -> str:
        """What the report says of a column read one way for want of a date showing it."""
        if self.read_day_first:
            return (
                f"{self.where}: dotted dates such as 03.04.2024 were read day first (3 April), "
                "as dotted dates are written; if the file writes the month first (March 4), "
                f"{MONTH_FIRST_CHOICE}"
            )
        return (
            f"{self.where}: dates such as 03/04/2024 were read month first (March 4); if the "
            f"file writes the day first (3 April), {DAY_FIRST_CHOICE}"
        )


@dataclass
class ParsedTimes:
    """A parsed column: ticks since 1970-01-01 UTC and what went wrong where."""

    values: np.ndarray
    """Times in ``unit`` ticks: seconds when the reader typed whole seconds, else microseconds."""
    unit: int
    """Ticks per second: 1, 1,000 or 1,000,000."""
    missing: np.ndarray
    """Empty, ``N/A`` and the like."""
    unparseable: np.ndarray
    nonexistent: np.ndarray
    """Local times skipped by a daylight-saving change."""
    ambiguous: np.ndarray
    """Local times that occur twice at a daylight-saving change."""
    far_future: np.ndarray
    """Real times in the year 9999 or later (``9999-12-31 23:59:59``), also counted as
    unparseable: a placeholder for "not yet" (see :meth:`open_ended`)."""
    notes: list[str] = field(default_factory=list)
    order: DateOrder | None = None
    """What the dates such as 03/04/2024 say about their order; None when there are none,
    the order was chosen, or every one reads the same either way (01/01/2024)."""
    folds: tuple[np.ndarray, np.ndarray] | None = None
    """The two readings of each ambiguous time, the first occurrence (before the clocks go
    back) and the second [ticks of ``unit``]; 0 elsewhere. None when no time is ambiguous."""

    @property
    def valid(self) -> np.ndarray:
        return ~(self.missing | self.unparseable | self.nonexistent | self.ambiguous)

    @property
    def micros(self) -> np.ndarray:
        """The times in microseconds [us since 1970 UTC]."""
        return self.values if self.unit == MICROS else self.values * (MICROS // self.unit)

    def open_ended(self) -> ParsedTimes:
        """The column with its far-future placeholders read as missing: a logout written
        9999-12-31 23:59:59 means the session was still open when the log was written."""
        return replace(
            self,
            missing=self.missing | self.far_future,
            unparseable=self.unparseable & ~self.far_future,
        )

    def in_unit(self, unit: int) -> np.ndarray:
        """The times in a unit at least as fine as this column's."""
        return self.values if unit == self.unit else self.values * (unit // self.unit)


def parse_times(
    column: pa.ChunkedArray | pa.Array, source_tz: str, day_first: bool | None, name: str
) -> ParsedTimes:
    """Parse a string or timestamp column; times without an offset are read in ``source_tz``."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    count = len(column)
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        column = _zoned_iso(column)
    if pa.types.is_timestamp(column.type):
        if column.type.unit not in _UNITS:  # nanoseconds: finer than any log needs
            column = column.cast(pa.timestamp("us", column.type.tz))
        unit = _UNITS[column.type.unit]
        missing = _to_bool(column.is_null())
        values = column.cast(pa.int64())
        if values.null_count:
            values = values.fill_null(0)
        values = values.to_numpy(zero_copy_only=False)
        naive = ~missing if column.type.tz is None else np.zeros(count, dtype=bool)
        unparseable = ~missing & (values >= LAST_USABLE_MICROS * unit // MICROS)
        far_future = unparseable
        notes: list[str] = []
        order = None
    else:
        unit = MICROS
        values, missing, unparseable, naive, far_future, notes, order = _parse_strings(
            column, day_first, name
        )
    nonexistent = np.zeros(count, dtype=bool)
    ambiguous = np.zeros(count, dtype=bool)
    folds = None
    if source_tz != "UTC" and naive.any():
        if not values.flags.writeable:  # a zero-copy view of the reader's buffer
            values = values.copy()
        folds = _localize(values, unit, naive, source_tz, nonexistent, ambiguous)
    return ParsedTimes(
        values, unit, missing, unparseable, nonexistent, ambiguous, far_future, notes, order,
        folds,
    )  # fmt: skip


_ZONED_ISO = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"


def _zoned_iso(column: pa.Array) -> pa.Array:
    """A column of ISO 8601 times with Z or an offset (as JSON exports write them), typed by
    Arrow in one pass; anything else (one odd value is enough) stays text for the full parser."""
    sample = column.slice(0, 1000).drop_null()
    if not len(sample) or not pc.all(pc.match_substring_regex(sample, _ZONED_ISO)).as_py():
        return column
    try:
        return column.cast(pa.timestamp("us", "UTC"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return column


def _to_bool(mask: pa.Array) -> np.ndarray:
    return mask.to_numpy(zero_copy_only=False).astype(bool)


def _parse_strings(
    column: pa.Array, day_first: bool | None, name: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str], DateOrder | None]:
    count = len(column)
    text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    missing = _to_bool(pc.or_kleene(text.is_null(), pc.is_in(pc.utf8_lower(text), _MISSING)))
    micros = np.zeros(count, dtype=np.int64)
    parsed = np.zeros(count, dtype=bool)
    tried = missing.copy()
    naive = np.zeros(count, dtype=bool)
    far_future = np.zeros(count, dtype=bool)
    notes: list[str] = []
    order = None
    for family, pattern in FAMILIES.items():
        todo = np.flatnonzero(~tried)
        if not len(todo):
            break
        values = text.take(pa.array(todo)) if len(todo) < count else text
        parts = pc.extract_regex(values, pattern)
        matched = _to_bool(parts.is_valid())
        if not matched.any():
            continue
        rows = todo[matched]
        value, ok, far, is_naive, shown = _convert(
            family, parts.filter(pa.array(matched)), day_first
        )
        if shown is not None:
            day, proof, noted, read_day_first = shown
            example = "" if proof < 0 else values[int(np.flatnonzero(matched)[proof])].as_py()
            order = DateOrder(name, day, example, read_day_first if day is None else False)
            if noted:
                notes.append(order.note)
        micros[rows[ok]] = value[ok]
        naive[rows[ok]] = is_naive[ok]
        parsed[rows[ok]] = True
        far_future[rows[far]] = True
        tried[rows] = True  # the spelling matched: parsed, or an impossible date such as 31 April
    return micros, missing, ~missing & ~parsed, naive, far_future, notes, order


_MISSING = pa.array(MISSING_WORDS)


def _field(parts: pa.StructArray, name: str, default: int = 0) -> np.ndarray:
    values = parts.field(name)
    values = pc.if_else(pc.equal(values, ""), str(default), values)
    return values.cast(pa.int64()).to_numpy(zero_copy_only=False)


Shown = tuple[bool | None, int, bool, bool]
"""What dates such as 03/04/2024 read without a chosen order show (see :func:`_date_order`),
and how they were read: day first (True) or month first."""


def _convert(
    family: str, parts: pa.StructArray, day_first: bool | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, Shown | None]:
    """Microseconds UTC (or local wall time when naive), validity, far-future placeholders
    (real times in the year 9999 or later, not valid), naivety, and for dates such as
    03/04/2024 read without a chosen order what they show and how they were read."""
    shown = None
    if family == "epoch":
        digits = parts.field("n")
        number = digits.cast(pa.int64()).to_numpy(zero_copy_only=False)
        milliseconds = _to_bool(pc.greater_equal(pc.utf8_length(digits), 12))
        fraction = _fraction(parts)
        # Compared before scaling: 16 digits of milliseconds times 1,000 overflow 64 bits.
        far = number >= np.where(
            milliseconds, LAST_USABLE_MICROS // 1000, LAST_USABLE_MICROS // MICROS
        )
        micros = np.where(far, 0, np.where(milliseconds, number * 1000, number * MICROS + fraction))
        return micros, ~far, far, np.zeros(len(micros), dtype=bool), None
    year = _field(parts, "y")
    if family == "iso":
        month, day = _field(parts, "mo"), _field(parts, "d")
    elif family == "numeric":
        first, second = _field(parts, "a"), _field(parts, "b")
        if day_first is None:
            order = _date_order(first, second)
            if order is not None:
                proven = order[0]
                # Unproven dotted dates (03.04.2024) are read as the locales that write dots
                # write them, day first; slashed or dashed ones month first.
                dotted = bool(pc.all(pc.equal(parts.field("sep"), ".")).as_py())
                day_first = proven if proven is not None else dotted
                shown = (*order, day_first)
            day_first = bool(day_first)
        month, day = (second, first) if day_first else (first, second)
        year = np.where(year < 100, year + 2000, year)
    else:
        names = pc.utf8_slice_codeunits(pc.utf8_lower(parts.field("mon")), 0, 3)
        month = pc.index_in(names, value_set=_MONTH_NAMES).fill_null(-1)
        month = month.to_numpy(zero_copy_only=False).astype(np.int64) + 1
        day = _field(parts, "d")
    hour, minute, second = _field(parts, "h"), _field(parts, "mi"), _field(parts, "s")
    meridiem = pc.utf8_lower(pc.utf8_slice_codeunits(parts.field("p"), 0, 1))
    pm = _to_bool(pc.equal(meridiem, "p"))
    has_meridiem = _to_bool(pc.not_equal(meridiem, ""))
    ok = (month >= 1) & (month <= 12) & (day >= 1) & (year >= 1900) & (year <= PLACEHOLDER_YEAR)
    ok &= np.where(has_meridiem, (hour >= 1) & (hour <= 12), hour <= 23)
    ok &= (minute <= 59) & (second <= 59)
    hour = np.where(has_meridiem, hour % 12 + np.where(pm, 12, 0), hour)
    month_index = np.where(ok, (year - 1970) * 12 + month - 1, 0)
    month_start = month_index.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    next_start = (month_index + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    ok &= day <= next_start - month_start
    days = month_start + day - 1
    micros = ((days * 24 + hour) * 60 + minute) * 60 + second
    micros = micros * MICROS + _fraction(parts)
    offset, zoned, offset_ok = _offsets(parts)
    ok &= offset_ok
    far = ok & (year > LAST_USABLE_YEAR)
    ok &= ~far
    micros -= offset
    return np.where(ok, micros, 0), ok, far, ~zoned, shown


def _date_order(first: np.ndarray, second: np.ndarray) -> tuple[bool | None, int, bool] | None:
    """What the numbers of dates such as 03/04/2024 show: the order, the row that shows it
    (-1: none), and whether a note must say the column was read month first unproven.

    True: a first number above 12 (and no second one) proves the day comes first; False: a
    second number above 12 (and no first one) proves the month does; None: nothing proves
    either (every date reads both ways, or numbers above 12 stand first in some rows and
    second in others). The result is None when the order changes no date (01/01/2024)."""
    day_over, month_over = first > 12, second > 12
    either = bool(np.any((first <= 12) & (second <= 12) & (first != second)))
    if day_over.any() and not month_over.any():
        return True, int(np.argmax(day_over)), False
    if month_over.any() and not day_over.any():
        return False, int(np.argmax(month_over)), either
    if day_over.any() or either:
        return None, -1, either
    return None


def _fraction(parts: pa.StructArray) -> np.ndarray:
    """Fractional seconds to microseconds; digits beyond the sixth are dropped."""
    digits = pc.utf8_slice_codeunits(parts.field("f"), 0, 6)
    padded = pc.utf8_rpad(digits, width=6, padding="0")
    return padded.cast(pa.int64()).to_numpy(zero_copy_only=False)


def _offsets(parts: pa.StructArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """UTC offset [us], whether a zone was written, and whether it is a real offset."""
    zone = parts.field("z")
    zoned = _to_bool(pc.not_equal(zone, ""))
    count = len(zone)
    offset = np.zeros(count, dtype=np.int64)
    ok = np.ones(count, dtype=bool)
    numeric = _to_bool(pc.match_substring_regex(zone, r"^[+-]"))
    if numeric.any():
        digits = pc.replace_substring(zone.filter(pa.array(numeric)), ":", "")
        sign = np.where(_to_bool(pc.starts_with(digits, "-")), -1, 1)
        hours = pc.utf8_slice_codeunits(digits, 1, 3).cast(pa.int64()).to_numpy()
        minutes_text = pc.utf8_slice_codeunits(digits, 3, 5)
        minutes_text = pc.if_else(pc.equal(minutes_text, ""), "0", minutes_text)
        minutes = minutes_text.cast(pa.int64()).to_numpy()
        offset[numeric] = sign * (hours * 60 + minutes) * 60 * MICROS
        ok[numeric] = (hours <= 14) & (minutes <= 59)
    return offset, zoned, ok


def _localize(
    values: np.ndarray,
    unit: int,
    naive: np.ndarray,
    zone: str,
    nonexistent: np.ndarray,
    ambiguous: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Turn local wall times of ``zone`` into UTC in place; flag impossible and doubled times.
    Returns both readings of the doubled times (see :attr:`ParsedTimes.folds`), or None."""
    name = UNIT_NAMES[unit]
    rows = np.flatnonzero(naive)
    local = pd.DatetimeIndex(values[rows].astype(f"datetime64[{name}]"))
    strict = local.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
    converted = strict.as_unit(name).asi8
    failed = strict.isna()
    folds = None
    if failed.any():
        count = int(failed.sum())
        first = local[failed].tz_localize(
            zone, ambiguous=np.ones(count, dtype=bool), nonexistent="NaT"
        )
        was_ambiguous = ~first.isna()
        ambiguous[rows[failed][was_ambiguous]] = True
        nonexistent[rows[failed][~was_ambiguous]] = True
        if was_ambiguous.any():
            doubled = local[failed][was_ambiguous]
            second = doubled.tz_localize(zone, ambiguous=np.zeros(len(doubled), dtype=bool))
            at = rows[failed][was_ambiguous]
            folds = (np.zeros(len(values), dtype=np.int64), np.zeros(len(values), dtype=np.int64))
            folds[0][at] = first[was_ambiguous].as_unit(name).asi8
            folds[1][at] = second.as_unit(name).asi8
    values[rows[~failed]] = converted[~failed]
    values[rows[failed]] = 0
    return folds
