"""``python -m calculator usage``: JSON that is complete and stable, text, and clean errors."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from calculator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SESSIONS = str(FIXTURES / "generic_sessions.csv")


def run(capsys, *args):
    code = main(["usage", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_has_months_quality_and_options(capsys):
    """Per-month figures, the quality report and the options used, as documented keys."""
    code, out, _ = run(capsys, SESSIONS, "--json", "--tz", "UTC", "--peak-min-minutes", "30")
    data = json.loads(out)
    assert code == 0
    assert list(data) == [
        "options",
        "sources",
        "months",
        "months_active",
        "agents",
        "sessions",
        "merged_sessions",
        "quality",
        "partly_covered",
        "roster",
        "insights",
    ]
    assert data["months"][0] == {
        "month": "2024-01",
        "provisioned": None,
        "active": 3,
        "peak_concurrent": 2,
        "peak_any_instant": 2,
        "peak_at": "2024-01-15T12:00:00+00:00",
        "logged_in_hours": "18.0000",
        "genesys_concurrent": 2,
        "genesys_hours": 18,
    }
    assert data["options"]["peak_min_minutes"] == 30
    assert data["quality"]["rows_read"] == 6


def test_json_has_the_insights(capsys):
    """By hand from the fixture: on 15 January alice (9-17) and bob (12-20) give a peak of 2 and
    16 agent-hours; in January at least one agent was logged in 9-20 on the 15th and 22-24 on the
    31st (13 h), at least two 12-17 (5 h); one row per agent and month."""
    data = json.loads(run(capsys, SESSIONS, "--json")[1])["insights"]
    day = next(item for item in data["daily_peaks"] if item["day"] == "2024-01-15")
    assert day == {"day": "2024-01-15", "peak": 2, "logged_in_hours": "16.0000"}
    assert data["load_duration"][0] == {"month": "2024-01", "hours_at_least": ["13.0000", "5.0000"]}
    assert len(data["heatmap"]) == 168
    assert (data["groups"], data["accounts"], data["group_kind"]) == ([], None, None)
    assert (data["log_start"], data["log_end"]) == (
        "2024-01-15T09:00:00+00:00",
        "2024-03-01T00:00:00+00:00",
    )
    rows = data["agent_months"]
    assert list(zip(rows["agent"], rows["month"], rows["logged_in_hours"], strict=True)) == [
        ("alice", "2024-01", "8.0000"),
        ("alice", "2024-02", "6.0000"),
        ("bob", "2024-01", "8.0000"),
        ("bob", "2024-02", "1.0000"),
        ("carol", "2024-01", "2.0000"),
        ("carol", "2024-02", "6.0000"),
    ]


def test_json_is_identical_from_run_to_run(capsys):
    """The same input prints byte-identical JSON."""
    first = run(capsys, SESSIONS, "--json")[1]
    assert run(capsys, SESSIONS, "--json")[1] == first


def test_gzip_file_and_roster(capsys, tmp_path):
    """A .csv.gz log with a roster gives provisioned figures."""
    log = tmp_path / "log.csv.gz"
    log.write_bytes(gzip.compress((FIXTURES / "generic_sessions.csv").read_bytes()))
    code, out, _ = run(capsys, str(log), "--roster", str(FIXTURES / "roster.csv"), "--json")
    data = json.loads(out)
    assert (code, [m["provisioned"] for m in data["months"]]) == (0, [4, 4])
    assert data["roster"]["never_logged_in"] == ["zoe"]


def test_zip_given_as_a_path_is_read(capsys, tmp_path):
    """A one-file .zip named on the command line reads like the CSV inside it (it once crashed:
    a memory-mapped file is not seekable before Python 3.13)."""
    log = tmp_path / "log.zip"
    with zipfile.ZipFile(log, "w") as archive:
        archive.write(FIXTURES / "generic_sessions.csv", "generic_sessions.csv")
    zipped = json.loads(run(capsys, str(log), "--json")[1])["months"]
    assert zipped == json.loads(run(capsys, SESSIONS, "--json")[1])["months"]


def test_timestamps_in_year_9999_are_rejected_rows_not_a_crash(capsys, tmp_path):
    """A log dated 9999-12-31 gets the data-quality report and a clear error, exit code 2."""
    log = tmp_path / "log.csv"
    log.write_text("agent,login,logout\na1,9999-12-31 08:00:00,9999-12-31 09:00:00\n")
    code, out, err = run(capsys, str(log))
    assert code == 2
    assert (
        "rejected        1  Timestamp not understood, or not a real date and time. "
        "row 2, login: '9999-12-31 08:00:00'" in out
    )
    assert err == (
        "error: no usable sessions: every row was rejected or ignored (see the data-quality "
        "report)\n"
    )


def test_text_output_shows_the_monthly_table(capsys):
    """The readable output has one line per month."""
    code, out, _ = run(capsys, SESSIONS)
    assert code == 0
    assert "month    provisioned  active   peak  logged-in hours  peak first reached\n" in out
    assert (
        "2024-02            -       3      1          13.0000  2024-02-01T00:00:00+00:00\n" in out
    )
    assert "  2024-01: 2 concurrent, 18 h\n  2024-02: 1 concurrent, 13 h\n" in out


def test_billing_cycle_options_count_in_cycles_and_say_so(capsys):
    """From the 1st at 07:00 UTC (Genesys Cloud's voice cycle): carol's night shift up to
    1 February 06:00 stays whole in January's cycle (alice 8 h, bob 8 h, carol 8 h); February's
    cycle has alice 09:00-15:00 merged (6 h) and bob's last hour of 29 February."""
    code, out, _ = run(capsys, SESSIONS, "--cycle-day", "1", "--cycle-hour", "7")
    assert code == 0
    assert (
        "Billing months run from the 1st at 07:00 to the 1st of the next month at 07:00 (UTC), "
        "each named by the month it starts in.\n" in out
    )
    assert (
        "2024-01            -       3      2          24.0000  2024-01-15T12:00:00+00:00\n"
        "2024-02            -       2      1           7.0000  2024-02-05T09:00:00+00:00\n"
    ) in out


def test_format_and_column_mapping(capsys, tmp_path):
    """--format and --map read a layout with unknown headers."""
    log = tmp_path / "log.csv"
    log.write_text("Who,In,Out\nx,2024-01-02 08:00:00,2024-01-02 10:00:00\n")
    code, out, _ = run(
        capsys, str(log), "--format", "sessions", "--map", "agent=Who", "--map", "login=In",
        "--map", "logout=Out", "--json",
    )  # fmt: skip
    assert (code, json.loads(out)["months"][0]["logged_in_hours"]) == (0, "2.0000")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "error: missing.csv: no such file\n"),
        (
            [SESSIONS, "--tz", "Mars/Base"],
            "error: tz: unknown time zone; use an IANA name such as America/New_York (got "
            "'Mars/Base')\n",
        ),
        (
            [SESSIONS, "--from", "2024-03", "--to", "2024-01"],
            "error: end_month (2024-01) is before start_month (2024-03)\n",
        ),
        (
            [SESSIONS, "--map", "agent"],
            "error: --map 'agent': write FIELD=COLUMN, e.g. agent=User\n",
        ),
        (
            [SESSIONS, "--map", "agent=Nope"],
            "error: generic_sessions.csv: no column named 'Nope' for agent; the columns are "
            "'agent', 'login', 'logout'\n",
        ),
        (
            [SESSIONS, "--cycle-day", "29"],
            "error: cycle_day: must be 28 or less (got 29)\n",
        ),
        (
            [SESSIONS, "--cap-hours", "0"],
            "error: open_session_cap_hours: must be more than 0 (got 0.0)\n",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, message):
    """No traceback: exit code 2 and a message naming what is wrong."""
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.replace(str(FIXTURES) + "/", "") == message


def test_log_with_no_usable_row_reports_then_exits_2(capsys, tmp_path):
    """Every row rejected: the quality report is printed, then an error."""
    log = tmp_path / "log.csv"
    log.write_text("agent,login,logout\na,2024-01-02 10:00:00,2024-01-02 09:00:00\n")
    code, out, err = run(capsys, str(log), "--json")
    assert code == 2
    assert json.loads(out)["quality"]["rows_rejected"] == 1
    assert err == (
        "error: no usable sessions: every row was rejected or ignored (see the data-quality "
        "report)\n"
    )


def test_several_pages_of_a_json_export_and_the_container_shown(capsys):
    """Genesys Cloud pages given as several paths are read together; the text says how each was
    stored."""
    pages = [str(FIXTURES / f"genesys_users_details_page{n}.json") for n in (1, 2)]
    code, out, _ = run(capsys, *pages)
    assert code == 0
    assert (
        "genesys_users_details_page1.json: Genesys Cloud user details (presence) (detected); "
        in out
    )
    assert "utf-8, a JSON object; times without offset read as UTC" in out
    assert "2024-01            -       2      2          17.0000" in out


def test_logged_out_state_option(capsys, tmp_path):
    """--logged-out-state names the customer's own offline activity."""
    log = tmp_path / "events.csv"
    log.write_bytes(
        (FIXTURES / "twilio_taskrouter_callbacks.csv").read_bytes().replace(b"Offline", b"Gone")
    )
    code, out, _ = run(capsys, str(log), "--logged-out-state", "Gone", "--json")
    assert (code, json.loads(out)["months"][0]["logged_in_hours"]) == (0, "16.0000")


def test_a_workbook_is_described_by_its_sheet_not_an_encoding(capsys, tmp_path):
    """An Excel export has no text encoding of its own (its cells are read as they are): the text
    names the sheet and no encoding. Genesys Cloud's "Agent Login-Logout Details" is exported as
    .xlsx (resource center); rows as in ``test_vendor_exports``."""
    from tests.calculator.usage.test_vendor_exports import GENESYS_ROWS, genesys_workbook

    book = tmp_path / "details.xlsx"
    book.write_bytes(genesys_workbook(GENESYS_ROWS))
    code, out, _ = run(capsys, str(book), "--tz", "UTC")
    assert code == 0
    assert (
        "details.xlsx: Genesys Cloud Agent Login-Logout Details (detected); "
        "Excel sheet 'Agent Login-Logout Details'; times without offset read as UTC\n" in out
    )


def test_an_ambiguous_date_order_names_the_option_that_sets_it(capsys, tmp_path):
    """03/04/2024 is read month first; the note names this command's option, not a page's box."""
    log = tmp_path / "log.csv"
    log.write_text("agent,login,logout\na,03/04/2024 08:00,03/04/2024 17:00\n")
    code, out, _ = run(capsys, str(log))
    assert code == 0
    assert "if the file writes the day first (3 April), give --day-first" in out


def test_files_writing_dates_two_ways_name_both_options(capsys, tmp_path):
    day, month = tmp_path / "day.csv", tmp_path / "month.csv"
    day.write_text("agent,login,logout\na,15/04/2024 08:00,15/04/2024 17:00\n")
    month.write_text("agent,login,logout\na,04/15/2024 08:00,04/15/2024 17:00\n")
    code, _, err = run(capsys, str(day), str(month))
    assert code == 2
    assert "analyse them separately, or give --day-first or --no-day-first" in err
