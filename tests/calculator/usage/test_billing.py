"""Genesys Cloud billing figures from a log: concurrent with the 30-minute rule, hourly rounded up.

Hand-worked examples follow the rules of the Genesys Cloud resource center billing FAQs; the
properties compare with the counting engine, an independent sweep over the same sessions.
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings

from calculator.usage import analyze_log
from calculator.usage._billing import (
    billing_by_group,
    genesys_totals,
    group_months,
    held_peak,
    hours_rounded_up,
)
from calculator.usage._engine import monthly_counts
from tests.calculator.usage.tables import session_tables, table


def figures(rows, **kwargs):
    """(concurrent, hours) of the first month, groups summed."""
    concurrent, hours = genesys_totals(billing_by_group(table(rows, **kwargs)))
    return concurrent[0], hours[0]


def test_a_level_held_thirty_minutes_in_pieces_counts():
    """Two agents 09:00-09:20 and again 09:40-09:50: 30 minutes in total at two, so two are
    billed though no single stretch lasts 30 minutes."""
    rows = [
        ("a", "2024-01-10 09:00", "2024-01-10 10:00"),
        ("b", "2024-01-10 09:00", "2024-01-10 09:20"),
        ("c", "2024-01-10 09:40", "2024-01-10 09:50"),
    ]
    assert figures(rows) == (2, 2)  # 60 + 20 + 10 = 90 min -> 2 h


def test_a_level_held_twenty_nine_minutes_is_disregarded():
    """The same with c logged in 09:40-09:49: 29 minutes at two, so the billed peak is one."""
    rows = [
        ("a", "2024-01-10 09:00", "2024-01-10 10:00"),
        ("b", "2024-01-10 09:00", "2024-01-10 09:20"),
        ("c", "2024-01-10 09:40", "2024-01-10 09:49"),
    ]
    assert figures(rows) == (1, 2)  # 89 min -> 2 h


def test_a_short_spike_above_a_long_plateau():
    """Three agents for 10 minutes on top of two for an hour: instant peak 3, billed 2."""
    rows = [
        ("a", "2024-01-10 09:00", "2024-01-10 10:00"),
        ("b", "2024-01-10 09:00", "2024-01-10 10:00"),
        ("c", "2024-01-10 09:25", "2024-01-10 09:35"),
    ]
    month = group_months(table(rows))
    assert (month.peak, month.concurrent, month.hours) == ([3], [2], [3])  # 130 min -> 3 h


def test_hours_are_rounded_up_once_per_month():
    """Three 20-minute sessions make exactly one hour; one more minute makes two."""
    rows = [
        ("a", "2024-01-02 09:00", "2024-01-02 09:20"),
        ("a", "2024-01-03 09:00", "2024-01-03 09:20"),
        ("b", "2024-01-04 09:00", "2024-01-04 09:20"),
    ]
    assert figures(rows)[1] == 1
    assert figures([*rows, ("c", "2024-01-05 09:00", "2024-01-05 09:01")])[1] == 2


def test_one_agents_overlapping_sessions_count_once():
    """alice twice at once (two tabs) is one user for an hour, not two."""
    rows = [
        ("alice", "2024-01-10 09:00", "2024-01-10 10:00"),
        ("alice", "2024-01-10 09:00", "2024-01-10 10:00"),
    ]
    assert figures(rows) == (1, 1)


def test_regions_are_billed_separately_and_added():
    """One agent in each of two regions for 40 minutes at the same time: each region bills one
    concurrent user and one hour (40 min rounded up), so the account pays 2 and 2; with no
    region column it would be 2 users but one 80-minute total, 2 hours."""
    rows = [
        ("eu1", "2024-01-10 09:00", "2024-01-10 09:40", "EU"),
        ("us1", "2024-01-10 09:00", "2024-01-10 09:40", "US"),
        ("us2", "2024-01-11 09:00", "2024-01-11 09:10", "US"),
    ]
    groups = billing_by_group(table(rows))
    assert [(g.name, g.concurrent, g.hours) for g in groups] == [
        ("EU", [1], [1]),
        ("US", [1], [1]),  # 50 min
    ]
    assert genesys_totals(groups) == ([2], [2])
    pooled = [row[:3] for row in rows]
    assert figures(pooled) == (2, 2)  # 90 min


def test_a_session_across_the_month_end_counts_in_both():
    """23:00 on 31 January to 01:00 on 1 February: an hour in each month, each rounded up."""
    rows = [("a", "2024-01-31 23:00", "2024-02-01 01:30")]
    month = group_months(table(rows, months=("2024-01", "2024-02")))
    assert (month.concurrent, month.hours) == ([1, 1], [1, 2])


def test_analysis_reports_the_figures_beside_the_others():
    """The analysis of a log carries both figures in each month."""
    log = (
        b"agent,login,logout\n"
        b"a,2024-01-10 09:00:00,2024-01-10 10:00:00\n"
        b"b,2024-01-10 09:00:00,2024-01-10 09:20:00\n"
    )
    month = analyze_log("log.csv", log).months[0]
    assert (month.peak_any_instant, month.genesys_concurrent, month.genesys_hours) == (2, 1, 2)


def test_held_peak_and_rounding_helpers():
    """The largest level held long enough; any part of an hour is an hour."""
    assert held_peak(np.array([100, 40, 10]), 30) == 2
    assert held_peak(np.array([20]), 30) == 0
    assert held_peak(np.array([], dtype=np.int64), 30) == 0
    assert [hours_rounded_up(ticks, 3600) for ticks in (0, 1, 3600, 3601)] == [0, 1, 1, 2]


@settings(max_examples=150, deadline=None)
@given(session_tables())
def test_concurrent_agrees_with_the_engine_and_never_exceeds_the_peak(sessions):
    """The 30-minute peak is the engine's peak held 30 minutes, never above the instant peak,
    and equal to it when the peak level itself was held 30 minutes; hours round up the
    engine's agent-time."""
    month = group_months(sessions)
    engine = monthly_counts(
        sessions.codes, sessions.starts, sessions.ends, sessions.bounds, 6, min_ticks=1800
    )
    assert month.peak == engine.peak.tolist()
    assert month.concurrent == engine.peak_held.tolist()
    assert month.logged_in_ticks == list(engine.logged_in_ticks)
    full = monthly_counts(
        sessions.codes, sessions.starts, sessions.ends, sessions.bounds, 6, min_ticks=1
    )
    for index in range(2):
        assert 0 <= month.concurrent[index] <= month.peak[index]
        # Time at the peak level is at least 30 minutes exactly when the held peak equals it.
        if month.peak[index]:
            at_peak = held_peak_time(sessions, index, month.peak[index])
            assert (month.concurrent[index] == month.peak[index]) == (at_peak >= 1800)
        assert full.peak_held[index] == month.peak[index]
        hours = month.hours[index]
        assert hours * 3600 >= month.logged_in_ticks[index] > (hours - 1) * 3600


def held_peak_time(sessions, month: int, level: int) -> int:
    """Seconds of ``month`` with at least ``level`` agents, by brute force over change points."""
    if level == 0:
        return 0
    lo, hi = int(sessions.bounds[month]), int(sessions.bounds[month + 1])
    points = sorted({lo, hi, *sessions.starts.tolist(), *sessions.ends.tolist()})
    points = [p for p in points if lo <= p <= hi]
    total = 0
    for begin, end in itertools.pairwise(points):
        inside = {
            int(code)
            for code, start, stop in zip(
                sessions.codes, sessions.starts, sessions.ends, strict=True
            )
            if start <= begin < stop
        }
        if len(inside) >= level:
            total += end - begin
    return total


@settings(max_examples=100, deadline=None)
@given(session_tables(groups=3))
def test_groups_partition_the_hours(sessions):
    """Per-region agent-time adds up to the whole; billed hours and the summed instant peaks
    are never below the pooled figures (rounding up and peaks per region can only add)."""
    groups = billing_by_group(sessions)
    pooled = group_months(sessions)
    for index in range(2):
        assert sum(g.logged_in_ticks[index] for g in groups) == pooled.logged_in_ticks[index]
        assert sum(g.hours[index] for g in groups) >= pooled.hours[index]
        assert sum(g.peak[index] for g in groups) >= pooled.peak[index]
        assert all(g.concurrent[index] <= g.peak[index] for g in groups)
