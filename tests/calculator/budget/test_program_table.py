"""Programs and monthly splits typed by people: round trips and messages naming the row."""

from decimal import Decimal

import pytest
from hypothesis import given

from calculator.budget import (
    BudgetInputError,
    MonthlyShares,
    example_programs,
    monthly_shares_from_rows,
    monthly_shares_from_text,
    monthly_shares_to_rows,
    monthly_shares_to_text,
    program_rows,
    programs_from_rows,
    programs_from_text,
    programs_to_rows,
    programs_to_text,
)
from tests.calculator.budget.strategies import programs

MONTHS = [f"2027-{number:02}" for number in range(1, 13)]
"""The months of a scenario that starts in 2027-01 and lasts 12 months."""


def problems_of(function, *args) -> list[str]:
    with pytest.raises(BudgetInputError) as caught:
        function(*args)
    return caught.value.problems


def test_example_programs_as_text():
    """The illustrative programs read as one line each, percentages without trailing zeros."""
    assert programs_to_text(example_programs()) == (
        "Medicaid | 40 | Federal = 75 | State general revenue = 25\n"
        "SNAP | 40 | Federal = 50 | State general revenue = 50\n"
        "Unemployment insurance | 20 | Federal = 100\n"
    )


@given(programs())
def test_text_round_trip(chosen):
    """Programs written as text read back equal."""
    assert programs_from_text(programs_to_text(chosen)) == chosen


@given(programs())
def test_table_round_trip(chosen):
    """Programs written as table rows read back equal."""
    assert programs_from_rows(programs_to_rows(chosen)) == chosen


def test_program_rows_give_the_workforce_share_on_a_programs_first_row():
    """The table's rows as exact shares: the workforce share on the first row of a program,
    ``None`` on its later rows, which share it."""
    medicaid, _, unemployment = example_programs()
    assert program_rows([medicaid, unemployment]) == [
        ("Medicaid", Decimal("0.4"), "Federal", Decimal("0.75")),
        ("Medicaid", None, "State general revenue", Decimal("0.25")),
        ("Unemployment insurance", Decimal("0.2"), "Federal", Decimal(1)),
    ]


@given(programs())
def test_program_rows_are_the_table_rows_as_shares(chosen):
    """The page's table rows are :func:`program_rows` in percent, row for row."""
    assert [
        (name, None if workforce is None else float(workforce * 100), source, float(share * 100))
        for name, workforce, source, share in program_rows(chosen)
    ] == [tuple(row.values()) for row in programs_to_rows(chosen)]


def test_workforce_percentage_on_the_first_row_only():
    """A program's later rows may leave the workforce percentage empty."""
    rows = [
        {"Program": "Medicaid", "Workforce %": 100.0, "Funding source": "Federal", "Funding %": 75},
        {"Program": "Medicaid", "Workforce %": None, "Funding source": "State", "Funding %": 25},
    ]
    (program,) = programs_from_rows(rows)
    assert [(s.source, s.share) for s in program.funding] == [
        ("Federal", Decimal("0.75")),
        ("State", Decimal("0.25")),
    ]


def test_row_problems_name_row_program_column_and_value():
    """Every bad cell is reported at once with its row, program, column and value."""
    rows = [
        {"Program": "A", "Workforce %": "x", "Funding source": "", "Funding %": 5},
        {"Program": None, "Workforce %": float("nan"), "Funding source": None, "Funding %": None},
        {"Program": "B", "Workforce %": 120.0, "Funding source": "F", "Funding %": 50.123456},
    ]
    assert problems_of(programs_from_rows, rows) == [
        "row 1 (A), Workforce %: must be a number from 0 to 100 (got 'x')",
        "row 1 (A), Funding source: a funding source is required",
        "row 3 (B), Workforce %: must be a number from 0 to 100 (got 120.0)",
        "row 3 (B), Funding %: at most 4 decimal places (got 50.123456)",
    ]


def test_conflicting_workforce_percentages_are_refused():
    """A program given 40 % and then 60 % on a later row is refused."""
    rows = [
        {"Program": "A", "Workforce %": 40, "Funding source": "F", "Funding %": 50},
        {"Program": "A", "Workforce %": 60, "Funding source": "S", "Funding %": 50},
    ]
    assert problems_of(programs_from_rows, rows) == [
        "row 2 (A), Workforce %: A already has 40 % on an earlier row (got 60)"
    ]


def test_sums_are_checked_in_percent():
    """Workforce and funding percentages must each add up to 100 %."""
    text = "A | 50 | Fed = 60 | St = 30\nB | 40 | X = 100\n"
    assert problems_of(programs_from_text, text) == [
        "workforce percentages add up to 90 %, not 100 % (A 50 %, B 40 %)",
        "A: funding percentages add up to 90 %, not 100 % (Fed 60 %, St 30 %)",
    ]


def test_text_line_without_funding_is_refused():
    """A line needs a name, a workforce percentage and at least one source."""
    assert problems_of(programs_from_text, "A | 100\n") == [
        "line 1: write 'Program | workforce % | Source = % | ...' (got 'A | 100')"
    ]


def test_text_source_without_equals_is_refused():
    """A funding source must be written 'Source = %'."""
    assert problems_of(programs_from_text, "A | 100 | Federal 100\n") == [
        "line 1 (A): write each funding source as 'Source = %' (got 'Federal 100')"
    ]


def test_text_problems_name_the_line_and_the_program():
    """Cell problems found after splitting the text name the line typed and its program."""
    assert problems_of(programs_from_text, "B | 0 | F = 100\nA | abc | F = 100\n") == [
        "line 2 (A), Workforce %: must be a number from 0 to 100 (got 'abc')"
    ]


def test_a_percent_sign_after_a_share_is_read_as_typed():
    """The columns are headed "%": "35%", "35 %" and "66.67 %" are the shares people type."""
    programs = programs_from_text(
        "Tax Help Line | 35% | Federal = 66.67 % | State = 33.33%\nUI Claims | 65 % | Federal = 100\n"
    )
    assert [(p.name, p.share, [f.share for f in p.funding]) for p in programs] == [
        ("Tax Help Line", Decimal("0.35"), [Decimal("0.6667"), Decimal("0.3333")]),
        ("UI Claims", Decimal("0.65"), [Decimal(1)]),
    ]


def test_a_decimal_comma_is_said_to_want_a_point():
    """ "35,5" is within 0 to 100 to whoever typed it: the message says what to change."""
    assert problems_of(programs_from_text, "A | 35,5 | F = 100\nB | 64.5 | F = 100\n") == [
        "line 1 (A), Workforce %: must be a number from 0 to 100, with a decimal point, not a "
        "comma (got '35,5')"
    ]


def test_a_source_named_twice_in_a_program_is_refused_where_it_is_typed():
    text = "A | 100 | F = 50 | F = 50\n"
    assert problems_of(programs_from_text, text) == [
        "line 1 (A), Funding source: F is already a funding source of A; name each source once"
    ]


def test_a_source_differing_only_in_capitals_is_the_same_source():
    """Federal and federal would be two sources in every report: named where typed, with the
    way it was first written."""
    text = "SNAP | 100 | Federal = 50 | federal = 50\n"
    assert problems_of(programs_from_text, text) == [
        "line 1 (SNAP), Funding source: federal is already a funding source of SNAP (as "
        "Federal); name each source once"
    ]


def test_a_program_differing_only_in_capitals_is_refused_where_it_is_typed():
    """Medicaid, then medicaid on another line: one program typed two ways, not two."""
    text = "Medicaid | 100 | Federal = 100\nmedicaid | 0 | State = 100\n"
    assert problems_of(programs_from_text, text) == [
        "line 2, Program: medicaid differs from Medicaid only in capitals; write a program's "
        "name the same way each time"
    ]


def test_a_program_on_two_lines_is_a_repeat_not_a_bad_sum():
    """The same program typed on two lines is named as a repeat, and its two lines' funding
    are not added up into a second, misleading message."""
    text = "Medicaid | 50 | F = 100\nSNAP | 50 | F = 100\nMedicaid | 50 | F = 100\n"
    assert problems_of(programs_from_text, text) == [
        "Medicaid is on lines 1 and 3; write each program once, on one line"
    ]


def test_a_program_on_two_lines_in_a_row_is_a_repeat():
    """One program a line: a second line for it is a repeat even right after the first."""
    text = "Medicaid | 50 | F = 100\nMedicaid | 50 | S = 100\nSNAP | 50 | F = 100\n"
    assert problems_of(programs_from_text, text) == [
        "Medicaid is on lines 1 and 2; write each program once, on one line"
    ]


def test_a_program_given_again_after_another_in_the_table_is_a_repeat_not_a_bad_sum():
    """Rows 1-3 (a blank row inside them) and row 5 name Medicaid, row 4 SNAP: the table reports
    the repeat by row, as the text does by line, and does not add row 5's funding into a sum of
    125 %."""
    blank = {"Program": None, "Workforce %": None, "Funding source": None, "Funding %": None}
    rows = [
        {"Program": "Medicaid", "Workforce %": 50, "Funding source": "F", "Funding %": 75},
        blank,
        {"Program": "Medicaid", "Workforce %": None, "Funding source": "S", "Funding %": 25},
        {"Program": "SNAP", "Workforce %": 50, "Funding source": "F", "Funding %": 100},
        {"Program": "Medicaid", "Workforce %": None, "Funding source": "G", "Funding %": 25},
    ]
    assert problems_of(programs_from_rows, rows) == [
        "Medicaid is on rows 1, 3 and 5; give each program once, its rows one after another"
    ]


def test_a_long_program_name_is_refused_on_its_line():
    name = "Supplemental Nutrition Assistance Program " * 2 + "outreach and eligibility"
    assert len(name) == 108
    (problem,) = problems_of(programs_from_text, f"A | 50 | F = 100\n{name} | 50 | F = 100\n")
    assert problem.startswith("line 2, Program: must be at most 60 characters (got 'Supplemental")
    assert problem.endswith("(108 characters))")


LONG_PROGRAM = (
    "Supplemental Nutrition Assistance Program Employment and Training Component for "
    "Able-Bodied Adults Without Dependents"
)
LONG_SOURCE = "Federal Food and Nutrition Service Administrative Matching Grant Funds"
TOO_LONG_PROGRAM = (
    "Program: must be at most 60 characters (got 'Supplemental Nutrition Assistance Progra'… "
    "(117 characters))"
)
TOO_LONG_SOURCE = (
    "Funding source: must be at most 60 characters (got 'Federal Food and Nutrition Service "
    "Admin'… (70 characters))"
)


def test_a_long_program_name_is_said_once_for_its_line_of_two_sources():
    """A line gives a row per funding source; the name it gives them is refused once."""
    text = f"{LONG_PROGRAM} | 50 | Federal = 50 | State = 50\nMedicaid | 50 | Federal = 100\n"
    assert problems_of(programs_from_text, text) == [f"line 1, {TOO_LONG_PROGRAM}"]


def test_a_long_source_is_refused_beside_a_long_program_name_on_its_line():
    """Both names on the line are too long: each is named, in the same round."""
    text = (
        f"{LONG_PROGRAM} | 50 | {LONG_SOURCE} = 50 | State General Fund = 50\n"
        "Medicaid | 50 | Federal = 100\n"
    )
    assert problems_of(programs_from_text, text) == [
        f"line 1, {TOO_LONG_PROGRAM}",
        f"line 1, {TOO_LONG_SOURCE}",
    ]


def test_a_long_program_name_is_said_once_naming_each_of_its_rows():
    """In the table the program is typed on each of its rows: one message names them all."""
    rows = [
        {"Program": LONG_PROGRAM, "Workforce %": 50, "Funding source": "F", "Funding %": 50},
        {"Program": LONG_PROGRAM, "Workforce %": None, "Funding source": "S", "Funding %": 50},
        {"Program": "Medicaid", "Workforce %": 50, "Funding source": "F", "Funding %": 100},
    ]
    assert problems_of(programs_from_rows, rows) == [f"rows 1 and 2, {TOO_LONG_PROGRAM}"]


def test_a_long_source_is_refused_beside_a_long_program_name_on_its_row():
    rows = [
        {
            "Program": LONG_PROGRAM,
            "Workforce %": 50,
            "Funding source": LONG_SOURCE,
            "Funding %": 50,
        },
        {"Program": LONG_PROGRAM, "Workforce %": None, "Funding source": "S", "Funding %": 50},
        {"Program": "Medicaid", "Workforce %": 50, "Funding source": "F", "Funding %": 100},
    ]
    assert problems_of(programs_from_rows, rows) == [
        f"rows 1 and 2, {TOO_LONG_PROGRAM}",
        f"row 1, {TOO_LONG_SOURCE}",
    ]


def test_a_long_source_name_is_refused_on_its_row():
    rows = [{"Program": "A", "Workforce %": 100, "Funding source": "S" * 61, "Funding %": 100}]
    (problem,) = problems_of(programs_from_rows, rows)
    assert problem.startswith("row 1 (A), Funding source: must be at most 60 characters")


def test_an_empty_name_in_the_text_is_on_a_line():
    assert problems_of(programs_from_text, "A | 50 | F = 100\n | 50 | F = 100\n") == [
        "line 2, Program: a program name is required"
    ]


def test_empty_table_needs_a_program():
    """A table without programs is refused."""
    assert problems_of(programs_from_rows, []) == ["add at least one program"]


def test_monthly_rows_round_trip_and_drop_constant_months():
    """Months equal to the constant shares need no entry; others come back as entered."""
    chosen = example_programs()
    entry = MonthlyShares(
        month="2027-02",
        shares={"Medicaid": Decimal("0.7"), "SNAP": Decimal("0.3"), "Unemployment insurance": 0},
    )
    rows = monthly_shares_to_rows(["2027-01", "2027-02"], chosen, [entry])
    assert rows[0] == {
        "Month": "2027-01",
        "Medicaid": 40.0,
        "SNAP": 40.0,
        "Unemployment insurance": 20.0,
    }
    assert monthly_shares_from_rows(rows, chosen, MONTHS) == [entry]


def test_monthly_rows_must_add_up_and_name_real_months():
    """A month adding up to 90 % and a malformed month are each reported with their row."""
    chosen = example_programs()
    rows = [
        {"Month": "2027-01", "Medicaid": 40, "SNAP": 40, "Unemployment insurance": 10},
        {"Month": "2027-13", "Medicaid": 40, "SNAP": 40, "Unemployment insurance": 20},
    ]
    assert problems_of(monthly_shares_from_rows, rows, chosen, MONTHS) == [
        "row 1 (2027-01): program percentages add up to 90 %, not 100 %",
        "row 2 (2027-13), Month: must be a month written YYYY-MM (got '2027-13')",
    ]


def test_monthly_text_round_trip():
    """A month typed as CSV text comes back as its split; line numbers count the header."""
    chosen = example_programs()
    text = monthly_shares_to_text(["2027-01", "2027-02"], chosen, [])
    assert text == (
        "Month,Medicaid,SNAP,Unemployment insurance\n2027-01,40,40,20\n2027-02,40,40,20\n"
    )
    edited = text.replace("2027-02,40,40,20", "2027-02,60,30,10")
    assert monthly_shares_from_text(edited, chosen, MONTHS) == [
        MonthlyShares(
            month="2027-02",
            shares={
                "Medicaid": Decimal("0.6"),
                "SNAP": Decimal("0.3"),
                "Unemployment insurance": Decimal("0.1"),
            },
        )
    ]
    wrong = text.replace("2027-02,40,40,20", "2027-02,60,30,1")
    assert problems_of(monthly_shares_from_text, wrong, chosen, MONTHS) == [
        "line 3 (2027-02): program percentages add up to 91 %, not 100 %"
    ]


def test_monthly_text_header_must_name_the_programs():
    """A header that leaves a program out is refused, naming the expected columns."""
    assert problems_of(
        monthly_shares_from_text, "Month,Medicaid\n2027-01,100\n", example_programs(), MONTHS
    ) == [
        "the first line must name the columns Month, Medicaid, SNAP, Unemployment insurance "
        "(got Month, Medicaid)"
    ]


def test_monthly_text_refuses_a_month_outside_the_scenario():
    """A split for 2030-01 in a 2027 scenario would be stored but never used: refused by line."""
    text = "Month,Medicaid,SNAP,Unemployment insurance\n2030-01,50,50,0\n"
    assert problems_of(monthly_shares_from_text, text, example_programs(), MONTHS) == [
        "line 2 (2030-01), Month: not one of the scenario's months (2027-01 to 2027-12)"
    ]


def test_monthly_rows_refuse_a_month_outside_the_scenario():
    """The table reader names the row of a month before the scenario's first."""
    rows = [{"Month": "2026-12", "Medicaid": 50, "SNAP": 50, "Unemployment insurance": 0}]
    assert problems_of(monthly_shares_from_rows, rows, example_programs(), MONTHS) == [
        "row 1 (2026-12), Month: not one of the scenario's months (2027-01 to 2027-12)"
    ]


@pytest.mark.parametrize("text", ["", "  \n\n", "Month,Medicaid,SNAP,Unemployment insurance\n"])
def test_monthly_text_with_no_month_is_refused(text):
    """An emptied box, or a header alone, is refused: read as "no split" it threw a typed split
    away without a word."""
    assert problems_of(monthly_shares_from_text, text, example_programs(), MONTHS) == [
        "the text holds no month: write one line per month under the header (the month, then "
        "each program's percentage)"
    ]
