"""Margins sized in advance: room for the axes' labels and titles and the legend, computed here so
the browser draws each chart once.

Every axis keeps Plotly's ``automargin``: a margin too small for what is drawn in it grows. But a
margin that grows makes Plotly lay out and draw the whole chart again, and a new chart element is
drawn twice by Streamlit already. Measured in headless Chromium on the calculator's five charts
(``benchmarks/chart_layout_bench.py``): 91-104 ms to draw them with the margins grown, 34-37 ms
with margins that already fit. So :func:`fitted_margins` estimates what Plotly would grow each
margin to, from the text it will draw, and asks for that at once.

An estimate too small costs only the second layout (the chart looks as before); one too large
leaves a few pixels of white. Where the text cannot be known in advance (which categories Plotly
labels on an axis of many, a tick format other than whole numbers), the side keeps the layout's
own margin and Plotly grows it as before. So does a screen other than a desktop's: on a narrower
one a legend wraps onto more rows and the months of a long plan turn sideways, and a heatmap's
colour bar stands a share of the plot's width away from it.

The widths below are Source Sans (:data:`app.theme.FONT_FAMILY`, the font Streamlit serves) as
Chromium measures it; the offsets are Plotly's, measured on the app's charts: with a one-line
axis title the left margin is the widest tick label + 39.7 px and the bottom margin 59 px for one
line of tick labels; each further title line adds 22 px and each further line of a tick label
18.2 px; a legend of one row is 32 px tall, and hung above the plot from the top of the figure it
needs its distance from the top + 32 px + 12 px (up to 5.7 px more in some charts); a colour bar
is its title (at 1.2 times the font) + 32 px or its widest label + 63.1 px wide.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence

_EM = 1000
_WIDTHS = {
    200: " \u00a0",
    241: "|",
    246: "i",
    247: "j",
    249: "',.:;",
    255: "l",
    263: "I",
    289: "!",
    292: "f",
    303: "()[]{}",
    311: "-",
    338: "t",
    347: "r",
    350: "/\\",
    418: "*",
    419: "s",
    425: "?z",
    426: '"',
    446: "x",
    456: "c",
    467: "vy",
    476: "Y",
    479: "J",
    480: "\u2013",
    486: "L",
    494: "F",
    495: "k",
    496: "e",
    497: "0123456789#$+<=>^~\u2212€£¥₹",
    500: "_",
    504: "ag",
    513: "X",
    515: "V",
    527: "E",
    534: "S",
    536: "T",
    539: "Z",
    542: "`o",
    543: "A",
    544: "hu",
    547: "n",
    553: "b",
    555: "dpq",
    566: "P",
    569: "R",
    571: "C",
    579: "K",
    588: "B",
    609: "&",
    615: "D",
    617: "G",
    645: "U",
    647: "N",
    652: "H",
    664: "OQ",
    719: "w",
    727: "M",
    786: "W",
    824: "%",
    829: "m",
    847: "@",
}
CHAR_WIDTH = {char: width for width, chars in _WIDTHS.items() for char in chars}
"""Advance width of each character in Source Sans [1/1000 em]; any other character counts as a
full em, wider than any of these, so an estimate errs towards white space."""

FONT_SIZE = 14
"""The charts' font size (:func:`app.views.conventions.base_layout`) [px]."""

LEFT_PAST_LABELS = 39.7 + 1.3
"""Left margin beyond the widest tick label, with a one-line axis title, and a pixel to spare
for rounding [px]."""

TITLE_LINE = 22
"""Each further line of an axis title [px]."""

TICK_LINE = 14 * 1.3
"""Each further line of a tick label: Plotly's line spacing of 1.3 em [px]."""

BOTTOM_ONE_LINE = 59
"""Bottom margin for one line of tick labels and a one-line axis title [px]."""

LEGEND_ROW = 32
"""Height of a legend of one row, and what it adds to the bottom margin under the plot [px]."""

LEGEND_BELOW = 12 + 6
"""Plotly's gap under a legend above the plot, and the most it was seen to add to it when the
axis's top tick label reaches above the plot (5.7 px) [px]."""

COLORBAR_TITLE_SIZE = FONT_SIZE * 1.2
"""Plotly writes a colour bar's title a fifth larger than the chart's font [px]."""

COLORBAR_PAST_TITLE = 32
"""A colour bar's width beyond its title's, with the gap to the plot's edge [px]."""

COLORBAR_PAST_LABELS = 63.1
"""A colour bar's width beyond its widest tick label: the bar, its padding and the gap [px]."""

COLORBAR_GAP = 0.02
"""Where a colour bar starts right of the plot: Plotly's default ``x`` of 1.02 [plot widths]."""

DESKTOP_CHART_WIDTH = 906
"""A chart's width on a desktop screen (1366 px with the sidebar open), for the one margin that
depends on it: the right, which a colour bar widens by :data:`COLORBAR_GAP` of the plot [px]."""

MOST_LABELLED_CATEGORIES = 12
"""Categories along y that Plotly labels every one of (the weekdays of a heatmap)."""

HEADROOM = 1.1
"""How far past the data an axis's top tick may reach: Plotly pads the range and rounds the
ticks to nice numbers [ratio]."""

HEADROOM_WITH_TEXT = 1.25
"""The same for bars with their figures written past their ends (the waterfall): Plotly makes
room for the text as well [ratio]."""


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Width of one line of ``text`` in Source Sans at ``size`` px [px]."""
    return sum(CHAR_WIDTH.get(char, _EM) for char in text) * size / _EM


def _lines(text: object) -> int:
    return str(text or "").count("<br>") + 1


def _widest_line(labels: Iterable[str], size: float) -> float:
    """Width of the longest line of any label, as drawn (entities such as ``&amp;`` are one
    character) [px]."""
    lines = (line for text in labels for line in html.unescape(text).split("<br>"))
    return max((text_width(line, size) for line in lines), default=0.0)


def _title_lines(axis: dict) -> int:
    title = axis.get("title") or {}
    return _lines(title.get("text") if isinstance(title, dict) else title)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _extent(values: Iterable[object]) -> tuple[float, float] | None:
    numbers = [_number(value) for value in values if value is not None]
    if not numbers or None in numbers:
        return None
    return min(numbers), max(numbers)


def _waterfall_sums(trace: dict) -> list[float] | None:
    """The running totals a waterfall's bars reach."""
    measures = trace.get("measure") or ["relative"] * len(trace.get("y") or [])
    total, reached = 0.0, [0.0]
    for measure, value in zip(measures, trace.get("y") or [], strict=False):
        number = _number(value)
        if number is None:
            return None
        total = number if measure == "absolute" else total if measure == "total" else total + number
        reached.append(total)
    return reached


def _stacked_sums(traces: Sequence[dict]) -> list[float] | None:
    """The tops and bottoms of stacked bars: positive and negative parts summed per x."""
    tops: dict[object, float] = {}
    bottoms: dict[object, float] = {}
    for trace in traces:
        for x, value in zip(trace.get("x") or [], trace.get("y") or [], strict=False):
            number = _number(value)
            if number is None:
                return None
            key = str(x)
            if number >= 0:
                tops[key] = tops.get(key, 0.0) + number
            else:
                bottoms[key] = bottoms.get(key, 0.0) + number
    return [0.0, *tops.values(), *bottoms.values()]


def _whisker_ends(trace: dict) -> list[object]:
    """Where a trace's error bars end (P10 and P90 whiskers on the Budget page)."""
    whiskers = trace.get("error_y") or {}
    if not whiskers.get("array"):
        return []
    values = trace.get("y") or []
    plus = whiskers["array"]
    minus = whiskers.get("arrayminus", plus) if not whiskers.get("symmetric", True) else plus
    ends: list[object] = []
    for value, up, down in zip(values, plus, minus, strict=False):
        numbers = (_number(value), _number(up), _number(down))
        if None in numbers:
            return [None]
        ends += [numbers[0] + numbers[1], numbers[0] - numbers[2]]
    return ends


def _value_extent(traces: Sequence[dict], layout: dict) -> tuple[float, float] | None:
    """Lowest and highest value a numeric y axis shows, or None when they cannot be known."""
    reached: list[float] = []
    bars = [trace for trace in traces if trace.get("type") == "bar"]
    if bars and layout.get("barmode") in ("stack", "relative"):
        sums = _stacked_sums(bars)
        if sums is None:
            return None
        reached += sums
        traces = [trace for trace in traces if trace.get("type") != "bar"]
    for trace in traces:
        kind = trace.get("type", "scatter")
        if kind == "waterfall":
            sums = _waterfall_sums(trace)
        elif kind in ("scatter", "bar") and not trace.get("stackgroup"):
            sums = list(trace.get("y") or []) + _whisker_ends(trace)
        else:
            return None
        extent = _extent(sums or [None])
        if extent is None:
            return None
        reached += extent
    return (min(reached), max(reached)) if reached else None


def _number_label(value: float, axis: dict) -> str | None:
    """The tick label Plotly writes for ``value`` with the axis's format, for the formats the
    charts use (whole numbers with thousands separators); None for any other."""
    if axis.get("tickformat") not in (",.0f", ",d"):
        return None
    digits = f"{abs(round(value)):,}"
    sign = "\u2212" if value < 0 else ""
    return f"{sign}{axis.get('tickprefix', '')}{digits}{axis.get('ticksuffix', '')}"


def _tick_labels(axis: dict, traces: Sequence[dict], layout: dict) -> list[str] | None:
    """The widest tick labels a y axis may show, or None when they cannot be known."""
    if axis.get("showticklabels") is False:
        return [""]
    if "ticktext" in axis:
        return [str(text) for text in axis["ticktext"]]
    if axis.get("type") == "category":
        names = {str(name) for trace in traces for name in (trace.get("y") or [])}
        return sorted(names) if 0 < len(names) <= MOST_LABELLED_CATEGORIES else None
    given = axis.get("range")
    extent = _value_extent(traces, layout) if given is None else _extent(given)
    if extent is None:
        return None
    low, high = (min(extent[0], 0.0), max(extent[1], 0.0))
    room = HEADROOM_WITH_TEXT if any(trace.get("text") for trace in traces) else HEADROOM
    labels = [_number_label(low * room, axis), _number_label(high * room, axis)]
    return None if None in labels else [label for label in labels if label is not None]


def _axis_traces(traces: Sequence[dict], name: str) -> list[dict]:
    """The traces drawn against y axis ``name`` ("yaxis", "yaxis2", ...)."""
    ref = "y" + name.removeprefix("yaxis")
    return [trace for trace in traces if trace.get("yaxis", "y") == ref]


def _left(traces: Sequence[dict], layout: dict) -> float | None:
    widest = 0.0
    for name, axis in layout.items():
        if not name.startswith("yaxis") or not isinstance(axis, dict):
            continue
        if not axis.get("automargin") or axis.get("side") == "right":
            continue
        on_axis = _axis_traces(traces, name)
        sideways = any(trace.get("orientation") == "h" for trace in on_axis)
        if sideways and "ticktext" not in axis:
            return None  # categories along y: Plotly picks which it labels
        labels = _tick_labels(axis, on_axis, layout)
        if labels is None:
            return None
        width = _widest_line(labels, (axis.get("tickfont") or {}).get("size", FONT_SIZE))
        extra_lines = _title_lines(axis) - 1
        widest = max(widest, width + LEFT_PAST_LABELS + TITLE_LINE * extra_lines)
    return widest or None


def _bottom(traces: Sequence[dict], layout: dict) -> float | None:
    axis = layout.get("xaxis")
    if not isinstance(axis, dict) or not axis.get("automargin"):
        return None
    if "ticktext" in axis:
        labels: list[object] = list(axis["ticktext"])
    else:
        labels = [x for trace in traces for x in (trace.get("x") or [])]
    label_lines = max((_lines(label) for label in labels), default=1)
    return BOTTOM_ONE_LINE + TICK_LINE * (label_lines - 1) + TITLE_LINE * (_title_lines(axis) - 1)


def _colorbar_label_width(heatmap: dict) -> float | None:
    """Width of a heatmap colour bar's widest tick label, from its highest value and Plotly's
    default format (whole numbers below 10,000, "20k" above; at least "0.5", the widest label
    of a fractional step) [px]; None when its values cannot be read."""
    values = [_number(value) for row in heatmap.get("z") or [] for value in row]
    if not values or None in values:
        return None
    highest = max(abs(value) for value in values if value is not None)
    label = f"{highest / 1000:.0f}k" if highest >= 10_000 else f"{int(highest)}"
    return max(text_width(label), text_width("0.5"))


def _right(traces: Sequence[dict], left: int) -> float | None:
    """The right margin the colour bar of a figure's one heatmap needs in a desktop chart whose
    left margin is ``left``, or None."""
    maps = [trace for trace in traces if trace.get("type") == "heatmap"]
    if len(maps) != 1 or maps[0].get("showscale") is False:
        return None
    labels = _colorbar_label_width(maps[0])
    if labels is None:
        return None
    title = (maps[0].get("colorbar") or {}).get("title") or ""
    text = html.unescape(str(title.get("text", "") if isinstance(title, dict) else title))
    bar = max(
        text_width(text, COLORBAR_TITLE_SIZE) + COLORBAR_PAST_TITLE, labels + COLORBAR_PAST_LABELS
    )
    # The plot's width is the chart's less both margins, and the gap is a share of it.
    return (COLORBAR_GAP * (DESKTOP_CHART_WIDTH - left) + bar) / (1 + COLORBAR_GAP)


def _shows_legend(traces: Sequence[dict], layout: dict) -> bool:
    listed = [trace for trace in traces if trace.get("showlegend", True) is not False]
    return layout.get("showlegend", len(listed) > 1) is not False and bool(listed)


def _legend_place(layout: dict) -> str | None:
    """Where the legend is: ``"above"`` (hung from the top of the figure, under the title),
    ``"below"`` (at the foot of the figure), or None for anywhere else."""
    legend = layout.get("legend") or {}
    if legend.get("yref") != "container":
        return None
    if legend.get("yanchor") == "top":
        return "above"
    return "below" if legend.get("yanchor") == "bottom" and legend.get("y") == 0 else None


def _top_for_legend(layout: dict) -> float | None:
    """The top margin a one-row legend hung from the top of the figure needs."""
    legend = layout.get("legend") or {}
    height = _number(layout.get("height"))
    place = _number(legend.get("y"))
    if height is None or place is None:
        return None
    return (1 - place) * height + LEGEND_ROW + LEGEND_BELOW


def fitted_margins(traces: Sequence[dict], layout: dict) -> dict:
    """``layout``'s margins, each widened to what Plotly's automargin would grow it to for this
    figure on a desktop screen [px]: the left for the widest tick label and the title of every y
    axis on the left, the bottom for the lines of the x axis's labels and title (and a legend of
    one row under the plot), the top for a legend of one row hung above the plot, the right for a
    heatmap's colour bar in a chart :data:`DESKTOP_CHART_WIDTH` wide. Tick labels are
    taken as upright: the months of a long plan, which Plotly turns on a narrower screen, grow the
    bottom margin there as before. A side whose text cannot be known in advance keeps the
    layout's margin. Never narrower than the layout's own margins."""
    margin = dict(layout.get("margin") or {})
    if not any(isinstance(layout.get(name), dict) for name in ("xaxis", "yaxis")):
        return margin
    kinds = {trace.get("type", "scatter") for trace in traces}
    if not kinds <= {"scatter", "bar", "waterfall", "heatmap"}:
        return margin
    wanted = {"l": _left(traces, layout), "b": _bottom(traces, layout)}
    if "heatmap" in kinds and wanted["l"] is None:
        return margin  # a colour bar's right margin depends on the left
    if _shows_legend(traces, layout):
        place = _legend_place(layout)
        if place == "above":
            wanted["t"] = _top_for_legend(layout)
        elif place == "below" and wanted["b"] is not None:
            wanted["b"] += LEGEND_ROW
        else:
            wanted["b"] = None
    _widen(margin, wanted)
    if "heatmap" in kinds:
        _widen(margin, {"r": _right(traces, margin["l"])})
    return margin


def _widen(margin: dict, wanted: dict[str, float | None]) -> None:
    """Each side of ``margin`` widened to the whole pixels ``wanted`` asks for, if any."""
    for side, size in wanted.items():
        if size is not None:
            margin[side] = max(margin.get(side, 0), math.ceil(size))
