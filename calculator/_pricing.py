"""Pricing one plan month by month: its lines, counting rules, contract terms, one rounding per
line and month.

Method: ``docs/method.md#contract-terms`` and ``docs/contract-rules.md``.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal, localcontext
from functools import partial
from itertools import accumulate, pairwise
from typing import NamedTuple

from calculator._models import (
    CountingRule,
    MonthStaffing,
    Plan,
    PlanLine,
    SeatReduction,
    TierMode,
    _PricedLine,
)
from calculator._money import ceil_units, to_cents

EXACT_DIGITS = 120
_NO_HOURS = Decimal(0)  # a month without logged-in hours counts none [h]


class PlanMonth(NamedTuple):
    """One plan's (or one line's) bill for one month.

    ``counted_units`` is what the rule counts; ``billable_units`` is what the charge is computed on
    after the contract terms (seat-reduction rule, purchased cap, hours rounded up, commitment
    floor). For a plan of several lines both are the main line's, and the cents are the sums of
    the lines' cents. ``true_up_cents`` is the part of ``recurring_cents`` billed in arrears for
    usage above the commitment (see :class:`~calculator._models.TrueUp`).
    """

    counted_units: int | Decimal  # [agents] (int) or [h] (Decimal)
    billable_units: int  # [agents] or [h]
    unit_rate: Decimal  # [currency/unit], after the escalator and any term premium
    recurring_cents: int  # [cents]
    one_time_cents: int  # [cents]
    true_up_cents: int = 0  # [cents], included in recurring_cents

    @property
    def cost_cents(self) -> int:
        return self.recurring_cents + self.one_time_cents


_NEW_PLAN_MONTH = partial(tuple.__new__, PlanMonth)
"""``PlanMonth._make`` without its Python-level frame and length check, for rows built with
every field: a third of the cost of pricing a line's months went to ``_make``."""


class LineBill(NamedTuple):
    """One priced line of a plan, month by month; ``one_time_cents`` is 0 on every month."""

    name: str
    rule: CountingRule
    months: list[PlanMonth]


def counted_units(rule: CountingRule, month: MonthStaffing) -> int | Decimal:
    """What ``rule`` counts in ``month``: agents [agents], or hours not yet rounded [h]."""
    if rule is CountingRule.NAMED_SEAT:
        return month.provisioned
    if rule is CountingRule.ACTIVE_USER:
        return month.active
    if rule is CountingRule.CONCURRENT:
        return month.peak_concurrent
    return month.logged_in_hours if month.logged_in_hours is not None else _NO_HOURS


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


def line_rate(rate: Decimal, line: _PricedLine, contract_year: int) -> Decimal:
    """``rate`` escalated to ``contract_year`` and times ``1 + monthly_term_premium``, exact."""
    escalated = escalated_rate(rate, line.escalator, contract_year)
    if not line.monthly_term_premium:
        return escalated
    with localcontext(prec=EXACT_DIGITS):
        return escalated * (1 + line.monthly_term_premium)


def monthly_charge(plan: Plan, units: Decimal, contract_year: int) -> tuple[Decimal, Decimal]:
    """The exact (unrounded) charge of a single-line plan for ``units`` billable units, and the
    unit rate used.

    ``max(minimum, committed * rate + max(0, units - committed) * overage_rate)`` with both rates
    escalated to ``contract_year``. The minimum monthly charge is not escalated.
    """
    rate = line_rate(plan.rate, plan, contract_year)
    overage = line_rate(plan.effective_overage_rate, plan, contract_year)
    committed = Decimal(plan.committed_units)
    variable = committed * rate + max(Decimal(0), units - committed) * overage
    return max(plan.minimum_monthly_charge, variable), rate


def reduce_seats(units: list[int], rule: SeatReduction) -> list[int]:
    """Billable counts after the seat-reduction rule; contract years are runs of 12 months.

    >>> counts = [5, 9, 4, 7]
    >>> [reduce_seats(counts, rule) for rule in SeatReduction]
    [[5, 9, 4, 7], [5, 9, 9, 7], [5, 9, 9, 9], [9, 9, 9, 9]]
    """
    if rule is SeatReduction.MONTHLY:
        return list(units)
    if rule is SeatReduction.NEXT_MONTH:
        return units[:1] + [max(pair) for pair in pairwise(units)]
    billed: list[int] = []
    for start in range(0, len(units), 12):
        year = units[start : start + 12]
        if rule is SeatReduction.HIGH_WATER_MARK:
            billed += accumulate(year, max)
        else:
            billed += [max(year)] * len(year)
    return billed


def one_time_cents(plan: Plan, months: int) -> list[int]:
    """The one-time cost per month [cents]: all in month 1, or split evenly over
    ``one_time_months``, the odd cents going to the earliest of them, so the parts add up."""
    cents = [0] * months
    total = to_cents(plan.one_time_cost)
    chosen = [month for month in plan.one_time_months or [1] if month <= months]
    share, rest = divmod(total, len(chosen)) if chosen else (0, 0)
    for position, month in enumerate(chosen):
        cents[month - 1] = share + (1 if position < rest else 0)
    return cents


def price_plan_lines(plan: Plan, staffing: list[MonthStaffing]) -> list[LineBill]:
    """Bill each line of ``plan`` for every month of ``staffing``: the main line first.

    A plan's recurring charge in a month is the sum of its lines' charges, each rounded once.
    """
    bills = [LineBill(plan.name, plan.rule, price_line(plan, staffing, cap=plan.concurrent_cap))]
    for line in plan.lines:
        months = price_line(line, staffing)
        bills.append(LineBill(line.name, line.rule, months))
    return bills


def price_plan(plan: Plan, staffing: list[MonthStaffing]) -> list[PlanMonth]:
    """Bill ``plan`` for every month of ``staffing``.

    Each line's month is its charge rounded once to cents, half away from zero; a plan's month is
    the sum of its lines' cents, plus the one-time cost as its own column.

    Notes
    -----
    - ``seat_reduction`` (seat counts): ``monthly`` bills each month's count; ``next_month``
      max(this month, last month); ``high_water_mark`` the highest so far in the contract year;
      ``contract_year_peak`` the contract year's highest (a short last year its own peak).
    - Concurrent with a ``concurrent_cap``: the cap is bought up front and billed every month.
    - Logged-in hours are rounded up to a whole hour once per month.
    - Billable units never fall below ``committed_units``.
    - ``tiers``: volume (all units at the band the count falls in) or graduated (each slice at
      its band's rate).
    - ``true_up``: each month bills the commitment (or the minimum); units above it accrue and are
      billed at the overage rate x (1 + premium) in the last month of each period (or of the
      horizon). Pooled, the period's units are netted: months under the commitment offset
      months over it, and a period under it owes nothing.
    - ``one_time_cost`` is added in month 1, or split over ``one_time_months``, as its own column.

    The arithmetic is exact: rates are scaled to integers once per contract year, so each line is
    integer arithmetic followed by one rounding (same result as the ``Decimal`` formula, faster).
    """
    return combine_lines(plan, price_plan_lines(plan, staffing))


def combine_lines(plan: Plan, bills: list[LineBill]) -> list[PlanMonth]:
    """The plan's months from its lines' (see :func:`price_plan`): cents summed line by line,
    units and rate of the main line, the one-time cost added."""
    main = bills[0].months
    if len(bills) == 1 and not plan.one_time_cost:
        return list(main)
    one_time = one_time_cents(plan, len(main))
    if len(bills) == 1:
        return [
            month._replace(one_time_cents=cents) if cents else month
            for month, cents in zip(main, one_time, strict=True)
        ]
    recurring = map(
        sum, zip(*([m.recurring_cents for m in bill.months] for bill in bills), strict=False)
    )
    true_ups = map(
        sum, zip(*([m.true_up_cents for m in bill.months] for bill in bills), strict=False)
    )
    return [
        PlanMonth(month.counted_units, month.billable_units, month.unit_rate, cents, once, up)
        for month, cents, once, up in zip(main, recurring, one_time, true_ups, strict=True)
    ]


def price_line(
    line: _PricedLine, staffing: list[MonthStaffing], cap: int | None = None
) -> list[PlanMonth]:
    """One line's months: count, slice, seat rule, cap, floor, then one rounding per month.

    The line's ``quantity`` bills a fixed count; its ``above``/``up_to`` take a slice of the
    count; ``cap`` bills a purchased concurrent cap. The one-time cost is not included (see
    :func:`one_time_cents`).
    """
    counted, units = line_units(line, staffing)
    if cap is not None:
        units = [cap] * len(units)
    return bill_units(line, counted, units, line.committed_units)


def line_units(
    line: _PricedLine, staffing: list[MonthStaffing]
) -> tuple[list[int] | list[Decimal], list[int]]:
    """What ``line`` counts each month, and the whole units its seat-reduction rule bills (before
    any cap or commitment) [units]."""
    quantity, above, up_to = line.quantity, line.above, line.up_to
    counted: list[int] | list[Decimal]
    if quantity is not None:
        counted = [quantity] * len(staffing)
    else:
        counted = _count_all(line.rule, staffing)
        if isinstance(line, PlanLine) and line.share is not None:
            counted = share_of(counted, line.share)
        if above or up_to is not None:
            counted = [  # type: ignore[assignment]
                max(0, (units if up_to is None else min(units, up_to)) - above) for units in counted
            ]
    if line.rule is CountingRule.LOGGED_IN_HOURS:
        return counted, [
            units if isinstance(units, int) else ceil_units(units) for units in counted
        ]
    return counted, reduce_seats(counted, line.seat_reduction)  # type: ignore[arg-type]


def share_of(counted: list[int] | list[Decimal], share: Decimal) -> list[int] | list[Decimal]:
    """``share`` of each month's count: agents rounded up to whole agents (a share of agents
    holds a license level or not), hours kept exact (rounded up once a month, as every hour
    count is) [units].

    >>> share_of([70, 73, 0], Decimal("0.2"))
    [14, 15, 0]
    """
    numerator, denominator = scale_decimal(share)
    return [  # type: ignore[return-value]
        units * share if isinstance(units, Decimal) else -(-units * numerator // denominator)
        for units in counted
    ]


def bill_units(
    line: _PricedLine, counted: list[int] | list[Decimal], units: list[int], committed: int
) -> list[PlanMonth]:
    """Price ``units`` a month under ``line``'s rates and terms with ``committed`` units as the
    floor (the line's own, or a level being tried); one rounding per month."""
    billed = [max(count, committed) for count in units] if committed else list(units)
    years = _YearTerms.every_year(line, len(billed))
    cents, true_ups = charge_cents(line, billed, committed, years, unfloored=units)
    rates: list[Decimal] = []
    for start, terms in zip(range(0, len(billed), 12), years, strict=True):
        year = billed[start : start + 12]
        rates += (
            [terms.band_rate(units) for units in year] if terms.bands else [terms.rate] * len(year)
        )
    return list(
        map(
            _NEW_PLAN_MONTH,
            zip(counted, billed, rates, cents, [0] * len(billed), true_ups, strict=True),
        )
    )


def charge_cents(
    line: _PricedLine,
    billed: list[int],
    committed: int,
    years: list[_YearTerms] | None = None,
    *,
    unfloored: list[int] | None = None,
) -> tuple[list[int], list[int]]:
    """Each month's charge for ``billed`` units (already at least ``committed``) [cents], true-ups
    included, and the true-up part of each [cents]. ``years``: the line's terms for each contract
    year, when the caller already has them. ``unfloored``: the units before the commitment floor,
    which a pooled true-up nets against it (default ``billed``) [units].

    A true-up period owes ``sum((units - committed) x overage)`` over its months: with ``billed``
    units each term is at least 0; pooled, a month under the commitment offsets one over it, and
    a period owing less than nothing owes nothing.
    """
    if years is None:
        years = _YearTerms.every_year(line, len(billed))
    true_up = line.true_up
    owed_units = billed
    if true_up is not None and true_up.pooled and unfloored is not None:
        owed_units = unfloored
    cents: list[int] = []
    arrears: list[tuple[int, int]] = []  # overage owed per month, true-up: (amount, scale)
    for start in range(0, len(billed), 12):
        terms = years[start // 12]
        year = billed[start : start + 12]
        minimum, scale, twice = terms.minimum, terms.scale, 2 * terms.scale
        if true_up is None and not terms.bands and not minimum:
            # A plain line: its charge and the rounding below in one integer step, since
            # (committed x rate + (units - committed) x overage) x 200 + scale
            # = offset + units x (overage x 200).
            offset = (committed * (terms.rate_scaled - terms.overage)) * 200 + scale
            step = terms.overage * 200
            cents += [(offset + units * step) // twice for units in year]
            continue
        if terms.bands:
            amounts = [terms.tiered(units) for units in year]
        elif true_up is None:
            floor = committed * terms.rate_scaled
            amounts = [floor + (units - committed) * terms.overage for units in year]
        else:
            amounts = [committed * terms.rate_scaled] * len(year)
            arrears += [
                ((units - committed) * terms.overage, terms.scale)
                for units in owed_units[start : start + 12]
            ]
        # Charges are never negative (rates >= 0, units >= committed), so rounding half away
        # from zero is (2 x charge x 100 + scale) // (2 x scale).
        if minimum:
            amounts = [max(minimum, amount) for amount in amounts]
        cents += [(amount * 200 + scale) // twice for amount in amounts]
    true_ups = [0] * len(billed)
    if true_up is not None:
        # Each period's owed amount, exact over the period's largest scale, times 1 + premium,
        # rounded once.
        premium, premium_scale = scale_decimal(true_up.premium)
        period = true_up.period_months
        for start in range(0, len(billed), period):
            owed = arrears[start : start + period]
            scale = max(month_scale for _, month_scale in owed)
            amount = max(0, sum(value * (scale // month_scale) for value, month_scale in owed))
            last = start + len(owed) - 1
            true_ups[last] = round_scaled(amount * (premium_scale + premium), scale * premium_scale)
            cents[last] += true_ups[last]
    return cents, true_ups


def _count_all(rule: CountingRule, staffing: list[MonthStaffing]) -> list[int] | list[Decimal]:
    """:func:`counted_units` for every month, in one pass."""
    if rule is CountingRule.NAMED_SEAT:
        return [month.provisioned for month in staffing]
    if rule is CountingRule.ACTIVE_USER:
        return [month.active for month in staffing]
    if rule is CountingRule.CONCURRENT:
        return [month.peak_concurrent for month in staffing]
    return [  # counted_units() inlined: one call per month cost more than the count
        _NO_HOURS if month.logged_in_hours is None else month.logged_in_hours for month in staffing
    ]


class _YearTerms(NamedTuple):
    """A line's prices for one contract year as integers over a common ``scale``."""

    rate: Decimal  # [currency/unit], exact
    scale: int  # amounts below are [currency / scale]
    rate_scaled: int
    overage: int
    minimum: int
    bands: tuple[tuple[int | None, int, Decimal], ...]  # (up_to, scaled rate, exact rate)
    graduated: bool
    bounds: tuple[int, ...]  # every band's up_to but the last's
    below: tuple[int, ...]  # graduated charge for the units below each band [currency / scale]

    @classmethod
    def every_year(cls, line: _PricedLine, months: int) -> list[_YearTerms]:
        """:meth:`compute` for each contract year of ``months`` months, cached: every rerun and
        every commitment level asks again.

        Keyed by the terms as written (``str``), since ``Decimal("100") == Decimal("100.00")``
        but the rate shown keeps its digits; the key is built once for all the years.
        """
        terms = (
            str(line.rate),
            str(line.overage_rate),
            str(line.minimum_monthly_charge),
            str(line.escalator),
            str(line.monthly_term_premium),
            tuple((tier.up_to, str(tier.rate)) for tier in line.tiers or ()),
            line.tier_mode,
        )
        years = []
        for year in range((months + 11) // 12):
            key = (*terms, year)
            cached = _TERMS_CACHE.get(key)
            if cached is None:
                if len(_TERMS_CACHE) >= _TERMS_CACHE_SIZE:
                    _TERMS_CACHE.clear()
                cached = _TERMS_CACHE[key] = cls.compute(line, year)
            years.append(cached)
        return years

    @classmethod
    def compute(cls, line: _PricedLine, year: int) -> _YearTerms:
        rate = line_rate(line.rate, line, year)
        overage = line_rate(line.effective_overage_rate, line, year)
        band_rates = [line_rate(tier.rate, line, year) for tier in line.tiers or ()]
        minimum = line.minimum_monthly_charge
        places = max(map(decimal_places, (rate, overage, minimum, *band_rates)))
        rate_scaled, overage_scaled, minimum_scaled = (
            scale_decimal(value, places)[0] for value in (rate, overage, minimum)
        )
        bands = tuple(
            (tier.up_to, scale_decimal(exact, places)[0], exact)
            for tier, exact in zip(line.tiers or (), band_rates, strict=True)
        )
        bounds = tuple(up_to for up_to, _, _ in bands[:-1] if up_to is not None)
        below = [0]
        for (_, band_rate, _), lower, upper in zip(bands, (0, *bounds), bounds, strict=False):
            below.append(below[-1] + (upper - lower) * band_rate)
        return cls(
            rate,
            10**places,
            rate_scaled,
            overage_scaled,
            minimum_scaled,
            bands,
            line.tier_mode is TierMode.GRADUATED,
            bounds,
            tuple(below),
        )

    def _index(self, units: int) -> int:
        """Which band ``units`` falls in: the first whose ``up_to`` is at least ``units``."""
        return bisect_left(self.bounds, units)

    def band_rate(self, units: int) -> Decimal:
        """The exact rate of the band ``units`` falls in [currency/unit]."""
        return self.bands[self._index(units)][2]

    def tiered(self, units: int) -> int:
        """Charge for ``units`` over the bands [currency / scale]."""
        index = self._index(units)
        rate = self.bands[index][1]
        if not self.graduated:
            return units * rate
        lower = self.bounds[index - 1] if index else 0
        return self.below[index] + (units - lower) * rate


_TERMS_CACHE: dict[tuple[object, ...], _YearTerms] = {}
_TERMS_CACHE_SIZE = 1024


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
