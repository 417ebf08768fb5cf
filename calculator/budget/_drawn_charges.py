"""A plan's monthly charges for many draws at once: the pricing of ``calculator._pricing`` on numpy
arrays (floats, one row per draw, one column per month), every contract term included.

Each line of a plan is counted, sliced (``quantity``, ``share``, ``above``/``up_to``), reduced by its
seat-reduction rule (or rounded up to whole hours), capped (a purchased concurrent cap), floored at
its commitment, and charged by its rate bands, or by its commitment and overage rate, with any
true-up billed in arrears at the last month of each period. Rates are escalated per contract year
and include the month-to-month premium, as in :func:`calculator._pricing.line_rate`. A drawn rate
factor multiplies every rate of the plan (main line, bands, extra lines, true-ups), never the
minimum charge.

The results are float charges before the one rounding per line and month, used for the change a
draw makes; the exact planned cost comes from ``compare``. Method: ``docs/budget.md#uncertainty``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from calculator._models import (
    CountingRule,
    MonthStaffing,
    Plan,
    PlanLine,
    SeatReduction,
    TierMode,
    hours_in_month,
)
from calculator._models import _PricedLine as PricedLine
from calculator._pricing import line_rate, scale_decimal

_YEAR = 12  # months in a contract year


@dataclass(frozen=True, slots=True)
class Staffing:
    """Planned staffing as float rows of shape (1, months) [agents] and [h]."""

    provisioned: np.ndarray
    active: np.ndarray
    concurrent: np.ndarray
    hours: np.ndarray
    hours_in_month: np.ndarray

    @classmethod
    def of(cls, months: list[str], staffing: list[MonthStaffing]) -> Staffing:
        def row(values: list[float]) -> np.ndarray:
            return np.array(values, dtype=float)[None, :]

        return cls(
            provisioned=row([m.provisioned for m in staffing]),
            active=row([m.active for m in staffing]),
            concurrent=row([m.peak_concurrent for m in staffing]),
            hours=row(
                [0.0 if m.logged_in_hours is None else float(m.logged_in_hours) for m in staffing]
            ),
            hours_in_month=row([hours_in_month(label) for label in months]),
        )


class Units:
    """What each rule counts per draw (rows) and month [agents] or [h], drawn from the plan.

    ``active_factor`` and ``concurrent_factor`` are columns of ``1 + change``:
    ``A' = min(P, round(A x f_a))`` (half up), ``C' = min(A', round(C x f_c))`` and
    ``H' = min(A' x hours in the month, H x f_a)``; provisioned accounts stay as planned.
    Computed on first use only. With factors of exactly 1.0 these are the planned units, bit for
    bit.
    """

    def __init__(
        self, staffing: Staffing, active_factor: np.ndarray, concurrent_factor: np.ndarray
    ) -> None:
        self._staffing = staffing
        self._active_factor = active_factor
        self._concurrent_factor = concurrent_factor

    @classmethod
    def planned(cls, staffing: Staffing) -> Units:
        return cls(staffing, np.ones((1, 1)), np.ones((1, 1)))

    @property
    def provisioned(self) -> np.ndarray:
        return self._staffing.provisioned

    @cached_property
    def active(self) -> np.ndarray:
        staffing = self._staffing
        return np.minimum(
            staffing.provisioned, np.floor(staffing.active * self._active_factor + 0.5)
        )

    @cached_property
    def concurrent(self) -> np.ndarray:
        scaled = self._staffing.concurrent * self._concurrent_factor
        return np.minimum(self.active, np.floor(scaled + 0.5))

    @cached_property
    def hours(self) -> np.ndarray:
        staffing = self._staffing
        return np.minimum(
            self.active * staffing.hours_in_month, staffing.hours * self._active_factor
        )

    def counted(self, rule: CountingRule) -> np.ndarray:
        """What ``rule`` counts [agents] or [h, not rounded]."""
        if rule is CountingRule.NAMED_SEAT:
            return self.provisioned
        if rule is CountingRule.ACTIVE_USER:
            return self.active
        if rule is CountingRule.CONCURRENT:
            return self.concurrent
        return self.hours


def _monthly(months: int, by_year: list[float]) -> np.ndarray:
    """One value per contract year, repeated for each of its months (shape (months,))."""
    return np.repeat(np.array(by_year, dtype=float), _YEAR)[:months]


@dataclass(frozen=True, slots=True)
class _Bands:
    """A line's rate bands as arrays: ``bounds`` every band's up_to but the last's [units];
    ``rates`` and ``below`` (the graduated charge for the units under each band) per month and
    band, flattened month by month [currency/unit], [currency]; ``lower`` each band's first
    unit minus one [units]."""

    bounds: np.ndarray
    rates: np.ndarray
    below: np.ndarray
    lower: np.ndarray
    offsets: np.ndarray  # each month's first index into the flattened arrays
    graduated: bool

    @classmethod
    def of(cls, line: PricedLine, months: int) -> _Bands:
        tiers = line.tiers or []
        bounds = [tier.up_to for tier in tiers[:-1] if tier.up_to is not None]
        lower = np.array([0, *bounds], dtype=float)
        widths = np.diff(np.array([*lower, 0.0]))[:-1]  # units in each band but the last
        by_year = []
        for year in range((months + _YEAR - 1) // _YEAR):
            by_year.append([float(line_rate(tier.rate, line, year)) for tier in tiers])
        rates = np.repeat(np.array(by_year, dtype=float), _YEAR, axis=0)[:months]
        below = np.zeros_like(rates)
        below[:, 1:] = np.cumsum(rates[:, :-1] * widths, axis=1)
        return cls(
            bounds=np.array(bounds, dtype=float),
            rates=rates.ravel(),
            below=below.ravel(),
            lower=lower,
            offsets=np.arange(months) * len(tiers),
            graduated=line.tier_mode is TierMode.GRADUATED,
        )

    def charge(self, billed: np.ndarray) -> np.ndarray:
        """The charge of ``billed`` units over the bands [currency]: volume prices every unit at
        the band the count falls in (the first whose up_to is at least the count), graduated
        prices each slice at its own band's rate."""
        band = np.searchsorted(self.bounds, billed, side="left")
        flat = band + self.offsets
        if not self.graduated:
            return billed * self.rates[flat]
        return self.below[flat] + (billed - self.lower[band]) * self.rates[flat]


class LineCharges:
    """One line's charges per draw and month [currency, float], before the one rounding."""

    def __init__(
        self, line: PricedLine, staffing: Staffing, months: int, cap: int | None = None
    ) -> None:
        self._line = line
        self._months = months
        self._cap = cap
        self.committed = float(line.committed_units)
        self.minimum = float(line.minimum_monthly_charge)
        years = range((months + _YEAR - 1) // _YEAR)
        self.rate = _monthly(months, [float(line_rate(line.rate, line, y)) for y in years])
        self.overage = _monthly(
            months, [float(line_rate(line.effective_overage_rate, line, y)) for y in years]
        )
        self.bands = _Bands.of(line, months) if line.tiers else None
        share = line.share if isinstance(line, PlanLine) else None
        self._share = None if share is None else tuple(map(float, scale_decimal(share)))
        self.depends_on_draws = (
            line.quantity is None and cap is None and line.rule is not CountingRule.NAMED_SEAT
        )
        # Lines whose units no draw changes are charged once; a draw only scales their rates.
        self._fixed = None if self.depends_on_draws else self._amounts(Units.planned(staffing))

    def unfloored(self, units: Units) -> np.ndarray:
        """Units per draw and month before the commitment floor: count, slice, seat rule or
        whole hours, cap [units]."""
        line = self._line
        if self._cap is not None:
            billed = np.full((1, self._months), float(self._cap))
        elif line.quantity is not None:
            billed = np.full((1, self._months), float(line.quantity))
        else:
            billed = units.counted(line.rule)
            if self._share is not None:
                # An exact product over an exact power of ten: 70 x 0.2 is 14, not
                # 14.000000000000002 rounded up to 15 agents.
                numerator, denominator = self._share
                billed = billed * numerator / denominator
                if line.rule is not CountingRule.LOGGED_IN_HOURS:
                    billed = np.ceil(billed)
            if line.above or line.up_to is not None:
                upper = billed if line.up_to is None else np.minimum(billed, line.up_to)
                billed = np.maximum(0.0, upper - line.above)
            if line.rule is CountingRule.LOGGED_IN_HOURS:
                billed = np.ceil(billed)
            else:
                billed = _reduce_seats(billed, line.seat_reduction)
        return billed

    def _amounts(self, units: Units) -> tuple[np.ndarray, np.ndarray | None]:
        """The monthly amount and the true-up billed at each period's last month, at today's
        rates, before the minimum charge [currency]. A pooled true-up nets each period's months
        under the commitment against those over it, and owes nothing below zero."""
        unfloored = self.unfloored(units)
        billed = np.maximum(unfloored, self.committed) if self.committed else unfloored
        if self.bands is not None:
            return self.bands.charge(billed), None
        true_up = self._line.true_up
        if true_up is None:
            return self.committed * self.rate + (billed - self.committed) * self.overage, None
        monthly = np.broadcast_to(self.committed * self.rate, (1, self._months))
        owed = ((unfloored if true_up.pooled else billed) - self.committed) * self.overage
        # Each period is summed from each row's own months (`reduceat` adds a row's segment by
        # itself), whatever the number of rows, so a draw's amount does not depend on its block.
        starts = np.arange(0, self._months, true_up.period_months)
        ends = np.minimum(starts + true_up.period_months, self._months)
        arrears = np.zeros_like(owed)
        arrears[:, ends - 1] = np.maximum(0.0, np.add.reduceat(owed, starts, axis=1)) * (
            1.0 + float(true_up.premium)
        )
        return monthly, arrears

    def charges(self, units: Units, rate_factor: np.ndarray) -> np.ndarray:
        """``max(minimum, amount x rate factor)`` plus any true-up x rate factor [currency]."""
        monthly, arrears = self._amounts(units) if self._fixed is None else self._fixed
        charged = monthly * rate_factor
        if self.minimum:
            charged = np.maximum(self.minimum, charged)
        return charged if arrears is None else charged + arrears * rate_factor


def _reduce_seats(units: np.ndarray, rule: SeatReduction) -> np.ndarray:
    """:func:`calculator._pricing.reduce_seats` on every row; contract years are runs of 12."""
    if rule is SeatReduction.MONTHLY:
        return units
    billed = units.copy()
    if rule is SeatReduction.NEXT_MONTH:
        billed[:, 1:] = np.maximum(units[:, 1:], units[:, :-1])
        return billed
    for start in range(0, units.shape[1], _YEAR):
        year = units[:, start : start + _YEAR]
        if rule is SeatReduction.HIGH_WATER_MARK:
            billed[:, start : start + _YEAR] = np.maximum.accumulate(year, axis=1)
        else:
            billed[:, start : start + _YEAR] = year.max(axis=1, keepdims=True)
    return billed


class PlanCharges:
    """A plan's recurring charges per draw and month: the sum of its lines' [currency, float]."""

    def __init__(self, plan: Plan, staffing: Staffing, months: int) -> None:
        self.plan = plan
        self._lines = [LineCharges(plan, staffing, months, cap=plan.concurrent_cap)] + [
            LineCharges(line, staffing, months) for line in plan.lines
        ]

    def charges(self, units: Units, rate_factor: np.ndarray) -> np.ndarray:
        first, *rest = self._lines
        total = first.charges(units, rate_factor)
        for line in rest:
            total = total + line.charges(units, rate_factor)
        return total
