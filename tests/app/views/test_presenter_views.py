"""The presenter's figures: signed savings, contract totals and the what-if at any utilization.

Oracle: the worked example, 100 provisioned accounts, named seats at $100, active users at $65.
"""

from decimal import Decimal

import pytest

from app import theme
from app.views.presenter import call_figures, signed_money, today_percent, tone, what_if
from calculator import compare, example_scenario


def test_signs_and_tones():
    assert (signed_money(545_000, "USD"), tone(545_000)) == ("+$5,450.00", "saving")
    assert (signed_money(-400_000, "USD"), tone(-400_000)) == ("-$4,000.00", "loss")
    assert (signed_money(0, "USD"), tone(0)) == ("$0.00", "even")


def test_call_figures_of_the_worked_example():
    figures = call_figures(compare(example_scenario()))
    assert figures.plan == "Active users"
    assert [(f.value, f.tone) for f in figures.savings] == [
        ("+$5,450.00", "saving"),
        ("+$65,400.00", "saving"),
    ]
    assert [f.value for f in figures.costs] == ["$120,000.00", "$0.00", "$54,600.00", "$0.00"]


def test_a_single_plan_has_no_savings_to_show():
    scenario = example_scenario()
    only = scenario.model_copy(update={"plans": scenario.plans[:1]})
    figures = call_figures(compare(only))
    assert (figures.plan, figures.savings) == (None, [])
    assert [f.label for f in figures.costs] == [
        "Contract total, Named seats (today)",
        "One-time costs, Named seats (today)",
    ]


@pytest.mark.parametrize("percent", [0, 1, 40, 70, 100])
def test_what_if_prices_the_chosen_utilization(percent):
    """At p % of 100 accounts: named seats $10,000.00 always, active users p x $65, which
    saves $10,000.00 - p x $65 a month."""
    answer = what_if(compare(example_scenario()), percent)
    assert list(answer.table[f"Typical month at {percent} %"]) == [
        "$10,000.00",
        f"${percent * 65:,}.00",
    ]
    # The column says what "+" means: a customer read "+$9,750.00" as costing more.
    assert list(answer.table["Saves a month against today (minus: costs more)"]) == [
        "$0.00",
        f"+${10_000 - percent * 65:,}.00",
    ]
    assert answer.sentence.startswith(f"If {percent} % of the provisioned accounts")


def test_what_if_refuses_a_utilization_outside_0_to_100():
    with pytest.raises(ValueError, match="0 to 100"):
        what_if(compare(example_scenario()), 101)


def test_today_percent_rounds_half_away_from_zero():
    comparison = compare(example_scenario())
    assert comparison.utilization_overall == Decimal("0.7")
    assert today_percent(comparison) == 70


@pytest.mark.parametrize("color", [theme.SAVING_TEXT_COLOR, theme.LOSS_TEXT_COLOR])
@pytest.mark.parametrize("background", ["#FFFFFF", "#F3F6FA"])
def test_saving_and_loss_text_pass_wcag_aa(color, background):
    """Body-size text needs 4.5:1 (WCAG 2.1 SC 1.4.3)."""
    assert theme.contrast_ratio(color, background) >= 4.5


def test_a_free_plan_today_is_said_in_the_savings_label():
    """Seats at $0: the best alternative costs $4,550 more, and its label says today's plan
    costs nothing where the percentage would be, not "(n/a)"."""
    scenario = example_scenario()
    free = scenario.plans[0].model_copy(update={"rate": Decimal(0)})
    figures = call_figures(
        compare(scenario.model_copy(update={"plans": [free, *scenario.plans[1:]]}))
    )
    assert (figures.savings[0].label, figures.savings[0].value) == (
        "Savings per month with Active users (today's plan costs nothing)",
        "-$4,550.00",
    )
