"""The presenter view's figures: the best plan's savings for a call, and "what if utilization
were X %". Pure functions over a :class:`calculator.Comparison`; the page only lays them out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import pandas as pd

from app.views.conventions import plan_label
from calculator import (
    Comparison,
    best_alternative,
    costs_vary,
    format_money,
    percent_after,
    plan_headlines,
    utilization_sweep,
)

Tone = Literal["saving", "loss", "even"]

WHAT_IF_STEPS = 100
"""The what-if slider moves in whole percents of utilization, 0 % to 100 %."""


def tone(cents: int) -> Tone:
    """Whether an amount of savings is a saving, a loss, or neither."""
    return "saving" if cents > 0 else "loss" if cents < 0 else "even"


def signed_money(cents: int, currency: str) -> str:
    """Savings with their sign always shown: ``"+$5,450.00"``, ``"-$500.00"``, ``"$0.00"``."""
    return ("+" if cents > 0 else "") + format_money(cents, currency)


TONE_WORDS = {"saving": "Saves", "loss": "Costs more", "even": "Costs the same"}
"""The word beside a savings figure, so that colour is never its only cue."""


@dataclass(frozen=True, slots=True)
class BigFigure:
    """One large figure: what it is, its value as text, and whether it is a saving or a loss."""

    label: str
    value: str
    tone: Tone | None  # None: a cost, neither saving nor loss


@dataclass(frozen=True, slots=True)
class CallFigures:
    """What a sales call needs first: the best plan's savings a month and over the contract,
    and what each side costs in total and once."""

    plan: str | None  # the best alternative; None when the scenario has a single plan
    savings: list[BigFigure]  # per month, over the contract (empty without an alternative)
    costs: list[BigFigure]  # contract totals and one-time costs


def call_figures(comparison: Comparison) -> CallFigures:
    """The best alternative's savings (per month on average and over the whole contract), then
    the contract total and one-time costs of today's plan and of the best alternative."""
    currency = comparison.scenario.currency
    months = comparison.scenario.horizon
    best = best_alternative(comparison)
    names = [comparison.baseline] + ([] if best is None else [best.plan])
    savings = []
    if best is not None:
        row = next(row for row in plan_headlines(comparison) if row.plan == best.plan)
        percent = percent_after(row.ratio)
        average = " on average" if costs_vary(comparison) else ""
        savings = [
            BigFigure(
                f"Savings per month{average} with {best.plan}{percent}",
                signed_money(row.savings_per_month_cents, currency),
                tone(row.savings_per_month_cents),
            ),
            BigFigure(
                f"Savings over the {months}-month contract",
                signed_money(best.savings_cents, currency),
                tone(best.savings_cents),
            ),
        ]
    costs = []
    for name in names:
        total = comparison.totals[name]
        who = plan_label(name, comparison.baseline)
        costs.append(
            BigFigure(f"Contract total, {who}", format_money(total.cost_cents, currency), None)
        )
        costs.append(
            BigFigure(f"One-time costs, {who}", format_money(total.one_time_cents, currency), None)
        )
    return CallFigures(None if best is None else best.plan, savings, costs)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """Each plan's cost of a typical month at one utilization, and one sentence about it."""

    percent: int
    sentence: str
    table: pd.DataFrame


def today_percent(comparison: Comparison) -> int | None:
    """Today's utilization in whole percents (half away from zero); ``None`` when undefined."""
    ratio = comparison.utilization_overall
    if ratio is None:
        return None
    return int((ratio * 100).to_integral_value(rounding=ROUND_HALF_UP))


WHAT_IF_SAVINGS = "Saves a month against today (minus: costs more)"
"""The what-if table's signed column: what each plan saves on today's plan in that month."""


def what_if(comparison: Comparison, percent: int) -> WhatIf | None:
    """Each plan's recurring cost of a typical month if ``percent`` % of the provisioned accounts
    were active (:func:`calculator.utilization_sweep`: no escalator, no one-time costs), and the
    cheapest plan at that utilization. ``None`` when nothing is provisioned."""
    if not 0 <= percent <= 100:
        raise ValueError(f"utilization must be 0 to 100 %: {percent}")
    sweep = utilization_sweep(comparison, WHAT_IF_STEPS)
    if sweep is None:
        return None
    index = sweep.points.index(Decimal(percent) / 100)
    currency = comparison.scenario.currency
    costs = {plan: cents[index] for plan, cents in sweep.costs.items()}
    today = costs[comparison.baseline]
    cheapest = min(costs, key=costs.__getitem__)
    if cheapest == comparison.baseline or costs[cheapest] == today:
        verdict = f"{comparison.baseline}, today's plan, would still be the cheapest."
    else:
        verdict = (
            f"{cheapest} would be the cheapest, saving "
            f"{format_money(today - costs[cheapest], currency)} a month against "
            f"{comparison.baseline}."
        )
    sentence = (
        f"If {percent} % of the provisioned accounts were active, a typical month would cost "
        f"{format_money(today, currency)} with {comparison.baseline}. {verdict}"
    )
    table = pd.DataFrame(
        {
            "Plan": [plan_label(plan, comparison.baseline) for plan in costs],
            f"Typical month at {percent} %": [
                format_money(cents, currency) for cents in costs.values()
            ],
            # "+$9,750.00" under "Against today" read as costing more to a customer.
            WHAT_IF_SAVINGS: [signed_money(today - cents, currency) for cents in costs.values()],
        }
    )
    return WhatIf(percent, sentence, table)
