"""Headline figures and warnings, computed without Streamlit."""

from decimal import Decimal

from streamlit.testing.v1 import AppTest

from app.components.results import headlines, ranked_table
from app.share import to_token
from calculator import CountingRule, MonthStaffing, Plan, Scenario, compare, example_scenario
from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import keyed_block


def test_headlines_of_the_worked_example():
    """Baseline first; per year is 12 months; the sentence comes from explain_savings."""
    baseline, active = headlines(compare(example_scenario()))
    assert (baseline.plan, baseline.per_month, baseline.per_year) == (
        "Named seats",
        "$10,000.00",
        "$120,000.00",
    )
    assert baseline.savings_per_month is None
    assert (active.savings_per_month, active.savings_per_year, active.savings_percent) == (
        "$5,450.00",
        "$65,400.00",
        "54.5 %",
    )
    assert active.saves
    assert active.explanation.startswith("Paying for 70 active users instead of 100 seats")


def test_savings_short_of_everything_are_not_shown_as_100_percent():
    """70 active users at $0.001 cost $0.07 a month against $10,000: 99.9993 % is not "100.0 %"."""
    scenario = example_scenario()
    cheap = scenario.plans[1].model_copy(update={"rate": Decimal("0.001")})
    scenario = scenario.model_copy(update={"plans": [scenario.plans[0], cheap]})
    _, active = headlines(compare(scenario))
    assert (active.per_month, active.savings_percent) == ("$0.07", "> 99.9 %")


def test_a_free_plan_today_is_said_where_the_percentage_would_be():
    """Seats at $0: the page's percentage says today's plan costs nothing, not "n/a"."""
    scenario = example_scenario()
    free = scenario.plans[0].model_copy(update={"rate": Decimal(0)})
    _, active = headlines(compare(scenario.model_copy(update={"plans": [free, scenario.plans[1]]})))
    assert active.savings_percent == "today's plan costs nothing"


def test_seasonal_headlines_are_averages():
    """Months of 100 and 200 seats at $100: $15,000 a month on average, $180,000 a year."""
    scenario = example_scenario(months=2).model_copy(
        update={
            "staffing": [
                MonthStaffing(provisioned=100, active=70, peak_concurrent=50),
                MonthStaffing(provisioned=200, active=70, peak_concurrent=50),
            ]
        }
    )
    baseline, _ = headlines(compare(scenario))
    assert (baseline.per_month, baseline.per_year) == ("$15,000.00", "$180,000.00")


def many_plans() -> Scenario:
    """The worked example with three more plans (peak 50, 70 active, 100 seats)."""
    extra = [
        Plan(name="Concurrent", rule=CountingRule.CONCURRENT, rate=Decimal(90)),
        Plan(name="Pricey active", rule=CountingRule.ACTIVE_USER, rate=Decimal(80)),
        Plan(name="Dear seats", rule=CountingRule.NAMED_SEAT, rate=Decimal(120)),
    ]
    scenario = example_scenario()
    return scenario.model_copy(update={"plans": [*scenario.plans, *extra]})


def test_many_plans_are_ranked_best_first():
    """By hand against $10,000: concurrent 50 x $90 = $4,500 saves $5,500; active 70 x $65 =
    $4,550 saves $5,450; 70 x $80 = $5,600 saves $4,400; today's plan saves nothing; 100 x $120 =
    $12,000 costs $2,000 more."""
    table = ranked_table(compare(many_plans()))
    assert table["Plan"].tolist() == [
        "Concurrent",
        "Active users",
        "Pricey active",
        "Named seats (today)",
        "Dear seats",
    ]
    assert table["Savings per month"].tolist() == [
        "$5,500.00",
        "$5,450.00",
        "$4,400.00",
        "–",
        "-$2,000.00",
    ]
    assert table["Rank"].tolist() == [1, 2, 3, 4, 5]


def test_many_plans_headline_is_one_table_with_details_one_click_away(app: AppTest):
    """Five plans: the headline starts with the ranked table; the metric pairs sit in a closed
    expander."""
    app.query_params["s"] = to_token(many_plans())
    app.run()
    assert not app.exception
    headline = keyed_block(app, "headline")
    first = next(iter(headline.children.values()))  # the ranked table's own container
    (ranked,) = first.table
    assert ranked.value["Plan"].tolist()[0] == "Concurrent"
    (details,) = headline.expander
    assert details.label == "Details of every plan"
    assert len(details.metric) == 8  # two per alternative


def test_a_headline_of_months_that_differ_says_it_is_an_average(app: AppTest):
    """Months of 100 and 200 seats: the savings a month are an average and the metric says so,
    as the table under it does; a steady scenario's metric does not."""
    seasonal = example_scenario(months=2).model_copy(
        update={
            "staffing": [
                MonthStaffing(provisioned=100, active=70, peak_concurrent=50),
                MonthStaffing(provisioned=200, active=70, peak_concurrent=50),
            ]
        }
    )
    app.query_params["s"] = to_token(seasonal)
    app.run()
    assert not app.exception
    labels = [metric.label for metric in keyed_block(app, "headline").metric]
    assert "Savings per month (average): Active users" in labels
    steady = AppTest.from_file(ENTRYPOINT, default_timeout=60).run()
    labels = [metric.label for metric in keyed_block(steady, "headline").metric]
    assert "Savings per month: Active users" in labels
