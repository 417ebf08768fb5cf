"""The calculator page: the headline and the charts in their stable containers."""

from streamlit.testing.v1 import AppTest

from tests.app.helpers import figure_spec, keyed_block, plain, shown_table

CHART_KEYS = [
    "chart_monthly_cost",
    "chart_staffing",
    "chart_waterfall",
    "chart_savings",
    "chart_utilization",
]
SECTION_KEYS = [
    key.replace("chart_", "chart_section_") for key in CHART_KEYS if key != "chart_waterfall"
]


def test_headline_container_holds_the_worked_example(app: AppTest):
    """Savings per month $5,450.00, 54.5 %, utilization 70 % inside key="headline"."""
    app.run()
    headline = keyed_block(app, "headline")
    shown = {metric.label: plain(metric.value) for metric in headline.metric}
    assert shown == {
        "Savings per month: Active users": "$5,450.00",
        "Savings in percent: Active users": "54.5 %",
        "Utilization: active users / provisioned accounts": "70 %",
    }


def test_headline_and_waterfall_follow_active_users(app: AppTest):
    """Active users 70 -> 60: $6,100.00 (61.0 %) in the headline and the waterfall's title."""
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    headline = {m.label: plain(m.value) for m in keyed_block(app, "headline").metric}
    assert headline["Savings per month: Active users"] == "$6,100.00"
    assert headline["Savings in percent: Active users"] == "61.0 %"
    title = figure_spec(app, "chart_waterfall")["layout"]["title"]["text"]
    assert title.endswith("saves $6,100.00 a month (61.0 %)")


def test_the_waterfall_explains_the_plan_that_saves_most(app: AppTest):
    """A concurrent plan of 30 seats at $80 ($2,400.00 a month) saves more than active users
    ($4,550.00): the waterfall explained active users, the first alternative, while the
    presenter view led with the concurrent plan."""
    app.run()
    app.number_input(key="quick_peak_concurrent").set_value(30).run()
    app.number_input(key="quick_concurrent_rate").set_value(80.0).run()
    title = figure_spec(app, "chart_waterfall")["layout"]["title"]["text"]
    assert (
        plain(title)
        .replace("<br>", " ")
        .startswith("Switching from Named seats to Concurrent saves $7,600.00 a month")
    )


def test_every_chart_has_its_container_summary_and_table(app: AppTest):
    """Each chart sits in its keyed container with a caption and a table."""
    app.run()
    for key in CHART_KEYS:
        block = keyed_block(app, key)
        assert len(block.caption) == 1, key
        assert len(block.dataframe) == 1, key


def test_every_chart_but_the_waterfall_has_a_section_of_its_own(app: AppTest):
    """The four charts after the waterfall sit in sections a reader can close, open at first."""
    app.run()
    figure_spec(app, "chart_waterfall")
    assert all(app.session_state[key] is True for key in SECTION_KEYS)
    labels = [expander.label for expander in app.expander]
    assert [label for label in labels if not label.startswith("Numbers")] == [
        "Monthly cost per plan",
        "Savings so far",
        "Staffing: provisioned, active and peak concurrent agents",
        "Monthly cost against utilization",
    ]


def test_every_chart_is_shown_at_first(app: AppTest):
    """No chart waits behind a closed section: the waterfall and the four others are drawn."""
    app.run()
    assert len(app.get("plotly_chart")) == 5
    for key in CHART_KEYS:
        assert keyed_block(app, key).get("plotly_chart")


def test_an_open_section_follows_the_next_input(app: AppTest):
    """The staffing chart follows the next input: 60 active users in its table."""
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    table = keyed_block(app, "chart_staffing").dataframe[0].value
    assert set(table["Active users"]) == {60}


def test_a_closed_section_stays_closed_when_a_number_changes(app: AppTest):
    """A reader who closed the staffing section keeps it closed: four charts after an input."""
    app.run()
    app.session_state["chart_section_staffing"] = False  # as a click on its title would
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    assert len(app.get("plotly_chart")) == 4
    assert app.session_state["chart_section_staffing"] is False


def test_costlier_alternative_is_said_plainly(app: AppTest):
    """Active users at $150: 70 x $150 = $10,500, $500 more than seats, as a warning."""
    app.run()
    app.number_input(key="quick_active_rate").set_value(150.0).run()
    assert plain(app.warning[0].value) == (
        "Paying for 70 active users instead of 100 seats costs $500 more a month (5.0 % more): "
        "$3,000 from seats nobody used and $3,500 added by the higher rate."
    )


def test_cost_table_per_month_and_per_year(app: AppTest):
    """Per month and per year (12 x) for both plans of the worked example."""
    app.run()
    table = shown_table(keyed_block(app, "headline").table[0])
    assert table.to_dict("list") == {
        "Plan": ["Named seats (today)", "Active users"],
        "Cost per month": ["$10,000.00", "$4,550.00"],
        "Cost per year": ["$120,000.00", "$54,600.00"],
        "Savings per month": ["–", "$5,450.00"],
        "Savings per year": ["–", "$65,400.00"],
        "Savings in percent": ["–", "54.5 %"],
    }
