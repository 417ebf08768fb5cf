"""Editor helpers: resizing the curve, staffing CSV both ways, rows from the editable table."""

from decimal import Decimal

import pytest

from app.scenario_edit import resize_staffing, rows_from_table, staffing_to_csv
from app.staffing_import import (
    MAX_CSV_BYTES,
    StaffingCsvError,
    parse_staffing_csv,
    parse_staffing_file,
)
from calculator import MonthStaffing, example_scenario, preset_curve

JAN = MonthStaffing(provisioned=100, active=70, peak_concurrent=50)
FEB = MonthStaffing(provisioned=120, active=90, peak_concurrent=60)


def problems(text: str | bytes) -> list[str]:
    def parse() -> object:
        if isinstance(text, bytes):
            return parse_staffing_file(text, "curve.csv")
        return parse_staffing_csv(text)

    with pytest.raises(StaffingCsvError) as info:
        parse()
    return info.value.problems


class TestResize:
    def test_extending_repeats_the_last_month(self):
        """Three months from two: the second month again."""
        assert resize_staffing([JAN, FEB], 3) == [JAN, FEB, FEB]

    def test_shortening_drops_months_at_the_end(self):
        """One month from two: the first."""
        assert resize_staffing([JAN, FEB], 1) == [JAN]

    @pytest.mark.parametrize("months", [0, 61])
    def test_out_of_range_is_refused(self, months):
        """Horizons outside 1..60 are an error."""
        with pytest.raises(ValueError, match="between 1 and 60"):
            resize_staffing([JAN], months)


class TestCsvRoundTrip:
    def test_written_csv_reads_back_equal(self):
        """A preset with hours goes out and comes back unchanged, first month included."""
        staffing = preset_curve("tax_season", "2027-07", 14)
        first, rows = parse_staffing_csv(staffing_to_csv("2027-07", staffing))
        assert first == "2027-07"
        assert [MonthStaffing(**row) for row in rows] == staffing

    def test_csv_text(self):
        """Header, then month, counts and empty hours."""
        assert staffing_to_csv("2027-12", [JAN, FEB]) == (
            "month,provisioned,active,peak_concurrent,logged_in_hours\n"
            "2027-12,100,70,50,\n"
            "2028-01,120,90,60,\n"
        )


class TestCsvParsing:
    def test_month_column_is_optional(self):
        """Without months, the rows are the months from the current start."""
        first, rows = parse_staffing_csv("provisioned,active,peak_concurrent\n10,5,2\n")
        assert first is None
        assert rows == [{"provisioned": 10, "active": 5, "peak_concurrent": 2}]

    def test_semicolons_byte_order_mark_and_blank_lines(self):
        """Spreadsheet exports with ';', a BOM and trailing blank lines read fine."""
        first, rows = parse_staffing_csv(
            "\ufeffmonth;provisioned;active;peak_concurrent;logged_in_hours\n"
            "2027-01;10;5;2;600.5\n\n"
        )
        assert first == "2027-01"
        assert rows == [
            {
                "provisioned": 10,
                "active": 5,
                "peak_concurrent": 2,
                "logged_in_hours": Decimal("600.5"),
            }
        ]

    def test_bad_cells_are_each_named(self):
        """Every bad cell is listed with its row, month and column."""
        assert problems(
            "month,provisioned,active,peak_concurrent\n2027-01,10,x,2\n2027-02,-1,5,2.5\n"
        ) == [
            "row 1 (2027-01), active: must be a whole number (got 'x')",
            "row 2 (2027-02), provisioned: must be 0 or more (got '-1')",
            "row 2 (2027-02), peak_concurrent: must be a whole number (got '2.5')",
        ]

    def test_a_negative_count_is_refused_as_below_zero(self):
        """-100 is a whole number: the rule it breaks is the count's lower bound, named with its
        row, month and column; -0 is 0."""
        assert problems(
            "month,provisioned,active,peak_concurrent\n2027-03,-100,50,20\n2027-04,10,-0,-5\n"
        ) == [
            "row 1 (2027-03), provisioned: must be 0 or more (got '-100')",
            "row 2 (2027-04), peak_concurrent: must be 0 or more (got '-5')",
        ]

    def test_months_must_follow_each_other(self):
        """A skipped month is named with the month expected."""
        assert problems(
            "month,provisioned,active,peak_concurrent\n2027-01,1,1,1\n2027-03,1,1,1\n"
        ) == ["row 2, month: months must follow each other; expected 2027-02 (got '2027-03')"]

    def test_unknown_and_missing_columns(self):
        """Header problems come before any row is read."""
        assert problems("provisioned,agents\n1,2\n") == [
            "unknown column(s) 'agents'; the columns are month, provisioned, active, "
            "peak_concurrent, logged_in_hours",
            "missing column(s): active, peak_concurrent",
        ]

    @pytest.mark.parametrize("text", ["2027-01,100,70,50\n2027-02,120,90,60\n", "100;70;50\n"])
    def test_figures_pasted_without_a_header_ask_for_one(self, text):
        """Months copied from a sheet without their header: the first line was read as column
        names ("unknown column(s) '2027_01' and '100' ...", then "missing column(s)")."""
        assert problems(text) == [
            "the first line holds figures, not column names: start with a header line such as "
            "month,provisioned,active,peak_concurrent (logged_in_hours may follow), then one "
            "line per month"
        ]

    def test_an_empty_cell_is_said_to_be_empty(self):
        """An empty cell read "must be a whole number (got '')"."""
        assert problems("month,provisioned,active,peak_concurrent\n2027-01,,70,50\n,1,1,1\n") == [
            "row 1 (2027-01), provisioned: is empty; type a whole number",
            "row 2, month: is empty; type a month such as 2027-01",
        ]

    def test_ragged_row(self):
        """A row with the wrong number of values says how many."""
        assert problems("provisioned,active,peak_concurrent\n1,1\n") == [
            "row 1: has 2 values; the header has 3"
        ]

    def test_formula_text_is_just_a_bad_cell(self):
        """Spreadsheet formulas are not numbers and are reported, never evaluated."""
        assert problems("provisioned,active,peak_concurrent\n=1+1,1,1\n") == [
            "row 1, provisioned: must be a whole number (got '=1+1')"
        ]

    def test_empty_and_header_only(self):
        """Nothing to read is said plainly."""
        assert problems("") == ["the CSV is empty: expected a header and one row per month"]
        assert problems("provisioned,active,peak_concurrent\n") == [
            "the CSV has a header but no months"
        ]

    def test_too_many_months(self):
        """At most 60 rows."""
        text = "provisioned,active,peak_concurrent\n" + "1,1,1\n" * 61
        assert problems(text) == ["the CSV has 61 months; the limit is 60"]

    def test_too_big_is_refused_before_parsing(self):
        """Size is checked on the raw bytes."""
        data = b"provisioned,active,peak_concurrent\n" + b"1" * MAX_CSV_BYTES
        assert problems(data) == [
            f"the CSV is {len(data):,} bytes; the limit is {MAX_CSV_BYTES:,} bytes"
        ]

    def test_binary_upload_is_refused(self):
        """An image uploaded by mistake is named as what it is."""
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
        assert problems(png) == ["curve.csv: this is a PNG image, not a CSV file"]

    def test_one_column_file_names_the_columns(self):
        """Text with no delimiter (UTF-16 read as what it says) gets the staffing columns, not a
        log's."""
        assert problems(b"\xff\xfe\x00p") == [
            "row 1 has a single column ('\u7000'); the columns are month, provisioned, active, "
            "peak_concurrent, logged_in_hours, separated by commas, semicolons or tabs"
        ]

    def test_unterminated_quote(self):
        """csv's own complaint is passed on in one line."""
        assert problems('provisioned,active,peak_concurrent\n"1,1,1\n') == [
            "the CSV cannot be read: unexpected end of data"
        ]


class TestCsvAsSpreadsheetsSaveIt:
    """A staffing sheet saved as CSV by a spreadsheet (Excel, LibreOffice, Google Sheets) reads
    as saved: its headers as people name them, thousands separators, whole numbers with a zero
    decimal part, month-start dates, a decimal comma where the delimiter is not a comma, and
    trailing delimiters from formatted empty cells."""

    def test_headers_as_people_write_them(self):
        first, rows = parse_staffing_csv(
            "Month,Provisioned,Active,Peak Concurrent,Logged-in Hours\n2027-01,100,70,50,9\n"
        )
        assert (first, rows[0]["peak_concurrent"], rows[0]["logged_in_hours"]) == (
            "2027-01",
            50,
            Decimal(9),
        )

    def test_the_apps_own_headers_read_back(self):
        """The staffing table's headers, and the workbook's "Provisioned accounts", were
        'unknown columns': a block copied out of the app could not come back in."""
        first, rows = parse_staffing_csv(
            "Month,Provisioned seats,Active users,Peak concurrent agents,Logged-in hours\n"
            "2027-01,100,70,50,\n"
        )
        assert (first, rows) == (
            "2027-01",
            [{"provisioned": 100, "active": 70, "peak_concurrent": 50}],
        )
        _, rows = parse_staffing_csv(
            "Month,Provisioned accounts,Active users,Peak concurrent agents\n2027-01,90,60,40\n"
        )
        assert rows == [{"provisioned": 90, "active": 60, "peak_concurrent": 40}]

    def test_the_workbooks_month_number_is_read_past(self):
        """A block copied from the workbook's Inputs sheet starts with "Month number"; rows 13
        and 14 of a longer scenario number from 13, and the month column places them."""
        first, rows = parse_staffing_csv(
            "Month number,Month,Provisioned accounts,Active users,Peak concurrent agents,"
            "Logged-in hours\n13,2028-01,90,60,40,\n14,2028-02,95,65,45,\n"
        )
        assert first == "2028-01"
        assert rows == [
            {"provisioned": 90, "active": 60, "peak_concurrent": 40},
            {"provisioned": 95, "active": 65, "peak_concurrent": 45},
        ]

    def test_thousands_separators_and_a_zero_decimal_part(self):
        text = 'month,provisioned,active,peak_concurrent\n2027-01,"1,200",700.0,500.00\n'
        _, rows = parse_staffing_csv(text)
        assert rows == [{"provisioned": 1200, "active": 700, "peak_concurrent": 500}]

    @pytest.mark.parametrize("cell", ["100.5", "1,2345", "12,00"])
    def test_a_part_of_an_agent_is_still_refused(self, cell):
        text = f'month,provisioned,active,peak_concurrent\n2027-01,"{cell}",70,50\n'
        assert problems(text) == [
            f"row 1 (2027-01), provisioned: must be a whole number (got '{cell}')"
        ]

    @pytest.mark.parametrize(
        ("cell", "read"), [("99999999999", 99_999_999_999), ("1,000,000,000,000", 10**12)]
    )
    def test_a_count_too_large_is_read_for_the_range_check_to_refuse(self, cell, read):
        """Eleven digits were "not a whole number": the parser read at most seven. They are
        read, and the scenario's range check refuses them by the rule they break."""
        text = f'month,provisioned,active,peak_concurrent\n2027-01,"{cell}",70,50\n'
        _, rows = parse_staffing_csv(text)
        assert rows[0]["provisioned"] == read

    def test_month_start_dates_are_their_months(self):
        text = "month,provisioned,active,peak_concurrent\n2027-11-01,1,1,1\n2027-12-01,2,2,2\n"
        first, rows = parse_staffing_csv(text)
        assert (first, len(rows)) == ("2027-11", 2)

    def test_trailing_delimiters_are_not_a_column(self):
        text = "month,provisioned,active,peak_concurrent,,\n2027-01,100,70,50,,\n2027-02,1,1,1\n"
        _, rows = parse_staffing_csv(text)
        assert len(rows) == 2

    def test_a_column_with_no_name_but_values_is_named_by_position(self):
        text = "month,provisioned,active,peak_concurrent,\n2027-01,100,70,50,x\n"
        assert problems(text) == [
            "column 5 has no name; the columns are month, provisioned, active, peak_concurrent, "
            "logged_in_hours"
        ]

    def test_thousands_of_columns_with_no_name_are_named_in_one_line(self):
        """3,000 columns with values but no name: the first five positions are given and the
        rest counted, in one line (it was one line per column, about 300,000 characters)."""
        header = "month,provisioned,active,peak_concurrent" + "," * 3_000
        text = f"{header}\n2027-01,100,70,50{',x' * 3_000}\n"
        assert problems(text) == [
            "columns 5, 6, 7, 8, 9 and 2,995 more have no name; the columns are month, "
            "provisioned, active, peak_concurrent, logged_in_hours"
        ]

    def test_an_unknown_column_given_twice_is_named_once_in_each_line(self):
        """The unknown column is named once, not once per copy, and quoted like any name read
        from the header."""
        text = "month,provisioned,active,peak_concurrent,agents,agents\n2027-01,100,70,50,1,1\n"
        assert problems(text) == [
            "unknown column(s) 'agents'; the columns are month, provisioned, active, "
            "peak_concurrent, logged_in_hours",
            "column(s) given twice: 'agents'",
        ]

    def test_thousands_of_columns_given_twice_are_named_in_one_short_line(self):
        """3,000 names each given twice: the first five, in the header's order, and a count
        (every name was listed, about 17,000 characters)."""
        names = ",".join(f"c{n},c{n}" for n in range(3_000))
        text = f"month,provisioned,active,peak_concurrent,{names}\n"
        assert problems(text)[-1] == (
            "column(s) given twice: 'c0', 'c1', 'c2', 'c3', 'c4' and 2,995 more"
        )

    @pytest.mark.parametrize(
        ("text", "hours"),
        [
            (
                "month;provisioned;active;peak_concurrent;logged_in_hours\n2027-01;1;1;1;1234,5\n",
                "1234.5",
            ),
            (
                'month,provisioned,active,peak_concurrent,logged_in_hours\n2027-01,1,1,1,"1,234.5"\n',
                "1234.5",
            ),
        ],
    )
    def test_hours_with_a_decimal_comma_or_thousands(self, text, hours):
        _, rows = parse_staffing_csv(text)
        assert rows[0]["logged_in_hours"] == Decimal(hours)

    def test_hours_that_could_be_thousands_or_a_decimal_comma_are_refused(self):
        text = "month;provisioned;active;peak_concurrent;logged_in_hours\n2027-01;1;1;1;1,234\n"
        assert problems(text) == [
            "row 1 (2027-01), logged_in_hours: must be a number of hours with at most four "
            "decimals, or empty (got '1,234'; it could be thousands or a decimal comma)"
        ]


class TestRowsFromTable:
    def test_floats_and_blanks_become_ints_and_none(self):
        """Tables hand back 100.0 and NaN; validation wants 100 and None."""
        rows = rows_from_table(
            [
                {
                    "provisioned": 100.0,
                    "active": 70,
                    "peak_concurrent": 50.0,
                    "logged_in_hours": float("nan"),
                }
            ]
        )
        assert rows == [example_scenario().staffing[0].model_dump()]

    def test_fractions_are_passed_on_for_the_validator(self):
        """70.5 active agents stays 70.5, so the message can name it."""
        (row,) = rows_from_table(
            [
                {
                    "provisioned": 100,
                    "active": 70.5,
                    "peak_concurrent": None,
                    "logged_in_hours": 12.25,
                }
            ]
        )
        assert row == {
            "provisioned": 100,
            "active": 70.5,
            "peak_concurrent": None,
            "logged_in_hours": Decimal("12.25"),
        }
