"""Every counting engine gives the in-memory engine's answer: monthly figures, merges, repeats.

The Spark tests run one local Spark session (``local[1]``) for the whole test session, on tiny
data; they need Java, which the test machines have.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from calculator.cli import main
from calculator.usage import LogFileError, UsageOptions, _engines, analyze_log
from calculator.usage._engine import MonthlyCounts
from calculator.usage._engines import Engine, counter, resolve_engine
from tests.calculator.usage.logs import month_start_seconds, sessions_csv
from tests.calculator.usage.test_engine import BOUNDS, UNEVEN, sessions

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pyspark.*")


def table(counts: MonthlyCounts) -> dict:
    """Everything an engine answers, as plain values (the order of active pairs aside)."""
    months = len(counts.peak)
    return {
        "active": counts.active.tolist(),
        "peak": counts.peak.tolist(),
        "peak_at": [int(counts.peak_at[m]) if counts.peak[m] else None for m in range(months)],
        "peak_held": counts.peak_held.tolist(),
        "logged_in": list(counts.logged_in_ticks),
        "months_active": counts.months_active.tolist(),
        "pairs": sorted(
            zip(counts.active_codes.tolist(), counts.active_months.tolist(), strict=True)
        ),
        "merged": counts.merged_sessions,
        "repeated": sorted(
            zip(
                counts.repeated_login_codes.tolist(),
                counts.repeated_login_starts.tolist(),
                strict=True,
            )
        ),
    }


def count(engine: Engine, rows, bounds, min_ticks: int, agents: int = 4) -> dict:
    codes = np.array([agent for agent, _, _ in rows], dtype=np.int64)
    starts = np.array([login for _, login, _ in rows], dtype=np.int64)
    ends = np.array([logout for _, _, logout in rows], dtype=np.int64)
    return table(counter(engine)(codes, starts, ends, np.array(bounds), agents, min_ticks))


@settings(max_examples=80, deadline=None)
@given(sessions(), st.sampled_from([0, 1, 30, 60]), st.sampled_from([BOUNDS, UNEVEN]))
def test_duckdb_matches_memory(rows, min_ticks, bounds):
    """Ties, touching and overlapping sessions, month ends, minimum-duration peaks: identical."""
    rows = [(a, s, min(e, bounds[-1])) for a, s, e in rows if s < min(e, bounds[-1])]
    assert count(Engine.DUCKDB, rows, bounds, min_ticks) == count(
        Engine.MEMORY, rows, bounds, min_ticks
    )


def combined(logs: list[list[tuple[int, int, int]]]):
    """Many small logs side by side as one: log k's agents are 4k..4k+3 and its three months
    follow log k-1's, so one job checks them all (a Spark job costs seconds, not milliseconds)."""
    rows = [
        (agent + 4 * k, login + 300 * k, logout + 300 * k)
        for k, log in enumerate(logs)
        for agent, login, logout in log
    ]
    return rows, list(range(0, 300 * len(logs) + 1, 100)), 4 * len(logs)


# Shrinking would rerun Spark jobs for minutes; the DuckDB test above runs the same SQL and
# shrinks a failure to its smallest log.
SPARK_SETTINGS = settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)


@SPARK_SETTINGS
@given(logs=st.lists(sessions(), min_size=1, max_size=40), min_ticks=st.sampled_from([0, 30]))
def test_spark_matches_memory(spark, logs, min_ticks):
    """The same rules as a Spark job give the same answer on dozens of generated logs at once."""
    rows, bounds, agents = combined(logs)
    assert count(Engine.SPARK, rows, bounds, min_ticks, agents) == count(
        Engine.MEMORY, rows, bounds, min_ticks, agents
    )


def test_named_edge_cases_agree_on_every_engine(spark):
    """A touching pair, an overlap, a tie at one instant, a session across a month end, a
    logout at a month start and a repeated login, all in one log."""
    rows = [
        (0, 10, 20),
        (0, 20, 30),  # touches the one before: one merged session
        (1, 15, 40),
        (1, 25, 35),  # inside the one before
        (2, 50, 60),
        (3, 50, 60),  # two logins at one instant
        (2, 90, 130),  # across the end of month 0
        (3, 150, 200),  # logout at the start of month 2
        (3, 150, 170),  # repeated login
    ]
    expected = count(Engine.MEMORY, rows, BOUNDS, 5)
    assert expected["merged"] == 6
    assert expected["repeated"] == [(3, 150)]
    assert count(Engine.DUCKDB, rows, BOUNDS, 5) == expected
    assert count(Engine.SPARK, rows, BOUNDS, 5) == expected


def test_empty_input_agrees():
    """No sessions: zero months."""
    assert count(Engine.DUCKDB, [], BOUNDS, 0) == count(Engine.MEMORY, [], BOUNDS, 0)


@pytest.mark.parametrize("engine", [Engine.DUCKDB, Engine.SPARK])
def test_invalid_sessions_are_refused(engine):
    """The same checks as the in-memory engine, before any job starts."""
    bounds = np.array(BOUNDS)
    with pytest.raises(ValueError, match="within the bounds"):
        counter(engine)(np.array([0]), np.array([50]), np.array([40]), bounds, 1, 0)


def test_auto_counts_in_memory_up_to_the_threshold():
    """``auto`` names memory for a log that fits, DuckDB beyond; explicit choices stay."""
    assert resolve_engine("auto", _engines.AUTO_MEMORY_SESSIONS) is Engine.MEMORY
    assert resolve_engine("auto", _engines.AUTO_MEMORY_SESSIONS + 1) is Engine.DUCKDB
    assert resolve_engine("spark", 1) is Engine.SPARK


# A log in a billing zone with daylight saving: months start at local midnight.
ZONE = "America/New_York"
JAN = month_start_seconds("2024-01", ZONE)
MAR = month_start_seconds("2024-03", ZONE)
HOUR = 3600


@st.composite
def logs(draw):
    """Sessions in January and February 2024 (New York) on a grid of quarter hours around the
    month end, so ties, touching sessions and month boundaries are frequent."""
    feb = month_start_seconds("2024-02", ZONE)
    instants = st.one_of(
        st.sampled_from([JAN, feb - HOUR, feb, feb + HOUR // 4, MAR - 1, MAR]),
        st.integers(0, 96).map(lambda q: feb - 12 * HOUR + q * HOUR // 4),
    )
    rows = []
    for _ in range(draw(st.integers(1, 10))):
        login, logout = sorted((draw(instants), draw(instants)))
        if login < logout:
            rows.append((draw(st.sampled_from(["ana", "bo", "cy"])), login, logout))
    return rows or [("ana", JAN, JAN + HOUR)]


def analyze(rows, engine: Engine, minutes: int):
    options = UsageOptions(tz=ZONE, peak_min_minutes=minutes)
    result = analyze_log("log.csv", sessions_csv(rows), options, engine=engine)
    data = result.to_json_dict()
    return data["months"], data["quality"], data["merged_sessions"], data["months_active"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=logs(), minutes=st.sampled_from([0, 15, 60]))
def test_whole_analysis_is_identical_on_duckdb(rows, minutes):
    """From the CSV to the monthly table and the data-quality report, in a billing zone with
    daylight saving: the DuckDB engine's result equals the in-memory one."""
    assert analyze(rows, Engine.DUCKDB, minutes) == analyze(rows, Engine.MEMORY, minutes)


@SPARK_SETTINGS
@given(rows=logs(), minutes=st.sampled_from([0, 15]))
def test_whole_analysis_is_identical_on_spark(spark, rows, minutes):
    """The same for a Spark job in local mode."""
    assert analyze(rows, Engine.SPARK, minutes) == analyze(rows, Engine.MEMORY, minutes)


def test_cli_engines_print_the_same_json(capsys, tmp_path, spark):
    """``--engine`` changes where the counting runs, not one character of the JSON; with
    ``auto`` the text report says which engine it picked."""
    log = tmp_path / "log.csv"
    log.write_bytes(
        sessions_csv(
            [("ana", JAN, JAN + HOUR), ("bo", JAN + 1800, JAN + 2 * HOUR), ("cy", JAN, JAN)]
        )
    )
    outputs = {}
    for engine in ("auto", "memory", "duckdb", "spark"):
        assert main(["usage", str(log), "--json", "--tz", ZONE, "--engine", engine]) == 0
        captured = capsys.readouterr()
        outputs[engine] = json.loads(captured.out)
        assert captured.err == ""
    assert outputs["duckdb"] == outputs["memory"] == outputs["auto"] == outputs["spark"]
    assert outputs["memory"]["months"][0]["peak_any_instant"] == 2
    assert outputs["memory"]["quality"]["rows_rejected"] == 1  # the session of no length
    assert main(["usage", str(log), "--tz", ZONE]) == 0
    assert "Counting with the memory engine (auto: 2 sessions)" in capsys.readouterr().out


def test_unknown_engine_is_named(capsys, tmp_path):
    """A wrong engine name in the Python API gives a message listing the engines."""
    with pytest.raises(LogFileError, match="engine 'sql' is not known; choose one of auto"):
        analyze_log("log.csv", sessions_csv([("ana", JAN, JAN + HOUR)]), engine="sql")


def test_missing_java_is_said_plainly(monkeypatch):
    """Without Java the Spark engine says what is missing and how to get it."""
    monkeypatch.setattr(_engines, "_SPARK", None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(_engines.shutil, "which", lambda name: None)
    with pytest.raises(LogFileError, match="needs Java 17 or later"):
        _engines.spark_session()


def test_the_engine_line_counts_one_session_in_the_singular(capsys, tmp_path):
    log = tmp_path / "one.csv"
    log.write_text("agent,login,logout\na1,2024-01-02 08:00:00,2024-01-02 10:00:00\n")
    assert main(["usage", str(log), "--tz", "UTC"]) == 0
    assert "Counting with the memory engine (auto: 1 session)\n" in capsys.readouterr().out
