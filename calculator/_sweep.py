"""Cost against utilization: each plan's recurring monthly price as utilization A / P goes from
0 % to 100 %, holding the scenario's other proportions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from calculator._compare import Comparison
from calculator._models import MonthStaffing
from calculator._pricing import price_plan

UTILIZATION_STEPS = 20
"""The sweep samples 0 % to 100 % in this many equal steps (plus today's utilization)."""


@dataclass(frozen=True, slots=True)
class UtilizationSweep:
    """Recurring cost of one typical month per plan at each utilization [cents].

    ``points`` are ratios from 0 to 1 in ascending order and include ``today``;
    ``costs[plan][i]`` is the plan's recurring cost at ``points[i]``.
    """

    points: list[Decimal]
    today: Decimal
    costs: dict[str, list[int]]

    def at_today(self) -> dict[str, int]:
        """Each plan's recurring cost at today's utilization [cents], in plan order."""
        index = self.points.index(self.today)
        return {plan: cents[index] for plan, cents in self.costs.items()}


def _whole(value: Decimal) -> int:
    """Round to a whole number of agents, half away from zero [agents]."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def utilization_sweep(
    comparison: Comparison, steps: int = UTILIZATION_STEPS
) -> UtilizationSweep | None:
    """Each plan's recurring monthly cost as utilization goes from 0 % to 100 % in ``steps``
    equal steps, and at today's utilization.

    Provisioned accounts are held at the scenario's average (rounded to whole agents); active
    users are that times the utilization; peak concurrent agents and logged-in hours keep their
    ratio to active users over the scenario (hours to the cent of an hour). Each point is priced
    as one month of a steady contract: no escalator, seats reducible, one-time costs left out.
    ``None`` when nothing is provisioned (utilization is undefined).
    """
    today = comparison.utilization_overall
    if today is None:
        return None
    if steps < 1:
        raise ValueError(f"steps must be at least 1: {steps}")
    staffing = comparison.scenario.staffing
    total_a = sum(m.active for m in staffing)
    total_c = sum(m.peak_concurrent for m in staffing)
    total_h = sum((m.logged_in_hours or Decimal(0)) for m in staffing)
    has_hours = all(m.logged_in_hours is not None for m in staffing)
    provisioned = _whole(Decimal(sum(m.provisioned for m in staffing)) / len(staffing))
    grid = [Decimal(step) / steps for step in range(steps + 1)]
    points = sorted({*grid, today})
    sample = []
    for share in points:
        active = _whole(provisioned * share)
        concurrent = _whole(Decimal(active) * total_c / total_a) if total_a else 0
        hours = (Decimal(active) * total_h / total_a).quantize(Decimal("0.01")) if total_a else 0
        sample.append(
            MonthStaffing.model_construct(
                provisioned=provisioned,
                active=active,
                peak_concurrent=min(concurrent, active),
                logged_in_hours=Decimal(hours) if has_hours else None,
            )
        )
    costs = {}
    for plan in comparison.scenario.plans:
        steady = plan.model_copy(update={"escalator": Decimal(0), "seats_reducible": True})
        costs[plan.name] = [line.recurring_cents for line in price_plan(steady, sample)]
    return UtilizationSweep(points=points, today=today, costs=costs)
