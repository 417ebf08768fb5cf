"""Pricing one plan month by month: counting rule, contract terms, one rounding per line.

Method: ``docs/method.md#contract-terms``.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import NamedTuple

from calculator._models import CountingRule, MonthStaffing, Plan
from calculator._money import ceil_units, to_cents

EXACT_DIGITS = 120


class PlanMonth(NamedTuple):
    """One plan's bill for one month.

    ``counted_units`` is what the rule counts; ``billable_units`` is what the charge is computed on
    after the contract terms (contract-year peak, purchased cap, hours rounded up, commitment floor).
    """

    counted_units: int | Decimal  # [agents] (int) or [h] (Decimal)
    billable_units: int  # [agents] or [h]
    unit_rate: Decimal  # [currency/unit], after the escalator
    recurring_cents: int  # [cents]
    one_time_cents: int  # [cents]

    @property
    def cost_cents(self) -> int:
        return self.recurring_cents + self.one_time_cents


def counted_units(rule: CountingRule, month: MonthStaffing) -> int | Decimal:
    """What ``rule`` counts in ``month``: agents [agents], or hours not yet rounded [h]."""
    if rule is CountingRule.NAMED_SEAT:
        return month.provisioned
    if rule is CountingRule.ACTIVE_USER:
        return month.active
    if rule is CountingRule.CONCURRENT:
        return month.peak_concurrent
    return month.logged_in_hours if month.logged_in_hours is not None else Decimal(0)


def escalated_rate(rate: Decimal, escalator: Decimal, contract_year: int) -> Decimal:
    """``rate * (1 + escalator) ** contract_year``, exact [currency/unit].

    ``contract_year`` is 0 for the first twelve months, 1 for the next twelve, and so on.
    """
    if contract_year == 0 or not escalator:
        return rate
    # Enough precision that five years of a six-decimal escalator on a six-decimal rate stay
    # exact (the default context would round at 28 digits).
    with localcontext(prec=EXACT_DIGITS):
        return rate * (1 + escalator) ** contract_year


def monthly_charge(plan: Plan, units: Decimal, contract_year: int) -> tuple[Decimal, Decimal]:
    """The exact (unrounded) charge for ``units`` billable units, and the unit rate used.

    ``max(minimum, committed * rate + max(0, units - committed) * overage_rate)`` with both rates
    escalated to ``contract_year``. The minimum monthly charge is not escalated.
    """
    rate = escalated_rate(plan.rate, plan.escalator, contract_year)
    overage = escalated_rate(plan.effective_overage_rate, plan.escalator, contract_year)
    committed = Decimal(plan.committed_units)
    variable = committed * rate + max(Decimal(0), units - committed) * overage
    return max(plan.minimum_monthly_charge, variable), rate


def price_plan(plan: Plan, staffing: list[MonthStaffing]) -> list[PlanMonth]:
    """Bill ``plan`` for every month of ``staffing``.

    Each month is :func:`monthly_charge` rounded once to cents, half away from zero.

    Notes
    -----
    - Named seat with ``seats_reducible=False``: each month bills the highest provisioned count of
      its contract year (twelve months from the start; a short last year bills its own peak).
    - Concurrent with a ``concurrent_cap``: the cap is bought up front and billed every month.
    - Logged-in hours are rounded up to a whole hour once per month.
    - Billable units never fall below ``committed_units``.
    - ``one_time_cost`` is added in month 1 as its own line.

    The arithmetic is exact: rates are scaled to integers once per contract year, so each line is
    integer arithmetic followed by one rounding (same result as the ``Decimal`` formula, faster).
    """
    counted = _count_all(plan.rule, staffing)
    billed: list[int]
    if plan.rule is CountingRule.LOGGED_IN_HOURS:
        billed = [int(ceil_units(hours)) for hours in counted]
    else:
        billed = list(counted)  # type: ignore[arg-type]  # agents are ints
    if plan.rule is CountingRule.NAMED_SEAT and not plan.seats_reducible:
        for start in range(0, len(billed), 12):
            year = billed[start : start + 12]
            billed[start : start + 12] = [max(year)] * len(year)
    elif plan.rule is CountingRule.CONCURRENT and plan.concurrent_cap is not None:
        billed = [plan.concurrent_cap] * len(billed)
    committed = plan.committed_units
    billed = [max(units, committed) for units in billed]
    rates: list[Decimal] = []
    cents: list[int] = []
    for start in range(0, len(billed), 12):
        terms = _YearTerms.of(plan, start // 12)
        year = billed[start : start + 12]
        # Charges are never negative (rates >= 0, units >= committed), so rounding half away
        # from zero is (2 x charge x 100 + scale) // (2 x scale).
        cents += [
            (
                max(terms.minimum, terms.floor + (units - committed) * terms.overage) * 200
                + terms.scale
            )
            // (2 * terms.scale)
            for units in year
        ]
        rates += [terms.rate] * len(year)
    one_time = [0] * len(billed)
    one_time[0] = to_cents(plan.one_time_cost)
    return list(map(PlanMonth._make, zip(counted, billed, rates, cents, one_time, strict=True)))


def _count_all(rule: CountingRule, staffing: list[MonthStaffing]) -> list[int] | list[Decimal]:
    """:func:`counted_units` for every month, in one pass."""
    if rule is CountingRule.NAMED_SEAT:
        return [month.provisioned for month in staffing]
    if rule is CountingRule.ACTIVE_USER:
        return [month.active for month in staffing]
    if rule is CountingRule.CONCURRENT:
        return [month.peak_concurrent for month in staffing]
    return [counted_units(rule, month) for month in staffing]  # type: ignore[misc]


class _YearTerms(NamedTuple):
    """A plan's prices for one contract year as integers over a common ``scale``."""

    rate: Decimal  # [currency/unit], exact
    scale: int  # amounts below are [currency / scale]
    rate_scaled: int
    overage: int
    floor: int  # committed units x rate
    minimum: int

    @classmethod
    def of(cls, plan: Plan, year: int) -> _YearTerms:
        rate = escalated_rate(plan.rate, plan.escalator, year)
        overage = escalated_rate(plan.effective_overage_rate, plan.escalator, year)
        minimum = plan.minimum_monthly_charge
        places = max(decimal_places(rate), decimal_places(overage), decimal_places(minimum))
        rate_scaled, overage_scaled, minimum_scaled = (
            scale_decimal(value, places)[0] for value in (rate, overage, minimum)
        )
        return cls(
            rate,
            10**places,
            rate_scaled,
            overage_scaled,
            plan.committed_units * rate_scaled,
            minimum_scaled,
        )


def decimal_places(value: Decimal) -> int:
    """Digits after the decimal point of a finite ``Decimal`` (0 for integers)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def scale_decimal(value: Decimal, places: int | None = None) -> tuple[int, int]:
    """``value`` as an exact ``(integer, scale)`` pair, ``value == integer / scale``.

    ``scale`` is ``10 ** places``; by default ``places`` is the value's own decimal places.
    """
    places = decimal_places(value) if places is None else places
    if value.adjusted() + places < 27:  # fits the default 28-digit context: already exact
        return int(value.scaleb(places)), 10**places
    with localcontext(prec=EXACT_DIGITS):
        return int(value.scaleb(places)), 10**places


def round_scaled(amount: int, scale: int) -> int:
    """``amount / scale`` [currency] to whole cents, half away from zero, in integers only."""
    magnitude = (abs(amount) * 200 + scale) // (2 * scale)
    return magnitude if amount >= 0 else -magnitude
