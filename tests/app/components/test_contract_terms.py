"""Editing a plan's contract terms in the seasonal editor: rate bands, the true-up, one-time
months and extra lines (AppTest of the whole app; widgets found by key).

Oracle: the same plan written in a scenario file (``scenario_from_json``) and priced by
:func:`calculator.compare`; messages are the rules' own words with the inputs' labels.
"""

import json
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from app.components.mode_switch import SEASONAL
from calculator import compare, example_scenario, scenario_from_json, scenario_to_json
from tests.app.helpers import current_scenario as scenario
from tests.app.helpers import errors, open_plan_sections

SAVE = "FormSubmitter:seasonal_plan_1_form-Save this plan"
"""Plan 2 (the worked example's active users at $65) is edited throughout."""
MONTHS_CLEARED = (
    "The scenario's months changed, so the months above show this plan's saved ones again: any "
    "picked and not saved were cleared. Pick them again and save the plan."
)
"""What a plan's form says once a change of the scenario's months cleared its one-time months."""


@pytest.fixture
def seasonal(app: AppTest) -> AppTest:
    open_plan_sections(app).run()
    app.radio(key="mode_switch").set_value(SEASONAL).run()
    return app


def edit_table(at: AppTest, name: str, added=(), edited=None, deleted=()) -> None:
    """Apply edits to plan 2's ``name`` table ("tiers" or "lines") as the browser sends them."""
    key = table_key(at, name)
    at.session_state[key] = {
        "edited_rows": edited or {},
        "added_rows": list(added),
        "deleted_rows": list(deleted),
    }


def table_key(at: AppTest, name: str) -> str:
    """The key of plan 2's ``name`` table as drawn now (it changes with the saved plan)."""
    (key,) = [e.key for e in at.data_editor if e.key.startswith(f"seasonal_plan_1_{name}_")]
    return key


def save(at: AppTest) -> AppTest:
    return at.button(key=SAVE).click().run()


def as_if_loaded(plan_changes: dict) -> object:
    """The worked example with plan 2 changed as written in a scenario file."""
    data = json.loads(scenario_to_json(example_scenario()))
    data["plans"][1].update(plan_changes)
    return scenario_from_json(json.dumps(data))


def test_every_contract_term_has_a_widget(seasonal: AppTest):
    assert seasonal.selectbox(key="seasonal_plan_1_tier_mode").value == "volume"
    assert seasonal.checkbox(key="seasonal_plan_1_true_up").value is False
    assert seasonal.number_input(key="seasonal_plan_1_true_up_period_months").value == 3
    assert seasonal.number_input(key="seasonal_plan_1_true_up_premium").value == 0.0
    assert seasonal.multiselect(key="seasonal_plan_1_one_time_months").value == []
    assert seasonal.number_input(key="seasonal_plan_1_monthly_term_premium").value == 0.0
    assert table_key(seasonal, "tiers").startswith("seasonal_plan_1_tiers_")
    assert table_key(seasonal, "lines").startswith("seasonal_plan_1_lines_")


def test_the_band_terms_say_band_as_the_page_does(seasonal: AppTest):
    """The page calls them rate bands: so do the help of how they apply and the table."""
    mode = seasonal.selectbox(key="seasonal_plan_1_tier_mode")
    assert mode.label == "How rate bands apply"
    assert mode.help == "With rate bands: volume (all units at one band's rate) or graduated"
    assert "tier" not in " ".join(caption.value for caption in seasonal.caption).lower()


def test_graduated_bands_price_as_the_same_plan_loaded_from_a_file(seasonal: AppTest):
    """Bands of $65 up to 50 and $40 above, graduated: 70 active users bill 50 x $65 + 20 x $40
    = $4,050 a month."""
    before = table_key(seasonal, "tiers")
    edit_table(seasonal, "tiers", added=[{"up_to": 50}, {"rate": 40.0}])
    seasonal.selectbox(key="seasonal_plan_1_tier_mode").set_value("graduated")
    save(seasonal)
    assert errors(seasonal) == []
    loaded = as_if_loaded(
        {
            "tiers": [{"up_to": 50, "rate": "65"}, {"up_to": None, "rate": "40"}],
            "tier_mode": "graduated",
        }
    )
    assert scenario(seasonal) == loaded
    edited, from_file = compare(scenario(seasonal)), compare(loaded)
    assert edited.totals == from_file.totals
    assert edited.lines["Active users"][0].cost_cents == 405_000
    # the table now shows the saved bands, under a new key
    assert table_key(seasonal, "tiers") != before
    (tiers,) = [e for e in seasonal.data_editor if e.key == table_key(seasonal, "tiers")]
    assert tiers.value["up_to"].tolist()[0] == 50


def test_a_rate_card_typed_as_bands_sets_the_plan_rate(seasonal: AppTest):
    """Bands of $10 up to 50 and $8 above, typed with the plan's rate box left at $65: the
    bands are the prices, so the plan's rate becomes the first band's ($10), and the first
    month's 70 active users, by volume in the band above 50, bill 70 x $8 = $560."""
    edit_table(seasonal, "tiers", added=[{"up_to": 50, "rate": 10.0}, {"rate": 8.0}])
    save(seasonal)
    assert errors(seasonal) == []
    loaded = as_if_loaded(
        {"rate": "10", "tiers": [{"up_to": 50, "rate": "10"}, {"up_to": None, "rate": "8"}]}
    )
    assert scenario(seasonal) == loaded
    assert compare(scenario(seasonal)).lines["Active users"][0].cost_cents == 56_000
    assert seasonal.number_input(key="seasonal_plan_1_rate").value == 10.0


def test_a_rate_typed_on_a_banded_plan_sets_the_first_band(seasonal: AppTest):
    """A plan saved with bands of $65 up to 50 and $40 above, graduated, then $70 typed in the
    rate box alone: the first band's rate is the plan's rate, so it follows, and the first
    month's 70 active users bill 50 x $70 + 20 x $40 = $4,300 (not refused for the band's $65)."""
    edit_table(seasonal, "tiers", added=[{"up_to": 50}, {"rate": 40.0}])
    seasonal.selectbox(key="seasonal_plan_1_tier_mode").set_value("graduated")
    save(seasonal)
    seasonal.number_input(key="seasonal_plan_1_rate").set_value(70.0)
    save(seasonal)
    assert errors(seasonal) == []
    loaded = as_if_loaded(
        {
            "rate": "70",
            "tier_mode": "graduated",
            "tiers": [{"up_to": 50, "rate": "70"}, {"up_to": None, "rate": "40"}],
        }
    )
    assert scenario(seasonal) == loaded
    assert compare(scenario(seasonal)).lines["Active users"][0].cost_cents == 430_000
    (tiers,) = [e for e in seasonal.data_editor if e.key == table_key(seasonal, "tiers")]
    assert tiers.value["rate"].tolist()[0] == 70.0


def test_a_typed_rate_against_another_first_band_rate_is_refused_by_row(seasonal: AppTest):
    """Both the rate box ($70) and the first band ($10) typed: which is meant cannot be told,
    so the plan is not changed and the message names the band and both rates."""
    seasonal.number_input(key="seasonal_plan_1_rate").set_value(70.0)
    edit_table(seasonal, "tiers", added=[{"up_to": 50, "rate": 10.0}, {"rate": 8.0}])
    save(seasonal)
    assert errors(seasonal) == [
        "- plan 'Active users': rate band 1: its rate (10.00) must equal the plan's rate "
        "(70.00), the price of the first band's units"
    ]
    assert scenario(seasonal) == example_scenario()


def test_true_up_lines_and_one_time_months_price_as_loaded(seasonal: AppTest):
    """A commitment of 60 trued up quarterly at a 20 % premium, 10 supervisor seats at $150,
    and a $3,000 one-time cost over the first two months."""
    seasonal.number_input(key="seasonal_plan_1_committed_units").set_value(60)
    seasonal.number_input(key="seasonal_plan_1_one_time_cost").set_value(3000.0)
    seasonal.checkbox(key="seasonal_plan_1_true_up").check()
    seasonal.number_input(key="seasonal_plan_1_true_up_premium").set_value(20.0)
    seasonal.multiselect(key="seasonal_plan_1_one_time_months").set_value(["2027-01", "2027-02"])
    edit_table(
        seasonal,
        "lines",
        added=[{"name": "Supervisors", "rule": "Named seat", "rate": 150.0, "quantity": 10}],
    )
    save(seasonal)
    assert errors(seasonal) == []
    loaded = as_if_loaded(
        {
            "committed_units": 60,
            "one_time_cost": "3000",
            "true_up": {"period_months": 3, "premium": "0.2"},
            "one_time_months": [1, 2],
            "lines": [{"name": "Supervisors", "rule": "named_seat", "rate": "150", "quantity": 10}],
        }
    )
    assert scenario(seasonal) == loaded
    assert compare(scenario(seasonal)).totals == compare(loaded).totals


def test_a_pooled_true_up_is_saved_and_priced_as_loaded(seasonal: AppTest):
    """A yearly pool of 60 active users a month, "Pool the units over each period" ticked: saved
    as a pooled true-up and priced as the same plan loaded from a file."""
    seasonal.number_input(key="seasonal_plan_1_committed_units").set_value(60)
    seasonal.checkbox(key="seasonal_plan_1_true_up").check()
    seasonal.number_input(key="seasonal_plan_1_true_up_period_months").set_value(12)
    seasonal.checkbox(key="seasonal_plan_1_true_up_pooled").check()
    save(seasonal)
    assert errors(seasonal) == []
    terms = {"committed_units": 60, "true_up": {"period_months": 12, "pooled": True}}
    loaded = as_if_loaded(terms)
    assert scenario(seasonal) == loaded
    assert compare(scenario(seasonal)).totals == compare(loaded).totals


def test_a_premium_license_level_is_a_line_for_a_share_of_the_count(seasonal: AppTest):
    """25 % of the 70 active users on a premium level at $40 more: the share is typed in percent,
    saved as 0.25, and 18 premium users (17.5 rounded up) add $720.00 a month."""
    edit_table(
        seasonal,
        "lines",
        added=[{"name": "Premium", "rule": "Active user", "rate": 40.0, "share": 25.0}],
    )
    save(seasonal)
    assert errors(seasonal) == []
    (line,) = scenario(seasonal).plans[1].lines
    assert line.share == Decimal("0.25")
    table = compare(scenario(seasonal)).line_monthly
    premium = table[table.line == "Premium"]
    assert premium.cost_cents.tolist()[0] == 72_000


def test_a_share_with_a_fixed_quantity_is_refused_by_row(seasonal: AppTest):
    """A line can bill a share or a fixed quantity, not both: the row is named."""
    edit_table(
        seasonal,
        "lines",
        added=[
            {"name": "Premium", "rule": "Active user", "rate": 40.0, "quantity": 5, "share": 25.0}
        ],
    )
    save(seasonal)
    assert errors(seasonal) == [
        "- plan 'Active users': line 1: a line bills a share of its rule's units, or a fixed "
        "quantity or a slice (above/up to), not both"
    ]
    assert scenario(seasonal) == example_scenario()


def test_a_line_keeps_the_terms_its_row_does_not_show(app: AppTest):
    """A line loaded with a commitment of 5 keeps it when its rate is edited in the table."""
    from app.share import to_token

    start = as_if_loaded(
        {"lines": [{"name": "WFM", "rule": "named_seat", "rate": "12", "committed_units": 5}]}
    )
    app.query_params["s"] = to_token(start)
    open_plan_sections(app).run()
    app.radio(key="mode_switch").set_value(SEASONAL).run()
    edit_table(app, "lines", edited={0: {"rate": 15.0}})
    save(app)
    assert errors(app) == []
    (line,) = scenario(app).plans[1].lines
    assert (line.rate, line.committed_units) == (Decimal("15.00"), 5)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            {"tiers": [{"up_to": 50}, {"up_to": 40, "rate": 50.0}, {"rate": 40.0}]},
            "plan 'Active users': rate band 2: up to (40) must be above band 1's (50)",
        ),
        (
            {"tiers": [{"up_to": 0, "rate": 65.0}, {"rate": 40.0}]},
            "plan 'Active users': rate band 1, up to: must be 1 or more (got 0)",
        ),
        (
            {"lines": [{"name": "Supervisors", "rule": "Named seat", "rate": -5.0}]},
            "plan 'Active users': line 1, rate: must be 0 or more (got -5.00)",
        ),
        (
            {"lines": [{"name": "Overflow", "rule": "Concurrent", "rate": 9.0, "above": 2.5}]},
            "plan 'Active users': line 1, counted above: accepts whole numbers only; 2.5 was typed",
        ),
    ],
)
def test_a_bad_row_is_named_and_nothing_changes(seasonal: AppTest, edit, message):
    for name, rows in edit.items():
        edit_table(seasonal, name, added=rows)
    save(seasonal)
    assert not seasonal.exception
    assert message in [line.removeprefix("- ") for line in errors(seasonal)]
    assert scenario(seasonal) == example_scenario()


def test_a_true_up_with_bands_is_refused_in_the_inputs_words(seasonal: AppTest):
    edit_table(seasonal, "tiers", added=[{"up_to": 50}, {"rate": 40.0}])
    seasonal.checkbox(key="seasonal_plan_1_true_up").check()
    save(seasonal)
    assert errors(seasonal) == [
        "- plan 'Active users': rate bands price every unit by band: leave overage rate above "
        "the commitment and true-up empty"
    ]
    assert scenario(seasonal) == example_scenario()


def test_the_band_table_is_kept_while_the_months_change(seasonal: AppTest):
    """24 months instead of 12 leaves plan 2 as it was, so its band table keeps its key (and the
    rows typed in it and not yet saved; the browser test checks a typed rate the same way);
    a save after it still applies."""
    tiers = table_key(seasonal, "tiers")
    seasonal.number_input(key="seasonal_horizon").set_value(24).run()
    assert scenario(seasonal).horizon == 24
    assert table_key(seasonal, "tiers") == tiers
    seasonal.number_input(key="seasonal_plan_1_rate").set_value(70.0)
    save(seasonal)
    assert errors(seasonal) == []
    assert scenario(seasonal).plans[1].rate == Decimal(70)
    assert table_key(seasonal, "tiers") != tiers


def test_months_picked_and_cleared_by_a_change_of_months_are_said_to_be(app: AppTest):
    """24 months instead of 12 gives the one-time months new choices, so the browser draws each
    plan's box afresh from the saved plan: a pick not yet saved is gone, and the form of plan 2
    (a one-time cost of $3,000) says so until saved. Plan 1 has no one-time cost, so its months
    are not used and its form says nothing; drawn first, or just saved, a form says nothing."""
    from app.share import to_token

    app.query_params["s"] = to_token(as_if_loaded({"one_time_cost": "3000"}))
    open_plan_sections(app).run()
    seasonal = app.radio(key="mode_switch").set_value(SEASONAL).run()
    assert captions(seasonal).count(MONTHS_CLEARED) == 0
    seasonal.number_input(key="seasonal_horizon").set_value(24).run()
    assert scenario(seasonal).horizon == 24
    assert captions(seasonal).count(MONTHS_CLEARED) == 1
    months = seasonal.multiselect(key="seasonal_plan_1_one_time_months")
    assert len(months.options) == 24
    months.set_value(["2027-01", "2027-02"])
    save(seasonal)
    assert errors(seasonal) == []
    assert scenario(seasonal).plans[1].one_time_months == [1, 2]
    assert captions(seasonal).count(MONTHS_CLEARED) == 0


def captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.caption]


def test_table_headers_are_short_and_their_tooltips_say_the_rest(seasonal: AppTest):
    """A header of 60 characters widened the band column past a phone's width, so its numbers,
    drawn at the right of their cells, were out of sight: headers are the short labels, and
    each column's tooltip holds the whole label."""
    (tiers,) = [e for e in seasonal.data_editor if e.key == table_key(seasonal, "tiers")]
    columns = json.loads(tiers.proto.columns)
    assert (columns["up_to"]["label"], columns["rate"]["label"]) == ("Up to", "Rate")
    assert columns["up_to"]["help"] == (
        "Up to (units, inclusive, 1 or more; empty for the last band)"
    )
    (lines,) = [e for e in seasonal.data_editor if e.key == table_key(seasonal, "lines")]
    columns = json.loads(lines.proto.columns)
    assert columns["quantity"]["label"] == "Fixed quantity"
    assert columns["quantity"]["help"] == "Fixed quantity (optional)"
