"""The Excel workbook: live formulas over the inputs that a real spreadsheet engine recalculates
to the app's figures, to the cent; named ranges, formats, frozen headers; injected text stays text.

The oracle is :func:`calculator.compare` itself: the workbook must reproduce every monthly line
and total it computes. LibreOffice Calc (headless) is the independent spreadsheet engine.
"""

from __future__ import annotations

import io
import random
from decimal import Decimal
from itertools import takewhile
from pathlib import Path

import openpyxl
import pytest

from app.reports import make_branding, workbook_bytes
from app.views.conventions import plan_label
from calculator import (
    Comparison,
    CountingRule,
    MonthStaffing,
    Plan,
    Scenario,
    compare,
    example_scenario,
    hours_in_month,
    month_labels,
)
from calculator.budget import (
    BudgetSettings,
    example_programs,
    plan_budget,
    programs_from_text,
    simulate,
    tornado,
)
from tests.app.reports.spreadsheet import recalculate
from tests.app.reports.test_html_report import LARGEST

WORKED = compare(example_scenario(months=18))


def free_today() -> Comparison:
    """The worked example with today's seats at $0: no percentage of today's cost exists."""
    scenario = example_scenario(months=18)
    free = scenario.plans[0].model_copy(update={"rate": Decimal(0)})
    return compare(scenario.model_copy(update={"plans": [free, *scenario.plans[1:]]}))


FREE_TODAY = free_today()
HOSTILE_NAME = '=HYPERLINK("http://evil.example","Click")'


def load(data: bytes, values: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=values)


def total_row(sheet) -> int:
    """1-based row of the Monthly sheet's totals (column A says "Total")."""
    return next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == "Total")


def cost_columns(sheet, comparison: Comparison) -> dict[str, int]:
    """Plan name -> 1-based column of its "Cost" on the Monthly sheet, found from the headers."""
    columns = {}
    for column in range(1, sheet.max_column + 1):
        group = sheet.cell(3, column).value
        if group is None:
            continue
        name = group.removesuffix(" (today)")
        offset = column
        while sheet.cell(4, offset).value != "Cost":
            offset += 1
        columns[name] = offset
    assert set(columns) == set(comparison.totals)
    return columns


def assert_cents(value: float, cents: int, where: str) -> None:
    """A spreadsheet value equals ``cents`` exactly: its shortest decimal form is the amount."""
    assert isinstance(value, int | float), f"{where}: {value!r} is not a number"
    assert Decimal(repr(value)) == Decimal(cents) / 100, f"{where}: {value!r} != {cents / 100:.2f}"


def assert_matches_app(book: openpyxl.Workbook, comparison: Comparison) -> None:
    sheet = book["Monthly"]
    totals_at = total_row(sheet)
    for plan, column in cost_columns(sheet, comparison).items():
        for index, line in enumerate(comparison.lines[plan]):
            value = sheet.cell(5 + index, column).value
            assert_cents(value, line.cost_cents, f"{plan} month {index + 1}")
        total = sheet.cell(totals_at, column).value
        assert_cents(total, comparison.totals[plan].cost_cents, f"{plan} total")


def tricky_scenario(rng: random.Random, number: int) -> Scenario:
    """Every counting rule with every contract term, six-decimal rates and escalators,
    fractional hours and up to 60 months: where float arithmetic could drift from exact cents."""
    start = f"{rng.randint(2025, 2032)}-{rng.randint(1, 12):02d}"
    horizon = rng.choice([1, 11, 12, 13, 25, 60])
    staffing = []
    for label in month_labels(start, horizon):
        provisioned = rng.randint(0, 3000)
        active = rng.randint(0, provisioned)
        concurrent = rng.randint(0, active)
        hours = Decimal(rng.randint(0, active * hours_in_month(label) * 10_000)) / 10_000
        staffing.append(
            MonthStaffing(
                provisioned=provisioned,
                active=active,
                peak_concurrent=concurrent,
                logged_in_hours=hours,
            )
        )

    def rate() -> Decimal:
        return Decimal(rng.randint(0, 400_000_000)) / 1_000_000

    def money() -> Decimal:
        return Decimal(rng.randint(0, 5_000_000)) / 100

    plans = []
    for rule in CountingRule:
        terms = {
            "committed_units": rng.choice([0, rng.randint(0, 800)]),
            "overage_rate": rng.choice([None, rate()]),
            "minimum_monthly_charge": rng.choice([Decimal(0), money()]),
            "one_time_cost": money(),
            "escalator": Decimal(rng.randint(0, 100_000)) / 1_000_000,
        }
        if rule is CountingRule.NAMED_SEAT:
            terms["seats_reducible"] = rng.random() < 0.5
        if rule is CountingRule.CONCURRENT:
            terms["concurrent_cap"] = rng.choice([None, rng.randint(0, 3000)])
        plans.append(Plan(name=f"{rule.label} {number}", rule=rule, rate=rate(), **terms))
    return Scenario(
        name=f"Tricky {number}",
        start_month=start,
        staffing=staffing,
        plans=plans,
        baseline=plans[0].name,
    )


def ties_scenario() -> Scenario:
    """Lines that land exactly on half a cent, which must round away from zero:
    1 x $0.005 = $0.005 -> $0.01; 3 x $12.345 = $37.035 -> $37.04;
    1 x $1.005 -> $1.01; 1 x $2.675 -> $2.68; 3 x $0.125 = $0.375 -> $0.38."""
    staffing = [
        MonthStaffing(provisioned=count, active=count, peak_concurrent=count)
        for count in (1, 3, 1, 1, 3)
    ]
    plans = [
        Plan(name=f"Rate {rate}", rule=CountingRule.ACTIVE_USER, rate=Decimal(rate))
        for rate in ("0.005", "12.345", "1.005", "2.675", "0.125")
    ]
    return Scenario(
        name="Half cents",
        start_month="2027-01",
        staffing=staffing,
        plans=plans,
        baseline=plans[0].name,
    )


class TestStructure:
    def test_sheets_in_reading_order(self):
        """Summary first, then Inputs, Monthly, Fiscal years, Contract years and Fiscal
        quarters, then the budget's value sheets."""
        book = load(workbook_bytes(WORKED))
        assert book.sheetnames == [
            "Summary",
            "Inputs",
            "Monthly",
            "Fiscal years",
            "Contract years",
            "Fiscal quarters",
            "Programs x funding",
            "Returns",
            "Ranges",
        ]

    def test_monthly_totals_are_sum_formulas(self):
        """Each plan's total cost is =SUM over its monthly cost cells, not a value."""
        sheet = load(workbook_bytes(WORKED))["Monthly"]
        row = total_row(sheet)
        for column in cost_columns(sheet, WORKED).values():
            letter = openpyxl.utils.get_column_letter(column)
            assert sheet.cell(row, column).value == f"=SUM({letter}5:{letter}22)"

    def test_monthly_costs_are_formulas_over_the_inputs(self):
        """A recurring cost is a ROUND formula on the plan's named input cells."""
        sheet = load(workbook_bytes(WORKED))["Monthly"]
        # Columns E..J belong to the baseline: counted, billable, rate, recurring, one-time, cost
        assert sheet["H5"].value == (
            "=ROUND(MAX(Plan1_Minimum,Plan1_Committed*G5"
            "+MAX(0,F5-Plan1_Committed)*Plan1_Overage*(1+Plan1_Escalator)^($C5-1)),2)"
        )
        assert sheet["E5"].value == "=INDEX(Staff_Provisioned,$A5)"

    def test_named_ranges_point_at_the_inputs(self):
        """Plan terms and staffing columns have names a reviewer can use in own formulas."""
        book = load(workbook_bytes(WORKED))
        names = {name: book.defined_names[name].attr_text for name in book.defined_names}
        assert names["Plan2_Rate"] == "Inputs!$C$13"
        assert names["Staff_Active"] == "Inputs!$D$24:$D$41"
        assert names["Plan1_Total"].startswith("Monthly!$J$")

    def test_headers_are_frozen(self):
        """Monthly keeps its header rows and month columns in view while scrolling."""
        book = load(workbook_bytes(WORKED))
        assert book["Monthly"].freeze_panes == "C5"
        assert book["Fiscal years"].freeze_panes == "B5"

    def test_the_fiscal_years_sheet_names_the_start_month(self):
        """The note says "July", as the page's choice does, not "month 7"."""
        note = load(workbook_bytes(WORKED))["Fiscal years"]["A2"].value
        assert note.startswith("Fiscal years start in July and are named by the year")

    def test_money_cells_have_a_currency_format(self):
        """Cost cells show the currency symbol and two decimals."""
        sheet = load(workbook_bytes(WORKED))["Monthly"]
        assert sheet["J5"].number_format == '"$"#,##0.00;-"$"#,##0.00'

    def test_cached_values_are_the_apps(self):
        """Viewers that do not calculate see the app's totals: $180,000.00 and $81,900.00."""
        sheet = load(workbook_bytes(WORKED), values=True)["Monthly"]
        row = total_row(sheet)
        columns = cost_columns(sheet, WORKED)
        assert sheet.cell(row, columns["Named seats"]).value == 180_000
        assert sheet.cell(row, columns["Active users"]).value == 81_900

    def test_branding_on_the_summary(self):
        """The company name heads the Summary sheet."""
        branding = make_branding(company_name="Example Telecom")
        sheet = load(workbook_bytes(WORKED, branding=branding))["Summary"]
        assert sheet["A1"].value == "Example Telecom"


class TestInjection:
    def test_formula_like_names_come_back_as_text(self):
        """A plan and a scenario named like formulas are stored as text with a leading quote."""
        scenario = example_scenario(months=2)
        plans = [scenario.plans[0].model_copy(update={"name": HOSTILE_NAME}), scenario.plans[1]]
        hostile = Scenario.model_validate(
            {
                **scenario.model_dump(),
                "name": "@SUM(1+1)",
                "plans": [p.model_dump() for p in plans],
                "baseline": HOSTILE_NAME,
            }
        )
        book = load(workbook_bytes(compare(hostile)))
        cell = book["Inputs"]["A12"]
        assert (cell.value, cell.data_type) == ("'" + HOSTILE_NAME, "s")
        assert book["Inputs"]["B4"].value == "'@SUM(1+1)"
        assert book["Monthly"]["E3"].value == "'" + HOSTILE_NAME + " (today)"


def new_rules_scenario() -> Scenario:
    """Contract rules the month formula does not state, beside one it does (docs/contract-rules.md):
    seats that come down only at renewal, the next month, rate bands, a true-up and plan lines."""
    base = example_scenario(months=15)
    plans = [
        base.plans[0],
        Plan.model_validate(
            {
                "name": "High-water seats",
                "rule": "named_seat",
                "rate": "90",
                "seat_reduction": "high_water_mark",
            }
        ),
        Plan.model_validate(
            {
                "name": "Next-month active",
                "rule": "active_user",
                "rate": "61.5",
                "seat_reduction": "next_month",
            }
        ),
        Plan.model_validate(
            {
                "name": "Banded concurrent",
                "rule": "concurrent",
                "rate": "140",
                "tiers": [{"up_to": 40, "rate": "140"}, {"up_to": None, "rate": "120"}],
                "tier_mode": "graduated",
            }
        ),
        Plan.model_validate(
            {
                "name": "Trued-up",
                "rule": "active_user",
                "rate": "60",
                "committed_units": 50,
                "true_up": {"period_months": 3, "premium": "0.2"},
            }
        ),
        Plan.model_validate(
            {
                "name": "Core and overflow",
                "rule": "named_seat",
                "rate": "100",
                "quantity": 10,
                "lines": [{"name": "Agents", "rule": "active_user", "rate": "65"}],
            }
        ),
    ]
    return base.model_copy(update={"plans": plans})


NEW_RULES = compare(new_rules_scenario())


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    """Every workbook of this module recalculated by LibreOffice in one start."""
    rng = random.Random(20261124)
    comparisons = {
        "worked": WORKED,
        "ties": compare(ties_scenario()),
        **{f"tricky{n}": compare(tricky_scenario(rng, n)) for n in range(12)},
        "new rules": NEW_RULES,
        "free today": FREE_TODAY,
    }
    changed = load(workbook_bytes(WORKED))
    changed["Inputs"]["C13"] = 60  # Plan2_Rate: active users at $60 instead of $65
    buffer = io.BytesIO()
    changed.save(buffer)
    books = [workbook_bytes(c) for c in comparisons.values()] + [buffer.getvalue()]
    folder = Path(tmp_path_factory.mktemp("libreoffice"))
    results = recalculate(books, folder)
    return {
        **{
            name: (comparison, book)
            for (name, comparison), book in zip(comparisons.items(), results, strict=False)
        },
        "changed": (None, results[-1]),
    }


class TestRulesWithoutFormulas:
    def test_such_plans_are_values_and_named_in_a_note(self):
        """Only the plans the formula states get formulas; a note names the others."""
        sheet = load(workbook_bytes(NEW_RULES))["Monthly"]
        columns = cost_columns(sheet, NEW_RULES)
        first = sheet.cell(5, columns["Named seats"]).value
        assert isinstance(first, str)
        assert first.startswith("=")
        for name in ("High-water seats", "Next-month active", "Banded concurrent", "Trued-up"):
            assert not isinstance(sheet.cell(5, columns[name]).value, str), name
        notes = [
            cell.value
            for row in sheet.iter_rows(min_row=total_row(sheet) + 1)
            for cell in row
            if isinstance(cell.value, str)
        ]
        assert any(
            note.startswith("Written as values, computed by the app: High-water seats, ")
            and "Core and overflow" in note
            for note in notes
        )


class TestRecalculatedByLibreOffice:
    def test_worked_example_to_the_cent(self, recalculated):
        """LibreOffice's totals for the worked example equal the app's: $180,000 and $81,900."""
        comparison, book = recalculated["worked"]
        assert_matches_app(book, comparison)

    def test_half_cents_round_away_from_zero(self, recalculated):
        """Exact half cents round up in the spreadsheet as in the app."""
        comparison, book = recalculated["ties"]
        assert [line.cost_cents for line in comparison.lines["Rate 12.345"]][1] == 3704
        assert_matches_app(book, comparison)

    @pytest.mark.parametrize("number", range(12))
    def test_every_term_to_the_cent(self, recalculated, number):
        """Commitments, overage, minimums, one-time costs, escalators, caps, contract-year peaks
        and rounded-up hours: every month and total equals the app's to the cent."""
        comparison, book = recalculated[f"tricky{number}"]
        assert_matches_app(book, comparison)

    @pytest.mark.parametrize("number", range(12))
    def test_contract_years_to_the_cent(self, recalculated, number):
        """Each plan's cost per contract year, summed by formula over the Monthly sheet (1, 11,
        12, 13, 25 or 60 months: partial last years included), equals plan_budget()'s."""
        comparison, book = recalculated[f"tricky{number}"]
        sheet = book["Contract years"]
        budget = plan_budget(comparison)
        header = [cell.value for cell in sheet[4]]
        for plan in comparison.scenario.plans:
            label = plan_label(plan.name, comparison.scenario.baseline)
            column = header.index(f"{label}: planned") + 1
            for offset, entry in enumerate(budget.by_contract_year[plan.name]):
                value = sheet.cell(5 + offset, column).value
                assert_cents(value, entry.planned_cents, f"{plan.name} year {offset + 1}")

    @pytest.mark.parametrize("number", range(12))
    def test_fiscal_quarters_to_the_cent(self, recalculated, number):
        """Each plan's cost per fiscal quarter, summed by formula over a range of the Monthly
        sheet's month numbers (partial first and last quarters included), equals
        plan_budget()'s, and so do the months counted."""
        comparison, book = recalculated[f"tricky{number}"]
        sheet = book["Fiscal quarters"]
        budget = plan_budget(comparison)
        header = [cell.value for cell in sheet[4]]
        counted = [sheet.cell(5 + offset, 2).value for offset in range(len(budget.fiscal_quarters))]
        assert counted == [len(quarter.months) for quarter in budget.fiscal_quarters]
        for plan in comparison.scenario.plans:
            label = plan_label(plan.name, comparison.scenario.baseline)
            column = header.index(f"{label}: planned") + 1
            for offset, entry in enumerate(budget.by_fiscal_quarter[plan.name]):
                value = sheet.cell(5 + offset, column).value
                assert_cents(
                    value, entry.planned_cents, f"{plan.name} {entry.fiscal_quarter.label}"
                )

    def test_rules_without_a_formula_are_the_apps_values_to_the_cent(self, recalculated):
        """Seat counts that come down only at renewal or the next month, rate bands, a true-up
        and plan lines are written as the app's values; recalculated, every month still matches."""
        comparison, book = recalculated["new rules"]
        assert_matches_app(book, comparison)

    def test_summary_savings_recalculate(self, recalculated):
        """The Summary's savings cell is recalculated: 18 x $5,450.00 = $98,100.00."""
        _, book = recalculated["worked"]
        sheet = book["Summary"]
        assert (sheet["A7"].value, sheet["F7"].value) == ("Active users", 98_100)
        assert sheet["G7"].value == pytest.approx(0.545)

    def test_a_free_plan_today_recalculates_to_the_words_the_file_shows(self, recalculated):
        """Seats at $0: the percentage cell says "today's plan costs nothing", as written and
        as recalculated, where it said "n/a"."""
        _, book = recalculated["free today"]
        written = load(workbook_bytes(FREE_TODAY), values=True)["Summary"]["G7"].value
        assert (written, book["Summary"]["G7"].value) == (
            "today's plan costs nothing",
            "today's plan costs nothing",
        )

    def test_fiscal_years_recalculate(self, recalculated):
        """July fiscal years: FY2027 holds 6 months of $4,550.00, FY2028 twelve."""
        _, book = recalculated["worked"]
        rows = list(book["Fiscal years"].iter_rows(min_row=5, max_row=7, values_only=True))
        assert [(row[0], row[1], row[4]) for row in rows] == [
            ("FY2027", 6, 27_300),
            ("FY2028", 12, 54_600),
            ("Total", 18, 81_900),
        ]

    def test_contract_years_recalculate(self, recalculated):
        """From January 2027: year 1 (base) holds 12 months of $4,550.00, year 2 six."""
        _, book = recalculated["worked"]
        rows = list(book["Contract years"].iter_rows(min_row=5, max_row=7, values_only=True))
        assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
            ("Year 1 (base)", 12, 54_600, 78_000),
            ("Year 2 (option 1; partial: 6 of 12 months)", 6, 27_300, 39_000),
            ("Total", 18, 81_900, 117_000),
        ]

    def test_fiscal_quarters_recalculate(self, recalculated):
        """From January 2027 with a July year: FY2027 Q3 (January to March) to FY2028 Q4, each
        3 x $4,550.00 for active users; the Total row is the 18 months'."""
        _, book = recalculated["worked"]
        rows = list(book["Fiscal quarters"].iter_rows(min_row=5, max_row=11, values_only=True))
        assert [(row[0], row[1], row[4]) for row in rows] == [
            ("FY2027 Q3", 3, 13_650),
            ("FY2027 Q4", 3, 13_650),
            ("FY2028 Q1", 3, 13_650),
            ("FY2028 Q2", 3, 13_650),
            ("FY2028 Q3", 3, 13_650),
            ("FY2028 Q4", 3, 13_650),
            ("Total", 18, 81_900),
        ]

    def test_changing_a_rate_moves_the_quarters(self, recalculated):
        """Active users at $60 instead of $65: a quarter is 3 x 70 x $60 = $12,600.00."""
        _, book = recalculated["changed"]
        assert book["Fiscal quarters"]["E5"].value == 12_600

    def test_changing_a_rate_moves_the_contract_years(self, recalculated):
        """Active users at $60 instead of $65: year 1 is 12 x 70 x $60 = $50,400.00."""
        _, book = recalculated["changed"]
        assert book["Contract years"]["E5"].value == 50_400

    def test_changing_a_rate_moves_the_totals(self, recalculated):
        """A reviewer sets the active-user rate to $60: 18 x 70 x $60 = $75,600.00."""
        _, book = recalculated["changed"]
        scenario = example_scenario(months=18)
        cheaper = scenario.model_copy(
            update={
                "plans": [
                    scenario.plans[0],
                    scenario.plans[1].model_copy(update={"rate": Decimal(60)}),
                ]
            }
        )
        expected = compare(cheaper)
        assert expected.totals["Active users"].cost_cents == 7_560_000
        assert_matches_app(book, expected)


def rows_under(sheet, header: str) -> tuple[list, list[tuple]]:
    """The header row that starts with ``header`` and the rows below it, to the first blank."""
    return rows_under_rows(list(sheet.iter_rows(values_only=True)), header)


def rows_under_rows(rows: list[tuple], header: str) -> tuple[list, list[tuple]]:
    """:func:`rows_under` in a sheet's rows (from a point of the sheet on)."""
    start = next(i for i, row in enumerate(rows) if row[0] == header)
    body = []
    for row in rows[start + 1 :]:
        if row[0] is None:
            break
        body.append(row)
    return list(rows[start]), body


FUNDING_HEADER = ["Plan", "Fiscal year", "Program", "Federal", "State general revenue", "Total"]
"""The header of both tables of the Programs x funding sheet (sources in the order entered)."""


class TestBudgetSheets:
    """Programs x funding, Returns and Ranges hold the budget view's values, to the cent."""

    comparison = compare(
        example_scenario(months=18).model_copy(
            update={"budget": BudgetSettings(programs=example_programs())}
        )
    )

    def test_programs_by_funding_source_add_up_to_the_fiscal_year(self):
        budget = plan_budget(self.comparison)
        sheet = load(workbook_bytes(self.comparison))["Programs x funding"]
        header, rows = rows_under(sheet, "Plan")
        assert header == FUNDING_HEADER
        assert len(rows) == 2 * len(budget.fiscal_years) * 3
        cells = {(c.plan, c.fiscal_year, c.program, c.source): c.cents for c in budget.funding}
        assert {row[0] for row in rows} == {"Named seats (today)", "Active users"}
        for label, year, program, federal, state, total in rows:
            plan = label.removesuffix(" (today)")
            assert_cents(federal, cells.get((plan, year, program, "Federal"), 0), program)
            assert_cents(state, cells.get((plan, year, program, "State general revenue"), 0), year)
            assert_cents(total, budget.program_totals(plan)[(year, program)], plan)
        for entry in budget.years["Active users"]:
            year = entry.fiscal_year.label
            mine = [r[-1] for r in rows if r[:2] == ("Active users", year)]
            assert_cents(round(sum(mine), 2), entry.planned_cents, year)

    def test_each_funding_source_is_added_over_the_programs_and_the_years(self):
        """What each funder is asked for, as the Budget page's "All programs" rows show it.
        By hand: named seats cost 6 x $10,000.00 in each partial fiscal year; Medicaid's 60 %
        is $36,000.00 (Federal 75 %: $27,000.00), SNAP's 40 % $24,000.00 (Federal 50.5 %:
        $12,120.00), so Federal pays $39,120.00 a year and the State $20,880.00. Active users
        cost 6 x $4,550.00 = $27,300.00: Federal $12,285.00 + $5,514.60 = $17,799.60."""
        programs = programs_from_text(
            "Medicaid | 60 | Federal = 75 | State general revenue = 25\n"
            "SNAP | 40 | Federal = 50.5 | State general revenue = 49.5\n"
        )
        scenario = example_scenario().model_copy(
            update={"budget": BudgetSettings(programs=programs)}
        )
        rows = list(load(workbook_bytes(compare(scenario)))["Programs x funding"].values)
        start = next(
            i for i, row in enumerate(rows) if row[0] == "Cost by funding source, all programs"
        )
        header, body = rows_under_rows(rows[start:], "Plan")
        assert header == FUNDING_HEADER
        assert body == [
            ("Named seats (today)", "FY2027", "All programs", 39120, 20880, 60000),
            ("Named seats (today)", "FY2028", "All programs", 39120, 20880, 60000),
            ("Named seats (today)", "Whole period", "All programs", 78240, 41760, 120000),
            ("Active users", "FY2027", "All programs", 17799.6, 9500.4, 27300),
            ("Active users", "FY2028", "All programs", 17799.6, 9500.4, 27300),
            ("Active users", "Whole period", "All programs", 35599.2, 19000.8, 54600),
        ]

    def test_returns(self):
        result = plan_budget(self.comparison).returns["Active users"]
        _, rows = rows_under(load(workbook_bytes(self.comparison))["Returns"], "Plan")
        (plan, net, one_time, roi, payback, discounted, npv) = rows[0]
        assert (plan, roi, payback, discounted) == (
            "Active users",
            "n/a",
            "month 1 (2027-01)",
            "month 1 (2027-01)",
        )
        assert_cents(one_time, 0, "one-time cost")
        assert_cents(net, result.net_savings_cents, "net savings")
        assert_cents(npv, result.npv_cents, "NPV")

    def test_ranges_and_tornado(self):
        simulation = simulate(self.comparison)
        sheet = load(workbook_bytes(self.comparison))["Ranges"]
        header, rows = rows_under(sheet, "Plan")
        assert header == ["Plan", "Measure", "Fiscal year", "P10", "P50", "P90"]
        totals = {(r[0], r[1]): r[3:] for r in rows if r[2] == "Total"}
        expected = simulation.savings_total["Active users"]
        got = totals[("Active users", "savings")]
        percentiles = (expected.p10_cents, expected.p50_cents, expected.p90_cents)
        for value, cents in zip(got, percentiles, strict=True):
            assert_cents(value, cents, "savings total")
        _, bars = rows_under(sheet, "Input")
        chart = tornado(self.comparison)["Active users"]
        assert [row[0] for row in bars] == [bar.input for bar in chart.bars]
        for row, bar in zip(bars, chart.bars, strict=True):
            assert_cents(row[3], bar.swing_cents, bar.input)

    def test_appropriation_and_its_flags_on_the_fiscal_years_sheet(self):
        settings = BudgetSettings(appropriation="50000")
        comparison = compare(WORKED.scenario.model_copy(update={"budget": settings}))
        column = [row[0] for row in load(workbook_bytes(comparison))["Fiscal years"].values]
        assert "Appropriation per fiscal year" in column
        flags = plan_budget(comparison).overrun_flags()
        assert flags
        assert all(flag in column for flag in flags)

    def test_a_partial_year_fits_the_appropriation_only_for_its_months(self):
        """$200,000 a year: no plan is over or could overrun; FY2027 (January to June of the
        18-month example) fits only for the months it covers, FY2028 as a whole, as on the
        page."""
        settings = BudgetSettings(appropriation="200000")
        comparison = compare(WORKED.scenario.model_copy(update={"budget": settings}))
        column = [row[0] for row in load(workbook_bytes(comparison))["Fiscal years"].values]
        assert (
            "Every plan's planned cost fits the appropriation of $200,000.00 a year "
            "(FY2027 only for the 6 months modeled)."
        ) in column


def rows_below(sheet, header: list[str]) -> list[tuple]:
    """The rows under the header row that starts with the cells ``header``, to the first blank,
    as wide as the header."""
    rows = [row[: len(header)] for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(rows) if list(row) == header)
    return list(takewhile(lambda row: row[0] is not None, rows[start + 1 :]))


class TestSharesOnTheProgramsSheet:
    """Below the cost by program and funding source, the shares it was split by, laid out as
    the page's tables, as percentages a formula can use."""

    def test_programs_and_their_funding_as_on_the_page(self):
        """One row per funding source; a program's later rows leave its workforce empty, and
        the note above the table says so in the words of the page's column help."""
        from tests.app.reports.test_html_report import split_in_march

        sheet = load(workbook_bytes(split_in_march()))["Programs x funding"]
        header = ["Program", "Workforce %", "Funding source", "Funding %"]
        assert rows_below(sheet, header) == [
            ("Medicaid", 0.6, "Federal", 0.75),
            ("Medicaid", None, "State general revenue", 0.25),
            ("SNAP", 0.4, "Federal", 0.505),
            ("SNAP", None, "State general revenue", 0.495),
        ]
        column = [row[0] for row in sheet.values]
        title = column.index("Programs and their funding, as entered")
        assert column[title + 1] == (
            "Workforce %: The program's share of the workforce, on its first row; left empty on "
            "its later rows, which share it."
        )

    def test_shares_are_percentage_numbers(self):
        from tests.app.reports.test_html_report import split_in_march

        sheet = load(workbook_bytes(split_in_march()))["Programs x funding"]
        rows = list(sheet.iter_rows())
        start = next(i for i, row in enumerate(rows) if row[1].value == "Workforce %")
        medicaid = rows[start + 1]
        assert [medicaid[1].number_format, medicaid[3].number_format] == ["0.0###%"] * 2

    def test_a_program_named_like_a_formula_is_text(self):
        """A program named like a formula is stored as text with a leading quote."""
        programs = programs_from_text(f"{HOSTILE_NAME} | 100 | Federal = 100\n")
        settings = BudgetSettings(programs=programs)
        comparison = compare(WORKED.scenario.model_copy(update={"budget": settings}))
        sheet = load(workbook_bytes(comparison))["Programs x funding"]
        (row,) = rows_below(sheet, ["Program", "Workforce %", "Funding source", "Funding %"])
        assert row == ("'" + HOSTILE_NAME, 1, "Federal", 1)

    def test_month_by_month_split_with_the_pages_columns(self):
        from tests.app.reports.test_html_report import split_in_march

        sheet = load(workbook_bytes(split_in_march()))["Programs x funding"]
        months = rows_below(sheet, ["Month", "Medicaid %", "SNAP %", "Split"])
        assert len(months) == 12
        assert months[2] == ("2027-03", 0.555555, 0.444445, "entered")
        assert months[0] == ("2027-01", 0.6, 0.4, "the programs' own shares")
        last_month = sheet.max_row  # the split is the sheet's last table
        assert sheet.cell(row=last_month, column=1).value == "2027-12"
        assert sheet.cell(row=last_month, column=2).number_format == "0.0###%"


class TestPrinting:
    """A budget office prints the workbook: every page says which sheet and page it is, and a
    long table's headings are on every page."""

    def test_every_sheet_prints_landscape_one_page_wide_and_numbered(self):
        book = load(workbook_bytes(WORKED))
        for sheet in book.worksheets:
            assert sheet.page_setup.orientation == "landscape", sheet.title
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
            assert sheet.page_setup.fitToHeight == 0, sheet.title  # as many pages long as needed
            assert (sheet.oddFooter.left.text, sheet.oddFooter.right.text) == (
                "&A",
                "Page &P of &N",
            )
        assert book["Monthly"].print_title_rows == "$1:$4"

    def test_a_wide_monthly_sheet_runs_across_pages_with_its_month_columns_on_each(self):
        """Eight plans make 59 columns: scaled to one page they would be unreadable."""
        sheet = load(workbook_bytes(LARGEST))["Monthly"]
        assert sheet.max_column > 20
        assert sheet.print_title_cols == "$A:$B"
        assert not (
            sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage
        )


def test_a_workbook_given_what_a_page_built_builds_none_of_it_again(monkeypatch):
    """A page that has shown the budget and its estimates hands them to the workbook: it builds
    none of them again, and every sheet holds what the workbook that builds its own holds."""
    given = {
        "budget": plan_budget(WORKED),
        "simulation": simulate(WORKED),
        "tornadoes": tornado(WORKED),
    }
    own = openpyxl.load_workbook(io.BytesIO(workbook_bytes(WORKED)))

    def refused(*args, **kwargs):
        raise AssertionError("built again")

    for name in ("plan_budget", "simulate", "tornado"):
        monkeypatch.setattr(f"app.reports._excel_export.{name}", refused)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(WORKED, **given)))
    assert book.sheetnames == own.sheetnames
    for name in own.sheetnames:
        assert [[cell.value for cell in row] for row in book[name].iter_rows()] == [
            [cell.value for cell in row] for row in own[name].iter_rows()
        ], name
