"""Vendor billing rules computed from the log itself: Genesys Cloud concurrent and hourly.

Public reference: Genesys Cloud resource center, billing FAQs ("Genesys Cloud concurrent
billing", "Genesys Cloud hourly billing"). Their rules, and how they are counted here exactly:

- **Concurrent**: "the maximum number (peak) of concurrent (simultaneous) users during a billing
  period", where "usage peaks shorter than 30 minutes in duration are disregarded" and a peak
  "can occur in non-contiguous intervals". Here: the billed quantity of a month is the largest
  ``N`` such that at least ``N`` agents were logged in at the same time for 30 minutes or more in
  total over the month (all stretches with ``N`` or more agents logged in add up, wherever they
  fall in the month); 0 when nobody was logged in that long. One agent's overlapping sessions
  count once. It never exceeds the month's instantaneous peak, and equals it when the peak level
  itself was held 30 minutes in total.
- **Hourly**: user-hours "rounded up to the nearest whole hour" per billing period. Here: the
  agent-time logged in during the month, summed exactly, then rounded up to a whole hour once.
- **Per region**: Genesys counts each region separately and bills the sum. When the log carries a
  group column (region, site, ...), both rules are applied per group and month and the results
  added; without one the whole log is one group.

Months are the reported billing months in the billing time zone; all arithmetic is on integers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from calculator.usage._timeline import (
    SessionTable,
    concurrency,
    per_period,
    time_at_least,
    time_at_levels,
)
from calculator.usage._times import MICROS

GENESYS_MIN_PEAK_MINUTES = 30
"""Concurrency peaks held for less than this in total over a month are disregarded [min]."""


@dataclass(frozen=True)
class GroupMonths:
    """One group's figures, one entry per reported month."""

    name: str | None
    """The group's name; None when the log has no group column."""
    active: list[int]
    """Distinct agents logged in at any moment of the month [agents]."""
    peak: list[int]
    """Most agents logged in at one instant [agents]."""
    concurrent: list[int]
    """Genesys concurrent: the peak after the 30-minute rule [agents]."""
    logged_in_ticks: list[int]
    """Agent-time logged in [ticks]."""
    hours: list[int]
    """Genesys hourly: agent-hours rounded up to a whole hour [h]."""


def held_peak(at_least: np.ndarray, min_ticks: int) -> int:
    """Largest ``N`` with ``at_least[N - 1] >= min_ticks`` (0 if none): ``at_least`` is how long
    at least 1, 2, ... agents were logged in [ticks], never increasing with ``N``."""
    qualifying = np.flatnonzero(at_least >= min_ticks)
    return int(qualifying[-1]) + 1 if len(qualifying) else 0


def hours_rounded_up(ticks: int, ticks_per_hour: int) -> int:
    """Agent-time as whole hours, any part of an hour counted as a full hour [h]."""
    return -(-ticks // ticks_per_hour)


def group_months(table: SessionTable, min_minutes: int = GENESYS_MIN_PEAK_MINUTES) -> GroupMonths:
    """Active agents, peaks and hours of one group (the whole ``table``) per month."""
    months = len(table.months)
    steps = concurrency(table, table.bounds)
    area, peak = per_period(steps)
    at_least = time_at_least(time_at_levels(steps, months))
    min_ticks = min_minutes * 60 * MICROS // table.tick_us
    _, agent_month, _ = table.agent_month_ticks
    active = np.bincount(agent_month, minlength=months)
    per_hour = table.ticks_per_hour
    return GroupMonths(
        name=None,
        active=[int(value) for value in active],
        peak=[int(value) for value in peak],
        concurrent=[held_peak(row, min_ticks) for row in at_least],
        logged_in_ticks=[int(value) for value in area],
        hours=[hours_rounded_up(int(value), per_hour) for value in area],
    )


def billing_by_group(table: SessionTable) -> list[GroupMonths]:
    """:func:`group_months` for every group of the log (one, unnamed, without a group column)."""
    return [replace(group_months(group), name=name) for name, group in table.group_tables()]


def genesys_totals(groups: list[GroupMonths]) -> tuple[list[int], list[int]]:
    """Billed concurrent agents and billed hours per month: each group's figure, summed."""
    concurrent = [
        sum(values) for values in zip(*(group.concurrent for group in groups), strict=True)
    ]
    hours = [sum(values) for values in zip(*(group.hours for group in groups), strict=True)]
    return concurrent, hours
