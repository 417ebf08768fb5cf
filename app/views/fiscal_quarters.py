"""The budget's spend plan by fiscal quarter, as words and a table (no chart: the fiscal-year
chart above it on the page draws the same money by year).

Figures come from :attr:`calculator.budget.Budget.by_fiscal_quarter`, in whole cents; this module
only words and formats them. Method: ``docs/budget.md#fiscal-quarters-the-spend-plan``.
"""

from __future__ import annotations

import calendar

import pandas as pd

from app.views.conventions import plan_label
from calculator import format_money
from calculator.budget import MONTHS_PER_QUARTER, Budget, FiscalQuarter


def quarter_label(quarter: FiscalQuarter) -> str:
    """``"FY2028 Q1"``, or ``"FY2027 Q3 (partial: 1 of 3 months)"`` for a partial quarter."""
    if not quarter.partial:
        return quarter.label
    return f"{quarter.label} (partial: {len(quarter.months)} of {MONTHS_PER_QUARTER} months)"


def fiscal_quarters_note(budget: Budget) -> str:
    """What a quarter is, for the page's caption and the report."""
    start = budget.settings.fiscal_year_start_month
    first = calendar.month_name[start]
    last = calendar.month_name[(start + MONTHS_PER_QUARTER - 2) % 12 + 1]
    return (
        f"Quarters of the fiscal year: Q1 is {first} to {last}, its first three months, Q2 the "
        "next three, and so on. Each plan's planned cost per quarter, as a spend plan for "
        "releasing money by quarter."
    )


def fiscal_quarter_table(budget: Budget) -> pd.DataFrame:
    """The spend plan: one row per fiscal quarter in time order, each plan's planned cost in its
    own column (the fiscal years give not to exceed and savings; the JSON has them per quarter)."""
    currency = budget.scenario.currency
    table = {
        "Fiscal quarter": [quarter_label(quarter) for quarter in budget.fiscal_quarters],
        "Months": [f"{q.months[0]} to {q.months[-1]}" for q in budget.fiscal_quarters],
    }
    for name, entries in budget.by_fiscal_quarter.items():
        table[f"{plan_label(name, budget.scenario.baseline)} ({currency})"] = [
            format_money(entry.planned_cents, currency) for entry in entries
        ]
    return pd.DataFrame(table)


def fiscal_quarter_summary(budget: Budget) -> str:
    """One sentence: each plan's lowest and highest planned cost over the whole quarters, e.g.
    "Planned cost over 4 full quarters: Named seats (today) $30,000.00 in each; Active users from
    $7,800.00 (FY2027 Q2) to $13,650.00 (FY2027 Q3)." A partial quarter is left out, since its fewer months
    would read as a low season; when no quarter is whole, the partial ones are compared."""
    currency = budget.scenario.currency
    whole = [i for i, quarter in enumerate(budget.fiscal_quarters) if not quarter.partial]
    compared = whole or list(range(len(budget.fiscal_quarters)))
    parts = []
    for plan in budget.scenario.plans:
        entries = [budget.by_fiscal_quarter[plan.name][i] for i in compared]
        # The first of equal quarters, so the sentence names the earliest.
        low = min(entries, key=lambda entry: entry.planned_cents)
        high = max(entries, key=lambda entry: entry.planned_cents)
        name = plan_label(plan.name, budget.scenario.baseline)
        if len(entries) == 1:
            parts.append(f"{name} {format_money(low.planned_cents, currency)}")
        elif low.planned_cents == high.planned_cents:
            parts.append(f"{name} {format_money(low.planned_cents, currency)} in each")
        else:
            parts.append(
                f"{name} from {format_money(low.planned_cents, currency)} "
                f"({low.fiscal_quarter.label}) to {format_money(high.planned_cents, currency)} "
                f"({high.fiscal_quarter.label})"
            )
    count = len(compared)
    kind = "full " if whole else "partial "
    over = f"{count} {kind}quarter{'' if count == 1 else 's'}"
    if whole and len(whole) < len(budget.fiscal_quarters):
        left = len(budget.fiscal_quarters) - len(whole)
        over += f" (the table gives the {left} partial one{'' if left == 1 else 's'} too)"
    return f"Planned cost over {over}: {'; '.join(parts)}."
