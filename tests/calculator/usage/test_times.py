"""Timestamp spellings found in exports, parsed exactly to UTC; bad ones flagged, not guessed."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from calculator.usage._times import DateOrder, parse_times


def utc(values, zone="UTC", day_first=None):
    parsed = parse_times(pa.array(values), zone, day_first, "test")
    return [
        None
        if not ok
        else (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=int(m))).isoformat()
        for m, ok in zip(parsed.micros, parsed.valid, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-05 08:00:00", "2024-01-05T08:00:00"),
        ("2024-1-5T08:00", "2024-01-05T08:00:00"),
        ("2024/01/05 08:00:00", "2024-01-05T08:00:00"),
        ("2024-01-05", "2024-01-05T00:00:00"),
        ("2024-01-05T08:00:00.250Z", "2024-01-05T08:00:00.250000"),
        ("2024-01-05 08:00:00+05:30", "2024-01-05T02:30:00"),
        ("2024-01-05T08:00:00-0800", "2024-01-05T16:00:00"),
        ("01/05/2024 8:00 AM", "2024-01-05T08:00:00"),
        ("1/5/24 12:30:15 PM", "2024-01-05T12:30:15"),
        ("1/5/2024 12:00:00 AM", "2024-01-05T00:00:00"),
        ("Fri, 05 Jan 2024 08:00:00", "2024-01-05T08:00:00"),
        ("Jan 5, 2024 8:00 AM", "2024-01-05T08:00:00"),
        ("5 January 2024 08:00", "2024-01-05T08:00:00"),
        ("1704441600", "2024-01-05T08:00:00"),
        ("1704441600123", "2024-01-05T08:00:00.123000"),
    ],
)
def test_spellings(text, expected):
    """Each family parses to the same instant, offsets applied."""
    assert utc([text]) == [expected]


@pytest.mark.parametrize(
    "text", ["2024-02-30 08:00", "2024-13-01 08:00", "2024-01-05 25:00", "13:00 PM 1/5/2024", "x"]
)
def test_impossible_or_unknown_values_are_unparseable(text):
    """No rolling over into the next day or month, no guessing."""
    parsed = parse_times(pa.array([text]), "UTC", None, "test")
    assert parsed.unparseable.tolist() == [True]


@pytest.mark.parametrize(
    "text", ["9999-12-31 23:59:59", "31 Dec 9999 23:59", "12/31/9999", "253402300799000"]
)
def test_times_in_the_year_9999_are_placeholders(text):
    """Unusable as times (the report needs the month after the last), but told apart from
    text that is no time at all: a logout written so is a session still open."""
    parsed = parse_times(pa.array([text, "9999-02-30 08:00"]), "UTC", None, "test")
    assert (parsed.unparseable.tolist(), parsed.far_future.tolist()) == (
        [True, True],
        [True, False],
    )
    still_open = parsed.open_ended()
    assert (still_open.missing.tolist(), still_open.unparseable.tolist()) == (
        [True, False],
        [False, True],
    )


@pytest.mark.parametrize("text", ["", " ", "N/A", "n/a", "NULL", "-", None])
def test_missing_values(text):
    """Empty cells and N/A are missing, not unparseable."""
    parsed = parse_times(pa.array([text], pa.string()), "UTC", None, "test")
    assert (parsed.missing.tolist(), parsed.unparseable.tolist()) == ([True], [False])


def test_day_first_is_inferred_from_a_day_above_twelve():
    """13/01/2024 can only be day first, so the whole column is read day first."""
    assert utc(["13/01/2024 08:00", "02/03/2024 08:00"]) == [
        "2024-01-13T08:00:00",
        "2024-03-02T08:00:00",
    ]


def test_month_first_is_the_default_and_is_noted():
    """02/03/2024 alone is ambiguous: read as 3 February, with a note saying so."""
    parsed = parse_times(pa.array(["02/03/2024 08:00"]), "UTC", None, "log.csv")
    assert utc(["02/03/2024 08:00"]) == ["2024-02-03T08:00:00"]
    assert parsed.notes == [
        "log.csv: dates such as 03/04/2024 were read month first (March 4); if the file writes "
        "the day first (3 April), choose day first"
    ]


def test_dotted_dates_are_read_day_first_and_noted():
    """04.03.2024 is how day-first locales write dates (German ``dd.MM.y``, CLDR de-DE medium
    date): read as 4 March when no date shows the order, with a note saying so."""
    values = ["04.03.2024 08:00", "05.03.2024 09:00"]
    parsed = parse_times(pa.array(values), "UTC", None, "log.csv")
    assert utc(values) == ["2024-03-04T08:00:00", "2024-03-05T09:00:00"]
    assert parsed.notes == [
        "log.csv: dotted dates such as 03.04.2024 were read day first (3 April), as dotted dates "
        "are written; if the file writes the month first (March 4), choose month first"
    ]
    assert parsed.order == DateOrder("log.csv", None, read_day_first=True)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["04.15.2024 08:00", "04.03.2024 08:00"], ["2024-04-15T08:00:00", "2024-04-03T08:00:00"]),
        (["04.03.2024 08:00", "04/05/2024 08:00"], ["2024-04-03T08:00:00", "2024-04-05T08:00:00"]),
        (["04.03.2024 08:00"], ["2024-04-03T08:00:00"]),
    ],
    ids=["a-date-shows-month-first", "some-slashed", "chosen-month-first"],
)
def test_dotted_dates_read_month_first_when_shown_mixed_or_chosen(values, expected):
    """A date that shows the order wins over the dots; a column not all dotted is read as
    slashed dates are; a chosen order wins over both."""
    day_first = False if len(values) == 1 else None
    assert utc(values, day_first=day_first) == expected


@pytest.mark.parametrize(
    ("values", "day_first", "order"),
    [
        (["01/04/2024 08:00", "15/04/2024 08:00"], None, DateOrder("t", True, "15/04/2024 08:00")),
        (["04/01/2024 08:00", "04/15/2024 08:00"], None, DateOrder("t", False, "04/15/2024 08:00")),
        (["01/04/2024 08:00", "02/04/2024 08:00"], None, DateOrder("t", None)),
        (["13/04/2024 08:00", "04/13/2024 08:00"], None, DateOrder("t", None)),
        (["01/01/2024 08:00", "2024-04-15 08:00"], None, None),
        (["01/04/2024 08:00"], True, None),
    ],
    ids=["day-shown", "month-shown", "either", "both-above-12", "reads-alike", "chosen"],
)
def test_what_a_column_shows_of_its_date_order(values, day_first, order):
    """Files read together settle the order from what each column shows, with a date that
    shows it; a chosen order, or dates the order does not change, show nothing."""
    assert parse_times(pa.array(values), "UTC", day_first, "t").order == order


def test_day_first_can_be_chosen():
    """The user's choice wins over the default."""
    assert utc(["02/03/2024 08:00"], day_first=True) == ["2024-03-02T08:00:00"]


def test_local_times_are_converted_with_daylight_saving():
    """New York: UTC-5 in January, UTC-4 in July."""
    assert utc(["2024-01-05 08:00", "2024-07-05 08:00"], zone="America/New_York") == [
        "2024-01-05T13:00:00",
        "2024-07-05T12:00:00",
    ]


def test_explicit_offsets_ignore_the_source_zone():
    """A time with an offset is already absolute."""
    assert utc(["2024-01-05 08:00:00Z"], zone="America/New_York") == ["2024-01-05T08:00:00"]


def test_daylight_saving_gaps_and_repeats_are_flagged():
    """02:30 on 10 March never happened in New York; 01:30 on 3 November happened twice."""
    parsed = parse_times(
        pa.array(["2024-03-10 02:30", "2024-11-03 01:30", "2024-11-03 03:00"]),
        "America/New_York",
        None,
        "test",
    )
    assert parsed.nonexistent.tolist() == [True, False, False]
    assert parsed.ambiguous.tolist() == [False, True, False]
    assert parsed.valid.tolist() == [False, False, True]
