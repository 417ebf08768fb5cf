"""Which commitment to sign: the cost of every commitment (or cap) level priced by
:func:`calculator.recommend_commitment`, as a chart with its table and the advice's sentence
(conventions: :mod:`app.views.conventions`).

The recommended level and the level signed now are marked by shape and by a text label, never by
colour alone. For a concurrent cap a lower panel shows the logins each level would refuse: the
cost against refused-logins frontier.
"""

from __future__ import annotations

import pandas as pd

from app import theme
from app.views.conventions import (
    AXIS_LINE_COLOR,
    ChartView,
    amount,
    axis,
    base_layout,
    figure,
    label,
)
from calculator import CommitmentAdvice, Scenario, format_money, recommend_commitment
from calculator._commitment import has_commitment

RECOMMENDED_MARKER = "star"
CURRENT_MARKER = "diamond-open"
MARKER_SIZE = 16
LEVEL_STYLE = (theme.TOTAL_COLOR, "solid", "circle")
REFUSED_STYLE = (theme.COSTING_COLOR, "dot", "triangle-up")


def commitment_advice(scenario: Scenario) -> list[CommitmentAdvice]:
    """The advice for every plan of ``scenario`` with a commitment or a cap, in plan order."""
    return [
        recommend_commitment(scenario, plan.name) for plan in scenario.plans if has_commitment(plan)
    ]


def _what(advice: CommitmentAdvice) -> str:
    return "Concurrent seats bought" if advice.term == "concurrent_cap" else "Committed units"


def _mark(advice: CommitmentAdvice, level: int) -> str:
    marks = []
    if level == advice.recommended:
        marks.append("recommended")
    if level == advice.current:
        marks.append("signed now")
    return ", ".join(marks) or "–"


def commitment_table(advice: CommitmentAdvice, currency: str) -> pd.DataFrame:
    """One row per level priced: the level, its total cost and, for a cap, the logins refused."""
    table = {
        _what(advice): [level.level for level in advice.levels],
        f"Total cost ({currency})": [
            format_money(level.cost_cents, currency) for level in advice.levels
        ],
    }
    if advice.term == "concurrent_cap":
        table["Refused logins"] = [level.refused_logins for level in advice.levels]
        table["Months with refused logins"] = [level.months_refused for level in advice.levels]
    table["Note"] = [_mark(advice, level.level) for level in advice.levels]
    return pd.DataFrame(table)


def _marker_trace(advice: CommitmentAdvice, which: str, currency: str) -> dict:
    level = advice.recommended_level if which == "recommended" else advice.current_level
    name = (
        f"Recommended: {level.level:,}"
        if which == "recommended"
        else f"Signed now: {level.level:,}"
    )
    symbol = RECOMMENDED_MARKER if which == "recommended" else CURRENT_MARKER
    color = theme.SAVING_COLOR if which == "recommended" else theme.TEXT_COLOR
    return {
        "type": "scatter",
        "mode": "markers+text",
        "name": name,
        "x": [level.level],
        "y": [amount(level.cost_cents)],
        "text": [name],
        "textposition": "top center" if which == "recommended" else "bottom center",
        "marker": {"symbol": symbol, "size": MARKER_SIZE, "color": color, "line": {"width": 2}},
        "hovertemplate": f"{name}: {format_money(level.cost_cents, currency)}<extra></extra>",
    }


def commitment_view(advice: CommitmentAdvice, currency: str) -> ChartView:
    """The total cost at each level, the recommended and current levels marked; for a cap, the
    logins refused at each level in a lower panel. The summary is the advice's sentence."""
    capped = advice.term == "concurrent_cap"
    levels = [level.level for level in advice.levels]
    costs = [level.cost_cents for level in advice.levels]
    color, dash, marker = LEVEL_STYLE
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "Total cost at each level",
            "x": levels,
            "y": [amount(cents) for cents in costs],
            "line": {"color": color, "dash": dash, "width": 2},
            "marker": {"symbol": marker, "size": 5, "color": color},
            "customdata": [format_money(cents, currency) for cents in costs],
            "hovertemplate": "%{x:,}: %{customdata}<extra></extra>",
        },
        _marker_trace(advice, "recommended", currency),
    ]
    if advice.current != advice.recommended:
        traces.append(_marker_trace(advice, "current", currency))
    title = f"Which commitment to sign: {advice.plan}"
    what = _what(advice)
    layout = base_layout(
        title,
        y_title=f"Total cost ({currency})",
        x_title=what,
        legend_place="below",
        height=520 if capped else 420,
    )
    layout["yaxis"].update(rangemode="tozero", tickformat=",.0f")
    layout["xaxis"].update(tickformat=",d", rangemode="tozero")
    if capped:
        color, dash, marker = REFUSED_STYLE
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Refused logins (lower panel)",
                "x": levels,
                "y": [level.refused_logins for level in advice.levels],
                "yaxis": "y2",
                "line": {"color": color, "dash": dash, "width": 2},
                "marker": {"symbol": marker, "size": 6, "color": color},
                "hovertemplate": "%{x:,} seats: %{y:,} refused logins<extra></extra>",
            }
        )
        layout["yaxis"].update(domain=[0.42, 1])
        layout["yaxis2"] = axis(
            "Refused logins",
            domain=[0, 0.3],
            anchor="x",
            rangemode="tozero",
            tickformat=",d",
            zeroline=True,
            zerolinecolor=AXIS_LINE_COLOR,
        )
        layout["xaxis"]["anchor"] = "y2"  # the levels are labelled once, under the lower panel
    for trace in traces:
        trace["name"] = label(trace["name"])
    return ChartView(
        title,
        figure(traces, layout),
        commitment_table(advice, currency),
        advice.sentence,
        "commitment",
    )


def commitment_summary(advice: CommitmentAdvice, currency: str) -> pd.DataFrame:
    """The small table a report shows: the level signed now and the recommended one."""
    capped = advice.term == "concurrent_cap"
    shown = [("Signed now", advice.current_level), ("Recommended", advice.recommended_level)]
    if advice.current == advice.recommended:
        shown = [("Signed now and recommended", advice.current_level)]
    table = {
        "Level": [name for name, _ in shown],
        _what(advice): [f"{level.level:,}" for _, level in shown],
        f"Total cost ({currency})": [
            format_money(level.cost_cents, currency) for _, level in shown
        ],
    }
    if capped:
        table["Refused logins"] = [f"{level.refused_logins or 0:,}" for _, level in shown]
        table["Months with refused logins"] = [
            f"{level.months_refused or 0:,}" for _, level in shown
        ]
    return pd.DataFrame(table)
