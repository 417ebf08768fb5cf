"""The side-by-side page's charts, from a :class:`calculator.SideBySide` (conventions:
:mod:`app.views.conventions`).

Columns are told apart by colour, line dash and marker (the plan palette of :mod:`app.theme`).
"""

from __future__ import annotations

import pandas as pd

from app import theme
from app.views.conventions import (
    ChartView,
    amount,
    and_list,
    axis,
    base_layout,
    figure,
    label,
    plan_line,
)
from calculator import SideBySide, format_money, savings_percent


def _layout(title: str, y_title: str, x_title: str = "", **extra: object) -> dict:
    """The shared layout with a money axis from zero."""
    layout = base_layout(title, y_title=y_title, x_title=x_title, **extra)
    layout["yaxis"].update(rangemode="tozero", tickformat=",.0f")
    return layout


def monthly_cost_view(result: SideBySide) -> ChartView:
    """Each column's cost in month 1, 2, ... of its horizon, one line per column."""
    currency = result.currency
    wide = result.monthly_wide
    numbers = wide["month_number"].tolist()
    table = {"Month": numbers}
    traces = []
    for index, column in enumerate(result.columns):
        cents = result.monthly_cents[column.label]
        texts = [format_money(value, currency) for value in cents]
        table[f"{column.label} ({currency})"] = texts + ["–"] * (len(numbers) - len(cents))
        traces.append(
            plan_line(
                f"{column.label}: {column.plan}",
                numbers[: len(cents)],
                [amount(value) for value in cents],
                index,
                texts,
                hovertemplate="Month %{x}: %{customdata}<extra></extra>",
            )
        )
    averages = ", ".join(
        f"{total.label} {format_money(total.average_monthly_cents, currency)}"
        for total in result.totals
    )
    summary = f"Average cost per month: {averages}."
    title = "Monthly cost, side by side"
    chart = figure(
        traces,
        _layout(
            title, f"Cost per month ({currency})", "Month of the contract", hovermode="x unified"
        ),
    )
    return ChartView(title, chart, pd.DataFrame(table), summary, "side_by_side_monthly")


def totals_view(result: SideBySide) -> ChartView:
    """Each column's total cost over its horizon, with its savings against the reference."""
    currency = result.currency
    labels = [total.label for total in result.totals]
    texts = [format_money(total.cost_cents, currency) for total in result.totals]
    # Totals over 12 and 24 months stand side by side as bars: each says its months, and the
    # savings, which compare only the months shared with the reference, say which.
    lengths = sorted({total.months for total in result.totals})
    uneven = len(lengths) > 1
    bar_texts = [
        f"{text} ({total.months} months)" if uneven else text
        for text, total in zip(texts, result.totals, strict=True)
    ]
    colors = [theme.plan_style(index)[0] for index in range(len(labels))]
    chart = figure(
        [
            {
                "type": "bar",
                "x": [label(name) for name in labels],
                "y": [amount(total.cost_cents) for total in result.totals],
                "marker": {"color": colors},
                "text": bar_texts,
                "textposition": "outside",
                "customdata": bar_texts,
                "hovertemplate": "%{x}: %{customdata}<extra></extra>",
                "showlegend": False,
            }
        ],
        _layout(
            "Total cost, side by side", f"Total cost ({currency})", xaxis=axis(type="category")
        ),
    )
    table = pd.DataFrame(
        {
            # The reference is marked in its row, so the savings header stays short enough for
            # every column to show at a laptop's width (labels can be long).
            "Scenario": [
                f"{total.label} (reference)" if total.is_reference else total.label
                for total in result.totals
            ],
            "Plan": [total.plan for total in result.totals],
            "Months": [total.months for total in result.totals],
            f"Total ({currency})": texts,
            f"Savings against the reference ({currency})": [
                "–" if total.is_reference else format_money(total.savings_cents, currency)
                for total in result.totals
            ],
            "Savings in percent": [
                "–" if total.is_reference else savings_percent(total.ratio, result.reference)
                for total in result.totals
            ],
        }
    )
    if uneven:
        table.insert(
            4,
            "Months compared",
            ["–" if total.is_reference else total.compared_months for total in result.totals],
        )
    if len(result.totals) == 1:  # nothing to be cheaper than
        only = result.totals[0]
        summary = f"{only.label} costs {texts[0]} in all; add a column to compare."
        return ChartView("Total cost, side by side", chart, table, summary, "side_by_side_totals")
    lowest = min(total.average_monthly_cents for total in result.totals)
    cheapest = [total.label for total in result.totals if total.average_monthly_cents == lowest]
    parts = "; ".join(
        f"{total.label} {_saves(total.savings_cents, currency)} against {result.reference}"
        for total in result.totals
        if not total.is_reference
    )
    tie = ", the same" if len(cheapest) > 1 else ""  # every column as cheap is named
    summary = f"Cheapest per month: {and_list(cheapest)}{tie}" + (f"; {parts}." if parts else ".")
    if uneven:
        months = and_list([str(n) for n in lengths])
        summary += (
            f" The totals cover different numbers of months ({months}); each saving compares "
            f"only the months a column shares with {result.reference}."
        )
    return ChartView("Total cost, side by side", chart, table, summary, "side_by_side_totals")


def _saves(cents: int, currency: str) -> str:
    if cents >= 0:
        return f"saves {format_money(cents, currency)}"
    return f"costs {format_money(-cents, currency)} more"


def side_by_side_views(result: SideBySide) -> list[ChartView]:
    """The side-by-side page's charts in order: totals, then month by month."""
    return [totals_view(result), monthly_cost_view(result)]
