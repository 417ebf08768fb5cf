"""Generic shapes any platform's export may take, read with a column mapping (``--map``).

Sessions with a logout or with a duration instead, login/logout events, state changes (logged in
= any state but the logged-out ones), and the date and the time in separate columns. Figures are
(month, active, peak concurrent, logged-in hours), worked out in each docstring.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.usage import LogFileError, LogFormat, UsageOptions, analyze_log
from tests.calculator.usage.logs import issues, monthly


def test_sessions_with_a_duration_instead_of_a_logout():
    """a 08:00 for 8:00:00 (8 h), b 12:00 for 5400 seconds (1.5 h): peak 2, 9.5 h. Row 4's
    duration is not understood and it has no logout: not used."""
    data = (
        b"Who,Began,Length\n"
        b"a,2024-01-02 08:00:00,8:00:00\n"
        b"b,2024-01-02 12:00:00,5400\n"
        b"c,2024-01-02 12:00:00,eight hours\n"
    )
    options = UsageOptions(
        format=LogFormat.SESSIONS,
        columns={"agent": "Who", "login": "Began", "duration": "Length"},
    )
    result = analyze_log("log.csv", data, options)
    assert monthly(result) == [("2024-01", 2, 2, Decimal("9.5000"))]
    assert issues(result) == {"unparseable_duration": [4]}


def test_date_and_times_of_day_in_separate_columns():
    """a 2 Jan 22:00 - 06:00 (past midnight: 3 Jan 06:00, 8 h); b 3 Jan 01:00 - 05:00 (4 h):
    peak 2, 12 h."""
    data = b"agent,date,login,logout\na,2024-01-02,22:00,06:00\nb,2024-01-03,01:00,05:00\n"
    result = analyze_log("log.csv", data)
    assert result.sources[0].columns["date"] == "date"
    assert monthly(result) == [("2024-01", 2, 2, Decimal("12.0000"))]


def test_state_changes_with_a_mapping_and_logged_out_states():
    """Generic state changes: x Ready 08:00, Lunch 12:00 (logged in), Signed off 16:00: 8 h; y
    Ready 09:00, Signed off 10:00: 1 h. Peak 2, 9 h."""
    data = (
        b"Operator,When,Status\n"
        b"x,2024-05-01 08:00,Ready\n"
        b"y,2024-05-01 09:00,Ready\n"
        b"y,2024-05-01 10:00,Signed off\n"
        b"x,2024-05-01 12:00,Lunch\n"
        b"x,2024-05-01 16:00,Signed off\n"
    )
    options = UsageOptions(
        format=LogFormat.STATES,
        columns={"agent": "Operator", "timestamp": "When", "activity": "Status"},
        logged_out_states=("Signed off",),
    )
    result = analyze_log("states.csv", data, options)
    assert monthly(result) == [("2024-05", 2, 2, Decimal("9.0000"))]


def test_state_changes_are_never_guessed_from_headers():
    """agent/timestamp/state headers are read as login/logout events unless states are chosen:
    a file of states then says no row is a login or logout."""
    data = b"agent,timestamp,state\nx,2024-05-01 08:00,Ready\nx,2024-05-01 16:00,Offline\n"
    assert analyze_log("s.csv", data).sources[0].format is LogFormat.EVENTS
    chosen = analyze_log("s.csv", data, UsageOptions(format=LogFormat.STATES))
    assert monthly(chosen) == [("2024-05", 1, 1, Decimal("8.0000"))]


def test_a_sessions_layout_needs_a_logout_or_a_duration():
    """Without either, the message says which fields to name."""
    with pytest.raises(LogFileError) as caught:
        analyze_log(
            "log.csv",
            b"agent,login\na,2024-01-01 08:00\n",
            UsageOptions(format=LogFormat.SESSIONS),
        )
    assert str(caught.value) == (
        "log.csv: the sessions (agent, login, logout) layout needs a logout or a duration column; "
        "the columns are 'agent', 'login'. Name it with logout=<column header> or "
        "duration=<column header>"
    )
