"""Chart builders for the login-log page: figure, table and sentence carry the same numbers."""

from __future__ import annotations

from pathlib import Path

from app.usage_charts import monthly_usage_view, months_active_view
from calculator.usage import UsageOptions, analyze_log

FIXTURES = Path(__file__).resolve().parents[1] / "calculator" / "usage" / "fixtures"
LOG = (FIXTURES / "generic_sessions.csv").read_bytes()
ROSTER = ("roster.csv", (FIXTURES / "roster.csv").read_bytes())


def test_monthly_view_plots_active_and_peak():
    """Hand-worked fixture: Jan 3 active / peak 2, Feb 3 active / peak 1 (see test_vendor_formats)."""
    view = monthly_usage_view(analyze_log("log.csv", LOG))
    traces = {trace.name: list(trace.y) for trace in view.figure.data}
    assert traces == {"Active agents": [3, 3], "Peak concurrent": [2, 1]}
    assert view.table.to_dict("list") == {
        "Month": ["2024-01", "2024-02"],
        "Active agents": [3, 3],
        "Peak concurrent": [2, 1],
        "Logged-in hours": ["18.0", "13.0"],
    }


def test_monthly_view_adds_provisioned_with_a_roster():
    """With the roster, four accounts are provisioned in both months."""
    view = monthly_usage_view(analyze_log("log.csv", LOG, roster=ROSTER))
    assert [trace.name for trace in view.figure.data] == [
        "Provisioned accounts",
        "Active agents",
        "Peak concurrent",
    ]
    assert view.table["Provisioned accounts"].tolist() == [4, 4]
    assert view.summary.endswith("against up to 4 provisioned accounts.")


def test_monthly_summary_names_the_range_and_the_peak():
    """One sentence: months covered, agents per month, highest peak."""
    view = monthly_usage_view(analyze_log("log.csv", LOG))
    assert view.summary == (
        "Over 2 months (2024-01 to 2024-02), 3 agents logged in each month, and at most 2 were "
        "logged in at once (2024-01)."
    )


def test_single_month_summary():
    """A one-month log is described as one month."""
    view = monthly_usage_view(
        analyze_log("log.csv", LOG, UsageOptions(start_month="2024-02", end_month="2024-02"))
    )
    assert view.summary == ("In 2024-02, 3 agents logged in and at most 1 was logged in at once.")


def test_months_active_view_shows_the_part_time_profile():
    """Fixture: three agents, each active in both months."""
    view = months_active_view(analyze_log("log.csv", LOG))
    assert list(view.figure.data[0].y) == [0, 3]
    assert view.table.to_dict("list") == {
        "Months active": [1, 2],
        "Agents": [0, 3],
        "Share of agents": ["0 %", "100 %"],
    }
    assert view.summary == "All 3 agents logged in during every one of the 2 months."


def test_months_active_summary_counts_part_timers():
    """An agent active in one of two months is part-time: 1 of 2 agents (50 %)."""
    log = (
        b"agent,login,logout\na,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
        b"a,2024-02-02 08:00:00,2024-02-02 09:00:00\nb,2024-02-03 08:00:00,2024-02-03 09:00:00\n"
    )
    view = months_active_view(analyze_log("log.csv", log))
    assert view.summary == (
        "1 of 2 agents (50 %) logged in during only some of the 2 months; a named seat bills "
        "them in every month."
    )


def test_builders_never_import_streamlit():
    """The chart module is pure: no Streamlit at import."""
    source = (Path(__file__).resolve().parents[2] / "app" / "usage_charts.py").read_text()
    assert "import streamlit" not in source
    assert "from streamlit" not in source


def test_monthly_summary_with_changing_activity():
    """Different monthly counts are given as a range with their months."""
    log = (
        b"agent,login,logout\na,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
        b"a,2024-02-02 08:00:00,2024-02-02 09:00:00\nb,2024-02-02 08:30:00,2024-02-02 09:30:00\n"
    )
    view = monthly_usage_view(analyze_log("log.csv", log))
    assert view.summary == (
        "Over 2 months (2024-01 to 2024-02), between 1 (2024-01) and 2 (2024-02) agents logged in "
        "each month, and at most 2 were logged in at once (2024-02)."
    )
