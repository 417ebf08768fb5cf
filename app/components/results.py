"""The results of a comparison: headline figures, the explanation, warnings, charts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import streamlit as st

from app import charts
from app.components.chart_view import show_chart_view
from calculator import (
    Comparison,
    explain_savings,
    format_money,
    format_percent,
    format_utilization,
    to_cents,
)


@dataclass(frozen=True, slots=True)
class PlanHeadline:
    """One plan's headline figures, formatted for display."""

    plan: str
    is_baseline: bool
    per_month: str  # average cost per month, e.g. "$4,550.00"
    per_year: str  # average cost per twelve months
    savings_per_month: str | None  # None for the baseline
    savings_per_year: str | None
    savings_percent: str | None  # e.g. "54.5 %"; "n/a" when the baseline costs nothing
    saves: bool  # False when the plan costs the same or more than the baseline
    explanation: str | None


def _average(cents: int, months: int, per: int = 1) -> int:
    """Average over ``months`` scaled to ``per`` months, rounded once [cents]."""
    return to_cents(Decimal(cents) * per / months / 100)


def headlines(comparison: Comparison) -> list[PlanHeadline]:
    """Headline figures per plan, baseline first. Per month and per year are averages over the
    horizon (for a twelve-month scenario, per year is the total)."""
    scenario = comparison.scenario
    currency = scenario.currency
    months = scenario.horizon
    rows = []
    ordered = [comparison.baseline, *comparison.alternatives]
    for name in ordered:
        total = comparison.totals[name]
        split = comparison.savings.get(name)
        rows.append(
            PlanHeadline(
                plan=name,
                is_baseline=total.is_baseline,
                per_month=format_money(_average(total.cost_cents, months), currency),
                per_year=format_money(_average(total.cost_cents, months, 12), currency),
                savings_per_month=None
                if split is None
                else format_money(_average(split.savings_cents, months), currency),
                savings_per_year=None
                if split is None
                else format_money(_average(split.savings_cents, months, 12), currency),
                savings_percent=None if split is None else format_percent(split.ratio),
                saves=split is not None and split.savings_cents > 0,
                explanation=None if split is None else explain_savings(comparison, name),
            )
        )
    return rows


def cap_warnings(comparison: Comparison) -> list[str]:
    """One sentence per month in which concurrent demand exceeded a purchased cap."""
    return [
        f"{item.plan}, {item.month}: {item.demand:,} agents wanted to log in at the peak but only "
        f"{item.cap:,} concurrent seats were bought, so {item.refused:,} could not log in."
        for item in comparison.cap_exceedances
    ]


def show_headline(comparison: Comparison) -> None:
    """Cost per plan, savings in money and percent, utilization and the explanation sentence."""
    rows = headlines(comparison)
    months = comparison.scenario.horizon
    average = "" if months == 1 else " (average)"
    with st.container(key="headline"):
        baseline = rows[0]
        for row in rows[1:]:
            cols = st.columns(4)
            cols[0].metric(f"{baseline.plan} (today), per month{average}", baseline.per_month)
            cols[1].metric(f"{row.plan}, per month{average}", row.per_month)
            cols[2].metric(f"Savings per month{average}: {row.plan}", row.savings_per_month)
            cols[3].metric(f"Savings in percent: {row.plan}", row.savings_percent)
            if row.saves:
                st.success(row.explanation, icon=":material/savings:")
            else:
                st.warning(row.explanation, icon=":material/trending_up:")
        cols = st.columns(4)
        cols[0].metric(f"{baseline.plan} (today), per year", baseline.per_year)
        for col, row in zip(cols[1:3], rows[1:3], strict=False):
            col.metric(f"Savings per year: {row.plan}", row.savings_per_year)
        cols[3].metric(
            "Utilization (active / provisioned)",
            format_utilization(comparison.utilization_overall),
        )
    for message in cap_warnings(comparison):
        st.warning(message, icon=":material/block:")


def show_results(comparison: Comparison, *, key_prefix: str = "results") -> None:
    """Headline, warnings and every chart of the calculator page with its table and summary."""
    show_headline(comparison)
    for view in charts.all_chart_views(comparison):
        show_chart_view(view, key=f"chart_{view.slug}")
