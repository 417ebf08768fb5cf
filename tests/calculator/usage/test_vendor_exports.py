"""Vendor exports exactly as customers hold them: JSON event streams and API pages, workbooks.

Each fixture follows the vendor's documented field names and time formats (source in the test's
docstring). Figures are (month, active, peak concurrent, logged-in hours), worked out by hand in
the docstring. Row numbers of JSON files are record numbers (the first record is 1).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter

from calculator.usage import LogFileError, LogFormat, UsageOptions, analyze_log, analyze_logs
from tests.calculator.usage.logs import issues, monthly, zipped
from tests.tools import require

FIXTURES = Path(__file__).parent / "fixtures"
CONNECT = FIXTURES / "amazon_connect_agent_events.ndjson"
GENESYS_PAGES = [FIXTURES / f"genesys_users_details_page{n}.json" for n in (1, 2)]


def connect_events() -> list[dict]:
    return [json.loads(line) for line in CONNECT.read_text().splitlines()]


CONNECT_MONTHS = [
    ("2024-05", 2, 2, Decimal("14.5000")),
    ("2024-06", 1, 1, Decimal("6.0000")),
]


def test_amazon_connect_agent_event_stream():
    """Amazon Connect admin guide, "Agent event streams data model" and "Sample agent event
    stream": AgentARN, EventId, EventTimestamp (yyyy-mm-ddThh:mm:ss.sssZ), EventType.

    Records interleave across agents (ordered per agent only). jdoe LOGIN 13:00 - LOGOUT 21:00 on
    6 May (8 h); rroe LOGIN 14:00, a STATE_CHANGE to Offline at 16:00 (a status, not a logout),
    LOGOUT 18:30 (4.5 h); peak 2 from 14:00 to 18:30. jdoe's HEART_BEAT at 21:30, after the
    logout, does not extend the session. jdoe 31 May 22:00 - 1 June 06:00: May +2 h, June 6 h.
    May 8 + 4.5 + 2 = 14.5 h. Record 7 repeats record 6's EventId (at-least-once delivery):
    counted once. STATE_CHANGE and HEART_BEAT records (3, 4, 5, 8, 11) change no session."""
    result = analyze_log(CONNECT.name, CONNECT)
    source = result.sources[0]
    assert (source.format, source.container, source.columns["agent"]) == (
        LogFormat.AMAZON_CONNECT_EVENTS,
        "JSON lines",
        "AgentARN",
    )
    assert monthly(result) == CONNECT_MONTHS
    assert issues(result) == {"other_event": [3, 4, 5, 8, 11], "duplicate_row": [7]}
    assert (result.sessions, result.quality.rows_read) == (3, 12)


def _connect_containers() -> dict[str, bytes]:
    events = connect_events()
    compact = [json.dumps(event, separators=(",", ":")).encode() for event in events]
    ndjson = CONNECT.read_bytes()
    return {
        "concatenated": b"".join(compact),  # Kinesis Data Firehose to S3, no delimiter
        "array": json.dumps(events, indent=2).encode(),
        "gzip": gzip.compress(ndjson),
        "gzip-concatenated": gzip.compress(b"".join(compact)),
        "zip": zipped([("events.json", ndjson)]),
    }


@pytest.mark.parametrize(("container", "data"), list(_connect_containers().items()))
def test_amazon_connect_every_container_gives_the_same_result(container, data):
    """The same 12 events concatenated with no delimiter (``}{``), as an array, gzip and zip."""
    result = analyze_log("events", data)
    assert result.sources[0].format is LogFormat.AMAZON_CONNECT_EVENTS
    assert monthly(result) == CONNECT_MONTHS
    assert issues(result) == {"other_event": [3, 4, 5, 8, 11], "duplicate_row": [7]}


def test_amazon_connect_overlapping_files_count_each_event_once():
    """Two files of one stream overlapping on records 5-8 (S3 objects re-delivered): the
    repeated events are counted once, the figures do not change."""
    lines = CONNECT.read_bytes().splitlines(keepends=True)
    first, second = b"".join(lines[:8]), b"".join(lines[4:])
    result = analyze_logs([("part-1.json", first), ("part-2.json", second)])
    assert monthly(result) == CONNECT_MONTHS
    repeated = {issue.code: issue.count for issue in result.quality.issues}["duplicate_row"]
    # Part 1: record 7 repeats 6. Part 2: its record 2 is part 1's record 6, its 3 repeats it.
    assert repeated == 3


def test_amazon_connect_username_identifies_the_agent_without_an_arn():
    """``CurrentAgentSnapshot.Configuration.Username`` is the agent when AgentARN is absent."""
    events = connect_events()
    for event in events:
        del event["AgentARN"]
    data = "\n".join(json.dumps(event) for event in events).encode()
    result = analyze_log("events.json", data)
    assert result.sources[0].columns["agent"] == "CurrentAgentSnapshot.Configuration.Username"
    assert monthly(result) == CONNECT_MONTHS


def connect_report(*sessions: tuple[str, str, str]) -> bytes:
    """One download of the Amazon Connect Login/Logout report: one row per session, at most 7
    days per download, so a month is several files (Amazon Connect admin guide, "Login/Logout
    report"). Its exact headers are not documented publicly: these are the ones of the fixture
    amazon_connect_login_logout.csv. Times as a browser in English (UK) writes dates: day first,
    ``dd/MM/y`` (CLDR, en-GB short date)."""
    lines = ["User login,Login time,Logout time", *(",".join(row) for row in sessions)]
    return ("\n".join(lines) + "\n").encode()


UK_WEEK_1 = connect_report(
    ("jdoe", "01/04/2024 09:00", "01/04/2024 17:00"),
    ("rroe", "02/04/2024 10:00", "02/04/2024 14:00"),
)
UK_WEEK_3 = connect_report(("jdoe", "15/04/2024 09:00", "15/04/2024 17:00"))


@pytest.mark.parametrize("reverse", [False, True], ids=["week-1-first", "week-3-first"])
def test_weekly_reports_read_together_share_one_date_order(reverse):
    """Week 1 (1-7 April) has no day above 12, so alone it reads either way and is read month
    first (1 Jan, 1 Feb); week 3 writes 15/04/2024, which only day first reads. Read together
    they are one export: both day first, whichever comes first. April: jdoe 8 h on the 1st and
    8 h on the 15th, rroe 4 h on the 2nd -> 2 agents, 20 h, peak 1."""
    alone = analyze_log("week-1.csv", UK_WEEK_1)
    assert [month.month for month in alone.months] == ["2024-01", "2024-02"]
    files = [("week-1.csv", UK_WEEK_1), ("week-3.csv", UK_WEEK_3)]
    result = analyze_logs(files[::-1] if reverse else files)
    assert monthly(result) == [("2024-04", 2, 1, Decimal("20.0000"))]
    assert result.quality.rows_used == result.quality.rows_read == 3
    assert result.quality.notes == [
        "week-1.csv: dates such as 03/04/2024 were read day first (3 April), as week-3.csv, "
        "column 'Login time' writes them (15/04/2024 09:00)"
    ]


def test_a_file_writing_the_month_first_settles_the_order_too():
    """A report from a browser in English (US), ``M/d/y`` (CLDR, en-US): 04/15/2024 shows the
    month first; week 1 is read month first as before, and the note names the proof. January:
    jdoe 8 h on 4 Jan; February: rroe 4 h on 4 Feb; April: jdoe 8 h on the 15th."""
    us_week = connect_report(("jdoe", "04/15/2024 09:00", "04/15/2024 17:00"))
    result = analyze_logs([("week-1.csv", UK_WEEK_1), ("us.csv", us_week)])
    assert [month.month for month in result.months] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert result.quality.notes == [
        "week-1.csv: dates such as 03/04/2024 were read month first (March 4), as us.csv, "
        "column 'Login time' writes them (04/15/2024 09:00)"
    ]


GERMAN_LINES = (
    "User login;Login time;Logout time",
    "a1;04.03.2024 08:00;04.03.2024 16:00",
    "a2;04.03.2024 09:00;04.03.2024 17:30",
    "a3;05.03.2024 09:00;05.03.2024 17:30",
)
GERMAN_WEEK = ("\n".join(GERMAN_LINES) + "\n").encode()
"""The same report from a browser in German: dates ``dd.MM.y`` (CLDR de-DE medium date), and a
spreadsheet saved in a German locale separates fields with semicolons."""


def test_dotted_dates_of_a_german_report_are_read_day_first():
    """Three days in March (before: read month first, three months April to June). March:
    a1 8 h, a2 8.5 h, a3 8.5 h -> 3 agents, 25 h, peak 2 (a1 and a2 from 9:00 to 16:00)."""
    result = analyze_log("woche-1.csv", GERMAN_WEEK)
    assert monthly(result) == [("2024-03", 3, 2, Decimal("25.0000"))]
    assert result.quality.notes == [
        "woche-1.csv, column 'Login time': dotted dates such as 03.04.2024 were read day first "
        "(3 April), as dotted dates are written; if the file writes the month first (March 4), "
        "choose month first",
        "woche-1.csv, column 'Logout time': dotted dates such as 03.04.2024 were read day first "
        "(3 April), as dotted dates are written; if the file writes the month first (March 4), "
        "choose month first",
    ]


def test_a_file_showing_month_first_reads_dotted_dates_again():
    """Read with a US report that shows the month first, the dotted file is one export with
    it: read again month first (4 April, 4 April, 4 May), and the note names the proof."""
    us_week = connect_report(("jdoe", "04/15/2024 09:00", "04/15/2024 17:00"))
    result = analyze_logs([("woche-1.csv", GERMAN_WEEK), ("us.csv", us_week)])
    assert [month.month for month in result.months] == ["2024-04", "2024-05"]
    assert result.quality.notes == [
        "woche-1.csv: dates such as 03/04/2024 were read month first (March 4), as us.csv, "
        "column 'Login time' writes them (04/15/2024 09:00)"
    ]


def test_files_writing_dates_two_ways_are_refused():
    """15/04/2024 can only be day first and 04/22/2024 only month first: one of the files is
    not part of the export, and no order reads both; the message names both, with the dates."""
    us_week = connect_report(("rroe", "04/22/2024 09:00", "04/22/2024 17:00"))
    files = [("week-1.csv", UK_WEEK_1), ("week-3.csv", UK_WEEK_3), ("us.csv", us_week)]
    with pytest.raises(LogFileError) as caught:
        analyze_logs(files)
    assert str(caught.value) == (
        "the files write dates two ways: week-3.csv, column 'Login time' day first "
        "(15/04/2024 09:00), us.csv, column 'Login time' month first (04/22/2024 09:00); files "
        "read together must write them one way: analyse them separately, or choose day first or "
        "month first"
    )
    chosen = analyze_logs(files, UsageOptions(day_first=True))
    assert issues(chosen) == {"unparseable_timestamp": [2]}


GENESYS_MONTHS = [
    ("2024-01", 2, 2, Decimal("17.0000")),
    ("2024-02", 2, 1, Decimal("12.0000")),
]


def test_genesys_users_details_query_pages():
    """Genesys Cloud ``POST /api/v2/analytics/users/details/query`` (platform-client-sdk-python
    docs, AnalyticsUserDetail.md): ``userDetails[].userId``, ``primaryPresence[]`` with
    ``startTime``, ``endTime`` (ISO 8601, Z) and ``systemPresence``; two pages, two files.

    Ana 8 Jan: AVAILABLE 08-12, MEAL 12-12:30, ON_QUEUE 12:30-16: one session 08-16 (8 h);
    her OFFLINE records are not logged in. Ben 8 Jan BUSY 10-14, AWAY 14-15: 10-15 (5 h), peak 2;
    Ben AVAILABLE from 31 Jan 20:00 with no endTime (still open) is closed at the 12 h cap, 08:00
    on 1 Feb: Jan +4 h. Jan 8 + 5 + 4 = 17 h. Feb: Ben 00-08 (8 h), Ana IDLE 5 Feb 09-13 (4 h):
    12 h, peak 1. Page 2 repeats Ana's AVAILABLE record of page 1 (overlapping query
    intervals): counted once. ``routingStatus`` is not used."""
    result = analyze_logs([(path.name, path) for path in GENESYS_PAGES])
    assert {source.format for source in result.sources} == {LogFormat.GENESYS_PRESENCE}
    assert monthly(result) == GENESYS_MONTHS
    counts = {issue.code: issue.count for issue in result.quality.issues}
    assert counts == {"duplicate_row": 1, "logged_out_state": 4, "missing_logout": 1}
    assert result.merged_sessions == 4


def test_genesys_pages_in_one_zip_or_one_concatenated_file():
    """Pages as files of one zip, or written one after the other into one file."""
    pages = [path.read_bytes() for path in GENESYS_PAGES]
    zip_result = analyze_log("pages.zip", zipped([("p1.json", pages[0]), ("p2.json", pages[1])]))
    one_file = analyze_log("pages.json", pages[0] + b"\n" + pages[1])
    assert monthly(zip_result) == monthly(one_file) == GENESYS_MONTHS
    assert [source.file for source in zip_result.sources] == [
        "pages.zip/p1.json",
        "pages.zip/p2.json",
    ]


def genesys_sheet(
    rows: list[list[object]], interval: str = "1/1/2024 12:00 AM - 2/1/2024 12:00 AM"
) -> list[list[object]]:
    """An "Agent Login-Logout Details" export: title rows, then User, Start Time, End Time,
    Duration; times as Excel date-times, "N/A" outside the period."""
    title = [["Agent Login-Logout Details"], [f"Interval: {interval}"], []]
    return [*title, ["User", "Start Time", "End Time", "Duration"], *rows]


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx with these sheets, in order; dates and times as Excel date-times."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    when = book.add_format({"num_format": "m/d/yyyy h:mm:ss AM/PM"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for index, row in enumerate(rows):
            for column, value in enumerate(row):
                if hasattr(value, "year"):
                    sheet.write_datetime(index, column, value, when)
                else:
                    sheet.write(index, column, value)
    book.close()
    return buffer.getvalue()


def genesys_workbook(rows: list[list[object]]) -> bytes:
    return workbook({"Agent Login-Logout Details": genesys_sheet(rows)})


def test_genesys_login_logout_details_workbook():
    """Genesys Cloud resource center, "Agent Login-Logout Details report": columns User, Start
    Time, End Time, Duration; "N/A" for a time outside the period; exported as .xlsx.

    Header on sheet row 4 under the title. Ana 8 Jan 08-16 (8 h); Ben 9 Jan 12-20 (8 h); Ben
    from 31 Jan 21:00 with End Time N/A, closed at the 12 h cap: Jan +3 h -> 19 h, peak 1. Row 8
    has Start Time N/A (logged in before the period): its start is unknown, not used."""
    rows = [
        ["Ana Silva", dt.datetime(2024, 1, 8, 8), dt.datetime(2024, 1, 8, 16), "08:00:00"],
        ["Ben Okafor", dt.datetime(2024, 1, 9, 12), dt.datetime(2024, 1, 9, 20), "08:00:00"],
        ["Ben Okafor", dt.datetime(2024, 1, 31, 21), "N/A", "N/A"],
        ["Chen Wu", "N/A", dt.datetime(2024, 1, 1, 2), "N/A"],
    ]
    result = analyze_log("details.xlsx", genesys_workbook(rows), UsageOptions(end_month="2024-01"))
    source = result.sources[0]
    assert (source.format, source.container) == (
        LogFormat.GENESYS,
        "Excel sheet 'Agent Login-Logout Details'",
    )
    assert monthly(result) == [("2024-01", 2, 1, Decimal("19.0000"))]
    assert issues(result) == {"missing_login": [8], "missing_logout": [7]}


def test_genesys_n_a_time_is_derived_from_the_duration():
    """Genesys Cloud resource center, "Agent Login-Logout Details report": columns User,
    Start Time, End Time, Duration; a time outside the period set in the report's parameters
    shows "N/A"; Duration is "the total duration of the session, from log in to log out", and
    "If either the start time or end time is unavailable, then this column displays N/A";
    exported as .xlsx, the header on sheet row 4 under the report's title.

    Row 9 is the article's case: Eve Ruiz, Start Time N/A and Duration N/A: the login is
    unknown, not counted, as before. Rows 6 and 7 carry a Duration beside an N/A time, which
    the article does not describe; when one is there, the known time and the Duration give the
    other. Row 6: Chen Wu, Start Time N/A, End Time 1 Jan 02:00, Duration 07:00:00: logged in
    31 Dec 19:00 (Dec 5 h, Jan 2 h). Row 7: Ben Okafor from 31 Jan 21:00, End Time N/A,
    Duration 10:00:00: to 1 Feb 07:00 (Jan 3 h, Feb 7 h), not the 12 h cap. Row 8: Dee Park,
    both times N/A (logged in through the whole period): nothing places it, not counted, and
    said. Row 5: Ana 8 Jan 08-16 (8 h).
    Dec: 1 agent, 5 h. Jan: Ana, Chen, Ben: 8 + 2 + 3 = 13 h, peak 1. Feb: Ben 7 h."""
    rows = [
        ["Ana Silva", dt.datetime(2024, 1, 8, 8), dt.datetime(2024, 1, 8, 16), "08:00:00"],
        ["Chen Wu", "N/A", dt.datetime(2024, 1, 1, 2), "07:00:00"],
        ["Ben Okafor", dt.datetime(2024, 1, 31, 21), "N/A", "10:00:00"],
        ["Dee Park", "N/A", "N/A", "N/A"],
        ["Eve Ruiz", "N/A", dt.datetime(2024, 1, 2, 3), "N/A"],
    ]
    result = analyze_log("details.xlsx", genesys_workbook(rows))
    assert monthly(result) == [
        ("2023-12", 1, 1, Decimal("5.0000")),
        ("2024-01", 3, 1, Decimal("13.0000")),
        ("2024-02", 1, 1, Decimal("7.0000")),
    ]
    assert issues(result) == {"missing_login": [8, 9]}
    assert result.sources[0].columns["duration"] == "Duration"
    assert result.quality.notes[1:] == [
        "details.xlsx, row 8: Start Time 'N/A' and End Time 'N/A' (logged in before the report "
        "period began and still after it ended): the session cannot be placed in time, so it "
        "is not counted; export a longer period, one that holds its login or its logout",
        "details.xlsx, row 6: Start Time 'N/A', so the Start Time was derived from the "
        "Duration: the End Time less the Duration",
        "details.xlsx, row 7: End Time 'N/A', so the End Time was derived from the Duration: "
        "the Start Time plus the Duration",
    ]


GENESYS_ROWS = [
    ["Ana Silva", dt.datetime(2024, 1, 8, 8), dt.datetime(2024, 1, 8, 16), "08:00:00"],
    ["Ben Okafor", dt.datetime(2024, 1, 9, 12), dt.datetime(2024, 1, 9, 20), "08:00:00"],
]


def test_genesys_report_as_old_excel_xls(tmp_path):
    """The same report saved as .xls (BIFF, converted by LibreOffice): Ana 8 h, Ben 8 h on two
    days: 16 h, peak 1."""
    require("soffice")
    source = tmp_path / "details.xlsx"
    source.write_bytes(genesys_workbook(GENESYS_ROWS))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = (tmp_path / "details.xls").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    result = analyze_log("details.xls", data)
    assert result.sources[0].format is LogFormat.GENESYS
    assert monthly(result) == [("2024-01", 2, 1, Decimal("16.0000"))]


def test_a_workbook_with_one_sheet_per_month_reads_every_month():
    """The Genesys Cloud "Agent Login-Logout Details" report (resource center: columns User,
    Start Time, End Time, Duration; .xlsx) downloaded each month and kept one month per sheet
    (the workbook is the customer's): every sheet with the report's header is read, as files
    read together, each named by its sheet; the cover and the pivot beside them are named as
    skipped, and a sheet of another layout too (it may hold the same sessions again).

    January: Ana 8 Jan 08-16, Ben 9 Jan 12-20 -> 2 agents, 16 h, peak 1. February: Ana 5 Feb
    08-12, Ben from 29 Feb 21:00 with End Time N/A, closed at the 12 h cap (09:00 on 1 March):
    Feb +3 h -> 7 h; March 9 h. Ben's row is row 6 of the February sheet."""
    february = [
        ["Ana Silva", dt.datetime(2024, 2, 5, 8), dt.datetime(2024, 2, 5, 12), "04:00:00"],
        ["Ben Okafor", dt.datetime(2024, 2, 29, 21), "N/A", "N/A"],
    ]
    data = workbook(
        {
            "Cover": [["Agent Login-Logout Details, 2024"], ["Prepared by the contact centre"]],
            "January": genesys_sheet(GENESYS_ROWS),
            "February": genesys_sheet(february, "2/1/2024 12:00 AM - 3/1/2024 12:00 AM"),
            "Pivot": [["User", "Sum of Duration"], ["Ana Silva", "12:00:00"]],
            "Events": [["agent", "timestamp", "event"], ["Ana Silva", "2024-01-08 08:00", "login"]],
        }
    )
    result = analyze_log("agents.xlsx", data)
    assert [(source.file, source.container) for source in result.sources] == [
        ("agents.xlsx/January", "Excel sheet 'January'"),
        ("agents.xlsx/February", "Excel sheet 'February'"),
    ]
    assert monthly(result) == [
        ("2024-01", 2, 1, Decimal("16.0000")),
        ("2024-02", 2, 1, Decimal("7.0000")),
        ("2024-03", 1, 1, Decimal("9.0000")),
    ]
    assert [
        (sample.file, sample.row) for issue in result.quality.issues for sample in issue.samples
    ] == [("agents.xlsx/February", 6)]
    assert result.quality.notes == [
        "agents.xlsx: sheets 'Cover' and 'Pivot' are not logs (no row is a header a layout "
        "reads): skipped",
        "agents.xlsx: sheet 'Events' has another header than sheet 'January': skipped (it may "
        "hold the same sessions again); save it as a file of its own to read it",
        *(
            f"agents.xlsx/{month}: the header is row 4; the rows above it (a report title) were "
            "skipped"
            for month in ("January", "February")
        ),
    ]


def test_one_log_sheet_beside_a_summary_keeps_the_workbook_name():
    """A summary sheet before the report: the report alone is read, named by the workbook as
    before; the summary is named as skipped. Ana 8 h, Ben 8 h in January."""
    summary = [["Total agents", 2], ["Report", "Agent Login-Logout Details"]]
    data = workbook({"Summary": summary, "Details": genesys_sheet(GENESYS_ROWS)})
    result = analyze_log("details.xlsx", data)
    source = result.sources[0]
    assert (len(result.sources), source.file, source.container) == (
        1,
        "details.xlsx",
        "Excel sheet 'Details'",
    )
    assert monthly(result) == [("2024-01", 2, 1, Decimal("16.0000"))]
    assert result.quality.notes[0] == (
        "details.xlsx: sheet 'Summary' is not a log (no row is a header a layout reads): skipped"
    )


def test_a_workbook_with_no_log_sheet_says_so():
    """A cover and a pivot, no report: the first sheet is read (its columns could be named by
    hand, and the way to name them is kept) and the message says that no sheet holds a log."""
    data = workbook(
        {
            "Pivot": [["User", "Sum of Duration"], ["Ana Silva", "12:00:00"]],
            "Cover": [["Agent Login-Logout Details, 2024"]],
        }
    )
    with pytest.raises(LogFileError) as caught:
        analyze_log("agents.xlsx", data)
    assert str(caught.value).startswith("agents.xlsx: could not recognise the columns 'User', ")
    assert caught.value.problem.endswith(
        ". agents.xlsx: no sheet is a log (sheets 'Pivot' and 'Cover' have no header row a "
        "layout reads): the first, 'Pivot', was read"
    )
    assert caught.value.to_name is not None
    assert str(caught.value).endswith('--map logout="<logout column>"')


def test_a_truncated_workbook_gets_a_clear_message():
    """A workbook (a zip inside) cut off in transfer: one line, no traceback."""
    data = genesys_workbook(GENESYS_ROWS)
    with pytest.raises(LogFileError) as caught:
        analyze_log("details.xlsx", data[: len(data) // 2])
    assert str(caught.value) == "details.xlsx: not a valid zip file (corrupt or truncated)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            CONNECT.read_bytes()[:-200],
            "events.json: the JSON is cut off: it ends inside record 12 (which starts at byte "
            "{last}, line 12); export the file again or remove the broken part",
        ),
        (
            b'{"userDetails": [{"userId": "a", "primaryPresence": [',
            "events.json: the JSON is cut off: it ends inside record 1 (which starts at byte 0, "
            "line 1); export the file again or remove the broken part",
        ),
        (
            b'{"EventType": "LOGIN"}\n{"EventType": LOGOUT}\n{"EventType": "LOGIN"}\n',
            "events.json: not valid JSON at byte 37 (line 2), in record 2; export the file "
            "again or fix that part",
        ),
        (
            b"[1, 2, 3]",
            "events.json: JSON record 1 is a number, not an object with named fields",
        ),
        (b"[]", "events.json: the JSON holds no records"),
    ],
    ids=["truncated-stream", "truncated-page", "invalid-record", "not-objects", "empty-array"],
)
def test_broken_json_gets_one_clear_message(data, message):
    """A cut-off download names the byte and line where it breaks and what was read before."""
    with pytest.raises(LogFileError) as caught:
        analyze_log("events.json", data)
    last = data.rfind(b"\n", 0, len(data) - 1) + 1
    assert str(caught.value) == message.format(last=f"{last:,}")


def test_unknown_json_names_its_keys_never_csv_columns():
    """JSON keys are called keys, flattened with dots, with the --map line that would read them."""
    data = (
        b'{"items": [{"who": "a", "from": "2024-01-01T08:00:00Z", "to": "2024-01-01T09:00:00Z"}]}'
    )
    with pytest.raises(LogFileError) as caught:
        analyze_log("export.json", data)
    assert str(caught.value) == (
        "export.json: could not recognise the keys 'who', 'from', 'to'. Layouts tried: sessions "
        "(agent, login, logout) (needs an agent key); events (agent, timestamp, login/logout) "
        "(needs an agent key); 13 vendor exports (none of their keys). Name the fields, e.g. "
        "--format sessions --map agent=who --map login=from --map logout=to"
    )


def test_the_suggested_map_reads_the_file():
    """Following the message's advice gives a result."""
    data = (
        b'{"items": [{"who": "a", "from": "2024-01-01T08:00:00Z", "to": "2024-01-01T09:00:00Z"}]}'
    )
    options = UsageOptions(
        format=LogFormat.SESSIONS, columns={"agent": "who", "login": "from", "logout": "to"}
    )
    result = analyze_log("export.json", data, options)
    assert monthly(result) == [("2024-01", 1, 1, Decimal("1.0000"))]


def analyze(name: str, **options):
    return analyze_log(name, FIXTURES / name, UsageOptions(**options))


def test_five9_agent_state_details():
    """Five9 "Agent State Details" (sqone2/PSFive9Admin; "all times returned from Five9
    reporting are in PST"): AGENT, TIME, STATE (Login, Ready, Not Ready, On Call, After Call
    Work, Logout), SKILL AVAILABILITY, CALL ID. Times are Pacific (daylight time from 10 March).

    maria Login 12 Mar 06:00 PDT (13:00 UTC) ... Logout 14:00 PDT (21:00 UTC): 8 h, Not Ready and
    On Call in between are still logged in. sam 09:00-17:30 PDT = 16:00-00:30 UTC: 8.5 h; rows of
    the two agents interleave. Peak 2 (16:00-21:00 UTC). sam 31 Mar 20:00 PDT - 1 Apr 02:00 PDT =
    1 Apr 03:00-09:00 UTC: April 6 h. March 8 + 8.5 = 16.5 h."""
    result = analyze("five9_agent_state_details.csv")
    source = result.sources[0]
    assert (source.format, source.source_tz) == (LogFormat.FIVE9_STATES, "America/Los_Angeles")
    assert monthly(result) == [
        ("2024-03", 2, 2, Decimal("16.5000")),
        ("2024-04", 1, 1, Decimal("6.0000")),
    ]
    assert issues(result) == {}


def test_five9_state_details_pages_appended_with_their_headers():
    """Runs of the Five9 Agent State Details report (header as in the test above) appended into
    one file, each run with its header: the headers inside the file (rows 5 and 10) are
    skipped as repeated headers, and the figures are the single file's."""
    lines = (FIXTURES / "five9_agent_state_details.csv").read_text().splitlines()
    pages = [*lines[:4], lines[0], *lines[4:8], lines[0], *lines[8:]]
    result = analyze_log("appended.csv", ("\n".join(pages) + "\n").encode())
    assert monthly(result) == [
        ("2024-03", 2, 2, Decimal("16.5000")),
        ("2024-04", 1, 1, Decimal("6.0000")),
    ]
    assert issues(result) == {"repeated_header": [5, 10]}


def test_five9_state_details_with_the_date_in_its_own_column():
    """A DATE column (YYYY/MM/DD, as the Login-Logout report writes it) and TIME as a time of day
    give the same sessions: maria 06:00-14:00 PDT on 12 Mar = 8 h."""
    data = (
        b"AGENT,DATE,TIME,STATE\n"
        b"maria@example.com,2024/03/12,06:00:00,Login\n"
        b"maria@example.com,2024/03/12,06:00:05,Ready\n"
        b"maria@example.com,2024/03/12,14:00:00,Logout\n"
    )
    result = analyze_log("states.csv", data)
    assert result.sources[0].format is LogFormat.FIVE9_STATES
    assert monthly(result) == [("2024-03", 1, 1, Decimal("8.0000"))]


TWILIO_MONTHS = [("2024-08", 2, 2, Decimal("16.0000"))]


def test_twilio_taskrouter_event_callbacks():
    """Twilio TaskRouter event callbacks logged as rows (TaskRouter "Event Callbacks" docs): Sid,
    EventType, ..., Timestamp (epoch seconds), TimestampMs, WorkerSid, WorkerName,
    WorkerAttributes (a JSON string), WorkerActivityName, WorkerPreviousActivityName, ...

    1 Aug: alice Available 08:00, Break 12:00 (still logged in), Offline 16:00: 8 h. bob Available
    10:00, Unavailable 13:00 (logged in: only Offline is logged out), Offline 18:00: 8 h. Peak 2
    (10-16). Row 3 is task.created and row 10 worker.attributes.update: not changes of activity.
    Row 8 is a retried callback (same Sid as row 7): counted once."""
    result = analyze("twilio_taskrouter_callbacks.csv")
    assert result.sources[0].columns["event_id"] == "Sid"
    assert monthly(result) == TWILIO_MONTHS
    assert issues(result) == {"other_event": [3, 10], "duplicate_row": [8]}


def test_twilio_events_rest_resource():
    """TaskRouter Events REST resource, one page (``{"events": [...], "meta": {...}}``): sid,
    event_type, event_date (ISO 8601), event_date_ms, resource_sid and event_data holding the
    worker fields. The same events as the callbacks give the same figures; records 2 and 8 are
    not activity changes."""
    result = analyze("twilio_taskrouter_events_api.json")
    source = result.sources[0]
    assert (source.format, source.columns["activity"]) == (
        LogFormat.TWILIO_EVENTS,
        "event_data.worker_activity_name",
    )
    assert monthly(result) == TWILIO_MONTHS
    assert issues(result) == {"other_event": [2, 8]}


def twilio_renamed(offline: str) -> bytes:
    """The callbacks above with the Offline activity renamed, as a customer may name it."""
    return (
        (FIXTURES / "twilio_taskrouter_callbacks.csv")
        .read_bytes()
        .replace(b"Offline", offline.encode())
    )


@pytest.mark.parametrize("offline", ["Logged Out", "Signed Out", "Logout"])
def test_twilio_offline_renamed_as_a_logout_is_read_as_one(offline):
    """Activity names are editable by the customer (defaults Offline, Unavailable, Available):
    with Offline renamed "Logged Out", every activity was read as logged in and each session
    ran to the 12 h cap (24 h against 16 h). The words of a logout count as logged out too."""
    result = analyze_log("events.csv", twilio_renamed(offline))
    assert monthly(result) == TWILIO_MONTHS
    assert result.quality.notes == []


def test_twilio_logged_out_activities_are_configurable():
    """With Offline renamed "Gone Home", the default reads every activity as logged in
    (sessions capped at 12 h: alice 08-20, bob 10-22, 24 h) and says why, naming the option;
    naming the logged-out activity gives the real figures back."""
    data = twilio_renamed("Gone Home")
    default = analyze_log("events.csv", data)
    chosen = analyze_log("events.csv", data, UsageOptions(logged_out_states=("gone home",)))
    assert monthly(default) == [("2024-08", 2, 2, Decimal("24.0000"))]
    assert default.quality.notes == [
        "events.csv, column 'WorkerActivityName': no activity is a logged-out one (such as "
        "Offline), so every agent counts as logged in from their first event on; if the offline "
        "activity has another name, type it under Options, 'States that mean logged out'"
    ]
    assert monthly(chosen) == TWILIO_MONTHS
    assert chosen.quality.notes == []


def test_bright_pattern_login_time_is_a_duration_not_the_login():
    """Bright Pattern agent login report: Agent, Login (clock time), Logout, Logout Type, Login
    Time (a duration, 08:00:00), Total Working Time, Not Ready %, IP Address.

    kim 3 Sep 08-16 (8 h), lee 13-21 (8 h), peak 2 (13-16); kim 30 Sep 22:00 - 1 Oct 02:00:
    Sep +2 h = 18 h, Oct 2 h. "Login Time" is read as the duration, never as the login."""
    result = analyze("bright_pattern_agent_login.csv")
    source = result.sources[0]
    assert (source.format, source.columns["login"], source.columns["duration"]) == (
        LogFormat.BRIGHT_PATTERN,
        "Login",
        "Login Time",
    )
    assert monthly(result) == [
        ("2024-09", 2, 2, Decimal("18.0000")),
        ("2024-10", 1, 1, Decimal("2.0000")),
    ]
    assert issues(result) == {}


def test_avaya_login_logout_with_dd_hh_mm_ss_durations():
    """Avaya Experience Platform agent login/logout: Agent Display Name, Agent Login Id,
    Interval/Date/Month, Login Timestamp, Logon Duration (dd:hh:mm:ss), Logout Timestamp; an
    open session has no logout.

    1001 1 Jul 08-16 (8 h); 1002 12:00-18:30 (6.5 h), peak 2; 1001 2 Jul 20:00 - 3 Jul 22:00
    (01:02:00:00 = 26 h); 1001 10 Jul 09:00 with no logout but a duration of 3 h: 09-12; 1002 31
    Jul 22:00, open (no logout, no duration): closed at the 12 h cap, Jul +2 h, Aug 10 h.
    July 8 + 6.5 + 26 + 3 + 2 = 45.5 h."""
    result = analyze("avaya_agent_login_logout.csv")
    assert result.sources[0].format is LogFormat.AVAYA
    assert monthly(result) == [
        ("2024-07", 2, 2, Decimal("45.5000")),
        ("2024-08", 1, 1, Decimal("10.0000")),
    ]
    assert issues(result) == {"missing_logout": [6]}


def test_cisco_uccx_agent_state_detail():
    """Cisco Unified CCX Historical Reports User Guide, "Agent State Detail Report": Agent Name,
    Extension, State Transition Time, Agent State (Login, Logout, Not Ready, Ready, Reserved,
    Talk, Work), Reason Code, Duration.

    Ann Login 16 Jan 08:00 ... Logout 14:00 (6 h; Not Ready, Talk and Work are logged in); Raj
    12:00-20:00 (8 h). Peak 2 (12-14); 14 h."""
    result = analyze("uccx_agent_state_detail.csv")
    assert result.sources[0].format is LogFormat.UCCX
    assert monthly(result) == [("2024-01", 2, 2, Decimal("14.0000"))]
    assert issues(result) == {}


def test_a_second_status_at_the_same_instant_is_not_called_an_exact_duplicate():
    """UCCX writes Not Ready at the instant of the Login (a reason code on login): the second
    row changes nothing and is counted once, but it is no exact duplicate of the first, as the
    reason said; it now says what the rows share."""
    lines = (FIXTURES / "uccx_agent_state_detail.csv").read_text().splitlines()
    lines[2] = lines[2].replace("8:00:02 AM", "8:00:00 AM")  # Not Ready at the Login's instant
    result = analyze_log("uccx.csv", ("\n".join(lines) + "\n").encode())
    assert monthly(result) == [("2024-01", 2, 2, Decimal("14.0000"))]
    (issue,) = result.quality.issues
    assert (issue.kind.value, [sample.row for sample in issue.samples]) == ("ignored", [3])
    assert issue.description.startswith(
        "Says nothing new: the same agent at the same time in the same state (logged in or out) "
        "as an earlier row, such as an exact duplicate or a second status at the same instant"
    )


def test_dynamics_365_agent_status_history():
    """Microsoft Dynamics 365 Contact Center ``msdyn_agentstatushistory`` (Dataverse table
    reference), OData JSON ``{"value": [...]}``: msdyn_starttime, msdyn_endtime,
    _msdyn_agentid_value, _msdyn_presenceid_value with its formatted value (the presence name).

    Zoe 2 Apr: Available 09-12, Busy 12-13, Offline 13-14 (not logged in), Available 14-17:
    4 + 3 = 7 h. Yan Busy - DND 10-18 (8 h), peak 2. Yan Available from 30 Apr 20:00 with no end
    (current status): closed at the 12 h cap, Apr +4 h, May 8 h. April 7 + 8 + 4 = 19 h."""
    result = analyze("dynamics_agentstatushistory.json")
    assert result.sources[0].format is LogFormat.DYNAMICS
    assert monthly(result) == [
        ("2024-04", 2, 2, Decimal("19.0000")),
        ("2024-05", 1, 1, Decimal("8.0000")),
    ]
    assert issues(result) == {"logged_out_state": [4], "missing_logout": [6]}


def test_dynamics_365_presence_ids_without_names_are_said_to_hide_offline():
    """The same table exported without formatted values has only ``_msdyn_presenceid_value``,
    an id: Zoe's Offline hour (13-14) cannot be told apart and counts as logged in (8 h, not 7).
    It was counted so without a word; the page now says why and what to do."""
    document = json.loads((FIXTURES / "dynamics_agentstatushistory.json").read_text())
    for record in document["value"]:
        record.pop("_msdyn_presenceid_value@OData.Community.Display.V1.FormattedValue")
    result = analyze_log("status.json", json.dumps(document).encode())
    assert monthly(result)[0] == ("2024-04", 2, 2, Decimal("20.0000"))
    assert [note for note in result.quality.notes if "presence ids" in note] == [
        "status.json, key '_msdyn_presenceid_value' holds presence ids, not names: time in the "
        "Offline presence cannot be told apart and counts as logged in. Export the status "
        "history with formatted values (the presence names), or type the id of the Offline "
        "presence under Options, 'States that mean logged out'"
    ]


def test_nice_cxone_agent_state_log():
    """NICE CXone help, "Agent State Log Report": Agent_Session_ID, Agent_No, Agent_Name,
    Team_No, Bus_No, StateIndex, Start_Date (MM/DD/YYYY, a date only), Working, Available,
    Outstate_Code, Outstate, Log_State (0 first, 1 intermediate, 2 last), Skill_No, Skill_Name,
    Duration (seconds).

    With dates only, each session's states follow each other from midnight. Session 9001 (Ann,
    15 Jan): 60 + 14,340 + 1,800 (Lunch, still logged in) + 12,600 s = 8 h; 9002 (Raj): 30 +
    7,170 s = 2 h, rows interleaved with Ann's; both from midnight: peak 2. 9003 (Ann, 31 Jan):
    90,000 s = 25 h, Jan 24 h, Feb 1 h. January 8 + 2 + 24 = 34 h. A note says peaks are not
    exact."""
    result = analyze("nice_cxone_agent_state_log.csv")
    assert result.sources[0].format is LogFormat.CXONE
    assert monthly(result) == [
        ("2024-01", 2, 2, Decimal("34.0000")),
        ("2024-02", 1, 1, Decimal("1.0000")),
    ]
    assert issues(result) == {}
    assert "peak concurrency is not" in result.quality.notes[0]


def test_cxone_start_with_a_time_of_day_is_used_as_written():
    """When Start_Date carries a time, each state starts when it says: 08:00 + 1 h, 09:00 +
    1 h: one session 08-10 (2 h)."""
    data = (
        b"Agent_Session_ID,Agent_No,Start_Date,Log_State,Duration\n"
        b"1,7,01/15/2024 08:00:00,0,3600\n"
        b"1,7,01/15/2024 09:00:00,2,3600\n"
    )
    result = analyze_log("states.csv", data)
    assert monthly(result) == [("2024-01", 1, 1, Decimal("2.0000"))]
    assert result.merged_sessions == 1


def test_mixed_vendors_in_one_upload_are_refused():
    """Files from two platforms would count people twice under two identities."""
    with pytest.raises(LogFileError) as caught:
        analyze_logs([(CONNECT.name, CONNECT), (GENESYS_PAGES[0].name, GENESYS_PAGES[0])])
    assert str(caught.value) == (
        "the files come from different platforms (amazon_connect_agent_events.ndjson is Amazon "
        "Connect; genesys_users_details_page1.json is Genesys Cloud); analyse each platform's "
        "export on its own"
    )


def _many_connect_days(days: int) -> list[dict]:
    """The fixture's 6 May sessions repeated on ``days`` consecutive days of 2023 (new EventIds)."""
    events = connect_events()[:9]
    out = []
    for day in range(days):
        for index, event in enumerate(events):
            copy = json.loads(json.dumps(event))
            copy["EventTimestamp"] = copy["EventTimestamp"].replace(
                "2024-05-06", f"2023-{1 + day // 28:02d}-{1 + day % 28:02d}"
            )
            copy["EventId"] = f"{day:06d}-{index:04d}"
            out.append(copy)
    return out


def test_large_event_streams_read_only_the_keys_used():
    """Past the first megabyte, only the layout's keys are read from the rest of the file; the
    figures match reading every key. 336 days of 12.5 logged-in hours (jdoe 8 h, rroe 4.5 h),
    28 days a month."""
    events = _many_connect_days(336)
    data = b"".join(json.dumps(event).encode() + b"\n" for event in events)
    assert len(data) > 3 << 20
    result = analyze_log("big.json", data)
    assert result.sources[0].container == "JSON lines"
    assert [m[:3] for m in monthly(result)] == [(f"2023-{n:02d}", 2, 2) for n in range(1, 13)]
    assert {m.logged_in_hours for m in result.months} == {Decimal("350.0000")}


def test_a_field_changing_type_after_the_first_megabyte_is_still_read():
    """An EventId written as a number far down the file: read again with every value as text."""
    events = _many_connect_days(336)
    events[-1]["EventId"] = 12345
    data = b"".join(json.dumps(event).encode() + b"\n" for event in events)
    result = analyze_log("big.json", data)
    assert {m.logged_in_hours for m in result.months} == {Decimal("350.0000")}
