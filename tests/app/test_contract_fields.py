"""Reading the rate-band and line tables back as model data (no Streamlit).

Oracles: hand-written rows and the models they stand for; shown-then-read is the identity.
"""

from decimal import Decimal

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from app.contract_fields import (
    LINE,
    TIER,
    lines_data,
    month_options,
    months_data,
    rate_with_bands,
    rows_data,
    table_frame,
    tiers_data,
)
from calculator import CountingRule, Plan, PlanLine, Tier


def test_empty_rows_are_dropped_and_empty_optional_cells_left_out():
    rows = [
        {
            "name": "Supervisors",
            "rule": "Named seat",
            "rate": 150.0,
            "quantity": 10.0,
            "above": None,
        },
        {"name": None, "rule": None, "rate": float("nan"), "quantity": pd.NA},
    ]
    assert rows_data(LINE, rows) == [
        {
            "name": "Supervisors",
            "rule": CountingRule.NAMED_SEAT,
            "rate": Decimal("150.00"),
            "quantity": 10,
        }
    ]


def test_an_empty_required_cell_is_passed_on_to_be_refused_by_name():
    (line,) = rows_data(LINE, [{"name": "WFM", "rule": "Named seat", "rate": ""}])
    assert line["rate"] is None


def test_a_fraction_of_a_unit_is_passed_on_as_typed():
    (line,) = rows_data(LINE, [{"name": "Overflow", "rule": "Concurrent", "rate": 9, "above": 2.5}])
    assert line["above"] == 2.5


def test_the_first_band_takes_the_plan_rate_when_left_empty():
    bands = tiers_data(
        [{"up_to": 50.0, "rate": None}, {"up_to": None, "rate": 40.0}], Decimal("65")
    )
    assert bands == [
        {"up_to": 50, "rate": Decimal("65")},
        {"up_to": None, "rate": Decimal("40.00")},
    ]
    assert tiers_data([], Decimal("65")) is None


BANDED = Plan(
    name="P",
    rule="active_user",
    rate=Decimal(65),
    tiers=[Tier(up_to=50, rate=Decimal(65)), Tier(up_to=None, rate=Decimal(40))],
)
"""A plan saved with bands: $65 up to 50 units, $40 above."""


def card(first: object) -> list[dict]:
    """The band table's rows with the first band's rate as given."""
    return [{"up_to": 50, "rate": first}, {"up_to": None, "rate": Decimal(40)}]


def test_whichever_of_rate_and_first_band_changed_sets_the_other():
    """Saved: rate $65, first band $65. The rate box alone at $70 sets the band; the band alone
    at $60 sets the rate; both changed stay as typed, for the model to compare; unchanged, or no
    bands, nothing moves."""
    assert rate_with_bands(Decimal(70), BANDED, card(Decimal(65))) == (Decimal(70), card(70))
    assert rate_with_bands(Decimal(65), BANDED, card(Decimal(60))) == (Decimal(60), card(60))
    assert rate_with_bands(Decimal(70), BANDED, card(Decimal(60))) == (Decimal(70), card(60))
    assert rate_with_bands(Decimal(65), BANDED, card(Decimal(65))) == (Decimal(65), card(65))
    assert rate_with_bands(Decimal(70), BANDED, None) == (Decimal(70), None)


def test_bands_typed_on_a_plan_without_bands_set_its_rate():
    unbanded = BANDED.model_copy(update={"tiers": None})
    assert rate_with_bands(Decimal(65), unbanded, card(Decimal(10))) == (Decimal(10), card(10))


def test_a_value_that_is_not_a_rate_is_not_copied_to_the_other_field():
    """A rate box left empty, or text in the first band's rate: passed on as typed, so the model
    refuses the one field at fault rather than both."""
    assert rate_with_bands(None, BANDED, card(Decimal(65))) == (None, card(65))
    assert rate_with_bands(Decimal(65), BANDED, card("ten")) == (Decimal(65), card("ten"))


def test_a_line_keeps_the_terms_its_row_does_not_show():
    """Row 0 stands for the first line kept (its commitment stays); an added row (index 1)
    starts afresh; a deleted line is gone."""
    kept = [PlanLine(name="WFM", rule=CountingRule.NAMED_SEAT, rate=Decimal(12), committed_units=5)]
    rows = [
        {"name": "WFM", "rule": "Named seat", "rate": 15.0},
        {"name": "QA", "rule": "Active user", "rate": 3.0},
    ]
    first, second = lines_data(rows, kept, [0, 1])
    assert (first["rate"], first["committed_units"]) == (Decimal("15.00"), 5)
    assert "committed_units" not in second
    assert lines_data([], kept, []) == []


def test_one_time_months_by_label():
    months = ["2027-01", "2027-02", "2027-03"]
    assert months_data(["2027-03", "2027-01"], months) == [1, 3]
    assert months_data([], months) is None
    plan = Plan(name="P", rule=CountingRule.ACTIVE_USER, rate=Decimal(1), one_time_months=[2, 5])
    assert month_options(plan, months) == [*months, "month 5"]


bands = st.lists(
    st.tuples(st.integers(1, 1000), st.decimals(0, 1000, places=2)), min_size=1, max_size=5
)


@given(bands)
def test_bands_shown_then_read_are_the_same_bands(raw):
    tiers = [
        Tier(up_to=sum(step for step, _ in raw[: i + 1]) if i < len(raw) - 1 else None, rate=rate)
        for i, (_, rate) in enumerate(raw)
    ]
    frame = table_frame(TIER, tiers)
    assert [Tier(**row) for row in tiers_data(frame.to_dict("records"), tiers[0].rate)] == tiers


@given(
    st.lists(
        st.builds(
            PlanLine,
            name=st.sampled_from(["A", "B", "C"]),
            rule=st.sampled_from(list(CountingRule)),
            rate=st.decimals(0, 10_000, places=2),
            quantity=st.none() | st.integers(0, 500),
        ),
        max_size=3,
        unique_by=lambda line: line.name,
    )
)
def test_lines_shown_then_read_are_the_same_lines(lines):
    frame = table_frame(LINE, lines)
    read = lines_data(frame.to_dict("records"), lines, list(frame.index))
    assert [PlanLine(**line) for line in read] == lines


def test_text_in_a_number_cell_is_passed_on_to_be_refused_by_name():
    (line,) = rows_data(LINE, [{"name": "QA", "rule": "Active user", "rate": "lots"}])
    assert line["rate"] == "lots"
