"""A log analysis as the calculator's staffing curve, with the seats paid for stated, not guessed.

A login log shows who logged in, never how many seats are paid for. Setting provisioned seats
equal to the agents who logged in would hide exactly the unused seats the calculator is meant to
find (the volume effect of a switch would be zero). So provisioned seats come from a roster, or
from the number of seats the customer says they pay for today; without either there is no curve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from calculator._errors import CalculatorError, quote_value
from calculator._models import MAX_AGENTS, MAX_MONTHS, MonthStaffing, hours_in_month
from calculator._money import format_percent
from calculator._words import counted
from calculator.usage._cycle import BillingCycle
from calculator.usage._result import MonthCoverage, UsageMonth, UsageResult

PAID_SEATS_LABEL = "seats you pay for today"
MAX_PAID_SEATS = MAX_AGENTS
"""Most seats a staffing curve holds [seats]."""


@dataclass(frozen=True)
class StaffingHandover:
    """The staffing curve a log gives, and what was assumed to build it, in plain words."""

    start_month: str
    """First month of the curve, YYYY-MM [month]."""
    staffing: list[MonthStaffing]
    """One entry per reported month [months]."""
    assumption: str
    """Where the provisioned seats come from, one or two sentences [text]."""


def check_paid_seats(value: object) -> int:
    """``value`` as a number of seats, or a :class:`CalculatorError` that names the rule."""
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    finite = number and (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value))
    if not finite or not 1 <= value <= MAX_AGENTS or value != int(value):
        raise CalculatorError(
            f"{PAID_SEATS_LABEL}: must be a whole number from 1 to {MAX_AGENTS:,} "
            f"(got {quote_value(value)})"
        )
    return int(value)


def usage_to_staffing(
    result: UsageResult,
    paid_seats: int | None = None,
    *,
    keep_partly_covered: bool = False,
    genesys_billing: bool = False,
) -> StaffingHandover:
    """Start month, one :class:`MonthStaffing` per reported month, and the assumption made.

    Peak concurrent agents and logged-in hours are the months' figures as counted (the highest
    instant, or the peak held for the options' minimum; hours exact), or with
    ``genesys_billing`` what Genesys Cloud bills (:attr:`UsageMonth.genesys_concurrent`: peaks
    held under 30 minutes ignored; :attr:`UsageMonth.genesys_hours`: hours rounded up to a whole
    hour; each group billed and added). The concurrency is at most the month's active agents, as
    a staffing curve requires: an agent who moves between groups is billed in each, and the
    assumption names a month so capped.

    A first or last month the log covers less than half of (:attr:`UsageResult.partly_covered`,
    :func:`partly_covered_left_out`) is left out, and the assumption says so, unless
    ``keep_partly_covered`` or no other month is left: a few hours of April in a March log would
    read as a month with a handful of agents.

    Provisioned seats per month, first rule that applies:

    1. a roster was given: the accounts it lists as provisioned at any moment of the month, plus
       agents who logged in without a roster entry (``paid_seats`` is then not used);
    2. ``paid_seats`` (how many seats are paid for today): the same in every month, raised to the
       agents who logged in for a month where more did (nobody logs in without a seat);
    3. neither: :class:`CalculatorError` asking for the seats paid for.

    Logged-in hours are capped at active x the month's wall-clock hours: only a month with a
    daylight-saving fall-back hour can exceed it, by at most that hour.
    """
    months = result.months
    if not months:
        raise CalculatorError("the log has no usable sessions, so there is no staffing curve")
    left_out = [] if keep_partly_covered else partly_covered_left_out(result)
    dropped = {month.month for month in left_out}
    months = [month for month in months if month.month not in dropped]
    if len(months) > MAX_MONTHS:
        raise CalculatorError(
            f"the log covers {len(months)} months ({months[0].month} to {months[-1].month}); a "
            f"scenario holds at most {MAX_MONTHS}: choose a shorter month range"
        )
    with_roster = all(month.provisioned is not None for month in months)
    if not with_roster and paid_seats is None:
        raise CalculatorError(
            f"{PAID_SEATS_LABEL}: needed without a roster, because a login log shows who logged "
            "in but not how many seats are paid for"
        )
    seats = None if with_roster else check_paid_seats(paid_seats)
    staffing = []
    above_active: list[UsageMonth] = []
    for month in months:
        concurrent, hours = month.peak_concurrent, month.logged_in_hours
        if genesys_billing:
            if month.genesys_concurrent is None or month.genesys_hours is None:
                raise CalculatorError(
                    f"{month.month}: the log's Genesys Cloud billing figures were not counted"
                )
            concurrent = min(month.genesys_concurrent, month.active)
            hours = Decimal(month.genesys_hours)
            if month.genesys_concurrent > month.active:
                above_active.append(month)
        provisioned = month.provisioned if seats is None else max(seats, month.active)
        assert provisioned is not None
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
                peak_concurrent=concurrent,
                logged_in_hours=min(hours, ceiling),
            )
        )
    assumption = (
        _roster_assumption(result) if seats is None else _seats_assumption(seats, months)
    ) + "".join(
        f" {month.month} is left out: the log covers {format_percent(month.covered)} of it."
        for month in left_out
    )
    if genesys_billing:
        assumption += (
            " Peak concurrent agents and logged-in hours are what Genesys Cloud bills: peaks "
            "held under 30 minutes in total ignored, hours rounded up to a whole hour, each "
            "group billed and added."
        ) + "".join(
            f" {month.month}: Genesys Cloud bills {month.genesys_concurrent:,} concurrent users "
            f"across groups, more than the {counted(month.active, 'agent')} active (an agent who moved "
            f"between groups counts in each); the curve holds {month.active:,}."
            for month in above_active
        )
    return StaffingHandover(months[0].month, staffing, assumption)


def partly_covered_note(result: UsageResult) -> str | None:
    """The partly covered months in words, and what is done about them; None without any.

    ``"The log covers only part of 2024-04 (0.3 %): its figures count only that part. ..."``
    """
    partly = result.partly_covered
    if not partly:
        return None
    named = " and ".join(f"{month.month} ({format_percent(month.covered)})" for month in partly)
    one = len(partly) == 1
    text = (
        f"The log covers only part of {named}: {'its' if one else 'their'} figures count only "
        "that part."
    )
    if partly_covered_left_out(result):
        text += (
            " A month covered less than half is left out of the staffing curve unless you keep it."
        )
        cycle = BillingCycle.of(result.options)
        if cycle.calendar:
            text += (
                " A few hours past a month's end often come from time zones: the log's times "
                "are counted in the billing time zone's months, so a log exported in another "
                "zone's calendar months spills into the next; choose that zone as the billing "
                "time zone."
            )
        else:
            text += (
                f" Billing months here run {cycle.describe()}: a log exported for calendar "
                "months covers only part of its first and last; export it from the start of a "
                "billing month to the end of one to count them whole."
            )
    return text


def empty_months_note(result: UsageResult) -> str | None:
    """Months between the first and the last with no login at all, in words; None without any.

    Several files of different months read together leave a month none of them covers: its
    figures are 0, and as a staffing curve it would be a month with no agent. A contact center
    closed for a month is rare, a missing export is not, so it is said.
    """
    empty = [month.month for month in result.months if month.active == 0]
    if not empty:
        return None
    named = " and ".join(empty[:3]) + (f" and {len(empty) - 3:,} more" if len(empty) > 3 else "")
    one = len(empty) == 1
    return (
        f"Nobody logged in during {named}, between months with logins: if no file covers "
        f"{'that month' if one else 'those months'}, add {'its' if one else 'their'} export. "
        f"As they stand, {'its' if one else 'their'} figures are 0 and the staffing curve would "
        f"have no agent in {'it' if one else 'them'}."
    )


LEAVE_OUT_BELOW = Decimal("0.5")
"""A first or last month the log covers less of [1] is left out of the staffing curve."""


def partly_covered_left_out(result: UsageResult) -> list[MonthCoverage]:
    """The months :func:`usage_to_staffing` leaves out unless told to keep them: the first and
    last the log covers less than half of, unless that would leave no month."""
    barely = [month for month in result.partly_covered if month.covered < LEAVE_OUT_BELOW]
    return barely if len(barely) < len(result.months) else []


def _roster_assumption(result: UsageResult) -> str:
    text = (
        "Provisioned seats in each month are the roster's accounts that existed at any moment "
        "of that month"
    )
    unknown = result.roster.unknown_agents if result.roster is not None else 0
    if unknown:
        text += f", plus {counted(unknown, 'agent')} who logged in without a roster entry"
    return text + "."


def _seats_assumption(seats: int, months: list[UsageMonth]) -> str:
    when = (
        f"in {months[0].month}"
        if len(months) == 1
        else f"in every month from {months[0].month} to {months[-1].month}"
    )
    text = (
        f"You pay for {counted(seats, 'seat')} today; that number is used as the provisioned "
        f"seats {when}"
    )
    over = [month for month in months if month.active > seats]
    if not over:
        return text + "."
    most = max(month.active for month in over)
    which = ", ".join(month.month for month in over[:3]) + (" and others" if len(over) > 3 else "")
    return (
        f"{text}, except where more agents logged in than that ({which}, up to {most:,}): "
        "those months use the number who logged in."
    )
