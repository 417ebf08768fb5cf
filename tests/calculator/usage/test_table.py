"""The CSV reader's two paths (``calculator.usage._table``): the fast one types ISO times, the
careful one keeps every field as text; both give the same analysis, and a value shown in the
data-quality report is the value as the file wrote it, whichever path read it."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculator.usage._table as table_module
from calculator.usage import LogFileError, UsageOptions, analyze_log
from calculator.usage._options import Column
from calculator.usage._rows import read_rows
from calculator.usage._source import open_documents
from calculator.usage._table import TimeStyle

HEADER = "agent,login,logout\n"


def raw_table(text: str):
    (document,) = open_documents(text.encode(), "log.csv")
    return read_rows(document, UsageOptions()).ledger.table


def careful_only(monkeypatch) -> None:
    """Every file read by the careful path, as if no sample looked clean."""
    monkeypatch.setattr(table_module, "_fast_time_styles", lambda *args: None)


@pytest.mark.parametrize("missing", ["", "N/A", "NULL"])
def test_open_sessions_keep_the_fast_reader(missing):
    """A logout left empty (Amazon Connect's Login/Logout report leaves the logout time of a
    session with no logout empty; Avaya Experience Platform's report gives an open session no
    logout), or written as one word throughout, is a missing time, not a reason to read the
    whole file again as text: the times stay typed by the reader, the missing ones null, and the
    report quotes the file's own spelling."""
    text = (
        HEADER + "a,2024-01-02 08:00:00,2024-01-02 16:00:00\n"
        f"b,2024-01-02 09:00:00,{missing}\nc,2024-01-02 10:00:00,{missing}\n"
    )
    table = raw_table(text)
    logout = table.columns[Column.LOGOUT]
    assert pa.types.is_timestamp(logout.type)
    assert logout.to_pylist() == [dt.datetime(2024, 1, 2, 16), None, None]
    result = analyze_log("log.csv", text.encode(), UsageOptions())
    (issue,) = [issue for issue in result.quality.issues if issue.code == "missing_logout"]
    assert [(sample.row, sample.value) for sample in issue.samples] == [(3, missing), (4, missing)]


def test_missing_times_spelled_two_ways_are_kept_as_text():
    """Empty on one row, N/A on another: typed as null, the two could not be told apart in the
    report, so the careful path keeps the text."""
    text = HEADER + "a,2024-01-02 08:00:00,\nb,2024-01-02 09:00:00,N/A\n"
    assert pa.types.is_string(raw_table(text).columns[Column.LOGOUT].type)
    result = analyze_log("log.csv", text.encode(), UsageOptions())
    (issue,) = [issue for issue in result.quality.issues if issue.code == "missing_logout"]
    assert [(sample.row, sample.value) for sample in issue.samples] == [(2, ""), (3, "N/A")]


@pytest.mark.parametrize(
    "spelling",
    [
        "{date} {clock}",
        "{date}T{clock}",
        "{date}T{clock}Z",
        "{date} {clock}+00:00",
        "{date}T{clock}.250Z",
        "{date}T{clock}.123456",
    ],
)
def test_a_rejected_time_is_shown_as_written(spelling):
    """Row 3 ends before it starts, in a file the fast reader types (one spelling throughout,
    an open session on row 4): the report shows its logout as the file spells it, not as
    Python prints the typed value (2024-01-02 09:00:00+00:00 for 2024-01-02T09:00:00Z)."""

    def time(clock: str) -> str:
        return spelling.format(date="2024-01-02", clock=clock)

    text = (
        HEADER + f"a,{time('08:00:00')},{time('10:00:00')}\n"
        f"b,{time('10:00:00')},{time('09:00:00')}\n"
        f"c,{time('11:00:00')},\n"
    )
    assert pa.types.is_timestamp(raw_table(text).columns[Column.LOGOUT].type)
    result = analyze_log("log.csv", text.encode(), UsageOptions())
    (issue,) = [issue for issue in result.quality.issues if issue.code == "logout_before_login"]
    assert [(sample.row, sample.value) for sample in issue.samples] == [(3, time("09:00:00"))]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2024-01-02T09:00:00", "2024-01-02 09:30:00"),  # two separators
        ("2024-01-02T09:00:00Z", "2024-01-02T09:30:00.5Z"),  # whole seconds and fractions
        ("2024-01-02T09:00:00+02:00", "2024-01-02T09:30:00+02:00"),  # not UTC
    ],
)
def test_times_spelled_more_ways_than_one_are_kept_as_text(first, second):
    """Typed, these could not be shown as written (and +02:00 would be shown in UTC): the
    careful path keeps the text, and the report quotes it."""
    text = HEADER + f"a,2024-01-02T12:00:00Z,{first}\nb,2024-01-02T12:00:00Z,{second}\n"
    assert pa.types.is_string(raw_table(text).columns[Column.LOGOUT].type)


def test_the_style_spells_a_time_again():
    """Year, month and day padded (year 999 is 0999), the sample's digits of a fraction, and a
    fraction first seen below the sample written with its digits, trailing zeros dropped."""
    moment = dt.datetime(999, 1, 2, 3, 4, 5, 120000, tzinfo=dt.UTC)
    assert TimeStyle("T", 3, "Z").text(moment) == "0999-01-02T03:04:05.120Z"
    assert TimeStyle(" ", 0, "").text(moment) == "0999-01-02 03:04:05.12"
    assert TimeStyle(" ", 0, "+00:00").text(moment.replace(microsecond=0)) == (
        "0999-01-02 03:04:05+00:00"
    )


@st.composite
def _logs(draw) -> str:
    """A log whose times are mostly spelled one way, its missing times mostly one way (so the
    fast path reads most of them), now and then a cell spelled otherwise."""
    separator, zone = draw(st.sampled_from([" ", "T"])), draw(st.sampled_from(["", "Z"]))
    missing = draw(st.sampled_from(["", "N/A", "null"]))
    time = st.tuples(
        st.dates(dt.date(2023, 12, 25), dt.date(2024, 3, 5)),
        st.times().map(lambda clock: clock.replace(microsecond=0).isoformat()),
    ).map(lambda parts: f"{parts[0].isoformat()}{separator}{parts[1]}{zone}")
    odd = st.sampled_from([" ", "N/A", "2024-01-02T08:00:00+00:00", "2024-01-02 08:00:00"])
    cell = st.one_of(time, time, time, st.just(missing), odd)
    rows = draw(st.lists(st.tuples(st.sampled_from(["a", "b", ""]), cell, cell), max_size=12))
    return HEADER + "".join(f"{agent},{login},{logout}\n" for agent, login, logout in rows)


@settings(max_examples=80, deadline=None)
@given(_logs())
def test_both_paths_give_the_same_analysis(text):
    """Logs of ISO times, with empty, blank and N/A cells, now and then a time spelled another
    way, and rows without an agent, read by either path: the same months, counts, hours and
    data-quality report, every value quoted as written."""
    with pytest.MonkeyPatch.context() as patch:
        fast = _outcome(text)
        careful_only(patch)
        careful = _outcome(text)
    assert fast == careful


def _outcome(text: str) -> str:
    try:
        return repr(analyze_log("log.csv", text.encode(), UsageOptions()))
    except LogFileError as exc:  # no usable row, say
        return f"{type(exc).__name__}: {exc}"
