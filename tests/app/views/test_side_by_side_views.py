"""Side-by-side charts: one series per column, the same numbers in the table, a summary."""

from __future__ import annotations

from decimal import Decimal

from app.views.side_by_side import monthly_cost_view, side_by_side_views, totals_view
from calculator import CountingRule, Plan, example_scenario, side_by_side

TODAY = example_scenario(months=12)
OFFER = TODAY.model_copy(
    update={
        "name": "Offer",
        "plans": [Plan(name="Active 60", rule=CountingRule.ACTIVE_USER, rate=Decimal(60))],
        "baseline": "Active 60",
        "staffing": TODAY.staffing[:6],
    }
)
RESULT = side_by_side([TODAY, OFFER])


def test_monthly_lines_per_column():
    """One line per column, as long as its horizon: 12 and 6 months."""
    view = monthly_cost_view(RESULT)
    assert [len(trace.y) for trace in view.figure.data] == [12, 6]
    assert [trace.name for trace in view.figure.data] == [
        "Worked example: Named seats",
        "Offer: Active 60",
    ]


def test_monthly_table_pads_short_columns():
    """Months past a column's horizon show an en dash in the table."""
    table = monthly_cost_view(RESULT).table
    assert table["Offer (USD)"].tolist() == ["$4,200.00"] * 6 + ["–"] * 6


def test_totals_summary():
    """70 x $60 = $4,200 a month; over 6 months it saves 6 x $5,800 = $34,800.00."""
    view = totals_view(RESULT)
    assert view.summary == (
        "Cheapest per month: Offer; Offer saves $34,800.00 against Worked example. The totals "
        "cover different numbers of months (6 and 12); each saving compares only the months a "
        "column shares with Worked example."
    )
    assert view.table["Total (USD)"].tolist() == ["$120,000.00", "$25,200.00"]


def test_totals_of_different_lengths_say_their_months():
    """$120,000.00 over 12 months beside $25,200.00 over 6 read as a saving of $94,800: each
    bar now says its months, and the table how many months each saving compares."""
    view = totals_view(RESULT)
    assert list(view.figure.data[0].text) == [
        "$120,000.00 (12 months)",
        "$25,200.00 (6 months)",
    ]
    assert view.table["Months compared"].tolist() == ["–", 6]


def test_totals_of_the_same_length_say_nothing_of_months():
    """Two 12-month columns: plain totals, no "Months compared" column, no word of months."""
    view = totals_view(side_by_side([TODAY, TODAY]))
    assert list(view.figure.data[0].text) == ["$120,000.00", "$54,600.00"]  # its cheapest plan
    assert "Months compared" not in view.table
    assert "months" not in view.summary


def test_columns_that_cost_the_same_are_all_named_cheapest():
    """The same scenario three times with its cheapest plan in columns 2 and 3: $4,550.00 a
    month each, so neither is cheaper than the other."""
    result = side_by_side([TODAY, TODAY, TODAY])
    assert totals_view(result).summary.startswith(
        "Cheapest per month: Worked example (2) and Worked example (3), the same; "
    )


def test_one_column_names_no_cheapest():
    """With the reference alone there is nothing to be cheaper than: 12 x $10,000."""
    view = totals_view(side_by_side([TODAY]))
    assert view.summary == "Worked example costs $120,000.00 in all; add a column to compare."


def test_labels_are_escaped_in_figures():
    """Markup in a label reaches Plotly escaped, as text."""
    result = side_by_side([TODAY, OFFER], labels=["<b>Today</b>", None])
    view = totals_view(result)
    assert view.figure.data[0].x[0] == "&lt;b&gt;Today&lt;/b&gt;"


def test_views_in_order():
    """Totals first, then the monthly lines."""
    assert [view.slug for view in side_by_side_views(RESULT)] == [
        "side_by_side_totals",
        "side_by_side_monthly",
    ]


def test_a_free_reference_is_named_in_the_percentage_column():
    """A reference at $0 has no percentage: the totals table says it costs nothing ("n/a"
    before)."""
    free_plan = TODAY.plans[0].model_copy(update={"rate": Decimal(0)})
    free = TODAY.model_copy(update={"name": "Free today", "plans": [free_plan, *TODAY.plans[1:]]})
    table = totals_view(side_by_side([free, OFFER])).table
    assert table["Savings in percent"].tolist() == ["–", "Free today costs nothing"]
