"""Payback, ROI and NPV of switching, checked by hand and against numpy-financial."""

from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.budget import (
    discounted_payback_month,
    monthly_rate,
    npv_cents,
    payback_month,
    roi,
)

savings_lists = st.lists(st.integers(-(10**8), 10**8), min_size=1, max_size=60)
annual_rates = st.decimals(min_value=0, max_value=Decimal("0.5"), places=4)


def npf_payback(net, rate: float) -> int | None:
    """Oracle: the first month k with npf.npv(rate, net[:j]) >= 0 for every j >= k."""
    cumulative = [npf.npv(rate, [s / 100 for s in net[:j]]) for j in range(1, len(net) + 1)]
    if cumulative[-1] < 0:
        return None
    negative = [j for j, value in enumerate(cumulative, start=1) if value < 0]
    return max(negative, default=0) + 1


def test_payback_after_a_one_time_cost():
    """$10,000 one-time cost, $3,000 a month saved: -7,000, -4,000, -1,000, +2,000 -> month 4."""
    net = [300_000 - 1_000_000, 300_000, 300_000, 300_000, 300_000]
    assert payback_month(net) == 4


def test_payback_waits_for_the_last_dip():
    """Cumulative 100, -100, 200: savings turn negative again in month 2, so payback is month 3."""
    assert payback_month([100, -200, 300]) == 3


def test_never_negative_pays_back_in_month_1():
    """A plan that is cheaper from the first month pays back in month 1."""
    assert payback_month([545_000] * 12) == 1


def test_no_payback_within_the_horizon():
    """Cumulative savings still negative at the end: no payback month."""
    assert payback_month([-1_000_000, 300_000, 300_000]) is None


def test_npv_discounts_month_13_by_exactly_one_year():
    """$1,030 saved in month 13 at 3 % a year is worth $1,000 today (month 1 is not discounted)."""
    assert npv_cents([0] * 12 + [103_000], Decimal("0.03")) == 100_000


def test_npv_at_zero_rate_is_the_sum():
    """At a zero discount rate the NPV is the plain sum of the savings."""
    assert npv_cents([-1_000_000, 300_000, 300_000, 300_000, 300_000], Decimal(0)) == 200_000


def test_monthly_rate_compounds_to_the_annual_rate():
    """Twelve months at the monthly rate give the annual rate back (to 25 digits)."""
    assert abs((1 + monthly_rate(Decimal("0.03"))) ** 12 - Decimal("1.03")) < Decimal("1e-25")


@given(savings_lists, annual_rates)
def test_npv_matches_numpy_financial(net, annual):
    """npv_cents equals numpy_financial.npv at the equivalent monthly rate, to the cent."""
    rate = float(monthly_rate(annual))
    expected = npf.npv(rate, [s / 100 for s in net]) * 100
    assert npv_cents(net, annual) == pytest.approx(expected, abs=1 + 1e-9 * abs(expected))


@given(savings_lists)
def test_payback_matches_numpy_financial_cumulative_sums(net):
    """payback_month agrees with cumulative sums taken by numpy_financial.npv at rate 0."""
    assert payback_month(net) == npf_payback(net, 0.0)


@given(
    st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=36),
    st.sampled_from([Decimal("0.03"), Decimal("0.07"), Decimal("0.1")]),
)
def test_discounted_payback_matches_numpy_financial(net, annual):
    """discounted_payback_month agrees with cumulative numpy_financial.npv at the monthly rate."""
    rate = float(monthly_rate(annual))
    cumulative = [npf.npv(rate, [s / 100 for s in net[:j]]) for j in range(1, len(net) + 1)]
    # Skip knife-edge cases where float rounding could flip the sign of a cumulative sum.
    if any(0 < abs(value) < 1e-6 for value in cumulative):
        return
    assert discounted_payback_month(net, annual) == npf_payback(net, rate)


def test_roi_is_net_savings_over_one_time_cost():
    """$20,000 net savings on a $10,000 one-time cost: ROI 2 (200 %)."""
    assert roi(2_000_000, 1_000_000) == Decimal(2)


def test_roi_is_undefined_without_one_time_cost():
    """No one-time cost: ROI is None, not infinity."""
    assert roi(2_000_000, 0) is None
