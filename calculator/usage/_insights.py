"""Usage insights from the logged-in intervals: pure functions of a :class:`SessionTable`.

Definitions (all on the billing time zone's clock, one agent's overlapping sessions counted once):

- **daily peak**: the most agents logged in at one instant of each calendar day;
- **load-duration curve** of a month: for N = 1, 2, ... up to the month's peak, the clock hours of
  the month during which at least N agents were logged in at the same time (the hours add up over
  the month wherever they fall; the 30-minute rule of Genesys concurrent billing is this curve
  read at half an hour);
- **hour-of-week heatmap**: for each weekday and hour of the day, the *average* number of agents
  logged in during those hours of the reported months that the log covers, from its first login
  to its last logout (agent-time in them divided by their length), and the highest instant in
  any of them;
- **groups**: active agents, peaks and hours per group (region, site, team, queue or routing
  profile) when the log has such a column;
- **idle accounts**: roster accounts still provisioned when the log ends, with the whole days
  since their last logout (no login in the reported months: listed first, without a date);
- **hours per agent and month**: each agent's logged-in time in each month.
"""

from __future__ import annotations

import zoneinfo
from decimal import Decimal

import numpy as np

from calculator.usage._billing import billing_by_group, genesys_totals
from calculator.usage._quality import case_variants_note
from calculator.usage._result import (
    AccountActivity,
    AgentMonths,
    DailyPeak,
    GroupMonth,
    HeatmapCell,
    LoadDuration,
    UsageInsights,
    UsageResult,
)
from calculator.usage._timeline import (
    DAY_US,
    SessionTable,
    concurrency,
    day_cuts,
    hour_cuts,
    per_period,
    time_at_least,
    time_at_levels,
)
from calculator.usage._times import MICROS, on_clock

_HOUR = Decimal(3600 * MICROS)
_STEP_US = 3600 * MICROS // 10_000


def hours(ticks: int, tick_us: int) -> Decimal:
    """Ticks as hours to four places, half away from zero [h]."""
    return (Decimal(ticks * tick_us) / _HOUR).quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP")


def local_iso(micros: int, zone: str) -> str:
    """An instant [us since 1970 UTC] as ISO 8601 on the billing clock."""
    return on_clock(micros, zoneinfo.ZoneInfo(zone)).isoformat()


def daily_peaks(table: SessionTable) -> list[DailyPeak]:
    """The most agents logged in at once, and the agent-hours, of every day of the months."""
    days, cuts = day_cuts(table)
    area, peak = per_period(concurrency(table, cuts))
    return [
        DailyPeak(day=day, peak=int(top), logged_in_hours=hours(int(time), table.tick_us))
        for day, top, time in zip(days, peak, area, strict=True)
    ]


def load_duration(table: SessionTable) -> list[LoadDuration]:
    """Per month, the clock hours with at least N agents logged in, N = 1 up to the peak."""
    steps = concurrency(table, table.bounds)
    at_least = time_at_least(time_at_levels(steps, len(table.months)))
    curves = []
    for month, row in zip(table.months, at_least, strict=True):
        used = row[: int(np.count_nonzero(row))]
        curves.append(
            LoadDuration(
                month=month, hours_at_least=[hours(int(value), table.tick_us) for value in used]
            )
        )
    return curves


def hour_of_week(table: SessionTable) -> list[HeatmapCell]:
    """Average and peak agents logged in for each of the 168 hours of the week (Monday 00:00
    first), over the hours of the reported months that the log covers: from its first login to
    its last logout, as a month's coverage is measured. A log exported up to 5 March does not
    count the rest of March as hours nobody was logged in, which would dilute every average."""
    cuts, weekday, hour = hour_cuts(table)
    area, peak = per_period(concurrency(table, cuts))
    slot = weekday * 24 + hour
    first, last = log_start(table), log_end(table)
    if first is None or last is None:
        length = np.diff(cuts)
    else:
        length = np.clip(np.minimum(cuts[1:], last) - np.maximum(cuts[:-1], first), 0, None)
    slot_area = np.zeros(168, dtype=np.int64)
    slot_length = np.zeros(168, dtype=np.int64)
    slot_peak = np.zeros(168, dtype=np.int64)
    np.add.at(slot_area, slot, area)
    np.add.at(slot_length, slot, length)
    np.maximum.at(slot_peak, slot, peak)
    cells = []
    for index in range(168):
        # Half away from zero, to hundredths of an agent, in integers.
        whole = int(slot_length[index])
        hundredths = (200 * int(slot_area[index]) + whole) // (2 * whole) if whole else 0
        cells.append(
            HeatmapCell(
                weekday=index // 24,
                hour=index % 24,
                average=Decimal(hundredths).scaleb(-2),
                peak=int(slot_peak[index]),
            )
        )
    return cells


def group_rows(table: SessionTable) -> list[GroupMonth]:
    """Figures per group and month; empty when the log has no group column."""
    if table.groups is None:
        return []
    rows = []
    for group in billing_by_group(table):
        assert group.name is not None
        for index, month in enumerate(table.months):
            rows.append(
                GroupMonth(
                    group=group.name,
                    month=month,
                    active=group.active[index],
                    peak_any_instant=group.peak[index],
                    genesys_concurrent=group.concurrent[index],
                    logged_in_hours=hours(group.logged_in_ticks[index], table.tick_us),
                    genesys_hours=group.hours[index],
                )
            )
    return rows


def log_start(table: SessionTable) -> int | None:
    """The first login of the reported months [ticks]; None without sessions."""
    return int(table.starts.min()) if len(table.starts) else None


def log_end(table: SessionTable) -> int | None:
    """The last logout of the reported months [ticks]; None without sessions."""
    return int(table.ends.max()) if len(table.ends) else None


def account_activity(table: SessionTable) -> list[AccountActivity] | None:
    """Roster accounts still provisioned at the end of the log, longest without a login first
    (those with no login in the reported months before all others, then by name)."""
    if table.roster_accounts is None:
        return None
    end = log_end(table)
    last = np.full(len(table.agents), -1, dtype=np.int64)
    if len(table.codes):
        np.maximum.at(last, table.codes, table.ends)
    day = DAY_US // table.tick_us
    rows = []
    for code in np.unique(table.roster_accounts):
        seen = int(last[code])
        if seen < 0 or end is None:
            rows.append(
                AccountActivity(
                    account=table.agents[code], last_logout=None, days_without_login=None
                )
            )
            continue
        rows.append(
            AccountActivity(
                account=table.agents[code],
                last_logout=local_iso(seen * table.tick_us, table.zone),
                days_without_login=(end - seen) // day,
            )
        )
    never = sorted((row for row in rows if row.days_without_login is None), key=_account)
    seen_rows = sorted(
        (row for row in rows if row.days_without_login is not None),
        key=lambda row: (-(row.days_without_login or 0), row.account),
    )
    return never + seen_rows


def _account(row: AccountActivity) -> str:
    return row.account


def idle_accounts(insights: UsageInsights, days: int) -> list[AccountActivity]:
    """Accounts with no login in the last ``days`` days of the log (candidates to deprovision):
    no login in the reported months, or the last logout ``days`` or more whole days before the
    end of the log. Empty without a roster."""
    if days < 0:
        raise ValueError(f"days without a login: must be 0 or more (got {days})")
    return [
        row
        for row in insights.accounts or []
        if row.days_without_login is None or row.days_without_login >= days
    ]


def agent_months(table: SessionTable) -> AgentMonths:
    """Each agent's logged-in hours per month, where not zero, sorted by agent then month."""
    codes, months, ticks = table.agent_month_ticks
    present = np.unique(codes)
    names = [table.agents[code] for code in present.tolist()]
    rank = np.zeros(len(table.agents), dtype=np.int64)
    rank[present] = np.argsort(np.argsort(np.array(names, dtype=object), kind="stable"))
    order = np.lexsort((months, rank[codes]))
    # Hours to four places, half away from zero, in integers: 0.0001 h = 360,000 us.
    tenths = (2 * ticks[order] * table.tick_us + _STEP_US) // (2 * _STEP_US)
    return AgentMonths(
        agent=[table.agents[code] for code in codes[order].tolist()],
        month=[table.months[month] for month in months[order].tolist()],
        logged_in_hours=[
            Decimal(f"{value // 10_000}.{value % 10_000:04d}") for value in tenths.tolist()
        ],
    )


def build_insights(table: SessionTable) -> UsageInsights:
    """Every insight of :mod:`calculator.usage._insights` for one analysis."""
    start, end = log_start(table), log_end(table)
    return UsageInsights(
        log_start=None if start is None else local_iso(start * table.tick_us, table.zone),
        log_end=None if end is None else local_iso(end * table.tick_us, table.zone),
        daily_peaks=daily_peaks(table),
        load_duration=load_duration(table),
        heatmap=hour_of_week(table),
        group_kind=None if table.groups is None else table.group_kind,
        groups=group_rows(table),
        accounts=account_activity(table),
        agent_months=agent_months(table),
    )


def with_insights(result: UsageResult, table: SessionTable) -> UsageResult:
    """``result`` with the Genesys billing figures in its months and its insights filled in."""
    concurrent, billed_hours = genesys_totals(billing_by_group(table))
    months = [
        month.model_copy(update={"genesys_concurrent": peak, "genesys_hours": whole})
        for month, peak, whole in zip(result.months, concurrent, billed_hours, strict=True)
    ]
    quality = result.quality
    if note := case_variants_note(table.agents):
        quality = quality.model_copy(update={"notes": [*quality.notes, note]})
    return result.model_copy(
        update={"months": months, "insights": build_insights(table), "quality": quality}
    )
