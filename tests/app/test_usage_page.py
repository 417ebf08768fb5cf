"""The login-log page, run with AppTest: upload, numbers shown, data quality, staffing handover."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from calculator.usage import UsageOptions, analyze_log, sample_log_csv, usage_to_staffing
from tests.app.helpers import figure_spec, metrics, plain

ENTRYPOINT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
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
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.run()
    app.switch_page("app_pages/usage.py").run()
    assert not app.exception
    return app


def upload(app: AppTest, name: str, data: bytes, key: str = "usage_files") -> AppTest:
    app.file_uploader(key=key).set_value((name, data, "text/csv")).run()
    assert not app.exception
    return app


def test_page_asks_for_a_log_first(page):
    """Before an upload the page explains what to do and offers the sample."""
    assert [info.value for info in page.info] == [
        'Upload a log, or switch on "Try it with the sample log" to see how it works.\n\n'
        "A file marked with a red sign above did not finish uploading (the connection was cut) "
        "and was not read: remove it with its × button and upload it again."
    ]
    assert page.get("download_button")[0].proto.label == "Download a sample log"


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
    table = next(frame.value for frame in page.dataframe if "Example rows" in frame.value)
    assert table["Example rows"].tolist() == [
        str(expected["duplicate_row"].samples[0].row),
        str(expected["missing_logout"].samples[0].row),
    ]


def test_use_as_staffing_curve_replaces_the_scenario_and_opens_the_calculator(page):
    """Start month and staffing become the log's; the calculator page opens."""
    start, staffing = usage_to_staffing(analyze_log("sample.csv", SAMPLE))
    upload(page, "sample.csv", SAMPLE)
    page.button(key="usage_use_curve").click().run()
    assert not page.exception
    scenario = page.session_state["scenario"]
    assert (scenario.start_month, scenario.staffing) == (start, staffing)
    assert page.title[0].value == "What would you pay under each licensing model?"


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
            "sample.csv: decompresses to more than 536,870,912 bytes, the limit; refused "
            "(split the log or raise the limit)",
        ),
    ],
    ids=["binary", "header-only", "gzip-bomb"],
)
def test_unreadable_uploads_show_one_message(page, data, message):
    """Hostile files give a clear message on the page, never a traceback."""
    upload(page, "sample.csv", data)
    assert [plain(error.value) for error in page.error] == [f"- {message}"]


def test_invalid_options_are_named(page):
    """A month written wrongly is refused with the field and the value."""
    upload(page, "sample.csv", SAMPLE)
    page.text_input(key="usage_start_month").set_value("2024-13").run()
    assert [plain(error.value) for error in page.error] == [
        "- start_month: must be a month written YYYY-MM, e.g. 2027-01 (got '2024-13')"
    ]


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


def test_a_log_longer_than_a_scenario_is_refused_politely(page):
    """61 months cannot become a staffing curve: the message says how to fix it."""
    log = b"agent,login,logout\na,2020-01-05 08:00:00,2020-01-05 09:00:00\n"
    log += b"a,2025-01-05 08:00:00,2025-01-05 09:00:00\n"
    upload(page, "long.csv", log)
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
