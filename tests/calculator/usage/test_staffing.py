"""A log analysis as the calculator's staffing curve: always a valid scenario."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

from calculator import (
    CalculatorError,
    Scenario,
    example_scenario,
    hours_in_month,
    month_labels,
)
from calculator.usage import UsageOptions, analyze_log, usage_to_staffing
from tests.calculator.usage.logs import sessions_csv
from tests.calculator.usage.test_analyze_oracle import logs

FIXTURES = Path(__file__).parent / "fixtures"


@settings(max_examples=100)
@given(logs())
def test_staffing_from_any_log_makes_a_valid_scenario(rows):
    """P >= A >= C >= 0 and H <= A x hours in the month, so the scenario validates."""
    if not rows:
        return
    start, staffing = usage_to_staffing(analyze_log("log.csv", sessions_csv(rows)))
    for label, month in zip(month_labels(start, len(staffing)), staffing, strict=True):
        assert month.provisioned >= month.active >= month.peak_concurrent >= 0
        assert month.logged_in_hours <= month.active * hours_in_month(label)
    scenario = example_scenario().model_dump()
    Scenario.model_validate({**scenario, "start_month": start, "staffing": staffing})


def test_without_a_roster_provisioned_equals_active():
    """Every agent who logged in holds an account: P = A, and the figures carry over."""
    start, staffing = usage_to_staffing(
        analyze_log("log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
    )
    assert start == "2024-01"
    assert [(m.provisioned, m.active, m.peak_concurrent, m.logged_in_hours) for m in staffing] == [
        (3, 3, 2, Decimal("18.0000")),
        (3, 3, 1, Decimal("13.0000")),
    ]


def test_with_a_roster_provisioned_comes_from_it():
    """Four roster accounts in both months."""
    result = analyze_log(
        "log.csv",
        (FIXTURES / "generic_sessions.csv").read_bytes(),
        roster=("roster.csv", (FIXTURES / "roster.csv").read_bytes()),
    )
    assert [month.provisioned for month in usage_to_staffing(result)[1]] == [4, 4]


def test_more_months_than_a_scenario_holds_is_refused():
    """61 months (January 2020 to January 2025): the message says what to do."""
    log = sessions_csv([("a", 1577865600, 1577869200), ("a", 1736064000, 1736067600)])
    with pytest.raises(CalculatorError) as caught:
        usage_to_staffing(analyze_log("log.csv", log))
    assert str(caught.value) == (
        "the log covers 61 months (2020-01 to 2025-01); a scenario holds at most 60: choose a "
        "shorter month range"
    )


def test_hours_are_capped_at_the_wall_clock_of_the_month():
    """New York's November has a 25-hour day: an agent logged in all month has 721 h, more
    than 24 x 30 = 720; the curve holds 720 so the scenario stays valid."""
    log = b"agent,login,logout\na,2024-11-01 04:00:00,2024-12-01 05:00:00\n"
    options = UsageOptions(tz="America/New_York", start_month="2024-11", end_month="2024-11")
    result = analyze_log("log.csv", log, options)
    assert result.months[0].logged_in_hours == Decimal("721.0000")
    assert usage_to_staffing(result)[1][0].logged_in_hours == Decimal(720)
