"""Largest-remainder allocation: rounded parts that add up exactly to the rounded total."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.budget import allocate_cents


def test_parts_add_up_where_rounding_each_part_would_not():
    """$1,000.01 split 40/40/20: rounding each part gives $1,000.00, allocation gives $1,000.01."""
    weights = [Decimal("0.4"), Decimal("0.4"), Decimal("0.2")]
    # By hand: quotas 40000.4, 40000.4, 20000.2 cents; rounding each gives 40000 + 40000 + 20000
    # = 100000, one cent short. Floors leave 1 cent; the largest remainders (0.4, 0.4) tie, and
    # the tie goes to the first part.
    assert [round(100001 * w) for w in weights] == [40000, 40000, 20000]
    assert allocate_cents(100001, weights) == [40001, 40000, 20000]


def test_largest_remainder_wins_the_missing_cent():
    """$10.01 split 75/25: quotas 750.75 and 250.25 cents, the 0.75 remainder gets the cent."""
    assert allocate_cents(1001, [Decimal("0.75"), Decimal("0.25")]) == [751, 250]


def test_thirds():
    """One dollar in three equal parts: 34 + 33 + 33 cents."""
    assert allocate_cents(100, [1, 1, 1]) == [34, 33, 33]


def test_negative_total_mirrors_the_positive_split():
    """A negative amount splits like its absolute value, negated."""
    assert allocate_cents(-1001, [Decimal("0.75"), Decimal("0.25")]) == [-751, -250]


def test_zero_total_needs_no_weights():
    """Zero cents split into zeros, even by zero weights."""
    assert allocate_cents(0, [0, 0]) == [0, 0]


def test_negative_weight_is_refused():
    """A negative weight is an error naming the weights."""
    with pytest.raises(ValueError, match=r"weights must be >= 0, got \['1', '-1'\]"):
        allocate_cents(100, [1, -1])


def test_all_zero_weights_are_refused_for_a_nonzero_total():
    """Cents cannot be split by weights that are all zero."""
    with pytest.raises(ValueError, match="cannot split 100 cents by weights that are all zero"):
        allocate_cents(100, [0, 0])


@given(
    st.integers(-(10**12), 10**12),
    st.lists(st.integers(0, 10**6), min_size=1, max_size=12).filter(any),
)
def test_parts_sum_to_total_and_stay_within_a_cent_of_the_quota(total, weights):
    """Parts add up exactly, and each is less than one cent from its exact quota."""
    parts = allocate_cents(total, weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - Fraction(total * weight, sum(weights))) < 1
