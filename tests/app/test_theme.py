"""The palette: colour-blind-safe choices with enough contrast, and more cues than colour."""

import re
import tomllib
from pathlib import Path

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


CONFIG = tomllib.loads(
    (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text()
)
CAPTION_OPACITY = 0.6  # Streamlit draws st.caption and widget captions at 60 % of textColor


def over(color: str, background: str, opacity: float) -> str:
    """``color`` at ``opacity`` drawn over ``background``, as ``#rrggbb``."""
    front = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    back = [int(background[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(opacity * f + (1 - opacity) * b):02x}" for f, b in zip(front, back, strict=True)
    )


def test_over_blends_channel_by_channel():
    """Black at 60 % over white is #666666 (255 x 0.4 = 102 = 0x66), the formula Streamlit's
    captions go through."""
    assert over("#000000", "#FFFFFF", 0.6) == "#666666"


def test_chart_text_colour_is_the_app_text_colour():
    """Charts and reports write in the same colour as the pages around them."""
    assert CONFIG["theme"]["textColor"] == theme.TEXT_COLOR


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_captions_have_4_5_to_1_contrast(background):
    """WCAG 2.1 SC 1.4.3: captions (text colour at 60 %) need 4.5:1 on the page and sidebar."""
    color = CONFIG["theme"][background]
    caption = over(CONFIG["theme"]["textColor"], color, CAPTION_OPACITY)
    assert theme.contrast_ratio(caption, color) >= 4.5


def css_family_is_valid(name: str) -> bool:
    """A CSS font family is a quoted string, or words that are identifiers (CSS Fonts 4, 4.2);
    an identifier cannot start with a digit."""
    if len(name) >= 2 and name[0] == name[-1] == '"':
        return '"' not in name[1:-1]
    return all(re.fullmatch(r"-?[A-Za-z_][A-Za-z0-9_-]*", word) for word in name.split())


def test_css_family_check_rejects_a_word_starting_with_a_digit():
    """Unquoted "Source Sans 3" invalidates the whole font-family value; quoted it is fine."""
    assert not css_family_is_valid("Source Sans 3")
    assert css_family_is_valid('"Source Sans 3"')
    assert css_family_is_valid("sans-serif")


def test_chart_font_family_is_valid_css():
    """Plotly spaces legend entries by text measured in this font list; an invalid list is
    measured in another font than it is drawn in, so entries overlap and the last is clipped."""
    names = [name.strip() for name in theme.FONT_FAMILY.split(",")]
    assert all(css_family_is_valid(name) for name in names)


def test_chart_font_starts_with_streamlits_font():
    """Charts use the font Streamlit serves to the page ("Source Sans"), so they match the text."""
    assert theme.FONT_FAMILY.split(",")[0] == '"Source Sans"'
