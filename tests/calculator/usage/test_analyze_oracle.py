"""Whole pipeline (CSV text to monthly table) against the brute-force oracle, on generated logs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.usage import UsageOptions, analyze_log, analyze_logs
from tests.calculator.usage.logs import (
    figures,
    month_start_seconds,
    next_label,
    seconds,
    sessions_csv,
    utc_text,
)
from tests.calculator.usage.oracle import oracle_months

# Instants cluster around the ends of January and February 2024 (UTC and New York), so sessions
# often cross month ends, touch, tie to the second or end exactly at midnight on the 1st.
ANCHORS = [
    seconds("2024-01-31 23:00"),
    seconds("2024-02-01 00:00"),
    seconds("2024-02-01 05:00"),
    seconds("2024-02-29 23:30"),
    seconds("2024-03-01 00:00"),
    seconds("2024-03-01 05:00"),
]
INSTANTS = st.builds(
    lambda anchor, offset: anchor + offset,
    st.sampled_from(ANCHORS),
    st.sampled_from([-3600, -1800, -1, 0, 1, 1800, 3600, 7200]),
)
ZONES = st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata"])


@st.composite
def logs(draw, max_size: int = 10):
    rows = []
    for _ in range(draw(st.integers(1, max_size))):
        login, logout = sorted((draw(INSTANTS), draw(INSTANTS)))
        if login < logout:
            rows.append((draw(st.sampled_from(["a", "b", "c"])), login, logout))
    return rows


def expected(rows, result, zone, min_minutes=0, cycle=(1, 0)):
    labels = [month.month for month in result.months]
    bounds = [
        month_start_seconds(label, zone, *cycle) for label in [*labels, next_label(labels[-1])]
    ]
    months = oracle_months(rows, bounds, min_minutes * 60)
    return [
        (label, m.active, m.peak, m.peak_held, hours(m.logged_in))
        for label, m in zip(labels, months, strict=True)
    ]


def hours(logged_in_seconds):
    """Hours are reported to 4 decimals, rounded half up."""
    return (Decimal(logged_in_seconds) / 3600).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def reported_span(rows, zone, cycle=(1, 0)):
    """First and last billing month the log touches (a logout at the start of a billing month is
    not in it): the wall-clock month of the instant, or the one before when the instant comes
    before that month's billing start."""
    import datetime as dt
    import zoneinfo

    def month(second):
        local = dt.datetime.fromtimestamp(second, zoneinfo.ZoneInfo(zone))
        label = f"{local.year:04d}-{local.month:02d}"
        if second < month_start_seconds(label, zone, *cycle):
            label = f"{local.year - (local.month == 1):04d}-{(local.month - 2) % 12 + 1:02d}"
        return label

    return month(min(r[1] for r in rows)), month(max(r[2] for r in rows) - 1)


@settings(max_examples=200)
@given(logs(), ZONES, st.sampled_from([0, 30]))
def test_pipeline_matches_oracle(rows, zone, min_minutes):
    """Active, peak, peak held and hours per billing month equal the brute-force answer."""
    if not rows:
        return
    options = UsageOptions(tz=zone, peak_min_minutes=min_minutes)
    result = analyze_log("log.csv", sessions_csv(rows), options)
    assert (result.months[0].month, result.months[-1].month) == reported_span(rows, zone)
    assert figures(result) == expected(rows, result, zone, min_minutes)


# Billing months that start on another day or hour: around the starts of Genesys Cloud's
# cycle (07:00 UTC), a start at 07:00 in New York, and one at 02:00 in New York on the day the
# clocks skip 02:00-03:00 (10 March 2024).
CYCLE_ANCHORS = [
    seconds("2024-02-15 07:00"),
    seconds("2024-02-15 12:00"),
    seconds("2024-03-10 07:00"),
    seconds("2024-03-15 07:00"),
    seconds("2024-03-15 11:00"),
]
CYCLE_INSTANTS = st.builds(
    lambda anchor, offset: anchor + offset,
    st.sampled_from(CYCLE_ANCHORS),
    st.sampled_from([-3600, -1, 0, 1, 1800, 3600]),
)
CYCLES = st.sampled_from([(15, 7), (15, 12), (10, 2), (1, 0), (28, 23)])


@st.composite
def cycle_logs(draw):
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        login, logout = sorted((draw(CYCLE_INSTANTS), draw(CYCLE_INSTANTS)))
        if login < logout:
            rows.append((draw(st.sampled_from(["a", "b", "c"])), login, logout))
    return rows


@settings(max_examples=200)
@given(cycle_logs(), ZONES, CYCLES, st.sampled_from([0, 30]))
def test_billing_cycles_match_oracle(rows, zone, cycle, min_minutes):
    """Billing months from another day or hour: the months the log touches, and in each the
    active agents, peaks and hours, equal the brute-force answer over the same bounds."""
    if not rows:
        return
    day, hour = cycle
    options = UsageOptions(tz=zone, cycle_day=day, cycle_hour=hour, peak_min_minutes=min_minutes)
    result = analyze_log("log.csv", sessions_csv(rows), options)
    assert (result.months[0].month, result.months[-1].month) == reported_span(rows, zone, cycle)
    assert figures(result) == expected(rows, result, zone, min_minutes, cycle)


@settings(max_examples=100)
@given(logs(), st.randoms(use_true_random=False))
def test_row_shuffling_changes_nothing(rows, random):
    """The same sessions in another order give the same months."""
    if not rows:
        return
    shuffled = list(rows)
    random.shuffle(shuffled)
    first = analyze_log("log.csv", sessions_csv(rows))
    second = analyze_log("log.csv", sessions_csv(shuffled))
    assert figures(second) == figures(first)


@settings(max_examples=100)
@given(logs(max_size=12), st.integers(1, 4))
def test_file_splitting_changes_nothing(rows, parts):
    """A log split into several files, read together, gives the same months as the whole."""
    if not rows:
        return
    whole = analyze_log("log.csv", sessions_csv(rows))
    files = [
        (f"part{index}.csv", sessions_csv(rows[index::parts]))
        for index in range(parts)
        if rows[index::parts]
    ]
    assert figures(analyze_logs(files)) == figures(whole)


@st.composite
def disjoint_logs(draw):
    """Per agent, sessions that neither overlap nor touch: events pair them unambiguously."""
    rows = []
    for agent in ("a", "b"):
        instants = sorted(set(draw(st.lists(INSTANTS, min_size=0, max_size=8))))
        for login, logout in zip(instants[0::2], instants[1::2], strict=False):
            rows.append((agent, login, logout))
    return rows


def events_csv(rows, random):
    events = [(agent, login, "login") for agent, login, _ in rows]
    events += [(agent, logout, "logout") for agent, _, logout in rows]
    random.shuffle(events)
    lines = ["agent,timestamp,event"] + [f"{a},{utc_text(t)},{e}" for a, t, e in events]
    return ("\n".join(lines) + "\n").encode()


@settings(max_examples=100)
@given(disjoint_logs(), st.randoms(use_true_random=False), ZONES)
def test_events_layout_matches_oracle(rows, random, zone):
    """The same log written as shuffled login/logout events gives the oracle's months."""
    if not rows:
        return
    result = analyze_log("events.csv", events_csv(rows, random), UsageOptions(tz=zone))
    assert result.sources[0].format == "events"
    assert figures(result) == expected(rows, result, zone)
    assert result.quality.rows_used == 2 * len(rows)


@settings(max_examples=50)
@given(logs(max_size=8))
def test_duplicated_rows_change_nothing_and_are_reported(rows):
    """Every row twice: same months, and half the rows reported as duplicates."""
    if not rows:
        return
    unique = sorted(set(rows))
    result = analyze_log("log.csv", sessions_csv(unique + unique))
    assert figures(result) == figures(analyze_log("log.csv", sessions_csv(unique)))
    duplicates = {issue.code: issue.count for issue in result.quality.issues}["duplicate_row"]
    assert duplicates == len(unique)


def test_files_with_different_time_resolutions_are_read_together():
    """Whole seconds in one file and milliseconds in another: both counted exactly."""
    whole = b"agent,login,logout\na,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
    fine = b"agent,login,logout\nb,2024-01-02 08:30:00.250,2024-01-02 09:00:00.500\n"
    result = analyze_logs([("whole.csv", whole), ("fine.csv", fine)])
    # 1 h + 30 min 0.25 s = 5,400.25 s = 1.500069... h, shown to 4 decimals.
    assert figures(result) == [("2024-01", 2, 2, 2, Decimal("1.5001"))]
    assert result.months[0].peak_at == "2024-01-02T08:30:00.250000+00:00"
