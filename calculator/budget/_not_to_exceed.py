"""Not-to-exceed: the most a plan could cost under its contract, month by month.

The plan is priced with the same :func:`calculator.price_plan` on a worst-case staffing curve in
which every provisioned account is used to the full: it logs in every month (active users), at the
same instant (peak concurrency) and stays logged in around the clock (logged-in hours). So:

- named seat: unchanged, the provisioned (or contract-year peak, or committed) seats;
- concurrent with a purchased cap: unchanged, the cap; without one, every provisioned account;
- active user: every provisioned account;
- logged-in hours: every provisioned account for every hour of the month (the contract sets no
  lower ceiling);
- commitments, minimum charges, escalator and one-time costs apply as planned.

Charges never fall when units rise, and the worst-case curve counts at least the planned units in
every month, so the not-to-exceed figure is never below the planned cost.

Method: ``docs/budget.md#not-to-exceed``.
"""

from __future__ import annotations

from decimal import Decimal

from calculator._models import MonthStaffing, Plan, hours_in_month, month_labels
from calculator._pricing import PlanMonth, price_plan


def worst_case_staffing(start_month: str, staffing: list[MonthStaffing]) -> list[MonthStaffing]:
    """Every provisioned account active, concurrent and logged in all month, month by month."""
    labels = month_labels(start_month, len(staffing))
    return [
        MonthStaffing(
            provisioned=month.provisioned,
            active=month.provisioned,
            peak_concurrent=month.provisioned,
            logged_in_hours=Decimal(month.provisioned * hours_in_month(label)),
        )
        for label, month in zip(labels, staffing, strict=True)
    ]


def not_to_exceed_lines(
    plan: Plan, start_month: str, staffing: list[MonthStaffing]
) -> list[PlanMonth]:
    """``plan`` priced on :func:`worst_case_staffing`: the most each month could cost [cents]."""
    return price_plan(plan, worst_case_staffing(start_month, staffing))
