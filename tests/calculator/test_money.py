"""Money and unit rounding in :mod:`calculator._money`, against ``decimal``'s own rules."""

from decimal import ROUND_CEILING, Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculator import CountingRule, MonthStaffing, Plan, price_plan, to_cents
from calculator._money import ceil_units
from calculator._pricing import monthly_charge
from tests.calculator.strategies import plans

hours = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4))
def test_ceil_units_is_the_decimal_ceiling(quantity):
    """Whole units up, negative quantities included, exactly as ROUND_CEILING gives them."""
    assert ceil_units(quantity) == int(quantity.to_integral_value(rounding=ROUND_CEILING))


@given(plans("Hours", CountingRule.LOGGED_IN_HOURS), st.lists(hours, min_size=1, max_size=30))
def test_fractional_hours_bill_whole_hours_at_the_decimal_formula(plan, logged_in):
    """Each month bills its hours rounded up once, priced as monthly_charge() in Decimal."""
    staffing = [
        MonthStaffing(provisioned=0, active=0, peak_concurrent=0, logged_in_hours=value)
        for value in logged_in
    ]
    for index, (line, value) in enumerate(zip(price_plan(plan, staffing), logged_in, strict=True)):
        billed = max(int(value.to_integral_value(rounding=ROUND_CEILING)), plan.committed_units)
        charge, _ = monthly_charge(plan, Decimal(billed), index // 12)
        assert (line.counted_units, line.billable_units) == (value, billed)
        assert line.recurring_cents == to_cents(charge)


def test_a_fraction_of_an_hour_bills_a_whole_hour():
    """Worked by hand: 10.0001 h at $0.85 bills 11 h = $9.35; 980 h bills 980 h = $833.00."""
    plan = Plan(name="Hours", rule=CountingRule.LOGGED_IN_HOURS, rate=Decimal("0.85"))
    staffing = [
        MonthStaffing(provisioned=0, active=0, peak_concurrent=0, logged_in_hours=Decimal(value))
        for value in ("10.0001", "980")
    ]
    assert [line.recurring_cents for line in price_plan(plan, staffing)] == [935, 83300]
