"""Exports of a side-by-side comparison: CSV tables, an HTML report, a PDF and a workbook.

The figures are :func:`calculator.side_by_side`'s, in whole cents; money in CSV is written as
exact decimal strings and every text cell is neutralised like the other exports.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from app.reports._branding import Branding
from app.reports._csv_export import tables_zip
from app.reports._html_report import (
    ChartViewLike,
    Figure,
    Paper,
    amount_text,
    chart_blocks,
    check_link,
    render,
)
from app.reports._pdf_report import html_to_pdf
from app.reports._safety import neutralise
from app.reports._tables import ReportTable
from app.reports._workbook_print import print_headings, set_up_printing
from calculator import (
    SideBySide,
    costs_nothing,
    format_money,
    format_percent,
    from_cents,
    money_str,
    percent_after,
    savings_percent,
)
from calculator._money import currency_symbol
from calculator.budget import MONTHS_PER_CONTRACT_YEAR, contract_period, contract_year_name


def _ratio_text(ratio) -> str:
    return "" if ratio is None else f"{ratio:.6f}"


def side_by_side_tables(result: SideBySide) -> dict[str, pd.DataFrame]:
    """Totals, monthly cost and pairwise differences as tidy tables, money as decimal strings."""
    totals = pd.DataFrame(
        {
            "label": [t.label for t in result.totals],
            "scenario": [t.scenario for t in result.totals],
            "plan": [t.plan for t in result.totals],
            "rule": [t.rule.value for t in result.totals],
            "start_month": [t.start_month for t in result.totals],
            "months": [t.months for t in result.totals],
            "is_reference": [t.is_reference for t in result.totals],
            "total": [money_str(t.cost_cents) for t in result.totals],
            "one_time": [money_str(t.one_time_cents) for t in result.totals],
            "average_per_month": [money_str(t.average_monthly_cents) for t in result.totals],
            "compared_months": [t.compared_months for t in result.totals],
            "savings": [money_str(t.savings_cents) for t in result.totals],
            "savings_ratio": [_ratio_text(t.ratio) for t in result.totals],
            "currency": result.currency,
        }
    )
    monthly = result.monthly_table.copy()
    monthly["cost"] = [money_str(int(c)) for c in monthly.pop("cost_cents")]
    monthly["savings"] = [
        "" if pd.isna(c) else money_str(int(c)) for c in monthly.pop("savings_cents")
    ]
    monthly["currency"] = result.currency
    differences = pd.DataFrame(
        {
            "from": [d.source for d in result.differences],
            "to": [d.target for d in result.differences],
            "compared_months": [d.compared_months for d in result.differences],
            "from_cost": [money_str(d.source_cents) for d in result.differences],
            "to_cost": [money_str(d.target_cents) for d in result.differences],
            "savings": [money_str(d.savings_cents) for d in result.differences],
            "average_savings_per_month": [
                money_str(d.average_monthly_cents) for d in result.differences
            ],
            "savings_ratio": [_ratio_text(d.ratio) for d in result.differences],
            "currency": result.currency,
        }
    )
    years = pd.DataFrame(
        [
            {
                "contract_year": number,
                "period": contract_period(number),
                "label": label,
                "months": months,
                "cost": money_str(cents),
                "currency": result.currency,
            }
            for label, entries in result.contract_year_cents.items()
            for number, (months, cents) in enumerate(entries, start=1)
        ]
    )
    return {
        "Side by side totals": totals,
        "Side by side monthly": monthly,
        "Side by side by contract year": years,
        "Side by side differences": differences,
    }


def side_by_side_zip(result: SideBySide) -> bytes:
    """The three side-by-side tables as CSV files in one ZIP."""
    return tables_zip(side_by_side_tables(result))


def totals_report_table(result: SideBySide) -> ReportTable:
    """Each column's total, monthly average and savings against the reference, as display text."""
    currency = result.currency
    return ReportTable(
        # The reference is marked in its row and the savings named in the caption, so the
        # headers stay short enough for every column to show at a laptop's width.
        f"Cost of each column, and its savings against the reference ({currency})",
        [
            "Column",
            "Plan",
            "Months",
            "Total",
            "Per month (average)",
            "Savings",
            "Savings in percent",
        ],
        [
            [
                f"{t.label} (reference)" if t.is_reference else t.label,
                t.plan,
                f"{t.months} from {t.start_month}",
                format_money(t.cost_cents, currency),
                format_money(t.average_monthly_cents, currency),
                "–" if t.is_reference else format_money(t.savings_cents, currency),
                "–" if t.is_reference else savings_percent(t.ratio, result.reference),
            ]
            for t in result.totals
        ],
        [False, False, False, True, True, True, True],
    )


def contract_years_report_table(result: SideBySide) -> ReportTable | None:
    """Each column's cost in its contract year 1 (the base year), 2 (option 1), ..., as display
    text; None when no column runs past one year, since the totals then say it all.

    Years are matched by position, like months. A year a column does not reach is "–"; a
    column's last year that is shorter than twelve months is named in the caption."""
    years = result.contract_year_cents
    count = max(len(entries) for entries in years.values())
    if count <= 1:
        return None
    currency = result.currency
    labels = result.labels
    short = [
        f"{label}'s year {len(entries)}: {entries[-1][0]} of 12 months"
        for label, entries in years.items()
        if entries[-1][0] < MONTHS_PER_CONTRACT_YEAR
    ]
    caption = f"Cost by contract year, side by side ({currency}"
    caption += f"; {'; '.join(short)})" if short else ")"
    return ReportTable(
        caption,
        ["Contract year", *labels],
        [
            [
                contract_year_name(number),
                *(
                    format_money(years[label][number - 1][1], currency)
                    if number <= len(years[label])
                    else "–"
                    for label in labels
                ),
            ]
            for number in range(1, count + 1)
        ],
        [False, *[True] * len(labels)],
    )


def differences_report_table(result: SideBySide) -> ReportTable:
    """Every pair of columns with what moving between them saves, as display text."""
    currency = result.currency
    return ReportTable(
        f"What moving from one column to another saves ({currency}; negative: costs more)",
        ["From", "To", "Months compared", "Savings", "Per month (average)", "Savings in percent"],
        [
            [
                d.source,
                d.target,
                str(d.compared_months),
                format_money(d.savings_cents, currency),
                format_money(d.average_monthly_cents, currency),
                savings_percent(d.ratio, d.source),
            ]
            for d in result.differences
        ],
        [False, False, True, True, True, True],
    )


def _columns_table(result: SideBySide) -> ReportTable:
    currency = result.currency
    rows = []
    for column in result.columns:
        plan = column.scenario.plan(column.plan)
        overage = (
            "same as rate"
            if plan.overage_rate is None
            else f"{amount_text(plan.overage_rate, currency)} per {plan.rule.unit}"
        )
        rows.append(
            [
                column.label,
                column.scenario.name,
                f"{plan.name} ({plan.rule.label.lower()})",
                f"{amount_text(plan.rate, currency)} per {plan.rule.unit}",
                overage,
                f"{plan.committed_units:,}",
                amount_text(plan.minimum_monthly_charge, currency),
                amount_text(plan.one_time_cost, currency),
                format_percent(plan.escalator, 2),
            ]
        )
    return ReportTable(
        "Columns: scenario, plan and contract terms",
        [
            "Column",
            "Scenario",
            "Plan (counts)",
            "Rate",
            "Overage rate",
            "Committed units",
            "Minimum per month",
            "One-time cost",
            "Yearly escalator",
        ],
        rows,
        [False, False, False, False, False, True, True, True, True],
    )


def _figures(result: SideBySide) -> list[Figure]:
    currency = result.currency
    figures = []
    for total in result.totals:
        figures.append(
            Figure(
                f"{total.label}, per month (average)",
                format_money(total.average_monthly_cents, currency),
            )
        )
    for total in result.totals[1:]:
        word = "Saves" if total.savings_cents >= 0 else "Costs more"
        figures.append(
            Figure(
                f"{total.label}: {word.lower()} against {result.reference}",
                f"{format_money(abs(total.savings_cents), currency)}"
                f"{percent_after(None if total.ratio is None else abs(total.ratio), result.reference)}",
            )
        )
    return figures


def difference_sentences(result: SideBySide) -> list[str]:
    """One sentence per pair of columns: what moving from one to the other saves or costs."""
    currency = result.currency
    sentences = []
    for d in result.differences:
        months = f"{d.compared_months} month{'s' if d.compared_months != 1 else ''}"
        if d.savings_cents > 0:
            sentences.append(
                f"Moving from {d.source} to {d.target} saves "
                f"{format_money(d.savings_cents, currency)} over {months} "
                f"({format_percent(d.ratio)})."
            )
        elif d.savings_cents < 0:
            sentences.append(
                f"Moving from {d.source} to {d.target} costs "
                f"{format_money(-d.savings_cents, currency)} more over {months}."
            )
        else:
            sentences.append(f"{d.source} and {d.target} cost the same over {months}.")
    return sentences


def side_by_side_html(
    result: SideBySide,
    *,
    branding: Branding | None = None,
    views: Sequence[ChartViewLike] | None = None,
    generated_on: date | None = None,
    scenario_link: str | None = None,
    paper: Paper | None = None,
) -> str:
    """The side-by-side comparison as one self-contained HTML document [text]."""
    if views is None:
        from app.views.side_by_side import side_by_side_views

        views = side_by_side_views(result)
    return render(
        "side_by_side.html.j2",
        title="Side by side: " + ", ".join(result.labels),
        branding=branding or Branding(),
        generated_on=(generated_on or date.today()).isoformat(),
        scenario_link=check_link(scenario_link),
        paper=paper,
        result=result,
        figures=_figures(result),
        sentences=difference_sentences(result),
        totals_table=totals_report_table(result),
        contract_years_table=contract_years_report_table(result),
        differences_table=differences_report_table(result),
        charts=chart_blocks(views),
        columns_table=_columns_table(result),
    )


def side_by_side_pdf(result: SideBySide, *, paper: Paper = "A4", **options) -> bytes:
    """The side-by-side report as PDF bytes (see :func:`app.reports.html_to_pdf`)."""
    return html_to_pdf(side_by_side_html(result, paper=paper, **options))


def side_by_side_workbook(result: SideBySide, *, branding: Branding | None = None) -> bytes:
    """A workbook: monthly cost per column (the app's values), totals and savings as formulas.

    Each column's monthly costs come from its own scenario's inputs (see each scenario's own
    workbook for those formulas); here the totals are ``SUM`` formulas and the savings are
    formulas over the months both columns cover, so the sheet adds up in front of the reader.
    """
    branding = branding or Branding()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    symbol = currency_symbol(result.currency).replace('"', "")
    money = book.add_format({"num_format": f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'})
    bold_money = book.add_format(
        {"num_format": f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00', "bold": True, "top": 1}
    )
    percent = book.add_format({"num_format": "0.0%"})
    header = book.add_format(
        {"bold": True, "text_wrap": True, "bg_color": "#F3F4F6", "border": 1, "bottom": 2}
    )
    title = book.add_format({"bold": True, "font_size": 14, "font_color": branding.accent_color})
    note = book.add_format({"italic": True, "font_color": "#4B5563"})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Side by side")
    monthly = book.add_worksheet("Monthly")

    # Monthly: one row per month number, one cost column per label.
    horizon = max(len(cents) for cents in result.monthly_cents.values())
    monthly.write_string(0, 0, "Month", header)
    first, last = 2, horizon + 1  # 1-based rows of month 1 and month `horizon`
    for index, column in enumerate(result.columns, start=1):
        monthly.write_string(0, index, str(neutralise(f"{column.label}: {column.plan}")), header)
        for month, cents in enumerate(result.monthly_cents[column.label]):
            monthly.write_number(month + 1, index, float(from_cents(cents)), money)
    for month in range(horizon):
        monthly.write_number(month + 1, 0, month + 1)
    monthly.write_string(horizon + 1, 0, "Total", bold)
    for index, column in enumerate(result.columns, start=1):
        name = xl_col_to_name(index)
        total = sum(result.monthly_cents[column.label])
        monthly.write_formula(
            horizon + 1,
            index,
            f"=SUM({name}{first}:{name}{last})",
            bold_money,
            float(from_cents(total)),
        )
    monthly.freeze_panes(1, 1)
    monthly.set_column(0, 0, 8)
    monthly.set_column(1, len(result.columns), 22)

    # Summary: totals and savings against the reference over the shared months, as formulas.
    sheet.write_string(0, 0, str(neutralise(branding.company_name)), bold)
    sheet.write_string(1, 0, str(neutralise("Side by side: " + ", ".join(result.labels))), title)
    sheet.write_string(
        2,
        0,
        f"Amounts in {result.currency}. Totals and savings are formulas over the Monthly sheet.",
        note,
    )
    headers = [
        "Column",
        "Plan",
        "Months",
        "Total",
        "Months compared",
        "Reference over those months",
        "Savings",
        "Savings in percent",
    ]
    for index, text in enumerate(headers):
        sheet.write_string(4, index, text, header)
    reference = xl_col_to_name(1)
    for offset, total in enumerate(result.totals):
        row = 5 + offset
        column = xl_col_to_name(offset + 1)
        shared_last = first + total.compared_months - 1
        sheet.write_string(row, 0, str(neutralise(total.label)), bold)
        sheet.write_string(row, 1, str(neutralise(total.plan)))
        sheet.write_number(row, 2, total.months)
        sheet.write_formula(
            row, 3, f"=Monthly!{column}{horizon + 2}", money, float(from_cents(total.cost_cents))
        )
        sheet.write_number(row, 4, total.compared_months)
        sheet.write_formula(
            row,
            5,
            f"=SUM(Monthly!{reference}{first}:{reference}{shared_last})",
            money,
            float(from_cents(total.reference_cents)),
        )
        sheet.write_formula(
            row,
            6,
            f"=F{row + 1}-SUM(Monthly!{column}{first}:{column}{shared_last})",
            money,
            float(from_cents(total.savings_cents)),
        )
        # The words the report uses where a percentage of $0 would be, cached as recalculated.
        nothing = costs_nothing("the reference")
        sheet.write_formula(
            row,
            7,
            f'=IF(F{row + 1}=0,"{nothing}",G{row + 1}/F{row + 1})',
            percent,
            nothing if total.ratio is None else float(total.ratio),
        )
    for offset, line in enumerate(result.notes):
        sheet.write_string(6 + len(result.totals) + offset, 0, str(neutralise(line)), note)
    by_year = contract_years_report_table(result)
    if by_year is not None:
        # Each column's contract years as SUMs of its months: rows 1-12, 13-24, ... of Monthly.
        top = 7 + len(result.totals) + len(result.notes)
        sheet.write_string(top, 0, str(neutralise(by_year.caption)), bold)
        for index, text in enumerate(by_year.headers):
            sheet.write_string(top + 1, index, str(neutralise(text)), header)
        for number, row in enumerate(by_year.rows, start=1):
            sheet.write_string(top + 1 + number, 0, row[0], bold)
            start = first + MONTHS_PER_CONTRACT_YEAR * (number - 1)
            for index, label in enumerate(result.labels, start=1):
                years = result.contract_year_cents[label]
                if number > len(years):
                    sheet.write_string(top + 1 + number, index, "–")
                    continue
                months, cents = years[number - 1]
                name = xl_col_to_name(index)
                sheet.write_formula(
                    top + 1 + number,
                    index,
                    f"=SUM(Monthly!{name}{start}:{name}{start + months - 1})",
                    money,
                    float(from_cents(cents)),
                )
    sheet.set_column(0, 1, 24)
    sheet.set_column(2, 7, 16)
    sheet.freeze_panes(5, 0)
    wide = print_headings(monthly, 1, 1, len(result.columns) + 1)  # month numbers on every page
    set_up_printing(book, wide=[monthly] if wide else [])
    book.close()
    return buffer.getvalue()
