"""Generic shapes any platform's export may take, read with a column mapping (``--map``).

Sessions with a logout or with a duration instead, login/logout events, state changes (logged in
= any state but the logged-out ones), and the date and the time in separate columns. Figures are
(month, active, peak concurrent, logged-in hours), worked out in each docstring.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.usage import LogFileError, LogFormat, UsageOptions, analyze_log
from calculator.usage._layouts import DURATION_ALIASES, normalize_header
from tests.calculator.usage.logs import issues, monthly


def test_sessions_with_a_duration_instead_of_a_logout():
    """a 08:00 for 8:00:00 (8 h), b 12:00 for 5400 seconds (the header says "(s)"; 1.5 h):
    peak 2, 9.5 h. Row 4's duration is not understood and it has no logout: not used."""
    data = (
        b"Who,Began,Length (s)\n"
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


@pytest.mark.parametrize(
    ("header", "values", "hours"),
    [
        ("Duration (min)", ("480", "450", "480"), "23.5000"),
        ("Duration (hours)", ("8", "7.5", "8,0"), "23.5000"),
        ("duration_mins", ("480", "450", "480.0"), "23.5000"),
        ("DurationHours", ("8", "7.25", "8.25"), "23.5000"),
        ("Seconds", ("28800", "27000", "28800"), "23.5000"),
        ("Length [s]", ("28800", "27000.000001", "08:00:00"), "23.5000"),
    ],
)
def test_a_duration_in_the_unit_its_header_names(header, values, hours):
    """A session's length as a plain number is read in the unit the header names: minutes,
    hours (a decimal point or comma), seconds; hh:mm:ss still reads as a clock. ann 1 May 8 h,
    bob 1 May 7.5 h, ann 2 May 8 h: 23.5 h, peak 2 (ann and bob overlap on 1 May)."""
    data = (
        f'agent,login,"{header}"\n'
        f'ann,2024-05-01 08:00:00,"{values[0]}"\n'
        f'bob,2024-05-01 09:00:00,"{values[1]}"\n'
        f'ann,2024-05-02 08:00:00,"{values[2]}"\n'
    ).encode()
    mapped = {} if normalize_header(header) in DURATION_ALIASES else {"duration": header}
    result = analyze_log("log.csv", data, UsageOptions(columns=mapped))
    assert result.sources[0].columns["duration"] == header
    assert monthly(result) == [("2024-05", 2, 2, Decimal(hours))]
    assert issues(result) == {}


def test_a_plain_number_duration_without_a_unit_is_refused():
    """8.5 may be hours, minutes or seconds: rather than read it as 8.5 seconds, the message
    names the file, the column, the row and the value, and how to say the unit. The unit may
    also be given in the mapping: 8.5 h + 7.25 h = 15.75 h."""
    data = b"agent,login,duration\nann,2024-05-01 08:00:00,8.5\nbob,2024-05-01 09:00:00,7.25\n"
    with pytest.raises(LogFileError) as caught:
        analyze_log("log.csv", data)
    assert str(caught.value) == (
        "log.csv, column 'duration', row 2: the duration '8.5' is a plain number and nothing "
        "says in what unit; name the unit in the header (or in the column mapping), e.g. "
        "'duration (min)', 'duration (hours)' or 'duration (s)'"
    )
    mapped = analyze_log("log.csv", data, UsageOptions(columns={"duration": "duration (h)"}))
    assert monthly(mapped) == [("2024-05", 2, 2, Decimal("15.7500"))]


def test_a_unitless_duration_no_row_needs_is_not_refused():
    """Durations are read only where the logout is missing: with every logout written, plain
    numbers without a unit change nothing. Row 3 needs its duration, 90 without a unit: the
    file is refused at that row."""
    data = (
        b"agent,login,logout,duration\n"
        b"a,2024-05-01 08:00,2024-05-01 10:00,120\n"
        b"b,2024-05-01 09:00,2024-05-01 10:00,60\n"
    )
    assert monthly(analyze_log("log.csv", data)) == [("2024-05", 2, 2, Decimal("3.0000"))]
    with pytest.raises(
        LogFileError, match=r"^log.csv, column 'duration', row 3: the duration '90'"
    ):
        analyze_log("log.csv", data.replace(b"2024-05-01 10:00,60", b",90"))


def test_a_duration_too_long_to_be_one_is_not_understood():
    """A plain number of more than nine digits (31 years in seconds) is not a session's length:
    rejected by reason, like any text that is not a duration."""
    data = b"agent,login,Duration (s)\na,2024-05-01 08:00,3600\nb,2024-05-01 08:00,12345678901\n"
    result = analyze_log("log.csv", data)
    assert monthly(result) == [("2024-05", 1, 1, Decimal("1.0000"))]
    assert issues(result) == {"unparseable_duration": [3]}


def test_date_and_times_of_day_in_separate_columns():
    """a 2 Jan 22:00 - 06:00 (past midnight: 3 Jan 06:00, 8 h); b 3 Jan 01:00 - 05:00 (4 h):
    peak 2, 12 h."""
    data = b"agent,date,login,logout\na,2024-01-02,22:00,06:00\nb,2024-01-03,01:00,05:00\n"
    result = analyze_log("log.csv", data)
    assert result.sources[0].columns["date"] == "date"
    assert monthly(result) == [("2024-01", 2, 2, Decimal("12.0000"))]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "schichten.csv",
            b"Mitarbeiter;Datum;Anmeldung;Abmeldung\nann;04.03.2024;22:00;06:00\n"
            b"bob;05.03.2024;01:00;05:00\n",
        ),
        (
            "turnos.csv",
            b"Agente;Fecha;Hora entrada;Hora salida\nann;04/03/2024;22:00;06:00\n"
            b"bob;05/03/2024;01:00;05:00\n",
        ),
        (
            "timesheet.csv",
            b"Staff,Date,Time In,Time Out\nann,2024-03-04,10:00 PM,6:00 AM\n"
            b"bob,2024-03-05,1:00 AM,5:00 AM\n",
        ),
    ],
)
def test_german_spanish_and_timesheet_headers_are_read_as_exported(name, data):
    """No column named by hand: ann 4 March 22:00 to 06:00 the next day (8 h), bob 5 March
    01:00 to 05:00 (4 h): peak 2, 12 h. The German and Spanish dates are day first."""
    result = analyze_log(name, data, UsageOptions(day_first=True))
    assert monthly(result) == [("2024-03", 2, 2, Decimal("12.0000"))]


def test_the_note_on_the_date_order_names_the_date_column_once():
    """03/04/2024 reads both ways; the times are times of day, so the dates are the date
    column's: the note names it, once, not the two time columns."""
    data = b"agent,date,login,logout\na,03/04/2024,22:00,06:00\n"
    result = analyze_log("log.csv", data)
    assert result.quality.notes == [
        "log.csv, column 'date': dates such as 03/04/2024 were read month first (March 4); if "
        "the file writes the day first (3 April), choose day first"
    ]


def test_the_login_and_the_logout_each_with_its_own_date():
    """Login Date, Login Time, Logout Date, Logout Time: a 4 Mar 22:00 - 5 Mar 06:00 (8 h), b 4 Mar
    08:00 - 16:30 (8.5 h), c 4 Mar 08:00 - 6 Mar 08:00 (48 h, not one day: its logout has its own
    date): 64.5 h, peak 2 (b and c from 08:00, then a and c from 22:00), and a note on c's long
    session."""
    data = (
        b"Agent Name;Login Date;Login Time;Logout Date;Logout Time\n"
        b"a;2024-03-04;22:00;2024-03-05;06:00\n"
        b"b;2024-03-04;08:00;2024-03-04;16:30\n"
        b"c;2024-03-04;08:00;2024-03-06;08:00\n"
    )
    result = analyze_log("log.csv", data)
    assert result.sources[0].columns == {
        "agent": "Agent Name",
        "login": "Login Time",
        "logout": "Logout Time",
        "date": "Login Date",
        "logout_date": "Logout Date",
    }
    assert monthly(result) == [("2024-03", 3, 2, Decimal("64.5000"))]
    assert issues(result) == {}
    assert "longest 2.0 days (log.csv, row 4)" in result.quality.notes[0]


def test_a_logout_date_named_by_hand():
    """Headers no layout knows, named with ``--map``: the logout's date is one more field."""
    data = b"who,on,on time,off,off time\na,2024-03-04,22:00,2024-03-05,06:30\n"
    options = UsageOptions(
        format=LogFormat.SESSIONS,
        columns={
            "agent": "who",
            "date": "on",
            "login": "on time",
            "logout_date": "off",
            "logout": "off time",
        },
    )
    assert monthly(analyze_log("log.csv", data, options)) == [("2024-03", 1, 1, Decimal("8.5000"))]


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
