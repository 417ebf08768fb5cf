"""Chart builders for the login-log page: Plotly figures from a usage analysis, never Streamlit.

Each builder returns an :class:`app.charts.ChartView` (figure, a table with the same numbers, one
summary sentence). The monthly charts read the analysis through small protocols; the insight
charts read :class:`calculator.usage.UsageInsights`. Months are category labels on the x axis; every
series differs by colour, dash and marker (:data:`app.theme.STAFFING_STYLE`).
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

import pandas as pd

from app import theme
from app.charts import ChartView
from app.reports._safety import neutralise
from app.views.conventions import TITLE_LINE_HEIGHT, figure, legend, title_lines
from calculator import counted
from calculator.usage import Column, SourceFile, UsageInsights, UsageResult


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
    lines = title_lines(title)  # wrapped to fit a phone, like every other chart's title
    return {
        "template": "none",
        "title": {"text": "<br>".join(lines), "x": 0, "xanchor": "left"},
        "font": {"family": theme.FONT_FAMILY, "color": theme.TEXT_COLOR, "size": 14},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "margin": {"l": 60, "r": 20, "t": 60 + TITLE_LINE_HEIGHT * (len(lines) - 1), "b": 40},
        "legend": legend("below"),  # at the figure's foot: clear of the x axis's labels
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


MOST_WHOLE_TICKS = 8
"""Most steps between ticks on an axis of whole numbers (agents, levels)."""


def whole_number_ticks(top: float) -> dict:
    """An axis of counts labelled at whole numbers only, from 0 up to ``top``: Plotly's own
    ticks for a small range fall between them (0, 0.2, ... 1), which ``",d"`` shows as "0 0 0
    1 1 1". The step is 1, 2 or 5 times a power of ten, the smallest that needs at most
    :data:`MOST_WHOLE_TICKS` steps."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            if top <= MOST_WHOLE_TICKS * factor * power:
                return {
                    "tickmode": "linear",
                    "tick0": 0,
                    "dtick": factor * power,
                    "tickformat": ",d",
                }
        power *= 10


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "n/a"


def _hours(value: Decimal) -> str:
    return f"{value:,.1f}"


def monthly_usage_view(result: UsageLike) -> ChartView:
    """Active agents, peak concurrency and (with a roster) provisioned accounts, per month."""
    months = list(result.months)
    labels = [month.month for month in months]
    with_roster = any(month.provisioned is not None for month in months)
    layout = _layout("Billable quantities per month", "Month", "Agents")
    traces = []
    for field, name in _SERIES:
        if field == "provisioned" and not with_roster:
            continue
        color, dash, marker = theme.STAFFING_STYLE[field]
        traces.append(
            {
                "type": "scatter",
                "x": labels,
                "y": [getattr(month, field) for month in months],
                "name": name,
                "mode": "lines+markers",
                "line": {"color": color, "dash": dash, "width": 3},
                "marker": {"symbol": marker, "size": 9, "color": color},
                "hovertemplate": f"{name}: %{{y:,}}<extra></extra>",
            }
        )
    top = max((getattr(m, f) or 0 for m in months for f, _ in _SERIES), default=0)
    layout["yaxis"].update(whole_number_ticks(top))
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
        figure=figure(traces, layout),
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
        roster = f", against up to {counted(most, 'provisioned account')}"
    if len(months) == 1:
        agents = counted(busiest.active, "agent")
        return f"In {busiest.month}, {agents} logged in and {at_once}{roster}."
    if quietest.active == busiest.active:
        each = f"{counted(busiest.active, 'agent')} logged in each month"
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
    layout = _layout("Agents by number of months active", "Months active", "Agents")
    layout["yaxis"].update(whole_number_ticks(max(agents, default=0)))
    bars = {
        "type": "bar",
        "x": [str(span) for span in spans],
        "y": agents,
        "name": "Agents",
        "marker": {"color": color},
        "customdata": [
            f"{counted(count, 'agent')} active in {counted(span, 'month')}"
            for span, count in zip(spans, agents, strict=True)
        ],
        "hovertemplate": "%{customdata}<extra></extra>",
    }
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
        figure=figure([bars], layout),
        table=table,
        summary=_months_active_summary(agents, total_months),
        slug="usage_months_active",
    )


def _months_active_summary(agents: list[int], total_months: int) -> str:
    total = sum(agents)
    if not total:
        return "No agent logged in during the reported months."
    everyone = f"{'The' if total == 1 else 'All'} {counted(total, 'agent')}"
    if total_months == 1:
        return f"{everyone} {'was' if total == 1 else 'were'} active in the one reported month."
    part_time = total - agents[-1]
    if not part_time:
        return f"{everyone} logged in during every one of the {total_months} months."
    return (
        f"{part_time:,} of {counted(total, 'agent')} ({_percent(part_time, total)}) logged in "
        f"during only some of the {total_months} months; a named seat bills them in every month."
    )


# Insights: billing figures, daily peaks, load-duration curve, hour-of-week heatmap, groups.

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _line(x: list, y: list, name: str, style: str) -> dict:
    color, dash, marker = theme.STAFFING_STYLE[style]
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "name": name,
        "mode": "lines+markers" if len(x) <= 62 else "lines",
        "line": {"color": color, "dash": dash, "width": 3},
        "marker": {"symbol": marker, "size": 8, "color": color},
        "hovertemplate": f"{name}: %{{y:,}}<extra></extra>",
    }


def billing_view(result: UsageResult) -> ChartView:
    """Per month: the instantaneous peak beside the Genesys Cloud billed figures."""
    months = list(result.months)
    labels = [month.month for month in months]
    title = "Genesys Cloud billing quantities per month"
    layout = _layout(title, "Month", "Agents")
    traces = [
        _line(labels, [m.peak_any_instant for m in months], "Peak at any instant", "active"),
        _line(
            labels,
            [m.genesys_concurrent or 0 for m in months],
            "Concurrent billed (peaks under 30 min ignored)",
            "peak_concurrent",
        ),
    ]
    top = max((max(m.peak_any_instant, m.genesys_concurrent or 0) for m in months), default=0)
    layout["yaxis"].update(whole_number_ticks(top))
    table = pd.DataFrame(
        {
            "Month": labels,
            "Active agents (named users)": [m.active for m in months],
            "Peak at any instant": [m.peak_any_instant for m in months],
            "Concurrent billed (30-minute rule)": [m.genesys_concurrent for m in months],
            "Logged-in hours": [_hours(m.logged_in_hours) for m in months],
            "Hours billed (rounded up)": [m.genesys_hours for m in months],
        }
    )
    lower = [m for m in months if (m.genesys_concurrent or 0) < m.peak_any_instant]
    if not months:
        summary = "The log has no usable sessions, so there is nothing to bill."
    elif not lower:
        summary = (
            "Every month's peak was held for 30 minutes or more, so concurrent billing counts the "
            f"full peak (at most {counted(max(m.peak_any_instant for m in months), 'agent')})."
        )
    else:
        biggest = max(lower, key=lambda m: m.peak_any_instant - (m.genesys_concurrent or 0))
        summary = (
            f"In {len(lower)} of {counted(len(months), 'month')} the peak lasted under 30 "
            f"minutes in total, so fewer agents are billed; most in {biggest.month}: "
            f"{biggest.genesys_concurrent or 0:,} billed against a peak of "
            f"{biggest.peak_any_instant:,}."
        )
    chart = figure(traces, layout)
    return ChartView(title=title, figure=chart, table=table, summary=summary, slug="billing")


def daily_peak_view(insights: UsageInsights) -> ChartView:
    """The most agents logged in at once on each day the log covers: from the day of its first
    login to the day of its last logout. The days of the reported months outside it are not
    days nobody logged in, only days the log does not reach, so they are not drawn as zeros."""
    first, last = _covered_days(insights)
    days = [day for day in insights.daily_peaks if first <= day.day <= last]
    title = "Daily peak concurrency"
    layout = _layout(title, "Day", "Agents logged in at once")
    layout["xaxis"]["type"] = "date"
    layout["yaxis"].update(whole_number_ticks(max((d.peak for d in days), default=0)))
    # One bar a day: a day is a count of its own, and a day nobody logged in is a gap. (A dotted
    # step line through months of weekdays and empty weekends read as hatching.)
    color, _, _ = theme.STAFFING_STYLE["peak_concurrent"]
    bars = {
        "type": "bar",
        "x": [d.day for d in days],
        "y": [d.peak for d in days],
        "name": "Daily peak",
        "marker": {"color": color},
        "hovertemplate": "%{x|%A %Y-%m-%d}: %{y:,} at once<extra></extra>",
    }
    table = pd.DataFrame(
        {
            "Day": [d.day for d in days],
            "Weekday": [WEEKDAYS[_weekday(d.day)] for d in days],
            "Peak concurrent": [d.peak for d in days],
            "Logged-in hours": [_hours(d.logged_in_hours) for d in days],
        }
    )
    busy = [d for d in days if d.peak]
    if not busy:
        summary = "Nobody logged in on any day of the reported months."
    else:
        top = max(busy, key=lambda d: d.peak)
        peaks = sorted(d.peak for d in busy)
        summary = (
            f"The busiest day was {WEEKDAYS[_weekday(top.day)]} {top.day} with "
            f"{counted(top.peak, 'agent')} logged in at once; on half of the "
            f"{counted(len(busy), 'day')} with logins the peak "
            f"was {peaks[(len(peaks) - 1) // 2]:,} or fewer."
        )
    chart = figure([bars], layout)
    return ChartView(title=title, figure=chart, table=table, summary=summary, slug="daily_peak")


def _covered_days(insights: UsageInsights) -> tuple[str, str]:
    """The first and last day (ISO dates) with logged-in time; every day without sessions."""
    if insights.log_start is None or insights.log_end is None:
        return "", "9999-12-31"
    # A last logout at midnight ends the day before.
    end = _dt.datetime.fromisoformat(insights.log_end) - _dt.timedelta(microseconds=1)
    return insights.log_start[:10], end.date().isoformat()


def _weekday(day: str) -> int:
    year, month, date = (int(part) for part in day.split("-"))
    return _dt.date(year, month, date).weekday()


def load_duration_view(insights: UsageInsights, month: str) -> ChartView:
    """Hours of ``month`` with at least N agents logged in, for every N up to the peak."""
    curve = next(item for item in insights.load_duration if item.month == month)
    levels = list(range(1, len(curve.hours_at_least) + 1))
    title = f"Load-duration curve, {month}"
    layout = _layout(title, "At least this many agents logged in", "Hours")
    layout["xaxis"].update(type="linear", **whole_number_ticks(len(levels)))
    layout["yaxis"]["tickformat"] = ",.0f"
    color, _, marker = theme.STAFFING_STYLE["active"]
    line = {
        "type": "scatter",
        "x": levels,
        "y": [float(value) for value in curve.hours_at_least],
        "name": "Hours",
        "mode": "lines+markers",
        "line": {"color": color, "dash": "solid", "width": 3, "shape": "hv"},
        "marker": {"symbol": marker, "size": 8, "color": color},
        "customdata": [
            f"At least {counted(level, 'agent')}: {_hours(hours)} h"
            for level, hours in zip(levels, curve.hours_at_least, strict=True)
        ],
        "hovertemplate": "%{customdata}<extra></extra>",
    }
    table = pd.DataFrame(
        {
            "At least this many agents": levels,
            "Hours in the month": [_hours(value) for value in curve.hours_at_least],
        }
    )
    if not levels:
        summary = f"Nobody logged in during {month}."
    else:
        half_hour = Decimal("0.5")
        held = max(
            (n for n, h in zip(levels, curve.hours_at_least, strict=True) if h >= half_hour),
            default=0,
        )
        summary = (
            f"In {month} at least one agent was logged in for {_span(curve.hours_at_least[0])} "
            f"and {levels[-1]:,} at once for {_span(curve.hours_at_least[-1])}; "
            f"{held:,} or more were logged in together for at least 30 minutes in total."
        )
    chart = figure([line], layout)
    return ChartView(title=title, figure=chart, table=table, summary=summary, slug="load")


def _span(hours: Decimal) -> str:
    """A length of time in words: minutes under an hour, else hours to a tenth."""
    if hours < 1:
        minutes = int((hours * 60).to_integral_value(rounding="ROUND_HALF_UP"))
        return counted(minutes, "minute")
    return f"{hours:,.1f} hours"


def heatmap_view(insights: UsageInsights) -> ChartView:
    """Average agents logged in by weekday and hour of the day (the billing clock)."""
    grid = [[Decimal(0)] * 24 for _ in WEEKDAYS]
    for cell in insights.heatmap:
        grid[cell.weekday][cell.hour] = cell.average
    title = "Average agents logged in, by weekday and hour"
    layout = _layout(title, "Hour of the day (billing time zone)", "")
    layout["xaxis"]["type"] = "category"
    layout["yaxis"].update(type="category", autorange="reversed")
    del layout["yaxis"]["tickformat"]  # weekdays, not counts
    hours_text = [f"{hour:02d}" for hour in range(24)]
    cells = {
        "type": "heatmap",
        "z": [[float(value) for value in row] for row in grid],
        "x": hours_text,
        "y": list(WEEKDAYS),
        "colorscale": "Blues",
        "colorbar": {"title": {"text": "Agents"}},
        "hovertemplate": "%{y} %{x}:00: %{z:.2f} agents on average<extra></extra>",
    }
    table = pd.DataFrame(
        {
            "Weekday": list(WEEKDAYS),
            **{f"{h}:00": [str(row[i]) for row in grid] for i, h in enumerate(hours_text)},
        }
    )
    busiest = max(insights.heatmap, key=lambda cell: cell.average, default=None)
    if busiest is None or not busiest.average:
        summary = "Nobody logged in during the reported months."
    else:
        summary = (
            f"Averaged over the hours the log covers, the busiest hour of the week is "
            f"{WEEKDAYS[busiest.weekday]} {busiest.hour:02d}:00-{(busiest.hour + 1) % 24:02d}:00 "
            f"with {busiest.average} agents logged in (at most {busiest.peak:,} at once)."
        )
    chart = figure([cells], layout)
    return ChartView(title=title, figure=chart, table=table, summary=summary, slug="heatmap")


CHART_GROUPS = 12
"""Most bars per month in the group chart: the groups with the most billed hours, the rest added
into one bar (the table lists every group)."""


def group_view(insights: UsageInsights, *, comparison: bool) -> ChartView | None:
    """Concurrent agents per group and month by Genesys Cloud's rules; None without a group
    column. ``comparison``: the log is not a Genesys Cloud export, so these rules are not what
    the user is billed, and the words say they are applied only to compare."""
    if not insights.groups:
        return None
    kind = insights.group_kind or "group"
    names = list(dict.fromkeys(row.group for row in insights.groups))  # in the insights' order
    months = sorted({row.month for row in insights.groups})
    totals = dict.fromkeys(names, 0)
    billed: dict[tuple[str, str], int] = {}
    for row in insights.groups:
        totals[row.group] += row.genesys_hours
        billed[row.group, row.month] = row.genesys_concurrent
    ranked = sorted(names, key=lambda name: (-totals[name], name))
    most = set(ranked[: CHART_GROUPS - 1]) if len(names) > CHART_GROUPS else set(names)
    shown = [name for name in names if name in most]
    rest = [name for name in names if name not in most]
    bars = [(name, [billed.get((name, m), 0) for m in months]) for name in shown]
    if rest:
        summed = [sum(billed.get((name, m), 0) for name in rest) for m in months]
        bars.append((counted(len(rest), f"other {kind}"), summed))
    if comparison:
        title = f"For comparison: concurrent agents per {kind} by Genesys Cloud's rules"
        concurrent, hours = "Concurrent (Genesys Cloud's rules)", "Hours (Genesys Cloud's rules)"
    else:
        title = f"Concurrent agents billed per {kind}"
        concurrent, hours = "Concurrent billed", "Hours billed"
    layout = {**_layout(title, "Month", "Agents"), "barmode": "stack"}
    layout["yaxis"].update(
        whole_number_ticks(max(map(sum, zip(*(v for _, v in bars), strict=True)), default=0))
    )
    traces = [
        {
            "type": "bar",
            "x": months,
            "y": values,
            "name": html.escape(legend_name(name), quote=False),
            "marker": {"color": theme.PLAN_COLORS[index % len(theme.PLAN_COLORS)]},
        }
        for index, (name, values) in enumerate(bars)
    ]
    table = pd.DataFrame(
        {
            kind.capitalize(): [row.group for row in insights.groups],
            "Month": [row.month for row in insights.groups],
            "Active agents": [row.active for row in insights.groups],
            "Peak at any instant": [row.peak_any_instant for row in insights.groups],
            concurrent: [row.genesys_concurrent for row in insights.groups],
            "Logged-in hours": [_hours(row.logged_in_hours) for row in insights.groups],
            hours: [row.genesys_hours for row in insights.groups],
        }
    )
    top = ranked[0]
    summary = _group_summary(kind, len(names), top, totals[top], comparison)
    chart = figure(traces, layout)
    return ChartView(title=title, figure=chart, table=table, summary=summary, slug="groups")


def _group_summary(kind: str, groups: int, top: str, hours: int, comparison: bool) -> str:
    """The group chart's sentence; ``top`` is the group with the most hours billed (``hours``)."""
    if comparison and groups == 1:
        return (
            f"Every session is in one {kind}, {top}; for comparison, Genesys Cloud's rules would "
            f"bill {counted(hours, 'hour')}."
        )
    if comparison:
        return (
            f"For comparison, Genesys Cloud's rules would bill {counted(groups, kind)} separately "
            f"and add them; {top} would have the most hours billed ({hours:,})."
        )
    if groups == 1:
        return f"Every session is in one {kind}, {top}: {counted(hours, 'hour')} billed."
    return (
        f"{counted(groups, kind)} are billed separately and added; {top} has the most billed "
        f"hours ({hours:,})."
    )


LEGEND_CHARACTERS = 40
"""Longest group name in a legend; the table shows names whole."""


def legend_name(name: str) -> str:
    """A group name as a legend entry: at most ``LEGEND_CHARACTERS``, cut with an ellipsis."""
    if len(name) <= LEGEND_CHARACTERS:
        return name
    return name[: LEGEND_CHARACTERS - 1].rstrip() + "\u2026"


def agent_months_csv(insights: UsageInsights) -> bytes:
    """Hours per agent and month as CSV; agent ids are made inert for spreadsheets."""
    rows = insights.agent_months
    frame = pd.DataFrame(
        {
            "agent": [neutralise(agent) for agent in rows.agent],
            "month": rows.month,
            "logged_in_hours": [str(hours) for hours in rows.logged_in_hours],
        }
    )
    return frame.to_csv(index=False).encode("utf-8")


def sources_table(sources: Sequence[SourceFile]) -> pd.DataFrame:
    """How each file was read, with only what applies to its kind: the separator of a CSV, the
    encoding of a text file (CSV or JSON), the sheet of a workbook. A column that applies to no
    file is left out; a cell that does not apply to its file is empty."""
    columns: dict[str, list[str]] = {
        "File": [source.file for source in sources],
        "Layout": [source.layout + ("" if source.detected else " (chosen)") for source in sources],
        "Read as": [
            source.container + (f", {source.compression}" if source.compression else "")
            for source in sources
        ],
    }
    if any(source.is_text for source in sources):
        columns["Encoding"] = [source.encoding if source.is_text else "" for source in sources]
    if any(source.is_csv for source in sources):
        columns["Separator"] = [source.delimiter if source.is_csv else "" for source in sources]
    columns["Times without offset read as"] = [source.source_tz for source in sources]
    columns["Group column"] = [source.columns.get(Column.GROUP, "none") for source in sources]
    return pd.DataFrame(columns)
