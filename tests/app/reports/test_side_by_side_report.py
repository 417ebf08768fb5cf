"""Side-by-side exports: CSV tables round trip, the workbook recalculates, the report is safe.

Oracle: today's worked example ($10,000.00 a month) against an offer of 70 active users at $60
($4,200.00 a month) and a six-month concurrent offer of 50 seats at $85 ($4,250.00 a month)
with a $5,000.00 one-time fee.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from app.reports import (
    contract_years_report_table,
    side_by_side_html,
    side_by_side_tables,
    side_by_side_workbook,
    side_by_side_zip,
    totals_report_table,
)
from calculator import CountingRule, Plan, example_scenario, side_by_side
from tests.app.reports.spreadsheet import recalculate
from tests.app.reports.test_html_report import parse

TODAY = example_scenario(months=12)


def offer(name: str, plan: Plan, months: int = 12):
    return TODAY.model_copy(
        update={
            "name": name,
            "plans": [plan],
            "baseline": plan.name,
            "staffing": TODAY.staffing[:months],
        }
    )


OFFER_B = offer("Offer B", Plan(name="Active 60", rule=CountingRule.ACTIVE_USER, rate=Decimal(60)))
OFFER_C = offer(
    "Offer C",
    Plan(
        name="Concurrent",
        rule=CountingRule.CONCURRENT,
        rate=Decimal(85),
        one_time_cost=Decimal(5000),
    ),
    months=6,
)
RESULT = side_by_side([TODAY, OFFER_B, OFFER_C])


class TestCsv:
    def test_zip_holds_the_four_tables(self):
        """Totals, monthly, by contract year and differences, each parsed back equal to its
        table."""
        archive = zipfile.ZipFile(io.BytesIO(side_by_side_zip(RESULT)))
        tables = side_by_side_tables(RESULT)
        assert archive.namelist() == [
            "side-by-side-totals.csv",
            "side-by-side-monthly.csv",
            "side-by-side-by-contract-year.csv",
            "side-by-side-differences.csv",
        ]
        for name, table in zip(archive.namelist(), tables.values(), strict=True):
            parsed = pd.read_csv(
                io.BytesIO(archive.read(name)),
                encoding="utf-8-sig",
                dtype=str,
                keep_default_na=False,
            )
            pd.testing.assert_frame_equal(parsed, table.astype(str))

    def test_totals_in_decimal_strings(self):
        """12 x $4,200.00 = $50,400.00; saves $69,600.00 (58 %) against $120,000.00."""
        totals = side_by_side_tables(RESULT)["Side by side totals"].set_index("label")
        assert totals.loc["Offer B", ["total", "savings", "savings_ratio"]].tolist() == [
            "50400.00",
            "69600.00",
            "0.580000",
        ]

    def test_offer_to_offer_difference(self):
        """Over the 6 shared months: 6 x $4,200 = $25,200 against $9,250 + 5 x $4,250 = $30,500,
        so moving from B to C costs $5,300.00 more."""
        differences = side_by_side_tables(RESULT)["Side by side differences"]
        last = differences.iloc[-1]
        assert (last["from"], last["to"], last["savings"]) == ("Offer B", "Offer C", "-5300.00")

    def test_months_past_the_reference_have_empty_savings(self):
        """Offer C has no month 7, so it has no row there; every month has the reference's."""
        monthly = side_by_side_tables(RESULT)["Side by side monthly"]
        month7 = monthly[monthly["month_number"] == 7]
        assert month7["label"].tolist() == ["Worked example", "Offer B"]


LONGER_OFFER = offer(
    "Offer D", Plan(name="Active 60", rule=CountingRule.ACTIVE_USER, rate=Decimal(60)), 12
).model_copy(update={"staffing": TODAY.staffing[:1] * 30})


class TestContractYears:
    def test_years_of_each_column_side_by_side(self):
        """Today's single year beside a 30-month offer at 70 x $60 = $4,200 a month: years of
        12, 12 and 6 months; the caption names the short one."""
        table = contract_years_report_table(side_by_side([TODAY, LONGER_OFFER]))
        assert table is not None
        assert table.caption == (
            "Cost by contract year, side by side (USD; Offer D's year 3: 6 of 12 months)"
        )
        assert table.headers == ["Contract year", "Worked example", "Offer D"]
        assert table.rows == [
            ["Year 1 (base)", "$120,000.00", "$50,400.00"],
            ["Year 2 (option 1)", "–", "$50,400.00"],
            ["Year 3 (option 2)", "–", "$25,200.00"],
        ]

    def test_no_table_when_no_column_runs_past_a_year(self):
        """Every column within 12 months: the totals already are the base year."""
        assert contract_years_report_table(RESULT) is None

    def test_the_csv_gives_each_columns_years(self):
        years = side_by_side_tables(side_by_side([TODAY, LONGER_OFFER]))[
            "Side by side by contract year"
        ]
        offer_d = years[years["label"] == "Offer D"]
        assert offer_d[["contract_year", "period", "months", "cost"]].values.tolist() == [
            [1, "base", 12, "50400.00"],
            [2, "option 1", 12, "50400.00"],
            [3, "option 2", 6, "25200.00"],
        ]

    def test_the_workbook_sums_each_year_of_months(self, tmp_path):
        """Recalculated by LibreOffice: each contract year is a SUM of its months on the
        Monthly sheet, and years a column does not reach say so."""
        result = side_by_side([TODAY, LONGER_OFFER])
        (book,) = recalculate([side_by_side_workbook(result)], tmp_path)
        rows = list(book["Side by side"].iter_rows(values_only=True))
        start = next(i for i, row in enumerate(rows) if row[0] == "Contract year")
        assert [row[:3] for row in rows[start : start + 4]] == [
            ("Contract year", "Worked example", "Offer D"),
            ("Year 1 (base)", 120_000, 50_400),
            ("Year 2 (option 1)", "–", 50_400),
            ("Year 3 (option 2)", "–", 25_200),
        ]
        sheet = openpyxl.load_workbook(io.BytesIO(side_by_side_workbook(result)))["Side by side"]
        assert sheet.cell(start + 4, 3).value == "=SUM(Monthly!C26:C31)"

    def test_the_html_report_holds_the_table(self):
        html = side_by_side_html(
            side_by_side([TODAY, LONGER_OFFER]), generated_on=date(2026, 11, 24)
        )
        assert "Cost by contract year, side by side (USD; Offer D&#39;s year 3" in html
        assert "Year 3 (option 2)" in html


class TestHtml:
    def test_summary_and_sentences(self):
        """Each difference is said in words, with the months it covers."""
        text = side_by_side_html(RESULT, generated_on=date(2026, 11, 24))
        assert (
            "Moving from Worked example to Offer B saves $69,600.00 over 12 months (58.0 %)."
            in text
        )
        assert "Moving from Offer B to Offer C costs $5,300.00 more over 6 months." in text

    def test_columns_that_cost_the_same_are_all_named_cheapest(self):
        """Two columns at $4,550.00 a month: the report names both, as the page does."""
        text = side_by_side_html(side_by_side([TODAY] * 3), generated_on=date(2026, 11, 24))
        assert "Cheapest per month: Worked example (2) and Worked example (3), the same;" in text

    def test_every_chart_has_a_table(self):
        """Both charts are followed by their captioned tables."""
        elements = parse(side_by_side_html(RESULT, generated_on=date(2026, 11, 24)))
        captions = [e.text for e in elements if e.tag == "caption"]
        assert "Numbers behind the chart: Total cost, side by side" in captions
        assert "Numbers behind the chart: Monthly cost, side by side" in captions
        assert len([e for e in elements if e.attrs.get("class") == "chart-canvas"]) == 2

    def test_hostile_label_is_text(self):
        """A column label with markup is escaped, never an element."""
        result = side_by_side([TODAY, OFFER_B], labels=["<img src=x onerror=alert(1)>", None])
        elements = parse(side_by_side_html(result, generated_on=date(2026, 11, 24)))
        assert not [e for e in elements if e.tag == "img"]
        scripts = [e for e in elements if e.tag == "script"]
        assert len(scripts) == 3


class TestWorkbook:
    def test_totals_are_formulas(self):
        """Totals on the Monthly sheet are SUM formulas."""
        book = openpyxl.load_workbook(io.BytesIO(side_by_side_workbook(RESULT)))
        assert book["Monthly"]["B14"].value == "=SUM(B2:B13)"

    def test_hostile_label_is_text(self):
        """A label that looks like a formula is stored as text with a leading quote."""
        result = side_by_side([TODAY, OFFER_B], labels=["=1+1", None])
        book = openpyxl.load_workbook(io.BytesIO(side_by_side_workbook(result)))
        assert book["Side by side"]["A6"].value == "'=1+1"

    def test_recalculated_totals_and_savings(self, tmp_path):
        """LibreOffice recalculates totals and savings to the side-by-side figures."""
        (book,) = recalculate([side_by_side_workbook(RESULT)], tmp_path)
        rows = list(book["Side by side"].iter_rows(min_row=6, max_row=8, values_only=True))
        assert [(row[0], row[3], row[6]) for row in rows] == [
            ("Worked example", 120_000, 0),
            ("Offer B", 50_400, 69_600),
            ("Offer C", 30_500, 29_500),
        ]
        assert rows[2][7] == pytest.approx(29_500 / 60_000)


FREE = offer("Free today", Plan(name="Free", rule=CountingRule.NAMED_SEAT, rate=Decimal(0)))


def test_a_free_reference_is_named_where_the_percentage_would_be():
    """A reference that costs nothing: the offer costs $50,400.00 more over 12 months, "(Free
    today costs nothing)" after the figure and in the percentage column, never "n/a"."""
    html = side_by_side_html(side_by_side([FREE, OFFER_B]), generated_on=date(2026, 11, 24))
    assert '<span class="value">$50,400.00 (Free today costs nothing)</span>' in html
    assert "<td>Free today costs nothing</td>" in html
    assert ">n/a<" not in html


def test_a_free_reference_recalculates_to_the_words_the_workbook_shows(tmp_path):
    """The workbook's percentage cell for a free reference says "the reference costs nothing",
    as written and as LibreOffice recalculates it, where it said "n/a"."""
    data = side_by_side_workbook(side_by_side([FREE, OFFER_B]))
    written = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Side by side"]["H7"]
    (book,) = recalculate([data], tmp_path)
    assert (written.value, book["Side by side"]["H7"].value) == (
        "the reference costs nothing",
        "the reference costs nothing",
    )


def test_the_totals_headers_do_not_repeat_the_reference_name():
    """A reference named at length would widen the savings header until the table's last columns
    left a laptop's screen: the reference is marked in its own row instead."""
    long_name = "Login log 2024-01 to 2024-06 (this session), FY2027 offer"
    result = side_by_side([TODAY, OFFER_B], labels=[long_name, "Offer B"])
    table = totals_report_table(result)
    assert table.headers == [
        "Column",
        "Plan",
        "Months",
        "Total",
        "Per month (average)",
        "Savings",
        "Savings in percent",
    ]
    assert [row[0] for row in table.rows] == [f"{long_name} (reference)", "Offer B"]
    assert table.caption == "Cost of each column, and its savings against the reference (USD)"


def test_the_workbook_prints_numbered_with_the_month_numbers_on_every_page():
    book = openpyxl.load_workbook(io.BytesIO(side_by_side_workbook(RESULT)))
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.oddFooter.right.text == "Page &P of &N", sheet.title
    assert book["Monthly"].print_title_rows == "$1:$1"
