"""The side-by-side columns in the link: short parameters, an exact round trip, and any value
that cannot be used left at the page's default rather than refused."""

import pytest

from app.share import ColumnChoice, columns_from_params, columns_to_params

DEFAULTS = ["s", "o1", "o2"]


def test_chosen_columns_round_trip():
    """Sources, a plan and a label come back as they were chosen."""
    choices = [ColumnChoice("o1"), ColumnChoice("o2", "Active 60", "Next year"), ColumnChoice("x")]
    params = columns_to_params(choices, DEFAULTS)
    assert columns_from_params({name: [value] for name, value in params.items()}) == (
        choices,
        False,
    )


def test_the_parameters_are_short_and_readable():
    """``c`` lists the sources; a plan and a label go by their column's number."""
    choices = [ColumnChoice("o1"), ColumnChoice("o2", "Active 60", "Next year"), ColumnChoice("x")]
    assert columns_to_params(choices, DEFAULTS) == {
        "c": "o1.o2.x",
        "p2": "Active 60",
        "l2": "Next year",
    }


def test_default_columns_add_nothing_to_the_link():
    """Columns as the page would choose them by itself leave the address as it was."""
    choices = [ColumnChoice(source) for source in DEFAULTS]
    assert columns_to_params(choices, DEFAULTS) == {}


def test_a_link_without_columns_asks_for_the_defaults():
    assert columns_from_params({}) == ([ColumnChoice()] * 3, False)


@pytest.mark.parametrize(
    "params",
    [
        {"c": ["o4"]},  # at most three offers
        {"c": ["zz"]},
        {"c": ["x"]},  # the reference cannot be left out
        {"c": ["s.o1.o2.o3"]},  # four columns
        {"c": ["s.o1", "o1.s"]},  # two different links pasted together
        {"l1": ["bad\u202elabel"]},  # a bidi override could disguise the label
        {"l1": ["   "]},
        {"l1": ["x" * 61]},
        {"p1": ["x" * 61]},
        {"p1": [""]},
    ],
)
def test_a_value_that_cannot_be_used_is_left_out_and_said(params):
    """The column keeps its default, and the caller learns something was left out."""
    assert columns_from_params(params) == ([ColumnChoice()] * 3, True)


def test_one_bad_source_leaves_the_others():
    """``c=o1.zz.x``: the first and third column are taken, the second keeps its default."""
    choices, left_out = columns_from_params({"c": ["o1.zz.x"]})
    assert [choice.source for choice in choices] == ["o1", None, "x"]
    assert left_out


def test_a_label_is_trimmed():
    choices, left_out = columns_from_params({"l2": ["  Next year "]})
    assert choices[1].label == "Next year"
    assert not left_out
