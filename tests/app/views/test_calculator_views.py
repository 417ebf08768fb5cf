"""Chart builders: each figure, its table and its sentence carry the same numbers.

Oracle values are the worked example of the design notes (100 seats at $100 against 70 active
users at $65: $10,000.00 against $4,550.00 a month, saving $5,450.00 = 54.5 %, of which $3,000.00
volume and $2,450.00 rate) and hand calculations noted beside each test.
"""

from decimal import Decimal

import plotly.graph_objects as go
import pytest

from app import theme
from app.views import calculator as charts
from app.views import conventions
from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    Scenario,
    compare,
    example_scenario,
    plan_headlines,
    preset_curve,
)


def flat(
    provisioned=100,
    active=70,
    peak=50,
    seat_rate="100",
    active_rate="65",
    months=12,
    active_name="Active users",
) -> Scenario:
    """A flat scenario: named seats today against active users."""
    return Scenario(
        name="Test",
        start_month="2027-01",
        staffing=[MonthStaffing(provisioned=provisioned, active=active, peak_concurrent=peak)]
        * months,
        plans=[
            Plan(name="Named seats", rule=CountingRule.NAMED_SEAT, rate=Decimal(seat_rate)),
            Plan(name=active_name, rule=CountingRule.ACTIVE_USER, rate=Decimal(active_rate)),
        ],
        baseline="Named seats",
    )


def seasonal() -> Scenario:
    """Three months: 100/70, 150/120 and 100/70 provisioned/active."""
    months = [(100, 70), (150, 120), (100, 70)]
    return flat().model_copy(
        update={
            "staffing": [
                MonthStaffing(provisioned=p, active=a, peak_concurrent=a // 2) for p, a in months
            ]
        }
    )


def money(text: str) -> float:
    """'$1,234.50' or '-$3.00' -> 1234.5 / -3.0."""
    return float(text.replace("$", "").replace(",", ""))


class TestMonthlyCost:
    def test_one_line_per_plan_with_monthly_costs(self):
        """Each plan is a line of its monthly cost: $10,000 and $4,550 in the worked example."""
        view = charts.monthly_cost_view(compare(example_scenario()))
        assert [trace.name for trace in view.figure.data] == ["Named seats (today)", "Active users"]
        assert list(view.figure.data[0].y) == [10_000.0] * 12
        assert list(view.figure.data[1].y) == [4_550.0] * 12

    def test_table_has_the_plotted_numbers(self):
        """The table's money column equals the plotted values month by month."""
        view = charts.monthly_cost_view(compare(seasonal()))
        for trace, column in zip(view.figure.data, view.table.columns[1:], strict=True):
            assert [money(text) for text in view.table[column]] == list(trace.y)

    def test_summary_names_totals_and_the_cheapest_plan(self):
        """12 x $10,000 = $120,000 against 12 x $4,550 = $54,600."""
        view = charts.monthly_cost_view(compare(example_scenario()))
        assert view.summary == (
            "Over 12 months, Named seats (today) costs $120,000.00 against Active users "
            "$54,600.00; the cheapest is Active users."
        )

    def test_plans_that_cost_the_same_are_named_together(self):
        """Both rates $0: neither plan is "the cheapest" (it named the first)."""
        view = charts.monthly_cost_view(compare(flat(seat_rate="0", active_rate="0")))
        assert view.summary.endswith("; Named seats and Active users cost the same, the least.")

    def test_series_differ_by_dash_and_marker_not_only_colour(self):
        """Plans get different colours, dashes and marker symbols."""
        view = charts.monthly_cost_view(compare(example_scenario()))
        first, second = view.figure.data
        assert first.line.color != second.line.color
        assert first.line.dash != second.line.dash
        assert first.marker.symbol != second.marker.symbol


class TestStaffing:
    def test_three_counts_and_utilization(self):
        """P, A and C per month, utilization A / P on the right axis."""
        view = charts.staffing_view(compare(seasonal()))
        provisioned, active, concurrent, utilization = view.figure.data
        assert list(provisioned.y) == [100, 150, 100]
        assert list(active.y) == [70, 120, 70]
        assert list(concurrent.y) == [35, 60, 35]
        assert list(utilization.y) == [0.7, 0.8, 0.7]
        assert utilization.yaxis == "y2"

    def test_table_matches_and_shows_utilization_as_text(self):
        """The table lists the same counts and utilization in percent."""
        view = charts.staffing_view(compare(seasonal()))
        assert view.table.to_dict("list") == {
            "Month": ["2027-01", "2027-02", "2027-03"],
            "Provisioned accounts": [100, 150, 100],
            "Active users": [70, 120, 70],
            "Peak concurrent agents": [35, 60, 35],
            "Utilization": ["70 %", "80 %", "70 %"],
        }

    def test_flat_curve_summary(self):
        """A flat curve is described in one breath."""
        view = charts.staffing_view(compare(example_scenario()))
        assert view.summary == (
            "Every month 100 accounts are provisioned, 70 agents log in and at most 50 are "
            "logged in at once: utilization 70 %."
        )

    def test_seasonal_curve_summary(self):
        """Overall utilization is (70 + 120 + 70) / (100 + 150 + 100) = 260 / 350 = 74.3 %."""
        view = charts.staffing_view(compare(seasonal()))
        assert view.summary == (
            "Provisioned accounts range from 100 to 150 (highest in 2027-02) and active users "
            "from 70 to 120; utilization over the whole period is 74.3 %."
        )


class TestWaterfall:
    def test_worked_example_steps(self):
        """$10,000 today, less $3,000 volume and $2,450 rate, gives $4,550."""
        view = charts.waterfall_view(compare(example_scenario()))
        (bars,) = view.figure.data
        assert list(bars.y) == [10_000.0, -3_000.0, -2_450.0, 4_550.0]
        assert list(bars.measure) == ["absolute", "relative", "relative", "total"]
        assert list(bars.text) == ["$10,000.00", "-$3,000.00", "-$2,450.00", "$4,550.00"]

    def test_title_states_monthly_savings_and_percent(self):
        """The title carries the headline: $5,450.00 a month, 54.5 %."""
        view = charts.waterfall_view(compare(example_scenario()))
        assert view.title == (
            "Switching from Named seats to Active users saves $5,450.00 a month (54.5 %)"
        )
        assert view.figure.layout.title.text.replace("<br>", " ") == view.title

    def test_sixty_active_users(self):
        """60 active: $10,000 - 60 x $65 = $6,100 saved (61.0 %): $4,000 volume, $2,100 rate."""
        view = charts.waterfall_view(compare(flat(active=60)))
        assert view.title.endswith("saves $6,100.00 a month (61.0 %)")
        assert list(view.figure.data[0].y) == [10_000.0, -4_000.0, -2_100.0, 3_900.0]

    def test_alternative_that_costs_more_says_so(self):
        """70 x $150 = $10,500 against $10,000: $500 more (5.0 % more)."""
        view = charts.waterfall_view(compare(flat(active_rate="150")))
        assert view.title == (
            "Switching from Named seats to Active users costs $500.00 more a month (5.0 % more)"
        )
        assert "plus $3,500.00 from the rate and contract terms" in view.summary

    def test_free_plan_today_gives_no_percentage_in_the_title(self):
        """Seats at $0: 70 x $65 = $4,550 more, with no "(n/a more)" percentage of $0."""
        view = charts.waterfall_view(compare(flat(seat_rate="0")))
        assert view.title == (
            "Switching from Named seats to Active users costs $4,550.00 more a month; "
            "today's plan costs nothing"
        )

    def test_a_zero_step_is_left_out_of_the_sentence(self):
        """Seats at $0: unused seats cost nothing, so only the rate's $4,550 is walked."""
        view = charts.waterfall_view(compare(flat(seat_rate="0")))
        assert view.summary == (
            "Today's $0.00 a month with Named seats, plus $4,550.00 from the rate and contract "
            "terms, gives $4,550.00 with Active users."
        )

    def test_steps_that_go_opposite_ways_are_not_joined_by_and(self):
        """70 x $150: less $3,000 for 30 unused seats, plus 70 x $50 = $3,500 from the rate."""
        view = charts.waterfall_view(compare(flat(active_rate="150")))
        assert view.summary == (
            "Today's $10,000.00 a month with Named seats, less $3,000.00 for seats nobody used, "
            "plus $3,500.00 from the rate and contract terms, gives $10,500.00 with Active users."
        )

    def test_summary_sentence(self):
        """The sentence walks the bars in order."""
        view = charts.waterfall_view(compare(example_scenario()))
        assert view.summary == (
            "Today's $10,000.00 a month with Named seats, less $3,000.00 for seats nobody used "
            "and less $2,450.00 from the rate and contract terms, gives $4,550.00 with Active "
            "users."
        )

    def test_varying_months_use_averages_that_add_up(self):
        """Over 100/150/100 seats, the average month still adds up bar by bar, and ends at the
        plan's cost per month as the tables show it: the last bar read $5,633.34 (today's
        average less the savings averaged alone) beside a table of $5,633.33."""
        comparison = compare(seasonal())
        view = charts.waterfall_view(comparison)
        base, volume, rate, alternative = view.figure.data[0].y
        assert "a month on average" in view.title
        assert base + volume + rate == pytest.approx(alternative)
        # Seats $35,000 / 3 = $11,666.67; active 260 x $65 = $16,900 / 3 = $5,633.33.
        assert (base, alternative) == (11_666.67, 5_633.33)
        per_month = {row.plan: row.per_month_cents for row in plan_headlines(comparison)}
        assert alternative == per_month["Active users"] / 100

    def test_table_lists_the_steps(self):
        """Step names and amounts as in the chart."""
        view = charts.waterfall_view(compare(example_scenario()))
        assert view.table.to_dict("list") == {
            "Step": [
                "Today: Named seats",
                "Volume: seats nobody used",
                "Rate and terms",
                "Active users",
            ],
            "Amount a month (USD)": ["$10,000.00", "-$3,000.00", "-$2,450.00", "$4,550.00"],
        }

    def test_single_plan_has_no_waterfall(self):
        """With nothing to compare, asking for a waterfall is an error."""
        lone = flat().model_copy(update={"plans": flat().plans[:1]})
        with pytest.raises(ValueError, match="only one plan"):
            charts.waterfall_view(compare(lone))


class TestCumulativeSavings:
    def test_running_total(self):
        """$5,450 a month adds up to $65,400 by month 12."""
        view = charts.cumulative_savings_view(compare(example_scenario()))
        (line,) = view.figure.data
        assert list(line.y) == [5_450.0 * month for month in range(1, 13)]
        assert view.summary == "By 2027-12, Active users has saved $65,400.00 in total."
        # The axis starts at zero: the first month's $5,450 sat on the axis line.
        assert view.figure.layout.yaxis.rangemode == "tozero"

    def test_plan_that_costs_more(self):
        """$500 more a month is $6,000 more by month 12."""
        view = charts.cumulative_savings_view(compare(flat(active_rate="150")))
        assert view.summary == "By 2027-12, Active users has cost $6,000.00 more in total."


def with_one_time_cost() -> Scenario:
    """The flat worked example with a $1,200 one-time cost on the seat plan."""
    scenario = flat()
    seats = scenario.plans[0].model_copy(update={"one_time_cost": Decimal(1200)})
    return scenario.model_copy(update={"plans": [seats, scenario.plans[1]]})


class TestCostAgainstUtilization:
    def test_costs_at_today_and_at_the_ends(self):
        """At 0 % active users cost $0, at 70 % $4,550, at 100 % $6,500; seats $10,000 always."""
        view = charts.cost_vs_utilization_view(compare(example_scenario()))
        named, active, today = view.figure.data
        assert named.y[0] == named.y[-1] == 10_000.0
        assert (active.y[0], active.y[-1]) == (0.0, 6_500.0)
        assert list(today.x) == [0.7, 0.7]
        assert list(today.y) == [10_000.0, 4_550.0]

    def test_break_even_beyond_100_percent_is_explained(self):
        """$100 / $65 = 153.8 %: active users are cheaper at any utilization."""
        view = charts.cost_vs_utilization_view(compare(example_scenario()))
        assert view.summary == (
            "At today's 70 % utilization a typical month at today's prices costs $10,000.00 with "
            "Named seats, $4,550.00 with Active users; Active users is cheaper than Named seats at "
            "any utilization: they would break even only at 153.8 %, above 100 %."
        )

    def test_a_free_plan_today_is_never_beaten(self):
        """Seats at $0 break even at 0 %: active users are never cheaper, not "cheaper below
        0.0 % utilization"."""
        view = charts.cost_vs_utilization_view(compare(flat(seat_rate="0")))
        assert view.summary.endswith(
            "; Active users is never cheaper than Named seats, which costs nothing."
        )

    def test_two_free_plans_cost_the_same_at_any_utilization(self):
        """Both rates $0: the plans cost the same everywhere; it said active users were cheaper
        at any utilization and never broke even."""
        view = charts.cost_vs_utilization_view(compare(flat(seat_rate="0", active_rate="0")))
        assert view.summary.endswith(
            "; Active users and Named seats cost the same at any utilization: both rates are 0."
        )
        labels = [note.text for note in view.figure.layout.annotations]
        assert "same cost" in labels
        assert "break-even never" not in labels

    def test_today_markers_sit_on_the_table_row_for_today(self):
        """Seats with a $1,200 one-time cost: the contract averages $10,100 a month, but the
        line and the 70 % row show the typical month, $10,000 (and 70 x $65 = $4,550)."""
        view = charts.cost_vs_utilization_view(compare(with_one_time_cost()))
        today = view.figure.data[-1]
        assert view.table.iloc[14].tolist() == ["70 %", "$10,000.00", "$4,550.00"]
        assert list(today.y) == [10_000.0, 4_550.0]

    def test_sentence_names_the_contract_average_apart(self):
        """The sentence gives the line's $10,000 at today's 70 %, then the contract's own average
        ($120,000 + $1,200 one-time over 12 months = $10,100) as a second, named figure; active
        users' average equals its line and is not repeated."""
        view = charts.cost_vs_utilization_view(compare(with_one_time_cost()))
        assert view.summary.startswith(
            "At today's 70 % utilization a typical month at today's prices costs $10,000.00 with "
            "Named seats, $4,550.00 with Active users; the contract's own average month, with its "
            "seasonal staffing, seat floors, price rises and one-time costs, is $10,100.00 with "
            "Named seats; Active users is cheaper than Named seats at any utilization"
        )

    def test_break_even_within_range_is_marked(self):
        """$100 / $125 = 80 %: a dotted line at 0.8 and the sentence says where."""
        view = charts.cost_vs_utilization_view(compare(flat(active_rate="125")))
        lines = [shape.x0 for shape in view.figure.layout.shapes if shape.line.dash == "dot"]
        assert lines == [0.8]
        assert view.summary.endswith(
            "Active users is cheaper than Named seats below 80.0 % utilization."
        )

    def test_table_rows_match_the_curve(self):
        """21 grid points from 0 % to 100 % plus today's point (70 % is on the grid)."""
        view = charts.cost_vs_utilization_view(compare(example_scenario()))
        assert len(view.table) == 21
        assert view.table.iloc[14].to_dict() == {
            "Utilization": "70 %",
            "Named seats (today) (USD)": "$10,000.00",
            "Active users (USD)": "$4,550.00",
        }

    def test_no_chart_when_nothing_is_provisioned(self):
        """Utilization is undefined without provisioned accounts."""
        assert (
            charts.cost_vs_utilization_view(compare(flat(provisioned=0, active=0, peak=0))) is None
        )


def test_all_views_in_page_order():
    """Waterfall (it explains the headline), monthly cost, savings so far, staffing, utilization."""
    views = charts.all_chart_views(compare(example_scenario()))
    assert [view.slug for view in views] == [
        "waterfall",
        "monthly_cost",
        "savings",
        "staffing",
        "utilization",
    ]


def test_single_plan_leaves_out_comparison_charts():
    """Without an alternative there is no waterfall and no savings line."""
    lone = flat().model_copy(update={"plans": flat().plans[:1]})
    views = charts.all_chart_views(compare(lone))
    assert [view.slug for view in views] == ["monthly_cost", "staffing", "utilization"]


def test_plan_names_are_escaped_in_figures_but_not_tables():
    """Plotly renders HTML in names; a plan called '<b>x</b>' shows as text."""
    view = charts.monthly_cost_view(compare(flat(active_name="<b>x</b>")))
    assert view.figure.data[1].name == "&lt;b&gt;x&lt;/b&gt;"
    assert "<b>x</b> (USD)" in view.table.columns


def test_figures_use_the_palette_and_no_plotly_logo():
    """Plan colours come from the theme; the toolbar hides the Plotly logo."""
    view = charts.monthly_cost_view(compare(example_scenario()))
    assert [trace.line.color for trace in view.figure.data] == list(theme.PLAN_COLORS[:2])
    assert conventions.PLOTLY_CONFIG["displaylogo"] is False


def with_hours_and_cap() -> Scenario:
    """Every plan kind: hours in every month, a concurrent cap, one-time cost, escalator."""
    base = seasonal()
    staffing = [
        month.model_copy(update={"logged_in_hours": Decimal(month.active * 120)})
        for month in base.staffing
    ]
    plans = [
        *base.plans,
        Plan(name="Concurrent", rule=CountingRule.CONCURRENT, rate=Decimal(90), concurrent_cap=50),
        Plan(
            name="Hours",
            rule=CountingRule.LOGGED_IN_HOURS,
            rate=Decimal("0.85"),
            one_time_cost=Decimal(5000),
            escalator=Decimal("0.03"),
        ),
    ]
    return base.model_copy(update={"staffing": staffing, "plans": plans})


@pytest.mark.parametrize("scenario", [example_scenario(), seasonal(), with_hours_and_cap()])
def test_every_figure_is_valid_plotly(scenario):
    """Builders skip Plotly's validation for speed; rebuilding with validation must pass."""
    for view in charts.all_chart_views(compare(scenario)):
        go.Figure(view.figure.to_dict())  # raises ValueError on any invalid property


class TestStaffingLayout:
    def test_utilization_has_its_own_panel(self):
        """Utilization is drawn in a lower panel that does not overlap the agents' panel, so 70 %
        never lies on top of 70 active users."""
        view = charts.staffing_view(compare(example_scenario()))
        utilization = view.figure.data[-1]
        layout = view.figure.layout
        assert (utilization.name, utilization.yaxis) == ("Utilization (lower panel)", "y2")
        assert layout.yaxis2.domain[1] < layout.yaxis.domain[0]
        assert layout.yaxis2.overlaying is None

    def test_utilization_ticks_have_a_space_before_percent(self):
        """Ticks read "50 %" like every percentage in the app."""
        axis = charts.staffing_view(compare(example_scenario())).figure.layout.yaxis2
        assert list(axis.ticktext) == ["0 %", "50 %", "100 %"]
        assert list(axis.tickvals) == [0, 0.5, 1]


class TestUtilizationLabels:
    @pytest.mark.parametrize("scenario", [example_scenario(), flat(active_rate="125")])
    def test_label_rows_are_above_every_curve(self, scenario):
        """Line labels sit in rows at the top of the plot; the y axis leaves those rows free, so
        no label covers a curve or today's markers (the plot area is the figure's height less
        about 170 px of title, legend and x axis)."""
        view = charts.cost_vs_utilization_view(compare(scenario))
        layout = view.figure.layout
        top = layout.yaxis.range[1]
        plot_px = layout.height - 170
        lowest_label_px = max(-note.yshift for note in layout.annotations) + 22
        free_below = top * (1 - lowest_label_px / plot_px)
        assert max(y for trace in view.figure.data for y in trace.y) <= free_below

    def test_today_label_is_beside_its_line(self):
        """At 70 % the label is left of the dashed line (it would run off the right otherwise)."""
        view = charts.cost_vs_utilization_view(compare(example_scenario()))
        today = view.figure.layout.annotations[0]
        assert (today.text, today.x, today.xanchor) == ("today 70 %", 0.7, "right")

    def test_axis_ticks_have_a_space_before_percent(self):
        """The utilization axis reads "0 %" ... "100 %"."""
        axis = charts.cost_vs_utilization_view(compare(example_scenario())).figure.layout.xaxis
        assert list(axis.ticktext) == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]


@pytest.mark.parametrize(
    ("months", "step"),
    [(1, None), (12, None), (13, 2), (24, 2), (25, 3), (36, 3), (37, 4), (48, 4), (49, 6), (60, 6)],
)
def test_long_plans_label_every_few_months(months, step):
    """Up to 12 months every month is labelled; beyond, the fewest steps that keep the labels at
    12 or fewer (every 2nd, quarter, 4th, half year), counted from the first month."""
    ticks = charts.month_ticks(months)
    assert ticks == ({} if step is None else {"tick0": 0, "dtick": step})


def test_every_month_chart_of_a_three_year_plan_labels_its_quarters():
    """The monthly cost, savings and staffing charts of 36 months label every 3rd month; each
    month is still a point of every line and a row of the table."""
    scenario = example_scenario().model_copy(
        update={"staffing": preset_curve("tax_season", "2027-01", 36)}
    )
    views = {view.slug: view for view in charts.all_chart_views(compare(scenario))}
    for slug in ("monthly_cost", "savings", "staffing"):
        view = views[slug]
        assert (view.figure.layout.xaxis.tick0, view.figure.layout.xaxis.dtick) == (0, 3), slug
        assert all(len(trace.x) == 36 for trace in view.figure.data), slug
        assert len(view.table) == 36, slug
