"""Chart builders for the login-log page: Plotly figures from a usage analysis, never Streamlit.

Each builder returns an :class:`app.charts.ChartView` (figure, a table with the same numbers, one
summary sentence). The analysis is read through small protocols, so this module needs no more of
:mod:`calculator` than the shape of its results. Months are category labels on the x axis; every
series differs by colour, dash and marker (:data:`app.theme.STAFFING_STYLE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

import pandas as pd
import plotly.graph_objects as go

from app import theme
from app.charts import ChartView


class UsageMonthLike(Protocol):
    month: str
    provisioned: int | None
    active: int
    peak_concurrent: int
    logged_in_hours: Decimal


class MonthsActiveLike(Protocol):
    months_active: int
    agents: int


class UsageLike(Protocol):
    months: Sequence[UsageMonthLike]
    months_active: Sequence[MonthsActiveLike]
    agents: int


_SERIES = (
    ("provisioned", "Provisioned accounts"),
    ("active", "Active agents"),
    ("peak_concurrent", "Peak concurrent"),
)


def _layout(title: str, x_title: str, y_title: str) -> dict:
    axis = {"gridcolor": theme.GRID_COLOR, "linecolor": "#767676", "zeroline": False}
    return {
        "template": "none",
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": theme.FONT_FAMILY, "color": theme.TEXT_COLOR, "size": 14},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "margin": {"l": 60, "r": 20, "t": 60, "b": 40},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        "hovermode": "x unified",
        "xaxis": {**axis, "type": "category", "title": {"text": x_title}, "automargin": True},
        "yaxis": {
            **axis,
            "title": {"text": y_title},
            "rangemode": "tozero",
            "tickformat": ",d",
            "automargin": True,
        },
    }


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "n/a"


def _hours(value: Decimal) -> str:
    return f"{value:,.1f}"


def monthly_usage_view(result: UsageLike) -> ChartView:
    """Active agents, peak concurrency and (with a roster) provisioned accounts, per month."""
    months = list(result.months)
    labels = [month.month for month in months]
    with_roster = any(month.provisioned is not None for month in months)
    figure = go.Figure(layout=_layout("Billable quantities per month", "Month", "Agents"))
    for field, name in _SERIES:
        if field == "provisioned" and not with_roster:
            continue
        color, dash, marker = theme.STAFFING_STYLE[field]
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=[getattr(month, field) for month in months],
                name=name,
                mode="lines+markers",
                line={"color": color, "dash": dash, "width": 3},
                marker={"symbol": marker, "size": 9, "color": color},
                hovertemplate=f"{name}: %{{y:,}}<extra></extra>",
            )
        )
    table = pd.DataFrame(
        {
            "Month": labels,
            **(
                {"Provisioned accounts": [month.provisioned for month in months]}
                if with_roster
                else {}
            ),
            "Active agents": [month.active for month in months],
            "Peak concurrent": [month.peak_concurrent for month in months],
            "Logged-in hours": [_hours(month.logged_in_hours) for month in months],
        }
    )
    return ChartView(
        title="Billable quantities per month",
        figure=figure,
        table=table,
        summary=_monthly_summary(months, with_roster),
        slug="usage_monthly",
    )


def _monthly_summary(months: list[UsageMonthLike], with_roster: bool) -> str:
    if not months:
        return "The log has no usable sessions, so there is nothing to chart."
    busiest = max(months, key=lambda month: month.active)
    peak = max(months, key=lambda month: month.peak_concurrent)
    quietest = min(months, key=lambda month: month.active)
    at_once = (
        f"at most {peak.peak_concurrent:,} {'was' if peak.peak_concurrent == 1 else 'were'} "
        "logged in at once"
    )
    roster = ""
    if with_roster:
        most = max(month.provisioned or 0 for month in months)
        roster = f", against up to {most:,} provisioned accounts"
    if len(months) == 1:
        return f"In {busiest.month}, {busiest.active:,} agents logged in and {at_once}{roster}."
    if quietest.active == busiest.active:
        each = f"{busiest.active:,} agents logged in each month"
    else:
        each = (
            f"between {quietest.active:,} ({quietest.month}) and {busiest.active:,} "
            f"({busiest.month}) agents logged in each month"
        )
    return (
        f"Over {len(months)} months ({months[0].month} to {months[-1].month}), {each}, and "
        f"{at_once} ({peak.month}){roster}."
    )


def months_active_view(result: UsageLike) -> ChartView:
    """How many agents were active in 1, 2, ... of the reported months: the part-time profile."""
    total_months = len(result.months)
    counts = {item.months_active: item.agents for item in result.months_active}
    spans = list(range(1, total_months + 1))
    agents = [counts.get(span, 0) for span in spans]
    color, _, _ = theme.STAFFING_STYLE["active"]
    figure = go.Figure(
        layout=_layout("Agents by number of months active", "Months active", "Agents")
    )
    figure.add_trace(
        go.Bar(
            x=[str(span) for span in spans],
            y=agents,
            name="Agents",
            marker={"color": color},
            hovertemplate="%{y:,} agents active in %{x} months<extra></extra>",
        )
    )
    total = sum(agents)
    table = pd.DataFrame(
        {
            "Months active": spans,
            "Agents": agents,
            "Share of agents": [_percent(count, total) for count in agents],
        }
    )
    return ChartView(
        title="Agents by number of months active",
        figure=figure,
        table=table,
        summary=_months_active_summary(agents, total_months),
        slug="usage_months_active",
    )


def _months_active_summary(agents: list[int], total_months: int) -> str:
    total = sum(agents)
    if not total:
        return "No agent logged in during the reported months."
    if total_months == 1:
        return f"All {total:,} agents were active in the one reported month."
    part_time = total - agents[-1]
    if not part_time:
        return f"All {total:,} agents logged in during every one of the {total_months} months."
    return (
        f"{part_time:,} of {total:,} agents ({_percent(part_time, total)}) logged in during only "
        f"some of the {total_months} months; a named seat bills them in every month."
    )
