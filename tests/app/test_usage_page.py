"""The login-log page, run with AppTest: upload, numbers shown, data quality, staffing handover."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import HeadingBase

import app.usage_charts as charts
from app.uploads import SMALL_UPLOAD_BYTES
from app.usage_charts import daily_peak_view, heatmap_view
from calculator.usage import (
    LogFormat,
    UsageOptions,
    analyze_log,
    sample_log_csv,
    usage_to_staffing,
)
from tests.app.conftest import open_page
from tests.app.helpers import figure_spec, keyed_block, metrics, plain, uploader

FIXTURES = Path(__file__).resolve().parents[1] / "calculator" / "usage" / "fixtures"
SAMPLE = sample_log_csv()


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes gzip-compressed a megabyte at a time (about 1,000:1)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join([*parts, packer.flush()])


@pytest.fixture
def page() -> AppTest:
    """The app opened on the usage page, nothing uploaded yet."""
    return open_page("app_pages/usage.py")


def upload(app: AppTest, name: str, data: bytes, key: str = "usage_files") -> AppTest:
    uploader(app, key).set_value((name, data, "text/csv")).run()
    assert not app.exception
    return app


def test_page_asks_for_a_log_first(page):
    """Before an upload the page explains what to do and offers the sample."""
    (info,) = page.info
    assert info.value.startswith(
        'Upload a log, or switch on "Try it with the sample log" to see how it works.\n\n'
    )
    assert page.get("download_button")[0].proto.label == "Download a sample log"


def test_a_red_file_sign_is_explained_for_each_cause(page):
    """Streamlit marks a file too large, of a type not accepted, or cut off by the network with
    the same red sign. The page says what to do for each, with the limit and the types the two
    uploaders really have: compressing helps a file too large, uploading again one cut off."""
    text = page.info[0].value
    log, roster = (uploader.proto for uploader in page.get("file_uploader"))
    assert log.max_upload_size_mb == roster.max_upload_size_mb == 200
    assert (
        '- "File must be … or smaller": a file may have at most 200 MB. Compress it (.gz or '
        ".zip) or export fewer months per file; several files are read together.\n"
    ) in text
    types = re.search(r"a log must be (.*); a roster (.*)\. Export it again", text)
    assert types is not None
    for listed, accepted in zip(types.groups(), (log.type, roster.type), strict=True):
        assert sorted(re.findall(r"\.\w+", listed)) == sorted(accepted)
    assert text.endswith(
        "- Other words (a network error): it did not finish uploading because the connection "
        "was cut. Upload it again."
    )


def test_sample_log_figures_are_shown(page):
    """The metrics are the analysis of the uploaded bytes (26 agents: 12 staff, 10 seasonal,
    4 part-timers, as the sample is built)."""
    expected = analyze_log("sample.csv", SAMPLE)
    upload(page, "sample.csv", SAMPLE)
    shown = metrics(page)
    assert shown["Months"] == "6"
    assert shown["Agents who logged in"] == f"{expected.agents:,}" == "26"
    assert shown["Highest peak concurrency"] == str(max(m.peak_concurrent for m in expected.months))
    assert shown["Logged-in hours"] == f"{sum(m.logged_in_hours for m in expected.months):,.1f}"


def test_monthly_chart_plots_the_analysis(page):
    """The chart's active and peak series are the monthly figures, and so is its table."""
    expected = analyze_log("sample.csv", SAMPLE)
    upload(page, "sample.csv", SAMPLE)
    spec = figure_spec(page, "usage_monthly_chart")
    names = [trace["name"] for trace in spec["data"]]
    assert names == ["Active agents", "Peak concurrent"]
    assert spec["data"][0]["x"] == [m.month for m in expected.months]
    table = page.dataframe[0].value
    assert table["Active agents"].tolist() == [m.active for m in expected.months]
    assert table["Peak concurrent"].tolist() == [m.peak_concurrent for m in expected.months]


def test_quality_report_lists_reasons_with_rows(page):
    """The sample's repeated row and missing logout appear with their row numbers."""
    expected = {issue.code: issue for issue in analyze_log("s.csv", SAMPLE).quality.issues}
    upload(page, "sample.csv", SAMPLE)
    shown = metrics(page)
    assert (shown["Rows read"], shown["Repaired"], shown["Ignored"]) == ("2,456", "1", "1")
    (table,) = [frame.value for frame in page.table if "Example rows" in frame.value]
    assert table["Example rows"].tolist() == [
        f"row {expected['duplicate_row'].samples[0].row}",
        f"row {expected['missing_logout'].samples[0].row}, logout: no value",
    ]


def test_quality_report_names_the_column_and_the_value(page):
    """Each example row names the column at fault and its value as written, quoted: row 2's
    End Time is before its Start Time, row 3's Start Time is not a date."""
    log = (
        b"User,Start Time,End Time\n"
        b"ana,2024-01-02 10:00:00,2024-01-02 09:00:00\n"
        b"ben,*next* tuesday,2024-01-02 09:00:00\n"
        b"cy,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
    )
    upload(page, "log.csv", log)
    (table,) = [frame.value for frame in page.table if "Example rows" in frame.value]
    assert [plain(cell) for cell in table["Example rows"]] == [
        "row 3, Start Time: '*next* tuesday'",
        "row 2, End Time: '2024-01-02 09:00:00'",
    ]


def test_use_as_staffing_curve_replaces_the_scenario_and_opens_the_calculator(page):
    """With the seats paid for entered, start month and staffing become the log's, provisioned
    seats are the answer (not the agents who logged in), and the calculator page opens."""
    handover = usage_to_staffing(analyze_log("sample.csv", SAMPLE), 40)
    upload(page, "sample.csv", SAMPLE)
    page.number_input(key="usage_paid_seats").set_value(40).run()
    assert handover.assumption in [plain(caption.value) for caption in page.caption]
    page.button(key="usage_use_curve").click().run()
    assert not page.exception
    scenario = page.session_state["scenario"]
    assert (scenario.start_month, scenario.staffing) == (handover.start_month, handover.staffing)
    assert {month.provisioned for month in scenario.staffing} == {40}
    assert page.title[0].value == "What would you pay under each licensing model?"


def test_the_calculator_says_what_it_took_from_the_log(page):
    """20 seats, fewer than the 26 agents who logged in in February to April: the calculator
    the button opens says where its months come from and that those months use 26 (it showed the
    raised seats without a word), names the scenario after the log's months, and no longer calls
    its figures the worked example. The next change of the scenario ends the note."""
    handover = usage_to_staffing(analyze_log("sample.csv", SAMPLE), 20)
    assert "up to 26" in handover.assumption
    upload(page, "sample.csv", SAMPLE)
    page.number_input(key="usage_paid_seats").set_value(20).run()
    page.button(key="usage_use_curve").click().run()
    notes = [plain(box.value) for box in page.info]
    assert f"The months and staffing come from the login log. {handover.assumption}" in notes
    assert page.session_state["scenario"].name == "Login log 2024-01 to 2024-06"
    assert "worked example" not in page.markdown[0].value
    page.text_input(key="share_name").set_value("Acme").run()
    assert not [box for box in page.info if "come from the login log" in box.value]


def test_a_month_no_file_covers_is_named(page):
    """July and September logs with August's missing: the page says August has no login and
    what to do (September's log read beside July's showed August as 0 agents, unsaid)."""
    upload(
        page,
        "log.csv",
        b"agent,login,logout\na,2024-07-01 08:00,2024-07-01 17:00\n"
        b"a,2024-09-02 08:00,2024-09-02 17:00\n",
    )
    assert any(
        plain(box.value).startswith("Nobody logged in during 2024-08, between months with logins")
        for box in page.warning
    )


def test_an_ambiguous_date_order_points_at_the_box_that_sets_it(page):
    """03/04/2024 is read month first, and the note names the page's own choice and where it is
    (it said "choose day first", which no control on the page is called)."""
    upload(page, "log.csv", b"agent,login,logout\na,03/04/2024 08:00,03/04/2024 17:00\n")
    notes = [plain(caption.value) for caption in page.caption]
    assert (
        "log.csv, column 'login': dates such as 03/04/2024 were read month first (March 4); if "
        "the file writes "
        'the day first (3 April), choose "Day first (03/04 = 3 April)" under "Options", in '
        '"Dates written like 03/04/2024"'
    ) in notes


def test_files_writing_dates_two_ways_point_at_the_box_that_sets_the_order(page):
    """15/04 is day first, 04/15 month first: files read together must agree, and the message
    says where the order is chosen."""
    files = [
        ("a.csv", b"agent,login,logout\na,15/04/2024 08:00,15/04/2024 17:00\n", "text/csv"),
        ("b.csv", b"agent,login,logout\na,04/15/2024 08:00,04/15/2024 17:00\n", "text/csv"),
    ]
    uploader(page, "usage_files").set_value(files).run()
    (error,) = [plain(box.value) for box in page.error]
    assert error.endswith(
        'analyse them separately, or choose the order under "Options", in "Dates written like '
        '03/04/2024"'
    ), error


MARCH_SPILLING_INTO_APRIL = (
    b"agent,login,logout\na,2024-03-01 08:00,2024-03-01 17:00\n"
    b"b,2024-03-31 18:00,2024-04-01 02:00\n"
)
"""A March log whose last session ends at 02:00 UTC on 1 April: April is covered 2 of 720 h."""


def test_a_month_the_log_barely_covers_is_named_and_left_out_of_the_curve(page):
    """April (0.3 % covered) is named with what to do; the curve handed over is March alone,
    and the note under the seats says so."""
    upload(page, "log.csv", MARCH_SPILLING_INTO_APRIL)
    warning = next(plain(w.value) for w in page.warning if "covers only part" in w.value)
    assert warning.startswith(
        "The log covers only part of 2024-04 (0.3 %): its figures count only that part. A month "
        "covered less than half is left out of the staffing curve unless you keep it."
    )
    page.number_input(key="usage_paid_seats").set_value(5).run()
    assert any("2024-04 is left out" in plain(caption.value) for caption in page.caption)
    page.button(key="usage_use_curve").click().run()
    scenario = page.session_state["scenario"]
    assert (scenario.start_month, [m.active for m in scenario.staffing]) == ("2024-03", [2])


def test_the_months_the_log_barely_covers_can_be_kept(page):
    """Kept on request: March and April, April with its one agent."""
    upload(page, "log.csv", MARCH_SPILLING_INTO_APRIL)
    page.checkbox(key="usage_keep_partly_covered").check().run()
    page.number_input(key="usage_paid_seats").set_value(5).run()
    page.button(key="usage_use_curve").click().run()
    scenario = page.session_state["scenario"]
    assert (scenario.start_month, [m.active for m in scenario.staffing]) == ("2024-03", [2, 1])


def test_use_as_staffing_curve_asks_for_the_seats_paid_for(page):
    """Without a roster or an answer, the button explains what it needs and changes nothing."""
    before = page.session_state["scenario"]
    upload(page, "sample.csv", SAMPLE)
    page.button(key="usage_use_curve").click().run()
    assert [plain(error.value) for error in page.error] == [
        "- seats you pay for today: needed without a roster, because a login log shows who "
        "logged in but not how many seats are paid for"
    ]
    after = page.session_state["scenario"]
    assert after == before
    assert page.title[0].value == "Usage from your login logs"
    assert (
        "Seats you pay for today: needed without a roster, because a login log shows who logged "
        "in but not how many seats are paid for."
    ) in [plain(caption.value) for caption in page.caption]


def test_with_a_roster_no_seats_are_asked(page):
    """A roster gives the provisioned seats: no question, the assumption says so."""
    upload(page, "log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    upload(page, "roster.csv", (FIXTURES / "roster.csv").read_bytes(), key="usage_roster")
    assert not [box for box in page.number_input if box.key == "usage_paid_seats"]
    page.button(key="usage_use_curve").click().run()
    assert [month.provisioned for month in page.session_state["scenario"].staffing] == [4, 4]


def test_gzip_upload_and_roster(page):
    """A .csv.gz log and a roster: provisioned accounts appear in the chart table."""
    log = gzip.compress((FIXTURES / "generic_sessions.csv").read_bytes())
    upload(page, "log.csv.gz", log)
    upload(page, "roster.csv", (FIXTURES / "roster.csv").read_bytes(), key="usage_roster")
    table = page.dataframe[0].value
    assert table["Provisioned accounts"].tolist() == [4, 4]
    assert "zoe" in page.dataframe[-1].value["Account"].tolist()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "sample.csv: this is a PNG image, not a CSV file"),
        (b"agent,login,logout\n", "sample.csv: the file has a header row but no data rows"),
        (
            gzip_bomb(600 << 20),
            "sample.csv: decompresses to more than 536,870,912 bytes, the limit; refused: split "
            "the log into smaller files (a month each, say) and read them together",
        ),
    ],
    ids=["binary", "header-only", "gzip-bomb"],
)
def test_unreadable_uploads_show_one_message(page, data, message):
    """Hostile files give a clear message on the page, never a traceback."""
    upload(page, "sample.csv", data)
    assert [plain(error.value) for error in page.error] == [f"- {message}"]


def test_a_text_file_named_xlsx_is_said_not_to_be_a_workbook(page):
    """A report's text saved under an .xlsx name: the page says the file is not the workbook
    its name says and what to do, not that its first row has a single column."""
    upload(page, "agents.xlsx", b"Agent login report\nprinted 2024-02-01\n")
    assert [plain(error.value) for error in page.error] == [
        "- agents.xlsx: the file is named .xlsx but is not an Excel workbook (it is text that "
        "does not read as a table). Upload the export as it was downloaded: a CSV or text "
        "export keeps its .csv or .txt name; if it should be a workbook, open it in Excel and "
        "save it as Excel Workbook (.xlsx)"
    ]


DUTCH = (
    b"Medewerker;Aanmelding;Afmelding;Duur (u)\n"
    b"ann@corp.example;01.02.2024 08:00;01.02.2024 16:30;8,5\n"
    b"bob@corp.example;13.02.2024 22:00;14.02.2024 06:00;8,0\n"
)


def test_unknown_columns_are_named_with_the_page_s_own_boxes(page):
    """Dutch headers no layout knows: the message points to the column-name boxes under
    Options, not to command-line options, and following it reads the file (8.5 + 8 hours)."""
    upload(page, "diensten.csv", DUTCH)
    assert [plain(error.value) for error in page.error] == [
        "- diensten.csv: could not recognise the columns 'Medewerker', 'Aanmelding', "
        "'Afmelding', 'Duur (u)'. Layouts tried: sessions (agent, login, logout) (needs an "
        "agent column); events (agent, timestamp, login/logout) (needs an agent column); 13 "
        'vendor exports (none of their columns). Open "Options" and, under "Column names", name '
        "the columns, e.g. Agent = Medewerker, Login = Aanmelding, Logout = Afmelding. Or "
        'click "Read it with these columns".'
    ]
    for box, header in (("agent", "Medewerker"), ("login", "Aanmelding"), ("logout", "Afmelding")):
        assert page.text_input(key=f"usage_map_{box}").label == box.capitalize()
        page.text_input(key=f"usage_map_{box}").set_value(header)
    page.run()
    assert not page.error
    assert metrics(page)["Logged-in hours"] == "16.5"


FIVE9_WITHOUT_LOGOUT = (
    b"AGENT,DATE,LOGIN TIMESTAMP,LOGIN TIME\n"
    b"ann@corp.example,2024/02/01,2024/02/01 08:00:00,08:30:00\n"
    b"bob@corp.example,2024/02/13,2024/02/13 22:00:00,08:00:00\n"
)
"""Five9's "Agent Login-Logout" report (Pathlight tap-five9 ``schemas/agent_login_logout.json``)
with its ``LOGOUT TIMESTAMP`` column left out: ``LOGIN TIME`` is a duration ``hh:mm:ss``."""


def test_a_length_column_is_offered_as_the_duration_not_a_date_as_the_logout(page):
    """With no header naming the session's end, the way forward names ``LOGIN TIME`` in the
    Duration box (the next header left, ``DATE``, is no logout), and following it reads the file
    (8.5 + 8 hours)."""
    upload(page, "five9.csv", FIVE9_WITHOUT_LOGOUT)
    (message,) = [plain(error.value) for error in page.error]
    assert message.endswith(
        'e.g. Agent = AGENT, Login = LOGIN TIMESTAMP, Duration = LOGIN TIME. Or click "Read it '
        'with these columns".'
    ), message
    for box, header in (
        ("agent", "AGENT"),
        ("login", "LOGIN TIMESTAMP"),
        ("duration", "LOGIN TIME"),
    ):
        page.text_input(key=f"usage_map_{box}").set_value(header)
    page.run()
    assert not page.error
    assert metrics(page)["Logged-in hours"] == "16.5"


SIGN_ON = (
    b"Employee Name,Sign On Time,Sign Off Time\n"
    b"ann,2024-03-04 08:00,2024-03-04 16:30\n"
    b"bob,2024-03-05 22:00,2024-03-06 06:00\n"
)
"""A workforce tool's export in its own words: no layout knows "Sign On Time"."""


def test_one_click_reads_a_log_with_the_suggested_columns(page):
    """The message's guess is one click away: the boxes are filled with it, the log is read
    (8.5 + 8 hours), and the page says which names were guessed while they are in use."""
    upload(page, "shifts.csv", SIGN_ON)
    (message,) = [plain(error.value) for error in page.error]
    assert message.endswith(
        "e.g. Agent = Employee Name, Login = Sign On Time, Logout = Sign Off Time. Or click "
        '"Read it with these columns".'
    ), message
    page.button(key="usage_use_suggested").click().run()
    assert not page.error
    assert metrics(page)["Logged-in hours"] == "16.5"
    boxes = {box: page.text_input(key=f"usage_map_{box}").value for box in ("agent", "login")}
    assert boxes == {"agent": "Employee Name", "login": "Sign On Time"}
    assert page.text_input(key="usage_map_logout").value == "Sign Off Time"
    assert page.text_input(key="usage_map_duration").value == ""
    assert [plain(info.value) for info in page.info] == [
        "Read with the column names guessed from its headers and first rows: Agent = Employee Name, Login = "
        "Sign On Time, Logout = Sign Off Time. A guess can be wrong: check them under "
        '"Options", "Column names".'
    ]


@pytest.mark.parametrize(
    ("data", "guess", "date_box"),
    [
        # A header holding "time" is not taken for a length when its values are dates and
        # times, and a date column is not taken for the login.
        (
            b"Agent,Date,Open Time,Close Time\nann,2024-03-04,2024-03-04 08:00,2024-03-04 16:00\n"
            b"bob,2024-03-04,2024-03-04 09:00,2024-03-04 13:30\n",
            "Agent = Agent, Login = Open Time, Logout = Close Time",
            "",
        ),
        # Dutch headers with the date apart from the times of day: the date column is named
        # too, and its box filled (bob's shift ends past midnight).
        (
            b"Medewerker;Dag;Aanmelding;Afmelding\nann;04.03.2024;08:00;16:00\n"
            b"bob;04.03.2024;22:00;02:30\n",
            "Agent = Medewerker, Login = Aanmelding, Logout = Afmelding, Date = Dag",
            "Dag",
        ),
    ],
)
def test_the_suggested_columns_go_by_what_the_columns_hold(page, data, guess, date_box):
    """The guess looks at the first rows, not only the headers: one click reads the file
    (8 + 4.5 hours)."""
    upload(page, "shifts.csv", data)
    assert plain(page.error[0].value).endswith(
        f'e.g. {guess}. Or click "Read it with these columns".'
    )
    page.button(key="usage_use_suggested").click().run()
    assert not page.error
    assert page.text_input(key="usage_map_date").value == date_box
    assert metrics(page)["Logged-in hours"] == "12.5"


def test_json_records_are_read_with_the_suggested_keys(page):
    """JSON records have keys, not columns: the button says so, and reads them all the same."""
    records = (
        b'[{"Employee Name": "ann", "Sign On Time": "2024-03-04 08:00", '
        b'"Sign Off Time": "2024-03-04 16:30"}]'
    )
    upload(page, "shifts.json", records)
    assert plain(page.error[0].value).endswith('Or click "Read it with these keys".')
    button = page.button(key="usage_use_suggested")
    assert button.label == "Read it with these keys"
    button.click().run()
    assert not page.error
    assert metrics(page)["Logged-in hours"] == "8.5"


def test_the_guess_note_goes_once_a_box_is_changed(page):
    """A name typed over the guess is the person's own choice: the note no longer applies."""
    upload(page, "shifts.csv", SIGN_ON)
    page.button(key="usage_use_suggested").click().run()
    page.text_input(key="usage_map_agent").set_value("employee name").run()
    assert not page.error
    assert not [info for info in page.info if "guessed" in info.value]


@pytest.mark.parametrize(
    ("data", "chosen"),
    [
        # Two columns: nothing left to guess for the session's end.
        (b"who,when\nann,2024-01-01 08:00\n", None),
        # A chosen layout missing a field: the message names a box, with no guess to apply.
        (b"agent,login\na,2024-01-01 08:00\n", LogFormat.SESSIONS),
    ],
)
def test_no_click_is_offered_without_a_whole_guess(page, data, chosen):
    if chosen is not None:
        page.selectbox(key="usage_format").set_value(chosen).run()
    upload(page, "log.csv", data)
    assert page.error
    assert not [button for button in page.button if button.key == "usage_use_suggested"]
    assert "Read it with these columns" not in page.error[0].value


def test_a_missing_field_of_a_chosen_layout_names_its_box(page):
    """Sessions chosen for a file with no logout or duration column: the boxes to fill are named."""
    page.selectbox(key="usage_format").set_value(LogFormat.SESSIONS).run()
    upload(page, "log.csv", b"agent,login\na,2024-01-01 08:00\n")
    assert [plain(error.value) for error in page.error] == [
        "- log.csv: the sessions (agent, login, logout) layout needs a logout or a duration "
        "column; the columns are 'agent', 'login'. Open \"Options\" and, under \"Column names\", "
        'type the name of the column that holds the logout in the "Logout" box, or of the '
        'column that holds the duration in the "Duration" box.'
    ]


def test_a_roster_without_its_agent_column_is_not_sent_to_the_log_s_boxes(page):
    """The column-name boxes read the log, not the roster: the roster's message says which
    header to give its column instead."""
    upload(page, "log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    upload(page, "roster.csv", b"who,created\nann,2024-01-01\n", key="usage_roster")
    assert [plain(error.value) for error in page.error] == [
        "- roster.csv: the roster (agent, created, deactivated) layout needs an agent column; "
        "the columns are 'who', 'created'. Give that column the header 'agent' in the file"
    ]


def test_invalid_options_are_named(page):
    """A month written wrongly is refused with the field and the value."""
    upload(page, "sample.csv", SAMPLE)
    page.text_input(key="usage_start_month").set_value("2024-13").run()
    assert [plain(error.value) for error in page.error] == [
        "- first month to report: must be a month written YYYY-MM, e.g. 2027-01 (got '2024-13')"
    ]


def test_a_renamed_offline_activity_is_named_on_the_page(page):
    """A Twilio workspace whose Offline activity is called "Gone Home": read with the default,
    "Gone Home" counts as logged in (24 hours) and the page says so; named in the options box,
    the figures are the callbacks fixture's own 16 hours (alice 08:00-12:00 and 13:00-17:00,
    bob 10:00-13:00 and 14:00-19:00). Too many names are refused by the box's label."""
    callbacks = (FIXTURES / "twilio_taskrouter_callbacks.csv").read_bytes()
    renamed = callbacks.replace(b",Offline,", b",Gone Home,")
    assert analyze_log("c.csv", callbacks).total_logged_in_hours == 16
    upload(page, "callbacks.csv", renamed)
    assert metrics(page)["Logged-in hours"] == "24.0"
    shown = [
        element.value
        for kind in ("markdown", "caption", "info", "warning")
        for element in getattr(page, kind)
    ]
    assert any("no activity is a logged" in text for text in shown)
    states = page.text_input(key="usage_logged_out_states")
    assert states.label == "States that mean logged out"
    assert "Twilio TaskRouter" in states.help
    assert "separated by commas" in states.help
    states.set_value(" gone home, On Leave ").run()
    assert not page.error
    assert metrics(page)["Logged-in hours"] == "16.0"
    page.text_input(key="usage_logged_out_states").set_value(",".join(["Away"] * 51)).run()
    assert [plain(error.value) for error in page.error] == [
        "- states that mean logged out: must have at most 50 entries (has 51)"
    ]


STATES = (
    b"agent,timestamp,state\n"
    b"ann,2024-06-03 08:00:00,Available\nann,2024-06-03 12:00:00,Lunch\n"
    b"ann,2024-06-03 12:30:00,Available\nann,2024-06-03 16:00:00,Offline\n"
    b"bob,2024-06-03 09:00:00,Available\nbob,2024-06-03 17:00:00,Offline\n"
)


def test_state_changes_are_chosen_in_the_log_format_list(page):
    """agent, timestamp, state: detected as login/logout events, no row is used; chosen as state
    changes, ann is logged in 08:00-16:00 (Lunch is a state of being logged in) and bob
    09:00-17:00: 2 agents, 16 hours."""
    upload(page, "states.csv", STATES)
    assert [plain(error.value) for error in page.error] == [
        "- No usable sessions: every row was rejected or ignored (see below)."
    ]
    page.selectbox(key="usage_format").set_value(LogFormat.STATES).run()
    assert not page.error
    shown = metrics(page)
    assert (shown["Agents who logged in"], shown["Logged-in hours"]) == ("2", "16.0")


def test_the_state_and_duration_columns_can_be_named(page):
    """Headers no layout knows: the state column (Status now), and a session's duration instead
    of its logout (Length), are named in their own boxes."""
    renamed = STATES.replace(b"agent,timestamp,state", b"Who,When,Status now")
    upload(page, "states.csv", renamed)
    page.selectbox(key="usage_format").set_value(LogFormat.STATES)
    for column, header in (("agent", "Who"), ("timestamp", "When"), ("activity", "Status now")):
        page.text_input(key=f"usage_map_{column}").set_value(header)
    page.run()
    assert metrics(page)["Logged-in hours"] == "16.0"
    sessions = b"Who,Start,Length\nann,2024-06-03 08:00:00,02:30:00\nbob,2024-06-03 09:00:00,5400\n"
    upload(page, "durations.csv", sessions)
    page.selectbox(key="usage_format").set_value(LogFormat.SESSIONS)
    for column, header in (("activity", ""), ("timestamp", ""), ("login", "Start")):
        page.text_input(key=f"usage_map_{column}").set_value(header)
    page.text_input(key="usage_map_duration").set_value("Length (s)").run()
    assert not page.error
    assert metrics(page)["Logged-in hours"] == "4.0"


def test_month_range_and_time_zone_change_the_result(page):
    """Choosing February to April in New York time reports exactly those three months."""
    upload(page, "sample.csv", SAMPLE)
    page.text_input(key="usage_start_month").set_value("2024-02").run()
    page.text_input(key="usage_end_month").set_value("2024-04").run()
    page.selectbox(key="usage_tz").set_value("America/New_York").run()
    options = UsageOptions(tz="America/New_York", start_month="2024-02", end_month="2024-04")
    expected = analyze_log("s.csv", SAMPLE, options)
    assert page.dataframe[0].value["Month"].tolist() == ["2024-02", "2024-03", "2024-04"]
    assert page.dataframe[0].value["Active agents"].tolist() == [m.active for m in expected.months]


def test_billing_months_from_another_day_and_hour_are_counted_and_said(page):
    """A contract billed from the 15th at 07:00 UTC: the months are those billing cycles, as the
    analysis counts them, and the page says how they are cut."""
    upload(page, "sample.csv", SAMPLE)
    page.number_input(key="usage_cycle_day").set_value(15).run()
    page.number_input(key="usage_cycle_hour").set_value(7).run()
    expected = analyze_log("s.csv", SAMPLE, UsageOptions(cycle_day=15, cycle_hour=7))
    calendar = analyze_log("s.csv", SAMPLE, UsageOptions())
    table = page.dataframe[0].value
    assert table["Month"].tolist() == [m.month for m in expected.months]
    assert table["Active agents"].tolist() == [m.active for m in expected.months]
    assert table["Month"].tolist() != [m.month for m in calendar.months]
    assert (
        "Billing months run from the 15th at 07:00 to the 15th of the next month at 07:00 "
        "(UTC), each named by the month it starts in."
    ) in [caption.value for caption in page.caption]


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("usage_cycle_day", 29, "billing month starts on day: must be 28 or less (got 29)"),
        ("usage_cycle_day", 0, "billing month starts on day: must be 1 or more (got 0)"),
        ("usage_cycle_hour", 24, "billing month starts at hour: must be 23 or less (got 24)"),
    ],
)
def test_a_billing_cycle_out_of_range_is_named(page, key, value, problem):
    upload(page, "sample.csv", SAMPLE)
    page.number_input(key=key).set_value(value).run()
    assert [plain(error.value) for error in page.error] == [f"- {problem}"]


def test_a_log_longer_than_a_scenario_is_refused_politely(page):
    """61 months (the first and last nearly whole) cannot become a staffing curve: the message
    says how to fix it."""
    log = b"agent,login,logout\na,2020-01-01 08:00:00,2020-01-01 09:00:00\n"
    log += b"a,2025-01-31 08:00:00,2025-01-31 09:00:00\n"
    upload(page, "long.csv", log)
    page.number_input(key="usage_paid_seats").set_value(5).run()
    page.button(key="usage_use_curve").click().run()
    assert [plain(error.value) for error in page.error] == [
        "- the log covers 61 months (2020-01 to 2025-01); a scenario holds at most 60: choose "
        "a shorter month range"
    ]


def test_sample_toggle_analyses_the_sample_without_an_upload(page):
    """A prospect can see a result without any file: the toggle analyses the built-in sample."""
    page.toggle(key="usage_try_sample").set_value(True).run()
    assert not page.exception
    assert metrics(page)["Agents who logged in"] == f"{analyze_log('sample.csv', SAMPLE).agents:,}"


def test_insight_charts_show_the_analysis_with_tables(page):
    """Billing, daily peak, load-duration and heatmap charts each plot the analysis and sit with
    their sentence and table; the load-duration month can be changed."""
    expected = analyze_log("sample.csv", SAMPLE)
    insights = expected.insights
    upload(page, "sample.csv", SAMPLE)
    billing = figure_spec(page, "usage_billing_chart")
    assert billing["data"][1]["y"] == [m.genesys_concurrent for m in expected.months]
    daily = figure_spec(page, "usage_daily_chart")
    first, last = insights.log_start[:10], insights.log_end[:10]
    assert daily["data"][0]["y"] == [
        day.peak for day in insights.daily_peaks if first <= day.day <= last
    ]
    busiest = max(expected.months, key=lambda m: m.peak_any_instant).month
    assert page.selectbox(key="usage_load_month").value == busiest
    load = figure_spec(page, "usage_load_chart")
    curve = next(c for c in insights.load_duration if c.month == busiest)
    assert load["data"][0]["y"] == [float(h) for h in curve.hours_at_least]
    page.selectbox(key="usage_load_month").set_value("2024-06").run()
    june = next(c for c in insights.load_duration if c.month == "2024-06")
    assert figure_spec(page, "usage_load_chart")["data"][0]["y"] == [
        float(h) for h in june.hours_at_least
    ]
    heat = figure_spec(page, "usage_heatmap_chart")
    assert len(heat["data"][0]["z"]) == 7
    for key in ("usage_billing_chart", "usage_daily_chart", "usage_load_chart"):
        block = keyed_block(page, key)
        kinds = {type(child).__name__ for child in block.children.values()}
        assert "Expander" in kinds or "Dataframe" in kinds
    sentences = [plain(caption.value) for caption in page.caption]
    assert heatmap_view(insights).summary in sentences
    assert daily_peak_view(insights).summary in sentences


@pytest.mark.parametrize(
    ("fixture", "heading", "comparison"),
    [
        ("genesys_login_logout_details.csv", "What Genesys Cloud would bill", False),
        (
            "five9_agent_login_logout.csv",
            "For comparison: what Genesys Cloud's rules would bill",
            True,
        ),
        (
            "twilio_taskrouter_callbacks.csv",
            "For comparison: what Genesys Cloud's rules would bill",
            True,
        ),
        ("generic_sessions.csv", "For comparison: what Genesys Cloud's rules would bill", True),
    ],
    ids=["genesys", "five9", "twilio", "generic"],
)
def test_genesys_billing_is_a_comparison_unless_the_log_is_from_genesys(
    page, fixture, heading, comparison
):
    """Genesys Cloud's billing rules are what a Genesys export is billed by; for a Five9, Twilio
    or unnamed log they are the same logins counted another vendor's way, and say so."""
    upload(page, fixture, (FIXTURES / fixture).read_bytes())
    assert page.header[0].value == heading
    said = [plain(caption.value) for caption in page.caption]
    compared = [text for text in said if text.startswith("This log was not read as a Genesys")]
    assert bool(compared) is comparison
    figure_spec(page, "usage_billing_chart")  # the figures are shown either way


def test_agent_csv_download_is_offered(page):
    """The per-agent, per-month CSV is offered once the log is analysed."""
    upload(page, "sample.csv", SAMPLE)
    labels = [button.proto.label for button in page.get("download_button")]
    assert "Download hours per agent and month (CSV)" in labels


def test_idle_accounts_with_a_roster(page):
    """zoe never logged in; alice last logged out 24 days before the log ends: both listed at
    20 days, only zoe at 30."""
    upload(page, "log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    upload(page, "roster.csv", (FIXTURES / "roster.csv").read_bytes(), key="usage_roster")
    table = next(f.value for f in page.dataframe if "Days without a login" in f.value)
    assert table["Account"].tolist() == ["zoe"]
    page.number_input(key="usage_idle_days").set_value(20).run()
    table = next(f.value for f in page.dataframe if "Days without a login" in f.value)
    assert table["Account"].tolist() == ["zoe", "alice"]


def test_insights_are_not_recomputed_on_a_rerun(page, monkeypatch):
    """Changing an unrelated widget reuses the stored charts: the builder is not called again."""
    upload(page, "sample.csv", SAMPLE)
    calls = []
    original = charts.heatmap_view
    monkeypatch.setattr(charts, "heatmap_view", lambda i: calls.append(1) or original(i))
    page.number_input(key="usage_paid_seats").set_value(30).run()
    assert not page.exception
    assert calls == []


def test_teams_of_a_cxone_export_get_their_chart_and_table(page):
    """NICE CXone Agent State Log with Team_No 501 and 502 (fixture of the group tests): by
    Genesys Cloud's rules each team has 2 concurrent agents in January; the table lists each
    team's figures. A CXone log is not billed by those rules: the chart says it compares."""
    log = (FIXTURES / "nice_cxone_agent_state_log_teams.csv").read_bytes()
    upload(page, "AgentStateLog.csv", log)
    spec = figure_spec(page, "usage_groups_chart")
    assert [(trace["name"], trace["y"]) for trace in spec["data"]] == [("501", [2]), ("502", [2])]
    assert plain(spec["layout"]["title"]["text"].replace("<br>", " ")) == (
        "For comparison: concurrent agents per team by Genesys Cloud's rules"
    )
    table = next(frame.value for frame in page.dataframe if "Team" in frame.value)
    assert table["Team"].tolist() == ["501", "502"]
    assert table["Active agents"].tolist() == [2, 2]
    assert table["Hours (Genesys Cloud's rules)"].tolist() == [5, 6]
    assert "Hours billed" not in table
    summary = (
        "For comparison, Genesys Cloud's rules would bill 2 teams separately and add them; 502 "
        "would have the most hours billed (6)."
    )
    assert summary in [plain(caption.value) for caption in page.caption]
    files = next(frame.value for frame in page.dataframe if "Group column" in frame.value)
    assert files["Group column"].tolist() == ["Team_No"]


def test_groups_of_a_genesys_export_are_what_is_billed(page):
    """A Genesys Cloud Login-Logout Details export with a Division column named as the group:
    Genesys Cloud's rules are what this log is billed by, so the chart says billed."""
    log = (
        b'"User","Start Time","End Time","Duration","Division"\n'
        b'"Ana Silva","1/8/2024 8:00:00 AM","1/8/2024 4:00:00 PM","08:00:00","Sales"\n'
        b'"Ben Okafor","1/8/2024 12:00:00 PM","1/8/2024 8:00:00 PM","08:00:00","Support"\n'
    )
    upload(page, "Agent Login-Logout Details.csv", log)
    page.text_input(key="usage_map_group").set_value("Division").run()
    assert not page.exception
    assert page.header[0].value == "What Genesys Cloud would bill"
    spec = figure_spec(page, "usage_groups_chart")
    assert plain(spec["layout"]["title"]["text"]) == "Concurrent agents billed per division"
    table = next(frame.value for frame in page.dataframe if "Hours billed" in frame.value)
    assert table["Hours billed"].tolist() == [8, 8]
    summary = "2 divisions are billed separately and added; Sales has the most billed hours (8)."
    assert summary in [plain(caption.value) for caption in page.caption]


GENESYS_SHORT_OVERLAP = (
    # Genesys Cloud "Agent Login-Logout Details" columns (resource center article of that name):
    # two agents logged in together for 20 minutes only.
    b'"User","Start Time","End Time","Duration"\n'
    b'"Ana Silva","1/8/2024 8:00:00 AM","1/8/2024 12:00:00 PM","04:00:00"\n'
    b'"Ben Okafor","1/8/2024 11:40:00 AM","1/8/2024 4:00:00 PM","04:20:00"\n'
)


def test_a_genesys_export_hands_over_what_genesys_bills(page):
    """Two agents together for 20 minutes: an instant peak of 2, of which Genesys Cloud bills 1
    (peaks held under 30 minutes are disregarded), and 8 h 20 min billed as 9 hours. The
    staffing curve takes the billed figures unless the box is unticked."""
    upload(page, "Agent Login-Logout Details.csv", GENESYS_SHORT_OVERLAP)
    assert page.checkbox(key="usage_genesys_billing").value is True
    page.number_input(key="usage_paid_seats").set_value(5).run()
    assert any(
        "Peak concurrent agents and logged-in hours are what Genesys Cloud bills"
        in plain(caption.value)
        for caption in page.caption
    )
    page.button(key="usage_use_curve").click().run()
    staffing = page.session_state["scenario"].staffing
    assert [(m.peak_concurrent, m.logged_in_hours) for m in staffing] == [(1, 9)]


def test_the_instant_peak_is_handed_over_when_the_genesys_box_is_unticked(page):
    upload(page, "Agent Login-Logout Details.csv", GENESYS_SHORT_OVERLAP)
    page.checkbox(key="usage_genesys_billing").uncheck().run()
    page.number_input(key="usage_paid_seats").set_value(5).run()
    page.button(key="usage_use_curve").click().run()
    assert [m.peak_concurrent for m in page.session_state["scenario"].staffing] == [2]


def test_other_logs_are_not_offered_genesys_billing(page):
    """Genesys Cloud's rules are only a comparison for another platform's log."""
    upload(page, "sample.csv", SAMPLE)
    assert not [box for box in page.checkbox if box.key == "usage_genesys_billing"]


def test_a_group_column_named_on_the_page_splits_the_figures(page):
    """No breakdown until the Site column is named as the group column; then one bar series
    per site, and the sites without a name in "(no site)"."""
    upload(page, "sites.csv", (FIXTURES / "generic_sessions_sites.csv").read_bytes())
    with pytest.raises(KeyError):
        keyed_block(page, "usage_groups_chart")
    page.text_input(key="usage_map_group").set_value("Site").run()
    assert not page.exception
    spec = figure_spec(page, "usage_groups_chart")
    assert [trace["name"] for trace in spec["data"]] == ["Cork", "Leeds", "(no site)"]


def sessions_workbook() -> bytes:
    """One sheet, "Logins", in the sessions layout: ann 08:00-16:00 on 3 June 2024."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Logins")
    sheet.write_row(0, 0, ["agent", "login", "logout"])
    sheet.write_row(1, 0, ["ann", "2024-06-03 08:00:00", "2024-06-03 16:00:00"])
    book.close()
    return buffer.getvalue()


def files_read(app: AppTest) -> pd.DataFrame:
    return next(frame.value for frame in app.dataframe if "Read as" in frame.value)


def test_how_a_workbook_was_read_says_nothing_of_encoding_or_separator(page):
    """A workbook has no text encoding or separator: the table names its sheet only, and with a
    CSV beside it, those cells are left empty for the workbook."""
    upload(page, "logins.xlsx", sessions_workbook())
    table = files_read(page)
    assert "Encoding" not in table
    assert "Separator" not in table
    assert table["Read as"].tolist() == ["Excel sheet 'Logins'"]
    csv = b"agent,login,logout\nbob,2024-06-04 09:00:00,2024-06-04 17:00:00\n"
    uploader(page, "usage_files").set_value(
        [
            ("logins.xlsx", sessions_workbook(), "application/octet-stream"),
            ("more.csv", csv, "text/csv"),
        ]
    ).run()
    table = files_read(page)
    assert table[["Read as", "Encoding", "Separator"]].values.tolist() == [
        ["Excel sheet 'Logins'", "", ""],
        ["CSV", "utf-8", "comma"],
    ]


def test_a_small_log_is_analysed_without_the_progress_box(page):
    """The sample log (under SMALL_UPLOAD_BYTES) is analysed in a fraction of a second: no progress
    box, whose drawing alone holds the run, and the figures all the same."""
    assert len(SAMPLE) <= SMALL_UPLOAD_BYTES
    upload(page, "sample.csv", SAMPLE)
    assert page.get("status") == []
    assert metrics(page)["Agents who logged in"] == "26"


def test_a_larger_log_shows_the_progress_box(page):
    """A log above SMALL_UPLOAD_BYTES gets the progress box, closed as complete once analysed."""
    header, *rows = SAMPLE.decode().splitlines(keepends=True)
    larger = (header + "".join(rows) * (SMALL_UPLOAD_BYTES // len(SAMPLE) + 1)).encode()
    assert len(larger) > SMALL_UPLOAD_BYTES
    upload(page, "larger.csv", larger)
    (status,) = page.get("status")
    assert status.label == "Analysis complete"


ALICE = b"agent,created,deactivated\nalice,2023-12-01,\n"
ALICE_AND_BOB = ALICE + b"bob,2024-01-10,\n"


@pytest.mark.parametrize(
    ("roster", "days", "counts", "idle"),
    [
        (
            ALICE,
            1,
            "1 account in the roster; 0 never logged in during the reported months; 2 agents "
            "logged in without a roster entry.",
            "1 of 1 account still provisioned when the log ends had no login in the last 1 day: "
            "candidates to deprovision.",
        ),
        (
            ALICE_AND_BOB,
            2,
            "2 accounts in the roster; 0 never logged in during the reported months; 1 agent "
            "logged in without a roster entry.",
            "1 of 2 accounts still provisioned when the log ends had no login in the last 2 "
            "days: candidates to deprovision.",
        ),
    ],
    ids=["one", "two"],
)
def test_roster_sentences_say_one_or_many(page, roster, days, counts, idle):
    """The log's agents are alice, bob and carol; alice last logged out 24 days before its end,
    bob on its last day."""
    upload(page, "log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    upload(page, "roster.csv", roster, key="usage_roster")
    page.number_input(key="usage_idle_days").set_value(days).run()
    assert counts in [plain(block.value) for block in page.markdown]
    assert idle in [plain(caption.value) for caption in page.caption]


def headings(node) -> list[HeadingBase]:
    """The headings under ``node``, in the order the page shows them."""
    if isinstance(node, HeadingBase):
        return [node]
    return [found for child in getattr(node, "children", {}).values() for found in headings(child)]


def test_heading_levels_go_down_one_at_a_time(page):
    """WCAG heading order: the title is the one h1, each section an h2, and a part of a section
    an h3 under its section, never a level skipped (the sections were h3 right under the h1)."""
    upload(page, "log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    upload(page, "roster.csv", (FIXTURES / "roster.csv").read_bytes(), key="usage_roster")
    shown = [(int(heading.tag[1]), heading.value) for heading in headings(page.main)]
    assert shown[0] == (1, "Usage from your login logs")
    assert (3, "Accounts nobody uses") in shown
    assert {"Data quality", "Roster"} <= {text for level, text in shown if level == 2}
    levels = [level for level, _ in shown]
    assert levels.count(1) == 1
    assert all(after <= before + 1 for before, after in pairwise(levels))


def test_a_visit_to_the_calculator_keeps_the_options_the_seats_and_the_answer(page):
    """Options set, a log analysed, seats entered; the calculator opened and the page opened
    again: the billing zone and the seats are as left, and the figures found are shown with a
    word on why the file list is empty. The same options give the same months as before."""
    upload(page, "sample.csv", SAMPLE)
    page.selectbox(key="usage_tz").set_value("America/New_York").run()
    page.number_input(key="usage_paid_seats").set_value(40).run()
    before = metrics(page)
    page.switch_page("app_pages/calculator.py").run()
    page.switch_page("app_pages/usage.py").run()
    assert not page.exception
    assert page.selectbox(key="usage_tz").value == "America/New_York"
    assert page.number_input(key="usage_paid_seats").value == 40
    assert metrics(page) == before
    assert any(
        plain(info.value).startswith("Showing what was found earlier in this session in sample.csv")
        for info in page.info
    )


def test_options_changed_after_coming_back_ask_for_the_files_again(page):
    """The answer shown is the one its options gave: another zone needs the files again."""
    upload(page, "sample.csv", SAMPLE)
    page.switch_page("app_pages/calculator.py").run()
    page.switch_page("app_pages/usage.py").run()
    page.selectbox(key="usage_tz").set_value("Europe/London").run()
    assert "Months" not in metrics(page)
    assert any("Upload a log" in info.value for info in page.info)


def test_an_option_set_back_shows_its_figures_without_reading_the_log_again(page, monkeypatch):
    """A session cap tried and set back: the figures of the first cap come back from the kept
    analysis, not from reading the files again; a cap not tried before is analysed."""
    import calculator.usage

    calls = []
    analyze = calculator.usage.analyze_logs

    def counted(*args, **options):
        calls.append(args[1].open_session_cap_hours)
        return analyze(*args, **options)

    monkeypatch.setattr(calculator.usage, "analyze_logs", counted)
    upload(page, "sample.csv", SAMPLE)
    page.number_input(key="usage_cap_hours").set_value(4.0).run()
    four_hours = metrics(page)["Logged-in hours"]
    page.number_input(key="usage_cap_hours").set_value(8.0).run()
    assert metrics(page)["Logged-in hours"] != four_hours
    page.number_input(key="usage_cap_hours").set_value(4.0).run()
    assert not page.exception
    assert metrics(page)["Logged-in hours"] == four_hours
    page.number_input(key="usage_cap_hours").set_value(6.0).run()
    assert calls[1:] == [4.0, 8.0, 6.0]  # after the first analysis, with the default cap


def test_analyses_of_files_no_longer_on_the_page_are_not_kept(page):
    """Another log uploaded in place of the first: the first log's analyses are let go, so the
    kept analyses hold memory only for the files on the page."""
    upload(page, "sample.csv", SAMPLE)
    page.number_input(key="usage_cap_hours").set_value(4.0).run()
    assert len(page.session_state["usage__analyses"]) == 2
    upload(page, "log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    current = page.session_state["usage__analysis"]
    assert current["names"] == ["log.csv"]
    assert [key[:2] for key in page.session_state["usage__analyses"]] == [current["key"][:2]]


def test_large_files_keep_no_analysis_for_other_options(page, monkeypatch):
    """Files over the size kept for other options: a new session cap reads them again rather
    than keep a second analysis, which for a large log holds much of the server's memory."""
    import app.uploads

    monkeypatch.setattr(app.uploads, "KEPT_UPLOAD_BYTES", len(SAMPLE) - 1)
    upload(page, "sample.csv", SAMPLE)
    page.number_input(key="usage_cap_hours").set_value(4.0).run()
    assert not page.exception
    assert page.session_state["usage__analyses"] == {}
