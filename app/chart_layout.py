"""The layout every chart shares: text, colours, axes with room for their titles, and the legend.

The calculator, budget and side-by-side charts (and the reports, which reuse their figures) start
from :func:`base_layout`, so fonts, margins and legends look and behave the same everywhere. Each
layout is set in full, without a Plotly template: copying a template costs ~10 ms a figure.
"""

from __future__ import annotations

import html
from typing import Literal

from app import theme

AXIS_LINE_COLOR = "#767676"
"""Axis lines and the zero line: 4.5:1 against white."""

AXIS_TITLE_STANDOFF = 12
"""Gap between an axis title and its tick labels [px]."""

LegendPlace = Literal["above", "below"]


def axis(title: str = "", **extra: object) -> dict:
    """An axis with light gridlines and a dark line; its margin grows to fit the tick labels and
    keeps the title ``AXIS_TITLE_STANDOFF`` px clear of them."""
    return {
        "gridcolor": theme.GRID_COLOR,
        "linecolor": AXIS_LINE_COLOR,
        "zeroline": False,
        "automargin": True,
        "title": {"text": title, "standoff": AXIS_TITLE_STANDOFF},
        **extra,
    }


def legend(place: LegendPlace = "above") -> dict:
    """A horizontal legend, left-aligned, just above or just below the plot.

    Every entry's symbol is drawn at one size, so a large marker in the plot does not crowd its
    entry. Entries are spaced by their measured text width, which is why :data:`theme.FONT_FAMILY`
    must be valid CSS.
    """
    where = {"y": 1.0, "yanchor": "bottom"} if place == "above" else {"y": -0.15, "yanchor": "top"}
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

    ``title`` is plain text (HTML-escaped here, since Plotly renders a subset of HTML in it).
    """
    layout = {
        "template": "none",
        "title": {"text": html.escape(title, quote=False), "x": 0, "xanchor": "left"},
        "font": {"family": theme.FONT_FAMILY, "color": theme.TEXT_COLOR, "size": 14},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        # Left and bottom margins are minimums: the axes widen them to fit their labels.
        "margin": {"l": 20, "r": 20, "t": 80 if legend_place == "above" else 60, "b": 40},
        "legend": legend(legend_place),
        "hovermode": "closest",
        "xaxis": axis(x_title),
        "yaxis": axis(y_title),
        "height": height,
    }
    layout.update(extra)
    return layout
