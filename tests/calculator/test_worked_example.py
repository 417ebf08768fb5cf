"""The worked example of docs/method.md#worked-example, figure by figure.

Provenance: 100 provisioned seats at $100/seat/month against 70 active users at $65/user/month,
from Platform28's active-user pricing glossary (platform28.com/glossary/active-user-pricing), as
restated in docs/method.md#worked-example: $10,000.00 vs $4,550.00 a month, savings $5,450.00
(54.5 %), utilization 70 %, quick estimate = volume effect $3,000.00, rate effect $2,450.00,
break-even utilization 153.8 %. Each figure below was also checked by hand:
100 x 100 = 10,000; 70 x 65 = 4,550; (100 - 70) x 100 = 3,000; 70 x (100 - 65) = 2,450.
"""

from decimal import Decimal

import pytest

from calculator import compare, example_scenario, explain_savings, format_percent


@pytest.fixture
def one_month():
    return compare(example_scenario(months=1))


def test_named_seat_cost(one_month):
    """The named-seat plan costs $10,000.00 a month."""
    assert one_month.totals["Named seats"].cost_cents == 1_000_000


def test_active_user_cost(one_month):
    """The active-user plan costs $4,550.00 a month."""
    assert one_month.totals["Active users"].cost_cents == 455_000


def test_savings_and_percent(one_month):
    """Savings are $5,450.00, 54.5 % of the baseline."""
    split = one_month.savings["Active users"]
    assert split.savings_cents == 545_000
    assert split.ratio == Decimal("0.545")
    assert format_percent(split.ratio) == "54.5 %"


def test_volume_and_rate_effect(one_month):
    """$3,000.00 comes from unused seats and $2,450.00 from the lower rate."""
    split = one_month.savings["Active users"]
    assert (split.volume_effect_cents, split.rate_effect_cents) == (300_000, 245_000)


def test_utilization(one_month):
    """70 active of 100 provisioned is 70 % utilization."""
    assert one_month.utilization_overall == Decimal("0.7")


def test_quick_estimate_equals_volume_effect(one_month):
    """(1 - utilization) x current cost = $3,000.00, the volume effect alone."""
    assert one_month.quick_estimate_cents == 300_000


def test_break_even_utilization(one_month):
    """Break-even is 100 / 65 = 153.8 %: active user is cheaper at any utilization."""
    (break_even,) = one_month.break_even
    assert format_percent(break_even.utilization) == "153.8 %"


def test_explanation_sentence(one_month):
    """The sentence names both effects in plain words."""
    assert explain_savings(one_month, "Active users") == (
        "Paying for 70 active users instead of 100 seats saves $5,450 a month (54.5 %): "
        "$3,000 from seats nobody used and $2,450 from the lower rate."
    )


def test_default_scenario_is_a_year_of_the_example():
    """The default scenario repeats the example for 12 months: totals are 12 monthly lines."""
    result = compare(example_scenario())
    assert result.totals["Named seats"].cost_cents == 12 * 1_000_000
    assert result.savings["Active users"].savings_cents == 12 * 545_000


def test_active_users_sixty():
    """With 60 active users the saving is 10,000 - 3,900 = $6,100.00 (61.0 %)."""
    scenario = example_scenario(months=1)
    month = scenario.staffing[0].model_copy(update={"active": 60})
    result = compare(scenario.model_copy(update={"staffing": [month]}))
    split = result.savings["Active users"]
    assert split.savings_cents == 610_000
    assert format_percent(split.ratio) == "61.0 %"
