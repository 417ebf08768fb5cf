"""Chart builders for the login-log page: figure, table and sentence carry the same numbers."""

from __future__ import annotations

import gzip
from pathlib import Path

import plotly.graph_objects as go

from app import usage_charts
from app.usage_charts import (
    agent_months_csv,
    billing_view,
    daily_peak_view,
    group_view,
    heatmap_view,
    load_duration_view,
    monthly_usage_view,
    months_active_view,
    sources_table,
)
from app.views.conventions import TITLE_LINE_HEIGHT
from calculator.usage import UsageOptions, analyze_log
from calculator.usage._insights import build_insights
from tests.calculator.usage.tables import table

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


def test_billing_view_shows_the_peak_beside_the_billed_figures():
    """Fixture by hand: both months' peaks (2, then 1) last hours, so nothing is disregarded;
    hours 18 and 13 are whole already."""
    view = billing_view(analyze_log("log.csv", LOG))
    traces = {trace.name: list(trace.y) for trace in view.figure.data}
    assert traces == {
        "Peak at any instant": [2, 1],
        "Concurrent billed (peaks under 30 min ignored)": [2, 1],
    }
    assert view.table["Hours billed (rounded up)"].tolist() == [18, 13]
    assert view.summary == (
        "Every month's peak was held for 30 minutes or more, so concurrent billing counts the "
        "full peak (at most 2 agents)."
    )


def test_billing_view_names_a_short_peak():
    """Two agents together for 20 minutes only: one is billed, and the sentence says so."""
    log = b"agent,login,logout\na,2024-01-10 09:00,2024-01-10 10:00\nb,2024-01-10 09:00,2024-01-10 09:20\n"
    view = billing_view(analyze_log("log.csv", log))
    assert view.summary == (
        "In 1 of 1 month the peak lasted under 30 minutes in total, so fewer agents are billed; "
        "most in 2024-01: 1 billed against a peak of 2."
    )


def test_daily_peak_view_by_hand():
    """Days with logins: 15 Jan (peak 2, 16 h), 31 Jan, 1, 5 and 29 Feb (peak 1 each). The
    log runs from 15 January 09:00 to a logout at midnight after 29 February: 46 days, not the
    60 of the two months (days outside the log are not days with nobody logged in)."""
    result = analyze_log("log.csv", LOG)
    view = daily_peak_view(result.insights)
    assert (view.table["Day"].iloc[0], view.table["Day"].iloc[-1]) == ("2024-01-15", "2024-02-29")
    bars = view.figure.data[0]
    assert bars.type == "bar"  # one bar a day; a day nobody logged in is a gap
    assert list(bars.x) == list(view.table["Day"])
    assert list(bars.y) == list(view.table["Peak concurrent"])
    row = view.table[view.table["Day"] == "2024-01-15"].iloc[0].to_dict()
    assert row == {
        "Day": "2024-01-15",
        "Weekday": "Monday",
        "Peak concurrent": 2,
        "Logged-in hours": "16.0",
    }
    assert len(view.table) == 46
    assert view.summary == (
        "The busiest day was Monday 2024-01-15 with 2 agents logged in at once; on half of the "
        "5 days with logins the peak was 1 or fewer."
    )


def test_load_duration_view_by_hand():
    """January: someone logged in 13 h (9-20 on the 15th, 22-24 on the 31st), two at once 5 h."""
    view = load_duration_view(analyze_log("log.csv", LOG).insights, "2024-01")
    assert view.table.to_dict("list") == {
        "At least this many agents": [1, 2],
        "Hours in the month": ["13.0", "5.0"],
    }
    assert list(view.figure.data[0].y) == [13.0, 5.0]
    assert view.summary == (
        "In 2024-01 at least one agent was logged in for 13.0 hours and 2 at once for 5.0 hours; "
        "2 or more were logged in together for at least 30 minutes in total."
    )


def test_heatmap_view_averages_each_hour_of_the_week():
    """One agent on Monday 1 January 2024 09:00-10:30, the only Monday of five with a login,
    in a log that covers the whole month (b's half hours at its start and its end): 0.20 agents
    on average 9-10, 0.10 10-11."""
    log = (
        b"agent,login,logout\nb,2024-01-01 00:00,2024-01-01 00:30\n"
        b"a,2024-01-01 09:00,2024-01-01 10:30\nb,2024-01-31 23:30,2024-02-01 00:00\n"
    )
    view = heatmap_view(analyze_log("log.csv", log).insights)
    monday = view.table.iloc[0]
    assert (monday["Weekday"], monday["09:00"], monday["10:00"], monday["11:00"]) == (
        "Monday",
        "0.20",
        "0.10",
        "0.00",
    )
    assert view.figure.data[0].z[0][9] == 0.2
    assert view.summary == (
        "Averaged over the hours the log covers, the busiest hour of the week is Monday "
        "09:00-10:00 with 0.20 agents logged in (at most 1 at once)."
    )


def test_group_view_only_with_a_group_column():
    """No group column: no chart. With regions: one bar series per region, billed separately."""
    assert group_view(analyze_log("log.csv", LOG).insights, comparison=False) is None
    rows = [
        ("eu1", "2024-01-10 09:00", "2024-01-10 09:40", "EU"),
        ("us1", "2024-01-10 09:00", "2024-01-10 10:40", "US"),
    ]
    view = group_view(build_insights(table(rows)), comparison=False)
    assert view is not None
    assert [(trace.name, list(trace.y)) for trace in view.figure.data] == [
        ("EU", [1]),
        ("US", [1]),
    ]
    assert view.table["Hours billed"].tolist() == [1, 2]
    assert view.summary == (
        "2 regions are billed separately and added; US has the most billed hours (2)."
    )


def test_group_view_of_another_vendors_log_is_a_comparison():
    """For a log that is not a Genesys Cloud export, the same figures are Genesys Cloud's rules
    applied to compare: title, columns and sentence say so and never call them billed."""
    rows = [
        ("eu1", "2024-01-10 09:00", "2024-01-10 09:40", "EU"),
        ("us1", "2024-01-10 09:00", "2024-01-10 10:40", "US"),
    ]
    view = group_view(build_insights(table(rows)), comparison=True)
    assert view is not None
    assert view.title == "For comparison: concurrent agents per region by Genesys Cloud's rules"
    assert list(view.table.columns) == [
        "Region",
        "Month",
        "Active agents",
        "Peak at any instant",
        "Concurrent (Genesys Cloud's rules)",
        "Logged-in hours",
        "Hours (Genesys Cloud's rules)",
    ]
    assert view.table["Hours (Genesys Cloud's rules)"].tolist() == [1, 2]
    assert view.summary == (
        "For comparison, Genesys Cloud's rules would bill 2 regions separately and add them; US "
        "would have the most hours billed (2)."
    )
    alone = group_view(build_insights(table(rows[:1])), comparison=True)
    assert alone is not None
    assert alone.summary == (
        "Every session is in one region, EU; for comparison, Genesys Cloud's rules would bill "
        "1 hour."
    )


def test_agent_csv_neutralises_formulas():
    """An agent id that a spreadsheet would run as a formula is written as text."""
    log = b'agent,login,logout\n"=1+1",2024-01-10 09:00,2024-01-10 10:00\n@x,2024-01-10 09:00,2024-01-10 09:30\n'
    text = agent_months_csv(analyze_log("log.csv", log).insights).decode()
    assert text.splitlines() == [
        "agent,month,logged_in_hours",
        "'=1+1,2024-01,1.0000",
        "'@x,2024-01,0.5000",
    ]


def test_sources_table_shows_only_what_applies_to_each_kind_of_file():
    """A JSON log has an encoding but no separator; a gzipped CSV has both, and says gzip."""
    records = (FIXTURES / "twilio_taskrouter_events_api.json").read_bytes()
    frame = sources_table(analyze_log("events.json", records).sources)
    assert "Separator" not in frame
    assert frame[["Read as", "Encoding"]].values.tolist() == [["a JSON object", "utf-8"]]
    frame = sources_table(analyze_log("log.csv.gz", gzip.compress(LOG)).sources)
    assert frame[["Read as", "Encoding", "Separator"]].values.tolist() == [
        ["CSV, gzip", "utf-8", "comma"]
    ]


def test_usage_chart_titles_wrap_like_every_other_chart():
    """A 45-character title takes two lines of at most 40 characters and a taller top margin."""
    layout = usage_charts._layout("Average agents logged in, by weekday and hour", "Hour", "Agents")
    assert layout["title"]["text"] == "Average agents logged in, by weekday and<br>hour"
    assert layout["margin"]["t"] == 60 + TITLE_LINE_HEIGHT


def test_group_chart_keeps_the_busiest_groups_and_adds_the_rest():
    """14 sites, site k with k + 1 agents for an hour: the 11 sites with the most billed hours
    get a bar each (s03 ... s13), the other 3 one bar of 1 + 2 + 3 = 6 concurrent agents; the
    table keeps all 14. One group alone is said plainly."""
    rows = [
        (f"a{site}-{agent}", "2024-01-10 09:00", "2024-01-10 10:00", f"s{site:02d}")
        for site in range(14)
        for agent in range(site + 1)
    ]
    view = group_view(build_insights(table(rows)), comparison=False)
    assert view is not None
    bars = [(trace.name, list(trace.y)) for trace in view.figure.data]
    assert bars == [(f"s{site:02d}", [site + 1]) for site in range(3, 14)] + [
        ("3 other regions", [6])
    ]
    assert len(view.table) == 14
    alone = group_view(
        build_insights(table([("a", "2024-01-10 09:00", "2024-01-10 09:40", "EU")])),
        comparison=False,
    )
    assert alone is not None
    assert alone.summary == "Every session is in one region, EU: 1 hour billed."


def test_a_long_group_name_is_cut_in_the_legend_only():
    """A 60-character site name shows its first 39 characters and an ellipsis in the legend;
    the table keeps it whole."""
    name = "Site " + "x" * 55
    view = group_view(
        build_insights(table([("a", "2024-01-10 09:00", "2024-01-10 10:00", name)])),
        comparison=False,
    )
    assert view is not None
    assert view.figure.data[0].name == name[:39] + "\u2026"
    assert view.table["Region"].tolist() == [name]


ONE_AGENT = b"agent,login,logout\na,2024-01-10 09:00,2024-01-10 10:00\n"
"""One agent logged in for one hour on one day of one month."""
TWO_AGENTS = (
    b"agent,login,logout\na,2024-01-10 09:00,2024-01-10 10:00\n"
    b"b,2024-01-10 09:00,2024-01-10 10:00\na,2024-02-12 09:00,2024-02-12 10:00\n"
    b"b,2024-02-13 09:00,2024-02-13 10:00\n"
)
"""Two agents together for an hour in January, each alone on a day of February."""


def test_sentences_about_one_agent_are_singular():
    """One agent, one month, one day: no "1 agents", "1 months" or "1 days"."""
    result = analyze_log("log.csv", ONE_AGENT)
    assert monthly_usage_view(result).summary == (
        "In 2024-01, 1 agent logged in and at most 1 was logged in at once."
    )
    months_active = months_active_view(result)
    assert months_active.summary == "The 1 agent was active in the one reported month."
    assert list(months_active.figure.data[0].customdata) == ["1 agent active in 1 month"]
    assert billing_view(result).summary.endswith("counts the full peak (at most 1 agent).")
    assert daily_peak_view(result.insights).summary == (
        "The busiest day was Wednesday 2024-01-10 with 1 agent logged in at once; on half of "
        "the 1 day with logins the peak was 1 or fewer."
    )
    load = load_duration_view(result.insights, "2024-01")
    assert list(load.figure.data[0].customdata) == ["At least 1 agent: 1.0 h"]


def test_sentences_about_two_agents_are_plural():
    """Two agents over two months, on three days."""
    result = analyze_log("log.csv", TWO_AGENTS)
    assert monthly_usage_view(result).summary == (
        "Over 2 months (2024-01 to 2024-02), 2 agents logged in each month, and at most 2 were "
        "logged in at once (2024-01)."
    )
    months_active = months_active_view(result)
    assert months_active.summary == "All 2 agents logged in during every one of the 2 months."
    assert list(months_active.figure.data[0].customdata) == [
        "0 agents active in 1 month",
        "2 agents active in 2 months",
    ]
    assert billing_view(result).summary.endswith("counts the full peak (at most 2 agents).")
    assert daily_peak_view(result.insights).summary == (
        "The busiest day was Wednesday 2024-01-10 with 2 agents logged in at once; on half of "
        "the 3 days with logins the peak was 1 or fewer."
    )
    load = load_duration_view(result.insights, "2024-01")
    assert list(load.figure.data[0].customdata) == [
        "At least 1 agent: 1.0 h",
        "At least 2 agents: 1.0 h",
    ]


def test_whole_number_steps_grow_one_two_five():
    """The tick step is the smallest of 1, 2, 5, 10, 20, 50 ... that needs at most 8 steps."""
    steps = {top: usage_charts.whole_number_ticks(top)["dtick"] for top in (0, 1, 8, 9, 16, 17)}
    assert steps == {0: 1, 1: 1, 8: 1, 9: 2, 16: 2, 17: 5}
    assert [usage_charts.whole_number_ticks(top)["dtick"] for top in (40, 41, 250, 1234)] == [
        5,
        10,
        50,
        200,
    ]


def _tick_labels(axis, top: float) -> list[str]:
    """The labels Plotly draws on a linear axis from 0 to ``top``, formatted as ``,d`` does."""
    assert (axis.tickmode, axis.tickformat) == ("linear", ",d")
    count = int(top // axis.dtick) + 1
    return [f"{round(axis.tick0 + index * axis.dtick):,d}" for index in range(count)]


def test_agent_axes_show_whole_numbers_only():
    """One agent logged in once: every axis of agents runs 0 to 1. Plotly's own ticks would be
    0, 0.2, ... 1, drawn "0 0 0 1 1 1" by the ",d" format; each count axis steps by 1 from 0
    instead, so its labels are distinct whole numbers. So does the load-duration curve's axis
    of levels, and the group chart's stacked bars (two regions of one agent each: 0 to 2)."""
    one = analyze_log("one.csv", b"agent,login,logout\na1,2024-01-02 08:00,2024-01-02 16:00\n")
    views = [
        monthly_usage_view(one),
        months_active_view(one),
        billing_view(one),
        daily_peak_view(one.insights),
    ]
    for view in views:
        axis = view.figure.layout.yaxis
        assert (axis.tick0, axis.dtick) == (0, 1), view.title
        assert _tick_labels(axis, 1) == ["0", "1"]
    levels = load_duration_view(one.insights, "2024-01").figure.layout.xaxis
    assert (levels.tick0, levels.dtick, levels.tickformat) == (0, 1, ",d")
    rows = [
        ("eu1", "2024-01-10 09:00", "2024-01-10 09:40", "EU"),
        ("us1", "2024-01-10 09:00", "2024-01-10 10:40", "US"),
    ]
    groups = group_view(build_insights(table(rows)), comparison=False)
    assert groups is not None
    assert _tick_labels(groups.figure.layout.yaxis, 2) == ["0", "1", "2"]


def test_every_figure_passes_plotly_s_own_validation():
    """The builders skip Plotly's validation for speed (:func:`app.views.conventions.figure`):
    every figure of the sample log, with a roster and with groups, is checked here instead."""
    with_roster = analyze_log("log.csv", LOG, roster=ROSTER)
    rows = [
        ("eu1", "2024-01-10 09:00", "2024-01-10 09:40", "EU"),
        ("us1", "2024-02-10 09:00", "2024-02-10 10:40", "US"),
    ]
    grouped = build_insights(table(rows, months=("2024-01", "2024-02")))
    insights = with_roster.insights
    views = [
        monthly_usage_view(with_roster),
        months_active_view(with_roster),
        billing_view(with_roster),
        daily_peak_view(insights),
        heatmap_view(insights),
        *(load_duration_view(insights, month.month) for month in with_roster.months),
        group_view(grouped, comparison=False),
        group_view(grouped, comparison=True),
    ]
    for view in views:
        go.Figure(view.figure.to_dict())  # raises ValueError on any invalid property
        assert view.figure.layout.dragmode is False  # a swipe on a phone scrolls the page
    assert len(views) == 7 + len(with_roster.months)
