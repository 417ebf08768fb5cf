"""The data-quality report: every row is used, repaired, rejected or ignored, with row numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.usage import IssueKind, UsageOptions, analyze_log


def report(text: str, **options):
    result = analyze_log("log.csv", text.encode(), UsageOptions(**options))
    return result, {issue.code: issue for issue in result.quality.issues}


def rows(issue):
    return [sample.row for sample in issue.samples]


HEADER = "agent,login,logout\n"


def test_logout_before_login_is_rejected_with_its_row():
    """Row 3 ends before it starts: rejected, the other row counts."""
    result, found = report(
        HEADER + "a,2024-01-02 08:00:00,2024-01-02 09:00:00\nb,2024-01-02 10:00:00,"
        "2024-01-02 09:00:00\n"
    )
    issue = found["logout_before_login"]
    assert (issue.kind, issue.count, rows(issue)) == (IssueKind.REJECTED, 1, [3])
    assert issue.samples[0].value == "2024-01-02 09:00:00"
    assert result.months[0].active == 1


def test_missing_logout_is_closed_at_the_cap_and_reported():
    """No logout: closed 4 h after login with a 4 h cap; repaired, still used."""
    result, found = report(HEADER + "a,2024-01-02 08:00:00,\n", open_session_cap_hours=4)
    issue = found["missing_logout"]
    assert (issue.kind, rows(issue)) == (IssueKind.REPAIRED, [2])
    assert issue.description == (
        "No logout (empty, or a placeholder in the year 9999 such as 9999-12-31 23:59:59): the "
        "session was closed 4 h after its login."
    )
    assert result.months[0].logged_in_hours == Decimal("4.0000")
    assert (result.quality.rows_used, result.quality.rows_repaired) == (1, 1)


@pytest.mark.parametrize("logout", ["9999-12-31 23:59:59", "9999-12-31T23:59:59Z", "31/12/9999"])
def test_a_logout_in_the_year_9999_is_a_session_still_open(logout):
    """9999-12-31 is the last date SQL Server's datetime holds (Microsoft Learn, "datetime
    (Transact-SQL)": 9999-12-31 23:59:59.997) and the usual end date of a row still current
    (Kimball Group, type 2 slowly changing dimensions): written as a logout, the session had
    not ended. Closed at the 4 h cap and reported as a repaired missing logout, the value shown;
    Feb 1 08:00-12:00 -> 4 h, and no month after February. A login in 9999 stays unreadable."""
    result, found = report(
        HEADER + f"a,2024-02-01 08:00:00,{logout}\nb,9999-12-31 08:00:00,\n",
        open_session_cap_hours=4,
    )
    issue = found["missing_logout"]
    assert (issue.kind, rows(issue), issue.samples[0].value) == (IssueKind.REPAIRED, [2], logout)
    assert rows(found["unparseable_timestamp"]) == [3]
    assert [(month.month, month.logged_in_hours) for month in result.months] == [
        ("2024-02", Decimal("4.0000"))
    ]


def test_unparseable_timestamp_is_rejected_with_the_text():
    """A login that is not a date is shown as written."""
    _, found = report(HEADER + "a,next tuesday,2024-01-02 09:00:00\n")
    issue = found["unparseable_timestamp"]
    assert (rows(issue), issue.samples[0].value) == ([2], "next tuesday")


def test_each_sample_names_the_column_and_the_value_at_fault():
    """Every reason tied to one field names its column and the value as written: row 2's
    login is not a date, row 3 has no agent, row 4 ends before it starts, row 5 has no logout
    (repaired), row 6 is an exact repeat of row 5 (no one column is at fault: row only), row 7
    has an apostrophe and a quote in its login, shown quoted and escaped. A long value is cut
    after 40 characters."""
    long = "x" * 70
    _, found = report(
        "agent,Login At,Logout At\na,next tuesday,2024-01-02 09:00:00\n"
        ",2024-01-02 08:00:00,2024-01-02 09:00:00\n"
        "b,2024-01-02 10:00:00,2024-01-02 09:00:00\n"
        "c,2024-01-03 08:00:00,\nc,2024-01-03 08:00:00,\n"
        f'd,"O\'Neil ""x""",2024-01-02 09:00:00\ne,{long},2024-01-02 09:00:00\n'
    )
    shown = {code: [sample.text() for sample in issue.samples] for code, issue in found.items()}
    assert shown == {
        "missing_agent": ["row 3, agent: no value"],
        "unparseable_timestamp": [
            "row 2, Login At: 'next tuesday'",
            """row 7, Login At: 'O\\'Neil "x"'""",
            f"row 8, Login At: '{'x' * 40}...'",
        ],
        "logout_before_login": ["row 4, Logout At: '2024-01-02 09:00:00'"],
        "duplicate_row": ["row 6"],
        "missing_logout": ["row 5, Logout At: no value"],
    }
    sample = found["unparseable_timestamp"].samples[0]
    assert (sample.column, sample.value) == ("Login At", "next tuesday")
    assert sample.text(with_file=True) == "log.csv row 2, Login At: 'next tuesday'"


def test_impossible_date_is_rejected_not_rolled_over():
    """31 April does not exist: not read as 1 May."""
    _, found = report(HEADER + "a,2024-04-31 08:00:00,2024-05-01 09:00:00\n")
    assert rows(found["unparseable_timestamp"]) == [2]


def test_nonexistent_local_time_is_rejected():
    """02:30 on 10 March 2024 never happened in New York (clocks jumped from 02:00 to 03:00)."""
    _, found = report(
        HEADER + "a,2024-03-10 02:30:00,2024-03-10 09:00:00\n", source_tz="America/New_York"
    )
    assert rows(found["nonexistent_local_time"]) == [2]


def test_ambiguous_local_time_is_rejected():
    """01:30 on 3 November 2024 happened twice in New York (clocks went back at 02:00)."""
    _, found = report(
        HEADER + "a,2024-11-03 01:30:00,2024-11-03 09:00:00\n", source_tz="America/New_York"
    )
    assert rows(found["ambiguous_local_time"]) == [2]


def test_duplicate_rows_are_ignored_once_each():
    """Rows 3 and 4 repeat row 2 exactly: two duplicates ignored, hours counted once."""
    line = "a,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
    result, found = report(HEADER + line * 3)
    issue = found["duplicate_row"]
    assert (issue.kind, rows(issue)) == (IssueKind.IGNORED, [3, 4])
    assert result.months[0].logged_in_hours == Decimal("1.0000")


def test_missing_agent_and_blank_rows_are_told_apart():
    """Row 2 has times but no agent; row 3 is blank."""
    _, found = report(HEADER + ",2024-01-02 08:00:00,2024-01-02 09:00:00\n,,\n")
    assert (rows(found["missing_agent"]), rows(found["blank_row"])) == ([2], [3])


def test_repeated_header_rows_are_skipped_as_such():
    """A paged export writes its header on each page: rows 4 and 6 repeat it (row 6 with
    quotes and spaces around the names) and are ignored as repeated headers, not rejected as
    unreadable times. Row 5's agent is called "agent" but its times are times: used."""
    result, found = report(
        HEADER + "a,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
        "b,2024-01-02 08:00:00,2024-01-02 10:00:00\n"
        "agent,login,logout\n"
        "agent,2024-01-03 08:00:00,2024-01-03 09:00:00\n"
        '"agent", login ,"logout"\n'
        "c,2024-01-04 08:00:00,2024-01-04 09:00:00\n"
    )
    issue = found["repeated_header"]
    assert (issue.kind, rows(issue), list(found)) == (
        IssueKind.IGNORED,
        [4, 6],
        ["repeated_header"],
    )
    assert (result.quality.rows_used, result.quality.rows_ignored) == (4, 2)
    assert result.months[0].logged_in_hours == Decimal("5.0000")


def test_wrong_field_count_is_reported_with_line_numbers():
    """Rows 3 and 5 have too many or too few fields; the rows after them keep their numbers."""
    result, found = report(
        HEADER + "a,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
        "b,2024-01-02 08:00:00,2024-01-02 09:00:00,extra\n"
        "c,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
        "d,2024-01-02 08:00:00\n"
        "e,2024-01-02 08:00:00,2024-01-02 07:00:00\n"
    )
    assert rows(found["wrong_field_count"]) == [3, 5]
    assert rows(found["logout_before_login"]) == [6]
    assert result.quality.rows_read == 5


def test_zero_length_session_is_rejected():
    """Logout at the login instant: an empty session, no moment logged in."""
    _, found = report(HEADER + "a,2024-01-02 08:00:00,2024-01-02 08:00:00\n")
    assert rows(found["zero_length_session"]) == [2]


def test_sessions_outside_the_month_range_are_ignored():
    """Only February is reported: the January row is ignored, the March-crossing one clipped."""
    result, found = report(
        HEADER + "a,2024-01-10 08:00:00,2024-01-10 09:00:00\n"
        "b,2024-02-29 23:00:00,2024-03-01 02:00:00\n",
        start_month="2024-02",
        end_month="2024-02",
    )
    assert rows(found["outside_month_range"]) == [2]
    assert [(m.month, m.active, m.logged_in_hours) for m in result.months] == [
        ("2024-02", 1, Decimal("1.0000"))
    ]


def test_unknown_agents_are_counted_as_provisioned():
    """An agent missing from the roster still logged in: used, reported, provisioned."""
    log = (HEADER + "a,2024-01-02 08:00:00,2024-01-02 09:00:00\n").encode()
    roster = ("roster.csv", b"agent,created,deactivated\nb,2023-01-01,\n")
    result = analyze_log("log.csv", log, roster=roster)
    issue = {i.code: i for i in result.quality.issues}["unknown_agent"]
    assert (issue.kind, rows(issue)) == (IssueKind.REPAIRED, [2])
    assert (result.months[0].provisioned, result.months[0].active) == (2, 1)
    assert result.roster is not None
    assert result.roster.unknown_agents == 1


@pytest.mark.parametrize("deactivated", ["9999-12-31", "9999-12-31 23:59:59", "31/12/9999"])
def test_a_roster_deactivated_in_the_year_9999_is_still_active(deactivated):
    """9999-12-31 is the usual end date of a row still current, as it is for a logout: the
    account has no deactivated date, so it is provisioned and nothing is rejected. Account b
    never logged in and still counts in January. A created date in 9999 stays unreadable."""
    log = (HEADER + "a,2024-01-02 08:00:00,2024-01-02 09:00:00\n").encode()
    roster = (
        "roster.csv",
        f"agent,created,deactivated\na,2023-01-01,{deactivated}\nb,2023-01-01,{deactivated}\n"
        "c,9999-12-31,\n".encode(),
    )
    result = analyze_log("log.csv", log, roster=roster)
    assert result.roster is not None
    assert (result.roster.accounts, result.roster.never_logged_in) == (2, ["b"])
    issues = {issue.code: issue for issue in result.roster.quality.issues}
    assert list(issues) == ["unparseable_timestamp"]
    assert [(s.row, s.value) for s in issues["unparseable_timestamp"].samples] == [
        (4, "9999-12-31")
    ]
    assert (result.months[0].provisioned, result.months[0].active) == (2, 1)


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "a,2024-01-02 08:00:00,2024-01-02 09:00:00\n,,\nb,x,y\n"
        "a,2024-01-02 08:00:00,2024-01-02 09:00:00\nc,2024-01-03 08:00:00,\n",
        HEADER + "a,2024-01-02 08:00:00,2024-01-02 09:00:00,1\nb,2024-01-02 10:00:00,\n",
    ],
)
def test_every_row_read_is_accounted_for(text):
    """rows read = used + rejected + ignored; repaired rows are among the used ones."""
    result, _ = report(text)
    quality = result.quality
    assert quality.rows_read == text.count("\n") - 1
    assert quality.rows_read == quality.rows_used + quality.rows_rejected + quality.rows_ignored
    assert quality.rows_repaired <= quality.rows_used
    assert sum(issue.count for issue in quality.issues if issue.kind != IssueKind.REPAIRED) == (
        quality.rows_rejected + quality.rows_ignored
    )


def test_events_login_without_logout_before_next_login_is_closed_there():
    """Two logins in a row: the first session ends at the second login (within the cap)."""
    log = (
        "agent,timestamp,event\na,2024-01-02 08:00:00,login\na,2024-01-02 09:00:00,login\n"
        "a,2024-01-02 10:00:00,logout\n"
    )
    result, found = report(log)
    assert rows(found["missing_logout_before_next_login"]) == [2]
    assert result.months[0].logged_in_hours == Decimal("2.0000")


def test_other_event_types_are_ignored_with_their_names():
    """Amazon Connect-style HEART_BEAT rows are not logins or logouts."""
    log = (
        "agent,timestamp,event\na,2024-01-02 08:00:00,LOGIN\na,2024-01-02 08:02:00,HEART_BEAT\n"
        "a,2024-01-02 09:00:00,LOGOUT\n"
    )
    result, found = report(log)
    issue = found["other_event"]
    assert (issue.kind, rows(issue), issue.samples[0].value) == (
        IssueKind.IGNORED,
        [3],
        "HEART_BEAT",
    )
    assert result.months[0].logged_in_hours == Decimal("1.0000")


def test_sessions_longer_than_a_day_are_named_with_the_longest():
    """A logout typed 17 days late and a placeholder of 2099 are counted as written, and the
    notes say so: 2 sessions over 24 h, the longest (2024-01-02 08:00 to 2099-12-31 00:00,
    27,756.7 days) at row 3."""
    log = (
        b"agent,login,logout\n"
        b"ann,2024-01-02 08:00,2024-01-19 08:00\n"
        b"bob,2024-01-02 08:00,2099-12-31 00:00\n"
        b"cy,2024-01-03 08:00,2024-01-03 16:00\n"
    )
    result = analyze_log("log.csv", log)
    assert result.quality.notes == [
        "2 sessions run longer than 24 hours, the longest 27,756.7 days (log.csv, row 3): each "
        "is counted as logged in throughout; check them, or choose the months to report"
    ]


def test_a_day_long_session_is_not_named():
    """Exactly 24 h is a long shift, not a doubtful one."""
    log = b"agent,login,logout\nann,2024-01-02 08:00,2024-01-03 08:00\n"
    assert analyze_log("log.csv", log).quality.notes == []
