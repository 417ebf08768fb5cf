"""The presenter view: big headline numbers, the explanation, inputs folded, back to editing."""

from decimal import Decimal

from streamlit.testing.v1 import AppTest

from app.share import to_token
from calculator import CountingRule, Plan, example_scenario
from tests.app.helpers import figure_spec, keyed_block

PAGE = "app_pages/presenter.py"


def open_presenter(app: AppTest) -> AppTest:
    app.run()
    return app.switch_page(PAGE).run()


def test_headline_numbers_of_the_worked_example(app: AppTest):
    """$10,000.00 today, $4,550.00 with active users, saving $5,450.00 a month (54.5 %)."""
    figures = open_presenter(app).get("html")[0].value
    for text in (
        "Named seats (today), per month",
        "$10,000.00",
        "$4,550.00",
        "Savings per month with Active users",
        "$5,450.00",
        "$65,400.00",
        "54.5 %",
    ):
        assert text in figures, text


def test_explanation_sentence_is_large_text(app: AppTest):
    """The sentence that explains the savings follows the numbers."""
    sentence = open_presenter(app).get("html")[1].value
    assert sentence.endswith(
        ">Paying for 70 active users instead of 100 seats saves $5,450 a month (54.5 %): "
        "$3,000 from seats nobody used and $2,450 from the lower rate.</p>"
    )


def test_inputs_are_collapsed(app: AppTest):
    """The inputs sit in an expander that starts closed."""
    expander = open_presenter(app).expander[-1]
    assert expander.label == "Inputs (illustrative unless taken from your contracts)"
    assert expander.proto.expanded is False


def test_waterfall_explains_the_savings(app: AppTest):
    """The waterfall chart with its summary and table is shown."""
    block = keyed_block(open_presenter(app), "presenter_waterfall")
    assert len(block.caption) == 1
    assert len(block.dataframe) == 1


def test_back_to_editing(app: AppTest):
    """One click returns to the calculator page with its inputs."""
    at = open_presenter(app)
    at.button(key="presenter_back").click().run()
    assert not at.exception
    assert at.title[0].value == "What would you pay under each licensing model?"


def test_hostile_plan_name_is_escaped(app: AppTest):
    """Markup in a plan name reaches the page as text."""
    scenario = example_scenario()
    plans = [scenario.plans[0], scenario.plans[1].model_copy(update={"name": "<img src=x>"})]
    app.query_params["s"] = to_token(scenario.model_copy(update={"plans": plans}))
    at = open_presenter(app)
    assert not at.exception
    figures = at.get("html")[0].value
    assert "<img" not in figures
    assert "&lt;img src=x&gt;" in figures


def test_waterfall_explains_the_plan_that_saves_most(app: AppTest):
    """Concurrent at $90 for 50 peak agents: $4,500, saving $5,500 (55.0 %), more than active
    users' $5,450: the presenter's waterfall explains Concurrent, not the first alternative."""
    scenario = example_scenario()
    concurrent = Plan(name="Concurrent", rule=CountingRule.CONCURRENT, rate=Decimal(90))
    app.query_params["s"] = to_token(
        scenario.model_copy(update={"plans": [*scenario.plans, concurrent]})
    )
    title = figure_spec(open_presenter(app), "presenter_waterfall")["layout"]["title"]["text"]
    assert title == "Switching from Named seats to Concurrent saves $5,500.00 a month (55.0 %)"
