"""Every validation message, asserted by its exact text (attrs style: field, rule, value)."""

import json
from decimal import Decimal
from typing import Annotated

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints, ValidationError

from calculator import (
    CountingRule,
    Plan,
    Scenario,
    TypedPercent,
    check_staffing_order,
    describe_validation_error,
    example_scenario,
    quote_value,
)

HOURS = "; add logged-in hours in the staffing table, or pick another counting rule"
"""The way forward of a plan counting hours in months without them."""

BASE = json.loads(example_scenario(3).model_dump_json())


def messages(mutate) -> list[str]:
    data = json.loads(json.dumps(BASE))
    mutate(data)
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(data)
    return describe_validation_error(caught.value, data)


def month(index, **values):
    return lambda d: d["staffing"][index].update(values)


def plan(index, **values):
    return lambda d: d["plans"][index].update(values)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            month(2, active=120),
            "March 2027: active (120) must be <= provisioned (100); lower active or raise provisioned",
        ),
        (
            month(1, peak_concurrent=80),
            "February 2027: peak_concurrent (80) must be <= active (70); lower peak_concurrent or raise active",
        ),
        (
            month(1, provisioned=-5),
            "February 2027, provisioned: must be 0 or more (got -5)",
        ),
        (
            month(1, provisioned=True),
            "February 2027, provisioned: must be a whole number (got True)",
        ),
        (
            month(1, provisioned=1.5),
            "February 2027, provisioned: accepts whole numbers only; 1.5 was typed",
        ),
        (
            month(1, logged_in_hours=99999999),
            "February 2027: logged_in_hours (99,999,999) must be <= active x hours in the month "
            "(47,040)",
        ),
        (
            plan(1, rate="NaN"),
            "plan 2 'Active users', rate: must be a finite number (got 'NaN')",
        ),
        (
            plan(1, rate=float("inf")),
            "plan 2 'Active users', rate: must be a finite number (got inf)",
        ),
        (
            plan(1, rate="-1"),
            "plan 2 'Active users', rate: must be 0 or more (got '-1')",
        ),
        (
            plan(1, colour="red"),
            "plan 2 'Active users', colour: is not a field this calculator knows; remove it "
            "(got 'red')",
        ),
        (
            plan(1, share="0.2"),
            "plan 2 'Active users', share: is a term of a plan's extra lines, not of the plan: "
            "move it into a line (got '0.2')",
        ),
        (
            plan(1, name="Named seats"),
            "plan names must be unique: 'Named seats' appears 2 times; give each plan its own name",
        ),
        (
            # Tables, charts and exports name the baseline "Named seats (today)": this plan's
            # column would take its place.
            plan(1, name="Named seats (today)"),
            "plan 'Named seats (today)' would read as today's plan 'Named seats', which tables "
            "name 'Named seats (today)'; give each plan its own name",
        ),
        (
            plan(1, concurrent_cap=5),
            "plan 2 'Active users': concurrent_cap applies only to concurrent plans, not active_user",
        ),
        (
            plan(0, seats_reducible=False, rule="active_user"),
            "plan 1 'Named seats': seats_reducible applies only to named_seat plans, not "
            "active_user",
        ),
        (
            plan(1, rule="logged_in_hours"),
            "plan 'Active users' counts logged-in hours but January 2027 has no "
            f"logged_in_hours{HOURS}",
        ),
        (
            plan(1, rule="per_vibe"),
            "plan 2 'Active users', rule: must be one of 'named_seat', 'concurrent', "
            "'active_user' or 'logged_in_hours' (got 'per_vibe')",
        ),
        (
            lambda d: d.update(baseline="Nope"),
            "baseline 'Nope' is not one of the plans: Named seats, Active users; pick one of the plans as"
            " the plan you pay for today",
        ),
        (lambda d: d.update(staffing=[]), "staffing: must have at least 1 entry (has 0)"),
        (
            lambda d: d.update(staffing=d["staffing"] * 21),
            "staffing: must have at most 60 entries (has 63)",
        ),
        (
            lambda d: d.update(start_month="2027-13"),
            "start_month: must be a month written YYYY-MM, e.g. 2027-01 (got '2027-13')",
        ),
        (
            lambda d: d.update(start_month="9999-12"),
            "start_month: must be in the years 1900 to 9994 (got '9999-12')",
        ),
        (
            lambda d: d.update(start_month="1899-12"),
            "start_month: must be in the years 1900 to 9994 (got '1899-12')",
        ),
        (
            lambda d: d.update(currency="dollars"),
            "currency: must be three capital letters, such as USD or EUR (got 'dollars')",
        ),
    ],
)
def test_message_names_field_rule_and_value(mutate, expected):
    """A bad value is refused with one line naming where, the rule and the value."""
    assert messages(mutate) == [expected]


@pytest.mark.parametrize(("start", "last"), [("1900-01", "1904-12"), ("9994-12", "9999-11")])
def test_the_longest_horizon_from_the_first_and_last_start_years_is_valid(start, last):
    """60 months from 9994-12 end in 9999-11: every month is still written YYYY-MM."""
    data = {**BASE, "start_month": start, "staffing": BASE["staffing"][:1] * 60}
    assert Scenario.model_validate(data).months[-1] == last


def test_plan_name_control_characters_refused():
    """Names with control characters (e.g. a newline) are refused, so reports stay one line."""
    (line,) = messages(plan(1, name="Active\nusers"))
    assert line.startswith(
        "plan 2 'Active\nusers', name: must not contain invisible or control characters "
        "(character 7 is U+000A)"
    )


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        (Decimal("1E-7"), "0.0000001"),  # as typed into a rate, not 1E-7
        (Decimal("2E+3"), "2,000"),
        (Decimal("12.50"), "12.50"),
        (Decimal("1000000000000.00"), "1,000,000,000,000.00"),  # as the limit: 1,000,000
        (1_000_000_000, "1,000,000,000"),
        (-1234567.5, "-1,234,567.5"),
        (1e20, "100,000,000,000,000,000,000"),  # a float by its repr, not 1e+20
        (Decimal("1E+547012"), "a 547,013-digit number"),  # not written out
        # More digits than Python writes out (pytest could not name it either).
        pytest.param(10**5000, "a 5,001-digit number", id="5001-digits"),
    ],
)
def test_numbers_are_quoted_as_written_with_thousands_separated(value, quoted):
    assert quote_value(value) == quoted


def test_the_staffing_order_compares_only_the_counts_given():
    """Without the seats, only the peak is compared with the active users: a form can check
    the counts it has while another is refused."""
    with pytest.raises(ValidationError) as caught:
        check_staffing_order({"active": 120, "peak_concurrent": 130, "provisioned": None})
    assert describe_validation_error(caught.value) == [
        "peak_concurrent (130) must be <= active (120); lower peak_concurrent or raise active"
    ]


def test_models_are_frozen():
    """A validated scenario cannot be changed behind the validator's back."""
    scenario = example_scenario()
    with pytest.raises(ValidationError):
        scenario.name = "changed"


def test_nested_list_positions_are_numbered():
    """A bad value deep in a list names each position: which program, which funding source."""
    (line,) = messages(lambda d: d["budget"]["programs"][0]["funding"][0].update(share="-2"))
    assert line == ("budget, program 1, funding source 1, share: must be 0 or more (got '-2')")


def test_a_number_too_long_to_read_is_told_its_length_not_its_format():
    """Thirty decimals written exactly as a number should be are refused for their length (more
    than 32 characters), not said to be written wrongly."""

    def mutate(data):
        data["plans"][0]["rate"] = "99.123456789012345678901234567890"

    assert messages(mutate) == [
        "plan 1 'Named seats', rate: is 33 characters long; a number may have at most 32 "
        "characters (and at most 6 decimal places) (got '99.123456789012345678901234567890')"
    ]


class TestEveryProblemAtOnce:
    """A field's problem no longer hides the rules between fields: a file with three mistakes
    is fixed in one pass, not three."""

    def test_a_bad_rate_a_crowded_month_and_an_unknown_baseline(self):
        def mutate(data):
            data["plans"][0]["rate"] = "abc"
            data["staffing"][2]["active"] = 120
            data["baseline"] = "Nope"

        assert messages(mutate) == [
            "plan 1 'Named seats', rate: must be a number written with the digits 0-9 and an "
            "optional decimal point, e.g. 12.50 (no spaces, separators or exponents) (got 'abc')",
            "March 2027: active (120) must be <= provisioned (100); lower active or raise "
            "provisioned",
            "baseline 'Nope' is not one of the plans: Named seats, Active users; pick one of the "
            "plans as the plan you pay for today",
        ]

    def test_the_field_problems_read_as_they_did_alone(self):
        """Raised again beside the rules, each field problem keeps its words, place and value."""

        def fields_only(data):
            data["plans"][1]["rate"] = "-3"
            data["staffing"][0]["provisioned"] = 12.7
            data["start_month"] = "2027-13"

        def with_a_rule(data):
            fields_only(data)
            data["staffing"][1]["peak_concurrent"] = 90

        alone = messages(fields_only)
        together = messages(with_a_rule)
        assert together[: len(alone)] == alone
        assert together[len(alone) :] == [
            "month 2: peak_concurrent (90) must be <= active (70); lower peak_concurrent or raise "
            "active"
        ]

    def test_a_plan_that_is_not_valid_still_counts_as_the_baseline(self):
        """The baseline is checked against every plan's name, valid or not: a bad rate in the
        plan paid for today is not also called an unknown baseline."""
        assert messages(lambda d: d["plans"][0].update(rate="abc")) == [
            "plan 1 'Named seats', rate: must be a number written with the digits 0-9 and an "
            "optional decimal point, e.g. 12.50 (no spaces, separators or exponents) (got 'abc')"
        ]

    def test_a_name_that_is_not_valid_leaves_the_name_rules_unchecked(self):
        def mutate(data):
            data["plans"][1]["name"] = ""
            data["baseline"] = "Active users"

        assert all("baseline" not in line for line in messages(mutate))

    def test_a_one_time_month_after_the_horizon_beside_a_field_problem(self):
        def mutate(data):
            data["plans"][1].update(one_time_cost="100", one_time_months=[5])
            data["plans"][0]["escalator"] = "2"

        assert messages(mutate)[1:] == [
            "plan 'Active users': one-time cost month 5 is after the last month (3)"
        ]


def _leaf_paths(value, path=()):
    """Every place in a JSON value that holds a number, text, true/false or null."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaf_paths(item, (*path, index))
    else:
        yield path


LEAVES = list(_leaf_paths(BASE))
JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.lists(st.integers(0, 200), max_size=2),
    st.dictionaries(st.sampled_from(["name", "rate", "x"]), st.integers(), max_size=2),
)


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(LEAVES), JSON_VALUES), min_size=1, max_size=4))
def test_any_mix_of_bad_values_is_described(changes):
    """Bad values anywhere, with or without broken rules: plain lines, and never a crash while
    the rules are checked on what is valid."""
    data = json.loads(json.dumps(BASE))
    for path, value in changes:
        place = data
        for step in path[:-1]:
            place = place[step]
        place[path[-1]] = value
    try:
        Scenario.model_validate(data)
    except ValidationError as error:
        lines = describe_validation_error(error, data)
        assert lines
        assert all(isinstance(line, str) and line for line in lines)


class TestLabels:
    """Labels name fields the way the person entering them sees them."""

    def test_fields_are_named_by_their_labels(self):
        data = json.loads(json.dumps(BASE))
        data["plans"][1]["rate"] = -1
        data["name"] = ""
        with pytest.raises(ValidationError) as caught:
            Scenario.model_validate(data)
        labels = {"name": "scenario name", "plans.name": "plan name", "plans.rate": "rate"}
        assert describe_validation_error(caught.value, data, labels) == [
            "scenario name: is empty; type a name",
            "plan 2 'Active users', rate: must be 0 or more (got -1)",
        ]

    @pytest.mark.parametrize("typed", ["", "   ", "\t"])
    def test_an_empty_or_blank_name_is_said_empty(self, typed):
        """An empty name, or one of spaces only (stripped first), is said to be empty in plain
        words, without quoting back the spaces as if they were the fault."""
        data = json.loads(json.dumps(BASE))
        data["plans"][0]["name"] = typed
        data["baseline"] = typed
        with pytest.raises(ValidationError) as caught:
            Scenario.model_validate(data)
        lines = describe_validation_error(caught.value, data, {"plans.name": "plan name"})
        assert "plan 1, plan name: is empty; type a name" in lines
        assert not any("String should" in line for line in lines)

    def test_a_text_shorter_than_its_rule_is_told_the_least_length(self):
        """A text rule longer than one character (a code of three, say) is said in words, with
        the text given: only a rule of one character means the text is empty."""

        class Code(BaseModel):
            code: Annotated[str, StringConstraints(min_length=3)]

        with pytest.raises(ValidationError) as caught:
            Code.model_validate({"code": "ab"})
        assert describe_validation_error(caught.value) == [
            "code: must be at least 3 characters (got 'ab')"
        ]

    def test_field_names_in_a_rule_are_named_by_their_labels(self):
        """A name with an underscore is replaced anywhere; a plain word before its value."""
        data = json.loads(json.dumps(BASE))
        data["staffing"][1]["peak_concurrent"] = 80
        with pytest.raises(ValidationError) as caught:
            Scenario.model_validate(data)
        labels = {"peak_concurrent": "peak concurrent agents", "active": "active users"}
        assert describe_validation_error(caught.value, data, labels) == [
            "February 2027: peak concurrent agents (80) must be <= active users (70); lower peak concurrent agents or raise active users"
        ]

    def test_an_empty_label_leaves_months_unnamed(self):
        """Inputs that stand for every month alike: the month is left out, of a field's problem
        and of a rule's, reported together."""
        data = json.loads(json.dumps(BASE))
        data["staffing"][0]["active"] = 120
        data["staffing"][1]["provisioned"] = -5
        with pytest.raises(ValidationError) as caught:
            Scenario.model_validate(data)
        labels = {"staffing": "", "active": "active users", "provisioned": "provisioned seats"}
        assert describe_validation_error(caught.value, data, labels) == [
            "provisioned seats: must be 0 or more (got -5)",
            "active users (120) must be <= provisioned seats (100); lower active users or raise "
            "provisioned seats",
        ]
        data["staffing"][1]["provisioned"] = 100
        with pytest.raises(ValidationError) as caught:
            Scenario.model_validate(data)
        assert describe_validation_error(caught.value, data, labels) == [
            "active users (120) must be <= provisioned seats (100); lower active users or raise provisioned seats"
        ]

    def test_words_that_are_not_fields_stay(self):
        """'active' in 'Active users' or without a value after it is not a field name."""
        data = json.loads(json.dumps(BASE))
        data["plans"][1]["rule"] = "logged_in_hours"
        with pytest.raises(ValidationError) as caught:
            Scenario.model_validate(data)
        labels = {"active": "ACTIVE", "logged_in_hours": "logged-in hours"}
        assert describe_validation_error(caught.value, data, labels) == [
            "plan 'Active users' counts logged-in hours but January 2027 has no "
            f"logged-in hours{HOURS}"
        ]


class TestTypedPercent:
    """A ratio typed in percent is read exactly, and refused in the words it was typed in."""

    def test_is_read_as_its_ratio(self):
        """2.5 % is 0.025 and 12.3456 % is 0.123456: six places, kept exactly."""
        typed = [TypedPercent(Decimal("2.5")), TypedPercent(Decimal("12.3456"))]
        plans = [plan_with(escalator=percent) for percent in typed]
        assert [p.escalator for p in plans] == [Decimal("0.025"), Decimal("0.123456")]

    @pytest.mark.parametrize("typed", ["3.123456", "0.00001"])
    def test_finer_than_four_places_is_refused_in_percent(self, typed):
        """3.123456 % needs eight places as a ratio: refused as typed, never rounded (0.00001 %
        was kept as 0)."""
        assert typed_percent_messages(escalator=TypedPercent(Decimal(typed))) == [
            f"escalator: must have at most 4 decimal places in percent (got {typed} %)"
        ]

    def test_a_limit_is_stated_in_percent(self):
        """1,500 % against a yearly rise of at most 1 (100 %): both in percent."""
        assert typed_percent_messages(escalator=TypedPercent(Decimal("1500"))) == [
            "escalator: must be 100 % or less (got 1,500 %)"
        ]


def plan_with(**terms) -> Plan:
    return Plan(name="Rise", rule=CountingRule.ACTIVE_USER, rate=Decimal(65), **terms)


def typed_percent_messages(**terms) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        plan_with(**terms)
    return describe_validation_error(caught.value)
