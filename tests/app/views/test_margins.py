"""Margins sized in advance (:mod:`app.views.margins`): each as wide as Plotly would grow it, never
narrower than the layout's, and left alone where the text cannot be known.

The browser side (Plotly grows no margin of the calculator's charts, so each is laid out once) is
checked in ``tests/browser/test_chart_layout.py``.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.views.calculator import all_chart_views
from app.views.conventions import TITLE_LINE_HEIGHT, base_layout
from app.views.margins import (
    BOTTOM_ONE_LINE,
    COLORBAR_GAP,
    COLORBAR_PAST_LABELS,
    COLORBAR_PAST_TITLE,
    COLORBAR_TITLE_SIZE,
    DESKTOP_CHART_WIDTH,
    LEFT_PAST_LABELS,
    LEGEND_BELOW,
    LEGEND_ROW,
    TICK_LINE,
    TITLE_LINE,
    fitted_margins,
    text_width,
)
from calculator import compare, example_scenario

# Source Sans digits are 497/1000 em wide and the comma 249/1000 (measured in Chromium).
TEN_THOUSAND_WIDTH = (5 * 497 + 249) * 14 / 1000  # "10,000" at 14 px = 38.28 px


def money_layout(**extra: object) -> dict:
    layout = base_layout("Cost", y_title="Cost (USD)", **extra)
    layout["yaxis"]["tickformat"] = ",.0f"
    return layout


def bars(values: list[float], **extra: object) -> dict:
    return {"type": "bar", "x": [f"m{i}" for i in range(len(values))], "y": values, **extra}


def test_text_width_sums_the_measured_widths():
    """ "10,000" at 14 px: five digits and a comma; an unknown character counts as a full em."""
    assert text_width("10,000") == pytest.approx(TEN_THOUSAND_WIDTH)
    assert text_width("字", size=20) == 20


def test_left_margin_fits_the_widest_tick_label_and_the_title():
    """Values up to 10,000 (ticks up to "11,000" with Plotly's headroom) and a one-line title."""
    margin = fitted_margins([bars([10_000, 2_000])], money_layout())
    assert margin["l"] == math.ceil(TEN_THOUSAND_WIDTH + LEFT_PAST_LABELS)  # 80


def test_a_longer_number_widens_the_left_margin_by_its_characters():
    short = fitted_margins([bars([10_000])], money_layout())["l"]
    long = fitted_margins([bars([1_000_000])], money_layout())["l"]  # "1,100,000"
    extra = text_width("1,100,000") - text_width("11,000")
    assert long - short == pytest.approx(extra, abs=1)


def test_negative_values_are_measured_with_their_minus_sign():
    plus = fitted_margins([bars([5_000])], money_layout())["l"]
    minus = fitted_margins([bars([-5_000])], money_layout())["l"]
    assert minus - plus == pytest.approx(text_width("\u2212"), abs=1)


def test_each_further_title_line_adds_a_line_to_the_left_margin():
    one = fitted_margins([bars([100])], money_layout())["l"]
    layout = money_layout()
    layout["yaxis"]["title"]["text"] = "Recurring cost<br>per month (USD)"
    assert fitted_margins([bars([100])], layout)["l"] == pytest.approx(one + TITLE_LINE, abs=1)


def test_stacked_bars_are_measured_at_their_sum():
    layout = money_layout(barmode="stack")
    alone = fitted_margins([bars([6_000])], layout)["l"]
    stacked = fitted_margins([bars([6_000]), bars([6_000])], layout)["l"]  # 13,200: a digit more
    assert stacked - alone == pytest.approx(text_width("0"), abs=1)


def test_a_waterfall_is_measured_at_its_running_totals():
    """Steps of 60,000 and 50,000 reach 110,000 (a digit more than either step)."""
    step = {
        "type": "waterfall",
        "x": ["a", "b"],
        "y": [60_000, 50_000],
        "measure": ["relative"] * 2,
    }
    reached = fitted_margins([step], money_layout())["l"]
    assert reached == math.ceil(text_width("121,000") + LEFT_PAST_LABELS)


def test_figures_written_past_the_bars_leave_room_for_a_further_tick():
    """The holiday-retail waterfall's highest bar is 8,658.33, and Plotly, making room for the
    figure written above it, labelled its axis up to "10,000" (measured in Chromium): with the
    text the estimate reaches five digits, without it four."""
    steps = {"type": "waterfall", "x": ["a", "b"], "y": [8_658.33, -783.33]}
    steps["measure"] = ["absolute", "relative"]
    plain = fitted_margins([steps], money_layout())["l"]
    written = fitted_margins([{**steps, "text": ["$8,658.33", "-$783.33"]}], money_layout())["l"]
    assert plain == math.ceil(text_width("9,524") + LEFT_PAST_LABELS)
    assert written == math.ceil(text_width("10,823") + LEFT_PAST_LABELS)


def test_bottom_margin_fits_the_lines_of_the_labels_and_the_title():
    layout = money_layout()
    assert fitted_margins([bars([1])], layout)["b"] == BOTTOM_ONE_LINE
    layout["xaxis"]["title"]["text"] = "Utilization: active users /<br>provisioned accounts"
    two_line_labels = {"type": "bar", "x": ["Rate and<br>terms"], "y": [1]}
    wanted = BOTTOM_ONE_LINE + TICK_LINE + TITLE_LINE  # 59 + 18.2 + 22
    assert fitted_margins([two_line_labels], layout)["b"] == math.ceil(wanted)


def test_top_margin_fits_a_legend_of_one_row_under_the_title():
    layout = money_layout()  # legend hung under the title, from the top of the figure
    margin = fitted_margins([bars([1], name="a"), bars([2], name="b")], layout)
    top = (1 - layout["legend"]["y"]) * layout["height"] + LEGEND_ROW + LEGEND_BELOW
    assert margin["t"] == max(layout["margin"]["t"], math.ceil(top))


def test_a_single_trace_shows_no_legend_and_keeps_the_top_margin():
    layout = money_layout()
    assert fitted_margins([bars([1])], layout)["t"] == layout["margin"]["t"]


def test_a_legend_under_the_plot_adds_a_row_to_the_bottom_margin():
    layout = money_layout(legend_place="below")
    margin = fitted_margins([bars([1], name="a"), bars([2], name="b")], layout)
    assert margin["b"] == BOTTOM_ONE_LINE + LEGEND_ROW
    assert margin["t"] == layout["margin"]["t"]


def test_a_legend_placed_elsewhere_leaves_the_bottom_to_plotly():
    layout = money_layout(legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    margin = fitted_margins([bars([1], name="a"), bars([2], name="b")], layout)
    assert (margin["t"], margin["b"]) == (layout["margin"]["t"], layout["margin"]["b"])


def test_named_categories_along_y_are_measured_by_their_longest_line():
    """Horizontal bars whose axis names its categories (the Budget page's tornado): the left
    margin fits the longest line of any name, "&amp;" counting as the one character drawn."""
    layout = money_layout()
    names = ["Rate: Named<br>seats &amp; more", "Active users"]
    layout["yaxis"].update(type="category", tickvals=names, ticktext=names)
    trace = {"type": "bar", "orientation": "h", "x": [1, 2], "y": names}
    widest = text_width("seats & more")
    assert fitted_margins([trace], layout)["l"] == math.ceil(widest + LEFT_PAST_LABELS)


def test_whiskers_count_where_they_end():
    """A P50 bar of 9,000 whose P90 whisker reaches 20,000 shows ticks up to 20,000 (a digit
    more than 9,000 with Plotly's headroom)."""
    whisker = {"type": "data", "symmetric": False, "array": [11_000], "arrayminus": [1_000]}
    plain = fitted_margins([bars([9_000])], money_layout())["l"]
    with_whisker = fitted_margins([bars([9_000], error_y=whisker)], money_layout())["l"]
    assert with_whisker - plain == pytest.approx(text_width("0"), abs=1)


@pytest.mark.parametrize(
    ("trace", "layout_change"),
    [
        ({"type": "bar", "orientation": "h", "x": [1, 2], "y": ["a", "b"]}, {}),
        ({"type": "heatmap", "z": [[1, 2]], "x": ["a", "b"], "y": ["Mon"]}, {}),
        ({"type": "bar", "x": ["a"], "y": [1.5]}, {"tickformat": ".1%"}),
        ({"type": "bar", "x": ["a"] * 13, "y": [f"c{i}" for i in range(13)]}, {"type": "category"}),
    ],
    ids=["horizontal bars", "heatmap of numbers", "another tick format", "13 categories along y"],
)
def test_unknown_tick_labels_leave_the_left_margin_to_plotly(trace, layout_change):
    layout = money_layout()
    layout["yaxis"].update(layout_change)
    assert fitted_margins([trace], layout)["l"] == layout["margin"]["l"]


def test_an_axis_without_automargin_is_not_sized():
    layout = money_layout()
    layout["yaxis"]["automargin"] = False
    layout["xaxis"]["automargin"] = False
    margin = fitted_margins([bars([1_000_000])], layout)
    assert (margin["l"], margin["b"]) == (layout["margin"]["l"], layout["margin"]["b"])


@given(
    values=st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=12),
    given_margin=st.fixed_dictionaries(
        {side: st.integers(0, 300) for side in ("l", "r", "t", "b")}
    ),
    title_lines=st.integers(1, 4),
)
def test_never_narrower_than_the_layouts_own_margins(values, given_margin, title_lines):
    layout = money_layout(margin=given_margin)
    layout["yaxis"]["title"]["text"] = "<br>".join(["Cost"] * title_lines)
    margin = fitted_margins([bars(values, name="a"), bars(values, name="b")], layout)
    assert all(margin[side] >= size for side, size in layout["margin"].items())
    assert margin["r"] == layout["margin"]["r"]


def test_the_worked_examples_waterfall_fits_ticks_up_to_ten_thousand():
    """Today's $10,000.00 a month is the waterfall's highest bar: its ticks end at "10,000",
    so its left margin is that label's width past the axis (80 px), its bottom one line of labels
    (59 px), and with a single trace it has no legend and keeps its top margin."""
    view = all_chart_views(compare(example_scenario()))[0]
    assert view.slug == "waterfall"
    margin = view.figure.layout.margin
    assert margin.l == math.ceil(TEN_THOUSAND_WIDTH + LEFT_PAST_LABELS) == 80
    assert margin.b == BOTTOM_ONE_LINE
    assert view.figure.layout.title.text.count("<br>") == 1
    assert margin.t == 80 + TITLE_LINE_HEIGHT  # base_layout's for a two-line title


def weekday_heatmap(highest: float, title: str = "Agents") -> tuple[dict, dict]:
    """A heatmap of weekdays by hour as the usage page draws it, its highest cell ``highest``."""
    layout = money_layout()
    layout["yaxis"].update(type="category", autorange="reversed")
    del layout["yaxis"]["tickformat"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    hours = [f"{hour:02d}" for hour in range(24)]
    z = [[highest * (day + 1) / 7 for _ in hours] for day in range(7)]
    cells = {
        "type": "heatmap",
        "z": z,
        "x": hours,
        "y": days,
        "colorbar": {"title": {"text": title}},
    }
    return cells, layout


def test_a_heatmap_fits_its_weekdays_and_its_colour_bar():
    """The usage page's heatmap (averages up to 9.46 agents): the left margin fits "Wednesday",
    the right the colour bar on a 906 px chart: the wider of its title "Agents" (a fifth larger
    than the chart's font) and its labels ("0" to "8", taken as at least "0.5" wide), 2 % of the
    plot's width from the plot.
    Plotly drew the same chart with 105 and 94 px (measured in Chromium): the estimate asks a
    few pixels more, so Plotly grows neither."""
    cells, layout = weekday_heatmap(9.46)
    margin = fitted_margins([cells], layout)
    left = math.ceil(text_width("Wednesday") + LEFT_PAST_LABELS)
    title = text_width("Agents", COLORBAR_TITLE_SIZE) + COLORBAR_PAST_TITLE  # 47.8 + 32 px
    bar = max(title, text_width("0.5") + COLORBAR_PAST_LABELS)  # 80.5 px
    right = (COLORBAR_GAP * (DESKTOP_CHART_WIDTH - left) + bar) / (1 + COLORBAR_GAP)
    assert (margin["l"], margin["r"], margin["b"]) == (left, math.ceil(right), BOTTOM_ONE_LINE)
    assert (left, math.ceil(right)) == (109, 95)


def test_a_colour_bar_of_large_numbers_is_measured_at_its_labels():
    """From 10,000 Plotly writes "20k": the labels then outgrow a short title."""
    cells, layout = weekday_heatmap(94_600, title="")
    margin = fitted_margins([cells], layout)
    bar = text_width("95k") + COLORBAR_PAST_LABELS
    right = (COLORBAR_GAP * (DESKTOP_CHART_WIDTH - margin["l"]) + bar) / (1 + COLORBAR_GAP)
    assert margin["r"] == math.ceil(right)


def test_a_heatmap_without_a_colour_bar_keeps_its_right_margin():
    cells, layout = weekday_heatmap(9.46)
    assert fitted_margins([{**cells, "showscale": False}], layout)["r"] == layout["margin"]["r"]


def test_a_colour_bar_title_given_as_plain_text_is_measured_too():
    cells, layout = weekday_heatmap(9.46, title="")
    long = {**cells, "colorbar": {"title": "Agents logged in on average"}}
    assert fitted_margins([long], layout)["r"] > fitted_margins([cells], layout)["r"]
