"""The shared chart layout: every chart's axes make room for their labels, legends look alike."""

import html
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import pytest

from app import theme
from app.views import calculator as charts
from app.views import conventions as chart_layout
from app.views.budget import fiscal_year_view, funding_view, tornado_view, uncertainty_view
from app.views.side_by_side import side_by_side_views
from calculator import compare, example_scenario, is_figure_text, side_by_side
from calculator.budget import BudgetSettings, example_programs, plan_budget, simulate, tornado


def every_view() -> list[chart_layout.ChartView]:
    """One figure of every builder: calculator, budget and side by side, on the worked example."""
    scenario = example_scenario(18).model_copy(
        update={"budget": BudgetSettings(programs=example_programs())}
    )
    comparison = compare(scenario)
    budget = plan_budget(comparison)
    simulation = simulate(comparison, draws=200, seed=1)
    return [
        *charts.all_chart_views(comparison),
        fiscal_year_view(budget),
        funding_view(budget, "Active users"),
        uncertainty_view(simulation, budget),
        tornado_view(tornado(comparison, Decimal("0.2"))["Active users"], "USD"),
        *side_by_side_views(side_by_side([example_scenario(), example_scenario(6)])),
    ]


VIEWS = every_view()


def axes(view: chart_layout.ChartView) -> list:
    """Every x and y axis the view's figure sets."""
    layout = view.figure.layout
    return [layout[name] for name in layout if name.startswith(("xaxis", "yaxis"))]


@pytest.mark.parametrize("view", VIEWS, ids=[view.slug for view in VIEWS])
def test_every_chart_has_a_table_and_one_sentence(view):
    """The same convention on every page: a titled figure, its numbers as a table, and a
    summary sentence, under a slug no other chart uses."""
    assert view.title
    assert view.figure.data
    assert len(view.table) > 0
    assert view.summary.endswith(".")
    assert "\n" not in view.summary
    assert [other.slug for other in VIEWS].count(view.slug) == 1


@pytest.mark.parametrize("view", VIEWS, ids=[view.slug for view in VIEWS])
def test_every_figure_is_valid_plotly(view):
    """Builders of every page skip Plotly's validation for speed; rebuilding with validation
    must pass."""
    go.Figure(view.figure.to_dict())  # raises ValueError on any invalid property


@pytest.mark.parametrize("view", VIEWS, ids=[view.slug for view in VIEWS])
def test_a_drag_over_a_chart_does_not_zoom_it(view):
    """On a phone the swipe scrolls the page instead; on a shared screen no chart is left
    zoomed without a button to undo it."""
    assert view.figure.layout.dragmode is False


@pytest.mark.parametrize("view", VIEWS, ids=[view.slug for view in VIEWS])
def test_axes_make_room_for_tick_labels_and_titles(view):
    """Each axis widens the margin to fit its tick labels; a title keeps a gap from them (an
    axis title drawn over the tick labels was the defect)."""
    for axis in axes(view):
        assert axis.automargin is True
        if axis.title.text:
            assert axis.title.standoff == chart_layout.AXIS_TITLE_STANDOFF


@pytest.mark.parametrize("view", VIEWS, ids=[view.slug for view in VIEWS])
def test_legends_are_horizontal_with_one_symbol_size(view):
    """Every legend is a left-aligned row whose symbols share one size."""
    legend = view.figure.layout.legend
    assert (legend.orientation, legend.x, legend.xanchor) == ("h", 0, "left")
    assert legend.itemsizing == "constant"


@pytest.mark.parametrize("view", VIEWS, ids=[view.slug for view in VIEWS])
def test_figures_write_in_the_theme_font(view):
    """The figure font is the theme's, whose family list is valid CSS (see test_theme)."""
    assert view.figure.layout.font.family == theme.FONT_FAMILY
    assert view.figure.layout.font.color == theme.TEXT_COLOR


def test_legend_below_sits_at_the_foot_of_the_figure():
    """A legend placed below stands on the figure's bottom edge (not a fraction of the plot's
    height under it, where long tick labels ran into it)."""
    legend = chart_layout.legend("below")
    assert (legend["yref"], legend["y"], legend["yanchor"]) == ("container", 0, "bottom")


@pytest.mark.parametrize("lines", [1, 2, 3])
def test_legend_above_hangs_under_the_title(lines):
    """A legend above the plot hangs from a point just under the title's last line, in the
    figure's height, so a wrapping legend pushes the plot down instead of covering the title."""
    title = " ".join(["word"] * (lines * 8))[: lines * chart_layout.TITLE_LINE_CHARS - 5]
    layout = chart_layout.base_layout(title, y_title="Cost", height=400)
    shown = layout["title"]["text"].count("<br>") + 1
    legend = layout["legend"]
    assert (legend["yref"], legend["yanchor"]) == ("container", "top")
    under_title = chart_layout.TITLE_TOP + chart_layout.TITLE_LINE_HEIGHT * shown
    assert 400 * (1 - legend["y"]) == pytest.approx(under_title + chart_layout.TITLE_GAP)


def test_axis_titles_wrap_to_fit_a_phone():
    """A long axis title is broken into lines (x: 28 characters, y: 20), HTML-escaped."""
    layout = chart_layout.base_layout(
        "T", y_title="Recurring cost per month (USD)", x_title="Utilization: a <b> / c d e f g"
    )
    assert layout["yaxis"]["title"]["text"] == "Recurring cost per<br>month (USD)"
    assert layout["xaxis"]["title"]["text"] == "Utilization: a &lt;b&gt; / c d e f<br>g"


def test_base_layout_escapes_the_title():
    """Plotly renders HTML in titles; a user's '<b>' shows as text."""
    layout = chart_layout.base_layout("<b>Plan</b>", y_title="Cost")
    assert layout["title"]["text"] == "&lt;b&gt;Plan&lt;/b&gt;"


@pytest.mark.parametrize("view", VIEWS, ids=[view.slug for view in VIEWS])
def test_every_title_fits_a_phone(view):
    """No title line is longer than a 390 px screen holds; the lines, joined, are the title."""
    lines = view.figure.layout.title.text.split("<br>")
    assert all(len(line) <= chart_layout.TITLE_LINE_CHARS for line in lines)
    assert " ".join(lines) == html.escape(view.title, quote=False)


def test_long_title_wraps_at_spaces_and_makes_room():
    """A 75-character title takes two lines, and the top margin one line's height more."""
    title = "Switching from Named seats to Active users saves $5,450.00 a month (54.5 %)"
    short = chart_layout.base_layout("Savings", y_title="Cost")
    layout = chart_layout.base_layout(title, y_title="Cost")
    assert layout["title"]["text"] == (
        "Switching from Named seats to Active<br>users saves $5,450.00 a month (54.5 %)"
    )
    assert layout["margin"]["t"] == short["margin"]["t"] + chart_layout.TITLE_LINE_HEIGHT


def test_a_margin_set_by_a_builder_still_grows_with_the_title():
    """A builder's own top margin is a minimum for a one-line title."""
    layout = chart_layout.base_layout("x " * 30, y_title="Cost", margin={"t": 90, "b": 40})
    assert layout["margin"]["t"] == 90 + chart_layout.TITLE_LINE_HEIGHT


def test_a_word_longer_than_a_line_is_broken():
    """A pasted name with no spaces cannot push the title off a narrow screen."""
    lines = chart_layout.title_lines("A" * 100)
    assert [len(line) for line in lines] == [40, 40, 20]


def test_a_percentage_in_a_title_stays_on_one_line():
    """At 36 characters the waterfall's title broke before the "%" of "(54.5 %)"; the whole
    percentage now moves to the next line."""
    title = "Switching from Named seats to Active users saves $5,450.00 a month (54.5 %)"
    assert chart_layout.title_lines(title, 36) == [
        "Switching from Named seats to Active",
        "users saves $5,450.00 a month",
        "(54.5 %)",
    ]


def test_no_toolbar_and_no_logo():
    """Charts show no Plotly toolbar (no extra tab stops, nothing over the title)."""
    assert chart_layout.PLOTLY_CONFIG["displayModeBar"] is False


def test_a_long_name_wraps_in_the_legend():
    """A 60-character plan name is two legend lines of at most 36 characters, HTML-escaped."""
    name = "Concurrent seats <b>capped</b> at sixty with a long contract"
    lines = chart_layout.legend_name(name).split("<br>")
    assert len(lines) == 2
    assert all(len(line.replace("&lt;", "<").replace("&gt;", ">")) <= 36 for line in lines)
    assert " ".join(lines) == chart_layout.label(name)


@pytest.mark.parametrize(
    "text",
    [
        "$10,000.00",
        "-$3,000.00",
        "+$5,450.00",
        "EUR 1,234.56",
        "CA$12.00",
        "€0.00",
        "54.5 %",
        "70 %",
        "1,200",
        "0",
    ],
)
def test_amounts_counts_and_percentages_are_figures(text):
    assert is_figure_text(text)


@pytest.mark.parametrize(
    "text", ["2027-01", "FY2027", "month 1 (2027-01)", "Active users", "12 h", "$", "- $3.00"]
)
def test_months_years_and_names_are_not_figures(text):
    assert not is_figure_text(text)


def test_figure_columns_are_the_text_columns_of_figures_only():
    """Placeholders do not spoil a column of figures; one name does; number columns are left
    to Streamlit, which right-aligns them already; a column of placeholders only is not one."""
    table = pd.DataFrame(
        {
            "Plan": ["Named seats (today)", "Active users"],
            "Cost per month": ["$10,000.00", "$4,550.00"],
            "Savings per month": ["–", "$5,450.00"],
            "ROI": ["n/a", "n/a"],
            "Payback": ["month 1 (2027-01)", "–"],
            "Accounts": [100, 70],
            "Note": ["$1.00", "see contract"],
        }
    )
    assert chart_layout.figure_columns(table) == ("Cost per month", "Savings per month")


def test_every_chart_table_right_aligns_its_money_and_keeps_its_labels_left():
    """Every builder's table: money columns (named with their currency) are figures, month,
    plan and fiscal-year columns are not."""
    for view in VIEWS:
        aligned = set(view.figure_columns)
        assert aligned == set(chart_layout.figure_columns(view.table))
        for name in view.table.columns:
            if name.endswith("(USD)"):
                assert name in aligned, (view.title, name)
            if name in ("Month", "Plan", "Fiscal year"):
                assert name not in aligned, (view.title, name)
