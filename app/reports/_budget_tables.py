"""The budget view of a comparison as report tables: fiscal years and quarters, contract years,
returns, funding.

All figures come from :func:`calculator.budget.plan_budget`, in whole cents; this module only
formats them for the page.
"""

from __future__ import annotations

import calendar

from app.reports._tables import ReportTable, table_from_frame
from app.views.budget import (
    CONTRACT_YEARS_NOTE,
    PROGRAMS_CAPTION,
    SAME_SPLIT_EVERY_MONTH,
    appropriation_verdict,
    contract_year_summary,
    contract_year_table,
    fits_appropriation,
    funding_source_totals,
    monthly_split_table,
    programs_table,
    returns_note,
    returns_table,
    year_label,
)
from app.views.conventions import and_list, plan_label
from app.views.fiscal_quarters import (
    fiscal_quarter_summary,
    fiscal_quarter_table,
    fiscal_quarters_note,
)
from calculator import format_money, to_cents
from calculator.budget import Budget


def budget_tables(budget: Budget) -> tuple[list[str], list[ReportTable]]:
    """Notes and tables for the report's "Budget by fiscal year, quarter and contract year"
    section; overrun flags are :meth:`calculator.budget.Budget.overrun_flags`."""
    scenario = budget.scenario
    currency = scenario.currency
    settings = budget.settings
    notes = [
        f"Fiscal years start in {calendar.month_name[settings.fiscal_year_start_month]} and "
        "are named by the calendar year in which they end. Not to exceed is the most a plan "
        "could cost under its contract if every provisioned account were used to the full."
    ]
    partial = [
        f"{year.label} ({len(year.months)} of 12 months)"
        for year in budget.fiscal_years
        if year.partial
    ]
    if partial:
        notes.append(f"The horizon covers only part of {and_list(partial)}.")
    notes += budget.notes
    limit = settings.appropriation
    if limit is not None and not budget.overrun_flags():  # as the page and the workbook say
        notes.append(fits_appropriation(budget))
    rows = []
    for year_index, year in enumerate(budget.fiscal_years):
        for plan in scenario.plans:
            entry = budget.years[plan.name][year_index]
            rows.append(
                [
                    year_label(year),  # as on the page: a partial year says so in its row
                    plan_label(plan.name, scenario.baseline),
                    format_money(entry.planned_cents, currency),
                    format_money(entry.not_to_exceed_cents, currency),
                    format_money(entry.headroom_cents, currency),
                    "–"
                    if plan.name == scenario.baseline
                    else format_money(entry.savings_cents, currency),
                    *([] if limit is None else [appropriation_verdict(entry, currency)]),
                ]
            )
    headers = ["Fiscal year", "Plan", "Planned", "Not to exceed", "Headroom"]
    headers.append("Savings against today")
    if limit is not None:
        headers.append(f"Against the appropriation of {format_money(to_cents(limit), currency)}")
    years = ReportTable(
        f"Cost by fiscal year ({currency})",
        headers,
        rows,
        [False, False, True, True, True, True, False][: len(headers)],
    )
    notes += [
        fiscal_quarters_note(budget),
        fiscal_quarter_summary(budget),
        CONTRACT_YEARS_NOTE,
        contract_year_summary(budget),
    ]
    tables = [
        years,
        table_from_frame(fiscal_quarter_table(budget), "Cost by fiscal quarter: the spend plan"),
        table_from_frame(
            contract_year_table(budget), "Cost by contract year: the base year and option years"
        ),
    ]
    if budget.returns:
        notes.append(returns_note(budget))  # the page says it in each figure's help
        # The page's table: the same columns (the discounted payback too) and the same words.
        tables.append(
            table_from_frame(
                returns_table(budget), f"Returns of switching from {scenario.baseline}"
            )
        )
    # The assumptions behind the split below, as entered on the page.
    tables.append(table_from_frame(programs_table(settings), PROGRAMS_CAPTION))
    split = monthly_split_table(budget)
    if split is None:
        notes.append(SAME_SPLIT_EVERY_MONTH)
    else:
        tables.append(table_from_frame(split, "Workforce split between programs, month by month"))
    tables.append(
        ReportTable(
            f"Cost by fiscal year, program and funding source ({currency})",
            ["Fiscal year", "Plan", "Program", "Funding source", "Amount"],
            [
                [
                    cell.fiscal_year,
                    plan_label(cell.plan, scenario.baseline),
                    cell.program,
                    cell.source,
                    format_money(cell.cents, currency),
                ]
                for cell in budget.funding
            ],
            [False, False, False, False, True],
        )
    )
    tables.append(source_totals_table(budget))
    return notes, tables


def source_totals_table(budget: Budget) -> ReportTable:
    """Each plan's cost by funding source over all programs, per fiscal year and over the whole
    period (:func:`app.views.budget.funding_source_totals`): the page's "All programs" rows."""
    scenario = budget.scenario
    currency = scenario.currency
    labels = {year.label: year_label(year) for year in budget.fiscal_years}
    sources, rows = funding_source_totals(budget)
    return ReportTable(
        f"Cost by funding source, all programs ({currency})",
        ["Fiscal year", "Plan", *sources, "Total"],
        [
            [
                labels.get(year, year),
                plan_label(plan, scenario.baseline),
                *(format_money(value, currency) for value in cents),
                format_money(sum(cents), currency),
            ]
            for plan, year, cents in rows
        ],
        [False, False, *([True] * (len(sources) + 1))],
    )
