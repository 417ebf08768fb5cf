"""Billing months: calendar months, or cycles that start on another day of the month or hour.

Vendors do not all bill from midnight on the 1st. Genesys Cloud's voice billing cycle "begins
and ends at 7:00 UTC"; contracts signed mid-month often bill from their anniversary day. A
billing month here runs from day ``day`` of a month at ``hour``:00 on the billing time zone's
clock to the same day and hour of the next month, and is named by the month it starts in: with
day 15 and hour 7 in UTC, ``2026-03`` runs from 15 March 2026 07:00 UTC to 15 April 07:00 UTC.
The day is at most 28, so that every month has it. A cycle from day ``d`` of a month to day ``d``
of the next is as many days long as the month it is named by.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING

from calculator.usage._times import on_clock, wall_micros

if TYPE_CHECKING:
    from calculator.usage._options import UsageOptions


@dataclass(frozen=True)
class BillingCycle:
    """Where billing months start, in one time zone.

    >>> cycle = BillingCycle(zoneinfo.ZoneInfo("UTC"), day=15, hour=7)
    >>> cycle.start("2026-03") == int(dt.datetime(2026, 3, 15, 7, tzinfo=dt.UTC).timestamp()) * 10**6
    True
    >>> cycle.label_of(cycle.start("2026-03")), cycle.label_of(cycle.start("2026-03") - 1)
    ('2026-03', '2026-02')
    >>> cycle.describe()
    'from the 15th at 07:00 to the 15th of the next month at 07:00 (UTC)'
    """

    zone: zoneinfo.ZoneInfo
    day: int = 1
    """Day of the month a billing month starts on [day, 1-28]."""
    hour: int = 0
    """Hour of the day it starts at, on the zone's clock [h, 0-23]."""

    @classmethod
    def of(cls, options: UsageOptions) -> BillingCycle:
        """The billing months an analysis's options give."""
        return cls(zoneinfo.ZoneInfo(options.tz), options.cycle_day, options.cycle_hour)

    @property
    def calendar(self) -> bool:
        """True when billing months are calendar months (midnight on the 1st)."""
        return self.day == 1 and self.hour == 0

    def start(self, label: str) -> int:
        """The start of the ``YYYY-MM`` billing month [us since 1970 UTC].

        The zone's offset is the one in force at that wall-clock time (for a time skipped or
        repeated when the clocks change, the offset before the change)."""
        year, month = (int(part) for part in label.split("-"))
        return wall_micros(dt.datetime(year, month, self.day, self.hour), self.zone)

    def label_of(self, micros: int) -> str:
        """The billing month an instant falls in [us since 1970 UTC]: ``YYYY-MM``."""
        local = on_clock(micros, self.zone).replace(tzinfo=None)
        # A wall time before this month's start belongs to the month before.
        year, month = local.year, local.month
        if local < dt.datetime(year, month, self.day, self.hour):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return f"{year:04d}-{month:02d}"

    def describe(self) -> str:
        """The cycle in words, for a page or a report."""
        if self.calendar:
            return f"calendar months, from midnight on the 1st ({self.zone.key})"
        day = _ordinal(self.day)
        return (
            f"from the {day} at {self.hour:02d}:00 to the {day} of the next month at "
            f"{self.hour:02d}:00 ({self.zone.key})"
        )


def cycle_sentence(options: UsageOptions) -> str | None:
    """How the months of an analysis are cut, said where they are shown; None for calendar
    months, which need no word.

    >>> from calculator.usage import UsageOptions
    >>> cycle_sentence(UsageOptions()) is None
    True
    >>> print(cycle_sentence(UsageOptions(cycle_day=15)).replace(", each", ",\\n each"))
    Billing months run from the 15th at 00:00 to the 15th of the next month at 00:00 (UTC),
     each named by the month it starts in.
    """
    cycle = BillingCycle.of(options)
    if cycle.calendar:
        return None
    return f"Billing months run {cycle.describe()}, each named by the month it starts in."


def _ordinal(day: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 21st, 22nd, 23rd, 28th."""
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
