"""The figures every view of a comparison shows: headline per plan, the best alternative, the
waterfall's steps and the cap warnings, computed once here for the pages, the presenter view and
the reports alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculator._compare import Comparison, Savings
from calculator._money import monthly_average

MONTHS_A_YEAR = 12


@dataclass(frozen=True, slots=True)
class PlanHeadline:
    """One plan's headline figures [cents]: averages per month and per twelve months."""

    plan: str
    is_baseline: bool
    per_month_cents: int
    per_year_cents: int
    savings_per_month_cents: int | None  # None for the baseline
    savings_per_year_cents: int | None
    savings_cents: int | None  # over the whole horizon; None for the baseline
    ratio: Decimal | None  # savings / baseline cost [1]; None for the baseline or a free baseline

    @property
    def saves(self) -> bool:
        """Whether this plan costs less than the baseline over the horizon."""
        return self.savings_cents is not None and self.savings_cents > 0


def plan_headlines(comparison: Comparison) -> list[PlanHeadline]:
    """Headline figures per plan, baseline first, then the alternatives in scenario order.

    Per month and per year are averages over the horizon (for twelve months, per year is the
    total); savings per year are positive when the plan is cheaper than the baseline.
    """
    months = comparison.scenario.horizon
    rows = []
    for name in [comparison.baseline, *comparison.alternatives]:
        total = comparison.totals[name]
        split = comparison.savings.get(name)
        rows.append(
            PlanHeadline(
                plan=name,
                is_baseline=total.is_baseline,
                per_month_cents=monthly_average(total.cost_cents, months),
                per_year_cents=monthly_average(total.cost_cents, months, MONTHS_A_YEAR),
                savings_per_month_cents=None
                if split is None
                else split.average_savings_cents(months),
                savings_per_year_cents=None
                if split is None
                else split.average_savings_cents(months, MONTHS_A_YEAR),
                savings_cents=None if split is None else split.savings_cents,
                ratio=None if split is None else split.ratio,
            )
        )
    return rows


def best_alternative(comparison: Comparison) -> Savings | None:
    """The alternative that saves the most against the baseline (the first of equals);
    ``None`` when the scenario has a single plan."""
    if not comparison.alternatives:
        return None
    return max(
        (comparison.savings[name] for name in comparison.alternatives),
        key=lambda split: split.savings_cents,
    )


def cheapest_plan(comparison: Comparison) -> str:
    """The plan that costs least over the horizon (the first of equals, in scenario order)."""
    totals = comparison.totals
    return min(comparison.scenario.plans, key=lambda plan: totals[plan.name].cost_cents).name


def costs_vary(comparison: Comparison) -> bool:
    """Whether any plan's cost changes from month to month (figures are then averages)."""
    return any(len({line.cost_cents for line in lines}) > 1 for lines in comparison.lines.values())


@dataclass(frozen=True, slots=True)
class WaterfallSteps:
    """From the baseline's monthly cost through the volume and rate effects to ``plan``'s
    [cents per month]: ``baseline - volume - rate == alternative``."""

    plan: str
    baseline_cents: int
    volume_cents: int  # saved by counting fewer units
    rate_cents: int  # saved by the rate and contract terms
    alternative_cents: int
    same_every_month: bool  # False: the figures are averages per month

    @property
    def saved_cents(self) -> int:
        """Savings a month, volume and rate together [cents]."""
        return self.volume_cents + self.rate_cents


def waterfall_steps(comparison: Comparison, plan: str) -> WaterfallSteps:
    """A month's figures when every month is alike, else averages per month.

    Today's cost, the plan's cost and the volume effect are averages, each rounded once, as the
    tables show them; the savings are the difference of the two costs and the rate effect the
    savings less the volume effect, so the steps add up to the cent and end at the plan's cost
    per month of the tables.
    Raises ``KeyError`` when ``plan`` is not an alternative of the comparison.
    """
    months = comparison.scenario.horizon
    split = comparison.savings[plan]
    base = monthly_average(split.baseline_cents, months)
    saved = split.average_savings_cents(months)
    volume = monthly_average(split.volume_effect_cents, months)
    same = len(set(comparison.savings_lines[plan])) == 1 and (
        len({line.cost_cents for line in comparison.lines[comparison.baseline]}) == 1
    )
    return WaterfallSteps(
        plan=plan,
        baseline_cents=base,
        volume_cents=volume,
        rate_cents=saved - volume,
        alternative_cents=base - saved,
        same_every_month=same,
    )


def cap_warnings(comparison: Comparison) -> list[str]:
    """One sentence per month in which concurrent demand exceeded a purchased cap."""
    return [
        f"{item.plan}, {item.month}: {item.demand:,} agents wanted to log in at the peak but only "
        f"{item.cap:,} concurrent seats were bought, so {item.refused:,} could not log in."
        for item in comparison.cap_exceedances
    ]
