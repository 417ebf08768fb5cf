"""Save the scenario as JSON and load it back; bad files are explained, never crash."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from app.binding import Problems
from app.components.mode_switch import QUICK, SEASONAL
from app.components.share_panel import load_scenario_file
from app.share import link_too_long, to_token
from calculator import MAX_SCENARIO_BYTES, example_scenario, preset_curve, scenario_to_json
from tests.app.helpers import (
    click,
    current_scenario,
    metrics,
    plain,
    recorded_download_names,
    scenario_too_long_for_a_link,
    uploader,
)


def test_saved_file_loads_back_equal():
    """scenario_to_json output reads back as the same scenario."""
    scenario = example_scenario(months=3)
    assert load_scenario_file(scenario_to_json(scenario).encode()) == scenario


def test_file_with_a_broken_rule_names_it():
    """Validation problems name the month and the values."""
    text = scenario_to_json(example_scenario(months=1)).replace('"active": 70', '"active": 700')
    assert load_scenario_file(text.encode()) == Problems(
        (
            "January 2027: active users (700) must be <= provisioned seats (100); lower active "
            "users or raise provisioned seats",
        )
    )


def test_a_file_with_a_bad_value_and_a_broken_rule_names_both():
    """A mistyped rate used to hide the month with more active users than seats until the rate
    was fixed; both are named at once, in the page's words."""
    data = json.loads(scenario_to_json(example_scenario(months=1)))
    data["plans"][1]["rate"] = "6S"
    data["staffing"][0]["active"] = 700
    problems = load_scenario_file(json.dumps(data).encode())
    assert isinstance(problems, Problems)
    assert problems.lines == (
        "plan 2 'Active users', rate: must be a number written with the digits 0-9 and an "
        "optional decimal point, e.g. 12.50 (no spaces, separators or exponents) (got '6S')",
        "January 2027: active users (700) must be <= provisioned seats (100); lower active "
        "users or raise provisioned seats",
    )


def test_a_band_bound_is_named_as_the_band_table_names_it():
    """A band's "up_to" was named "counted up to", the label of a line's slice; it is the band
    table's "up to", and a line's stays "counted up to"."""
    data = json.loads(scenario_to_json(example_scenario(months=1)))
    data["plans"][1]["tiers"] = [
        {"up_to": 50, "rate": "65"},
        {"up_to": "x", "rate": "40"},
        {"up_to": None, "rate": "30"},
    ]
    data["plans"][1]["lines"] = [{"name": "L", "rule": "named_seat", "rate": "5", "up_to": "y"}]
    problems = load_scenario_file(json.dumps(data).encode())
    assert isinstance(problems, Problems)
    assert problems.lines == (
        "plan 2 'Active users', rate band 2, up to: must be a whole number (got 'x')",
        "plan 2 'Active users', line 1, counted up to: must be a whole number (got 'y')",
    )


@pytest.mark.parametrize(
    ("group", "value", "line"),
    [
        ("budget", None, "budget settings: must be a group of named fields (got None)"),
        ("budget", [], "budget settings: must be a group of named fields"),
        ("uncertainty", "high", "uncertainty ranges: must be a group of named fields (got 'high')"),
    ],
)
def test_a_group_of_settings_of_the_wrong_kind_is_named(group, value, line):
    """The budget's settings, or their uncertainty ranges, given as something else than a group
    of fields: the message names the group (it named nothing: "must be a group of named
    fields")."""
    data = json.loads(scenario_to_json(example_scenario()))
    if group == "budget":
        data["budget"] = value
    else:
        data["budget"]["uncertainty"] = value
    problems = load_scenario_file(json.dumps(data).encode())
    assert isinstance(problems, Problems)
    assert problems.lines == (line,)


def _budget_with(**fields):
    data = json.loads(scenario_to_json(example_scenario()))
    data["budget"].update(fields)
    return data


def _funded(**fields):
    source = {"source": "Grant", "share": "1", **fields}
    return [{"name": "Help desk", "share": "1", "funding": [source]}]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (_budget_with(programs=None), "programs: must be a list (got None)"),
        (_budget_with(programs=[None]), "program 1: must be a group of named fields (got None)"),
        (
            _budget_with(programs=[{"name": "Help desk", "share": "1", "funding": None}]),
            "program 1, funding sources: must be a list (got None)",
        ),
        (
            _budget_with(programs=_funded(bogus=2)),
            "program 1, funding source 1, bogus: is not a field this calculator knows; remove it"
            " (got 2)",
        ),
        (
            _budget_with(bogus=1),
            "budget settings, bogus: is not a field this calculator knows; remove it (got 1)",
        ),
        (
            _budget_with(uncertainty={**_budget_with()["budget"]["uncertainty"], "bogus": 1}),
            "uncertainty ranges, bogus: is not a field this calculator knows; remove it (got 1)",
        ),
        (
            _budget_with(appropriation={"FY2028": 5}),
            "appropriation per fiscal year: must be a number",
        ),
    ],
)
def test_budget_problems_name_the_list_the_group_and_the_kind(data, line):
    """A list is named in the plural and its items in the singular ("programs: must be a list",
    not "program: ..."); an unknown field inside the budget settings or the uncertainty ranges
    says which group it is in (it read "bogus: ..." as if at the top of the file); a group given
    where a number belongs is told so in plain words, not as pydantic's "Decimal input should be
    ..."."""
    problems = load_scenario_file(json.dumps(data).encode())
    assert isinstance(problems, Problems)
    assert problems.lines == (line,)


def test_oversized_file_is_refused():
    """Files over the scenario size cap are refused before parsing."""
    data = b" " * (MAX_SCENARIO_BYTES + 1)
    assert load_scenario_file(data) == Problems(
        (f"scenario file is {len(data):,} bytes; the limit is {MAX_SCENARIO_BYTES:,} bytes",)
    )


def test_uploading_a_scenario_replaces_the_current_one(app: AppTest):
    """A file with 60 active users shows $6,100.00 savings after loading."""
    app.run()
    scenario = example_scenario().model_copy(
        update={"staffing": [example_scenario().staffing[0].model_copy(update={"active": 60})] * 12}
    )
    uploader(app, "share_upload").set_value(
        ("scenario.json", scenario_to_json(scenario).encode(), "application/json")
    ).run()
    assert not app.exception
    assert current_scenario(app) == scenario
    assert metrics(app)["Savings per month: Active users"] == "$6,100.00"


def test_a_scenario_too_large_for_a_link_says_so_in_place_of_the_link(app: AppTest):
    """Loaded from a file, a scenario whose link would be over the limit is not said to be in the
    address: the panel says it is too large for a link and points to the file."""
    app.run()
    assert any("always holds this whole scenario" in m.value for m in app.sidebar.markdown)
    scenario = scenario_too_long_for_a_link()
    uploader(app, "share_upload").set_value(
        ("big.json", scenario_to_json(scenario).encode(), "application/json")
    ).run()
    assert not app.exception
    assert current_scenario(app) == scenario
    assert [w.value for w in app.sidebar.warning] == [link_too_long(to_token(scenario))]
    assert not any("always holds this whole scenario" in m.value for m in app.sidebar.markdown)


def test_a_loaded_seasonal_scenario_opens_in_the_seasonal_editor(app: AppTest):
    """Quick mode cannot show a curve that varies: the page switches to the seasonal editor,
    whose months show the file's, and the scenario is the file's."""
    app.run()
    assert app.radio(key="mode_switch").value == QUICK
    curve = preset_curve("tax_season", "2027-01", 12)
    scenario = example_scenario().model_copy(update={"staffing": curve})
    uploader(app, "share_upload").set_value(
        ("scenario.json", scenario_to_json(scenario).encode(), "application/json")
    ).run()
    assert not app.exception
    assert app.radio(key="mode_switch").value == SEASONAL
    assert current_scenario(app) == scenario
    assert not [box for box in app.number_input if box.key == "quick_active"]


def test_uploading_a_bad_file_shows_why_and_keeps_the_scenario(app: AppTest):
    """Not JSON: an error in the panel naming the file (the uploader is emptied, so the name
    would be gone), the worked example stays."""
    app.run()
    uploader(app, "share_upload").set_value(
        ("scenario.json", b"not json", "application/json")
    ).run()
    assert plain(app.error[0].value).startswith(
        "This file could not be loaded:\n- scenario file 'scenario.json' is not valid JSON"
    )
    assert current_scenario(app) == example_scenario()


def test_start_again_restores_the_worked_example(app: AppTest):
    """The reset button brings back the default scenario."""
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    click(app, "Start again from the worked example")
    assert current_scenario(app) == example_scenario()
    assert app.number_input(key="quick_active").value == 70


def test_the_scenario_is_named_beside_its_link(app: AppTest, monkeypatch):
    """Only the presenter view could rename a quick estimate, so every offer, report and file
    was "Worked example": the name box beside the link renames the scenario, and the files
    follow it."""
    names = recorded_download_names(monkeypatch)
    app.run()
    assert app.text_input(key="share_name").value == "Worked example"
    app.text_input(key="share_name").input("Acme Q3 proposal").run()
    assert current_scenario(app).name == "Acme Q3 proposal"
    assert "acme-q3-proposal-report.html" in names


@pytest.mark.parametrize("page", ["app_pages/budget.py", "app_pages/method.py"])
def test_the_name_box_shows_the_name_after_a_visit_to_another_page(app: AppTest, page):
    """Streamlit drops the state of a widget a run does not draw: back from another page the
    box was empty while the scenario kept its name."""
    app.run()
    app.text_input(key="share_name").input("Acme Q3").run()
    app.switch_page(page).run()
    app.switch_page("app_pages/calculator.py").run()
    assert not app.exception
    assert app.text_input(key="share_name").value == "Acme Q3"


def test_the_sidebar_s_scenario_file_is_named_after_the_scenario(app: AppTest, monkeypatch):
    """Every other download carried the scenario's name; the sidebar's was "scenario.json"."""
    from app.components import share_panel

    names: dict[str, str] = {}
    real = share_panel.download_button

    def recorded(place, label, data, file_name, mime, key, **kwargs):
        names[key] = file_name
        return real(place, label, data, file_name, mime, key, **kwargs)

    monkeypatch.setattr(share_panel, "download_button", recorded)
    app.run()
    app.text_input(key="share_name").input("Acme Q3 proposal").run()
    assert names["share_download"] == "acme-q3-proposal.json"


def test_an_empty_name_beside_the_link_is_refused_by_name(app: AppTest):
    app.run()
    app.text_input(key="share_name").input("  ").run()
    assert current_scenario(app).name == "Worked example"
    # Spaces are trimmed first: the name is empty, and the spaces are not quoted as its fault.
    assert [error.value for error in app.error] == ["- Name of the scenario: is empty; type a name"]


def _renamed(app: AppTest, name: str) -> AppTest:
    app.run()
    scenario = example_scenario().model_copy(update={"name": name})
    return (
        uploader(app, "share_upload")
        .set_value(("offer.json", scenario_to_json(scenario).encode(), "application/json"))
        .run()
    )


def test_start_again_can_be_taken_back(app: AppTest):
    """ "Start again from the worked example" throws the scenario away in one click; a button
    then brings it back, in one click too."""
    _renamed(app, "Offer for Acme")
    app.button(key="share_reset").click().run()
    assert current_scenario(app) == example_scenario()
    assert [info.value for info in app.sidebar.info] == [
        "Started again from the worked example; 'Offer for Acme' can still be brought back."
    ]
    app.button(key="share_undo_reset").click().run()
    assert not app.exception
    assert current_scenario(app).name == "Offer for Acme"
    assert not [button for button in app.button if button.key == "share_undo_reset"]


def test_the_way_back_goes_once_the_scenario_changes(app: AppTest):
    """A change after "Start again" is the person's new work: the old scenario is not offered
    any more, so one click cannot replace that work by surprise."""
    _renamed(app, "Offer for Acme")
    app.button(key="share_reset").click().run()
    app.number_input(key="quick_active").set_value(60).run()
    assert not app.exception
    assert not [button for button in app.button if button.key == "share_undo_reset"]
    assert current_scenario(app).staffing[0].active == 60
