"""The calculator page's "Which commitment to sign" section (AppTest of the whole app).

Oracle: :func:`calculator.recommend_commitment` on the same scenario.
"""

from streamlit.testing.v1 import AppTest

from app import scenario_cache
from app.share import to_token
from app.views.commitment import commitment_advice
from calculator import example_scenario, recommend_commitment
from tests.app.helpers import figure_spec, keyed_block, plain
from tests.app.views.test_commitment_views import committed_scenario


def loaded(app: AppTest) -> AppTest:
    app.query_params["s"] = to_token(committed_scenario())
    return app.run()


def test_the_advice_sentences_are_shown_for_each_plan_with_a_commitment(app: AppTest):
    at = loaded(app)
    scenario = committed_scenario()
    expected = [
        recommend_commitment(scenario, name).sentence for name in ("Active users", "Concurrent")
    ]
    shown = [plain(box.value) for box in at.info]
    assert [sentence for sentence in expected if sentence in shown] == expected
    assert "Which commitment to sign" in [header.value for header in at.header]


def test_the_opened_section_shows_every_level_with_its_table(app: AppTest):
    """Plan 2 (active users, committed 60): the chart plots each level's exact cost and the
    recommended level is never dearer than any level shown."""
    at = loaded(app)
    at.session_state["commitment_section_1"] = True
    at.run()
    advice = recommend_commitment(committed_scenario(), "Active users")
    spec = figure_spec(at, "commitment_1")
    assert spec["data"][0]["x"] == [level.level for level in advice.levels]
    assert spec["data"][0]["y"] == [level.cost_cents / 100 for level in advice.levels]
    recommended = next(t for t in spec["data"] if t["name"].startswith("Recommended"))
    assert recommended["y"][0] <= min(spec["data"][0]["y"])
    (table,) = keyed_block(at, "commitment_1").dataframe
    assert table.value["Committed units"].tolist() == [level.level for level in advice.levels]


def test_the_cap_section_shows_the_refused_logins(app: AppTest):
    at = loaded(app)
    at.session_state["commitment_section_2"] = True
    at.run()
    advice = recommend_commitment(committed_scenario(), "Concurrent")
    spec = figure_spec(at, "commitment_2")
    refused = next(t for t in spec["data"] if t.get("yaxis") == "y2")
    assert refused["y"] == [level.refused_logins for level in advice.levels]


def test_the_advice_is_computed_once_per_scenario(app: AppTest):
    """A rerun on the same scenario reuses the advice kept in the scenario cache."""
    at = loaded(app)
    store = at.session_state[scenario_cache._STORE_KEY]
    (entry,) = [entry for entry in store.values() if "commitment_advice" in entry]
    first = entry["commitment_advice"]
    assert [item.plan for item in first] == [
        item.plan for item in commitment_advice(committed_scenario())
    ]
    at.run()
    store = at.session_state[scenario_cache._STORE_KEY]
    (entry,) = [entry for entry in store.values() if "commitment_advice" in entry]
    assert entry["commitment_advice"] is first


def test_no_section_without_a_commitment(app: AppTest):
    app.query_params["s"] = to_token(example_scenario())
    at = app.run()
    assert "Which commitment to sign" not in [header.value for header in at.header]
