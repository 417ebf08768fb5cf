"""What a column's first values look like: the kinds the column guess goes by."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.usage._values import ValueKind, value_kinds


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["2024-06-03 08:00", "2024-06-03T16:30:00Z"], ValueKind.MOMENT),
        (["06/03/2024 8:00 AM", "6/3/2024 4:30:15 PM"], ValueKind.MOMENT),
        (["Mon, 3 Jun 2024 08:00", "Jun 3, 2024 16:30"], ValueKind.MOMENT),
        # Epoch seconds and milliseconds, as Twilio and Amazon Connect may write them.
        (["1717401600", "1717430400000"], ValueKind.MOMENT),
        # A time at midnight written as the date alone, beside times of day: still moments.
        (["2024-06-03", "2024-06-03 16:00"], ValueKind.MOMENT),
        (["2024-06-03", "03/06/2024"], ValueKind.DATE),
        (["08:00", "8:30 PM", "23:59:59"], ValueKind.CLOCK),
        (["480", "7.5", "26:15:00", "1:02:00:00"], ValueKind.LENGTH),
        (["Ana Silva", "bo@example.com"], ValueKind.TEXT),
        # One value of another kind makes the column text: no guess on a mixed column.
        (["2024-06-03 08:00", "soon"], ValueKind.TEXT),
        # Missing-value words and blanks are passed over.
        (["", "n/a", " 2024-06-03 08:00 ", "NULL"], ValueKind.MOMENT),
    ],
)
def test_a_column_is_known_by_its_first_values(values, kind):
    assert value_kinds({"column": values}) == {"column": kind}


def test_a_column_with_only_blanks_is_left_out():
    """Blank values could be anything: the column fits every field."""
    assert value_kinds({"Note": ["", " ", "-"], "Agent": ["ann"]}) == {"Agent": ValueKind.TEXT}


@given(st.dictionaries(st.text(max_size=8), st.lists(st.text(max_size=30), max_size=20)))
def test_any_values_get_a_kind_or_none(samples):
    """Whatever a file holds, each column gets one kind, or none when its values are blank."""
    kinds = value_kinds(samples)
    assert set(kinds) <= set(samples)
    assert all(isinstance(kind, ValueKind) for kind in kinds.values())
