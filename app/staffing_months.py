"""A staffing table's month column as people and spreadsheets write it, read as ``YYYY-MM``.

Accepted, each naming one month:

- ``2027-01``, ``2027/01``, ``2027-1``; a date in the month, ``2027-01-15`` or ``2027/01/15``,
  with any time after it (``2027-01-01 00:00:00``, as a workbook's date cell reads);
- ``01/2027``, ``1-2027``, ``01.2027`` (month, then year);
- English month names, whole or cut to three letters (``Sept`` too), before a four- or two-digit
  year: ``January 2027``, ``Jan 2027``, ``Jan-27`` (Excel's ``mmm-yy``), ``Jan. '27``; or after
  a day: ``1-Jan-27`` (Excel's ``d-mmm-yy``);
- a date written with the day and the month as numbers, ``2/1/2027`` or ``01.02.2027``, when the
  column says which number is the month (:func:`date_order`): a day above 12 in some row, or
  every row on the 1st of its month. Two-digit years are 2000 to 2099.

Anything else is ``None``, for the caller to name with the row.

>>> [month_of(text) for text in ("2027-01", "Jan-27", "September 2027", "3/2027")]
['2027-01', '2027-01', '2027-09', '2027-03']
>>> order = date_order(["1/1/2027", "2/1/2027"])
>>> order, [month_of(text, order) for text in ("1/1/2027", "2/1/2027")]
('month first', ['2027-01', '2027-02'])
>>> date_order(["3/4/2027"]) is None
True
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

_TIME = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?: ?[AaPp][Mm])?)?"
_YEAR_FIRST = re.compile(
    rf"(?P<year>[0-9]{{4}})[-/.](?P<month>[0-9]{{1,2}})(?:[-/.](?P<day>[0-9]{{1,2}}){_TIME})?"
)
_MONTH_YEAR = re.compile(r"(?P<month>[0-9]{1,2})[-/.](?P<year>[0-9]{4})")
_NAMED = re.compile(
    r"(?:(?P<day>[0-9]{1,2})[ -])?(?P<name>[A-Za-z]{3,9})\.?[ -]'?(?P<year>[0-9]{4}|[0-9]{2})"
)
_NUMERIC_DATE = re.compile(
    rf"(?P<first>[0-9]{{1,2}})[-/.](?P<second>[0-9]{{1,2}})[-/.](?P<year>[0-9]{{4}}|[0-9]{{2}})"
    rf"{_TIME}"
)
_NAMES = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}

MONTH_FIRST = "month first"
DAY_FIRST = "day first"


def month_of(text: str, order: str | None = None) -> str | None:
    """The month ``text`` names, as ``YYYY-MM``, or ``None``; a date such as ``2/1/2027`` needs
    the column's ``order`` (:data:`MONTH_FIRST` or :data:`DAY_FIRST`)."""
    text = text.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        return _month(match["year"], match["month"], match["day"])
    if match := _MONTH_YEAR.fullmatch(text):
        return _month(match["year"], match["month"])
    if match := _NAMED.fullmatch(text):
        number = _NAMES.get(match["name"].lower())
        return None if number is None else _month(match["year"], str(number), match["day"])
    if (match := _NUMERIC_DATE.fullmatch(text)) and order is not None:
        day, month = (
            (match["second"], match["first"])
            if order == MONTH_FIRST
            else (match["first"], match["second"])
        )
        return _month(match["year"], month, day)
    return None


def date_order(texts: Iterable[str]) -> str | None:
    """Which number of the column's dates such as ``2/1/2027`` is the month: day first when some
    date has a first number above 12 (``15/01/2027``), month first when some has a second number
    above 12; else the order that puts every date on the 1st of its month (``2/1/2027`` month
    first, ``01.02.2027`` day first). ``None`` when the dates do not say (``3/4/2027``), or when
    no cell is such a date."""
    pairs = [
        (int(match["first"]), int(match["second"]))
        for match in (_NUMERIC_DATE.fullmatch(text.strip()) for text in texts)
        if match
    ]
    if not pairs:
        return None
    if any(first > 12 for first, _ in pairs):
        return DAY_FIRST
    if any(second > 12 for _, second in pairs):
        return MONTH_FIRST
    if all(second == 1 for _, second in pairs):
        return MONTH_FIRST
    if all(first == 1 for first, _ in pairs):
        return DAY_FIRST
    return None


def is_numeric_date(text: str) -> bool:
    """Whether ``text`` is a date written with the day and the month as numbers."""
    return _NUMERIC_DATE.fullmatch(text.strip()) is not None


def _month(year: str, month: str, day: str | None = None) -> str | None:
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    number = int(month)
    if not 1 <= number <= 12 or full_year < 1:
        return None
    if day is not None and not 1 <= int(day) <= calendar.monthrange(full_year, number)[1]:
        return None
    return f"{full_year:04d}-{number:02d}"
