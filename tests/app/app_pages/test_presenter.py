"""The presenter view: big headline numbers, the explanation, inputs folded, back to editing."""

from decimal import Decimal

from streamlit.testing.v1 import AppTest

from app import theme
from app.share import link_too_long, to_token
from calculator import CountingRule, Plan, example_scenario, scenario_to_json
from tests.app.conftest import open_page
from tests.app.helpers import (
    current_scenario,
    errors,
    figure_spec,
    keyed_block,
    keyed_block_path,
    plain,
    scenario_too_long_for_a_link,
    uploader,
)

PAGE = "app_pages/presenter.py"


def open_presenter(app: AppTest) -> AppTest:
    app.run()
    return app.switch_page(PAGE).run()


def tiles(at: AppTest) -> str:
    """The HTML of the big figures: savings, the sentence, contract totals."""
    return " ".join(
        element.value for element in keyed_block(at, "presenter_figures").children.values()
    )


def with_plans(*extra: Plan, months: int = 12, **active_terms: object):
    """The worked example over ``months`` with changed active-user terms and extra plans."""
    scenario = example_scenario(months)
    active = scenario.plans[1].model_copy(update=active_terms)
    return scenario.model_copy(update={"plans": [scenario.plans[0], active, *extra]})


def open_with(app: AppTest, scenario) -> AppTest:
    app.query_params["s"] = to_token(scenario)
    return open_presenter(app)


def test_a_scenario_too_large_for_a_link_offers_no_link_to_copy(app: AppTest):
    """The presenter view of a scenario over the link's limit says so and where the file to
    send is, and offers no link box (nor the copy button beside it)."""
    app.run()
    scenario = scenario_too_long_for_a_link()
    uploader(app, "share_upload").set_value(
        ("big.json", scenario_to_json(scenario).encode(), "application/json")
    ).run()
    app.switch_page(PAGE).run()
    assert not app.exception
    assert [w.value for w in app.main.warning] == [
        f"{link_too_long(to_token(scenario))} The download is on the Calculator page, in its "
        'sidebar under "Share and save".'
    ]
    assert not [box for box in app.text_input if box.key == "presenter_link"]


def test_best_plans_savings_big_green_and_signed(app: AppTest):
    """Active users save $5,450.00 a month (54.5 %), $65,400.00 over 12 months: a plus sign,
    the word "Saves" and the saving colour; then both contract totals and one-time costs. The
    percentage's sign is held to its number by a no-break space, so a phone never shows
    "(54.5" and "%)" on two lines."""
    figures = tiles(open_presenter(app))
    for text in (
        "Savings per month with Active users (54.5\u00a0%)",
        "+$5,450.00",
        "Savings over the 12-month contract",
        "+$65,400.00",
        "Saves",
        theme.SAVING_TEXT_COLOR,
        "Contract total, Named seats (today)",
        "$120,000.00",
        "Contract total, Active users",
        "$54,600.00",
        "One-time costs, Active users",
    ):
        assert text in figures, text
    assert theme.LOSS_TEXT_COLOR not in figures


def test_a_loss_is_red_with_a_minus_sign_and_words(app: AppTest):
    """Active users at $200: 70 x $200 = $14,000.00, $4,000.00 a month more than today."""
    figures = tiles(open_with(app, with_plans(rate=Decimal(200))))
    assert "-$4,000.00" in figures
    assert "-$48,000.00" in figures
    assert "Costs more" in figures
    assert theme.LOSS_TEXT_COLOR in figures
    assert theme.SAVING_TEXT_COLOR not in figures


def test_contract_total_and_one_time_costs_over_36_months(app: AppTest):
    """36 months with $5,000.00 one-time: 36 x $4,550 + $5,000 = $168,800.00 against
    $360,000.00, saving $191,200.00, on average $5,311.11 a month."""
    figures = tiles(open_with(app, with_plans(months=36, one_time_cost=Decimal(5000))))
    for text in (
        "Savings over the 36-month contract",
        "+$191,200.00",
        "+$5,311.11",
        "$360,000.00",
        "$168,800.00",
        "$5,000.00",
    ):
        assert text in figures, text


def test_cap_warnings_are_shown(app: AppTest):
    """A concurrent plan capped at 40 with 50 at the peak: 10 refused, every month."""
    capped = Plan(name="Capped", rule=CountingRule.CONCURRENT, rate=Decimal(90), concurrent_cap=40)
    at = open_with(app, with_plans(capped))
    warnings = [plain(w.value) for w in at.warning]
    assert len([w for w in warnings if "10 could not log in" in w]) == 12


def test_explanation_sentence_is_large_text(app: AppTest):
    """The sentence that explains the best plan's savings follows its numbers."""
    figures = keyed_block(open_presenter(app), "presenter_figures").children.values()
    sentence = [element.value for element in figures][1]
    assert sentence.endswith(
        ">Paying for 70 active users instead of 100 seats saves $5,450 a month (54.5\u00a0%): "
        "$3,000 from seats nobody used and $2,450 from the lower rate.</p>"
    )


def test_the_default_name_is_prompted_and_a_new_name_kept(app: AppTest):
    """The worked example's name asks for a customer's name; typing one renames the scenario."""
    at = open_presenter(app)
    assert any("Name this scenario" in info.value for info in at.info)
    at.text_input(key="presenter_name").input("Acme call").run()
    assert current_scenario(at).name == "Acme call"
    assert at.title[0].value == "Acme call"
    assert not any("Name this scenario" in info.value for info in at.info)


def test_an_empty_name_is_refused_in_plain_words(app: AppTest):
    """A blank name leaves the scenario as it was and says which field is wrong."""
    at = open_presenter(app)
    at.text_input(key="presenter_name").input("").run()
    assert current_scenario(at).name == "Worked example"
    assert any("Name of the scenario" in error for error in errors(at))


def test_what_if_slider_changes_nothing_saved(app: AppTest):
    """At 40 % of 100 accounts, 40 active: Named seats still bill 100 x $100, active users
    40 x $65 = $2,600.00. The scenario and the link stay as they were."""
    at = open_presenter(app)
    token = at.query_params["s"]
    slider = at.slider(key="presenter_what_if_percent")
    assert slider.value == 70
    slider.set_value(40).run()
    block = keyed_block(at, "presenter_what_if")
    assert plain(block.markdown[0].value) == (
        "If 40 % of the provisioned accounts were active, a typical month would cost "
        "$10,000.00 with Named seats. Active users would be the cheapest, saving $7,400.00 a "
        "month against Named seats."
    )
    assert current_scenario(at) == example_scenario()
    assert at.query_params["s"] == token
    # It says why a seasonal plan's typical month is not the contract's average month.
    assert "For a seasonal plan it therefore differs from the average month above" in (
        block.caption[0].value
    )


def test_link_and_pdf_are_one_click_away(app: AppTest):
    """The PDF download and the link with its copy button sit in the actions."""
    at = open_presenter(app)
    block = keyed_block(at, "presenter_actions")
    codes = [child for child in block.children.values() if child.type == "code"]
    assert len(codes) <= 1  # AppTest has no browser address; the browser test checks the link
    assert at.get("download_button")


def test_the_actions_keep_their_place_when_the_name_prompt_goes(app: AppTest):
    """Typing a customer's name removes the prompt above the actions; the copy button among
    them stays where it was, so the browser keeps its frame. A frame drawn anew in the run a
    click on "Copy link" starts (a name typed without Enter) loses that click."""
    at = open_presenter(app)
    before = keyed_block_path(at, "presenter_actions")
    at.text_input(key="presenter_name").input("Acme call").run()
    assert not any("Name this scenario" in info.value for info in at.info)
    assert keyed_block_path(at, "presenter_actions") == before


def test_the_actions_keep_their_place_with_cap_warnings(app: AppTest):
    """Twelve cap warnings above the actions leave them where the worked example has them."""
    capped = Plan(name="Capped", rule=CountingRule.CONCURRENT, rate=Decimal(90), concurrent_cap=40)
    warned = open_with(app, with_plans(capped))
    assert len(warned.warning) == 12
    plain_page = open_page(PAGE)
    assert not plain_page.warning
    assert keyed_block_path(warned, "presenter_actions") == keyed_block_path(
        plain_page, "presenter_actions"
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
    figures = tiles(at)
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
    assert (
        title.replace("<br>", " ")
        == "Switching from Named seats to Concurrent saves $5,500.00 a month (55.0 %)"
    )
