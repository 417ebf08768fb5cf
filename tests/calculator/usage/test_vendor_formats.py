"""Hand-written fixtures in each supported layout, with monthly figures worked out by hand.

Figures are (month, active, peak concurrent, logged-in hours); the comment above each test shows
the arithmetic. Times are UTC unless the test says otherwise.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from calculator.usage import LogFormat, UsageOptions, analyze_log
from tests.calculator.usage.logs import issues, monthly

FIXTURES = Path(__file__).parent / "fixtures"


def analyze(name: str, **options):
    return analyze_log(name, (FIXTURES / name).read_bytes(), UsageOptions(**options))


def test_generic_sessions():
    """Jan: alice 09-17, bob 12-20 (overlap: peak 2), carol 22-24 -> 8+8+2 = 18 h.
    Feb: carol 00-06, alice 09-13 + 12-15 merged 09-15, bob 23-24 -> 6+6+1 = 13 h, peak 1.
    bob's logout at 00:00 on 1 March does not make March a month."""
    result = analyze("generic_sessions.csv")
    assert monthly(result) == [
        ("2024-01", 3, 2, Decimal("18.0000")),
        ("2024-02", 3, 1, Decimal("13.0000")),
    ]
    assert [(c.months_active, c.agents) for c in result.months_active] == [(2, 3)]
    assert (result.highest_peak, result.total_logged_in_hours) == (2, Decimal("31.0000"))


def test_generic_events():
    """Mar: dave 08-16 and 20-24, erin 09:30-17:30 -> 12+8 = 20 h, peak 2 (09:30-16:00).
    Apr: dave 00-04, erin 10-18 -> 4+8 = 12 h, peak 1. Row 9 repeats row 8; row 11 is a logout
    with no login."""
    result = analyze("generic_events.csv")
    assert result.sources[0].format is LogFormat.EVENTS
    assert monthly(result) == [
        ("2024-03", 2, 2, Decimal("20.0000")),
        ("2024-04", 2, 1, Decimal("12.0000")),
    ]
    assert issues(result) == {"logout_without_login": [11], "duplicate_row": [9]}


def test_amazon_connect_login_logout_report():
    """May: jdoe 13-21, rroe 14-18:30 -> 8+4.5, and jdoe from 22:00 on 31 May with no logout,
    closed at the 12 h cap (10:00 on 1 June): +2 h -> 14.5 h, peak 2. June: 00-10 -> 10 h."""
    result = analyze("amazon_connect_login_logout.csv")
    assert result.sources[0].format is LogFormat.AMAZON_CONNECT
    assert monthly(result) == [
        ("2024-05", 2, 2, Decimal("14.5000")),
        ("2024-06", 1, 1, Decimal("10.0000")),
    ]
    assert issues(result) == {"missing_logout": [4]}


def test_genesys_login_logout_details():
    """Jan: Ana 08-16, Ben 12-20 (peak 2), Ben from 21:00 on 31 Jan with End Time N/A, capped
    at 09:00 on 1 Feb: 8+8+3 = 19 h. Feb: Ben 00-09, Chen 10:00-14:30 -> 9+4.5 = 13.5 h.
    Row 4 has Start Time N/A: its start is unknown."""
    result = analyze("genesys_login_logout_details.csv")
    assert result.sources[0].format is LogFormat.GENESYS
    assert monthly(result) == [
        ("2024-01", 2, 2, Decimal("19.0000")),
        ("2024-02", 2, 1, Decimal("13.5000")),
    ]
    assert issues(result) == {"missing_login": [4], "missing_logout": [5]}


def test_five9_times_are_pacific_and_billed_in_utc():
    """Five9 writes Pacific time. sam 31 Oct 09-17 PDT = 16:00-24:00 UTC: Oct 8 h.
    maria 31 Oct 20:00 PDT - 1 Nov 02:00 PDT = 1 Nov 03:00-09:00 UTC (6 h) and sam 4 Nov
    09-17 PST = 17:00-01:00 UTC (8 h). Row 4: maria 01:30 on 3 Nov, a time that happened
    twice (01:30 PDT = 08:30 UTC, 01:30 PST = 09:30 UTC), to 09:00 PST = 17:00 UTC; its LOGIN
    TIME 7:30:00 agrees only with the second (8.5 h for the first): 7.5 h. Nov 6 + 7.5 + 8 =
    21.5 h."""
    result = analyze("five9_agent_login_logout.csv")
    assert result.sources[0].source_tz == "America/Los_Angeles"
    assert monthly(result) == [
        ("2024-10", 1, 1, Decimal("8.0000")),
        ("2024-11", 2, 1, Decimal("21.5000")),
    ]
    assert issues(result) == {}
    assert result.quality.notes == [
        "five9_agent_login_logout.csv, row 4: a time that occurs twice when the clocks go back "
        "(daylight saving ends) was read as the occurrence the LOGIN TIME agrees with, e.g. "
        "LOGIN TIMESTAMP 'Sun, 03 Nov 2024 01:30:00' as the second, after the clocks went "
        "back, for a LOGIN TIME of '7:30:00'"
    ]


FIVE9_HEADER = (
    "AGENT,DATE,AGENT FIRST NAME,AGENT LAST NAME,LOGIN TIMESTAMP,LOGOUT TIMESTAMP,LOGIN TIME\n"
)
"""Five9 Agent Login-Logout (Pathlight/tap-five9 ``schemas/agent_login_logout.json``): times
in the report's zone, America/Los_Angeles by default, with no offset; LOGIN TIME hh:mm:ss."""


def test_five9_the_login_time_settles_a_logout_in_the_repeated_hour():
    """3 Nov 2024, Pacific: 01:00-02:00 happens twice (PDT, then PST). Row 2: maria 3 Nov
    00:00 PDT (07:00 UTC) to 01:20, LOGIN TIME 2:20:00: 01:20 PST = 09:20 UTC (2 h 20 min;
    01:20 PDT would be 1 h 20 min): the second. Row 3: sam 22:00 PDT on 2 Nov (05:00 UTC on
    3 Nov) to 01:45, LOGIN TIME 3:45:00: 01:45 PDT = 08:45 UTC: the first. Nov 2 h 20 min +
    3 h 45 min = 6.0833 h, peak 2 (07:00-08:45 UTC)."""
    text = FIVE9_HEADER + (
        "maria@example.com,2024/11/03,Maria,Lopez,"
        '"Sun, 03 Nov 2024 00:00:00","Sun, 03 Nov 2024 01:20:00",2:20:00\n'
        "sam@example.com,2024/11/02,Sam,Lee,"
        '"Sat, 02 Nov 2024 22:00:00","Sun, 03 Nov 2024 01:45:00",3:45:00\n'
    )
    result = analyze_log("login_logout.csv", text.encode())
    assert result.sources[0].format is LogFormat.FIVE9
    assert monthly(result) == [("2024-11", 2, 2, Decimal("6.0833"))]
    assert issues(result) == {}
    assert result.quality.notes == [
        "login_logout.csv, rows 2 and 3: a time that occurs twice when the clocks go back "
        "(daylight saving ends) was read as the occurrence the LOGIN TIME agrees with, e.g. "
        "LOGOUT TIMESTAMP 'Sun, 03 Nov 2024 01:20:00' as the second, after the clocks went "
        "back, for a LOGIN TIME of '2:20:00'"
    ]


def test_five9_a_repeated_hour_the_login_time_cannot_settle_is_refused():
    """Row 2: 01:10 to 01:50 on 3 Nov, LOGIN TIME 0:40:00: both in the first hour or both
    in the second agree, so it cannot be told which. Row 3: 01:30 to 09:00, LOGIN TIME
    8:00:00: neither 8.5 h (first) nor 7.5 h (second) agrees. Row 4: 01:30 to 09:00 with no
    LOGIN TIME. All three are refused as before; row 5 (09:00-17:00 on 4 Nov PST, 8 h) is
    read."""
    text = FIVE9_HEADER + (
        "maria@example.com,2024/11/03,Maria,Lopez,"
        '"Sun, 03 Nov 2024 01:10:00","Sun, 03 Nov 2024 01:50:00",0:40:00\n'
        "sam@example.com,2024/11/03,Sam,Lee,"
        '"Sun, 03 Nov 2024 01:30:00","Sun, 03 Nov 2024 09:00:00",8:00:00\n'
        "ann@example.com,2024/11/03,Ann,Roy,"
        '"Sun, 03 Nov 2024 01:30:00","Sun, 03 Nov 2024 09:00:00",\n'
        "sam@example.com,2024/11/04,Sam,Lee,"
        '"Mon, 04 Nov 2024 09:00:00","Mon, 04 Nov 2024 17:00:00",8:00:00\n'
    )
    result = analyze_log("login_logout.csv", text.encode())
    assert monthly(result) == [("2024-11", 1, 1, Decimal("8.0000"))]
    assert issues(result) == {"ambiguous_local_time": [2, 3, 4]}
    assert result.quality.issues[0].description == (
        "Local time that occurs twice at a daylight-saving change: cannot tell which."
    )
    assert result.quality.notes == []


def test_five9_months_the_log_barely_covers_are_named():
    """The same log billed in UTC spans 31 Oct 16:00 UTC (sam's login) to 5 Nov 01:00 UTC
    (his logout): 8 of October's 744 h (1.08 %) and 97 of November's 720 h (13.47 %), both under
    90 %, so both months are named as partly covered."""
    result = analyze("five9_agent_login_logout.csv")
    assert [(month.month, month.covered) for month in result.partly_covered] == [
        ("2024-10", Decimal("0.0108")),
        ("2024-11", Decimal("0.1347")),
    ]


def test_five9_billed_in_pacific_time():
    """Billing months in Pacific time: Oct sam 8 h + maria 20-24 (4 h) = 12 h; Nov maria 00-02
    (2 h) + maria 3 Nov 01:30 PST-09:00 (7.5 h) + sam 8 h = 17.5 h."""
    result = analyze("five9_agent_login_logout.csv", tz="America/Los_Angeles")
    assert monthly(result) == [
        ("2024-10", 2, 1, Decimal("12.0000")),
        ("2024-11", 2, 1, Decimal("17.5000")),
    ]


def test_twilio_taskrouter_activity_events():
    """1 June: alice Available 08:00, Break 10:00, Available 10:30, Offline 16:00: one session
    08-16 (a break is still logged in). bob 09-17. bob Available 22:00 on 30 June, never Offline:
    capped at 10:00 on 1 July. June: 8+8+2 = 18 h, peak 2; July 10 h. Row 5 is a task event."""
    result = analyze("twilio_taskrouter_events.csv")
    assert result.sources[0].format is LogFormat.TWILIO
    assert monthly(result) == [
        ("2024-06", 2, 2, Decimal("18.0000")),
        ("2024-07", 1, 1, Decimal("10.0000")),
    ]
    assert issues(result) == {"other_event": [5], "missing_logout": [9]}


def test_roster_gives_provisioned_and_never_logged_in():
    """Roster: alice (since Dec), bob (10 Jan - 15 Feb), carol (January only), zoe (since Jan).
    Jan: all four provisioned. Feb: alice, bob, zoe, and carol, who logged in on 1 Feb (00-06)
    after her deactivation: one agent-month outside the roster dates, counted as provisioned.
    zoe never logged in."""
    log = (FIXTURES / "generic_sessions.csv").read_bytes()
    roster = ("roster.csv", (FIXTURES / "roster.csv").read_bytes())
    result = analyze_log("generic_sessions.csv", log, roster=roster)
    assert [(m.month, m.provisioned, m.active) for m in result.months] == [
        ("2024-01", 4, 3),
        ("2024-02", 4, 3),
    ]
    assert result.roster is not None
    assert (result.roster.accounts, result.roster.never_logged_in) == (4, ["zoe"])
    assert (result.roster.unknown_agents, result.roster.outside_roster_dates) == (0, 1)


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("generic_sessions.csv", LogFormat.SESSIONS),
        ("generic_events.csv", LogFormat.EVENTS),
        ("amazon_connect_login_logout.csv", LogFormat.AMAZON_CONNECT),
        ("genesys_login_logout_details.csv", LogFormat.GENESYS),
        ("five9_agent_login_logout.csv", LogFormat.FIVE9),
        ("twilio_taskrouter_events.csv", LogFormat.TWILIO),
    ],
)
def test_choosing_the_format_explicitly_gives_the_detected_result(name, format):
    """A format chosen by the user reads the file exactly as detection does."""
    detected = analyze(name)
    chosen = analyze(name, format=format)
    assert (chosen.sources[0].detected, monthly(chosen)) == (False, monthly(detected))


def test_unknown_headers_can_be_mapped():
    """A layout with made-up headers is read once its columns are named."""
    log = (
        b"Employee,Clock in,Clock out\n"
        b"x1,2024-01-02 08:00:00,2024-01-02 10:00:00\n"
        b"x2,2024-01-02 09:00:00,2024-01-02 12:00:00\n"
    )
    options = UsageOptions(
        format=LogFormat.SESSIONS,
        columns={"agent": "Employee", "login": "Clock in", "logout": "Clock out"},
    )
    result = analyze_log("log.csv", log, options)
    assert monthly(result) == [("2024-01", 2, 2, Decimal("5.0000"))]


def test_report_title_rows_above_the_header_are_skipped():
    """A report export starting with a title and the period: the header is found on row 4,
    and row numbers still count every line of the file."""
    log = (
        b"Agent Login-Logout Details\n"
        b"Interval: 1/1/2024 12:00 AM - 2/1/2024 12:00 AM,,,\n"
        b"\n"
        b'"User","Start Time","End Time","Duration"\n'
        b'"Ana Silva","1/8/2024 8:00:00 AM","1/8/2024 4:00:00 PM","08:00:00"\n'
        b'"Ben Okafor","1/9/2024 8:00:00 AM","N/A","N/A"\n'
    )
    result = analyze_log("report.csv", log)
    assert result.sources[0].format is LogFormat.GENESYS
    assert monthly(result) == [("2024-01", 2, 1, Decimal("20.0000"))]
    assert issues(result) == {"missing_logout": [6]}
    assert result.quality.notes[0] == (
        "report.csv: the header is row 4; the rows above it (a report title) were skipped"
    )
