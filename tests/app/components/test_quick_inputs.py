"""Quick mode: four numbers (plus an optional concurrent plan) give a result at once.

Oracle: the worked example of the design notes, 100 seats at $100 against 70 active users at $65,
saves $5,450.00 a month (54.5 %). Each test changes one input; the expected figures are worked
out by hand in its docstring.
"""

from dataclasses import replace
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from app.quick import (
    QuickValues,
    build_quick_scenario,
    count_order_problems,
    is_quick_shaped,
    quick_values_from,
)
from calculator import example_scenario, preset_curve
from tests.app.helpers import current_scenario, errors, keyed_block, metrics, plain

WORKED = QuickValues(
    provisioned=100,
    active=70,
    seat_rate=Decimal(100),
    active_rate=Decimal(65),
    concurrent_rate=None,
    peak_concurrent=50,
)


class TestPure:
    def test_values_of_the_worked_example(self):
        """The inputs show the example's first month and rates; the optional peak starts empty,
        as no plan of the example counts it."""
        assert quick_values_from(example_scenario()) == replace(WORKED, peak_concurrent=None)

    def test_a_priced_peak_is_shown(self):
        """With a concurrent plan the peak it prices is shown."""
        values = replace(WORKED, concurrent_rate=Decimal(90))
        built = build_quick_scenario(values, name="x", start_month="2027-01")
        assert quick_values_from(built).peak_concurrent == 50

    def test_building_from_the_worked_example_gives_it_back(self):
        """Quick mode writes exactly the default scenario, so opening the app changes nothing."""
        built = build_quick_scenario(WORKED, name="Worked example", start_month="2027-01")
        assert built == example_scenario()

    def test_a_concurrent_rate_adds_a_concurrent_plan(self):
        """The optional rate adds a third plan named Concurrent."""
        values = QuickValues(100, 70, Decimal(100), Decimal(65), Decimal(90), 50)
        built = build_quick_scenario(values, name="x", start_month="2027-01")
        assert [plan.name for plan in built.plans] == ["Named seats", "Active users", "Concurrent"]

    def test_empty_peak_means_everyone_active_at_once(self):
        """No peak given: peak concurrent = active users."""
        values = QuickValues(100, 70, Decimal(100), Decimal(65), None, None)
        built = build_quick_scenario(values, name="x", start_month="2027-01")
        assert {month.peak_concurrent for month in built.staffing} == {70}

    def test_a_refused_count_is_left_out_of_the_order_rules(self):
        """With the active users refused for their own value, neither rule that compares them
        is checked: the seats and the peak are not compared with a value that is not one."""
        entered = {"provisioned": 100, "active": 120.5, "peak_concurrent": 130}
        assert count_order_problems(entered, refused={"active"}) == []

    def test_the_order_rules_name_the_counts_by_their_labels(self):
        """Both order rules broken: each named as the inputs name the counts."""
        entered = {"provisioned": 100, "active": 120, "peak_concurrent": 130}
        assert count_order_problems(entered, refused=set()) == [
            "active users (120) must be <= provisioned seats (100); lower active users or raise "
            "provisioned seats",
            "peak concurrent agents (130) must be <= active users (120); lower peak concurrent "
            "agents or raise active users",
        ]

    def test_seasonal_scenarios_are_not_quick_shaped(self):
        """A curve that varies cannot be shown by four numbers."""
        scenario = example_scenario().model_copy(
            update={"staffing": preset_curve("tax_season", "2027-01", 12)}
        )
        assert is_quick_shaped(example_scenario())
        assert not is_quick_shaped(scenario)


@pytest.mark.parametrize(
    ("key", "value", "label", "expected"),
    [
        # 120 x $100 = $12,000 against $4,550: $7,450 (62.08 % -> 62.1 %).
        ("quick_provisioned", 120, "Active users", ("$7,450.00", "62.1 %")),
        # 60 x $65 = $3,900: $6,100 (61.0 %), the browser test's oracle.
        ("quick_active", 60, "Active users", ("$6,100.00", "61.0 %")),
        # 100 x $80 = $8,000 against $4,550: $3,450 (43.1 %).
        ("quick_seat_rate", 80.0, "Active users", ("$3,450.00", "43.1 %")),
        # 70 x $50 = $3,500: $6,500 (65.0 %).
        ("quick_active_rate", 50.0, "Active users", ("$6,500.00", "65.0 %")),
        # Peak left empty: the worked example's 50 at once, as its page showed before the
        # rate was typed; 50 x $90 = $4,500 against $10,000: $5,500 (55.0 %).
        ("quick_concurrent_rate", 90.0, "Concurrent", ("$5,500.00", "55.0 %")),
    ],
)
def test_each_input_changes_the_right_numbers(app: AppTest, key, value, label, expected):
    """Changing one quick input updates the savings metrics of the plan it prices."""
    app.run()
    app.number_input(key=key).set_value(value).run()
    shown = metrics(app)
    assert not app.exception
    assert (shown[f"Savings per month: {label}"], shown[f"Savings in percent: {label}"]) == expected


def test_a_free_plan_today_has_no_percentage_metric_and_says_why(app: AppTest):
    """Seats at $0: active users cost $4,550.00 more a month; there is no percentage of $0 to
    show as a figure (it showed "n/a"), and the sentence under the figures says why."""
    app.run()
    app.number_input(key="quick_seat_rate").set_value(0.0).run()
    shown = metrics(app)
    assert not app.exception
    assert shown["Savings per month: Active users"] == "-$4,550.00"
    assert "Savings in percent: Active users" not in shown
    assert [plain(w.value) for w in app.warning] == [
        "Paying for 70 active users instead of 100 seats costs $4,550 more a month; today's "
        "plan costs nothing."
    ]


def test_peak_concurrent_prices_the_concurrent_plan(app: AppTest):
    """40 peak x $90 = $3,600 against $10,000: $6,400 (64.0 %)."""
    app.run()
    app.number_input(key="quick_concurrent_rate").set_value(90.0).run()
    app.number_input(key="quick_peak_concurrent").set_value(40).run()
    assert metrics(app)["Savings per month: Concurrent"] == "$6,400.00"


def test_an_empty_peak_keeps_the_scenarios_never_above_the_active_users(app: AppTest):
    """The worked example's peak is 50 of 70 active. With the box empty: 50 x $90 = $4,500
    against $10,000, $5,500 (55.0 %); 40 active cap it at 40: 40 x $90 = $3,600, $6,400
    (64.0 %); back at 70 active it is 50 again, not the 40 of the edit before."""
    app.run()
    app.number_input(key="quick_concurrent_rate").set_value(90.0).run()
    app.number_input(key="quick_peak_concurrent").set_value(None).run()
    assert metrics(app)["Savings in percent: Concurrent"] == "55.0 %"
    app.number_input(key="quick_active").set_value(40).run()
    assert metrics(app)["Savings in percent: Concurrent"] == "64.0 %"
    app.number_input(key="quick_active").set_value(70).run()
    assert metrics(app)["Savings in percent: Concurrent"] == "55.0 %"


def kept_peak_notes(app: AppTest) -> list[str]:
    return [plain(caption.value) for caption in app.caption if "peak of" in caption.value]


def test_an_empty_peak_box_says_which_peak_the_concurrent_plan_is_priced_at(app: AppTest):
    """A concurrent rate typed with the peak box empty priced the worked example's 50 (then 40,
    the active users) while the box stayed empty: the box now says so under it."""
    app.run()
    assert kept_peak_notes(app) == []  # no concurrent plan, nothing priced at a peak
    app.number_input(key="quick_concurrent_rate").set_value(90.0).run()
    assert kept_peak_notes(app) == [
        "Empty: the concurrent plan is priced at the scenario's peak of 50 agents (never more "
        "than the active users). Type a peak to change it."
    ]
    app.number_input(key="quick_active").set_value(40).run()
    assert "peak of 40 agents" in kept_peak_notes(app)[0]
    app.number_input(key="quick_peak_concurrent").set_value(30).run()
    assert kept_peak_notes(app) == []


def test_an_emptied_concurrent_rate_says_the_plan_is_left_out(app: AppTest):
    """A rate of 90 emptied (as a deliberate clear, or 1e400, which the browser sends as no
    value): the concurrent plan goes, and the page says why until the next change."""
    app.run()
    app.number_input(key="quick_concurrent_rate").set_value(90.0).run()
    assert not [box for box in app.info if "Concurrent rate" in box.value]
    app.number_input(key="quick_concurrent_rate").set_value(None).run()
    assert "Savings per month: Concurrent" not in metrics(app)
    (notice,) = [plain(box.value) for box in app.info if "Concurrent rate" in box.value]
    assert notice.startswith(
        "Concurrent rate: the box is empty, so the concurrent plan (rate 90) is left out. If you "
        "typed a rate, it could not be read (too large, or not a number)"
    )
    app.number_input(key="quick_active").set_value(60).run()
    assert not [box for box in app.info if "Concurrent rate" in box.value]


def test_an_edit_to_another_number_leaves_the_peak_as_it_was(app: AppTest):
    """A new active-user rate leaves the worked example's 50 at once in every month (it became
    70, the active users, without a word)."""
    app.run()
    app.number_input(key="quick_active_rate").set_value(60.0).run()
    assert {month.peak_concurrent for month in current_scenario(app).staffing} == {50}


def test_more_active_than_provisioned_is_explained_and_shows_no_old_figure(app: AppTest):
    """120 active of 100 seats is refused next to the inputs; the headline says what to fix and
    shows no figure of the scenario before the edit."""
    app.run()
    app.number_input(key="quick_active").set_value(120).run()
    assert errors(app) == [
        "- active users (120) must be <= provisioned seats (100); lower active users or raise provisioned seats"
    ]
    assert app.number_input(key="quick_active").value == 120  # the user's entry is kept
    assert not app.metric
    assert not app.table
    headline = [plain(box.value) for box in keyed_block(app, "headline").warning]
    assert len(headline) == 1
    assert (
        "active users (120) must be <= provisioned seats (100); lower active users or raise provisioned seats"
        in headline[0]
    )
    assert "$" not in "".join(headline)
    assert not [c for c in app.markdown if "$" in c.value]


def test_a_bad_rate_and_a_peak_above_the_active_users_show_together(app: AppTest):
    """A negative seat rate and a peak of 80 of 70 active users: both problems show on the
    first try, each naming its field (the peak was shown only once the rate was fixed)."""
    app.run()
    app.number_input(key="quick_seat_rate").set_value(-5.0)
    app.number_input(key="quick_peak_concurrent").set_value(80).run()
    assert errors(app) == [
        "- seat rate: must be 0 or more (got -5.00)\n"
        "- peak concurrent agents (80) must be <= active users (70); lower peak concurrent "
        "agents or raise active users"
    ]
    assert current_scenario(app) == example_scenario()


def test_the_prospects_two_numbers(app: AppTest):
    """40 seats x $100 = $4,000 against 30 active x $65 = $1,950: $2,050.00 (51.25 % -> 51.3 %),
    with no other field touched."""
    app.run()
    app.number_input(key="quick_provisioned").set_value(40).run()
    app.number_input(key="quick_active").set_value(30).run()
    assert not app.error
    shown = metrics(app)
    assert shown["Savings per month: Active users"] == "$2,050.00"
    assert shown["Savings in percent: Active users"] == "51.3 %"


def test_two_hundred_active_of_a_hundred_seats_shows_no_money_figure(app: AppTest):
    """200 active users with 100 seats (no other field touched): the headline says what to fix
    and holds no money figure at all."""
    app.run()
    app.number_input(key="quick_provisioned").set_value(100).run()
    app.number_input(key="quick_active").set_value(200).run()
    headline = keyed_block(app, "headline")
    shown = [plain(box.value) for box in headline.warning]
    assert any("active users (200) must be <= provisioned seats (100)" in line for line in shown)
    assert not headline.metric
    assert not headline.table
    text = " ".join([*shown, *(md.value for md in headline.markdown)])
    assert "$" not in text


def test_fixing_the_input_clears_the_error(app: AppTest):
    """After a refused value, a valid one is applied and the message goes."""
    app.run()
    app.number_input(key="quick_active").set_value(120).run()
    app.number_input(key="quick_active").set_value(60).run()
    assert not app.error
    assert metrics(app)["Savings per month: Active users"] == "$6,100.00"


def test_quick_mode_keeps_the_start_month(app: AppTest):
    """The flat twelve months start at the scenario's start month (2027-01 by default)."""
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    scenario = current_scenario(app)
    assert (scenario.start_month, scenario.horizon) == ("2027-01", 12)


def test_quick_edit_keeps_budget_settings():
    """A quick-mode rebuild carries the scenario's budget settings (fiscal year, programs)."""
    from calculator.budget import BudgetSettings

    budget = BudgetSettings(fiscal_year_start_month=10)
    built = build_quick_scenario(WORKED, name="x", start_month="2027-01", budget=budget)
    assert built.budget.fiscal_year_start_month == 10


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        (
            "quick_provisioned",
            12.7,
            "provisioned seats: accepts whole numbers only; 12.7 was typed",
        ),
        ("quick_provisioned", None, "provisioned seats: is empty; type a number"),
        (
            "quick_active",
            1e9,
            "active users: must be 1,000,000 or less (got 1,000,000,000)",
        ),
        (
            "quick_seat_rate",
            -5.0,
            "seat rate: must be 0 or more (got -5.00)",
        ),
        (
            "quick_seat_rate",
            0.0000001,
            "seat rate: must have at most 6 decimal places (got 0.0000001)",
        ),
    ],
)
def test_refused_loudly_never_clamped(app: AppTest, key, value, problem):
    """A fraction of an agent, an emptied field, a value out of range and a rate finer than its
    six places (never rounded to 0) are refused by name; the box keeps what was typed and the
    headline shows no figure."""
    app.run()
    app.number_input(key=key).set_value(value).run()
    assert errors(app) == [f"- {problem}"]
    assert app.number_input(key=key).value == value
    assert not app.metric
    assert current_scenario(app) == example_scenario()


def test_a_rate_is_priced_and_shown_as_typed(app: AppTest):
    """$95.555 a seat: 100 x 95.555 = $9,555.50 against 70 x $65 = $4,550: $5,005.50."""
    app.run()
    app.number_input(key="quick_seat_rate").set_value(95.555).run()
    assert app.number_input(key="quick_seat_rate").value == 95.555
    assert app.number_input(key="quick_seat_rate").format == "%g"
    assert current_scenario(app).plans[0].rate == Decimal("95.555")
    assert metrics(app)["Savings per month: Active users"] == "$5,005.50"


def test_counts_say_they_are_whole_numbers(app: AppTest):
    """Each count's help ends by saying it takes whole numbers only."""
    app.run()
    for key in ("quick_provisioned", "quick_active", "quick_peak_concurrent"):
        assert app.number_input(key=key).help.endswith("Whole numbers only.")
