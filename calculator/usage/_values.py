"""What a column's values look like, from its first few: a date and time, a date, a time of day,
a length, or text.

The readers parse every value of the columns a layout names; this module only looks at a sample,
so that the columns offered for a file no layout recognises are the ones whose values can be
read as asked (:func:`calculator.usage._layouts.guess_columns`): a ``Close Time`` holding
``2024-06-03 16:00`` is the session's end, not its length.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum

from calculator.usage._times import FAMILIES, MISSING_WORDS

CLOCK_ONLY = r"^\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?$"
"""A time of day without a date (``08:00``, ``8:00:00 PM``), read on the row's date column."""
DURATION = (
    r"^(?:(?P<d>\d{1,5}):)?(?P<h>\d{1,6}):(?P<m>\d{2}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,6}))?$"
    r"|^(?P<n>\d{1,9})(?:[.,](?P<nf>\d{1,6}))?$"
)
"""A length: ``hh:mm:ss``, ``dd:hh:mm:ss`` or a plain number of the header's unit."""
SAMPLE_ROWS = 20
"""Rows looked at: enough to see past a blank or two, few enough to cost nothing."""


class ValueKind(StrEnum):
    """What every value of a column's sample can be read as (blank values aside)."""

    MOMENT = "moment"
    """A date with a time of day (``2024-06-03 08:00``, ``06/03/2024 8:00 AM``), or Unix epoch
    seconds or milliseconds."""
    DATE = "date"
    """A date only (``2024-06-03``): neither a login nor a logout."""
    CLOCK = "clock"
    """A time of day only (``08:00``); ``08:00:00`` may also be a length."""
    LENGTH = "length"
    """Numbers or lengths such as ``26:15:00``: a duration, or an agent's number."""
    TEXT = "text"
    """Anything else: names, ids, words, or values of several kinds."""


_CLOCK_ONLY = re.compile(CLOCK_ONLY)
_DURATION = re.compile(DURATION)
_CALENDAR = [re.compile(pattern) for family, pattern in FAMILIES.items() if family != "epoch"]
_EPOCH = re.compile(FAMILIES["epoch"])


def value_kinds(samples: Mapping[str, Sequence[str]]) -> dict[str, ValueKind]:
    """Each column's :class:`ValueKind`, from its first values (``samples``: header -> values as
    text); a column with only blank values in the sample is left out, since it could be anything.
    """
    kinds = {}
    for header, values in samples.items():
        filled = [
            value.strip() for value in values if value.strip().casefold() not in MISSING_WORDS
        ]
        if filled:
            kinds[header] = _kind(filled)
    return kinds


def _kind(values: list[str]) -> ValueKind:
    if all(_CLOCK_ONLY.match(value) for value in values):
        return ValueKind.CLOCK
    dates = [next((m for p in _CALENDAR if (m := p.match(value))), None) for value in values]
    if all(dates):
        # A time at midnight is often written as the date alone (``2024-06-03``), so one value
        # with a time is enough.
        with_time = any(match is not None and match.group("h") is not None for match in dates)
        return ValueKind.MOMENT if with_time else ValueKind.DATE
    if all(_EPOCH.match(value) for value in values):
        return ValueKind.MOMENT
    if all(_DURATION.match(value) for value in values):
        return ValueKind.LENGTH
    return ValueKind.TEXT
