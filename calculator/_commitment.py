"""Which commitment to sign: every committed level priced on the scenario's own curve.

For a plan with a commitment (``committed_units``), each level from 0 to the peak billable count
is priced over the horizon and the cheapest is recommended (the lowest level among equals: less
lock-in). Levels above the peak are never cheaper than the peak, since each month would bill the
extra units with nothing to offset them.

For a concurrent plan with a purchased cap (``concurrent_cap``), a lower cap costs less but
refuses logins at the monthly peaks: each level's cost and refused logins form a frontier, and
the recommendation is the cheapest cap refusing at most ``max_refused`` logins (0 by default,
i.e. the peak demand).

Only the plan's main line depends on the level; its other lines and one-time costs are added as
they are, so each level's cost is exactly what :func:`calculator.compare` would report for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from calculator._models import CountingRule, Plan, Scenario
from calculator._money import format_money
from calculator._pricing import charge_cents, line_units, one_time_cents, price_plan_lines

MAX_LEVELS = 201
"""Most levels priced for one plan; beyond it the levels are sampled [levels]. The total is
piecewise linear in the level with its corners at the months' counts, which the sample always
holds, so sampling keeps the cheapest level; it bounds the work a hostile file can ask for (8 plans
of 60 months at a peak of 1,000,000 agents)."""

COMMITMENT_COLUMNS = [
    "level",  # committed units or purchased cap [units]
    "cost_cents",  # the plan's total over the horizon at this level
    "refused_logins",  # caps only: logins refused at the monthly peaks, summed [agent-months]
    "months_refused",  # caps only: months whose peak exceeds the level [months]
    "is_recommended",
    "is_current",
]


@dataclass(frozen=True, slots=True)
class CommitmentLevel:
    """One level's total cost over the horizon and, for a cap, the logins it refuses."""

    level: int  # [units]
    cost_cents: int  # [cents]
    refused_logins: int | None  # [agent-months]; None for a commitment
    months_refused: int | None  # [months]; None for a commitment


@dataclass(frozen=True)
class CommitmentAdvice:
    """What to sign for one plan, with the cost (and refused logins) of every level priced."""

    plan: str
    term: Literal["committed_units", "concurrent_cap"]
    unit: str  # what a level counts, singular, e.g. "seat"
    current: int  # the level in the scenario [units]
    peak: int  # highest billable count on the curve [units]
    max_refused: int  # caps: refused logins tolerated [agent-months]
    levels: tuple[CommitmentLevel, ...]  # ascending by level
    recommended: int  # [units]
    sampled: bool  # True when levels were sampled rather than all priced
    sentence: str  # what to sign and why, in one plain sentence

    def level(self, value: int) -> CommitmentLevel:
        return next(level for level in self.levels if level.level == value)

    @property
    def recommended_level(self) -> CommitmentLevel:
        return self.level(self.recommended)

    @property
    def current_level(self) -> CommitmentLevel:
        return self.level(self.current)

    @property
    def table(self) -> pd.DataFrame:
        """Tidy table, one row per level; see ``COMMITMENT_COLUMNS``."""
        return pd.DataFrame.from_records(
            [
                (
                    level.level,
                    level.cost_cents,
                    level.refused_logins,
                    level.months_refused,
                    level.level == self.recommended,
                    level.level == self.current,
                )
                for level in self.levels
            ],
            columns=COMMITMENT_COLUMNS,
        )


def has_commitment(plan: Plan) -> bool:
    """Whether the plan has a level to choose: a commitment or a purchased concurrent cap."""
    return plan.committed_units > 0 or plan.concurrent_cap is not None


def recommend_commitment(
    scenario: Scenario, plan_name: str, *, max_refused: int = 0, max_levels: int = MAX_LEVELS
) -> CommitmentAdvice:
    """Price ``plan_name`` at every commitment (or cap) level and say which to sign.

    Levels run from 0 to the peak billable count of the plan's main line (with no commitment), plus
    the current level. When that is more than ``max_levels`` levels, an even grid of levels, every
    month's count and the current level are priced instead (``sampled``).
    """
    plan = scenario.plan(plan_name)
    staffing = scenario.staffing
    capped = plan.rule is CountingRule.CONCURRENT and plan.concurrent_cap is not None
    fixed = sum(one_time_cents(plan, scenario.horizon))
    fixed += sum(
        m.recurring_cents for bill in price_plan_lines(plan, staffing)[1:] for m in bill.months
    )
    _, units = line_units(plan, staffing)
    if capped:
        demand = [month.peak_concurrent for month in staffing]
        current = plan.concurrent_cap or 0
    else:
        demand = units
        current = plan.committed_units
    peak = max(demand)
    candidates = set(range(peak + 1)) if peak < max_levels else _sample(peak, demand, max_levels)
    candidates.add(current)
    levels = []
    for value in sorted(candidates):
        if capped:
            billed = [max(value, plan.committed_units)] * len(units)
            cents, _ = charge_cents(plan, billed, plan.committed_units)
            over = [count - value for count in demand if count > value]
            refused, months = sum(over), len(over)
        else:
            billed = [max(count, value) for count in units]
            cents, _ = charge_cents(plan, billed, value, unfloored=units)
            refused = months = None
        cost = fixed + sum(cents)
        levels.append(CommitmentLevel(value, cost, refused, months))
    if capped:
        allowed = [level for level in levels if (level.refused_logins or 0) <= max_refused]
        best = min(allowed, key=lambda level: (level.cost_cents, level.refused_logins, level.level))
    else:
        best = min(levels, key=lambda level: (level.cost_cents, level.level))
    advice = CommitmentAdvice(
        plan=plan.name,
        term="concurrent_cap" if capped else "committed_units",
        unit=plan.rule.unit,
        current=current,
        peak=peak,
        max_refused=max_refused,
        levels=tuple(levels),
        recommended=best.level,
        sampled=peak >= max_levels,
        sentence="",
    )
    sentence = _cap_sentence(advice, scenario) if capped else _commit_sentence(advice, scenario)
    return CommitmentAdvice(**{**_fields(advice), "sentence": sentence})


def _fields(advice: CommitmentAdvice) -> dict[str, object]:
    return {name: getattr(advice, name) for name in CommitmentAdvice.__dataclass_fields__}


def _sample(peak: int, demand: list[int], count: int) -> set[int]:
    """An even grid of ``count`` levels over 0..peak, with every month's count and its neighbour."""
    grid = {peak * step // (count - 1) for step in range(count)}
    return grid | set(demand) | {max(0, units - 1) for units in demand}


def _units(count: int, unit: str) -> str:
    return f"{count:,} {unit}{'' if count == 1 else 's'}"


def _commit_sentence(advice: CommitmentAdvice, scenario: Scenario) -> str:
    best, now = advice.recommended_level, advice.current_level
    money = format_money(best.cost_cents, scenario.currency)
    span = f"the {scenario.horizon} months" if scenario.horizon != 1 else "the month"
    if best.level == advice.current:
        return (
            f"Keep the commitment of {_units(best.level, advice.unit)}: no level from 0 to "
            f"{advice.peak:,} costs less over {span} ({money})."
        )
    if now.cost_cents == best.cost_cents:  # the lowest of equal levels: less to commit to
        every = all(level.cost_cents == best.cost_cents for level in advice.levels)
        return (
            f"Commit to {_units(best.level, advice.unit)}: it costs {money} over {span}, the "
            f"same as the {advice.current:,} committed now; "
            + (
                f"every level {'priced ' if advice.sampled else ''}from 0 to {advice.peak:,} "
                "costs the same"
                if every
                else f"no level from 0 to {advice.peak:,} costs less"
            )
            + ", so the lower commitment binds you to less for the same money."
        )
    saving = format_money(now.cost_cents - best.cost_cents, scenario.currency)
    return (
        f"Commit to {_units(best.level, advice.unit)}: it costs {money} over {span}, the least "
        f"of any level from 0 to {advice.peak:,}, and {saving} less than the "
        f"{advice.current:,} committed now."
    )


def _cap_sentence(advice: CommitmentAdvice, scenario: Scenario) -> str:
    best = advice.recommended_level
    money = format_money(best.cost_cents, scenario.currency)
    span = f"the {scenario.horizon} months" if scenario.horizon != 1 else "the month"
    rule = (
        "refuse no logins"
        if advice.max_refused == 0
        else f"refuse at most {_units(advice.max_refused, 'login')}"
    )
    sentence = (
        f"Buy {_units(best.level, advice.unit)}: the fewest that {rule} at the monthly peaks, "
        f"costing {money} over {span}"
    )
    lower = [level for level in advice.levels if level.level < best.level]
    if lower:
        below = lower[-1]
        saving = best.cost_cents - below.cost_cents
        effect = (
            f"save {format_money(saving, scenario.currency)} but"
            if saving
            else "cost the same and"  # e.g. a commitment or minimum charge above both levels
        )
        sentence += (
            f"; {below.level:,} would {effect} refuse "
            f"{_units(below.refused_logins or 0, 'login')} in "
            f"{_units(below.months_refused or 0, 'month')}"
        )
    return sentence + "."
