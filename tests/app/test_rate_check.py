"""Rates so high they were probably typed with a decimal comma are pointed out, never refused:
a number box reads "65,50" as 6550 (Chromium's number box with Streamlit's own handling, seen in
tests/browser/test_trust.py)."""

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from app.rate_check import (
    COMMA_ADVICE,
    UNUSUAL_HOURLY_RATE,
    UNUSUAL_MONTHLY_RATE,
    unusual_rate_notes,
)
from calculator import CountingRule, Plan, example_scenario
from tests.app.helpers import plain


def with_plan(rule: CountingRule, rate: str, currency: str = "USD"):
    scenario = example_scenario()
    plan = Plan(name="Offer", rule=rule, rate=Decimal(rate))
    return scenario.model_copy(update={"plans": [*scenario.plans, plan], "currency": currency})


def test_the_worked_example_has_no_unusual_rate():
    assert unusual_rate_notes(example_scenario()) == []


def test_a_seat_rate_of_6550_is_pointed_out_with_the_way_to_type_cents():
    assert unusual_rate_notes(with_plan(CountingRule.NAMED_SEAT, "6550")) == [
        f"Offer: $6,550.00 a seat a month is far above what contact-center licences usually cost. "
        f"{COMMA_ADVICE}"
    ]


def test_the_rate_is_shown_in_the_scenario_s_currency_and_unit():
    (note,) = unusual_rate_notes(with_plan(CountingRule.ACTIVE_USER, "1234.5", "EUR"))
    assert note.startswith("Offer: €1,234.50 an active user a month is far above")


@pytest.mark.parametrize(
    ("rule", "limit"),
    [
        (CountingRule.NAMED_SEAT, UNUSUAL_MONTHLY_RATE),
        (CountingRule.CONCURRENT, UNUSUAL_MONTHLY_RATE),
        (CountingRule.ACTIVE_USER, UNUSUAL_MONTHLY_RATE),
        (CountingRule.LOGGED_IN_HOURS, UNUSUAL_HOURLY_RATE),
    ],
)
def test_the_limit_itself_is_pointed_out_and_a_cent_below_is_not(rule, limit):
    assert len(unusual_rate_notes(with_plan(rule, str(limit)))) == 1
    assert unusual_rate_notes(with_plan(rule, str(limit - Decimal("0.01")))) == []


def test_a_rate_finer_than_cents_is_shown_as_it_stands():
    (note,) = unusual_rate_notes(with_plan(CountingRule.CONCURRENT, "1000.125"))
    assert note.startswith("Offer: $1,000.125 a concurrent seat a month is far above")


def test_an_hour_is_said_as_an_hour():
    (note,) = unusual_rate_notes(with_plan(CountingRule.LOGGED_IN_HOURS, "655"))
    assert "$655.00 a logged-in hour is far above" in note


def test_the_calculator_points_out_a_seat_rate_typed_6550_and_still_prices_it(app: AppTest):
    app.run()
    app.number_input(key="quick_seat_rate").set_value(6550.0).run()
    warnings = [plain(w.value) for w in app.main.warning]
    assert any("Named seats: $6,550.00 a seat a month" in w and "65,50" in w for w in warnings)
    assert not app.main.error
    assert app.main.metric[0].value == "$650,450.00"  # 100 x 6,550 - 70 x 65


def test_a_seat_rate_of_65_50_is_not_pointed_out(app: AppTest):
    app.run()
    app.number_input(key="quick_seat_rate").set_value(65.5).run()
    assert not [w for w in app.main.warning if "65,50" in w.value]
