"""Side by side: one plan of each of up to three scenarios, savings against the first.

Oracle figures come from the worked example of docs/method.md#worked-example: 100 seats at $100 cost
$10,000.00 a month and 70 active users at $65 cost $4,550.00, saving $5,450.00 (54.5 %).
"""

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import (
    CalculatorError,
    CountingRule,
    Plan,
    SideBySide,
    compare,
    example_scenario,
    side_by_side,
)
from tests.calculator.strategies import scenarios

EXAMPLE = example_scenario(months=12)


def offer(name: str, rate: str, months: int = 12):
    """The example's staffing with a single active-user plan at ``rate`` [USD/user/month]."""
    plan = Plan(name=f"{name} plan", rule=CountingRule.ACTIVE_USER, rate=Decimal(rate))
    return EXAMPLE.model_copy(
        update={
            "name": name,
            "plans": [plan],
            "baseline": plan.name,
            "staffing": EXAMPLE.staffing[:months],
        }
    )


class TestColumns:
    def test_reference_shows_its_baseline_and_others_their_cheapest_plan(self):
        """By default column 1 is the baseline (Named seats), column 2 the cheapest (Active users)."""
        result = side_by_side([EXAMPLE, EXAMPLE])
        assert [(c.label, c.plan) for c in result.columns] == [
            ("Worked example", "Named seats"),
            ("Worked example (2)", "Active users"),
        ]

    def test_cheapest_tie_goes_to_the_plan_listed_first(self):
        """Two plans both costing $6,500 a month: the first listed is the default."""
        plans = [
            Plan(name="A", rule=CountingRule.ACTIVE_USER, rate=Decimal(65)),
            Plan(name="B", rule=CountingRule.NAMED_SEAT, rate=Decimal("45.5")),
        ]
        tied = EXAMPLE.model_copy(update={"plans": plans, "baseline": "A"})
        result = side_by_side([EXAMPLE, tied])
        assert result.columns[1].plan == "A"

    def test_explicit_plans_and_labels(self):
        """Given plans and labels are used as given (labels stripped)."""
        result = side_by_side(
            [EXAMPLE, EXAMPLE], plans=["Active users", "Named seats"], labels=[" Today ", "Offer"]
        )
        assert [(c.label, c.plan) for c in result.columns] == [
            ("Today", "Active users"),
            ("Offer", "Named seats"),
        ]

    def test_duplicate_names_are_numbered(self):
        """Three scenarios with one name become 'X', 'X (2)' and 'X (3)'."""
        result = side_by_side([EXAMPLE] * 3)
        assert result.labels == ["Worked example", "Worked example (2)", "Worked example (3)"]


class TestTotals:
    def test_worked_example_savings_over_a_year(self):
        """12 x $10,000.00 = $120,000.00 against 12 x $4,550.00 = $54,600.00: saves $65,400.00."""
        result = side_by_side([EXAMPLE, offer("Offer", "65")])
        reference, other = result.totals
        assert (reference.cost_cents, other.cost_cents) == (12_000_000, 5_460_000)
        assert (reference.savings_cents, other.savings_cents) == (0, 6_540_000)
        assert other.ratio == Decimal("0.545")

    def test_totals_table_columns_and_values(self):
        """The tidy totals table carries the same cents as the totals."""
        result = side_by_side([EXAMPLE, offer("Offer", "65")])
        table = result.totals_table
        assert table["cost_cents"].tolist() == [12_000_000, 5_460_000]
        assert table["is_reference"].tolist() == [True, False]
        assert table["savings_ratio"].tolist() == [0.0, 0.545]

    def test_different_horizons_compare_shared_months_and_say_so(self):
        """A 6-month offer is compared with the first 6 months of the 12-month reference."""
        result = side_by_side([EXAMPLE, offer("Short", "65", months=6)])
        short = result.totals[1]
        # 6 x ($10,000.00 - $4,550.00) = $32,700.00
        assert (short.compared_months, short.savings_cents) == (6, 3_270_000)
        assert result.notes == [
            "'Short' covers 6 months and 'Worked example' 12: savings compare the first 6 "
            "months of each."
        ]

    def test_reference_cost_zero_gives_no_ratio(self):
        """A free reference plan has no savings percentage."""
        free = offer("Free", "0")
        result = side_by_side([free, EXAMPLE])
        assert result.totals[1].ratio is None


class TestDifferences:
    def test_every_pair_in_column_order(self):
        """Three columns give A->B, A->C, B->C."""
        result = side_by_side([EXAMPLE, offer("B", "65"), offer("C", "60")])
        assert [(d.source, d.target) for d in result.differences] == [
            ("Worked example", "B"),
            ("Worked example", "C"),
            ("B", "C"),
        ]

    def test_offer_to_offer_savings(self):
        """70 users at $65 vs $60: $350.00 a month, $4,200.00 a year, 7.7 % of $54,600."""
        result = side_by_side([EXAMPLE, offer("B", "65"), offer("C", "60")])
        between = result.differences[2]
        assert (between.savings_cents, between.average_monthly_cents) == (420_000, 35_000)
        assert round(between.ratio, 3) == Decimal("0.077")


class TestMonthlyTables:
    def test_monthly_table_savings_missing_beyond_the_reference(self):
        """Months 7-12 of a 12-month column have no reference month when the reference is 6."""
        result = side_by_side([offer("Short", "65", months=6), EXAMPLE])
        table = result.monthly_table
        rows = table[table["label"] == "Worked example"]
        assert rows["savings_cents"].isna().tolist() == [False] * 6 + [True] * 6

    def test_wide_table_pads_short_columns(self):
        """The wide table has one cost column per label, NA past a short horizon."""
        result = side_by_side([EXAMPLE, offer("Short", "65", months=6)])
        wide = result.monthly_wide
        assert list(wide.columns) == ["month_number", "Worked example", "Short"]
        assert wide["Short"].isna().sum() == 6


class TestRefusals:
    @pytest.mark.parametrize("count", [0, 4])
    def test_count_outside_one_to_three(self, count):
        """Zero or four scenarios are refused with the count."""
        with pytest.raises(CalculatorError) as info:
            side_by_side([EXAMPLE] * count)
        assert str(info.value) == f"side by side compares 1 to 3 scenarios; got {count}"

    def test_unknown_plan(self):
        """A plan that is not in its scenario is named with the scenario and its plans."""
        with pytest.raises(CalculatorError) as info:
            side_by_side([EXAMPLE, EXAMPLE], plans=[None, "Hourly"])
        assert str(info.value) == (
            "scenario 2 'Worked example' has no plan 'Hourly'; its plans are: Named seats, "
            "Active users"
        )

    def test_mixed_currencies(self):
        """A EUR scenario beside a USD one is refused."""
        euros = EXAMPLE.model_copy(update={"currency": "EUR", "name": "Euro offer"})
        with pytest.raises(CalculatorError) as info:
            side_by_side([EXAMPLE, euros])
        assert str(info.value) == (
            "scenario 2 'Euro offer' is in EUR but scenario 1 'Worked example' is in USD; "
            "side by side needs one currency"
        )

    def test_blank_label(self):
        """A label of spaces is refused, naming the scenario."""
        with pytest.raises(CalculatorError) as info:
            side_by_side([EXAMPLE], labels=["   "])
        assert str(info.value) == (
            "scenario 1 'Worked example': the column label must be 1 to 60 characters, got 0"
        )

    def test_plan_list_of_wrong_length(self):
        """Plans and labels must come one per scenario."""
        with pytest.raises(CalculatorError) as info:
            side_by_side([EXAMPLE, EXAMPLE], plans=[None])
        assert str(info.value) == (
            "side by side needs one plan and one label per scenario: got 2 scenarios, "
            "1 plans and 2 labels"
        )


def _check_adds_up(result: SideBySide) -> None:
    for total in result.totals:
        assert sum(result.monthly_cents[total.label]) == total.cost_cents
        years = result.contract_year_cents[total.label]
        assert sum(cents for _, cents in years) == total.cost_cents
        assert [months for months, _ in years][:-1] == [12] * (len(years) - 1)
        assert sum(months for months, _ in years) == total.months
    table = result.monthly_table
    for total in result.totals:
        rows = table[table["label"] == total.label]
        assert rows["savings_cents"].dropna().sum() == total.savings_cents


@given(st.lists(scenarios(max_months=30), min_size=1, max_size=3))
def test_tables_add_up_to_the_totals(drawn):
    """Monthly costs sum to each column's total; monthly savings sum to its savings."""
    _check_adds_up(side_by_side(drawn))


@given(scenarios(max_months=24), scenarios(max_months=24), scenarios(max_months=24))
def test_differences_chain(first, second, third):
    """With equal horizons, savings A->C = A->B + B->C exactly."""
    horizon = min(first.horizon, second.horizon, third.horizon)
    trimmed = [
        s.model_copy(update={"staffing": s.staffing[:horizon]}) for s in (first, second, third)
    ]
    ab, ac, bc = side_by_side(trimmed).differences
    assert ac.savings_cents == ab.savings_cents + bc.savings_cents


def test_columns_use_the_comparison_lines():
    """A column's monthly costs are exactly compare()'s lines for its plan."""
    result = side_by_side([EXAMPLE])
    expected = [line.cost_cents for line in compare(EXAMPLE).lines["Named seats"]]
    assert result.monthly_cents["Worked example"] == expected
    assert isinstance(result.monthly_table, pd.DataFrame)


def test_contract_years_are_matched_by_position():
    """Today's 12 months at $100 a seat against a 30-month offer from another start month at
    $65 an active user: one year against years of 12, 12 and 6 months (70 x $65 = $4,550)."""
    later = offer("Offer", "65", months=12).model_copy(
        update={"start_month": "2027-07", "staffing": [EXAMPLE.staffing[0]] * 30}
    )
    result = side_by_side([EXAMPLE, later])
    assert result.contract_year_cents == {
        "Worked example": [(12, 12_000_000)],
        "Offer": [(12, 5_460_000), (12, 5_460_000), (6, 2_730_000)],
    }
