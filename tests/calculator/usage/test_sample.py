"""The downloadable sample log: deterministic, realistic, and exactly counted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from calculator.usage import analyze_log, sample_log_csv
from calculator.usage._sample import sample_sessions
from tests.calculator.usage.logs import month_start_seconds, next_label
from tests.calculator.usage.oracle import oracle_months


def test_sample_is_the_same_every_time():
    """Fixed seed: the same bytes on every call."""
    assert sample_log_csv() == sample_log_csv()


def test_sample_has_the_built_in_workforce():
    """12 staff and 4 part-timers in all six months, 10 seasonal staff in February to April."""
    result = analyze_log("sample.csv", sample_log_csv())
    assert [(item.months_active, item.agents) for item in result.months_active] == [
        (3, 10),
        (6, 16),
    ]
    assert [month.active for month in result.months] == [16, 26, 26, 26, 16, 16]


def test_sample_shows_two_data_quality_findings():
    """One session without a logout and one repeated row, as the module says."""
    result = analyze_log("sample.csv", sample_log_csv())
    assert {issue.code: issue.count for issue in result.quality.issues} == {
        "duplicate_row": 1,
        "missing_logout": 1,
    }


def test_sample_counts_match_the_oracle():
    """Brute force over the sample's sessions (the missing logout closed at 12 h) agrees."""
    rows = []
    for agent, login, logout in sample_sessions():
        start = _utc(login)
        end = start + 12 * 3600 if logout is None else _utc(logout)
        rows.append((agent, start, end))
    result = analyze_log("sample.csv", sample_log_csv())
    labels = [month.month for month in result.months]
    bounds = [month_start_seconds(label, "UTC") for label in [*labels, next_label(labels[-1])]]
    expected = oracle_months(rows, bounds)
    assert [(m.active, m.peak_concurrent) for m in result.months] == [
        (month.active, month.peak) for month in expected
    ]
    assert [m.logged_in_hours for m in result.months] == [
        (Decimal(month.logged_in) / 3600).quantize(Decimal("0.0001")) for month in expected
    ]


def _utc(moment: dt.datetime) -> int:
    """The sample writes UTC wall times without an offset."""
    return int(moment.replace(tzinfo=dt.UTC).timestamp())
