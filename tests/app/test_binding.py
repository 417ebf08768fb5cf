"""Field tables and the binding derived from them, without Streamlit running.

Oracles: the worked example's plans (named seats at $100, active users at $65) and conversions
worked out by hand beside each case.
"""

import re
from dataclasses import fields as dataclass_fields
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from app import fields
from app.binding import (
    Binding,
    Field,
    Kind,
    Problems,
    decimal_from_input,
    description,
    nest,
    validate,
)
from app.fields import (
    BUDGET_FISCAL,
    BUDGET_UNCERTAINTY,
    CURVE,
    PERIOD,
    PLAN,
    QUICK,
    STAFFING,
    QuickValues,
)
from calculator import (
    CountingRule,
    CurveSpec,
    MonthStaffing,
    Plan,
    TypedPercent,
    example_scenario,
)
from calculator._types import Ratio
from calculator.budget import BudgetSettings


class TestDecimalFromInput:
    @pytest.mark.parametrize(
        ("typed", "rate"),
        [(65.0, Decimal("65.00")), (65.5, Decimal("65.50")), (0.123456789, Decimal("0.123457"))],
    )
    def test_rates_become_exact_decimals(self, typed, rate):
        """Cents stay cents; finer rates keep the six places a rate may have."""
        assert decimal_from_input(typed, places=6) == rate
        assert str(decimal_from_input(typed, places=6)) == str(rate)

    @pytest.mark.parametrize(
        ("typed", "kwargs", "expected"),
        [
            (12.345, {}, "12.345"),  # money finer than a cent stays as typed (the model refuses)
            (0.1, {}, "0.10"),  # read by its shortest repr, not the binary value
            ("2.25", {}, "2.25"),  # text from a table cell
            (3.0, {"scale": 100, "places": 6}, "0.03"),  # 3 % as a ratio
            (2.5, {"scale": 100, "places": 6}, "0.025000"),  # 2.5 %: finer than a cent
            (0.0000005, {"places": 6}, "0.000001"),  # half away from zero
        ],
    )
    def test_hand_values(self, typed, kwargs, expected):
        assert str(decimal_from_input(typed, **kwargs)) == expected

    @pytest.mark.parametrize(
        ("typed", "read"), [(1e-07, "0.0000001"), (0.123456789, "0.123456789"), (65.5, "65.50")]
    )
    def test_a_rate_is_read_as_typed(self, typed, read):
        """A rate finer than six places reaches the model unrounded, which refuses it by name:
        rounded, 0.0000001 was priced as 0.00 without a word."""
        assert Field("rate", Kind.EXACT, "Rate").from_widget(typed) == Decimal(read)

    @given(st.decimals(min_value=0, max_value=1_000_000, places=6))
    def test_a_rate_survives_the_number_input(self, rate):
        """A rate shown in a number input (a float) reads back as the same rate."""
        field = Field("rate", Kind.EXACT, "Rate")
        assert field.from_widget(field.to_widget(rate)) == rate

    @given(st.decimals(min_value=0, max_value=1, places=6))
    def test_a_ratio_survives_being_shown_in_percent(self, ratio):
        field = Field("escalator", Kind.PERCENT, "Yearly price rise")
        assert field.to_widget(ratio) == pytest.approx(float(ratio) * 100)
        read = TypeAdapter(Ratio).validate_python(field.from_widget(field.to_widget(ratio)))
        assert str(read) == str(ratio.quantize(Decimal("0.000001")))

    @pytest.mark.parametrize(("typed", "read"), [(3.123456, "3.123456"), (1e-05, "0.00001")])
    def test_a_percentage_finer_than_four_places_stays_as_typed(self, typed, read):
        """A ratio of more than six places is not rounded (0.00001 % became 0): it reaches the
        model as the percentage typed, which refuses it in percent."""
        field = Field("escalator", Kind.PERCENT, "Yearly price rise")
        assert field.from_widget(typed) == TypedPercent(Decimal(read))

    @pytest.mark.parametrize(
        ("typed", "read"),
        [
            (" Logged Out , Away,, ", ["Logged Out", "Away"]),
            ("", None),
            (" , ", None),
            (None, None),
        ],
    )
    def test_names_are_read_from_one_box(self, typed, read):
        """Names separated by commas, spaces and empty names left out; an empty box is None
        (the model's "use the default"), and a tuple is shown as it would be typed."""
        field = Field("logged_out_states", Kind.NAMES, "States that mean logged out")
        assert field.from_widget(typed) == read
        assert field.to_widget(("Logged Out", "Away")) == "Logged Out, Away"

    @pytest.mark.parametrize(("typed", "read"), [(1e30, 10**30), (60.0, 60), (1e308, 10**308)])
    def test_a_huge_whole_number_is_read_as_typed(self, typed, read):
        """A box of whole numbers gives floats: 1e30 is read as 10**30, as typed, and a message
        quotes that, not the float's binary neighbour 1,000,000,000,000,000,019,884,624,838,656."""
        assert Field("provisioned", Kind.WHOLE, "Provisioned seats").from_widget(typed) == read


class TestTables:
    @pytest.mark.parametrize(
        ("binding", "model"),
        [(PLAN, Plan), (CURVE, CurveSpec), (STAFFING, MonthStaffing)],
        ids=["plan", "curve", "staffing"],
    )
    def test_every_field_of_the_model_has_a_line(self, binding, model):
        """A new term in the model without its line in the table fails here."""
        assert [item.name for item in binding.fields] == list(model.model_fields)

    def test_quick_values_have_a_line_each(self):
        assert {item.name for item in QUICK.fields} == {
            f.name for f in dataclass_fields(QuickValues)
        }

    def test_help_is_the_model_description_without_its_unit(self):
        assert description(Plan, "rate") == (
            "Price per counted unit per month; per hour for logged-in hours"
        )
        assert description(BudgetSettings, "uncertainty.active_users.low") == (
            "Lowest relative change, e.g. -0.1 for 10 % lower"
        )

    def test_keys(self):
        """Keys are the prefix, the copy's suffix and the field (or its own key)."""
        assert PLAN.key("rate", "_1") == "seasonal_plan_1_rate"
        assert PERIOD.widget_keys() == ["seasonal_name", "seasonal_start_month"]
        assert BUDGET_FISCAL.widget_keys() == [
            "budget_fiscal_start",
            "budget_discount_rate",
            "budget_appropriation",
        ]
        assert "budget_active_users_low" in BUDGET_UNCERTAINTY.widget_keys()

    def test_seed_values_of_a_plan(self):
        """Rates and money as floats, the escalator in percent, empty terms as None."""
        plan = Plan(
            name="Hours",
            rule=CountingRule.LOGGED_IN_HOURS,
            rate=Decimal("0.85"),
            escalator=Decimal("0.03"),
        )
        values = PLAN.widget_values(plan, "_2")
        assert values["seasonal_plan_2_rate"] == 0.85
        assert values["seasonal_plan_2_escalator"] == 3.0
        assert values["seasonal_plan_2_overage_rate"] is None
        assert values["seasonal_plan_2_rule"] is CountingRule.LOGGED_IN_HOURS

    def test_data_of_nested_fields(self):
        """Dotted names come back nested, ready for validation."""
        data = BUDGET_UNCERTAINTY.data(BudgetSettings())
        assert data["uncertainty"]["active_users"] == {
            "low": Decimal("-0.1"),
            "high": Decimal("0.1"),
        }
        assert nest({"a.b": 1, "a.c": 2, "d": 3}) == {"a": {"b": 1, "c": 2}, "d": 3}

    def test_labels_name_fields_as_the_widgets_do(self):
        """Problems use the label in lower case; within a list, qualified by the list."""
        labels = PLAN.labels("plans")
        assert labels["plans.rate"] == "rate"
        assert labels["concurrent_cap"] == "concurrent seats bought up front"
        assert QUICK.labels()["active"] == "active users"
        # The three ranges share "low": it is named by the range, not by one of them.
        assert BUDGET_UNCERTAINTY.labels()["low"] == "lowest change"


class TestValidate:
    def test_a_valid_plan(self):
        assert (
            validate(Plan, example_scenario().plans[1].model_dump()) == example_scenario().plans[1]
        )

    def test_a_rule_is_explained_with_labels(self):
        """A cap on an active-user plan: the term is named as its input is."""
        data = {**example_scenario().plans[1].model_dump(), "concurrent_cap": 50}
        assert validate(Plan, data, PLAN.labels()) == Problems(
            ("concurrent seats bought up front applies only to concurrent plans, not active_user",)
        )


def test_no_percent_box_explains_itself_with_a_fraction():
    """A box that takes percent never gives a fraction as its example: "-0.1 for 10 % lower"
    in a percent box set a range 100 times narrower than meant."""
    fraction_example = re.compile(r"-?0\.\d+ for|e\.g\. -?0\.\d")
    checked = 0
    for binding in vars(fields).values():
        if not isinstance(binding, Binding):
            continue
        for item in binding.fields:
            if item.kind not in (Kind.PERCENT, Kind.SHARE):
                continue
            text = item.help or description(binding.model, item.name) or ""
            assert not fraction_example.search(text), (item.name, text)
            checked += 1
    assert checked >= 8
