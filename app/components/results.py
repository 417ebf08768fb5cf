"""The results of a comparison: headline figures, the explanation, warnings, charts."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app.components.browser import paint_now
from app.components.chart_view import show_chart_view
from app.components.data_table import show_static_table
from app.components.markdown import escape_markdown, keep_percent_with_number
from app.components.notices import show_warnings
from app.rate_check import unusual_rate_notes
from app.report_parts import chart_view_of
from app.scenario_cache import cached
from app.views import calculator as charts
from app.views.conventions import plan_label
from calculator import (
    Comparison,
    cap_warnings,
    costs_vary,
    explain_savings,
    format_money,
    format_utilization,
    is_figure_text,
    plan_headlines,
    savings_percent,
)


@dataclass(frozen=True, slots=True)
class HeadlineText:
    """One plan's headline figures (:func:`calculator.plan_headlines`), formatted for display."""

    plan: str
    is_baseline: bool
    per_month: str  # average cost per month, e.g. "$4,550.00"
    per_year: str  # average cost per twelve months
    savings_per_month: str | None  # None for the baseline
    savings_per_year: str | None
    savings_percent: str | None  # e.g. "54.5 %"; "today's plan costs nothing" when it does
    saves: bool  # False when the plan costs the same or more than the baseline
    explanation: str | None


def headlines(comparison: Comparison) -> list[HeadlineText]:
    """Headline figures per plan, baseline first, as display text."""
    currency = comparison.scenario.currency

    def money(cents: int | None) -> str | None:
        return None if cents is None else format_money(cents, currency)

    return [
        HeadlineText(
            plan=row.plan,
            is_baseline=row.is_baseline,
            per_month=format_money(row.per_month_cents, currency),
            per_year=format_money(row.per_year_cents, currency),
            savings_per_month=money(row.savings_per_month_cents),
            savings_per_year=money(row.savings_per_year_cents),
            savings_percent=None if row.is_baseline else savings_percent(row.ratio),
            saves=row.saves,
            explanation=None if row.is_baseline else explain_savings(comparison, row.plan),
        )
        for row in plan_headlines(comparison)
    ]


def headline_table(comparison: Comparison) -> pd.DataFrame:
    """Cost and savings per plan, per month and per year, as display text."""
    varies = costs_vary(comparison)
    month = " (average)" if varies else ""
    year = " (average)" if varies and comparison.scenario.horizon != 12 else ""
    rows = headlines(comparison)
    return pd.DataFrame(
        {
            "Plan": [plan_label(row.plan, comparison.baseline) for row in rows],
            f"Cost per month{month}": [row.per_month for row in rows],
            f"Cost per year{year}": [row.per_year for row in rows],
            f"Savings per month{month}": [row.savings_per_month or "–" for row in rows],
            f"Savings per year{year}": [row.savings_per_year or "–" for row in rows],
            "Savings in percent": [row.savings_percent or "–" for row in rows],
        }
    )


COMPACT_FROM = 4
"""From this many plans the headline is one ranked table; the metric pairs move into details."""


def ranked_table(comparison: Comparison) -> pd.DataFrame:
    """Every plan, cheapest first (the first of equals in scenario order), with its savings per
    month and in percent against today's plan, as display text: four narrow columns that fit a
    phone's width (costs are in the details)."""
    rows = headlines(comparison)
    savings = {row.plan: row.savings_cents or 0 for row in plan_headlines(comparison)}
    ranked = sorted(rows, key=lambda row: -savings[row.plan])
    varies = " (average)" if costs_vary(comparison) else ""
    return pd.DataFrame(
        {
            "Rank": range(1, len(ranked) + 1),
            "Plan": [plan_label(row.plan, comparison.baseline) for row in ranked],
            f"Savings per month{varies}": [row.savings_per_month or "–" for row in ranked],
            "Savings in percent": [row.savings_percent or "–" for row in ranked],
        }
    )


def show_headline(comparison: Comparison, *, key: str = "headline") -> None:
    """Savings in money and percent per alternative with the sentence that explains them, cost
    per plan per month and per year, and utilization, inside ``st.container(key=key)``; then a
    warning for each month a concurrent cap was exceeded, and for each rate so high it was
    probably typed with a decimal comma (:mod:`app.rate_check`).

    With :data:`COMPACT_FROM` plans or more, the headline is the ranked table (best plan first)
    and the per-plan figures and sentences are one click away, in an expander.
    """
    rows = cached(comparison, "headlines", lambda: headlines(comparison))
    with st.container(key=key):
        if len(rows) >= COMPACT_FROM:
            ranked = cached(comparison, "ranked_table", lambda: ranked_table(comparison))
            show_static_table(ranked, key=f"{key}_ranked")
            details = st.expander("Details of every plan", key=f"{key}_details")
        else:
            details = nullcontext()  # straight into the headline: one block fewer to send
        with details:
            # An average when the months differ, said so as in the table below it.
            varies = cached(comparison, "costs_vary", lambda: costs_vary(comparison))
            average = " (average)" if varies else ""
            for row in rows[1:]:
                money, percent = st.columns(2)
                money.metric(
                    f"Savings per month{average}: {escape_markdown(row.plan)}",
                    row.savings_per_month,
                )
                # Only a figure fits a metric's one line: "today's plan costs nothing" would
                # be cut to "today's plan co…"; the sentence below says it in full.
                if is_figure_text(row.savings_percent or ""):
                    percent.metric(
                        f"Savings in percent: {escape_markdown(row.plan)}",
                        keep_percent_with_number(row.savings_percent or ""),
                    )
                if row.saves:
                    st.success(escape_markdown(row.explanation), icon=":material/savings:")
                else:
                    st.warning(escape_markdown(row.explanation), icon=":material/trending_up:")
            table = cached(comparison, "headline_table", lambda: headline_table(comparison))
            show_static_table(table, key=f"{key}_every_plan")
        st.metric(
            "Utilization: active users / provisioned accounts",
            format_utilization(comparison.utilization_overall),
        )
    caps = cached(comparison, "cap_warnings", lambda: cap_warnings(comparison))
    rates = cached(comparison, "unusual_rates", lambda: unusual_rate_notes(comparison.scenario))
    show_warnings((caps, ":material/block:"), (rates, ":material/price_check:"))


NO_FIGURES = "No figures until the inputs are fixed"
"""The headline's title while an input breaks a rule (the figures shown would be stale)."""


def show_no_figures(problems: Sequence[str], *, key: str = "headline") -> None:
    """The headline while the inputs break a rule: what to fix, and no figure of the scenario
    before the edit, inside ``st.container(key=key)``."""
    with st.container(key=key):
        lines = "\n".join(f"- {escape_markdown(line)}" for line in problems)
        st.warning(
            f"**{NO_FIGURES}.** The costs and savings of the last valid entry are hidden so that "
            f"no old number is taken for the new one. Fix this next to the inputs:\n{lines}",
            icon=":material/edit_note:",
        )


SECTION_LABELS = {
    "monthly_cost": "Monthly cost per plan",
    "savings": "Savings so far",
    "staffing": "Staffing: provisioned, active and peak concurrent agents",
    "utilization": "Monthly cost against utilization",
}
"""The label of each chart's section. Fixed text: a section stays open while its chart's title
changes with the numbers."""


def show_waterfall(comparison: Comparison, *, key_prefix: str = "") -> None:
    """The chart that explains the headline, when the scenario has an alternative plan, in
    ``st.container(key=f"{key_prefix}chart_waterfall")`` with its summary sentence and table;
    painted before anything after it (:func:`paint_now`)."""
    for slug, build in charts.chart_builders(comparison):
        if slug == "waterfall":
            view = chart_view_of(comparison, slug, build)
            show_chart_view(view, key=f"{key_prefix}chart_{slug}")
            paint_now()


def show_chart_sections(comparison: Comparison, *, key_prefix: str = "") -> None:
    """Every chart of the calculator page but the waterfall, each in
    ``st.container(key=f"{key_prefix}chart_<slug>")`` with its summary sentence and table.

    Every chart has a section of its own (``st.expander``, key
    ``{key_prefix}chart_section_<slug>``), open at first: every chart is shown without asking. A
    reader who closes a section no longer pays for its chart, which is built and sent only while
    the section is open. Each chart is built once per scenario (:mod:`app.scenario_cache`).
    """
    for slug, build in charts.chart_builders(comparison):
        if slug != "waterfall":
            _chart_section(comparison, slug, build, key_prefix)


@st.fragment
def _chart_section(
    comparison: Comparison, slug: str, build: charts.ChartBuilder, key_prefix: str
) -> None:
    """A chart's section, open until the reader closes it, and drawn only while open. A fragment:
    opening or closing it reruns this section only; any change to the scenario reruns the whole
    page, so ``comparison`` is the current one."""
    section = st.expander(
        SECTION_LABELS[slug],
        expanded=True,
        key=f"{key_prefix}chart_section_{slug}",
        on_change="rerun",
    )
    if section.open:
        with section:
            view = chart_view_of(comparison, slug, build)
            show_chart_view(view, key=f"{key_prefix}chart_{slug}", table_in_expander=False)
