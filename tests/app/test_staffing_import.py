"""Staffing uploaded as a file: workbooks and CSV text as spreadsheet programs save them.

The workbooks are written with openpyxl the way a person fills a sheet in Excel: typed date cells
(read back as dates, not text), numbers stored as floating point, a title above the table, a
table that starts in column B, one sheet per fiscal year. The CSV encodings are those Excel
writes: "CSV (Comma delimited)" on Windows is Windows-1252, "Unicode Text" is UTF-16 with a BOM
and tabs. The app's own workbook is the Excel download of the calculator (its Inputs sheet).
"""

import codecs
import datetime as dt
import gzip
import io
import zipfile
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from app.reports import workbook_bytes
from app.staffing_import import (
    MAX_CSV_BYTES,
    MAX_WORKBOOK_BYTES,
    StaffingCsvError,
    parse_staffing_file,
)
from calculator import MonthStaffing, Scenario, compare, example_scenario, preset_curve


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems(data: bytes, name: str = "plan.xlsx") -> list[str]:
    with pytest.raises(StaffingCsvError) as info:
        parse_staffing_file(data, name)
    return info.value.problems


def person_made_book() -> Workbook:
    """A title, an empty row, then the table from column B: dates typed as dates, counts and
    hours as numbers, the hours a formula's floating-point result."""
    book = Workbook()
    cover = book.active
    cover.title = "Read me"
    cover["A1"] = "Staffing plan for the budget request"
    sheet = book.create_sheet("Staffing")
    sheet["B1"] = "FY2027 staffing plan"
    sheet.append([])
    sheet.append([None, "Month", "Provisioned", "Active", "Peak concurrent", "Logged-in hours"])
    for month, (provisioned, active, peak) in enumerate([(120, 90, 60), (125, 95, 62)], 1):
        hours = 0.1 + 0.2 + 1000 * month  # stored as 1000.3000000000001 and the like
        sheet.append([None, dt.datetime(2026, 9 + month, 1), provisioned, active, peak, hours])
    return book


class TestWorkbooks:
    def test_the_apps_own_workbook_reads_back(self):
        """The Excel download's Inputs sheet (below the plans) gives back the curve: download,
        edit in Excel, upload."""
        scenario = example_scenario().model_copy(
            update={"start_month": "2027-07", "staffing": preset_curve("tax_season", "2027-07", 24)}
        )
        scenario = Scenario.model_validate(scenario.model_dump())
        first, rows = parse_staffing_file(workbook_bytes(compare(scenario)), "scenario.xlsx")
        assert first == "2027-07"
        assert [MonthStaffing(**row) for row in rows] == scenario.staffing

    def test_hours_read_back_from_the_apps_workbook(self):
        """Logged-in hours with decimals survive the round trip exactly."""
        staffing = [
            MonthStaffing(
                provisioned=100, active=70, peak_concurrent=50, logged_in_hours=Decimal(h)
            )
            for h in ("8123.25", "7999.5")
        ]
        scenario = example_scenario().model_copy(update={"staffing": staffing})
        scenario = Scenario.model_validate(scenario.model_dump())
        _, rows = parse_staffing_file(workbook_bytes(compare(scenario)), "scenario.xlsx")
        assert [row["logged_in_hours"] for row in rows] == [Decimal("8123.25"), Decimal("7999.5")]

    def test_a_sheet_as_a_person_fills_it(self):
        """Cover sheet skipped, title rows read past, column A empty, dates typed as dates,
        hours as the sheet shows them."""
        first, rows = parse_staffing_file(saved(person_made_book()), "plan.xlsx")
        assert first == "2026-10"
        assert rows == [
            {
                "provisioned": 120,
                "active": 90,
                "peak_concurrent": 60,
                "logged_in_hours": Decimal("1000.3"),
            },
            {
                "provisioned": 125,
                "active": 95,
                "peak_concurrent": 62,
                "logged_in_hours": Decimal("2000.3"),
            },
        ]

    def test_a_row_is_named_as_the_sheet_numbers_it(self):
        """Below a title and an empty row, the second month sits in the sheet's row 5, and a
        bad cell there is said to be in row 5, as Excel shows it."""
        book = person_made_book()
        book["Staffing"]["D5"] = "n/a"
        assert problems(saved(book)) == [
            "Excel sheet 'Staffing', row 5 (2026-11), active: must be a whole number (got 'n/a')"
        ]

    def test_one_sheet_per_fiscal_year_reads_as_one_curve(self):
        """Sheets with the same header are read in order, their months following each other."""
        book = Workbook()
        book.active.title = "FY2027"
        book.create_sheet("FY2028")
        for sheet, first in zip(book.worksheets, (2026, 2027), strict=True):
            sheet.append(["Month", "Provisioned", "Active", "Peak concurrent"])
            for offset in range(12):
                month = dt.date(first + (9 + offset) // 12, (9 + offset) % 12 + 1, 1)
                sheet.append([month, 100 + offset, 70, 50])
        first, rows = parse_staffing_file(saved(book), "plan.xlsx")
        assert first == "2026-10"
        assert [row["provisioned"] for row in rows] == [*range(100, 112), *range(100, 112)]

    def test_sheets_whose_tables_start_in_other_columns_read_together(self):
        """The second sheet's table starts in column B: the same columns, read as one curve."""
        book = Workbook()
        book.active.append(["Month", "Provisioned", "Active", "Peak concurrent"])
        book.active.append(["2027-01", 100, 70, 50])
        book.create_sheet("Next").append(
            [None, "Month", "Provisioned", "Active", "Peak concurrent"]
        )
        book["Next"].append([None, "2027-02", 110, 75, 52])
        first, rows = parse_staffing_file(saved(book), "plan.xlsx")
        assert (first, [row["provisioned"] for row in rows]) == ("2027-01", [100, 110])

    def test_a_problem_names_its_sheet_row_and_month(self):
        """With several sheets, a bad cell is placed by sheet, then the sheet's row and the
        month."""
        book = Workbook()
        book.active.title = "FY2027"
        book.create_sheet("FY2028")
        book["FY2027"].append(["Month", "Provisioned", "Active", "Peak concurrent"])
        book["FY2027"].append([dt.date(2026, 10, 1), 100, 70, 50])
        book["FY2028"].append(["Month", "Provisioned", "Active", "Peak concurrent"])
        book["FY2028"].append([dt.date(2026, 11, 1), 100, "seventy", 50])
        assert problems(saved(book)) == [
            "Excel sheet 'FY2028', row 2 (2026-11), active: must be a whole number (got 'seventy')"
        ]

    def test_a_workbook_without_the_columns_names_the_sheet_read(self):
        """No sheet has the header: the first sheet was read, and says what it lacks."""
        book = Workbook()
        book.active.title = "Costs"
        book.active.append(["Month", "Cost"])
        book.active.append(["2027-01", 100])
        assert problems(saved(book)) == [
            "Excel sheet 'Costs': unknown column(s) 'cost'; the columns are month, "
            "provisioned, active, peak_concurrent, logged_in_hours",
            "Excel sheet 'Costs': missing column(s): provisioned, active, peak_concurrent",
        ]

    def test_a_workbook_that_expands_too_far_is_refused(self):
        """A small file that would decompress past the cap is stopped while it expands."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/worksheets/sheet1.xml", b"0" * (MAX_WORKBOOK_BYTES + 1))
        data = out.getvalue()
        assert len(data) < 100_000
        assert problems(data) == [
            f"plan.xlsx: expands to more than {MAX_WORKBOOK_BYTES:,} bytes when read, the limit; "
            "refused (a staffing table of 60 months is a few kilobytes)"
        ]

    def test_a_gzip_that_expands_too_far_is_refused_in_staffing_words(self):
        """The shared reader's cap, said of a staffing file, not of a log."""
        data = gzip.compress(b"month,provisioned,active,peak_concurrent\n" + b"0" * (20 << 20))
        assert len(data) < MAX_CSV_BYTES
        (problem,) = problems(data, "plan.csv.gz")
        assert "log" not in problem
        assert problem.startswith("plan.csv.gz: expands to more than")

    def test_a_zip_of_documents_only_is_refused_in_staffing_words(self):
        """A zip with a read-me and a picture, no table: said, and what to upload instead."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("README.txt", "staffing for 2027")
            archive.writestr("chart.png", b"\x89PNG\r\n")
        assert problems(out.getvalue(), "plan.zip") == [
            "plan.zip: the zip holds no table, only documents or images (README.txt, chart.png); "
            "upload the staffing CSV or workbook itself"
        ]

    def test_a_parquet_file_is_named_as_parquet(self):
        """Not a CSV or a workbook: the message says what it is."""
        out = io.BytesIO()
        pq.write_table(pa.table({"month": ["2027-01"], "provisioned": [1]}), out)
        assert problems(out.getvalue(), "plan.parquet") == [
            "plan.parquet: must be a CSV file or a workbook, not Parquet"
        ]

    def test_a_damaged_workbook_is_named(self):
        """The first bytes of a workbook and nothing after: refused, no traceback."""
        data = saved(person_made_book())[:200]
        (problem,) = problems(data)
        assert problem.startswith("plan.xlsx: ")


class TestEncodings:
    ROWS = (
        "Month,Provisioned,Active,Peak\u00a0concurrent\r\nJan-27,100,70,50\r\nFeb-27,110,75,52\r\n"
    )

    def expected(self):
        return "2027-01", [
            {"provisioned": 100, "active": 70, "peak_concurrent": 50},
            {"provisioned": 110, "active": 75, "peak_concurrent": 52},
        ]

    def test_windows_1252(self):
        """Excel's "CSV (Comma delimited)" on Windows: a no-break space (0xA0) in a header."""
        data = self.ROWS.encode("cp1252")
        assert b"\xa0" in data
        assert parse_staffing_file(data, "plan.csv") == self.expected()

    def test_utf16_unicode_text(self):
        """Excel's "Unicode Text": UTF-16 with its byte-order mark, tab-delimited."""
        data = codecs.BOM_UTF16_LE + self.ROWS.replace(",", "\t").encode("utf-16-le")
        assert parse_staffing_file(data, "plan.txt") == self.expected()

    def test_us_dates_of_first_days(self):
        """Excel in the United States saves a date column as m/d/yyyy."""
        data = b"month,provisioned,active,peak_concurrent\n1/1/2027,1,1,1\n2/1/2027,1,1,1\n"
        assert parse_staffing_file(data, "plan.csv")[0] == "2027-01"

    def test_dates_that_could_be_either_month(self):
        """3/4/2027 then 4/4/2027: neither order puts every date on the 1st; said, not
        guessed."""
        data = b"month,provisioned,active,peak_concurrent\n3/4/2027,1,1,1\n4/4/2027,1,1,1\n"
        assert problems(data, "plan.csv")[0] == (
            "row 1, month: a date whose day and month could be either way round (the column "
            "has no day above 12, and not every date is the 1st of its month); write the month "
            "as YYYY-MM (got '3/4/2027')"
        )


def test_thousands_of_unknown_columns_are_named_in_one_short_line():
    """A header of 3,004 columns, 3,000 of them unknown: the first five are quoted and the rest
    counted, where every one of them was listed (a line of about 23,000 characters)."""
    header = [
        "month",
        "provisioned",
        "active",
        "peak_concurrent",
        *(f"c{n}" for n in range(3_000)),
    ]
    row = ["2027-01", "100", "70", "40", *("1" for _ in range(3_000))]
    text = f"{','.join(header)}\n{','.join(row)}\n"
    assert problems(text.encode(), "plan.csv") == [
        "unknown column(s) 'c0', 'c1', 'c2', 'c3', 'c4' and 2,995 more; the columns are month, "
        "provisioned, active, peak_concurrent, logged_in_hours"
    ]
