"""Fiscal years: naming by the year in which they end, partial first and last years."""

import pytest

from calculator.budget import fiscal_year_of, fiscal_years


@pytest.mark.parametrize(
    ("month", "start", "expected"),
    [
        # July start (46 states): FY2028 = July 2027 to June 2028.
        ("2027-06", 7, 2027),
        ("2027-07", 7, 2028),
        ("2028-06", 7, 2028),
        # October start (US federal): FY2028 = October 2027 to September 2028.
        ("2027-09", 10, 2027),
        ("2027-10", 10, 2028),
        # April start (New York): FY2028 = April 2027 to March 2028.
        ("2027-03", 4, 2027),
        ("2027-04", 4, 2028),
        # September start (Texas): FY2028 = September 2027 to August 2028.
        ("2027-08", 9, 2027),
        ("2027-09", 9, 2028),
        # January start: the calendar year.
        ("2027-01", 1, 2027),
        ("2027-12", 1, 2027),
    ],
)
def test_fiscal_year_is_named_by_the_year_it_ends(month, start, expected):
    """A month belongs to the fiscal year named by the calendar year in which that year ends."""
    assert fiscal_year_of(month, start) == expected


def test_july_start_split_of_an_18_month_horizon():
    """March 2027 + 18 months, July start: 4 months of FY2027, all of FY2028, 2 of FY2029."""
    # By hand: 2027-03..2027-06 (4), 2027-07..2028-06 (12), 2028-07..2028-08 (2) = 18 months.
    years = fiscal_years("2027-03", 18, 7)
    assert [(y.label, len(y.months), y.partial) for y in years] == [
        ("FY2027", 4, True),
        ("FY2028", 12, False),
        ("FY2029", 2, True),
    ]
    assert [(y.months[0], y.months[-1]) for y in years] == [
        ("2027-03", "2027-06"),
        ("2027-07", "2028-06"),
        ("2028-07", "2028-08"),
    ]
    assert [y.month_indices for y in years] == [
        (0, 1, 2, 3),
        tuple(range(4, 16)),
        (16, 17),
    ]


def test_whole_fiscal_year_bounds_are_given_for_partial_years():
    """A partial year still names the first and last month of the whole fiscal year."""
    (year,) = fiscal_years("2027-11", 3, 10)
    assert (year.label, year.first_month, year.last_month) == ("FY2028", "2027-10", "2028-09")


def test_horizon_aligned_with_fiscal_year_has_no_partial_year():
    """24 months from July with a July start are two whole fiscal years."""
    years = fiscal_years("2027-07", 24, 7)
    assert [(y.label, y.partial) for y in years] == [("FY2028", False), ("FY2029", False)]
