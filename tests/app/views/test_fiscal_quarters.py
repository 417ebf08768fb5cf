"""The spend plan by fiscal quarter in words and a table: labels, the note, the sentence."""

from decimal import Decimal

import pytest

from app.views.fiscal_quarters import (
    fiscal_quarter_summary,
    fiscal_quarter_table,
    fiscal_quarters_note,
    quarter_label,
)
from calculator import MonthStaffing, compare, example_scenario
from calculator.budget import BudgetSettings, plan_budget


def budget_of(months: int = 12, start: str = "2027-01", fiscal_start: int = 7, staffing=None):
    scenario = example_scenario(months).model_copy(
        update={
            "start_month": start,
            "budget": BudgetSettings(fiscal_year_start_month=fiscal_start),
            **({"staffing": staffing} if staffing else {}),
        }
    )
    return plan_budget(compare(scenario))


def seasonal(months: int = 12) -> list[MonthStaffing]:
    """70 active users from April to September, 40 in the other months (from January)."""
    return [
        MonthStaffing(provisioned=100, active=70 if 3 <= index % 12 < 9 else 40, peak_concurrent=30)
        for index in range(months)
    ]


@pytest.mark.parametrize(
    ("fiscal_start", "words"),
    [
        (1, "Q1 is January to March"),
        (7, "Q1 is July to September"),
        (10, "Q1 is October to December"),
        (11, "Q1 is November to January"),
    ],
)
def test_the_note_names_the_first_quarter_s_months(fiscal_start, words):
    assert words in fiscal_quarters_note(budget_of(fiscal_start=fiscal_start))


def test_partial_quarters_say_how_many_of_their_months_the_horizon_covers():
    """Five months from March with a July year: March (FY2027 Q3, 1 of 3), April to June (Q4),
    July (FY2028 Q1, 1 of 3)."""
    budget = budget_of(months=5, start="2027-03")
    assert [quarter_label(quarter) for quarter in budget.fiscal_quarters] == [
        "FY2027 Q3 (partial: 1 of 3 months)",
        "FY2027 Q4",
        "FY2028 Q1 (partial: 1 of 3 months)",
    ]


def test_the_table_is_the_spend_plan_one_row_per_quarter():
    """A seasonal year from January, October fiscal year: Q2 (January-March) at 40 x $65 x 3 =
    $7,800.00, the season's Q3 and Q4 at 70 x $65 x 3 = $13,650.00; seats $30,000.00 each."""
    table = fiscal_quarter_table(budget_of(fiscal_start=10, staffing=seasonal()))
    assert table.values.tolist() == [
        ["FY2027 Q2", "2027-01 to 2027-03", "$30,000.00", "$7,800.00"],
        ["FY2027 Q3", "2027-04 to 2027-06", "$30,000.00", "$13,650.00"],
        ["FY2027 Q4", "2027-07 to 2027-09", "$30,000.00", "$13,650.00"],
        ["FY2028 Q1", "2027-10 to 2027-12", "$30,000.00", "$7,800.00"],
    ]
    assert list(table.columns) == [
        "Fiscal quarter",
        "Months",
        "Named seats (today) (USD)",
        "Active users (USD)",
    ]


def test_the_sentence_gives_the_low_and_the_high_season():
    summary = fiscal_quarter_summary(budget_of(fiscal_start=10, staffing=seasonal()))
    assert summary == (
        "Planned cost over 4 full quarters: Named seats (today) $30,000.00 in each; Active users "
        "from $7,800.00 (FY2027 Q2) to $13,650.00 (FY2027 Q3)."
    )


def test_the_sentence_leaves_partial_quarters_out_and_says_so():
    """Five months from March: only FY2027 Q4 is whole; March and July alone are not a season."""
    summary = fiscal_quarter_summary(budget_of(months=5, start="2027-03"))
    assert summary == (
        "Planned cost over 1 full quarter (the table gives the 2 partial ones too): Named seats "
        "(today) $30,000.00; Active users $13,650.00."
    )


def test_with_no_whole_quarter_the_partial_ones_are_compared():
    summary = fiscal_quarter_summary(budget_of(months=2, start="2027-03"))
    assert summary == (
        "Planned cost over 2 partial quarters: Named seats (today) $10,000.00 in each; Active "
        "users $4,550.00 in each."
    )


def test_the_sentence_figures_are_the_table_s():
    """30 seasonal months from March: each plan's lowest and highest whole quarter in the table
    are the sentence's."""
    budget = budget_of(months=30, start="2027-03", staffing=seasonal(30))
    table = fiscal_quarter_table(budget)
    whole = table[~table["Fiscal quarter"].str.contains("partial")]
    summary = fiscal_quarter_summary(budget)
    assert "Active users from $7,800.00 (" in summary
    for plan in ("Named seats (today)", "Active users"):
        amounts = sorted(
            whole[f"{plan} (USD)"], key=lambda text: Decimal(text.strip("$").replace(",", ""))
        )
        low, high = amounts[0], amounts[-1]
        assert (
            f"{plan} {low} in each" in summary if low == high else f"{plan} from {low} (" in summary
        )
        assert low == high or f"to {high} (" in summary
