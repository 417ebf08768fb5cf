"""Headline figures and warnings, computed without Streamlit."""

from app.components.results import headlines
from calculator import MonthStaffing, compare, example_scenario


def test_headlines_of_the_worked_example():
    """Baseline first; per year is 12 months; the sentence comes from explain_savings."""
    baseline, active = headlines(compare(example_scenario()))
    assert (baseline.plan, baseline.per_month, baseline.per_year) == (
        "Named seats",
        "$10,000.00",
        "$120,000.00",
    )
    assert baseline.savings_per_month is None
    assert (active.savings_per_month, active.savings_per_year, active.savings_percent) == (
        "$5,450.00",
        "$65,400.00",
        "54.5 %",
    )
    assert active.saves
    assert active.explanation.startswith("Paying for 70 active users instead of 100 seats")


def test_seasonal_headlines_are_averages():
    """Months of 100 and 200 seats at $100: $15,000 a month on average, $180,000 a year."""
    scenario = example_scenario(months=2).model_copy(
        update={
            "staffing": [
                MonthStaffing(provisioned=100, active=70, peak_concurrent=50),
                MonthStaffing(provisioned=200, active=70, peak_concurrent=50),
            ]
        }
    )
    baseline, _ = headlines(compare(scenario))
    assert (baseline.per_month, baseline.per_year) == ("$15,000.00", "$180,000.00")
