"""Budget settings: defaults for old files, validation messages that name what is wrong."""

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from calculator import (
    describe_validation_error,
    example_scenario,
    scenario_from_json,
    scenario_to_json,
)
from calculator.budget import (
    BudgetSettings,
    FundingShare,
    Program,
    RelativeRange,
    example_programs,
)


def messages(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        BudgetSettings.model_validate(data)
    return describe_validation_error(caught.value, data)


def test_scenario_file_without_budget_loads_with_defaults():
    """A scenario file written before budget settings existed loads with the defaults."""
    document = json.loads(scenario_to_json(example_scenario()))
    del document["budget"]
    scenario = scenario_from_json(json.dumps(document))
    assert scenario.budget == BudgetSettings()
    assert (scenario.budget.fiscal_year_start_month, scenario.budget.discount_rate) == (
        7,
        Decimal("0.03"),
    )


def test_budget_settings_round_trip_through_the_scenario_file():
    """Programs, funding and monthly shares come back equal from the saved file."""
    settings = BudgetSettings(
        fiscal_year_start_month=10,
        programs=example_programs(),
        monthly_shares=[
            {
                "month": "2027-02",
                "shares": {"Medicaid": "0.5", "SNAP": "0.5", "Unemployment insurance": "0"},
            }
        ],
    )
    scenario = example_scenario().model_copy(update={"budget": settings})
    assert scenario_from_json(scenario_to_json(scenario)) == scenario


def test_example_programs_add_up():
    """The illustrative programs split the whole workforce and each program's whole cost."""
    programs = example_programs()
    assert sum(p.share for p in programs) == 1
    assert all(sum(f.share for f in p.funding) == 1 for p in programs)


def test_workforce_shares_must_add_up_to_one():
    """Program shares adding up to 0.9 are refused, naming each share."""
    data = {
        "programs": [
            {"name": "SNAP", "share": "0.5", "funding": [{"source": "State", "share": "1"}]},
            {"name": "Medicaid", "share": "0.4", "funding": [{"source": "State", "share": "1"}]},
        ]
    }
    assert messages(data) == [
        "program workforce shares must add up to 1 (100 %); they add up to 0.9 "
        "(SNAP 0.5, Medicaid 0.4)"
    ]


def test_funding_shares_must_add_up_to_one():
    """A program whose funding adds up to 1.1 is refused, naming the program and sources."""
    data = {
        "programs": [
            {
                "name": "Medicaid",
                "share": "1",
                "funding": [
                    {"source": "Federal", "share": "0.75"},
                    {"source": "State", "share": "0.35"},
                ],
            }
        ]
    }
    assert messages(data) == [
        "program 1: funding shares of program 'Medicaid' must add up to 1 (100 %); they add up "
        "to 1.1 (Federal 0.75, State 0.35)"
    ]


def test_program_names_must_be_unique():
    """Two programs called SNAP are refused."""
    program = {"name": "SNAP", "share": "0.5", "funding": [{"source": "State", "share": "1"}]}
    assert messages({"programs": [program, program]}) == [
        "program names must be unique: 'SNAP' appears 2 times"
    ]


def test_program_names_differing_only_in_capitals_are_one_name_twice():
    """Medicaid and medicaid would be two programs in every report: refused, naming both."""
    first = {"name": "Medicaid", "share": "1", "funding": [{"source": "Federal", "share": "1"}]}
    second = {"name": "medicaid", "share": "0", "funding": [{"source": "State", "share": "1"}]}
    assert messages({"programs": [first, second]}) == [
        "program names must be unique: 'Medicaid' and 'medicaid' differ only in capitals; "
        "write one name the same way each time"
    ]


def test_funding_sources_differing_only_in_capitals_are_one_source_twice():
    """Federal and FEDERAL in one program: refused, naming the program."""
    funding = [{"source": "Federal", "share": "0.5"}, {"source": "FEDERAL", "share": "0.5"}]
    program = {"name": "SNAP", "share": "1", "funding": funding}
    assert messages({"programs": [program]}) == [
        "program 1: funding sources of program 'SNAP' must be unique: 'Federal' and 'FEDERAL' "
        "differ only in capitals; write one name the same way each time"
    ]


def test_monthly_shares_must_name_every_program():
    """A month that leaves a program out is refused, naming the month and the programs."""
    data = {
        "programs": [p.model_dump(mode="json") for p in example_programs()],
        "monthly_shares": [{"month": "2027-02", "shares": {"Medicaid": "1"}}],
    }
    assert messages(data) == [
        "monthly_shares 2027-02: must list exactly the programs Medicaid, SNAP, Unemployment "
        "insurance; it lists Medicaid"
    ]


def test_monthly_shares_must_add_up_to_one():
    """A month whose shares add up to 0.5 is refused, naming the month."""
    data = {
        "monthly_shares": [{"month": "2027-02", "shares": {"All programs": "0.5"}}],
    }
    assert messages(data) == [
        "monthly_shares 2027-02: program workforce shares must add up to 1 (100 %); they add up "
        "to 0.5 (All programs 0.5)"
    ]


def test_share_above_one_is_refused():
    """A share of 1.5 breaks the field limit and the message shows the value."""
    with pytest.raises(ValidationError, match="less than or equal to 1"):
        Program(name="SNAP", share=Decimal("1.5"), funding=[{"source": "State", "share": "1"}])


def test_range_low_must_not_exceed_high():
    """A range from +10 % down to -10 % is refused."""
    with pytest.raises(ValidationError, match=r"low \(10 %\) must be <= high \(-10 %\)"):
        RelativeRange(low=Decimal("0.1"), high=Decimal("-0.1"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("fiscal_year_start_month", 13),
        ("fiscal_year_start_month", 0),
        ("fiscal_year_start_month", "7"),
        ("discount_rate", "NaN"),
        ("discount_rate", "-0.01"),
        ("tornado_change", "0"),
    ],
)
def test_out_of_range_settings_are_refused(field, value):
    """Months outside 1-12, text for a number, NaN and negative rates are refused."""
    lines = messages({field: value})
    assert len(lines) == 1
    assert lines[0].startswith(f"{field}: ")
    assert lines[0].endswith(f"(got {value!r})")


def test_lookup_uses_monthly_shares_in_their_month_only():
    """A month listed in monthly_shares uses its split; other months use the constant shares."""
    settings = BudgetSettings(
        programs=example_programs(),
        monthly_shares=[
            {
                "month": "2027-02",
                "shares": {"Medicaid": "1", "SNAP": "0", "Unemployment insurance": "0"},
            }
        ],
    )
    assert settings.program_shares("2027-02") == [Decimal(1), Decimal(0), Decimal(0)]
    assert settings.program_shares("2027-03") == [Decimal("0.4"), Decimal("0.4"), Decimal("0.2")]


def test_new_programs_keep_monthly_shares_only_when_the_names_match():
    """Changing a program's funding keeps the monthly split; renaming programs drops it."""
    entry = {
        "month": "2027-02",
        "shares": {"Medicaid": "1", "SNAP": "0", "Unemployment insurance": "0"},
    }
    settings = BudgetSettings(programs=example_programs(), monthly_shares=[entry])
    federal = [FundingShare(source="Federal", share=Decimal(1))]
    refunded = [Program(name=p.name, share=p.share, funding=federal) for p in example_programs()]
    assert settings.with_programs(refunded).monthly_shares == settings.monthly_shares
    assert settings.with_programs(BudgetSettings().programs).monthly_shares == []


def test_appropriation_is_money_refused_loudly_when_out_of_range():
    assert BudgetSettings().appropriation is None
    assert BudgetSettings(appropriation="1250000.50").appropriation == Decimal("1250000.50")
    for bad in ("-1", "1e9", "12.345", "2000000000", True):
        with pytest.raises(ValidationError, match="appropriation"):
            BudgetSettings(appropriation=bad)
