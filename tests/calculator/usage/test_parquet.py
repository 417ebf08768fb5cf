"""Parquet files and folders of Parquet / CSV (partitioned by date) read like any other log."""

from __future__ import annotations

import datetime as dt
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.cli import main
from calculator.usage import LogFileError, UsageOptions, analyze_log, analyze_logs
from tests.calculator.usage.logs import EPOCH, figures, month_start_seconds, sessions_csv

JAN = month_start_seconds("2024-01", "UTC")
HOUR = 3600


def parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def typed(rows, unit: str = "us", zone: str | None = None) -> pa.Table:
    """Sessions with typed timestamps (``None`` logout = still open)."""

    def moment(value: int | None) -> dt.datetime | None:
        return None if value is None else (EPOCH + dt.timedelta(seconds=value)).replace(tzinfo=None)

    return pa.table(
        {
            "agent": [agent for agent, _, _ in rows],
            "login": pa.array([moment(login) for _, login, _ in rows], pa.timestamp(unit, zone)),
            "logout": pa.array([moment(logout) for _, _, logout in rows], pa.timestamp(unit, zone)),
        }
    )


ROWS = st.lists(
    st.tuples(
        st.sampled_from(["ana", "bo", "cy"]),
        st.integers(0, 24 * 62).map(lambda quarter: JAN + quarter * HOUR // 4),
        st.integers(1, 40).map(lambda quarter: quarter * HOUR // 4),
    ),
    min_size=1,
    max_size=12,
).map(lambda rows: [(agent, login, login + length) for agent, login, length in rows])


@settings(max_examples=40, deadline=None)
@given(ROWS, st.sampled_from(["s", "ms", "us", "ns"]), st.sampled_from([None, "UTC"]))
def test_parquet_gives_the_csv_figures(rows, unit, zone):
    """Typed timestamps in any unit, with or without a zone, give the CSV's monthly table."""
    options = UsageOptions(tz="Europe/Berlin", peak_min_minutes=15)
    from_csv = analyze_log("log.csv", sessions_csv(rows), options)
    from_parquet = analyze_log("log.parquet", parquet(typed(rows, unit, zone)), options)
    assert figures(from_parquet) == figures(from_csv)
    assert from_parquet.sources[0].container == "Parquet"


def test_parquet_rows_get_the_same_checks():
    """An open session is closed at the cap, a logout before its login rejected, a missing
    agent rejected: counted by reason with their row (record) numbers."""
    rows = [
        ("ana", JAN, JAN + HOUR),
        ("bo", JAN + HOUR, None),
        ("cy", JAN + 2 * HOUR, JAN + HOUR),
        (None, JAN, JAN + HOUR),
    ]
    result = analyze_log("log.parquet", parquet(typed(rows)))
    codes = {
        issue.code: [sample.row for sample in issue.samples] for issue in result.quality.issues
    }
    assert codes["missing_logout"] == [2]
    assert codes["logout_before_login"] == [3]
    assert codes["missing_agent"] == [4]
    assert result.quality.rows_used == 2
    assert result.months[0].logged_in_hours == 13  # 1 h, and 12 h for the open session


def test_text_columns_in_parquet_are_parsed_like_csv():
    """Times stored as text are read with the same rules as a CSV's."""
    table = pa.table(
        {"agent": ["ana"], "login": ["2024-01-31 22:00:00"], "logout": ["2024-02-01 02:00:00"]}
    )
    result = analyze_log("log.parquet", parquet(table))
    assert [(m.month, m.active, str(m.logged_in_hours)) for m in result.months] == [
        ("2024-01", 1, "2.0000"),
        ("2024-02", 1, "2.0000"),
    ]


def test_a_damaged_parquet_file_is_named():
    data = parquet(typed([("ana", JAN, JAN + HOUR)]))
    with pytest.raises(LogFileError, match=r"log.parquet: not a readable Parquet file"):
        analyze_log("log.parquet", data[:-20])


def test_folder_partitioned_by_date_reads_every_file(tmp_path):
    """A folder of Parquet and CSV files by date (Hive-style subfolders) is one log; marker
    files are skipped; the result equals the files given one by one."""
    folder = tmp_path / "logins"
    first = folder / "date=2024-01-01"
    second = folder / "date=2024-01-02"
    first.mkdir(parents=True)
    second.mkdir()
    (first / "part-0.parquet").write_bytes(parquet(typed([("ana", JAN, JAN + HOUR)])))
    (second / "part-0.csv").write_bytes(sessions_csv([("bo", JAN + 86400, JAN + 86400 + HOUR)]))
    (folder / "_SUCCESS").write_bytes(b"")
    result = analyze_logs([("logins", folder)])
    assert [source.file for source in result.sources] == [
        "logins/date=2024-01-01/part-0.parquet",
        "logins/date=2024-01-02/part-0.csv",
    ]
    one_by_one = analyze_logs(
        [("a.parquet", first / "part-0.parquet"), ("b.csv", second / "part-0.csv")]
    )
    assert figures(result) == figures(one_by_one)
    assert result.months[0].active == 2


def test_empty_folder_is_refused(tmp_path, capsys):
    """The CLI names the folder and the files it looks for."""
    (tmp_path / "_SUCCESS").write_bytes(b"")
    assert main(["usage", str(tmp_path)]) == 2
    assert "the folder holds no log files" in capsys.readouterr().err


def test_cli_reads_a_parquet_folder_on_duckdb(tmp_path, capsys):
    """``usage FOLDER --engine duckdb`` gives the same JSON as the default engine."""
    (tmp_path / "part-0.parquet").write_bytes(
        parquet(typed([("ana", JAN, JAN + HOUR), ("bo", JAN + 1800, JAN + HOUR)]))
    )
    outputs = []
    for engine in ("memory", "duckdb"):
        assert main(["usage", str(tmp_path), "--json", "--engine", engine]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert '"peak_any_instant": 2' in outputs[0]
