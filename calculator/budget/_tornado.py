"""Tornado: which inputs move each alternative's savings most, one input at a time.

Each input is moved down and up by the same relative change (``tornado_change``, e.g. 20 %), with
everything else as planned, and the scenario is priced exactly again with :func:`compare` (an
alternative's own terms with today's plan and that alternative alone, as each plan is priced on
its own and the others' savings do not move). Inputs:

- staffing, scaled in every month: provisioned accounts, active users (with their logged-in
  hours), peak concurrency, and logged-in hours alone when a plan bills hours. Counts are rounded
  to whole agents (half up) and kept in order ``P >= A >= C`` and ``H <= A x hours in the month``
  by lowering the smaller one where needed;
- for today's plan and the alternative itself: its rate (with its overage rate), and its
  one-time cost and escalator when it has one. Another alternative's terms cannot move this
  one's savings, so they are not bars of its tornado.

A bar's swing is ``|savings at +change - savings at -change|``; bars are sorted by swing, largest
first.

Method: ``docs/budget.md#tornado``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from calculator._compare import Comparison, compare
from calculator._models import (
    CountingRule,
    MonthStaffing,
    Plan,
    PlanLine,
    Scenario,
    hours_in_month,
)


@dataclass(frozen=True, slots=True)
class TornadoBar:
    """Savings over the horizon [cents] with one input moved down and up."""

    input: str
    low_savings_cents: int  # input x (1 - change)
    high_savings_cents: int  # input x (1 + change)

    @property
    def swing_cents(self) -> int:
        return abs(self.high_savings_cents - self.low_savings_cents)


@dataclass(frozen=True)
class Tornado:
    """Bars for one alternative plan, largest swing first; ``base_savings_cents`` as planned."""

    plan: str
    change: Decimal  # [1]
    base_savings_cents: int
    bars: list[TornadoBar]


Perturb = Callable[[Scenario, Decimal], Scenario]


def tornado(comparison: Comparison, change: Decimal | None = None) -> dict[str, Tornado]:
    """A tornado for every alternative plan: alternative -> :class:`Tornado`.

    ``change`` defaults to the scenario's ``budget.tornado_change`` [1].
    """
    scenario = comparison.scenario
    change = scenario.budget.tornado_change if change is None else change
    alternatives = comparison.alternatives
    bars: dict[str, list[TornadoBar]] = {name: [] for name in alternatives}
    for label, (perturb, owner) in _inputs(scenario).items():
        moved = [name for name in alternatives if owner in (None, scenario.baseline, name)]
        if not moved:
            continue
        priced = scenario if owner in (None, scenario.baseline) else _alone(scenario, owner)
        low = compare(perturb(priced, 1 - change)).savings
        high = compare(perturb(priced, 1 + change)).savings
        for name in moved:
            bars[name].append(TornadoBar(label, low[name].savings_cents, high[name].savings_cents))
    return {
        name: Tornado(
            plan=name,
            change=change,
            base_savings_cents=comparison.savings[name].savings_cents,
            bars=sorted(bars[name], key=lambda bar: -bar.swing_cents),
        )
        for name in alternatives
    }


def _alone(scenario: Scenario, name: str) -> Scenario:
    """``scenario`` with today's plan and ``name`` only: each plan is priced on its own, so an
    alternative's own terms move its savings alone, and pricing the other plans again for each
    of its inputs was most of a tornado's time with eight plans."""
    kept = [plan for plan in scenario.plans if plan.name in (scenario.baseline, name)]
    return scenario.model_copy(update={"plans": kept})


def _inputs(scenario: Scenario) -> dict[str, tuple[Perturb, str | None]]:
    """Every input: how to move it, and the plan whose terms it is (``None``: the staffing)."""
    inputs: dict[str, tuple[Perturb, str | None]] = {
        "Provisioned accounts": (_scale_staffing("provisioned"), None),
        "Active users": (_scale_staffing("active"), None),
        "Peak concurrency": (_scale_staffing("peak_concurrent"), None),
    }
    if any(plan.rule is CountingRule.LOGGED_IN_HOURS for plan in scenario.plans):
        inputs["Logged-in hours"] = (_scale_staffing("logged_in_hours"), None)
    for plan in scenario.plans:
        name = plan.name
        inputs[f"Rate: {name}"] = (_scale_rates(name), name)
        if plan.one_time_cost:
            inputs[f"One-time cost: {name}"] = (_scale_plan(name, ("one_time_cost",)), name)
        if plan.escalator:
            inputs[f"Escalator: {name}"] = (_scale_plan(name, ("escalator",)), name)
    return inputs


def _whole(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _scale_staffing(field: str) -> Perturb:
    def perturb(scenario: Scenario, factor: Decimal) -> Scenario:
        months = [
            _scaled_month(month, field, factor, hours_in_month(label))
            for label, month in zip(scenario.months, scenario.staffing, strict=True)
        ]
        # Copies skip validation on purpose: a scaled rate or count may leave the input limits
        # (e.g. more than a million agents), yet prices exactly like any other.
        return scenario.model_copy(update={"staffing": months})

    return perturb


def _scaled_month(
    month: MonthStaffing, field: str, factor: Decimal, wall_hours: int
) -> MonthStaffing:
    provisioned, active, concurrent = month.provisioned, month.active, month.peak_concurrent
    hours = month.logged_in_hours
    if field == "provisioned":
        provisioned = _whole(provisioned * factor)
    elif field == "active":
        active = _whole(active * factor)
        hours = None if hours is None else hours * factor
    elif field == "peak_concurrent":
        concurrent = _whole(concurrent * factor)
    elif hours is not None:
        hours = hours * factor
    active = min(active, provisioned)
    concurrent = min(concurrent, active)
    if hours is not None:
        hours = min(hours, Decimal(active * wall_hours))
    return month.model_copy(
        update={
            "provisioned": provisioned,
            "active": active,
            "peak_concurrent": concurrent,
            "logged_in_hours": hours,
        }
    )


def _scale_plan(name: str, fields: tuple[str, ...]) -> Perturb:
    return _change_plan(name, lambda plan, factor: _scaled_plan(plan, fields, factor))


def _scale_rates(name: str) -> Perturb:
    """Every rate of plan ``name`` moved together: its rate, overage rate and rate bands, and
    those of each extra line (a banded plan prices by its bands, not by ``rate`` alone)."""
    return _change_plan(
        name,
        lambda plan, factor: _scaled_rates(plan, factor).model_copy(
            update={"lines": [_scaled_rates(line, factor) for line in plan.lines]}
        ),
    )


def _change_plan(name: str, change: Callable[[Plan, Decimal], Plan]) -> Perturb:
    """Plan ``name`` changed by ``change`` at each factor, the other plans as they are."""

    def perturb(scenario: Scenario, factor: Decimal) -> Scenario:
        plans = [change(plan, factor) if plan.name == name else plan for plan in scenario.plans]
        return scenario.model_copy(update={"plans": plans})

    return perturb


PricedLine = TypeVar("PricedLine", Plan, PlanLine)


def _scaled_rates(line: PricedLine, factor: Decimal) -> PricedLine:
    scaled = _scaled_plan(line, ("rate", "overage_rate"), factor)
    if not line.tiers:
        return scaled
    tiers = [tier.model_copy(update={"rate": tier.rate * factor}) for tier in line.tiers]
    return scaled.model_copy(update={"tiers": tiers})


def _scaled_plan(plan: PricedLine, fields: tuple[str, ...], factor: Decimal) -> PricedLine:
    update = {}
    for field in fields:
        value = getattr(plan, field)
        if value is not None:
            update[field] = value * factor
    return plan.model_copy(update=update)
