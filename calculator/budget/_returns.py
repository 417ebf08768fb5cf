"""Payback, ROI and NPV of switching from the baseline to another plan.

All three are computed from the monthly net savings ``s[m] = baseline cost[m] - plan cost[m]``
[cents] of :func:`calculator.compare`, which include both plans' one-time costs in month 1.

Method: ``docs/budget.md#returns``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from itertools import accumulate

from calculator._money import to_cents

_PRECISION = 40  # digits; NPV is rounded to cents once, at the end


def monthly_rate(annual_rate: Decimal) -> Decimal:
    """The monthly rate equivalent to ``annual_rate`` [1/year]: ``(1 + annual) ** (1/12) - 1``.

    Compounding it twelve times gives the annual rate back [1/month].
    """
    with localcontext(prec=_PRECISION):
        return (1 + annual_rate) ** (Decimal(1) / 12) - 1


def payback_month(net_savings: Sequence[int]) -> int | None:
    """The first month [1-based] from which cumulative net savings stay >= 0 to the horizon's end.

    Notes
    -----
    ``k`` is the payback month when ``sum(s[1..j]) >= 0`` for every ``j >= k`` (and ``k = 1``
    when cumulative savings are never negative). ``None`` when cumulative savings are negative at
    the end of the horizon: the switch does not pay back within it. A plan that dips below zero
    again after first reaching it pays back only after its last dip.

    >>> payback_month([-300, 100, 100, 100, 50])
    4
    >>> payback_month([100, -50])
    1
    >>> payback_month([-300, 100]) is None
    True
    """
    cumulative = list(accumulate(net_savings))
    if not cumulative or cumulative[-1] < 0:
        return None
    last_negative = max((i for i, value in enumerate(cumulative) if value < 0), default=-1)
    return last_negative + 2


def discounted_payback_month(net_savings: Sequence[int], annual_rate: Decimal) -> int | None:
    """Like :func:`payback_month`, on savings discounted as in :func:`npv_cents` [1-based month]."""
    factors = _discount_factors(len(net_savings), annual_rate)
    with localcontext(prec=_PRECISION):
        discounted = [Decimal(s) * f for s, f in zip(net_savings, factors, strict=True)]
        cumulative = list(accumulate(discounted))
    if not cumulative or cumulative[-1] < 0:
        return None
    last_negative = max((i for i, value in enumerate(cumulative) if value < 0), default=-1)
    return last_negative + 2


def npv_cents(net_savings: Sequence[int], annual_rate: Decimal) -> int:
    """Net present value [cents] of monthly net savings [cents] at an annual discount rate.

    Notes
    -----
    ``NPV = sum(s[m] / (1 + r) ** (m - 1) for m = 1..N)`` with the monthly rate
    ``r = (1 + annual_rate) ** (1/12) - 1``: month 1 (which carries the one-time costs) is not
    discounted, month 13 is discounted by exactly one year. This is
    ``numpy_financial.npv(r, s)``, computed here in 40-digit decimals and rounded once to cents,
    half away from zero.
    """
    factors = _discount_factors(len(net_savings), annual_rate)
    with localcontext(prec=_PRECISION):
        total = sum((Decimal(s) * f for s, f in zip(net_savings, factors, strict=True)), Decimal(0))
    return to_cents(total / 100)


def roi(net_savings_cents: int, one_time_cents: int) -> Decimal | None:
    """Return on the switch [1]: total net savings / the plan's total one-time cost.

    Net savings already have the one-time cost subtracted, so 0 means the savings just repaid the
    one-time cost and 1 (100 %) means they repaid it and as much again. ``None`` when the plan has
    no one-time cost (the ratio is undefined).

    >>> roi(1_500_000, 1_000_000)
    Decimal('1.5')
    """
    if one_time_cents == 0:
        return None
    with localcontext(prec=_PRECISION):
        return Decimal(net_savings_cents) / Decimal(one_time_cents)


def _discount_factors(count: int, annual_rate: Decimal) -> list[Decimal]:
    with localcontext(prec=_PRECISION):
        factor = 1 / (1 + monthly_rate(annual_rate))
        return [factor**month for month in range(count)]
