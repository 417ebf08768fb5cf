"""One colour-blind-safe palette for every chart and report.

Colours come from the Okabe-Ito and Paul Tol sets, darkened where needed so that each has at least
3:1 contrast against white (WCAG 2.1 success criterion 1.4.11 for graphical objects). Colour is
never the only cue: every series also has its own line dash and marker symbol, and charts carry
direct labels or a legend with the plan name.
"""

from __future__ import annotations

PLAN_COLORS = (
    "#0072B2",  # blue (Okabe-Ito)
    "#D55E00",  # vermillion (Okabe-Ito)
    "#007A5A",  # bluish green, darkened from Okabe-Ito #009E73
    "#AA3377",  # purple (Tol bright)
    "#332288",  # indigo (Tol muted)
    "#8A6A00",  # dark ochre, for the Okabe-Ito orange that is too light on white
    "#555555",  # dark grey
    "#882255",  # wine (Tol muted)
)
"""Plan colours in plan order (a scenario holds at most eight plans)."""

PLAN_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
"""Line dash per plan, in the same order as :data:`PLAN_COLORS`."""

PLAN_MARKERS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "star",
    "cross",
    "hexagon",
)
"""Marker symbol per plan, in the same order as :data:`PLAN_COLORS`."""

STAFFING_STYLE = {
    "provisioned": ("#555555", "solid", "square"),
    "active": ("#0072B2", "dash", "circle"),
    "peak_concurrent": ("#D55E00", "dot", "diamond"),
    "utilization": ("#007A5A", "dashdot", "triangle-up"),
}
"""Colour, dash and marker of each staffing series."""

SAVING_COLOR = "#007A5A"  # a step that lowers the cost
COSTING_COLOR = "#D55E00"  # a step that raises the cost
TOTAL_COLOR = "#0072B2"  # a cost level (today, the alternative)
TEXT_COLOR = "#0A0F1A"  # body text, 19.2:1 on white; textColor in .streamlit/config.toml
GRID_COLOR = "#D9D9D9"  # gridlines are decoration and need no contrast minimum
# Streamlit's own "Source Sans" first, so charts match the page. Names are quoted: an unquoted name
# with a word starting with a digit ("Source Sans 3") makes the whole CSS value invalid, and Plotly
# then measures legend text in another font than it draws it in (entries overlap and get clipped).
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Source Sans 3", Arial, sans-serif'


def plan_style(index: int) -> tuple[str, str, str]:
    """Colour, dash and marker of the plan at ``index`` in the scenario's plan order."""
    slot = index % len(PLAN_COLORS)
    return PLAN_COLORS[slot], PLAN_DASHES[slot], PLAN_MARKERS[slot]


def contrast_ratio(foreground: str, background: str = "#FFFFFF") -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours [1], from 1 to 21."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


SAVING_TEXT_COLOR = "#006B4F"  # a saving in text: 6.5:1 on white, 6.0:1 on the sidebar grey
LOSS_TEXT_COLOR = "#B42318"  # a loss in text: 6.6:1 on white, 6.1:1 on the sidebar grey
"""Text colours of savings and losses; each figure also carries a sign and a word."""
