"""The print copy of a chart: bar series told apart by a marker shape instead of a fill pattern.

On screen the budget charts fill their bars with patterns (``app/views/budget.py``) so series
differ by more than colour (WCAG 1.4.1). Chromium prints every patterned bar as a tiled fill:
the largest report's PDF grew to 16 MB and took several times as long to print as the same
report without patterns (``benchmarks/README.md``). The print copy drops the patterns and marks
the end of every bar with its series' marker shape instead (circle, square, diamond, ...: the
same shapes as the plans' lines in the other charts), a few vector points per bar that read in
grey scale too. The legend shows each series' shape in its colour.

Only the styling changes: every value, label and axis stays as it was, so the printed report
and the HTML report show the same figures.
"""

from __future__ import annotations

import copy
from typing import Any

from app import theme

PRINT_MARKER_SIZE = 10  # [px] fits a bar of the largest report (8 plans in a fiscal year)
PRINT_MARKER_LINE = 1.5  # [px] dark outline: the shape stays visible on a bar of any colour


def bar_traces(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bar traces of a chart's trace list."""
    return [trace for trace in data if trace.get("type") == "bar"]


def print_chart(data: list[dict[str, Any]], layout: dict[str, Any]) -> tuple[list, dict]:
    """``(data, layout)`` of a Plotly chart as printed: copies, the originals are left alone.

    Bars lose their fill patterns. When a chart has two bar series or more, each bar series gets
    a marker trace right after it: one point at the end of each bar (the middle of its segment
    when bars are stacked), in the series' marker shape, named like the series and standing for
    it in the legend.
    """
    data = copy.deepcopy(data)
    layout = copy.deepcopy(layout)
    bars = bar_traces(data)
    for trace in bars:
        marker = trace.get("marker")
        if isinstance(marker, dict):
            marker.pop("pattern", None)
    if len(bars) < 2:
        return data, layout
    mode = layout.get("barmode", "group")
    stacks: dict[tuple[str, str, Any, bool], float] = {}
    printed: list[dict[str, Any]] = []
    symbols: list[str] = []
    for trace in data:
        printed.append(trace)
        if trace.get("type") != "bar":
            continue
        number = len(symbols)
        if mode == "group":
            trace.setdefault("offsetgroup", f"print-{number}")
            layout["scattermode"] = "group"
        symbol = _series_symbol(_series_color(trace, number), number)
        if symbol in symbols:  # two series of one colour: shapes by place, all different
            shapes = (*theme.PLAN_MARKERS, *(f"{shape}-open" for shape in theme.PLAN_MARKERS))
            symbol = next((shape for shape in shapes if shape not in symbols), symbol)
        symbols.append(symbol)
        printed.append(_marker_trace(trace, number, symbol, mode, stacks))
    return printed, layout


def _marker_trace(
    bar: dict[str, Any],
    number: int,
    symbol: str,
    mode: str,
    stacks: dict[tuple[str, str, Any, bool], float],
) -> dict[str, Any]:
    """The markers standing for ``bar``, the ``number``-th bar series of its chart."""
    horizontal = bar.get("orientation") == "h"
    values = list(bar.get("x" if horizontal else "y") or [])
    categories = list(bar.get("y" if horizontal else "x") or range(len(values)))
    base = bar.get("base") or 0
    ends = []
    for index, (category, value) in enumerate(zip(categories, values, strict=False)):
        start = base[index] if isinstance(base, list) else base
        value = 0.0 if value is None else float(value)
        if mode in {"stack", "relative"}:
            key = (bar.get("xaxis", "x"), bar.get("yaxis", "y"), category, value < 0)
            start = stacks.get(key, float(start or 0))
            stacks[key] = start + value
            ends.append(start + value / 2)
        else:
            ends.append(float(start or 0) + value)
    color = _series_color(bar, number)
    group = bar.get("legendgroup") or f"print-series-{number}"
    shown = bar.get("showlegend", True)
    bar["legendgroup"] = group
    bar["showlegend"] = False  # the marker trace shows colour and shape in the legend
    markers: dict[str, Any] = {
        "type": "scatter",
        "mode": "markers",
        "name": bar.get("name", ""),
        "legendgroup": group,
        "showlegend": shown,
        "x": ends if horizontal else categories,
        "y": categories if horizontal else ends,
        "marker": {
            "symbol": symbol,
            "size": PRINT_MARKER_SIZE,
            "color": color,
            "line": {"color": theme.TEXT_COLOR, "width": PRINT_MARKER_LINE},
        },
        "cliponaxis": False,
        "hoverinfo": "skip",
    }
    for key in ("xaxis", "yaxis", "offsetgroup", "legendrank", "visible"):
        if key in bar:
            markers[key] = bar[key]
    return markers


def _series_color(bar: dict[str, Any], number: int) -> str:
    """The bar's one colour, or the plan colour of its place when it has none or several."""
    color = (bar.get("marker") or {}).get("color")
    return color if isinstance(color, str) else theme.plan_style(number)[0]


def _series_symbol(color: str, number: int) -> str:
    """The marker shape of the plan drawn in ``color`` (so a plan has the same shape in every
    chart), else the shape of the series' place in its chart."""
    colors = [value.upper() for value in theme.PLAN_COLORS]
    if color.upper() in colors:
        return theme.PLAN_MARKERS[colors.index(color.upper())]
    return theme.plan_style(number)[2]
