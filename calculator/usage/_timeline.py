"""The logged-in intervals of an analysis as a step function of concurrency, cut into periods.

Every reader ends with the same thing: sessions ``[start, end)`` of agents, clipped to the
reported months. :class:`SessionTable` holds them (with an optional group per session, such as a
region or site), and everything here is exact integer arithmetic on them:

- :func:`concurrency` turns one agent's overlapping sessions into one (as the counting engine
  does), then the sessions into a step function: how many agents are logged in from each instant
  to the next, with the cut instants (month, day or hour starts) always among the steps;
- :func:`per_period` sums agent-time and takes the highest level per period between cuts;
- :func:`time_at_levels` gives, per period, how long exactly L agents were logged in;
- :func:`agent_periods` splits each agent's logged-in time by period.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from calculator.usage._engine import merge_sessions
from calculator.usage._times import MICROS, on_clock, wall_micros

HOUR_US = 3600 * MICROS
DAY_US = 24 * HOUR_US


@dataclass(frozen=True)
class SessionTable:
    """Logged-in sessions of one analysis, whatever the vendor's export looked like.

    Session ``i`` is agent ``codes[i]`` logged in during ``[starts[i], ends[i])`` [ticks since
    1970-01-01 UTC]; every session lies within ``bounds[0]`` and ``bounds[-1]``. Sessions of one
    agent may overlap: they are merged before anything is counted.

    ``groups`` is the optional group column (region, site, team, queue or routing profile, as
    ``group_kind`` says): the code of each session's group in ``group_names``. Without it
    (``None``) every session is in one group.
    """

    codes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    bounds: np.ndarray
    """Starts of the reported months and the end of the last, M + 1 values [ticks]."""
    tick_us: int
    """Microseconds per tick: 1, 1,000 or 1,000,000 [us]."""
    months: tuple[str, ...]
    """The M reported months, YYYY-MM [month]."""
    zone: str
    """Billing time zone: months, days and hours of the day are counted on its clock [IANA]."""
    agents: tuple[str, ...]
    """Agent id of each code [text]."""
    groups: np.ndarray | None = None
    group_names: tuple[str, ...] = ()
    group_kind: str = "group"
    roster_accounts: np.ndarray | None = field(default=None)
    """Codes of roster accounts still provisioned when the log ends; None without a roster."""

    @property
    def ticks_per_hour(self) -> int:
        return HOUR_US // self.tick_us

    @cached_property
    def timeline(self) -> Timeline:
        """Merged sessions and their concurrency, computed on first use and kept."""
        return timeline(self)

    @cached_property
    def agent_month_ticks(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:func:`agent_periods` by month, computed on first use and kept."""
        return agent_periods(self, self.bounds)

    def group_tables(self) -> list[tuple[str | None, SessionTable]]:
        """One table per group that has sessions, by group name; one unnamed without groups."""
        if self.groups is None:
            return [(None, self)]
        tables = []
        for code in np.unique(self.groups):
            chosen = self.groups == code
            tables.append(
                (
                    self.group_names[int(code)],
                    SessionTable(
                        codes=self.codes[chosen],
                        starts=self.starts[chosen],
                        ends=self.ends[chosen],
                        bounds=self.bounds,
                        tick_us=self.tick_us,
                        months=self.months,
                        zone=self.zone,
                        agents=self.agents,
                    ),
                )
            )
        return tables


@dataclass(frozen=True)
class Timeline:
    """One agent's overlapping sessions merged, and the concurrency they give, computed once."""

    codes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    """Merged sessions, sorted by agent then time [ticks]."""
    times: np.ndarray
    """Instants at which the number of agents logged in changes, increasing [ticks]."""
    levels: np.ndarray
    """Agents logged in from ``times[k]`` until the next change; 0 after the last [agents]."""


def timeline(table: SessionTable) -> Timeline:
    """Merge each agent's sessions, then sort every login and logout once: a logout sorts before
    a login at the same instant (sessions are half-open, so touching ones never overlap)."""
    codes, starts, ends = merge_sessions(table.codes, table.starts, table.ends)
    keys = np.concatenate([ends, starts]).astype(np.int64)
    keys <<= 1
    keys[len(ends) :] |= 1
    keys.sort()
    change = (keys & 1) * 2 - 1
    keys >>= 1
    running = np.cumsum(change)
    last = np.ones(len(keys), dtype=bool)
    last[:-1] = keys[1:] != keys[:-1]
    return Timeline(codes, starts, ends, times=keys[last], levels=running[last])


@dataclass(frozen=True)
class Steps:
    """Concurrency as a step function: ``levels[k]`` agents during ``[times[k], times[k + 1])``."""

    times: np.ndarray
    """Step instants, increasing, every cut among them; the last is the last cut [ticks]."""
    levels: np.ndarray
    """Agents logged in from each step to the next; one fewer than ``times`` [agents]."""
    period: np.ndarray
    """Index of the period (between two cuts) each step lies in."""
    cut_at: np.ndarray
    """Position in ``times`` of every cut but the last: where each period begins."""


def concurrency(table: SessionTable, cuts: np.ndarray) -> Steps:
    """The step function of agents logged in, with ``cuts`` (increasing, spanning every session,
    e.g. ``table.bounds``) among its steps, so each step lies in exactly one period."""
    line = table.timeline
    cuts = np.asarray(cuts, dtype=np.int64)
    # The level at a cut is the level after the last change at or before it; none before: 0
    # (index -1 picks the appended 0).
    before = np.searchsorted(line.times, cuts, side="right") - 1
    at_cut = np.append(line.levels, 0)[before]
    fresh = ~np.isin(cuts, line.times, assume_unique=True)
    where = np.searchsorted(line.times, cuts[fresh])
    times = np.insert(line.times, where, cuts[fresh])
    levels = np.insert(line.levels, where, at_cut[fresh])
    period = np.searchsorted(cuts, times[:-1], side="right") - 1
    return Steps(
        times=times,
        levels=levels[:-1],
        period=period,
        cut_at=np.searchsorted(times, cuts[:-1]),
    )


def per_period(steps: Steps) -> tuple[np.ndarray, np.ndarray]:
    """Agent-time [agent-ticks] and the highest level [agents] of each period between cuts."""
    area = np.add.reduceat(steps.levels * np.diff(steps.times), steps.cut_at)
    peak = np.maximum.reduceat(steps.levels, steps.cut_at)
    return area, peak


def time_at_levels(steps: Steps, periods: int) -> np.ndarray:
    """``result[p, L]``: how long exactly ``L`` agents were logged in during period ``p`` [ticks].

    Per-period sums never exceed one period's length (< 2**53 ticks for a month in
    microseconds), so the float weights of ``bincount`` add them exactly.
    """
    width = int(steps.levels.max(initial=0)) + 1
    held = np.bincount(
        steps.period * width + steps.levels,
        weights=np.diff(steps.times).astype(np.float64),
        minlength=periods * width,
    )
    return np.rint(held).astype(np.int64).reshape(periods, width)


def time_at_least(held: np.ndarray) -> np.ndarray:
    """``result[p, N - 1]``: how long at least ``N`` agents were logged in, ``N = 1, 2, ...``
    [ticks], from :func:`time_at_levels`."""
    return np.cumsum(held[:, ::-1], axis=1)[:, ::-1][:, 1:]


def agent_periods(
    table: SessionTable, cuts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Logged-in time of each agent in each period between ``cuts``, where it is not zero:
    ``(codes, periods, ticks)``, sorted by agent then period."""
    line = table.timeline
    codes, starts, ends = line.codes, line.starts, line.ends
    cuts = np.asarray(cuts, dtype=np.int64)
    first = np.searchsorted(cuts, starts, side="right") - 1
    last = np.searchsorted(cuts, ends - 1, side="right") - 1
    pieces = last - first + 1
    index = np.repeat(np.arange(len(starts)), pieces)
    offset = np.arange(len(index)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    period = first[index] + offset
    ticks = np.minimum(ends[index], cuts[period + 1]) - np.maximum(starts[index], cuts[period])
    key = codes[index].astype(np.int64) * (len(cuts) - 1) + period
    pairs, inverse = np.unique(key, return_inverse=True)
    # One agent's time in one period is at most the period's length: exact in float64.
    total = np.rint(np.bincount(inverse, weights=ticks.astype(np.float64))).astype(np.int64)
    return pairs // (len(cuts) - 1), pairs % (len(cuts) - 1), total


def local_midnight(day: dt.date, zone: zoneinfo.ZoneInfo) -> int:
    """Midnight starting ``day`` in ``zone`` [us since 1970 UTC], as month starts are found."""
    return wall_micros(dt.datetime(day.year, day.month, day.day), zone)


def day_cuts(table: SessionTable) -> tuple[list[str], np.ndarray]:
    """The days of the reported months (YYYY-MM-DD) and their local midnights, plus the end of
    the last day [ticks]. Billing months that start at an hour other than midnight begin and end
    part of the way into a day: that day is listed, its sessions clipped to the months."""
    zone = zoneinfo.ZoneInfo(table.zone)
    first = on_clock(int(table.bounds[0]) * table.tick_us, zone).date()
    after = on_clock((int(table.bounds[-1]) - 1) * table.tick_us, zone).date()
    after += dt.timedelta(days=1)
    days = [first + dt.timedelta(days=n) for n in range((after - first).days + 1)]
    cuts = np.array([local_midnight(day, zone) // table.tick_us for day in days], np.int64)
    return [day.isoformat() for day in days[:-1]], cuts


def hour_cuts(table: SessionTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hour starts from the first month's midnight to the end of the last month, and for each
    hour its weekday (0 = Monday) and hour of the day on the billing zone's clock."""
    step = table.ticks_per_hour
    first, stop = int(table.bounds[0]), int(table.bounds[-1])
    cuts = np.append(np.arange(first, stop, step, dtype=np.int64), stop)
    local = pd.DatetimeIndex(
        pd.to_datetime(cuts[:-1] * table.tick_us, unit="us", utc=True)
    ).tz_convert(table.zone)
    return cuts, local.day_of_week.to_numpy(np.int64), local.hour.to_numpy(np.int64)
