"""Scenario files: exact round trip, versions, size and JSON limits, the published schema."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from pydantic import ValidationError

from calculator import (
    MAX_SCENARIO_BYTES,
    ScenarioFileError,
    describe_validation_error,
    example_scenario,
    scenario_from_json,
    scenario_json_schema,
    scenario_to_json,
)
from tests.calculator.strategies import scenarios

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema" / "scenario.v2.schema.json"


@given(scenarios())
def test_round_trip_is_exact(scenario):
    """Saving and loading gives an equal scenario, rates and hours included."""
    assert scenario_from_json(scenario_to_json(scenario)) == scenario


def test_rates_keep_their_digits():
    """A rate of 33.3333 is written and read back without float drift."""
    plan = example_scenario().plans[1].model_copy(update={"rate": Decimal("33.3333")})
    scenario = example_scenario().model_copy(update={"plans": [example_scenario().plans[0], plan]})
    text = scenario_to_json(scenario)
    assert '"rate": "33.3333"' in text
    assert scenario_from_json(text).plans[1].rate == Decimal("33.3333")


def test_json_numbers_are_read_exactly():
    """A JSON number 0.1 becomes Decimal('0.1'), not the float nearest to it."""
    data = json.loads(scenario_to_json(example_scenario()))
    text = scenario_to_json(example_scenario()).replace('"rate": "65"', '"rate": 0.1')
    assert data["plans"][1]["rate"] == "65"
    assert scenario_from_json(text).plans[1].rate == Decimal("0.1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"schema_version": 3, "name": "x"}',
            "scenario file version 3 is not supported; this release reads versions 1 and 2",
        ),
        (
            '{"name": "x"}',
            "scenario file is not a scenario saved from this calculator: it lacks the "
            '"schema_version" field every saved scenario has',
        ),
        ("[1, 2]", "scenario file must hold a JSON object"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(text, message):
    """Unknown versions and non-scenario JSON are refused with a message that says so."""
    with pytest.raises(ScenarioFileError) as caught:
        scenario_from_json(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{not json", "expecting property name enclosed in double quotes at line 1, column 2"),
        (
            '{\n  "name": "A",\n}',
            "expecting property name enclosed in double quotes at line 3, column 1",
        ),
        (b'{"name": "\xe9"}', "byte 11 is not UTF-8 text; save the file as UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "it is nested too deeply"),
        ('{"a": ' + "9" * 5000 + "}", "a number in it is too long to read"),
    ],
)
def test_not_json(text, where):
    """Text that is not JSON is refused as such, saying where the reading stopped and why."""
    with pytest.raises(ScenarioFileError) as caught:
        scenario_from_json(text)
    assert str(caught.value) == f"scenario file is not valid JSON: {where}"


def test_a_key_given_twice_is_refused():
    """A rate edited by hand with its old line left in place: JSON keeps the last value, so the
    file loaded at $1.00 without a word; it is refused, naming the key and both values."""
    text = scenario_to_json(example_scenario()).replace(
        '"rate": "65",', '"rate": "65",\n      "rate": "1.00",', 1
    )
    with pytest.raises(ScenarioFileError) as caught:
        scenario_from_json(text)
    assert str(caught.value) == (
        "scenario file gives 'rate' twice in one object (values '65' and '1.00'); keep one"
    )


def test_oversized_file_refused_before_parsing():
    """A file over the size cap is refused before any parsing."""
    text = " " * (MAX_SCENARIO_BYTES + 1)
    with pytest.raises(ScenarioFileError) as caught:
        scenario_from_json(text)
    assert str(caught.value) == "scenario file is 262,145 bytes; the limit is 262,144 bytes"


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a": ' + "9" * 5000 + "}"])
def test_hostile_json_gives_a_clean_error(text):
    """Deep nesting and 5,000-digit integers fail cleanly, without a crash."""
    with pytest.raises(ScenarioFileError):
        scenario_from_json(text)


def test_published_schema_is_current():
    """schema/scenario.v2.schema.json is exactly what the models generate."""
    assert json.loads(SCHEMA_FILE.read_text()) == scenario_json_schema()


def test_schema_documents_units():
    """Field descriptions carry units in square brackets."""
    plan = scenario_json_schema()["$defs"]["Plan"]["properties"]
    assert plan["rate"]["description"].endswith("[currency/unit]")


def _edited(**changes) -> str:
    document = json.loads(scenario_to_json(example_scenario()))
    document.update(changes)
    return json.dumps({key: value for key, value in document.items() if value is not ...})


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (_edited(plans="x"), "plans: must be a list (got 'x')"),
        (_edited(plans=...), "plans: is missing; it is required"),
        (_edited(name=[1]), "name: must be text"),
        (_edited(plans=["a"]), "plan 1: must be a group of named fields (got 'a')"),
        (
            _edited(colour="red"),
            "colour: is not a field this calculator knows; remove it (got 'red')",
        ),
    ],
)
def test_hand_edited_files_are_refused_in_plain_words(text, line):
    """A file edited by hand gets the calculator's words, not the validation library's
    ("Input should be a valid list", "Field required", "Extra inputs are not permitted")."""
    with pytest.raises(ValidationError) as caught:
        scenario_from_json(text)
    assert describe_validation_error(caught.value, json.loads(text)) == [line]
