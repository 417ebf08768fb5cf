"""The Excel workbook: inputs, and every monthly cost and total as a live formula over them.

A finance reviewer checks the numbers line by line and tries their own: change a rate, a
commitment or a month's staffing on the Inputs sheet and the Monthly, Summary, Fiscal years,
Contract years and Fiscal quarters sheets recalculate. The formulas mirror
:mod:`calculator._pricing` exactly, per plan and month::

    billable  = MAX(committed, units)            units: P, A or C of the month; for named seats
                                                  that cannot be reduced, the contract year's
                                                  highest P; for a bought concurrent cap, the cap;
                                                  for hours, ROUNDUP(H, 0)
    rate      = rate * (1 + escalator) ^ (contract year - 1)
    recurring = ROUND(MAX(minimum, committed * rate
                          + MAX(0, billable - committed) * overage * (1 + escalator) ^ (year - 1)), 2)
    one-time  = the one-time cost in month 1
    cost      = recurring + one-time;  totals = SUM of the monthly lines

Spreadsheet ``ROUND`` rounds half away from zero, like :func:`calculator.to_cents`, so the
recalculated totals equal the app's to the cent. Each formula also carries the app's value as its
cached result, so viewers that do not calculate (previews, mobile) still show the right numbers.

Sheets: Summary, Inputs (input cells in blue, with named ranges such as ``Plan1_Rate`` and
``Staff_Active``), Monthly, Fiscal years (with the appropriation and its overrun flags, when set),
Contract years (the base year and option years), Fiscal quarters (the spend plan), and three
sheets of the app's values that do not recalculate: Programs x funding (each plan's fiscal-year
cost by program and funding source, and each source over all programs), Returns (net savings,
ROI, payback and NPV of switching) and Ranges (P10, P50 and P90 estimates, and the tornado).
Every text cell from a user is neutralised against formula injection
(:func:`app.reports._safety.neutralise`). Every sheet prints as :mod:`app.reports._workbook_print`
sets out: landscape, numbered, the Monthly sheet's headings on every page.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from app.reports._branding import Branding
from app.reports._safety import neutralise
from app.reports._workbook_print import print_headings, set_up_printing
from app.views.budget import (
    ALL_PROGRAMS,
    CONTRACT_YEARS_NOTE,
    PROGRAMS_TITLE,
    SAME_SPLIT_EVERY_MONTH,
    WORKFORCE_NOTE,
    contract_year_label,
    fits_appropriation,
    funding_source_totals,
    monthly_split,
    split_header,
)
from app.views.conventions import plan_label
from app.views.fiscal_quarters import fiscal_quarters_note, quarter_label
from calculator import (
    Comparison,
    CountingRule,
    Plan,
    SeatReduction,
    costs_nothing,
    explain_savings,
    format_money,
    from_cents,
)
from calculator._money import currency_symbol
from calculator.budget import (
    TABLE_COLUMNS,
    Budget,
    ContractYear,
    FiscalQuarter,
    FiscalYear,
    PlanContractYear,
    PlanQuarter,
    PlanYear,
    Simulation,
    Tornado,
    fiscal_year_of,
    plan_budget,
    program_rows,
    simulate,
    tornado,
)

# Inputs sheet layout (0-based rows)
_SCENARIO_ROW = 3
_PLAN_HEADER_ROW = 10
_PLAN_FIRST_ROW = _PLAN_HEADER_ROW + 1
_STAFF_TITLE_ROW = _PLAN_FIRST_ROW + 8 + 2  # room for the most plans a scenario may hold
_STAFF_HEADER_ROW = _STAFF_TITLE_ROW + 1
_STAFF_FIRST_ROW = _STAFF_HEADER_ROW + 1

# Monthly sheet layout
_MONTH_GROUP_ROW = 2
_MONTH_HEADER_ROW = 3
_MONTH_FIRST_ROW = 4
_FIXED_COLUMNS = ["Month number", "Month", "Contract year", "Fiscal year"]

_PLAN_INPUTS = [
    # (header, name suffix, format key)
    ("Plan", None, "text_input"),
    ("Counts", None, "text"),
    ("Rate [currency/unit]", "Rate", "rate_input"),
    ("Overage rate [currency/unit]", "Overage", "rate_input"),
    ("Committed units", "Committed", "units_input"),
    ("Minimum per month", "Minimum", "money_input"),
    ("One-time cost", "OneTime", "money_input"),
    ("Yearly escalator", "Escalator", "percent_input"),
    ("Seats reducible (yes/no)", "Reducible", "text_input"),
    ("Concurrent cap [agents]", "Cap", "units_input"),
]
_STAFF_COLUMNS = [
    ("Month number", None),
    ("Month", "Month_Labels"),
    ("Provisioned accounts", "Staff_Provisioned"),
    ("Active users", "Staff_Active"),
    ("Peak concurrent agents", "Staff_Concurrent"),
    ("Logged-in hours", "Staff_Hours"),
]
_COUNTED = {
    CountingRule.NAMED_SEAT: "Staff_Provisioned",
    CountingRule.ACTIVE_USER: "Staff_Active",
    CountingRule.CONCURRENT: "Staff_Concurrent",
    CountingRule.LOGGED_IN_HOURS: "Staff_Hours",
}


@dataclass(frozen=True, slots=True)
class _PlanColumns:
    """Where one plan's columns sit on the Monthly sheet (0-based column numbers)."""

    counted: int
    billable: int
    rate: int
    recurring: int
    one_time: int
    cost: int
    savings: int | None  # alternatives only

    @property
    def last(self) -> int:
        return self.savings if self.savings is not None else self.cost


def _amount(cents: int) -> float:
    """Cents as a cached cell value [currency]; the formula computes the exact figure."""
    return float(from_cents(cents))


def _number(value: Decimal | int) -> float | int:
    return value if isinstance(value, int) else float(value)


class _Formats:
    def __init__(self, book: Workbook, currency: str, accent: str) -> None:
        symbol = currency_symbol(currency).replace('"', "")
        money = f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'
        rate = f'"{symbol}"#,##0.00####;-"{symbol}"#,##0.00####'
        base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
        entry = {
            "font_color": "#0000CC",
            "bg_color": "#EEF3FB",
            "border": 1,
            "border_color": "#B7C6E5",
        }

        def add(**props: object):
            return book.add_format({**base, **props})

        self.title = add(bold=True, font_size=14, font_color=accent)
        self.subtitle = add(bold=True, font_size=11)
        self.note = add(italic=True, font_color="#4B5563", text_wrap=False)
        self.header = add(
            bold=True, text_wrap=True, bg_color="#F3F4F6", bottom=2, bottom_color=accent, border=1
        )
        self.group = add(bold=True, align="center", bg_color="#E5E7EB", border=1)
        self.text = add()
        self.bold = add(bold=True)
        self.money = add(num_format=money)
        self.money_bold = add(num_format=money, bold=True, top=1)
        self.rate = add(num_format=rate)
        self.units = add(num_format="#,##0.####")
        self.integer = add(num_format="0")
        self.percent = add(num_format="0.0%")
        self.share = add(num_format="0.0###%")  # a share as typed: 40.0%, 33.3333%
        self.text_input = add(**entry)
        self.rate_input = add(num_format=rate, **entry)
        self.money_input = add(num_format=money, **entry)
        self.units_input = add(num_format="#,##0.####", **entry)
        self.percent_input = add(num_format="0.00%", **entry)


def workbook_bytes(
    comparison: Comparison,
    *,
    branding: Branding | None = None,
    budget: Budget | None = None,
    simulation: Simulation | None = None,
    tornadoes: dict[str, Tornado] | None = None,
) -> bytes:
    """The workbook of ``comparison`` as ``.xlsx`` bytes (see the module notes for its layout).

    ``budget``, ``simulation`` and ``tornadoes`` are :func:`calculator.budget.plan_budget`,
    :func:`calculator.budget.simulate` and :func:`calculator.budget.tornado` of ``comparison``
    when a page has built them already; the workbook builds those not given."""
    branding = branding or Branding()
    scenario = comparison.scenario
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties(
        {
            "title": str(neutralise(f"Licensing cost comparison: {scenario.name}")),
            "company": str(neutralise(branding.company_name)),
            "comments": "Costs and totals are formulas over the Inputs sheet.",
        }
    )
    formats = _Formats(book, scenario.currency, branding.accent_color)
    summary = book.add_worksheet("Summary")
    inputs = book.add_worksheet("Inputs")
    monthly = book.add_worksheet("Monthly")
    fiscal = book.add_worksheet("Fiscal years")
    contract = book.add_worksheet("Contract years")
    quarters = book.add_worksheet("Fiscal quarters")
    _write_inputs(book, inputs, comparison, formats)
    columns, total_row = _write_monthly(monthly, comparison, formats)
    _write_summary(book, summary, comparison, formats, columns, total_row, branding)
    budget = plan_budget(comparison) if budget is None else budget
    _write_fiscal_years(fiscal, comparison, formats, columns, total_row, budget)
    _write_contract_years(contract, comparison, formats, columns, total_row, budget)
    _write_fiscal_quarters(quarters, comparison, formats, columns, total_row, budget)
    _write_programs(book.add_worksheet("Programs x funding"), budget, formats)
    _write_returns(book.add_worksheet("Returns"), budget, formats)
    _write_ranges(
        book.add_worksheet("Ranges"),
        comparison,
        formats,
        simulate(comparison) if simulation is None else simulation,
        tornado(comparison) if tornadoes is None else tornadoes,
    )
    # A long table's headings on every printed page; the month and its number beside each row.
    wide = print_headings(monthly, _MONTH_FIRST_ROW, 2, monthly_width(columns))
    set_up_printing(book, wide=[monthly] if wide else [])
    summary.activate()
    book.close()
    return buffer.getvalue()


def _write_inputs(book: Workbook, sheet: Worksheet, comparison: Comparison, f: _Formats) -> None:
    scenario = comparison.scenario
    sheet.write_string(0, 0, "Inputs", f.title)
    sheet.write_string(
        1,
        0,
        "Blue cells are inputs: change any of them and the Monthly, Summary, Fiscal years, "
        "Contract years and Fiscal quarters sheets recalculate. The values are illustrative "
        "unless taken from your own contracts.",
        f.note,
    )
    facts = [
        ("Scenario", str(neutralise(scenario.name))),
        ("Currency", scenario.currency),
        ("First month", scenario.start_month),
        ("Months", scenario.horizon),
        ("Today's plan (baseline)", str(neutralise(scenario.baseline))),
        ("Fiscal year starts in month", scenario.budget.fiscal_year_start_month),
    ]
    for offset, (label, value) in enumerate(facts):
        sheet.write_string(_SCENARIO_ROW + offset, 0, label, f.bold)
        sheet.write(_SCENARIO_ROW + offset, 1, value, f.text)
    for column, (header, _, _) in enumerate(_PLAN_INPUTS):
        sheet.write_string(_PLAN_HEADER_ROW, column, header, f.header)
    sheet.write_string(_PLAN_HEADER_ROW - 1, 0, "Plans and contract terms", f.subtitle)
    for index, plan in enumerate(scenario.plans):
        row = _PLAN_FIRST_ROW + index
        _write_plan_row(book, sheet, row, index + 1, plan, f)
    sheet.write_string(
        _PLAN_FIRST_ROW + len(scenario.plans),
        0,
        "An overage rate written as =rate follows the plan rate. Seats reducible applies to "
        "named seats, the cap to concurrent plans.",
        f.note,
    )
    sheet.write_string(_STAFF_TITLE_ROW, 0, "Staffing per month", f.subtitle)
    sheet.write_string(
        _STAFF_TITLE_ROW,
        2,
        "To use months edited here in the app, upload this workbook in the calculator's "
        "seasonal plan (CSV or Excel).",
        f.note,
    )
    for column, (header, _) in enumerate(_STAFF_COLUMNS):
        sheet.write_string(_STAFF_HEADER_ROW, column, header, f.header)
    for index, (label, month) in enumerate(zip(scenario.months, scenario.staffing, strict=True)):
        row = _STAFF_FIRST_ROW + index
        sheet.write_number(row, 0, index + 1, f.integer)
        sheet.write_string(row, 1, label, f.text)
        sheet.write_number(row, 2, month.provisioned, f.units_input)
        sheet.write_number(row, 3, month.active, f.units_input)
        sheet.write_number(row, 4, month.peak_concurrent, f.units_input)
        if month.logged_in_hours is None:
            sheet.write_blank(row, 5, None, f.units_input)
        else:
            sheet.write_number(row, 5, float(month.logged_in_hours), f.units_input)
    last = _STAFF_FIRST_ROW + scenario.horizon - 1
    for column, (_, name) in enumerate(_STAFF_COLUMNS):
        if name:
            first_cell = xl_rowcol_to_cell(_STAFF_FIRST_ROW, column, True, True)
            last_cell = xl_rowcol_to_cell(last, column, True, True)
            book.define_name(name, f"=Inputs!{first_cell}:{last_cell}")
    sheet.data_validation(
        _STAFF_FIRST_ROW,
        2,
        last,
        5,
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_message": "Staffing figures cannot be negative.",
        },
    )
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 16)
    sheet.set_column(2, len(_PLAN_INPUTS) - 1, 15)
    sheet.freeze_panes(_SCENARIO_ROW, 0)


def _write_plan_row(
    book: Workbook, sheet: Worksheet, row: int, number: int, plan: Plan, f: _Formats
) -> None:
    rate_cell = xl_rowcol_to_cell(row, 2, True, True)
    values: list[object] = [
        str(neutralise(plan.name)),
        plan.rule.label,
        float(plan.rate),
        None if plan.overage_rate is None else float(plan.overage_rate),
        plan.committed_units,
        float(plan.minimum_monthly_charge),
        float(plan.one_time_cost),
        float(plan.escalator),
        "yes" if plan.seats_reducible else "no",
        plan.concurrent_cap,
    ]
    for column, ((_, suffix, style), value) in enumerate(zip(_PLAN_INPUTS, values, strict=True)):
        fmt = getattr(f, style)
        if suffix == "Overage" and value is None:
            sheet.write_formula(row, column, f"={rate_cell}", fmt, float(plan.rate))
        elif value is None:
            sheet.write_blank(row, column, None, fmt)
        elif isinstance(value, str):
            sheet.write_string(row, column, value, fmt)
        else:
            sheet.write_number(row, column, value, fmt)
        if suffix:
            cell = xl_rowcol_to_cell(row, column, True, True)
            book.define_name(f"Plan{number}_{suffix}", f"=Inputs!{cell}")
    sheet.data_validation(
        row, 8, row, 8, {"validate": "list", "source": ["yes", "no"], "ignore_blank": False}
    )
    sheet.data_validation(
        row,
        2,
        row,
        7,
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_message": "Rates, units and amounts cannot be negative.",
        },
    )


def _plan_columns(comparison: Comparison) -> dict[str, _PlanColumns]:
    columns = {}
    next_column = len(_FIXED_COLUMNS)
    for plan in comparison.scenario.plans:
        is_baseline = plan.name == comparison.baseline
        width = 6 if is_baseline else 7
        c = next_column
        columns[plan.name] = _PlanColumns(
            c, c + 1, c + 2, c + 3, c + 4, c + 5, None if is_baseline else c + 6
        )
        next_column += width
    return columns


def _write_monthly(
    sheet: Worksheet, comparison: Comparison, f: _Formats
) -> tuple[dict[str, _PlanColumns], int]:
    scenario = comparison.scenario
    fiscal_start = scenario.budget.fiscal_year_start_month
    columns = _plan_columns(comparison)
    first = _MONTH_FIRST_ROW
    last = first + scenario.horizon - 1
    total_row = last + 1
    sheet.write_string(0, 0, "Monthly cost per plan", f.title)
    sheet.write_string(
        1,
        0,
        "Every cost is a formula over the Inputs sheet; each month is rounded once to the cent "
        "(ROUND, half away from zero) and totals are sums of the months.",
        f.note,
    )
    for column, header in enumerate(_FIXED_COLUMNS):
        sheet.write_string(_MONTH_HEADER_ROW, column, header, f.header)
    base = columns[scenario.baseline]
    for number, plan in enumerate(scenario.plans, start=1):
        where = columns[plan.name]
        group = plan_label(plan.name, scenario.baseline)
        if where.last > where.counted:
            sheet.merge_range(
                _MONTH_GROUP_ROW, where.counted, _MONTH_GROUP_ROW, where.last, "", f.group
            )
        sheet.write_string(_MONTH_GROUP_ROW, where.counted, str(neutralise(group)), f.group)
        headers = [
            f"Counted [{plan.rule.unit}s]",
            f"Billable [{plan.rule.unit}s]",
            "Unit rate",
            "Recurring cost",
            "One-time cost",
            "Cost",
        ]
        if where.savings is not None:
            headers.append("Savings vs today")
        for offset, header in enumerate(headers):
            sheet.write_string(_MONTH_HEADER_ROW, where.counted + offset, header, f.header)
        if formulas_express(plan):
            _write_plan_months(sheet, comparison, plan, number, where, base, f)
        else:
            _write_plan_values(sheet, comparison, plan, where, base, f)
    as_values = [plan.name for plan in scenario.plans if not formulas_express(plan)]
    if as_values:
        sheet.write_string(
            total_row + 2,
            0,
            "Written as values, computed by the app: "
            + ", ".join(str(neutralise(name)) for name in as_values)
            + ". Their contract terms (rate bands, true-ups, plan lines, term premiums, spread "
            "one-time costs, or seat counts that only come down the next month or at renewal) "
            "have no formula here; see docs/contract-rules.md.",
            f.note,
        )
    for index, label in enumerate(scenario.months):
        row = first + index
        sheet.write_number(row, 0, index + 1, f.integer)
        sheet.write_string(row, 1, label, f.text)
        sheet.write_formula(row, 2, f"=INT(($A{row + 1}-1)/12)+1", f.integer, index // 12 + 1)
        sheet.write_string(row, 3, f"FY{fiscal_year_of(label, fiscal_start)}", f.text)
    sheet.write_string(total_row, 0, "Total", f.bold)
    for plan in scenario.plans:
        where = columns[plan.name]
        total = comparison.totals[plan.name]
        sums = [
            (where.recurring, total.recurring_cents),
            (where.one_time, total.one_time_cents),
            (where.cost, total.cost_cents),
        ]
        if where.savings is not None:
            sums.append((where.savings, comparison.savings[plan.name].savings_cents))
        for column, cents in sums:
            name = xl_col_to_name(column)
            sheet.write_formula(
                total_row,
                column,
                f"=SUM({name}{first + 1}:{name}{last + 1})",
                f.money_bold,
                _amount(cents),
            )
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 3, 10)
    sheet.set_column(len(_FIXED_COLUMNS), max(c.last for c in columns.values()), 13)
    sheet.set_row(_MONTH_HEADER_ROW, 30)
    sheet.freeze_panes(_MONTH_FIRST_ROW, 2)
    return columns, total_row


def monthly_width(columns: dict) -> int:
    """How many columns the Monthly sheet uses."""
    return max(column.last for column in columns.values()) + 1


def formulas_express(plan: Plan) -> bool:
    """Whether this workbook's month formula states ``plan``'s terms exactly: one line, no
    rate bands, true-up, term premium or spread one-time cost, and seats reduced monthly or (named
    seats) billed at the contract year's peak."""
    return (
        not plan.lines
        and plan.quantity is None
        and not plan.above
        and plan.up_to is None
        and plan.tiers is None
        and plan.true_up is None
        and not plan.monthly_term_premium
        and plan.one_time_months is None
        and (
            plan.seat_reduction is SeatReduction.MONTHLY
            or (
                plan.seat_reduction is SeatReduction.CONTRACT_YEAR_PEAK
                and plan.rule is CountingRule.NAMED_SEAT
            )
        )
    )


def _write_plan_values(
    sheet: Worksheet,
    comparison: Comparison,
    plan: Plan,
    where: _PlanColumns,
    base: _PlanColumns,
    f: _Formats,
) -> None:
    """The months of a plan the formulas cannot state: the app's exact figures as values; the
    savings column still subtracts from today's plan."""
    lines = comparison.lines[plan.name]
    cost_col = xl_col_to_name(where.cost)
    for index, line in enumerate(lines):
        row = _MONTH_FIRST_ROW + index
        sheet.write_number(row, where.counted, _number(line.counted_units), f.units)
        sheet.write_number(row, where.billable, _number(line.billable_units), f.units)
        sheet.write_number(row, where.rate, float(line.unit_rate), f.rate)
        sheet.write_number(row, where.recurring, _amount(line.recurring_cents), f.money)
        sheet.write_number(row, where.one_time, _amount(line.one_time_cents), f.money)
        sheet.write_number(row, where.cost, _amount(line.cost_cents), f.money)
        savings = comparison.savings_lines.get(plan.name)
        if where.savings is not None and savings is not None:
            r = row + 1
            sheet.write_formula(
                row,
                where.savings,
                f"={xl_col_to_name(base.cost)}{r}-{cost_col}{r}",
                f.money,
                _amount(savings[index][0]),
            )


def _write_plan_months(
    sheet: Worksheet,
    comparison: Comparison,
    plan: Plan,
    number: int,
    where: _PlanColumns,
    base: _PlanColumns,
    f: _Formats,
) -> None:
    name = f"Plan{number}_"
    counted_col = xl_col_to_name(where.counted)
    billable_col = xl_col_to_name(where.billable)
    rate_col = xl_col_to_name(where.rate)
    recurring_col = xl_col_to_name(where.recurring)
    one_time_col = xl_col_to_name(where.one_time)
    cost_col = xl_col_to_name(where.cost)
    lines = comparison.lines[plan.name]
    savings = comparison.savings_lines.get(plan.name)
    horizon = len(lines)
    for index, line in enumerate(lines):
        row = _MONTH_FIRST_ROW + index
        r = row + 1  # spreadsheet row number
        counted = f"{counted_col}{r}"
        billable = f"{billable_col}{r}"
        growth = f"(1+{name}Escalator)^($C{r}-1)"
        sheet.write_formula(
            row,
            where.counted,
            f"=INDEX({_COUNTED[plan.rule]},$A{r})",
            f.units,
            _number(line.counted_units),
        )
        if plan.rule is CountingRule.NAMED_SEAT:
            start = _MONTH_FIRST_ROW + index // 12 * 12 + 1
            end = min(start + 11, _MONTH_FIRST_ROW + horizon)
            units = (
                f'IF({name}Reducible="no",MAX(${counted_col}${start}:${counted_col}${end}),'
                f"{counted})"
            )
        elif plan.rule is CountingRule.CONCURRENT:
            units = f"IF(ISNUMBER({name}Cap),{name}Cap,{counted})"
        elif plan.rule is CountingRule.LOGGED_IN_HOURS:
            units = f"ROUNDUP({counted},0)"
        else:
            units = counted
        sheet.write_formula(
            row, where.billable, f"=MAX({name}Committed,{units})", f.units, line.billable_units
        )
        sheet.write_formula(row, where.rate, f"={name}Rate*{growth}", f.rate, float(line.unit_rate))
        sheet.write_formula(
            row,
            where.recurring,
            f"=ROUND(MAX({name}Minimum,{name}Committed*{rate_col}{r}"
            f"+MAX(0,{billable}-{name}Committed)*{name}Overage*{growth}),2)",
            f.money,
            _amount(line.recurring_cents),
        )
        sheet.write_formula(
            row,
            where.one_time,
            f"=IF($A{r}=1,ROUND({name}OneTime,2),0)",
            f.money,
            _amount(line.one_time_cents),
        )
        sheet.write_formula(
            row,
            where.cost,
            f"={recurring_col}{r}+{one_time_col}{r}",
            f.money,
            _amount(line.cost_cents),
        )
        if where.savings is not None and savings is not None:
            sheet.write_formula(
                row,
                where.savings,
                f"={xl_col_to_name(base.cost)}{r}-{cost_col}{r}",
                f.money,
                _amount(savings[index][0]),
            )


def _write_summary(
    book: Workbook,
    sheet: Worksheet,
    comparison: Comparison,
    f: _Formats,
    columns: dict[str, _PlanColumns],
    total_row: int,
    branding: Branding,
) -> None:
    scenario = comparison.scenario
    months = scenario.horizon
    sheet.write_string(0, 0, str(neutralise(branding.company_name)), f.bold)
    sheet.write_string(
        1, 0, str(neutralise(f"Licensing cost comparison: {scenario.name}")), f.title
    )
    sheet.write_string(
        2,
        0,
        f"{months} month{'s' if months != 1 else ''} from {scenario.start_month}, amounts in "
        f"{scenario.currency}. Totals are formulas over the Monthly sheet.",
        f.note,
    )
    headers = [
        "Plan",
        "Counts",
        "Total",
        "One-time costs",
        "Per month (average)",
        "Savings against today",
        "Savings in percent",
    ]
    header_row = 4
    for column, header in enumerate(headers):
        sheet.write_string(header_row, column, header, f.header)
    base_cell = f"Plan{scenario.plans.index(scenario.baseline_plan) + 1}_Total"
    ordered = [scenario.baseline_plan] + [p for p in scenario.plans if p.name != scenario.baseline]
    for offset, plan in enumerate(ordered, start=1):
        row = header_row + offset
        number = scenario.plans.index(plan) + 1
        where = columns[plan.name]
        total = comparison.totals[plan.name]
        total_ref = f"Monthly!{xl_rowcol_to_cell(total_row, where.cost, True, True)}"
        book.define_name(f"Plan{number}_Total", f"={total_ref}")
        label = plan_label(plan.name, scenario.baseline)
        sheet.write_string(row, 0, str(neutralise(label)), f.bold)
        sheet.write_string(row, 1, plan.rule.label, f.text)
        sheet.write_formula(row, 2, f"={total_ref}", f.money, _amount(total.cost_cents))
        one_time_ref = f"Monthly!{xl_rowcol_to_cell(total_row, where.one_time, True, True)}"
        sheet.write_formula(row, 3, f"={one_time_ref}", f.money, _amount(total.one_time_cents))
        sheet.write_formula(
            row,
            4,
            f"=ROUND(C{row + 1}/{months},2)",
            f.money,
            _amount(total.average_monthly_cents),
        )
        split = comparison.savings.get(plan.name)
        if split is None:
            sheet.write_string(row, 5, "–", f.text)
            sheet.write_string(row, 6, "–", f.text)
            continue
        sheet.write_formula(
            row, 5, f"={base_cell}-C{row + 1}", f.money, _amount(split.savings_cents)
        )
        # The words the sentences use where a percentage of $0 would be, cached as recalculated.
        nothing = costs_nothing()
        sheet.write_formula(
            row,
            6,
            f'=IF({base_cell}=0,"{nothing}",F{row + 1}/{base_cell})',
            f.percent,
            nothing if split.ratio is None else float(split.ratio),
        )
    row = header_row + len(ordered) + 2
    sheet.write_string(row, 0, "Why (as computed when this file was made)", f.subtitle)
    for plan in ordered[1:]:
        row += 1
        sheet.write_string(row, 0, str(neutralise(explain_savings(comparison, plan.name))), f.text)
    row += 2
    for line in (
        "Method: each licensing model is defined by what it counts in a billing month (named "
        "seat: provisioned accounts; concurrent: peak simultaneous logins; active user: agents who "
        "logged in; logged-in hours: agent-hours rounded up once a month).",
        "A month's charge is MAX(minimum, committed x rate + MAX(0, units - committed) x overage "
        "rate), rates rising by the escalator each contract year, rounded once to the cent.",
        "The inputs are illustrative unless they come from your own contracts and login records.",
    ):
        sheet.write_string(row, 0, line, f.note)
        row += 1
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 6, 17)
    sheet.set_row(header_row, 30)
    sheet.freeze_panes(header_row + 1, 0)


_Period = FiscalYear | ContractYear | FiscalQuarter
_Entry = PlanYear | PlanContractYear | PlanQuarter


@dataclass(frozen=True, slots=True)
class _YearRow:
    """One row of a sheet of periods: the months of the Monthly sheet that meet every one of
    ``criteria``, and each plan's app values for them."""

    label: str
    # (a column of the Monthly sheet, a SUMIFS criterion: a cell of the row, a number or a
    # comparison such as ">=4")
    criteria: tuple[tuple[str, str], ...]
    months: int
    entries: dict[str, _Entry]  # plan -> its figures in these months


def _period_rows(
    periods: Sequence[_Period],
    figures: dict[str, list[_Entry]],
    label: Callable[[_Period], str],
    criteria: Callable[[_Period], tuple[tuple[str, str], ...]],
) -> list[_YearRow]:
    """One row per period (fiscal year, contract year or quarter), with each plan's figures in
    it: ``figures`` maps each plan, in the scenario's order, to one entry per period."""
    return [
        _YearRow(
            label=label(period),
            criteria=criteria(period),
            months=len(period.months),
            entries={name: entries[index] for name, entries in figures.items()},
        )
        for index, period in enumerate(periods)
    ]


def _write_years(
    sheet: Worksheet,
    comparison: Comparison,
    f: _Formats,
    columns: dict[str, _PlanColumns],
    total_row: int,
    *,
    title: str,
    note: str,
    heading: str,
    years: list[_YearRow],
) -> int:
    """A table of periods: months in the horizon, and per plan planned cost (a SUMIFS over the
    Monthly sheet's cost column of the months that meet the row's criteria), not to exceed (the
    app's value) and savings (a formula), with a Total row of SUMs. Returns the Total row
    (0-based)."""
    scenario = comparison.scenario
    first = _MONTH_FIRST_ROW + 1
    last = total_row  # the row before the Monthly total row, 1-based
    sheet.write_string(0, 0, title, f.title)
    sheet.write_string(1, 0, note, f.note)
    header_row = 3
    headers = [heading, "Months in horizon"]
    plan_columns: list[tuple[str, int, int, int | None]] = []
    column = 2
    for plan in scenario.plans:
        label = plan_label(plan.name, scenario.baseline)
        saving_column = None if plan.name == scenario.baseline else column + 2
        headers += [f"{label}: planned", f"{label}: not to exceed"]
        if saving_column is not None:
            headers.append(f"{label}: savings vs today")
        plan_columns.append((plan.name, column, column + 1, saving_column))
        column += 3 if saving_column is not None else 2
    for index, header in enumerate(headers):
        sheet.write_string(header_row, index, str(neutralise(header)), f.header)
    totals = [0] * len(headers)  # months, then cents
    for offset, year in enumerate(years, start=1):
        row = header_row + offset
        criteria = ",".join(
            f"Monthly!${key}${first}:${key}${last},{criterion.format(row=row + 1)}"
            for key, criterion in year.criteria
        )
        sheet.write_string(row, 0, year.label, f.bold)
        sheet.write_formula(row, 1, f"=COUNTIFS({criteria})", f.integer, year.months)
        totals[1] += year.months
        for name, planned_col, ceiling_col, saving_col in plan_columns:
            entry = year.entries[name]
            cost_col = xl_col_to_name(columns[name].cost)
            sheet.write_formula(
                row,
                planned_col,
                f"=SUMIFS(Monthly!${cost_col}${first}:${cost_col}${last},{criteria})",
                f.money,
                _amount(entry.planned_cents),
            )
            sheet.write_number(row, ceiling_col, _amount(entry.not_to_exceed_cents), f.money)
            totals[planned_col] += entry.planned_cents
            totals[ceiling_col] += entry.not_to_exceed_cents
            if saving_col is not None:
                base_col = xl_col_to_name(plan_columns[_index(scenario, scenario.baseline)][1])
                sheet.write_formula(
                    row,
                    saving_col,
                    f"={base_col}{row + 1}-{xl_col_to_name(planned_col)}{row + 1}",
                    f.money,
                    _amount(entry.savings_cents),
                )
                totals[saving_col] += entry.savings_cents
    total = header_row + len(years) + 1
    sheet.write_string(total, 0, "Total", f.bold)
    for index in range(1, len(headers)):
        name = xl_col_to_name(index)
        fmt, value = (
            (f.integer, totals[1]) if index == 1 else (f.money_bold, _amount(totals[index]))
        )
        sheet.write_formula(total, index, f"=SUM({name}{header_row + 2}:{name}{total})", fmt, value)
    sheet.set_column(0, 1, 12)
    sheet.set_column(2, len(headers) - 1, 16)
    sheet.set_row(header_row, 45)
    sheet.freeze_panes(header_row + 1, 1)
    return total


def _write_fiscal_years(
    sheet: Worksheet,
    comparison: Comparison,
    f: _Formats,
    columns: dict[str, _PlanColumns],
    total_row: int,
    budget: Budget,
) -> None:
    start_month = comparison.scenario.budget.fiscal_year_start_month
    total = _write_years(
        sheet,
        comparison,
        f,
        columns,
        total_row,
        title="Cost by fiscal year",
        heading="Fiscal year",
        note=f"Fiscal years start in {calendar.month_name[start_month]} and are named by the "
        "year in which they end. Planned cost and savings are formulas over the Monthly sheet; "
        "the not-to-exceed figures (every provisioned account used to the full) are the app's "
        "values and do not recalculate.",
        # The Monthly sheet's Fiscal year column holds the row's own label.
        years=_period_rows(
            budget.fiscal_years,
            budget.years,
            lambda year: year.label,
            lambda _: (("D", "$A{row}"),),
        ),
    )
    limit = comparison.scenario.budget.appropriation
    if limit is not None:
        row = total + 2
        sheet.write_string(row, 0, "Appropriation per fiscal year", f.bold)
        sheet.write_number(row, 2, float(limit), f.money)
        for flag in budget.overrun_flags() or [fits_appropriation(budget)]:
            row += 1
            sheet.write_string(row, 0, str(neutralise(flag)), f.note)


def _write_contract_years(
    sheet: Worksheet,
    comparison: Comparison,
    f: _Formats,
    columns: dict[str, _PlanColumns],
    total_row: int,
    budget: Budget,
) -> None:
    _write_years(
        sheet,
        comparison,
        f,
        columns,
        total_row,
        title="Cost by contract year",
        heading="Contract year",
        note=f"{CONTRACT_YEARS_NOTE} Planned cost and savings are formulas over the Monthly "
        "sheet's Contract year column; the not-to-exceed figures are the app's values.",
        years=_period_rows(
            budget.contract_years,
            budget.by_contract_year,
            contract_year_label,
            lambda year: (("C", str(year.number)),),  # the Monthly sheet's Contract year column
        ),
    )


def _write_fiscal_quarters(
    sheet: Worksheet,
    comparison: Comparison,
    f: _Formats,
    columns: dict[str, _PlanColumns],
    total_row: int,
    budget: Budget,
) -> None:
    _write_years(
        sheet,
        comparison,
        f,
        columns,
        total_row,
        title="Cost by fiscal quarter",
        heading="Fiscal quarter",
        note=f"{fiscal_quarters_note(budget)} Planned cost and savings are formulas over the "
        "Monthly sheet's months of each quarter; the not-to-exceed figures are the app's values.",
        years=_period_rows(
            budget.fiscal_quarters,
            budget.by_fiscal_quarter,
            quarter_label,
            # A quarter's months are consecutive: a range of the Month number column.
            lambda quarter: (
                ("A", f'">={quarter.month_indices[0] + 1}"'),
                ("A", f'"<={quarter.month_indices[-1] + 1}"'),
            ),
        ),
    )


_Cell = str | int | Decimal | None
"""A value sheet's cell: text, whole cents (an ``int``), a ratio (a ``Decimal``) or empty."""


def _value_table(
    sheet: Worksheet,
    f: _Formats,
    title: str,
    note: str,
    headers: list[str],
    rows: list[list[_Cell]],
    start: int = 0,
    percent: Format | None = None,
) -> int:
    """A titled table of the app's values at row ``start``; returns the next free row.

    Whole cents are written as money, ratios as percentages (in ``percent``, else one decimal),
    ``None`` as "n/a", ``""`` as an empty cell; user text is neutralised.
    """
    sheet.write_string(start, 0, title, f.title if start == 0 else f.subtitle)
    sheet.write_string(start + 1, 0, note, f.note)
    header_row = start + 3
    for column, header in enumerate(headers):
        sheet.write_string(header_row, column, str(neutralise(header)), f.header)
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            row = header_row + offset
            if value is None:
                sheet.write_string(row, column, "n/a", f.text)
            elif value == "":
                sheet.write_blank(row, column, None, f.text)
            elif isinstance(value, int):
                sheet.write_number(row, column, _amount(value), f.money)
            elif isinstance(value, Decimal):
                sheet.write_number(row, column, float(value), percent or f.percent)
            else:
                sheet.write_string(row, column, str(neutralise(value)), f.text)
    sheet.set_row(header_row, 30)
    return header_row + len(rows) + 2


def _write_programs(sheet: Worksheet, budget: Budget, f: _Formats) -> None:
    """Each plan's fiscal-year cost by program (rows) and funding source (columns)."""
    sources = list(dict.fromkeys(cell.source for cell in budget.funding))
    paid: dict[tuple[str, str, str, str], int] = {}
    for cell in budget.funding:
        paid[(cell.plan, cell.fiscal_year, cell.program, cell.source)] = cell.cents
    rows: list[list[_Cell]] = []
    for plan in budget.scenario.plans:
        for year in budget.fiscal_years:
            for program in budget.settings.programs:
                cents = [paid.get((plan.name, year.label, program.name, s), 0) for s in sources]
                label = plan_label(plan.name, budget.scenario.baseline)
                rows.append([label, year.label, program.name, *cents, sum(cents)])
    after = _value_table(
        sheet,
        f,
        "Cost by program and funding source",
        "Each plan's fiscal-year cost split by the programs' workforce shares, then by their "
        "funding shares, in whole cents; programs add up to the fiscal-year total. App values.",
        ["Plan", "Fiscal year", "Program", *sources, "Total"],
        rows,
    )
    sources, totals = funding_source_totals(budget)
    after = _value_table(
        sheet,
        f,
        "Cost by funding source, all programs",
        "Each plan's cost per funding source over all its programs, per fiscal year and over "
        "the whole period (the table above added up); in whole cents. App values.",
        ["Plan", "Fiscal year", "Program", *sources, "Total"],  # money under money above
        [
            [plan_label(plan, budget.scenario.baseline), year, ALL_PROGRAMS, *cents, sum(cents)]
            for plan, year, cents in totals
        ],
        start=after + 1,
    )
    _write_shares(sheet, budget, f, after + 1)
    sheet.set_column(0, 2, 18)
    sheet.set_column(3, 3 + len(sources), 16)
    sheet.freeze_panes(4, 3)


def _write_shares(sheet: Worksheet, budget: Budget, f: _Formats, start: int) -> None:
    """The shares the cost above was split by, laid out as the page's tables: the programs and
    their funding as entered, then the month-by-month split."""
    settings = budget.settings
    start = _value_table(
        sheet,
        f,
        PROGRAMS_TITLE,
        WORKFORCE_NOTE,
        list(TABLE_COLUMNS),
        [
            [name, "" if workforce is None else workforce, source, share]
            for name, workforce, source, share in program_rows(settings.programs)
        ],
        start,
        f.share,
    )
    split = monthly_split(budget)
    if not split:
        sheet.write_string(start, 0, SAME_SPLIT_EVERY_MONTH, f.note)
        return
    _value_table(
        sheet,
        f,
        "Workforce split between programs, month by month",
        "Months marked 'entered' were set month by month; the others use the programs' shares.",
        ["Month", *(split_header(program.name) for program in settings.programs), "Split"],
        [[month, *shares, how] for month, shares, how in split],
        start,
        f.share,
    )


def _write_returns(sheet: Worksheet, budget: Budget, f: _Formats) -> None:
    """Net savings, ROI, payback and NPV of switching from today's plan to each alternative."""
    rate = budget.settings.discount_rate

    def payback(month: int | None, label: str | None) -> str:
        return "not within the period" if month is None else f"month {month} ({label})"

    rows: list[list[_Cell]] = [
        [
            result.plan,
            result.net_savings_cents,
            result.one_time_cents,
            result.roi,
            payback(result.payback_month, result.payback_label),
            payback(result.discounted_payback_month, result.discounted_payback_label),
            result.npv_cents,
        ]
        for result in budget.returns.values()
    ]
    _value_table(
        sheet,
        f,
        f"Returns of switching from {budget.scenario.baseline}",
        f"Net savings include one-time costs; ROI is net savings / one-time cost (n/a without "
        f"one); NPV discounts monthly savings at {(rate * 100).normalize():f} % a year. App values."
        if rows
        else "There is no other plan to switch to.",
        [
            "Plan",
            "Net savings",
            "One-time cost",
            "ROI",
            "Pays back in",
            "Pays back (discounted)",
            "Net present value",
        ],
        rows,
    )
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 6, 18)


def _write_ranges(
    sheet: Worksheet,
    comparison: Comparison,
    f: _Formats,
    simulation: Simulation,
    tornadoes: dict[str, Tornado],
) -> None:
    """P10, P50 and P90 of each plan's cost (and each alternative's savings) per fiscal year
    and in total, then the tornado: the savings with each input moved down and up."""
    rows: list[list[_Cell]] = []
    for measure, per_year, total in (
        ("cost", simulation.cost, simulation.cost_total),
        ("savings", simulation.savings, simulation.savings_total),
    ):
        for plan, entries in per_year.items():
            for year, p in [
                *zip((y.label for y in simulation.fiscal_years), entries, strict=True),
                ("Total", total[plan]),
            ]:
                rows.append([plan, measure, year, p.p10_cents, p.p50_cents, p.p90_cents])
    row = _value_table(
        sheet,
        f,
        "Ranges (estimate)",
        f"Estimate from {simulation.draws:,} random draws (seed {simulation.seed}): P10 means 1 "
        "draw in 10 came out lower, P90 that 1 in 10 came out higher. App values.",
        ["Plan", "Measure", "Fiscal year", "P10", "P50", "P90"],
        rows,
    )
    change = (comparison.scenario.budget.tornado_change * 100).normalize()
    currency = comparison.scenario.currency
    for chart in tornadoes.values():
        row = _value_table(
            sheet,
            f,
            f"What moves the savings most: {chart.plan}",
            f"Savings over the period as planned: "
            f"{format_money(chart.base_savings_cents, currency)}; each input moved by -{change:f} % and "
            f"+{change:f} %, one at a time.",
            ["Input", f"Savings at -{change:f} %", f"Savings at +{change:f} %", "Swing"],
            [
                [bar.input, bar.low_savings_cents, bar.high_savings_cents, bar.swing_cents]
                for bar in chart.bars
            ],
            start=row,
        )
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 5, 16)


def _index(scenario, name: str) -> int:
    return [plan.name for plan in scenario.plans].index(name)
