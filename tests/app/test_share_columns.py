"""The side-by-side columns in the link: short parameters, an exact round trip, and any value
that cannot be used left at the page's default rather than refused, with its column and value
named."""

from urllib.parse import parse_qs, urlsplit

import pytest

from app.components.side_by_side_inputs import link_notice
from app.share import (
    ColumnChoice,
    ColumnProblem,
    columns_from_params,
    columns_to_params,
    with_column_params,
)

DEFAULTS = ["s", "o1", "o2"]


def test_chosen_columns_round_trip():
    """Sources, a plan and a label come back as they were chosen."""
    choices = [ColumnChoice("o1"), ColumnChoice("o2", "Active 60", "Next year"), ColumnChoice("x")]
    params = columns_to_params(choices, DEFAULTS)
    assert columns_from_params({name: [value] for name, value in params.items()}) == (
        choices,
        [],
    )


def test_the_parameters_are_short_and_readable():
    """``c`` lists the sources; a plan and a label go by their column's number."""
    choices = [ColumnChoice("o1"), ColumnChoice("o2", "Active 60", "Next year"), ColumnChoice("x")]
    assert columns_to_params(choices, DEFAULTS) == {
        "c": "o1.o2.x",
        "p2": "Active 60",
        "l2": "Next year",
    }


def test_the_link_box_encodes_each_choice():
    """A label may hold ``&``, ``=``, ``#`` or spaces: each parameter reads back as chosen."""
    link = with_column_params(
        "https://seats.example.org/side_by_side/?s=v1.abc&o=o1.def",
        {"c": "o1.o2.x", "p2": "Active 60", "l2": "A & B = C #1?"},
    )
    parts = urlsplit(link)
    assert parts.path == "/side_by_side/"
    assert parts.fragment == ""
    assert parse_qs(parts.query) == {
        "s": ["v1.abc"],
        "o": ["o1.def"],
        "c": ["o1.o2.x"],
        "p2": ["Active 60"],
        "l2": ["A & B = C #1?"],
    }


def test_default_columns_add_nothing_to_the_link_box():
    assert with_column_params("https://x.example/side_by_side/?s=v1.abc", {}) == (
        "https://x.example/side_by_side/?s=v1.abc"
    )


def test_default_columns_add_nothing_to_the_link():
    """Columns as the page would choose them by itself leave the address as it was."""
    choices = [ColumnChoice(source) for source in DEFAULTS]
    assert columns_to_params(choices, DEFAULTS) == {}


def test_a_link_without_columns_asks_for_the_defaults():
    assert columns_from_params({}) == ([ColumnChoice()] * 3, [])


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"c": ["o4"]}, "column 1: the link names offer 4, and a session keeps at most 3 offers"),
        ({"c": ["zz"]}, "column 1: the link names 'zz', which is no scenario this page knows"),
        ({"c": ["x"]}, "column 1: 'x' (not used) cannot be the reference"),
        ({"c": ["s.o1.o2.o3"]}, "the link lists 4 columns ('s.o1.o2.o3'), and the page has 3"),
        (
            {"c": ["s.o1", "o1.s"]},  # two different links pasted together
            "the link gives 2 different lists of columns ('s.o1' and 'o1.s')",
        ),
        (
            {"l1": ["bad\u202elabel"]},  # a bidi override could disguise the label
            "column 1: label 'bad\\u202elabel' must not contain invisible or control characters "
            "(character 4 is U+202E)",
        ),
        ({"l1": ["   "]}, "column 1: label '   ' is empty"),
        (
            {"l3": ["x" * 61]},
            f"column 3: label '{'x' * 40}'… (61 characters) must be at most 60 characters",
        ),
        (
            {"p2": ["x" * 61]},
            f"column 2: plan '{'x' * 40}'… (61 characters) must be at most 60 characters",
        ),
        ({"p1": [""]}, "column 1: plan '' is empty"),
        ({"p2": ["A", "B"]}, "column 2: the link gives 2 different plans ('A' and 'B')"),
    ],
)
def test_a_value_that_cannot_be_used_is_left_out_and_named(params, said):
    """The column keeps its default, and the problem names the column and the value."""
    choices, problems = columns_from_params(params)
    assert choices == [ColumnChoice()] * 3
    assert [str(problem) for problem in problems] == [said]


def test_many_different_values_are_counted_not_all_quoted():
    """``?l1=A&l1=B&l1=C&l1=D``: the first two are quoted, the others counted."""
    _, problems = columns_from_params({"l1": ["A", "B", "C", "D", "A"]})
    assert [str(problem) for problem in problems] == [
        "column 1: the link gives 4 different labels ('A', 'B' and 2 more)"
    ]


def test_one_bad_source_leaves_the_others():
    """``c=o1.zz.x``: the first and third column are taken, the second keeps its default."""
    choices, problems = columns_from_params({"c": ["o1.zz.x"]})
    assert [choice.source for choice in choices] == ["o1", None, "x"]
    assert [problem.column for problem in problems] == [2]


def test_a_label_is_trimmed():
    choices, problems = columns_from_params({"l2": ["  Next year "]})
    assert choices[1].label == "Next year"
    assert problems == []


def test_the_notice_names_each_problem_once_in_column_order():
    """The list of columns first, then column 1 before column 2; a repeat is said once."""
    problems = [
        ColumnProblem(2, "plan 'B' is empty"),
        ColumnProblem(1, "label '' is empty"),
        ColumnProblem(None, "the link gives 2 different lists of columns ('s' and 'o1')"),
        ColumnProblem(2, "plan 'B' is empty"),
    ]
    assert link_notice(problems) == (
        "Some column choices in this link could not be used, so those columns show their "
        "defaults: the link gives 2 different lists of columns ('s' and 'o1'); column 1: label '' "
        "is empty; column 2: plan 'B' is empty."
    )
