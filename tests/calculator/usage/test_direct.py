"""DuckDB and Spark reading Parquet and CSV folders themselves give the Python readers' answer.

The same generated rows (blank agents, unreadable and impossible times, logouts before or at
the login, missing logouts or logouts in the year 9999, repeats, offsets and zones,
daylight-saving gaps and repeats, month ends) are written as a folder of Parquet or CSV files
and analysed by the memory engine after the Python readers, by the DuckDB engine reading the
files itself and (a few examples, Spark being slow to start each job) by the Spark engine
reading them itself. The monthly table and every data-quality count must be the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calculator.cli import main
from calculator.usage import LogFileError, UsageOptions, analyze_logs
from calculator.usage._direct import plan_direct
from tests.calculator.usage.test_engines import SPARK_SETTINGS

# Instants near month ends, a spring-forward gap and a fall-back repeat (US and EU).
ANCHORS = [
    dt.datetime(2024, 1, 31, 22, 0),
    dt.datetime(2024, 2, 29, 23, 30),
    dt.datetime(2024, 3, 10, 1, 0),
    dt.datetime(2024, 3, 31, 0, 30),
    dt.datetime(2024, 10, 27, 1, 30),
    dt.datetime(2024, 11, 3, 0, 45),
]
BAD_TIMES = ["bogus", "2024-02-30 10:00", "2024-13-01 00:00", "2024-01-01 25:00", "12:30", "-"]
MISSING_TIMES = [None, "", "n/a", "NULL"]
STILL_OPEN = ["9999-12-31 23:59:59", "9999-12-31T23:59:59Z"]
"""Placeholders for "not yet": a logout so written is no logout, a login unreadable."""


def spell(moment: dt.datetime, how: int) -> str:
    """One of the ISO 8601 spellings (naive, Z, offsets, AM/PM, a fraction) or epoch seconds."""
    if how == 0:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    if how == 1:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if how == 2:
        return moment.strftime("%Y-%m-%dT%H:%M:%S+02:00")
    if how == 3:
        return moment.strftime("%Y-%m-%d %I:%M %p")
    if how == 4:
        return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond:06d}"[:3]
    return str(int(moment.replace(tzinfo=dt.UTC).timestamp()))


@st.composite
def time_text(draw, base: dt.datetime | None = None) -> str | None:
    """A login or logout as a log writes it: mostly a real time, sometimes empty or bad."""
    kind = draw(st.integers(0, 19))
    if kind == 0:
        return draw(st.sampled_from(MISSING_TIMES))
    if kind == 1:
        return draw(st.sampled_from(BAD_TIMES))
    if kind == 2:
        return draw(st.sampled_from(STILL_OPEN))
    if base is None:
        base = draw(st.sampled_from(ANCHORS))
        minutes = draw(st.integers(-180, 180))
    else:
        # A logout: usually after the login, sometimes at it or before it.
        minutes = draw(st.sampled_from([-30, 0, 1, 15, 30, 60, 90, 240, 600]))
    moment = base + dt.timedelta(minutes=minutes, seconds=draw(st.sampled_from([0, 0, 30])))
    return spell(moment, draw(st.integers(0, 5)))


@st.composite
def session_rows(draw) -> list[tuple[str | None, str | None, str | None]]:
    rows = []
    for _ in range(draw(st.integers(3, 14))):
        agent = draw(st.sampled_from(["a1", "a2", " a2 ", "b", "c-3", "", None]))
        login = draw(time_text())
        base = None
        if login and login[0].isdigit() and "-" in login and login not in STILL_OPEN:
            try:
                base = dt.datetime.fromisoformat(login[:16].replace("T", " "))
            except ValueError:
                base = None
        logout = draw(time_text(base))
        rows.append((agent, login, logout))
        if rows and draw(st.integers(0, 5)) == 0:
            rows.append(rows[-1])  # an exact repeat
    if draw(st.booleans()):
        rows.append((None, None, None))  # a blank row
    return rows


OPTIONS = st.builds(
    UsageOptions,
    tz=st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata"]),
    source_tz=st.sampled_from([None, "Europe/Berlin", "America/New_York"]),
    peak_min_minutes=st.sampled_from([0, 30, 45]),
    # No generated logout falls exactly one cap after its login: a repeat that differs only in
    # a written versus a capped logout is the known difference of docs/usage-at-scale.md.
    open_session_cap_hours=st.sampled_from([12.0, 0.75]),
    start_month=st.sampled_from([None, "2024-02", "2024-03"]),
    end_month=st.sampled_from([None, "2024-03", "2024-11"]),
    # Billing months from the 1st, or from the 3rd or 10th, days on which the anchors' clocks
    # repeat 01:00 (3 November) or skip 02:00 (10 March) in New York.
    cycle_day=st.sampled_from([1, 3, 10]),
    cycle_hour=st.sampled_from([0, 1, 2]),
)


def write_folder(folder: Path, rows, reader: str, parts: int) -> None:
    """``rows`` split into ``parts`` files, some in a Hive-style partition folder."""
    folder.mkdir(parents=True, exist_ok=True)
    size = max(-(-len(rows) // parts), 1)
    for index in range(parts):
        chunk = rows[index * size : (index + 1) * size]
        if not chunk:
            continue
        place = folder / f"day={index}" if index % 2 else folder
        place.mkdir(exist_ok=True)
        columns = {
            "agent": [row[0] for row in chunk],
            "login": [row[1] for row in chunk],
            "logout": [row[2] for row in chunk],
        }
        if reader == "parquet":
            types = pa.schema([(name, pa.string()) for name in columns])
            pq.write_table(pa.table(columns, schema=types), place / f"part-{index}.parquet")
        else:
            with (place / f"part-{index}.csv").open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(columns)
                writer.writerows([["" if v is None else v for v in row] for row in chunk])


def summary(result) -> dict:
    """What both paths must agree on: the months, the agents, every data-quality count and the
    note on sessions over a day (but for its row, which a CSV read directly does not know)."""
    data = result.to_json_dict()
    quality = data["quality"]
    return {
        "months": data["months"],
        "months_active": data["months_active"],
        "agents": data["agents"],
        "sessions": data["sessions"],
        "merged": data["merged_sessions"],
        "rows": {key: value for key, value in quality.items() if key.startswith("rows_")},
        "issues": [(issue["code"], issue["kind"], issue["count"]) for issue in quality["issues"]],
        "insights": data["insights"],
        "sources": data["sources"],
        "partly_covered": data["partly_covered"],
        "long sessions": [
            re.sub(r"(, row [\d,]+|; choose the memory engine to see its row)\)", ")", note)
            for note in quality["notes"]
            if "longer than 24 hours" in note
        ],
    }


def both(
    folder: Path, options: UsageOptions, engine: str = "duckdb"
) -> tuple[dict, dict, list[str]]:
    said: list[str] = []
    memory = analyze_logs([("log", folder)], options, engine="memory")
    direct = analyze_logs(
        [("log", folder)], options, engine=engine, progress=lambda _, text: said.append(text)
    )
    return summary(memory), summary(direct), said


READ_ITSELF = "DuckDB reading the files itself"
SPARK_READ_ITSELF = "Spark reading the files itself"


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(session_rows(), OPTIONS, st.sampled_from(["parquet", "csv"]), st.integers(1, 3))
def test_direct_read_matches_the_readers(tmp_path_factory, rows, options, reader, parts):
    folder = tmp_path_factory.mktemp("log")
    write_folder(folder, rows, reader, parts)
    memory, direct, said = both(folder, options)
    assert any(READ_ITSELF in text for text in said)
    assert direct == memory


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", ""]),
            st.sampled_from(ANCHORS),
            st.integers(-120, 120),
            st.sampled_from([-10, 0, 10, 45, 300]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
    OPTIONS,
)
def test_typed_parquet_timestamps_match(tmp_path_factory, rows, zoned, options):
    """Parquet with typed timestamps (naive: local times of the source zone; or UTC)."""
    folder = tmp_path_factory.mktemp("typed")
    login = [anchor + dt.timedelta(minutes=shift) for _, anchor, shift, _ in rows]
    logout = [
        start + dt.timedelta(minutes=length)
        for start, (_, _, _, length) in zip(login, rows, strict=True)
    ]
    kind = pa.timestamp("us", "UTC" if zoned else None)
    table = pa.table(
        {
            "agent": pa.array([agent for agent, *_ in rows], pa.string()),
            "login": pa.array(login, kind),
            "logout": pa.array([None if i % 5 == 4 else t for i, t in enumerate(logout)], kind),
        }
    )
    pq.write_table(table, folder / "sessions.parquet")
    memory, direct, _ = both(folder, options)
    assert direct == memory


def test_chosen_months_without_a_usable_session(tmp_path):
    """Every row rejected, months chosen: both report the chosen months with zeros."""
    write_folder(tmp_path, [("a", "2024-01-31 22:00", "2024-01-31 21:50")], "parquet", 1)
    options = UsageOptions(start_month="2024-02", end_month="2024-03")
    memory, direct, _ = both(tmp_path, options)
    assert direct == memory
    assert [month["active"] for month in direct["months"]] == [0, 0]


def test_a_month_the_log_barely_covers_is_named_alike(tmp_path):
    """A March log whose last session ends at 02:00 on 1 April: April is covered for 2 of its
    720 h (0.28 %); March from 08:00 on the 1st, 736 of 744 h (98.9 %), is whole enough."""
    rows = [
        ("a", "2024-03-01 08:00", "2024-03-01 17:00"),
        ("b", "2024-03-31 18:00", "2024-04-01 02:00"),
    ]
    write_folder(tmp_path, rows, "csv", 1)
    memory, direct, _ = both(tmp_path, UsageOptions())
    assert direct == memory
    assert direct["partly_covered"] == [{"month": "2024-04", "covered": "0.0028"}]


def test_other_date_spellings_go_to_the_readers(tmp_path):
    """01/05/2024 may be day or month first: the readers decide from the whole column."""
    rows = [("a", "01/05/2024 08:00", "01/05/2024 10:00"), ("b", "2024-01-06 08:00", "")]
    write_folder(tmp_path, rows, "parquet", 1)
    memory, direct, said = both(tmp_path, UsageOptions())
    assert direct == memory
    assert direct["sessions"] == 2
    assert any("01/05/2024" in text and "in memory" in text for text in said)


@pytest.mark.parametrize("reader", ["parquet", "csv"])
def test_a_logout_in_the_year_9999_is_still_open_alike(tmp_path, reader):
    """9999-12-31 23:59:59 (SQL Server's last datetime, a common "not yet") as a logout is no
    logout on both paths, written as text or as epoch milliseconds; as a login, unreadable."""
    rows = [
        ("a", "2024-01-05 08:00", "9999-12-31 23:59:59"),
        ("b", "2024-01-05 09:00", "253402300799000"),
        ("c", "9999-12-31T08:00:00Z", "2024-01-05 10:00"),
        ("d", "2024-01-05 09:00", "2024-01-05 10:00"),
    ]
    write_folder(tmp_path, rows, reader, 1)
    memory, direct, said = both(tmp_path, UsageOptions())
    assert any(READ_ITSELF in text for text in said)
    assert direct == memory
    assert [(code, count) for code, _, count in direct["issues"]] == [
        ("unparseable_timestamp", 1),
        ("missing_logout", 2),
    ]


def test_typed_logouts_in_the_year_9999_are_still_open_alike(tmp_path):
    """A Parquet timestamp column holding 9999-12-31 23:59:59 for a session still open."""
    kind = pa.timestamp("us", "UTC")
    table = pa.table(
        {
            "agent": ["a", "b"],
            "login": pa.array([dt.datetime(2024, 1, 5, 8), dt.datetime(2024, 1, 5, 9)], kind),
            "logout": pa.array(
                [dt.datetime(9999, 12, 31, 23, 59, 59), dt.datetime(2024, 1, 5, 10)], kind
            ),
        }
    )
    pq.write_table(table, tmp_path / "sessions.parquet")
    memory, direct, _ = both(tmp_path, UsageOptions())
    assert direct == memory
    assert [(code, count) for code, _, count in direct["issues"]] == [("missing_logout", 1)]


LONG = [
    ("a", "2024-01-05 08:00", "2024-01-05 16:00"),
    ("b", "2024-01-05 08:00", "2024-01-08 08:00"),
    ("c", "2024-01-06 08:00", "2024-01-22 20:00"),
    ("d", "2024-01-07 08:00", ""),
]
"""Two sessions over a day (3 and 16.5 days), the longest the first row of the second file
when split in two; the open one is closed at the 12 h cap, not long."""


def long_notes(folder: Path, engine: str) -> list[str]:
    result = analyze_logs([("log", folder)], UsageOptions(), engine=engine)
    return [note for note in result.quality.notes if "longer than 24 hours" in note]


def long_note(where: str) -> str:
    return (
        f"2 sessions run longer than 24 hours, the longest 16.5 days ({where}): each is counted "
        "as logged in throughout; check them, or choose the months to report"
    )


@pytest.mark.parametrize("reader", ["parquet", "csv"])
def test_sessions_longer_than_a_day_are_noted_alike(tmp_path, reader):
    """DuckDB reading the files itself notes the sessions over 24 hours as the memory engine
    does, in the same words: the same count, the same longest, the same file; the same row in
    Parquet (record 1). It does not number a CSV's lines, so there it says where to see the
    row (the memory engine's line 2) instead of guessing."""
    write_folder(tmp_path, LONG, reader, 2)
    name = f"log/day=1/part-1.{reader}"
    memory = long_notes(tmp_path, "memory")
    assert memory == [long_note(f"{name}, row {1 if reader == 'parquet' else 2}")]
    direct = long_notes(tmp_path, "duckdb")
    if reader == "parquet":
        assert direct == memory
    else:
        assert direct == [long_note(f"{name}; choose the memory engine to see its row")]


def test_a_column_named_as_duckdbs_own_leaves_the_place_unknown(tmp_path):
    """A Parquet file with columns named file_index and file_row_number (which DuckDB would
    read in place of its own): the long session is still counted and noted, the place said
    as far as it is known."""
    table = pa.table(
        {
            "agent": ["a", "b"],
            "login": ["2024-01-05 08:00", "2024-01-05 08:00"],
            "logout": ["2024-01-05 10:00", "2024-01-08 08:00"],
            "file_index": [7, 7],
            "FILE_ROW_NUMBER": [7, 7],
        }
    )
    pq.write_table(table, tmp_path / "log.parquet")
    assert long_notes(tmp_path, "memory") == [
        "1 session runs longer than 24 hours, the longest 3.0 days (log/log.parquet, row 2): "
        "each is counted as logged in throughout; check it, or choose the months to report"
    ]
    assert long_notes(tmp_path, "duckdb") == [
        "1 session runs longer than 24 hours, the longest 3.0 days (log/log.parquet; choose the "
        "memory engine to see its row): each is counted as logged in throughout; check it, or "
        "choose the months to report"
    ]


def test_event_layouts_are_refused_with_the_reason(tmp_path):
    pq.write_table(
        pa.table(
            {
                "agent": ["a", "a"],
                "timestamp": ["2024-01-05 08:00", "2024-01-05 10:00"],
                "event": ["login", "logout"],
            }
        ),
        tmp_path / "events.parquet",
    )
    plan = plan_direct([("events.parquet", tmp_path / "events.parquet")], UsageOptions(), False)
    assert isinstance(plan, str)
    assert "events" in plan
    assert "Python readers" in plan
    memory, direct, said = both(tmp_path, UsageOptions())
    assert direct == memory
    assert direct["sessions"] == 1
    assert any("Python readers read the rows in memory" in text for text in said)
    assert not any(READ_ITSELF in text for text in said)


def test_a_roster_keeps_the_readers(tmp_path):
    path = tmp_path / "log.parquet"
    pq.write_table(pa.table({"agent": ["a"], "login": ["2024-01-05 08:00"], "logout": [""]}), path)
    assert "roster" in str(plan_direct([("log.parquet", path)], UsageOptions(), True))


def test_bad_csv_rows_are_counted_alike(tmp_path):
    (tmp_path / "a.csv").write_text(
        "agent,login,logout\na,2024-01-05 08:00,2024-01-05 10:00\nb,1,2,3\nc,2024-01-06 08:00\n"
        "d,2024-01-05 09:00,2024-01-05 10:00\ne,2024-01-05 09:00,2024-01-05 11:00\n"
    )
    memory, direct, _ = both(tmp_path, UsageOptions())
    assert direct == memory
    assert ("wrong_field_count", "rejected", 2) in direct["issues"]


def test_old_mac_line_endings_are_read_alike(tmp_path):
    """Lines ended by a carriage return alone (old Mac text): DuckDB and the readers read the
    same rows, a bad one included."""
    (tmp_path / "a.csv").write_bytes(
        b"agent,login,logout\ra,2024-01-05 08:00,2024-01-05 10:00\rb,soon,2024-01-05 10:00\r"
        b"c,2024-01-05 09:00,\r"
    )
    memory, direct, said = both(tmp_path, UsageOptions())
    assert any(READ_ITSELF in text for text in said)
    assert direct == memory
    assert direct["rows"]["rows_read"] == 3
    assert direct["months"][0]["active"] == 2


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_repeated_header_rows_are_skipped_alike(request, tmp_path, engine):
    """A paged CSV export repeats its header line (row 4, and row 6 quoted): DuckDB and Spark
    skip those rows as repeated headers, as the readers do; an agent named "agent" is used."""
    if engine == "spark":
        request.getfixturevalue("spark")
    (tmp_path / "a.csv").write_text(
        "agent,login,logout\na,2024-01-05 08:00,2024-01-05 10:00\nb,2024-01-05 09:00,\n"
        'agent,login,logout\nagent,2024-01-06 08:00,2024-01-06 09:00\n"agent","login",logout\n'
    )
    memory, direct, said = both(tmp_path, UsageOptions(), engine)
    name = {"duckdb": "DuckDB", "spark": "Spark"}[engine]
    assert any(f"{name} reading the files itself" in text for text in said)
    assert direct == memory
    assert ("repeated_header", "ignored", 2) in direct["issues"]


def test_mostly_broken_csv_is_refused_alike(tmp_path):
    """More lines with the wrong number of fields than good ones: the delimiter or the quotes
    are probably wrong, and both paths say so instead of counting."""
    (tmp_path / "a.csv").write_text("agent,login,logout\na,2024-01-05 08:00,2024-01-05 10:00\n"
                                    "b,1,2,3\nc,2024-01-06 08:00\n")  # fmt: skip
    for engine in ("memory", "duckdb"):
        with pytest.raises(LogFileError, match="different number of fields"):
            analyze_logs([("log", tmp_path)], engine=engine)


def test_auto_reads_itself_only_above_the_threshold(tmp_path, monkeypatch):
    write_folder(tmp_path, [("a", "2024-01-05 08:00", "2024-01-05 10:00")], "parquet", 1)
    said: list[str] = []
    analyze_logs([("log", tmp_path)], engine="auto", progress=lambda _, text: said.append(text))
    assert not any(READ_ITSELF in text for text in said)
    monkeypatch.setattr("calculator.usage._analyze.AUTO_MEMORY_SESSIONS", 0)
    said.clear()
    result = analyze_logs(
        [("log", tmp_path)], engine="auto", progress=lambda _, text: said.append(text)
    )
    assert any(READ_ITSELF in text and "auto: 1 row)" in text for text in said)
    assert result.months[0].logged_in_hours == 2
    assert result.insights is not None
    assert result.insights.agent_months.agent == ["a"]


def test_insights_are_left_out_above_their_limit(tmp_path, monkeypatch):
    """Past the limit the sessions stay in DuckDB: the monthly table, without insights, and a
    note that says why."""
    write_folder(tmp_path, [("a", "2024-01-05 08:00", "2024-01-05 10:00")], "parquet", 1)
    monkeypatch.setattr("calculator.usage._direct.INSIGHTS_MAX_SESSIONS", 0)
    result = analyze_logs([("log", tmp_path)], engine="duckdb")
    assert result.insights is None
    assert result.months[0].genesys_hours == 2
    assert any("insights need them in memory" in note for note in result.quality.notes)


@pytest.mark.parametrize("reader", ["parquet", "csv"])
def test_cli_prints_the_same_monthly_table(capsys, tmp_path, reader):
    rows = [
        ("a", "2024-01-31 23:00", "2024-02-01 01:00"),
        ("b", "2024-02-01T00:30:00Z", ""),
        ("", "2024-02-01 00:00", "2024-02-01 02:00"),
    ]
    write_folder(tmp_path, rows, reader, 2)
    tables = {}
    for engine in ("memory", "duckdb"):
        assert main(["usage", str(tmp_path), "--json", "--engine", engine]) == 0
        data = json.loads(capsys.readouterr().out)
        tables[engine] = (data["months"], data["quality"]["rows_rejected"])
    assert tables["duckdb"] == tables["memory"]
    assert [month["active"] for month in tables["duckdb"][0]] == [1, 2]


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_mapped_columns_are_read_directly(request, tmp_path, engine):
    """``--map`` names the columns for DuckDB and Spark as for the readers (names that are SQL
    words included); other columns are ignored."""
    if engine == "spark":
        request.getfixturevalue("spark")
    pq.write_table(
        pa.table(
            {
                "who": ["a", "b", "a"],
                "from": ["2024-01-05 08:00", "2024-01-05 09:00", "bad"],
                "to": ["2024-01-05 10:00", "", "2024-01-05 11:00"],
                "site": ["x", "y", "z"],
            }
        ),
        tmp_path / "log.parquet",
    )
    options = UsageOptions(
        format="sessions", columns={"agent": "who", "login": "from", "logout": "to"}
    )
    name = {"duckdb": "DuckDB", "spark": "Spark"}[engine]
    memory, direct, said = both(tmp_path, options, engine)
    assert any(f"{name} reading the files itself" in text for text in said)
    assert direct == memory
    assert direct["rows"]["rows_rejected"] == 1
    assert direct["rows"]["rows_repaired"] == 1


# Spark reading the files itself ------------------------------------------------------------------

# Rows that meet every rule at least once: blank, no agent, no login, bad and impossible times,
# a spring-forward gap and a fall-back repeat (New York), AM/PM, offsets, Z, a fraction, epoch
# seconds and milliseconds, no logout, logout before or at the login, and exact repeats.
AWKWARD = [
    ("a1", "2024-03-10 02:30:00", "2024-03-10 04:00:00"),
    ("a1", "2024-11-03 01:30:00", "2024-11-03 03:00:00"),
    ("a2", "2024-11-03 00:15:00", "2024-11-03 01:45:00"),
    (" a2 ", "2024-01-31 10:00 PM", "2024-02-01T05:00:00Z"),
    ("b", "2024-02-29T23:30:00+02:00", "2024-03-01 02:00:00.250"),
    ("b", "1709251200", "1709258400000"),
    ("c-3", "2024-04-31 08:00", "2024-05-01 09:00"),
    ("c-3", "2024-03-31 00:30:00", ""),
    ("c-3", "2024-03-31 00:30:00", ""),
    ("", "2024-03-01 08:00", "2024-03-01 09:00"),
    ("a1", "n/a", "2024-03-01 09:00"),
    ("a1", "2024-03-01 08:00", "bogus"),
    ("a1", "2024-03-05 08:00", "2024-03-05 07:30"),
    ("a2", "2024-03-05 08:00", "2024-03-05 08:00"),
    ("a2", "2024-03-05 08:00", "2024-03-05 09:00"),
    ("a2", "2024-03-05 08:00", "2024-03-05 09:00"),
    (None, None, None),
]


@SPARK_SETTINGS
@example(
    rows=AWKWARD,
    options=UsageOptions(tz="Europe/Berlin", source_tz="America/New_York", peak_min_minutes=30),
    reader="csv",
    parts=3,
)
@example(
    rows=AWKWARD,
    options=UsageOptions(source_tz="Europe/Berlin", start_month="2024-03", end_month="2024-11"),
    reader="parquet",
    parts=2,
)
@given(session_rows(), OPTIONS, st.sampled_from(["parquet", "csv"]), st.integers(1, 3))
def test_spark_direct_read_matches_the_readers(
    spark, tmp_path_factory, rows, options, reader, parts
):
    """Spark reads the folders itself and finds what the readers and DuckDB find. Few
    examples without shrinking (:data:`SPARK_SETTINGS`): the DuckDB test above runs the same
    SQL text, but for the dialect's pieces, and shrinks a failure to its smallest log."""
    folder = tmp_path_factory.mktemp("log")
    write_folder(folder, rows, reader, parts)
    memory, on_spark, said = both(folder, options, "spark")
    assert any(SPARK_READ_ITSELF in text for text in said)
    assert on_spark == memory
    _, on_duckdb, _ = both(folder, options, "duckdb")
    assert on_duckdb == memory


def test_spark_reads_typed_timestamps_and_broken_csv_lines(spark, tmp_path):
    """Typed Parquet timestamps (naive: local times with a daylight-saving change), and CSV
    lines with the wrong number of fields, as the readers count them."""
    typed = tmp_path / "typed"
    typed.mkdir()
    kind = pa.timestamp("ms")
    pq.write_table(
        pa.table(
            {
                "agent": ["a", "a", "b", "c", None],
                "login": pa.array(
                    [
                        dt.datetime(2024, 3, 10, 2, 30),
                        dt.datetime(2024, 11, 3, 1, 30),
                        dt.datetime(2024, 1, 31, 22, 0),
                        dt.datetime(1850, 1, 1),
                        None,
                    ],
                    kind,
                ),
                "logout": pa.array(
                    [dt.datetime(2024, 3, 10, 5), dt.datetime(2024, 11, 3, 4), None, None, None],
                    kind,
                ),
            }
        ),
        typed / "part-0.parquet",
    )
    options = UsageOptions(source_tz="America/New_York", open_session_cap_hours=6)
    memory, on_spark, _ = both(typed, options, "spark")
    assert on_spark == memory
    codes = {code for code, _, _ in on_spark["issues"]}
    assert {"nonexistent_local_time", "ambiguous_local_time", "unparseable_timestamp"} <= codes
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.csv").write_text(
        "agent,login,logout\na,2024-01-05 08:00,2024-01-05 10:00\nb,1,2,3\nc,2024-01-06 08:00\n"
        'd,2024-01-05 09:00,2024-01-05 10:00\n"e, the second",2024-01-05 09:00,2024-01-05 11:00\n'
    )
    memory, on_spark, _ = both(broken, UsageOptions(), "spark")
    assert on_spark == memory
    assert ("wrong_field_count", "rejected", 2) in on_spark["issues"]


def test_spark_falls_back_to_the_readers_with_the_reason(tmp_path, spark):
    """What Spark does not read itself is named: nanosecond Parquet timestamps, event layouts;
    the readers read it and Spark counts, with the same answer."""
    path = tmp_path / "ns.parquet"
    stamp = pa.array([dt.datetime(2024, 1, 5, 8)], pa.timestamp("ns"))
    pq.write_table(pa.table({"agent": ["a"], "login": stamp, "logout": stamp}), path)
    plan = plan_direct([("ns.parquet", path)], UsageOptions(), False, "Spark")
    assert plan == "Spark does not read the nanosecond timestamps of login"
    assert not isinstance(plan_direct([("ns.parquet", path)], UsageOptions(), False), str)
    events = tmp_path / "events.parquet"
    pq.write_table(
        pa.table({"agent": ["a"], "timestamp": ["2024-01-05 08:00"], "event": ["login"]}), events
    )
    said = str(plan_direct([("events.parquet", events)], UsageOptions(), False, "Spark"))
    assert "Python readers" in said
    path.unlink()
    memory, on_spark, progress = both(tmp_path, UsageOptions(), "spark")
    assert on_spark == memory
    assert any(
        "Python readers read the rows in memory before Spark counts" in text and "events" in text
        for text in progress
    )
    assert not any(SPARK_READ_ITSELF in text for text in progress)


def test_spark_notes_sessions_longer_than_a_day_alike(spark, tmp_path):
    """Spark reading the files itself gives the memory engine's note on sessions over 24
    hours: the same in Parquet, file named and row left to the memory engine in CSV."""
    for reader in ("parquet", "csv"):
        folder = tmp_path / reader
        write_folder(folder, LONG, reader, 2)
        name = f"log/day=1/part-1.{reader}"
        expected = (
            long_notes(folder, "memory")
            if reader == "parquet"
            else [long_note(f"{name}; choose the memory engine to see its row")]
        )
        assert long_notes(folder, "spark") == expected == long_notes(folder, "duckdb")


def test_cli_spark_prints_the_default_engines_json(capsys, tmp_path, spark):
    """``--engine spark`` on a folder: Spark reads it itself, and the JSON is the default's."""
    write_folder(tmp_path, AWKWARD, "parquet", 2)
    outputs = {}
    for engine in ("auto", "spark"):
        assert main(["usage", str(tmp_path), "--json", "--engine", engine]) == 0
        captured = capsys.readouterr()
        outputs[engine] = json.loads(captured.out)
    assert outputs["spark"]["sessions"] == outputs["auto"]["sessions"] > 0
    # The direct read reports counts per reason without example rows, and a note says so.
    for data in outputs.values():
        for issue in data["quality"]["issues"]:
            issue.pop("samples")
        data["quality"].pop("notes")
    assert outputs["spark"] == outputs["auto"]


CASES = [
    ("alice@corp.com", "2024-01-05 08:00", "2024-01-05 16:00"),
    ("Alice@Corp.com", "2024-01-06 08:00", "2024-01-06 16:00"),
    ("bob", "2024-01-06 08:00", "2024-01-06 16:00"),
]
"""One agent id in two letter cases (Five9 and Genesys Cloud name agents by their login, often
an e-mail address), and another agent."""


@pytest.mark.parametrize("engine", ["memory", "duckdb", "spark"])
def test_an_agent_id_in_two_letter_cases_is_noted_by_every_engine(tmp_path, request, engine):
    """Each spelling counts as its own agent, as the log writes it (nothing documents whether
    the platforms' ids ignore case), and every engine says so in the same words."""
    if engine == "spark":
        request.getfixturevalue("spark")
    write_folder(tmp_path, CASES, "parquet", 1)
    result = analyze_logs([("log", tmp_path)], UsageOptions(), engine=engine)
    assert result.agents == 3
    assert [note for note in result.quality.notes if "letter case" in note] == [
        "1 agent id is written in more than one letter case, e.g. 'Alice@Corp.com' and "
        "'alice@corp.com': each spelling is counted as its own agent, as the log writes it; if "
        "the platform treats them as one account, they are counted too many times: correct the "
        "export"
    ]
