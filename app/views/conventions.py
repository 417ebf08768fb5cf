"""What every chart shares: the :class:`ChartView` it is returned as, its layout (text, colours,
axes with room for their titles, the legend) and the small helpers every builder uses.

Every builder in :mod:`app.views` returns a :class:`ChartView`: the figure, a table with the same
numbers and one sentence that says what the chart shows, so a page (or a report) always shows the
three together and no reader depends on seeing the canvas. Builders never call Streamlit. Money in
tables and sentences is formatted from exact cents; figures plot the same cents as currency units
(:func:`amount`). User-supplied labels (plan, scenario, program names) go through :func:`label`
before they reach a figure, since Plotly renders a subset of HTML in titles, legends and hover
text. Figures are built from plain dicts with :func:`figure`.

Every layout starts from :func:`base_layout`, so fonts, margins and legends look and behave the
same everywhere. Each layout is set in full, without a Plotly template: copying a template costs
~10 ms a figure.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from app import theme
from app.views.margins import fitted_margins
from calculator import TODAY_MARK, format_utilization, is_figure_text

PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}
"""Plotly options for every chart: no toolbar. It covered titles on narrow screens and added a
dozen tab stops per chart; every chart's numbers and images are offered as downloads instead."""

TITLE_LINE_CHARS = 40
"""Longest line of a chart title [characters]: a title this long fits a phone's 390 px screen."""

LEGEND_LINE_CHARS = 36
"""Longest line of a legend entry [characters]: with its symbol it fits a phone's chart."""

TITLE_LINE_HEIGHT = 22
"""Height of each title line after the first, added to the top margin [px]."""

TITLE_TOP = 10
"""Space above a chart's title [px]."""

TITLE_GAP = 8
"""Space between a chart's title and a legend above the plot [px]."""

AXIS_LINE_COLOR = "#767676"
"""Axis lines and the zero line: 4.5:1 against white."""

AXIS_TITLE_CHARS = 28
"""Longest line of an axis title [characters]: on a phone the plot is about 250 px wide."""

Y_TITLE_CHARS = 20
"""Longest line of a y axis title [characters]: on a phone a plot under a long title is about
130 px tall, and a longer line ran up into the title."""

AXIS_TITLE_STANDOFF = 12
"""Gap between an axis title and its tick labels [px]."""

LegendPlace = Literal["above", "below"]


def axis(title: str = "", *, wrap: int = 0, **extra: object) -> dict:
    """An axis with light gridlines and a dark line; its margin grows to fit the tick labels and
    keeps the title ``AXIS_TITLE_STANDOFF`` px clear of them.

    ``title`` is plain text, HTML-escaped here and broken into lines of at most ``wrap``
    characters (default :data:`AXIS_TITLE_CHARS`): Plotly centres an axis title on the plot and
    never wraps it, so a long one ran off a phone's screen."""
    text = "<br>".join(title_lines(title, wrap or AXIS_TITLE_CHARS)) if title else ""
    return {
        "gridcolor": theme.GRID_COLOR,
        "linecolor": AXIS_LINE_COLOR,
        "zeroline": False,
        "automargin": True,
        "title": {"text": text, "standoff": AXIS_TITLE_STANDOFF},
        **extra,
    }


def legend(place: LegendPlace = "above") -> dict:
    """A horizontal legend, left-aligned, just above or just below the plot.

    Every entry's symbol is drawn at one size, so a large marker in the plot does not crowd its
    entry. Entries are spaced by their measured text width, which is why :data:`theme.FONT_FAMILY`
    must be valid CSS.
    """
    # Below: at the foot of the whole figure, not a fraction of the plot's height under it, so
    # the axis's tick labels (however many lines) and its title never run into the legend.
    where = (
        {"y": 1.0, "yanchor": "bottom"}
        if place == "above"
        else {"yref": "container", "y": 0, "yanchor": "bottom"}
    )
    return {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        **where,
        "itemsizing": "constant",
    }


def base_layout(
    title: str,
    *,
    y_title: str,
    x_title: str = "",
    legend_place: LegendPlace = "above",
    height: int = 400,
    **extra: object,
) -> dict:
    """A plain light layout with readable contrast; ``extra`` replaces top-level keys.

    ``title`` is plain text (HTML-escaped here, since Plotly renders a subset of HTML in it),
    broken into lines by :func:`title_lines`; the top margin grows by a line's height for each
    line after the first.
    """
    lines = title_lines(title)
    layout = {
        "template": "none",
        "title": {
            "text": "<br>".join(lines),
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            # Plotly draws the lines after the first above the anchor: push them back down.
            "pad": {"t": TITLE_TOP + TITLE_LINE_HEIGHT * (len(lines) - 1)},
        },
        "font": {"family": theme.FONT_FAMILY, "color": theme.TEXT_COLOR, "size": 14},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        # Left and bottom margins are minimums: :func:`figure` sizes them for the labels in
        # advance, and the axes still widen them if a label needs more.
        "margin": {"l": 20, "r": 20, "t": 80 if legend_place == "above" else 60, "b": 40},
        "legend": legend(legend_place),
        "hovermode": "closest",
        "xaxis": axis(x_title),
        "yaxis": axis(y_title, wrap=Y_TITLE_CHARS),
        "height": height,
    }
    layout.update(extra)
    margin = layout["margin"]
    layout["margin"] = {**margin, "t": margin["t"] + TITLE_LINE_HEIGHT * (len(lines) - 1)}
    if legend_place == "above" and "legend" not in extra:
        # Hung from a point under the title's last line, in the figure's own height: the legend
        # then pushes the plot down as it wraps (three rows on a phone) instead of growing up
        # into the title.
        below_title = TITLE_TOP + TITLE_LINE_HEIGHT * len(lines) + TITLE_GAP
        layout["legend"].update(
            yref="container", y=1 - below_title / layout["height"], yanchor="top"
        )
    return layout


_PERCENT_SIGN = re.compile(r"(?<=[0-9]) %")
"""The space between a number and its percent sign ("54.5 %"), where a line must not break."""
_PERCENT_SIGN_HELD = re.compile(r"(?<=[0-9])\u00a0%")


def keep_percent_with_number(text: str) -> str:
    """``text`` with a no-break space between each number and its "%", so "(54.5 %)" never
    wraps before the sign on a phone or in a narrow column."""
    return _PERCENT_SIGN.sub("\u00a0%", text)


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> list[str]:
    """A chart title broken at spaces into lines of at most ``width`` characters, each
    HTML-escaped. Plotly never wraps a title itself: a long one would run off a narrow screen.
    A percentage stays whole on its line: no line starts with the "%" of the one before."""
    lines = textwrap.wrap(keep_percent_with_number(title), width) or [""]
    return [html.escape(_PERCENT_SIGN_HELD.sub(" %", line), quote=False) for line in lines]


def plan_label(name: str, baseline: str) -> str:
    """A plan as every table and chart names it: today's plan with ``" (today)"`` after it (a
    scenario names no other plan so: :data:`calculator.TODAY_MARK`)."""
    return f"{name}{TODAY_MARK}" if name == baseline else name


NOT_A_FIGURE = frozenset({"", "–", "n/a"})
"""What a table writes where a figure does not apply (the baseline's own savings, no ROI)."""


def figure_columns(table: pd.DataFrame) -> tuple[str, ...]:
    """The columns of ``table`` written as figures: text columns whose every entry is a figure
    (:func:`calculator.is_figure_text`) or a placeholder (:data:`NOT_A_FIGURE`), with at least
    one figure. Pages right-align them, so digits line up as in a ledger; number columns already
    are."""
    columns = []
    for name in table.columns:
        values = table[name]
        if pd.api.types.is_numeric_dtype(values):
            continue
        entries = [entry for entry in values.tolist() if entry not in NOT_A_FIGURE]
        if entries and all(isinstance(entry, str) and is_figure_text(entry) for entry in entries):
            columns.append(name)
    return tuple(columns)


@dataclass(frozen=True)
class ChartView:
    """A chart with the same numbers as a table and a one-sentence summary."""

    title: str
    figure: go.Figure
    table: pd.DataFrame
    summary: str
    slug: str = "chart"  # short stable name, e.g. for widget keys: "waterfall"

    @cached_property
    def figure_columns(self) -> tuple[str, ...]:
        """The table's columns written as figures (:func:`figure_columns`), found once per view
        (views are kept per scenario)."""
        return figure_columns(self.table)


def label(text: str) -> str:
    """User-supplied text made safe for a figure's title, legend or hover text."""
    return html.escape(text, quote=False)


def legend_name(text: str) -> str:
    """User-supplied text as a legend entry: made safe like :func:`label` and broken into lines
    of at most :data:`LEGEND_LINE_CHARS`. Plotly never wraps an entry, and a plan or scenario
    name may be 60 characters long: on a phone the entry ran off the chart."""
    return "<br>".join(title_lines(text, LEGEND_LINE_CHARS))


def amount(cents: int) -> float:
    """Cents as a currency amount for plotting (exact values are in the table) [currency]."""
    return cents / 100


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, its margins sized in advance for its labels, titles and legend
    (:func:`app.views.margins.fitted_margins`), so the browser lays it out once. Plotly's
    per-property validation costs more than the rest of a page run, so it is skipped here; the
    tests validate every figure the builders make.

    Dragging does not zoom (``dragmode`` off): on a phone a swipe over a chart zoomed it instead
    of scrolling the page, and a drag on a shared screen left a chart zoomed with no button to
    undo it (the mode bar is off, :data:`PLOTLY_CONFIG`). Pointing at a value with the mouse, or
    tapping it, still shows it.
    """
    layout = {**layout, "margin": fitted_margins(data, layout), "dragmode": False}
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def percent_ticks(ratios: list[float]) -> dict:
    """Axis ticks at ``ratios`` labelled like every percentage in the app ("70 %", with a space)."""
    return {
        "tickvals": ratios,
        "ticktext": [format_utilization(Decimal(str(ratio))) for ratio in ratios],
    }


def plan_line(name: str, x: list, y: list, index: int, hover: list[str], **extra: object) -> dict:
    """A line with markers in the ``index``-th plan style; hover shows ``hover``'s texts."""
    color, dash, marker = theme.plan_style(index)
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": legend_name(name),
        "x": x,
        "y": y,
        "line": {"color": color, "dash": dash, "width": 3},
        "marker": {"symbol": marker, "size": 8, "color": color},
        "customdata": hover,
        "hovertemplate": "%{customdata}",
        **extra,
    }


def and_list(items: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
