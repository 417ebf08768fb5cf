"""The commitment chart, its table and the report's small table, against
:func:`calculator.recommend_commitment` on the same scenario.

Oracle: the advice itself (every level's exact cost in cents) and hand-written labels.
"""

from decimal import Decimal

import plotly.graph_objects as go
import pytest

from app.views.commitment import commitment_advice, commitment_summary, commitment_view
from calculator import Scenario, example_scenario, format_money, preset_curve, recommend_commitment


def committed_scenario() -> Scenario:
    """Tax season (a peak in spring), today's named seats, active users with a commitment of 60
    and an overage rate of $80, and concurrent seats with a cap of 40 bought up front."""
    base = example_scenario()
    data = base.model_dump()
    data["staffing"] = [m.model_dump() for m in preset_curve("tax_season", "2027-01", 12)]
    data["plans"] = [
        base.plans[0].model_dump(),
        {**base.plans[1].model_dump(), "committed_units": 60, "overage_rate": Decimal(80)},
        {"name": "Concurrent", "rule": "concurrent", "rate": Decimal(90), "concurrent_cap": 40},
    ]
    return Scenario.model_validate(data)


@pytest.fixture(scope="module")
def advice():
    return commitment_advice(committed_scenario())


def test_one_advice_per_plan_with_a_commitment_or_a_cap(advice):
    scenario = committed_scenario()
    assert [item.plan for item in advice] == ["Active users", "Concurrent"]
    assert advice == [
        recommend_commitment(scenario, "Active users"),
        recommend_commitment(scenario, "Concurrent"),
    ]


def test_the_chart_plots_every_level_at_its_cost(advice):
    for item in advice:
        view = commitment_view(item, "USD")
        go.Figure(view.figure.to_dict())  # Plotly's own validation: every property is real
        line = view.figure.data[0]
        assert list(line.x) == [level.level for level in item.levels]
        assert list(line.y) == [level.cost_cents / 100 for level in item.levels]
        assert view.summary == item.sentence


def test_recommended_and_current_levels_are_marked_by_shape_and_label(advice):
    item = advice[0]
    assert (
        item.current != item.recommended
    )  # the scenario is chosen so the advice changes something
    marks = {trace.name: trace for trace in commitment_view(item, "USD").figure.data[1:]}
    recommended = marks[f"Recommended: {item.recommended:,}"]
    current = marks[f"Signed now: {item.current:,}"]
    assert recommended.marker.symbol != current.marker.symbol
    assert list(recommended.text) == [f"Recommended: {item.recommended:,}"]
    assert list(recommended.x) == [item.recommended]
    assert list(current.y) == [item.current_level.cost_cents / 100]


def test_the_table_holds_the_same_numbers_and_the_recommended_level_costs_least(advice):
    for item in advice:
        table = commitment_view(item, "USD").table
        assert table.iloc[:, 0].tolist() == [level.level for level in item.levels]
        assert table["Total cost (USD)"].tolist() == [
            format_money(level.cost_cents, "USD") for level in item.levels
        ]
        (row,) = table.index[table["Note"].str.contains("recommended")]
        assert table.iloc[row, 0] == item.recommended
        if item.term == "committed_units":
            assert all(item.recommended_level.cost_cents <= lvl.cost_cents for lvl in item.levels)


def test_a_cap_shows_the_refused_logins_frontier(advice):
    cap = advice[1]
    view = commitment_view(cap, "USD")
    refused = next(trace for trace in view.figure.data if trace.yaxis == "y2")
    assert list(refused.y) == [level.refused_logins for level in cap.levels]
    assert view.table["Refused logins"].tolist() == [level.refused_logins for level in cap.levels]
    # the cheapest cap that refuses no login: every cheaper cap refuses some
    assert cap.recommended_level.refused_logins == 0
    assert all(
        level.refused_logins > 0
        for level in cap.levels
        if level.cost_cents < cap.recommended_level.cost_cents
    )


def test_the_report_table_shows_the_signed_and_recommended_levels(advice):
    item = advice[0]
    table = commitment_summary(item, "USD")
    assert table.to_dict("list") == {
        "Level": ["Signed now", "Recommended"],
        "Committed units": [f"{item.current:,}", f"{item.recommended:,}"],
        "Total cost (USD)": [
            format_money(item.current_level.cost_cents, "USD"),
            format_money(item.recommended_level.cost_cents, "USD"),
        ],
    }


def test_no_advice_without_a_commitment():
    assert commitment_advice(example_scenario()) == []
