"""The counting engine against the brute-force oracle, and the edge cases named in docs/method.md#counting-from-login-logs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.usage import _engine
from calculator.usage._engine import monthly_counts
from tests.calculator.usage.oracle import oracle_months

# Three "months" of 100 ticks each: small numbers make ties and boundary cases frequent.
BOUNDS = [0, 100, 200, 300]
INSTANTS = st.one_of(
    st.sampled_from([0, 1, 50, 99, 100, 101, 150, 199, 200, 201, 250, 299, 300]),
    st.integers(0, 300),
)


@st.composite
def sessions(draw, agents: int = 4, max_size: int = 12):
    result = []
    for _ in range(draw(st.integers(0, max_size))):
        login, logout = sorted((draw(INSTANTS), draw(INSTANTS)))
        if login < logout:
            result.append((draw(st.integers(0, agents - 1)), login, logout))
    return result


def run(rows, bounds=BOUNDS, min_ticks=0, agents=4):
    codes = np.array([agent for agent, _, _ in rows], dtype=np.int64)
    starts = np.array([login for _, login, _ in rows], dtype=np.int64)
    ends = np.array([logout for _, _, logout in rows], dtype=np.int64)
    counts = monthly_counts(codes, starts, ends, np.array(bounds), agents, min_ticks)
    return [
        (
            int(counts.active[m]),
            int(counts.peak[m]),
            None if counts.peak[m] == 0 else int(counts.peak_at[m]),
            int(counts.peak_held[m]),
            counts.logged_in_ticks[m],
        )
        for m in range(len(bounds) - 1)
    ]


def expected(rows, bounds=BOUNDS, min_ticks=0):
    return [
        (month.active, month.peak, month.peak_at, month.peak_held, month.logged_in)
        for month in oracle_months(rows, bounds, min_ticks)
    ]


@settings(max_examples=300)
@given(sessions(), st.sampled_from([0, 1, 30, 60]))
def test_engine_matches_oracle(rows, min_ticks):
    """Active, peak, peak instant, peak held and logged-in time equal the brute-force answer."""
    assert run(rows, min_ticks=min_ticks) == expected(rows, min_ticks=min_ticks)


# Months of unequal length, like 31, 29, 31 and 30 days.
UNEVEN = [0, 31, 60, 91, 121]


@settings(max_examples=200)
@given(sessions(), st.sampled_from([0, 7]))
def test_unequal_months_match_oracle(rows, min_ticks):
    """Month lookup by table works when months differ in length; sessions span several."""
    rows = [(a, s, min(e, 121)) for a, s, e in rows if s < 121 and s < min(e, 121)]
    assert run(rows, UNEVEN, min_ticks) == expected(rows, UNEVEN, min_ticks)


@settings(max_examples=100)
@given(sessions())
def test_binary_search_fallback_matches_table_lookup(rows):
    """Spans too long for a lookup table use a binary search, with the same answer."""
    rows = [(a, s, min(e, 121)) for a, s, e in rows if s < 121 and s < min(e, 121)]
    table = run(rows, UNEVEN)
    original = _engine._MAX_SLOTS
    _engine._MAX_SLOTS = 0
    try:
        assert run(rows, UNEVEN) == table
    finally:
        _engine._MAX_SLOTS = original


@settings(max_examples=100)
@given(sessions(), st.sampled_from([0, 30]))
def test_merge_fallbacks_match_the_session_merge(rows, min_ticks):
    """Keys too wide for the session merge take the event merge, then lexsort: same answer."""
    sessions_path = run(rows, min_ticks=min_ticks)
    saved = (_engine._SESSION_MERGE_BITS, _engine._PACKED_MERGE_BITS)
    try:
        _engine._SESSION_MERGE_BITS = 0  # event keys: 2 per session
        assert run(rows, min_ticks=min_ticks) == sessions_path
        _engine._PACKED_MERGE_BITS = 0  # lexsort
        assert run(rows, min_ticks=min_ticks) == sessions_path
    finally:
        _engine._SESSION_MERGE_BITS, _engine._PACKED_MERGE_BITS = saved


@settings(max_examples=100)
@given(sessions(), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(rows, random):
    """Shuffling the sessions changes nothing."""
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert run(shuffled) == run(rows)


def test_logout_at_month_start_stays_in_previous_month():
    """[50, 100) ends exactly at the start of month 2: active in month 1 only."""
    result = run([(0, 50, 100)])
    assert [month[0] for month in result] == [1, 0, 0]


def test_session_across_month_end_counts_in_both_months():
    """[90, 110) is active and at peak in months 1 and 2; 10 ticks in each."""
    result = run([(0, 90, 110)])
    assert result[:2] == [(1, 1, 90, 1, 10), (1, 1, 100, 1, 10)]


def test_peak_counts_sessions_begun_in_an_earlier_month():
    """Two agents logged in since month 1 are both at the peak of month 2 at its first instant."""
    result = run([(0, 10, 250), (1, 20, 150)])
    assert result[1][1:3] == (2, 100)


def test_touching_sessions_of_one_agent_merge():
    """[10, 20) and [20, 30) of one agent: one session, never two at once."""
    counts = monthly_counts(
        np.array([0, 0]), np.array([10, 20]), np.array([20, 30]), np.array(BOUNDS), 1
    )
    assert (counts.merged_sessions, int(counts.peak[0]), counts.logged_in_ticks[0]) == (1, 1, 20)


def test_overlapping_sessions_of_one_agent_count_once():
    """Two browser tabs of one agent: peak 1, time counted once (union [10, 40) = 30)."""
    result = run([(0, 10, 30), (0, 20, 40)])
    assert result[0] == (1, 1, 10, 1, 30)


def test_logout_and_login_at_same_instant_are_not_concurrent():
    """Half-open sessions: one agent leaves at 50 as another arrives: peak 1."""
    assert run([(0, 10, 50), (1, 50, 90)])[0][1] == 1


def test_ties_at_same_instant_count_all_logins():
    """Three agents logging in at the same second: peak 3 at that second."""
    assert run([(0, 40, 60), (1, 40, 70), (2, 40, 80)])[0][1:3] == (3, 40)


def test_repeated_logins_are_reported_for_duplicate_checks():
    """Two sessions of agent 1 with the same login are duplicate candidates, nothing else is."""
    counts = monthly_counts(
        np.array([1, 1, 0]), np.array([10, 10, 10]), np.array([20, 30, 20]), np.array(BOUNDS), 2
    )
    assert (counts.repeated_login_codes.tolist(), counts.repeated_login_starts.tolist()) == (
        [1],
        [10],
    )


def test_minimum_duration_ignores_short_peaks():
    """Three agents overlap for 20 ticks, two for 60: with a 30-tick rule the peak is 2."""
    rows = [(0, 0, 80), (1, 10, 70), (2, 40, 60)]
    assert [month[3] for month in run(rows, min_ticks=30)][:1] == [2]


def test_minimum_duration_adds_up_separate_intervals():
    """Two separate 20-tick peaks of 2 agents add up to 40 >= 30: the peak of 2 counts."""
    rows = [(0, 0, 100), (1, 10, 30), (1, 60, 80)]
    assert run(rows, min_ticks=30)[0][3] == 2


def test_empty_input_gives_zero_months():
    """No sessions: every month is zero and no peak instant."""
    assert run([]) == [(0, 0, None, 0, 0)] * 3


@pytest.mark.parametrize(
    ("codes", "starts", "ends", "message"),
    [
        ([0], [5], [5], "start before they end"),
        ([0], [-1], [5], "within the bounds"),
        ([0], [5], [301], "within the bounds"),
        ([4], [5], [6], "valid codes"),
    ],
)
def test_invalid_sessions_are_refused(codes, starts, ends, message):
    """The engine's preconditions are checked, not assumed."""
    with pytest.raises(ValueError, match=message):
        monthly_counts(np.array(codes), np.array(starts), np.array(ends), np.array(BOUNDS), 4)


@settings(max_examples=100)
@given(sessions(), st.integers(-(10**12), 10**12))
def test_any_time_origin_gives_the_same_counts(rows, origin):
    """Ticks since 1970 or since the first month: same counts, peak instants shifted."""
    shifted = [(agent, login + origin, logout + origin) for agent, login, logout in rows]
    moved = run(shifted, [bound + origin for bound in BOUNDS])
    assert moved == [
        (active, peak, None if at is None else at + origin, held, time)
        for active, peak, at, held, time in run(rows)
    ]
