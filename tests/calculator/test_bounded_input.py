"""Bounded work for every input: numbers are read strictly, names are visible text, and no
scenario document, share token or log file can keep the calculator busy.

Each case reproduces a value that once held a server: a plan whose ``minimum_monthly_charge`` was
``"0E-547012"`` took 251 s of CPU in one ``compare`` (pricing scales a rate by ten to the power of
its exponent), and ``"0e-100000000"`` crashed pricing. The rules tested here are stated in
``docs/input-limits.md``.

The hypothesis tests give each example a deadline of five seconds: a regression to unbounded
work (the case above took minutes) fails them, while a normal document takes milliseconds, and a
machine busy with the browser tests may stall one example for a second without failing them.
"""

from __future__ import annotations

import json
import os
import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.share import from_token
from calculator import (
    Scenario,
    ScenarioFileError,
    compare,
    describe_validation_error,
    example_scenario,
    parse_scenario_document,
    scenario_to_json,
)
from calculator.usage import LogFileError, analyze_log

BOUNDED = settings(
    deadline=timedelta(seconds=5),
    max_examples=1_000 if os.environ.get("CI") else 150,  # CI runs the thorough profile
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PLAN_NUMBERS = ["rate", "overage_rate", "minimum_monthly_charge", "one_time_cost", "escalator"]

HOSTILE_NUMBER_TEXT = [
    "0E-547012",
    "0e-100000000",
    "1E+547012",
    "1e-7",
    "9" * 5000,
    "0." + "0" * 5000 + "1",
    "1_000",
    " 12 ",
    "12,5",
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "+12",
    "0x10",
    "",
]


def _document() -> dict[str, Any]:
    return json.loads(scenario_to_json(example_scenario()))


def _json_with_raw_numbers(document: Any, raw: dict[str, str]) -> str:
    """JSON text in which each placeholder string is replaced by a raw number literal."""
    text = json.dumps(document)
    for placeholder, literal in raw.items():
        text = text.replace(json.dumps(placeholder), literal)
    return text


def _answer(text: str) -> list[str] | Scenario:
    """What the calculator answers for a scenario file: the scenario (priced) or the problems."""
    try:
        document = parse_scenario_document(text)
        scenario = Scenario.model_validate(document)
    except ScenarioFileError as error:
        return [str(error)]
    except ValidationError as error:
        return describe_validation_error(error, document)
    comparison = compare(scenario)
    for name, total in comparison.totals.items():
        assert sum(line.cost_cents for line in comparison.lines[name]) == total.cost_cents
    return scenario


@pytest.mark.parametrize("field", PLAN_NUMBERS)
@pytest.mark.parametrize("text", HOSTILE_NUMBER_TEXT)
def test_number_text_outside_the_plain_form_is_refused_by_field(field, text):
    """Money and rates written as text take ASCII digits and a point only; the message says where."""
    document = _document()
    document["plans"][1][field] = text
    problems = _answer(json.dumps(document))
    assert isinstance(problems, list)
    assert any(line.startswith(f"plan 2 'Active users', {field}: ") for line in problems)
    assert all(len(line) < 300 for line in problems)


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("0E-547012", Decimal(0)),
        ("0e-100000000", Decimal(0)),
        ("1.5000000000000000000000", Decimal("1.5")),
        ("2E+1", Decimal(20)),
    ],
)
def test_json_number_equal_to_a_short_value_is_read_as_that_value(literal, expected):
    """A JSON number is exact: trailing zeros and zero exponents are dropped, not priced."""
    document = _document()
    document["plans"][1]["minimum_monthly_charge"] = "@number@"
    scenario = _answer(_json_with_raw_numbers(document, {"@number@": literal}))
    assert isinstance(scenario, Scenario)
    charge = scenario.plans[1].minimum_monthly_charge
    assert charge == expected
    assert charge.as_tuple().exponent in (0, -1, -2)


@pytest.mark.parametrize(
    ("literal", "rule"),
    [
        ("1E+547012", "1,000,000,000 or less"),
        ("1E-547012", "at most 2 decimal places"),
        ("0.001", "at most 2 decimal places"),
        ("9" * 4000 + ".5", "1,000,000,000 or less"),
    ],
)
def test_json_number_out_of_bounds_is_refused_by_rule(literal, rule):
    """A money value above the bound or finer than a cent is refused with the rule it breaks."""
    document = _document()
    document["plans"][1]["one_time_cost"] = "@number@"
    problems = _answer(_json_with_raw_numbers(document, {"@number@": literal}))
    assert isinstance(problems, list)
    (line,) = problems
    assert line.startswith("plan 2 'Active users', one_time_cost: ")
    assert rule in line
    assert len(line) < 200


def test_rates_keep_six_decimals_and_money_two():
    """The documented places: rates to 6 decimals, money to 2, shares to 6."""
    document = _document()
    document["plans"][1]["rate"] = "0.123456"
    document["plans"][1]["minimum_monthly_charge"] = "10.25"
    scenario = _answer(json.dumps(document))
    assert isinstance(scenario, Scenario)
    assert scenario.plans[1].rate == Decimal("0.123456")
    document["plans"][1]["rate"] = "0.1234567"
    assert any("at most 6 decimal places" in line for line in _answer(json.dumps(document)))


@pytest.mark.parametrize("month", ["２０２７-01", "٢٠٢٧-01", "2027-1", " 2027-01"])
def test_start_month_takes_ascii_digits_only(month):
    """A start month in full-width or Arabic-Indic digits is refused, not stored as written."""
    document = _document()
    document["start_month"] = month
    problems = _answer(json.dumps(document))
    assert isinstance(problems, list)
    assert any(line.startswith("start_month: must be a month written YYYY-MM") for line in problems)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Active\u202eusers", "U+202E"),  # right-to-left override
        ("Active\u200busers", "U+200B"),  # zero-width space
        ("\u2066Active users", "U+2066"),  # left-to-right isolate
        ("Active\u00adusers", "U+00AD"),  # soft hyphen
        ("Active\u2028users", "U+2028"),  # line separator
    ],
)
def test_names_refuse_invisible_and_bidi_characters(name, code):
    """A name cannot hide characters or reorder text in a report."""
    document = _document()
    document["plans"][1]["name"] = name
    problems = _answer(json.dumps(document))
    assert isinstance(problems, list)
    assert any(
        "name: must not contain invisible or control characters" in line and code in line
        for line in problems
    )


def test_a_huge_name_is_quoted_as_a_short_prefix():
    """A 200,000-character name is refused with a message that quotes 40 characters of it."""
    document = _document()
    document["name"] = "A" * 200_000
    (line,) = _answer(json.dumps(document))
    assert line.startswith("name: must be at most 60 characters (got 'AAAA")
    assert "(200,000 characters)" in line
    assert len(line) < 150


# -- Any JSON value anywhere in the document ------------------------------------------------------

_NUMBER_LITERALS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.builds(
        lambda digits, exponent: f"{digits}E{exponent}",
        st.integers(0, 10**6),
        st.integers(-(10**8), 10**8),
    ),
    st.builds(lambda zeros: "0." + "0" * zeros + "1", st.integers(0, 3000)),
)
_HOSTILE_TEXT = st.one_of(
    st.sampled_from(HOSTILE_NUMBER_TEXT),
    _NUMBER_LITERALS,
    st.text(max_size=80),
    st.text(max_size=3).map(lambda t: t * 20_000),
)
_JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    _HOSTILE_TEXT,
    _NUMBER_LITERALS.map(lambda literal: ("raw", literal)),
)
_JSON_VALUE = st.recursive(
    _JSON_LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=20), inner, max_size=5)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document: keys of objects and positions in lists, nested."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


_EXAMPLE = _document()
_EXAMPLE["budget"] = json.loads(example_scenario().budget.model_dump_json())
_PLACES = _paths(_EXAMPLE)


def _place_raw(value: Any, raw: dict[str, str]) -> Any:
    """Swap ``("raw", literal)`` leaves for placeholders that become raw JSON numbers."""
    if isinstance(value, tuple):
        placeholder = f"@raw{len(raw)}@"
        raw[placeholder] = value[1]
        return placeholder
    if isinstance(value, list):
        return [_place_raw(item, raw) for item in value]
    if isinstance(value, dict):
        return {key: _place_raw(item, raw) for key, item in value.items()}
    return value


@BOUNDED
@given(edits=st.lists(st.tuples(st.sampled_from(_PLACES), _JSON_VALUE), min_size=1, max_size=4))
def test_any_json_value_anywhere_is_answered_quickly(edits):
    """Any JSON value in any field: a priced result or refusals, each short, within the deadline."""
    document = json.loads(json.dumps(_EXAMPLE))
    raw: dict[str, str] = {}
    for path, value in edits:
        target = document
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = _place_raw(value, raw)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit replaced this place's parent
    text = _json_with_raw_numbers(document, raw)
    answer = _answer(text)
    if isinstance(answer, list):
        assert answer
        assert all(len(line) < 2_000 for line in answer)


def _read(reader: Any, data: Any, refusal: type[Exception]) -> Any:
    """The reader's result, or the message of the refusal it is allowed to raise."""
    try:
        return reader(data)
    except refusal as error:
        return str(error)


@BOUNDED
@given(token=st.one_of(st.text(max_size=200), st.from_regex(r"v1\.[A-Za-z0-9_-]{0,6000}")))
def test_any_share_token_is_answered_quickly(token):
    """A link's token is read or refused with a message naming the problem, within the deadline."""
    answer = _read(from_token, token, ScenarioFileError)
    if isinstance(answer, str):
        assert 0 < len(answer) < 2_000


_LOG_LINES = st.lists(
    st.one_of(
        st.just("agent,login,logout"),
        st.builds(
            "{},{},{}".format,
            st.text(max_size=12),
            st.sampled_from(["2027-01-05 08:00:00", "9999-12-31 23:59:59", "0001-01-01", "x"]),
            st.sampled_from(["2027-01-05 16:30:00", "9999-12-31 23:59:59", "", "1e9"]),
        ),
        st.text(max_size=60),
    ),
    max_size=40,
)


@BOUNDED
@given(lines=_LOG_LINES)
def test_any_log_file_is_answered_quickly(lines):
    """Any text in a log file: monthly counts or a message, within the deadline, never a crash."""
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    answer = _read(lambda log: analyze_log("log.csv", log), data, LogFileError)
    if isinstance(answer, str):
        assert 0 < len(answer) < 2_000
    else:
        assert all(month.active >= month.peak_concurrent for month in answer.months)


def test_message_quotes_values_compactly():
    """Quoted values stay short whatever their type."""
    document = _document()
    document["plans"][1]["committed_units"] = "9" * 50_000
    (line,) = _answer(json.dumps(document))
    assert re.search(r"\(got '9{40}'… \(50,000 characters\)\)$", line)
