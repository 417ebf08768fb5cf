"""Counts agree with their nouns in every sentence: "1 agent", "2 agents", "3 branches"."""

from __future__ import annotations

import pytest

from calculator import counted, plural


def test_counted_says_one_noun_or_many():
    assert counted(1, "agent") == "1 agent"
    assert counted(2, "agent") == "2 agents"
    assert counted(0, "day") == "0 days"
    assert counted(1200, "row") == "1,200 rows"


@pytest.mark.parametrize(
    ("noun", "nouns"),
    [("seat", "seats"), ("branch", "branches"), ("company", "companies"), ("day", "days")],
)
def test_plural(noun, nouns):
    assert plural(noun) == nouns
