"""Pricing one plan month by month: counting rule, contract terms, one rounding per line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculator._models import CountingRule, MonthStaffing, Plan
from calculator._money import ceil_units, to_cents


@dataclass(frozen=True, slots=True)
class PlanMonth:
    """One plan's bill for one month.

    ``counted_units`` is what the rule counts; ``billable_units`` is what the charge is computed on
    after the contract terms (contract-year peak, purchased cap, hours rounded up, commitment floor).
    """

    counted_units: Decimal  # [agents] or [h]
    billable_units: Decimal  # [agents] or [h]
    unit_rate: Decimal  # [currency/unit], after the escalator
    recurring_cents: int  # [cents]
    one_time_cents: int  # [cents]

    @property
    def cost_cents(self) -> int:
        return self.recurring_cents + self.one_time_cents


def counted_units(rule: CountingRule, month: MonthStaffing) -> Decimal:
    """What ``rule`` counts in ``month`` [agents] or [h] (hours are not yet rounded)."""
    if rule is CountingRule.NAMED_SEAT:
        return Decimal(month.provisioned)
    if rule is CountingRule.ACTIVE_USER:
        return Decimal(month.active)
    if rule is CountingRule.CONCURRENT:
        return Decimal(month.peak_concurrent)
    return month.logged_in_hours if month.logged_in_hours is not None else Decimal(0)


def escalated_rate(rate: Decimal, escalator: Decimal, contract_year: int) -> Decimal:
    """``rate * (1 + escalator) ** contract_year``, exact [currency/unit].

    ``contract_year`` is 0 for the first twelve months, 1 for the next twelve, and so on.
    """
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

    Notes
    -----
    - Named seat with ``seats_reducible=False``: each month bills the highest provisioned count of
      its contract year (twelve months from the start; a short last year bills its own peak).
    - Concurrent with a ``concurrent_cap``: the cap is bought up front and billed every month.
    - Logged-in hours are rounded up to a whole hour once per month.
    - Billable units never fall below ``committed_units``.
    - Each month's charge is rounded once to cents, half away from zero. ``one_time_cost`` is added
      in month 1 as its own line.
    """
    counted = [counted_units(plan.rule, month) for month in staffing]
    billed = list(counted)
    if plan.rule is CountingRule.NAMED_SEAT and not plan.seats_reducible:
        for start in range(0, len(billed), 12):
            peak = max(counted[start : start + 12])
            billed[start : start + 12] = [peak] * len(billed[start : start + 12])
    elif plan.rule is CountingRule.CONCURRENT and plan.concurrent_cap is not None:
        billed = [Decimal(plan.concurrent_cap)] * len(billed)
    elif plan.rule is CountingRule.LOGGED_IN_HOURS:
        billed = [ceil_units(hours) for hours in billed]
    committed = Decimal(plan.committed_units)
    one_time = to_cents(plan.one_time_cost)
    lines = []
    for index, (count, units) in enumerate(zip(counted, billed, strict=True)):
        units = max(units, committed)
        charge, rate = monthly_charge(plan, units, index // 12)
        lines.append(PlanMonth(count, units, rate, to_cents(charge), one_time if index == 0 else 0))
    return lines
