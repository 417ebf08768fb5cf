"""Usage insights: hand-worked examples and properties that tie them to the monthly figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

from calculator.usage import _engine as engine
from calculator.usage import analyze_log
from calculator.usage._billing import group_months
from calculator.usage._engine import merge_sessions
from calculator.usage._insights import (
    agent_months,
    daily_peaks,
    hour_of_week,
    idle_accounts,
    load_duration,
)
from calculator.usage._timeline import concurrency, time_at_least, time_at_levels
from tests.calculator.usage.tables import session_tables, table

FIXTURES = Path(__file__).parent / "fixtures"


def test_daily_peaks_by_hand():
    """Two agents overlap on the 10th (peak 2, 5 agent-hours); the 11th has one; other days
    nobody; the month has 31 days."""
    rows = [
        ("a", "2024-01-10 09:00", "2024-01-10 12:00"),
        ("b", "2024-01-10 11:00", "2024-01-10 13:00"),
        ("a", "2024-01-11 23:00", "2024-01-12 00:30"),
    ]
    days = {day.day: (day.peak, day.logged_in_hours) for day in daily_peaks(table(rows))}
    assert len(days) == 31
    assert days["2024-01-10"] == (2, Decimal("5.0000"))
    assert days["2024-01-11"] == (1, Decimal("1.0000"))
    assert days["2024-01-12"] == (1, Decimal("0.5000"))
    assert days["2024-01-13"] == (0, Decimal("0.0000"))


def test_days_follow_the_billing_clock():
    """In New York, 8 March 2026 has 23 hours: a session 2026-03-08 23:30 local to 00:30 on the
    9th counts half an hour on each day, in local dates."""
    rows = [("a", "2026-03-08 23:30", "2026-03-09 00:30")]
    days = {
        day.day: day.logged_in_hours
        for day in daily_peaks(table(rows, months=("2026-03",), zone="America/New_York"))
    }
    assert (days["2026-03-08"], days["2026-03-09"]) == (Decimal("0.5000"), Decimal("0.5000"))


def test_load_duration_by_hand():
    """At least one agent 09:00-13:00 (4 h), at least two 11:00-12:00 (1 h)."""
    rows = [
        ("a", "2024-01-10 09:00", "2024-01-10 12:00"),
        ("b", "2024-01-10 11:00", "2024-01-10 13:00"),
    ]
    (curve,) = load_duration(table(rows))
    assert curve.hours_at_least == [Decimal("4.0000"), Decimal("1.0000")]


def test_heatmap_is_the_average_over_the_hours_of_the_week():
    """January 2024 has five Mondays and five Wednesdays; the log runs from b's login at
    00:00 on Monday the 1st to b's logout at midnight after Wednesday the 31st, so it covers the
    whole month. a on Monday the 1st 09:00-10:30: Mondays 9-10 average 1/5 = 0.20 agents, 10-11
    half an hour over five hours = 0.10; b's half hours: Mondays 0-1 and Wednesdays 23-24 0.10
    each; peak 1 in all."""
    rows = [
        ("a", "2024-01-01 09:00", "2024-01-01 10:30"),
        ("b", "2024-01-01 00:00", "2024-01-01 00:30"),
        ("b", "2024-01-31 23:30", "2024-02-01 00:00"),
    ]
    cells = hour_of_week(table(rows))
    assert len(cells) == 168
    busy = {(c.weekday, c.hour): (c.average, c.peak) for c in cells if c.peak}
    assert busy == {
        (0, 0): (Decimal("0.10"), 1),
        (0, 9): (Decimal("0.20"), 1),
        (0, 10): (Decimal("0.10"), 1),
        (2, 23): (Decimal("0.10"), 1),
    }


def test_heatmap_averages_only_the_hours_the_log_covers():
    """A log of one working week, Monday 1 to Friday 5 January 2024, 09:00-17:00, reported as
    the month of January: each weekday's 9-17 hours are covered once (the log starts at 09:00
    on the 1st and ends at 17:00 on the 5th), so they average 1.00 agent, not 1/5 or 1/4 over
    Mondays and Fridays the log does not reach. Every other hour averages 0."""
    rows = [("a", f"2024-01-0{day} 09:00", f"2024-01-0{day} 17:00") for day in range(1, 6)]
    cells = hour_of_week(table(rows))
    busy = {(c.weekday, c.hour) for c in cells if c.average}
    assert busy == {(weekday, hour) for weekday in range(5) for hour in range(9, 17)}
    assert {c.average for c in cells if c.average} == {Decimal("1.00")}


def test_idle_accounts_from_a_roster():
    """Roster fixture: bob and carol are deactivated before the log ends (1 March), zoe never
    logged in, alice last logged out on 5 February at 15:00, 24 days and 9 hours before."""
    result = analyze_log(
        "log.csv",
        (FIXTURES / "generic_sessions.csv").read_bytes(),
        roster=("roster.csv", (FIXTURES / "roster.csv").read_bytes()),
    )
    insights = result.insights
    assert insights is not None
    assert [(a.account, a.last_logout, a.days_without_login) for a in insights.accounts] == [
        ("zoe", None, None),
        ("alice", "2024-02-05T15:00:00+00:00", 24),
    ]
    assert [a.account for a in idle_accounts(insights, 30)] == ["zoe"]
    assert [a.account for a in idle_accounts(insights, 24)] == ["zoe", "alice"]
    with pytest.raises(ValueError, match="days without a login: must be 0 or more"):
        idle_accounts(insights, -1)


def test_without_a_roster_there_are_no_accounts():
    """No roster: nothing to deprovision is listed (not an empty list that claims all is well)."""
    result = analyze_log("log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    assert result.insights is not None
    assert result.insights.accounts is None
    assert idle_accounts(result.insights, 0) == []


@settings(max_examples=100, deadline=None)
@given(session_tables())
def test_insights_add_up_to_the_monthly_figures(sessions):
    """Daily peaks top out at the monthly peak and their hours add up to the month's; the
    load-duration curve never rises, its first point is at most the month's hours, and summed
    over N it is the month's agent-time; hours per agent add up too, one row per active agent."""
    month = group_months(sessions)
    days = daily_peaks(sessions)
    curves = load_duration(sessions)
    per_agent = agent_months(sessions)
    steps = concurrency(sessions, sessions.bounds)
    at_least = time_at_least(time_at_levels(steps, 2))
    for index, label in enumerate(sessions.months):
        in_month = [day for day in days if day.day.startswith(label)]
        assert max(day.peak for day in in_month) == month.peak[index]
        hours = Decimal(month.logged_in_ticks[index]) / 3600
        assert abs(sum(day.logged_in_hours for day in in_month) - hours) < Decimal("0.01")
        curve = curves[index].hours_at_least
        assert len(curve) == month.peak[index]
        assert curve == sorted(curve, reverse=True)
        assert int(at_least[index].sum()) == month.logged_in_ticks[index]
        rows = [
            hours_of_agent
            for month_of_row, hours_of_agent in zip(
                per_agent.month, per_agent.logged_in_hours, strict=True
            )
            if month_of_row == label
        ]
        assert len(rows) == month.active[index]
        assert abs(sum(rows) - hours) < Decimal("0.01")
    cells = hour_of_week(sessions)
    assert max(cell.peak for cell in cells) == max(month.peak)


@settings(max_examples=60, deadline=None)
@given(session_tables())
def test_merge_paths_agree(sessions):
    """The packed merge and the lexsort fallback (keys too wide to pack) merge alike, and no
    merged session overlaps or touches the agent's next one."""
    fast = merge_sessions(sessions.codes, sessions.starts, sessions.ends)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_SESSION_MERGE_BITS", 1)
        slow = merge_sessions(sessions.codes, sessions.starts, sessions.ends)
    for left, right in zip(fast, slow, strict=True):
        assert left.tolist() == right.tolist()
    codes, starts, ends = fast
    same_agent = codes[1:] == codes[:-1]
    assert (starts[1:][same_agent] > ends[:-1][same_agent]).all()
