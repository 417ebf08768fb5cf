"""Charts of a side-by-side comparison, each with its table and summary (no Streamlit calls).

Columns are told apart by colour, line dash and marker (the plan palette of :mod:`app.theme`), and
user-supplied labels are HTML-escaped before they reach a figure, as in :mod:`app.charts`.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from app import theme
from app.chart_layout import axis, base_layout
from app.charts import ChartView
from calculator import SideBySide, format_money, format_percent


def _label(text: str) -> str:
    return html.escape(text, quote=False)


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
        color, dash, marker = theme.plan_style(index)
        cents = result.monthly_cents[column.label]
        texts = [format_money(value, currency) for value in cents]
        table[f"{column.label} ({currency})"] = texts + ["–"] * (len(numbers) - len(cents))
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _label(f"{column.label}: {column.plan}"),
                "x": numbers[: len(cents)],
                "y": [value / 100 for value in cents],
                "line": {"color": color, "dash": dash, "width": 3},
                "marker": {"symbol": marker, "size": 8, "color": color},
                "customdata": texts,
                "hovertemplate": "Month %{x}: %{customdata}<extra></extra>",
            }
        )
    averages = ", ".join(
        f"{total.label} {format_money(total.average_monthly_cents, currency)}"
        for total in result.totals
    )
    summary = f"Average cost per month: {averages}."
    title = "Monthly cost, side by side"
    figure = go.Figure(
        {
            "data": traces,
            "layout": _layout(
                title,
                f"Cost per month ({currency})",
                "Month of the contract",
                hovermode="x unified",
            ),
        }
    )
    return ChartView(title, figure, pd.DataFrame(table), summary, "side_by_side_monthly")


def totals_view(result: SideBySide) -> ChartView:
    """Each column's total cost over its horizon, with its savings against the reference."""
    currency = result.currency
    labels = [total.label for total in result.totals]
    texts = [format_money(total.cost_cents, currency) for total in result.totals]
    colors = [theme.plan_style(index)[0] for index in range(len(labels))]
    figure = go.Figure(
        {
            "data": [
                {
                    "type": "bar",
                    "x": [_label(label) for label in labels],
                    "y": [total.cost_cents / 100 for total in result.totals],
                    "marker": {"color": colors},
                    "text": texts,
                    "textposition": "outside",
                    "customdata": texts,
                    "hovertemplate": "%{x}: %{customdata}<extra></extra>",
                    "showlegend": False,
                }
            ],
            "layout": _layout(
                "Total cost, side by side",
                f"Total cost ({currency})",
                xaxis=axis(type="category"),
            ),
        }
    )
    table = pd.DataFrame(
        {
            "Scenario": labels,
            "Plan": [total.plan for total in result.totals],
            "Months": [total.months for total in result.totals],
            f"Total ({currency})": texts,
            f"Savings against {result.reference} ({currency})": [
                "–" if total.is_reference else format_money(total.savings_cents, currency)
                for total in result.totals
            ],
            "Savings in percent": [
                "–" if total.is_reference else format_percent(total.ratio)
                for total in result.totals
            ],
        }
    )
    cheapest = min(result.totals, key=lambda total: total.average_monthly_cents)
    parts = "; ".join(
        f"{total.label} {_saves(total.savings_cents, currency)} against {result.reference}"
        for total in result.totals
        if not total.is_reference
    )
    summary = f"Cheapest per month: {cheapest.label}" + (f"; {parts}." if parts else ".")
    return ChartView("Total cost, side by side", figure, table, summary, "side_by_side_totals")


def _saves(cents: int, currency: str) -> str:
    if cents >= 0:
        return f"saves {format_money(cents, currency)}"
    return f"costs {format_money(-cents, currency)} more"


def side_by_side_views(result: SideBySide) -> list[ChartView]:
    """The side-by-side page's charts in order: totals, then month by month."""
    return [totals_view(result), monthly_cost_view(result)]
