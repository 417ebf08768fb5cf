"""The binding's components on their own (``AppTest.from_function``): each returns a typed value,
the model as entered or the problems, and shows problems the one way.

Oracles: the worked example's active-user plan ($65 per active user) and hand conversions.
"""

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from app.binding import Problems
from calculator import CountingRule, CurveSpec, example_scenario, generate_curve
from tests.app.helpers import current_scenario, errors, plain


def plan_form_app():
    """Plan 0's form, filled with the worked example's active-user plan; the result is kept."""
    import streamlit as st

    from app.components.seasonal_editor import plan_form
    from app.fields import PLAN
    from calculator import example_scenario

    if "filled" not in st.session_state:
        st.session_state.update(PLAN.widget_values(example_scenario().plans[1], "_0"))
        st.session_state["filled"] = True
    st.session_state["result"] = plan_form(0, example_scenario().plans[1])


def save(at: AppTest) -> AppTest:
    return at.button(key="FormSubmitter:seasonal_plan_0_form-Save this plan").click().run()


class TestPlanForm:
    def test_nothing_until_saved(self):
        at = AppTest.from_function(plan_form_app).run()
        assert at.session_state["result"] is None

    def test_saved_form_returns_the_plan_as_entered(self):
        """$50 and a 2.5 % yearly rise: rate 50.00, escalator 0.025 exactly."""
        at = AppTest.from_function(plan_form_app).run()
        at.number_input(key="seasonal_plan_0_rate").set_value(50.0)
        at.number_input(key="seasonal_plan_0_escalator").set_value(2.5)
        result = save(at).session_state["result"]
        expected = (
            example_scenario()
            .plans[1]
            .model_copy(update={"rate": Decimal("50.00"), "escalator": Decimal("0.025")})
        )
        assert result == expected
        assert str(result.escalator) == "0.025000"

    def test_unchanged_form_returns_the_same_plan(self):
        """Seeding and reading back are inverse: saving untouched gives the plan back."""
        at = save(AppTest.from_function(plan_form_app).run())
        assert at.session_state["result"] == example_scenario().plans[1]

    def test_a_broken_rule_returns_the_problems_in_the_inputs_words(self):
        """A concurrent cap on an active-user plan is refused, naming the input by its label."""
        at = AppTest.from_function(plan_form_app).run()
        at.number_input(key="seasonal_plan_0_concurrent_cap").set_value(50)
        result = save(at).session_state["result"]
        assert result == Problems(
            (
                "plan 'Active users': concurrent seats bought up front applies only to "
                "concurrent plans, not active_user",
            )
        )

    def test_a_rate_finer_than_six_places_is_refused_not_rounded(self):
        """0.0000001 a unit was priced as 0.000000 without a word; it is refused by name with the
        value as typed. Six places are kept exactly."""
        at = AppTest.from_function(plan_form_app).run()
        at.number_input(key="seasonal_plan_0_rate").set_value(0.0000001)
        assert save(at).session_state["result"] == Problems(
            ("plan 'Active users': rate: must have at most 6 decimal places (got 0.0000001)",)
        )
        at.number_input(key="seasonal_plan_0_rate").set_value(0.000001)
        assert save(at).session_state["result"].rate == Decimal("0.000001")

    @pytest.mark.parametrize("typed", [3.123456, 0.00001])
    def test_a_percentage_finer_than_four_places_is_refused_in_percent(self, typed):
        """A yearly rise of 0.00001 % was kept as 0 without a word: it is refused by name, in
        percent as typed."""
        at = AppTest.from_function(plan_form_app).run()
        at.number_input(key="seasonal_plan_0_escalator").set_value(typed)
        assert save(at).session_state["result"] == Problems(
            (
                "plan 'Active users': yearly price rise: must have at most 4 decimal places in "
                f"percent (got {Decimal(str(typed)):f} %)",
            )
        )

    def test_a_percentage_of_four_places_is_kept_exactly(self):
        at = AppTest.from_function(plan_form_app).run()
        at.number_input(key="seasonal_plan_0_escalator").set_value(3.1234)
        assert save(at).session_state["result"].escalator == Decimal("0.031234")

    def test_a_concurrent_plan_may_cap_its_seats(self):
        at = AppTest.from_function(plan_form_app).run()
        at.selectbox(key="seasonal_plan_0_rule").set_value(CountingRule.CONCURRENT)
        at.number_input(key="seasonal_plan_0_concurrent_cap").set_value(50)
        result = save(at).session_state["result"]
        assert (result.rule, result.concurrent_cap) == (CountingRule.CONCURRENT, 50)


def generator_app():
    """The staffing generator on a session with the worked example."""
    import streamlit as st

    from app import state
    from app.components.seasonal_editor import generator_inputs

    state.init()
    st.session_state["result"] = generator_inputs()


class TestGenerator:
    def test_built_curve_keeps_the_facts_used(self):
        """10 % part-timers for 6 months: share 0.1 (a float ratio of the percentage); the
        curve replaces the staffing and the page reruns with the facts kept in the inputs."""
        at = AppTest.from_function(generator_app).run()
        at.number_input(key="seasonal_generator_part_time_share").set_value(10.0)
        at.button(key="FormSubmitter:seasonal_generator_form-Build the curve").click().run()
        spec = CurveSpec(part_time_share=0.1)
        assert at.session_state["seasonal__generator_spec"] == spec
        assert current_scenario(at).staffing == generate_curve(spec, "2027-01", 12)
        assert at.session_state["result"] is None  # the rerun after the change
        assert at.number_input(key="seasonal_generator_part_time_share").value == 10.0

    def test_problems_are_returned_and_shown(self):
        at = AppTest.from_function(generator_app).run()
        at.number_input(key="seasonal_generator_seasonal_staff").set_value(30)
        at.button(key="FormSubmitter:seasonal_generator_form-Build the curve").click().run()
        problems = ("seasonal agents is 30 but no seasonal months are chosen",)
        assert at.session_state["result"] == Problems(problems)
        assert errors(at) == [f"- {problems[0]}"]


def quick_app():
    import streamlit as st

    from app import state
    from app.components.quick_inputs import quick_inputs

    state.init()
    st.session_state["result"] = quick_inputs()


class TestQuickInputs:
    def test_returns_the_values_shown(self):
        """The worked example: 100 seats at $100, 70 active at $65, no concurrent plan, so the
        optional peak (50, which nothing prices) starts empty."""
        at = AppTest.from_function(quick_app).run()
        values = at.session_state["result"]
        assert (values.provisioned, values.active, values.peak_concurrent) == (100, 70, None)
        assert (values.seat_rate, values.active_rate, values.concurrent_rate) == (100, 65, None)

    def test_returns_the_problems_and_keeps_the_scenario(self):
        at = AppTest.from_function(quick_app).run()
        at.number_input(key="quick_active").set_value(120).run()
        assert at.session_state["result"] == Problems(
            (
                "active users (120) must be <= provisioned seats (100); lower active users or raise"
                " provisioned seats",
            )
        )
        assert current_scenario(at) == example_scenario()


def quick_read_first_app():
    """The calculator's order: the inputs read, then drawn; the result of the read is kept."""
    import streamlit as st

    from app import state
    from app.components.quick_inputs import draw_quick_inputs, read_quick_inputs

    state.init()
    if st.session_state.get("resumed"):  # as after a server restart: the browser's values rule
        st.session_state["widgets_kept_from_browser"] = frozenset({"quick_active"})
    entered = read_quick_inputs()
    st.session_state["result"] = entered
    if entered is not None:
        draw_quick_inputs(entered)


class TestQuickInputsReadFirst:
    def test_reads_what_the_widgets_then_show(self):
        """The read gives what drawing the widgets gives (see TestQuickInputs), and the widgets
        drawn after it show those values."""
        at = AppTest.from_function(quick_read_first_app).run()
        values = at.session_state["result"]
        assert (values.provisioned, values.active, values.peak_concurrent) == (100, 70, None)
        assert (values.seat_rate, values.active_rate, values.concurrent_rate) == (100, 65, None)
        assert at.number_input(key="quick_active").value == 70
        assert at.number_input(key="quick_peak_concurrent").value is None

    def test_an_edit_is_read_before_its_widget_is_drawn_again(self):
        """The typed value is in the session at the start of the run: the read returns it and
        writes the new scenario before any widget is drawn."""
        at = AppTest.from_function(quick_read_first_app).run()
        at.number_input(key="quick_active").set_value(60).run()
        assert at.session_state["result"].active == 60
        assert current_scenario(at).plans[1].rate == Decimal(65)
        assert [month.active for month in current_scenario(at).staffing] == [60] * 12
        assert at.number_input(key="quick_active").value == 60

    def test_problems_are_returned_and_shown_under_the_inputs(self):
        at = AppTest.from_function(quick_read_first_app).run()
        at.number_input(key="quick_active").set_value(120).run()
        assert isinstance(at.session_state["result"], Problems)
        assert errors(at) == [
            "- active users (120) must be <= provisioned seats (100); lower active users or raise"
            " provisioned seats"
        ]
        assert current_scenario(at) == example_scenario()

    def test_a_resumed_first_run_must_draw_the_widgets_to_read_them(self):
        """Values the browser kept after a restart are readable only once their widgets are
        drawn: the read declines, and the page draws the inputs first (quick_inputs)."""
        at = AppTest.from_function(quick_read_first_app)
        at.session_state["resumed"] = True
        at.run()
        assert at.session_state["result"] is None


def problems_app():
    from app.binding import Problems, show_problems

    show_problems(Problems(("plan '[x](http://e)' costs *more*",)), intro="Not loaded:")
    show_problems(Problems(()))  # nothing to show: no box


def test_problems_are_one_escaped_box():
    """Markdown in a problem (a user's plan name) shows as typed, under the intro."""
    at = AppTest.from_function(problems_app).run()
    (box,) = at.error
    assert plain(box.value) == "Not loaded:\n- plan '[x](http://e)' costs *more*"
    assert "\\[x\\]" in box.value
