"""A log analysis as the calculator's staffing curve: always a valid scenario."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import (
    CalculatorError,
    Scenario,
    example_scenario,
    hours_in_month,
    month_labels,
)
from calculator.usage import (
    UsageOptions,
    analyze_log,
    empty_months_note,
    sample_log_csv,
    usage_to_staffing,
)
from tests.calculator.usage.logs import sessions_csv
from tests.calculator.usage.test_analyze_oracle import logs

FIXTURES = Path(__file__).parent / "fixtures"


@settings(max_examples=100)
@given(logs(), st.integers(1, 50))
def test_staffing_from_any_log_makes_a_valid_scenario(rows, seats):
    """P >= A >= C >= 0, P >= the seats paid for, and H <= A x hours in the month, so the
    scenario validates."""
    if not rows:
        return
    handover = usage_to_staffing(analyze_log("log.csv", sessions_csv(rows)), seats)
    start, staffing = handover.start_month, handover.staffing
    for label, month in zip(month_labels(start, len(staffing)), staffing, strict=True):
        assert month.provisioned >= month.active >= month.peak_concurrent >= 0
        assert month.provisioned == max(seats, month.active)
        assert month.logged_in_hours <= month.active * hours_in_month(label)
    scenario = example_scenario().model_dump()
    Scenario.model_validate({**scenario, "start_month": start, "staffing": staffing})


GENERIC = analyze_log("log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())


def test_without_a_roster_the_seats_paid_for_are_provisioned():
    """Ten seats paid for, three agents logged in: P = 10, so the seven unused seats stay in the
    curve; the log's own figures carry over."""
    handover = usage_to_staffing(GENERIC, 10)
    assert handover.start_month == "2024-01"
    assert [
        (m.provisioned, m.active, m.peak_concurrent, m.logged_in_hours) for m in handover.staffing
    ] == [
        (10, 3, 2, Decimal("18.0000")),
        (10, 3, 1, Decimal("13.0000")),
    ]
    assert handover.assumption == (
        "You pay for 10 seats today; that number is used as the provisioned seats in every month "
        "from 2024-01 to 2024-02."
    )


def test_fewer_seats_than_agents_who_logged_in_uses_the_agents():
    """Two seats, three agents in both months: nobody logs in without a seat, so P = A = 3, and
    the assumption says which months."""
    handover = usage_to_staffing(GENERIC, 2)
    assert [m.provisioned for m in handover.staffing] == [3, 3]
    assert handover.assumption == (
        "You pay for 2 seats today; that number is used as the provisioned seats in every month "
        "from 2024-01 to 2024-02, except where more agents logged in than that (2024-01, "
        "2024-02, up to 3): those months use the number who logged in."
    )


def test_genesys_billing_hands_over_what_genesys_bills():
    """Two agents together for 20 minutes only: the instant peak is 2, Genesys Cloud bills 1
    (peaks held under 30 minutes in total are disregarded), and 6 h 20 min logged in are billed
    as 7 hours; chosen, the curve holds 1 and 7, and the assumption says why."""
    log = (
        b"agent,login,logout\n"
        b"a,2024-03-04 09:00:00,2024-03-04 12:00:00\n"
        b"b,2024-03-04 11:40:00,2024-03-04 15:00:00\n"
    )
    result = analyze_log("log.csv", log)
    as_counted = usage_to_staffing(result, 5).staffing
    assert [(m.peak_concurrent, m.logged_in_hours) for m in as_counted] == [(2, Decimal("6.3333"))]
    handover = usage_to_staffing(result, 5, genesys_billing=True)
    assert [(m.peak_concurrent, m.logged_in_hours) for m in handover.staffing] == [(1, 7)]
    assert handover.assumption.endswith(
        " Peak concurrent agents and logged-in hours are what Genesys Cloud bills: peaks held "
        "under 30 minutes in total ignored, hours rounded up to a whole hour, each group billed "
        "and added."
    )


def test_genesys_billing_above_the_active_agents_is_capped_and_said():
    """One agent an hour in one region, then half an hour in another: Genesys Cloud bills each
    region and adds them, 2 concurrent users and 1 + 1 hours. One agent was active, and a
    staffing curve holds at most the active agents; the hours are billed as they are."""
    log = (
        b"agent,login,logout,Region\n"
        b"a,2024-03-04 09:00:00,2024-03-04 10:00:00,East\n"
        b"a,2024-03-04 10:00:00,2024-03-04 10:30:00,West\n"
    )
    result = analyze_log("log.csv", log, UsageOptions(columns={"group": "Region"}))
    assert [(m.genesys_concurrent, m.genesys_hours) for m in result.months] == [(2, 2)]
    handover = usage_to_staffing(result, 5, genesys_billing=True)
    assert [(m.active, m.peak_concurrent, m.logged_in_hours) for m in handover.staffing] == [
        (1, 1, 2)
    ]
    assert handover.assumption.endswith(
        " 2024-03: Genesys Cloud bills 2 concurrent users across groups, more than the 1 agent "
        "active (an agent who moved between groups counts in each); the curve holds 1."
    )


def test_one_seat_is_one_seat():
    """The assumption's count agrees with its noun."""
    assert usage_to_staffing(GENERIC, 1).assumption.startswith("You pay for 1 seat today;")


def test_without_a_roster_or_seats_it_asks_instead_of_guessing():
    """Provisioned is never silently set to active: the message asks for the seats."""
    with pytest.raises(CalculatorError) as caught:
        usage_to_staffing(GENERIC)
    assert str(caught.value) == (
        "seats you pay for today: needed without a roster, because a login log shows who logged "
        "in but not how many seats are paid for"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (-3, "-3"),
        (2.5, "2.5"),
        (1_000_001, "1,000,001"),
        ("12", "'12'"),
        (True, "True"),
        (float("inf"), "inf"),
    ],
)
def test_seats_paid_for_must_be_a_whole_number_in_range(value, shown):
    """The message names the input in plain words, the rule and the value."""
    with pytest.raises(CalculatorError) as caught:
        usage_to_staffing(GENERIC, value)
    assert str(caught.value) == (
        f"seats you pay for today: must be a whole number from 1 to 1,000,000 (got {shown})"
    )


def test_with_a_roster_provisioned_comes_from_it():
    """Four roster accounts in both months; the roster wins over seats typed in."""
    result = analyze_log(
        "log.csv",
        (FIXTURES / "generic_sessions.csv").read_bytes(),
        roster=("roster.csv", (FIXTURES / "roster.csv").read_bytes()),
    )
    handover = usage_to_staffing(result, paid_seats=99)
    assert [month.provisioned for month in handover.staffing] == [4, 4]
    assert handover.assumption == (
        "Provisioned seats in each month are the roster's accounts that existed at any moment "
        "of that month."
    )


def test_more_months_than_a_scenario_holds_is_refused():
    """61 months (1 January 2020 to 31 January 2025, both nearly whole): the message says what
    to do."""
    log = sessions_csv([("a", 1577865600, 1577869200), ("a", 1738310400, 1738314000)])
    with pytest.raises(CalculatorError) as caught:
        usage_to_staffing(analyze_log("log.csv", log), 5)
    assert str(caught.value) == (
        "the log covers 61 months (2020-01 to 2025-01); a scenario holds at most 60: choose a "
        "shorter month range"
    )


def test_a_month_the_log_barely_covers_is_left_out_unless_kept():
    """A March log whose last session ends at 02:00 on 1 April (UTC): April is covered for 2 of
    its 720 h (0.3 %), so the curve is March alone and says why; kept on request, April is there
    with its 1 agent."""
    log = b"agent,login,logout\na,2024-03-01 08:00,2024-03-01 17:00\nb,2024-03-31 18:00,2024-04-01 02:00\n"
    result = analyze_log("log.csv", log)
    handover = usage_to_staffing(result, 5)
    assert (handover.start_month, len(handover.staffing)) == ("2024-03", 1)
    assert handover.assumption == (
        "You pay for 5 seats today; that number is used as the provisioned seats in 2024-03. "
        "2024-04 is left out: the log covers 0.3 % of it."
    )
    kept = usage_to_staffing(result, 5, keep_partly_covered=True)
    assert [month.active for month in kept.staffing] == [2, 1]


def test_a_log_within_one_partly_covered_month_still_hands_it_over():
    """One day of logins: January is covered for 9 of 744 h, but it is the only month."""
    log = b"agent,login,logout\na,2024-01-10 08:00,2024-01-10 17:00\n"
    handover = usage_to_staffing(analyze_log("log.csv", log), 5)
    assert (handover.start_month, len(handover.staffing)) == ("2024-01", 1)


def test_hours_are_capped_at_the_wall_clock_of_the_month():
    """New York's November has a 25-hour day: an agent logged in all month has 721 h, more
    than 24 x 30 = 720; the curve holds 720 so the scenario stays valid."""
    log = b"agent,login,logout\na,2024-11-01 04:00:00,2024-12-01 05:00:00\n"
    options = UsageOptions(tz="America/New_York", start_month="2024-11", end_month="2024-11")
    result = analyze_log("log.csv", log, options)
    assert result.months[0].logged_in_hours == Decimal("721.0000")
    assert usage_to_staffing(result, 1).staffing[0].logged_in_hours == Decimal(720)


JULY_AND_SEPTEMBER = (
    b"agent,login,logout\n"
    b"a,2024-07-01 08:00,2024-07-01 17:00\nb,2024-07-31 08:00,2024-07-31 17:00\n"
    b"a,2024-09-01 08:00,2024-09-01 17:00\nb,2024-09-30 08:00,2024-09-30 17:00\n"
)
"""July and September with nobody in August, as two monthly exports with August's missing."""


def test_a_month_with_no_login_between_others_is_named():
    """August, between July and September, has no session: a missing export, most likely. Its
    figures are 0, and the note says so and what to do (it showed as 0 agents without a word)."""
    result = analyze_log("log.csv", JULY_AND_SEPTEMBER)
    assert [(month.month, month.active) for month in result.months] == [
        ("2024-07", 2),
        ("2024-08", 0),
        ("2024-09", 2),
    ]
    assert empty_months_note(result) == (
        "Nobody logged in during 2024-08, between months with logins: if no file covers that "
        "month, add its export. As they stand, its figures are 0 and the staffing curve would "
        "have no agent in it."
    )


def test_a_log_with_logins_every_month_has_no_empty_month_note():
    """Every month of the sample log has logins: nothing to say."""
    assert empty_months_note(analyze_log("sample.csv", sample_log_csv())) is None
