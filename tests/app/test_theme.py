"""The palette: colour-blind-safe choices with enough contrast, and more cues than colour."""

import pytest

from app import theme


@pytest.mark.parametrize(
    "color",
    [
        *theme.PLAN_COLORS,
        *(style[0] for style in theme.STAFFING_STYLE.values()),
        theme.SAVING_COLOR,
        theme.COSTING_COLOR,
        theme.TOTAL_COLOR,
    ],
)
def test_every_chart_colour_has_3_to_1_contrast_on_white(color):
    """WCAG 2.1 SC 1.4.11: graphical objects need 3:1 against the background."""
    assert theme.contrast_ratio(color) >= 3


def test_text_colour_has_4_5_to_1_contrast():
    """WCAG 2.1 SC 1.4.3: body text needs 4.5:1."""
    assert theme.contrast_ratio(theme.TEXT_COLOR) >= 4.5


def test_contrast_ratio_matches_known_values():
    """Black on white is 21:1 and white on white 1:1 (the WCAG formula's bounds)."""
    assert theme.contrast_ratio("#000000") == pytest.approx(21)
    assert theme.contrast_ratio("#FFFFFF") == pytest.approx(1)


def test_plans_differ_in_colour_dash_and_marker_pairs():
    """No two of the eight plan slots share both a colour and a marker or a dash and marker."""
    styles = [theme.plan_style(index) for index in range(len(theme.PLAN_COLORS))]
    assert len({color for color, _, _ in styles}) == len(styles)
    assert len({marker for _, _, marker in styles}) == len(styles)


def test_staffing_series_differ_without_colour():
    """Provisioned, active, concurrent and utilization have distinct dashes and markers."""
    dashes = {dash for _, dash, _ in theme.STAFFING_STYLE.values()}
    markers = {marker for _, _, marker in theme.STAFFING_STYLE.values()}
    assert len(dashes) == len(markers) == len(theme.STAFFING_STYLE)
