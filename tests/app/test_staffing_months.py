"""A staffing table's month column as spreadsheets write it (`app/staffing_months.py`).

The formats are those spreadsheet programs write for a month or a date cell saved as CSV: ISO
dates (LibreOffice, and Excel's `yyyy-mm-dd`), Excel's default short dates in the United States
(`m/d/yyyy`) and in Europe (`dd/mm/yyyy`, `dd.mm.yyyy`), its month formats `mmm-yy` and
`d-mmm-yy`, and the long month names people type.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.staffing_months import DAY_FIRST, MONTH_FIRST, date_order, month_of

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
UNAMBIGUOUS = [
    "%Y-%m",
    "%Y/%m",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y-%m-%d 00:00:00",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%Y",
    "%m.%Y",
    "%b %Y",
    "%B %Y",
    "%b-%y",
    "%d-%b-%y",
    "%b. %Y",
]


@given(DATES, st.sampled_from(UNAMBIGUOUS))
def test_every_unambiguous_form_reads_as_its_month(day, form):
    """Whatever the day, the form names the month the date is in (two-digit years are read
    as 2000 to 2099)."""
    if "%y" in form:
        day = day.replace(year=2000 + day.year % 100)
    assert month_of(day.strftime(form)) == f"{day.year:04d}-{day.month:02d}"


@given(st.lists(DATES, min_size=1, max_size=12), st.sampled_from(["%m/%d/%Y", "%d.%m.%Y"]))
def test_a_column_of_first_days_reads_either_way_round(days, form):
    """Every date on the 1st of its month: the order that puts the 1 in the day is the one."""
    firsts = [day.replace(day=1) for day in days]
    texts = [day.strftime(form) for day in firsts]
    order = date_order(texts)
    assert order is not None
    assert [month_of(text, order) for text in texts] == [day.strftime("%Y-%m") for day in firsts]


class TestMonthOf:
    @pytest.mark.parametrize(
        ("text", "month"),
        [
            ("2027-01", "2027-01"),
            ("2027-1", "2027-01"),
            ("Jan-27", "2027-01"),
            ("Sept 2027", "2027-09"),
            ("jan. '27", "2027-01"),
            ("December 2026", "2026-12"),
            ("1-Feb-28", "2028-02"),
        ],
    )
    def test_written_forms(self, text, month):
        assert month_of(text) == month

    @pytest.mark.parametrize(
        "text", ["2027-13", "2027-02-30", "13/2027", "Foo 2027", "Total", "", "0000-01", "27"]
    )
    def test_not_a_month(self, text):
        """No month 13, no 30 February, no unknown name, no year alone."""
        assert month_of(text) is None

    def test_a_numeric_date_needs_the_column_order(self):
        """`2/1/2027` is 1 February month first, 2 January day first, nothing alone."""
        assert month_of("2/1/2027") is None
        assert month_of("2/1/2027", MONTH_FIRST) == "2027-02"
        assert month_of("2/1/2027", DAY_FIRST) == "2027-01"

    def test_excel_time_after_a_us_date(self):
        """Excel writes a date-time cell as `1/1/2027 0:00` or `1/1/2027 12:00 AM`."""
        assert month_of("1/1/2027 0:00", MONTH_FIRST) == "2027-01"
        assert month_of("12/1/2026 12:00 AM", MONTH_FIRST) == "2026-12"


class TestDateOrder:
    def test_a_day_above_twelve_says_day_first(self):
        assert date_order(["01/01/2027", "15/02/2027"]) == DAY_FIRST

    def test_a_second_number_above_twelve_says_month_first(self):
        assert date_order(["1/31/2027", "2/1/2027"]) == MONTH_FIRST

    def test_us_first_days(self):
        """Excel in the United States: `m/d/yyyy`, every day the 1st."""
        assert date_order(["1/1/2027", "2/1/2027", "3/1/2027"]) == MONTH_FIRST

    def test_european_first_days(self):
        """Excel in Germany: `dd.mm.yyyy`."""
        assert date_order(["01.01.2027", "01.02.2027"]) == DAY_FIRST

    def test_dates_that_do_not_say(self):
        """3 April or 4 March: the column cannot tell."""
        assert date_order(["3/4/2027", "3/5/2027"]) is None

    def test_no_numeric_date(self):
        assert date_order(["2027-01", "Jan 2027"]) is None
