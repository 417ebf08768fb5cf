"""Figures per group (team, site, routing profile) from real logs: the vendor's own group column
or the one the user names, carried from the reader to the per-group rows and the Genesys billing.

Per-group rows are ``(group, month, active, peak at any instant, Genesys concurrent, logged-in
hours, Genesys hours)``, worked out by hand in each docstring. Totals never depend on groups.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.cli import main
from calculator.usage import LogFileError, LogFormat, UsageOptions, analyze_log, analyze_logs
from calculator.usage._groups import MAX_GROUPS
from calculator.usage._rows import group_kind
from tests.calculator.usage.logs import figures, utc_text

FIXTURES = Path(__file__).parent / "fixtures"
CXONE_TEAMS = FIXTURES / "nice_cxone_agent_state_log_teams.csv"
CONNECT_PROFILES = FIXTURES / "amazon_connect_routing_profiles.ndjson"
SITES = FIXTURES / "generic_sessions_sites.csv"
BY_SITE = UsageOptions(columns={"group": "Site"})


def per_group(result) -> list[tuple]:
    return [
        (
            row.group,
            row.month,
            row.active,
            row.peak_any_instant,
            row.genesys_concurrent,
            row.logged_in_hours,
            row.genesys_hours,
        )
        for row in result.insights.groups
    ]


def billed(result) -> list[tuple[int | None, int | None]]:
    return [(month.genesys_concurrent, month.genesys_hours) for month in result.months]


def without_column(text: str, name: str) -> bytes:
    """The CSV ``text`` with the column ``name`` left out (no value holds a comma)."""
    rows = [line.split(",") for line in text.splitlines()]
    drop = rows[0].index(name)
    return "".join(",".join(row[:drop] + row[drop + 1 :]) + "\n" for row in rows).encode()


def test_nice_cxone_teams():
    """NICE CXone help, "Agent State Log Report": ``Team_No`` is the agent's team on each state
    row (with Agent_Session_ID, Agent_No, Start_Date as a date only, Log_State, Duration [s]).

    Dates only: each session's states follow each other from midnight. Team 501 on 15 January:
    Ann (1001) 3,600 + 7,200 s = 00:00-03:00, Raj (1002) 1,800 + 5,400 s = 00:00-02:00: active
    2, peak 2 held 2 h (Genesys 2), 5 h. Team 502 on 16 January: Mia (1003) 3,600 + 10,800 s =
    00:00-04:00, and Ann, who moved to team 502, 7,200 s = 00:00-02:00: active 2, peak 2
    (Genesys 2), 6 h. Ann counts as active in both teams (4 >= the log's 3 agents).

    The log: 3 agents, peak 2, 11 h, as without the team column. Genesys bills each team's
    peak: 2 + 2 = 4 concurrent, where the pooled log peaks at 2; hours 5 + 6 = 11."""
    result = analyze_log(CXONE_TEAMS.name, CXONE_TEAMS)
    assert result.sources[0].format is LogFormat.CXONE
    assert result.sources[0].columns["group"] == "Team_No"
    assert result.insights.group_kind == "team"
    assert per_group(result) == [
        ("501", "2024-01", 2, 2, 2, Decimal("5.0000"), 5),
        ("502", "2024-01", 2, 2, 2, Decimal("6.0000"), 6),
    ]
    assert figures(result) == [("2024-01", 3, 2, 2, Decimal("11.0000"))]
    assert billed(result) == [(4, 11)]
    pooled = analyze_log("log.csv", without_column(CXONE_TEAMS.read_text(), "Team_No"))
    assert pooled.sources[0].format is LogFormat.CXONE
    assert (pooled.insights.groups, pooled.insights.group_kind) == ([], None)
    assert figures(pooled) == figures(result)
    assert billed(pooled) == [(2, 11)]


def test_amazon_connect_routing_profiles():
    """Amazon Connect admin guide, "Agent event streams data model": each event's
    ``CurrentAgentSnapshot.Configuration.RoutingProfile`` has ``ARN`` and ``Name``. The fixture
    is the 12-event stream of the vendor-export tests with rroe, and jdoe's second session, in
    "Sales Routing Profile"; a session is in the routing profile of its LOGIN event.

    Basic: jdoe 6 May 13:00-21:00: May active 1, peak 1, Genesys 1, 8 h billed 8; June nobody.
    Sales: rroe 14:00-18:30 (4.5 h) and jdoe 31 May 22:00-24:00 (2 h): May active 2, peak 1,
    Genesys 1, 6.5 h billed 7; June jdoe 00:00-06:00: 1, 1, 1, 6 h billed 6. jdoe is active in
    both profiles in May (3 >= the log's 2). The log: May 2 agents, peak 2, 14.5 h; June 1, 1,
    6 h; billed May 1 + 1 = 2 concurrent and 8 + 7 = 15 hours."""
    result = analyze_log(CONNECT_PROFILES.name, CONNECT_PROFILES)
    assert result.sources[0].format is LogFormat.AMAZON_CONNECT_EVENTS
    assert result.insights.group_kind == "routing profile"
    assert per_group(result) == [
        ("Basic Routing Profile", "2024-05", 1, 1, 1, Decimal("8.0000"), 8),
        ("Basic Routing Profile", "2024-06", 0, 0, 0, Decimal("0.0000"), 0),
        ("Sales Routing Profile", "2024-05", 2, 1, 1, Decimal("6.5000"), 7),
        ("Sales Routing Profile", "2024-06", 1, 1, 1, Decimal("6.0000"), 6),
    ]
    assert [(m.month, m.active, m.peak_any_instant, m.logged_in_hours) for m in result.months] == [
        ("2024-05", 2, 2, Decimal("14.5000")),
        ("2024-06", 1, 1, Decimal("6.0000")),
    ]
    assert billed(result) == [(2, 15), (1, 6)]
    for month in result.months:
        rows = [row for row in result.insights.groups if row.month == month.month]
        assert sum(row.active for row in rows) >= month.active


def test_generic_sessions_with_a_site_column_named_on_the_command_line(capsys):
    """``--map group=Site``: Leeds: ann 09:00-12:00 and bob 10:00-11:00 on 4 March: active 2,
    peak 2 held 1 h (Genesys 2), 4 h. Cork: cy 10:30-11:30 on the 4th and ann, who moved to
    Cork, 09:00-10:00 on the 5th: active 2, peak 1, 2 h. dee has no site: "(no site)", 20
    minutes: peak 1 but Genesys 0 (under 30 minutes), 0.3333 h billed 1. The log: 4 agents, peak
    3 (10:30-11:00), 6.3333 h; billed 2 + 1 + 0 = 3 concurrent, 4 + 2 + 1 = 7 hours."""
    code = main(["usage", str(SITES), "--map", "group=Site", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["insights"]["group_kind"] == "site"
    keys = ("group", "active", "peak_any_instant", "genesys_concurrent", "logged_in_hours")
    assert [
        (*(row[key] for key in keys), row["genesys_hours"]) for row in data["insights"]["groups"]
    ] == [
        ("Cork", 2, 1, 1, "2.0000", 2),
        ("Leeds", 2, 2, 2, "4.0000", 4),
        ("(no site)", 1, 1, 0, "0.3333", 1),
    ]
    (month,) = data["months"]
    assert (month["active"], month["peak_any_instant"], month["logged_in_hours"]) == (
        4,
        3,
        "6.3333",
    )
    assert (month["genesys_concurrent"], month["genesys_hours"]) == (3, 7)


def test_the_python_api_takes_the_same_group_column():
    """``UsageOptions(columns={"group": ...})`` gives what ``--map`` gives; without it a site
    column is just another column (no breakdown) and the monthly figures are the same."""
    grouped = analyze_log(SITES.name, SITES, BY_SITE)
    plain = analyze_log(SITES.name, SITES)
    assert [row.group for row in grouped.insights.groups] == ["Cork", "Leeds", "(no site)"]
    assert (plain.insights.groups, plain.insights.group_kind) == ([], None)
    assert figures(grouped) == figures(plain) == [("2024-03", 4, 3, 3, Decimal("6.3333"))]


def test_an_event_log_puts_each_session_in_its_login_rows_group():
    """dave logs in as team A at 08:00 and out at 16:00 on a row that says B: the session is
    A's (8 h); erin 09:30-17:30 in B (8 h)."""
    log = (
        b"agent,timestamp,event,Team\n"
        b"dave,2024-03-04 08:00:00,login,A\n"
        b"erin,2024-03-04 09:30:00,login,B\n"
        b"dave,2024-03-04 16:00:00,logout,B\n"
        b"erin,2024-03-04 17:30:00,logout,B\n"
    )
    result = analyze_log("events.csv", log, UsageOptions(columns={"group": "Team"}))
    assert result.sources[0].format is LogFormat.EVENTS
    assert [(row.group, row.active, row.logged_in_hours) for row in result.insights.groups] == [
        ("A", 1, Decimal("8.0000")),
        ("B", 1, Decimal("8.0000")),
    ]


def test_a_file_without_the_teams_is_in_no_team():
    """Two CXone exports, the second without ``Team_No``: its sessions are in "(no team)"; the
    figures are those of the two files read together."""
    second = (
        b"Agent_Session_ID,Agent_No,Start_Date,Log_State,Duration\n"
        b"9201,1004,02/01/2024 08:00:00,0,3600\n"
    )
    result = analyze_logs([("teams.csv", CXONE_TEAMS), ("other.csv", second)])
    assert [(row.group, row.month, row.active) for row in result.insights.groups] == [
        ("501", "2024-01", 2),
        ("501", "2024-02", 0),
        ("502", "2024-01", 2),
        ("502", "2024-02", 0),
        ("(no team)", "2024-01", 0),
        ("(no team)", "2024-02", 1),
    ]


def test_a_column_with_thousands_of_values_is_not_a_group():
    """A named column with more than ``MAX_GROUPS`` values (an id, a time) gets a message that
    names it; a vendor's own team column that large is left out with a note."""
    rows = "".join(
        f"a{index},2024-01-01 00:00:00,2024-01-01 01:00:00,s{index}\n"
        for index in range(MAX_GROUPS + 1)
    )
    with pytest.raises(LogFileError, match=r"log.csv: the group column 'Site' holds 1,001 diff"):
        analyze_log("log.csv", ("agent,login,logout,Site\n" + rows).encode(), BY_SITE)
    states = "".join(
        f"{index},{index},01/15/2024 08:00:00,0,3600,{index}\n" for index in range(MAX_GROUPS + 1)
    )
    head = "Agent_Session_ID,Agent_No,Start_Date,Log_State,Duration,Team_No\n"
    result = analyze_log("states.csv", (head + states).encode())
    assert result.insights.groups == []
    assert "the figures are not split by group" in result.quality.notes[-1]
    assert result.months[0].active == MAX_GROUPS + 1


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Site", "site"),
        ("Team_No", "team"),
        ("Region Name", "region"),
        ("RoutingProfile", "routing profile"),
        ("CurrentAgentSnapshot.Configuration.RoutingProfile.Name", "routing profile"),
        ("Name", "name"),
        ("___", "group"),
    ],
)
def test_the_kind_of_group_comes_from_the_column_name(header, kind):
    """Words of the header, an id word at the end dropped; a JSON path by its last named key."""
    assert group_kind(header) == kind


GROUPS = ("North", "South", "West")
JAN_1 = int(dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp())
STEP = 36
"""Times are whole multiples of 36 s (0.01 h), so hours add up exactly to four places."""


@st.composite
def sites_logs(draw: st.DrawFn) -> bytes:
    """Up to 4 agents, each with up to 4 sessions one after the other (touching or with a gap,
    never overlapping), each session at any of three sites or none, in January and February."""
    lines = ["agent,login,logout,Site"]
    for agent in range(draw(st.integers(1, 4))):
        moment = JAN_1 + STEP * draw(st.integers(0, 1200))
        for _ in range(draw(st.integers(1, 4))):
            moment += STEP * draw(st.integers(0, 600))
            end = moment + STEP * draw(st.integers(1, 2000))
            site = draw(st.sampled_from((*GROUPS, "")))
            lines.append(f"agent{agent},{utc_text(moment)},{utc_text(end)},{site}")
            moment = end
    return ("\n".join(lines) + "\n").encode()


@settings(max_examples=40, deadline=None)
@given(sites_logs())
def test_groups_split_the_hours_and_change_no_total(log):
    """Per-group hours add up to the log's hours in every month; per-group active agents add
    up to at least the log's (an agent who moves counts in each group); the monthly table is
    the one without a group column."""
    grouped = analyze_log("log.csv", log, BY_SITE)
    plain = analyze_log("log.csv", log)
    assert figures(grouped) == figures(plain)
    for month in grouped.months:
        rows = [row for row in grouped.insights.groups if row.month == month.month]
        assert sum(row.logged_in_hours for row in rows) == month.logged_in_hours
        assert sum(row.active for row in rows) >= month.active
        assert all(row.active <= month.active for row in rows)
        assert max(row.peak_any_instant for row in rows) <= month.peak_any_instant
        assert sum(row.peak_any_instant for row in rows) >= month.peak_any_instant
        assert month.genesys_concurrent == sum(row.genesys_concurrent for row in rows)
        assert month.genesys_hours == sum(row.genesys_hours for row in rows)


def test_the_text_report_lists_each_group(capsys, tmp_path):
    """Without ``--json`` the per-site figures follow the Genesys lines, one row per site and
    month; a group name's control characters are not sent to the terminal."""
    assert main(["usage", str(SITES), "--map", "group=Site"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(
        "Per site (Genesys bills each site and adds them; an agent who moves counts in each)"
    )
    assert [line.split() for line in lines[start + 2 : start + 5]] == [
        ["Cork", "2024-03", "2", "1", "2.0000", "1", "2"],
        ["Leeds", "2024-03", "2", "2", "4.0000", "2", "4"],
        ["(no", "site)", "2024-03", "1", "1", "0.3333", "0", "1"],
    ]
    hostile = tmp_path / "log.csv"
    hostile.write_bytes(b"agent,login,logout,Site\na,2024-01-01 09:00,2024-01-01 10:00,\x1b[2Jx\n")
    assert main(["usage", str(hostile), "--map", "group=Site"]) == 0
    out = capsys.readouterr().out
    assert "?[2Jx  2024-01" in out
    assert "\x1b" not in out


def test_a_repeated_row_counts_in_no_second_group():
    """Row 3 repeats row 2 (same agent, login and logout) but names another site: it is a
    duplicate in the data-quality report and adds no agent to Cork; Leeds has ann's hour."""
    log = (
        b"agent,login,logout,Site\n"
        b"ann,2024-03-04 09:00:00,2024-03-04 10:00:00,Leeds\n"
        b"ann,2024-03-04 09:00:00,2024-03-04 10:00:00,Cork\n"
        b"bob,2024-03-04 09:00:00,2024-03-04 09:30:00,Cork\n"
    )
    result = analyze_log("log.csv", log, BY_SITE)
    assert {issue.code: [s.row for s in issue.samples] for issue in result.quality.issues} == {
        "duplicate_row": [3]
    }
    assert [(row.group, row.active, row.logged_in_hours) for row in result.insights.groups] == [
        ("Cork", 1, Decimal("0.5000")),
        ("Leeds", 1, Decimal("1.0000")),
    ]
    assert result.sessions == 2
