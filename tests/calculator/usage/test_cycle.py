"""Billing months that start on another day of the month or hour (``cycle_day``, ``cycle_hour``).

Genesys Cloud's voice billing cycle "begins and ends at 7:00 UTC" (Genesys Cloud resource
center, billing FAQs; quoted in the project's contract-rules notes); contracts signed mid-month
bill from their anniversary day.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from calculator.usage import UsageOptions, analyze_log, partly_covered_note
from calculator.usage._cycle import BillingCycle
from tests.calculator.usage.logs import seconds, sessions_csv

MICROS = 1_000_000
GENESYS_VOICE = UsageOptions(tz="UTC", cycle_hour=7)


def micros(text: str, zone: str = "UTC") -> int:
    return seconds(text, zone) * MICROS


def test_a_cycle_starts_on_its_day_and_hour_on_the_zones_clock():
    """From the 15th at 07:00 in New York: March 2026 starts at 11:00 UTC (daylight time since
    8 March), February at 12:00 UTC (standard time)."""
    cycle = BillingCycle(zoneinfo.ZoneInfo("America/New_York"), day=15, hour=7)
    assert cycle.start("2026-03") == micros("2026-03-15 11:00")
    assert cycle.start("2026-02") == micros("2026-02-15 12:00")


def test_calendar_months_are_the_default():
    cycle = BillingCycle.of(UsageOptions(tz="Asia/Kolkata"))
    assert cycle.calendar
    assert cycle.start("2026-03") == micros("2026-03-01 00:00", "Asia/Kolkata")
    assert cycle.describe() == "calendar months, from midnight on the 1st (Asia/Kolkata)"


@pytest.mark.parametrize(
    ("day", "hour", "words"),
    [
        (15, 7, "from the 15th at 07:00 to the 15th of the next month at 07:00 (UTC)"),
        (1, 7, "from the 1st at 07:00 to the 1st of the next month at 07:00 (UTC)"),
        (2, 0, "from the 2nd at 00:00 to the 2nd of the next month at 00:00 (UTC)"),
        (23, 0, "from the 23rd at 00:00 to the 23rd of the next month at 00:00 (UTC)"),
        (11, 0, "from the 11th at 00:00 to the 11th of the next month at 00:00 (UTC)"),
    ],
)
def test_a_cycle_in_words(day, hour, words):
    assert BillingCycle(zoneinfo.ZoneInfo("UTC"), day, hour).describe() == words


ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"]


@settings(max_examples=300)
@given(
    st.sampled_from(ZONES),
    st.integers(1, 28),
    st.integers(0, 23),
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31)),
)
def test_every_instant_lies_in_the_month_it_is_named_by(zone, day, hour, moment):
    """The named month starts at or before the instant and the next month after it, so the
    months tile time with no gap or overlap, also where the clocks skip or repeat an hour
    (Lord Howe moves them by half an hour)."""
    cycle = BillingCycle(zoneinfo.ZoneInfo(zone), day, hour)
    instant = int(moment.replace(tzinfo=dt.UTC).timestamp()) * MICROS
    label = cycle.label_of(instant)
    year, month = (int(part) for part in label.split("-"))
    following = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    assert cycle.start(label) <= instant < cycle.start(following)


def test_genesys_voice_cycle_counts_by_the_cycle():
    """Logins before 07:00 UTC on the 1st belong to the month before: one agent on
    1 March 05:00-06:00 is in February's cycle, another at 08:00 in March's."""
    rows = [
        ("early", seconds("2026-03-01 05:00"), seconds("2026-03-01 06:00")),
        ("late", seconds("2026-03-01 08:00"), seconds("2026-03-01 10:30")),
    ]
    result = analyze_log("log.csv", sessions_csv(rows), GENESYS_VOICE)
    months = [(m.month, m.active, m.logged_in_hours) for m in result.months]
    assert months == [("2026-02", 1, Decimal("1.0000")), ("2026-03", 1, Decimal("2.5000"))]
    calendar = analyze_log("log.csv", sessions_csv(rows), UsageOptions())
    assert [(m.month, m.active) for m in calendar.months] == [("2026-03", 2)]


def test_a_session_across_the_cycle_start_is_split_there():
    """06:00-09:00 UTC on 1 March: 1 hour in February's cycle, 2 in March's; the agent is
    active in both."""
    rows = [("a", seconds("2026-03-01 06:00"), seconds("2026-03-01 09:00"))]
    result = analyze_log("log.csv", sessions_csv(rows), GENESYS_VOICE)
    assert [(m.month, m.active, m.logged_in_hours) for m in result.months] == [
        ("2026-02", 1, Decimal("1.0000")),
        ("2026-03", 1, Decimal("2.0000")),
    ]


def test_chosen_months_are_billing_months():
    """With months chosen, a billing month from the 15th reaches into the next calendar month:
    2026-03 holds a session on 10 April and not one on 10 March."""
    rows = [
        ("march", seconds("2026-03-10 09:00"), seconds("2026-03-10 10:00")),
        ("april", seconds("2026-04-10 09:00"), seconds("2026-04-10 10:00")),
    ]
    options = UsageOptions(cycle_day=15, start_month="2026-03", end_month="2026-03")
    result = analyze_log("log.csv", sessions_csv(rows), options)
    assert [(m.month, m.active) for m in result.months] == [("2026-03", 1)]
    assert result.insights is not None
    assert result.insights.agent_months.agent == ["april"]


def test_days_of_a_cycle_run_from_its_first_day_to_its_last():
    """A cycle from the 15th at 07:00: the daily peaks run from 15 March to 15 April, both
    listed (each holds part of the month), and a session on 15 April at 05:00 is on the last."""
    rows = [
        ("a", seconds("2026-03-15 08:00"), seconds("2026-03-15 09:00")),
        ("b", seconds("2026-04-15 05:00"), seconds("2026-04-15 06:00")),
    ]
    options = UsageOptions(cycle_day=15, cycle_hour=7)
    result = analyze_log("log.csv", sessions_csv(rows), options)
    assert [m.month for m in result.months] == ["2026-03"]
    assert result.insights is not None
    days = {day.day: (day.peak, day.logged_in_hours) for day in result.insights.daily_peaks}
    assert (min(days), max(days), len(days)) == ("2026-03-15", "2026-04-15", 32)
    assert days["2026-03-15"] == (1, Decimal("1.0000"))
    assert days["2026-04-15"] == (1, Decimal("1.0000"))


def test_a_month_the_cycle_barely_covers_is_flagged():
    """A log of calendar March counted in cycles from the 15th covers 14 of the 28 days of
    February's cycle (15 February to 15 March) and 17 of the 31 of March's: both are flagged as
    partly covered."""
    rows = [
        ("a", seconds("2026-03-01 00:00"), seconds("2026-03-01 08:00")),
        ("a", seconds("2026-03-31 16:00"), seconds("2026-04-01 00:00")),
    ]
    result = analyze_log("log.csv", sessions_csv(rows), UsageOptions(cycle_day=15))
    assert [(part.month, part.covered) for part in result.partly_covered] == [
        ("2026-02", Decimal("0.5000")),
        ("2026-03", Decimal("0.5484")),
    ]


def test_the_note_on_a_barely_covered_cycle_says_why_not_time_zones():
    """Calendar March counted in cycles from the 25th: 24 of the 28 days of February's cycle and
    7 of the 31 of March's. The note gives the cycle as the reason, not a time zone."""
    rows = [
        ("a", seconds("2026-03-01 00:00"), seconds("2026-03-01 08:00")),
        ("a", seconds("2026-03-31 16:00"), seconds("2026-04-01 00:00")),
    ]
    result = analyze_log("log.csv", sessions_csv(rows), UsageOptions(cycle_day=25))
    assert partly_covered_note(result) == (
        "The log covers only part of 2026-02 (85.7 %) and 2026-03 (22.6 %): their figures count "
        "only that part. A month covered less than half is left out of the staffing curve unless "
        "you keep it. Billing months here run from the 25th at 00:00 to the 25th of the next "
        "month at 00:00 (UTC): a log exported for calendar months covers only part of its first "
        "and last; export it from the start of a billing month to the end of one to count them "
        "whole."
    )


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("cycle_day", 29, "less than or equal to 28"),
        ("cycle_day", 0, "greater than or equal to 1"),
        ("cycle_hour", 24, "less than or equal to 23"),
        ("cycle_hour", -1, "greater than or equal to 0"),
        ("cycle_hour", 7.5, "valid integer"),
    ],
)
def test_a_cycle_out_of_range_is_refused_by_name(field, value, words):
    with pytest.raises(ValidationError) as raised:
        UsageOptions(**{field: value})
    assert raised.value.errors()[0]["loc"] == (field,)
    assert words in str(raised.value)
