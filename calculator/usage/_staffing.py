"""A log analysis as the calculator's staffing curve."""

from __future__ import annotations

from decimal import Decimal

from calculator._errors import CalculatorError
from calculator._models import MAX_AGENTS, MAX_MONTHS, MonthStaffing, hours_in_month
from calculator.usage._result import UsageResult


def usage_to_staffing(result: UsageResult) -> tuple[str, list[MonthStaffing]]:
    """Start month and one :class:`MonthStaffing` per reported month.

    Provisioned comes from the roster; without one it equals active (every agent who logged in
    holds an account). Logged-in hours are capped at active x the month's wall-clock hours: only
    a month with a daylight-saving fall-back hour can exceed it, by at most that hour.
    """
    months = result.months
    if not months:
        raise CalculatorError("the log has no usable sessions, so there is no staffing curve")
    if len(months) > MAX_MONTHS:
        raise CalculatorError(
            f"the log covers {len(months)} months ({months[0].month} to {months[-1].month}); a "
            f"scenario holds at most {MAX_MONTHS}: choose a shorter month range"
        )
    staffing = []
    for month in months:
        provisioned = month.active if month.provisioned is None else month.provisioned
        if provisioned > MAX_AGENTS:
            raise CalculatorError(
                f"{month.month}: {provisioned:,} accounts is more than the calculator's "
                f"{MAX_AGENTS:,}"
            )
        ceiling = Decimal(month.active * hours_in_month(month.month))
        staffing.append(
            MonthStaffing(
                provisioned=provisioned,
                active=month.active,
                peak_concurrent=month.peak_concurrent,
                logged_in_hours=min(month.logged_in_hours, ceiling),
            )
        )
    return months[0].month, staffing
