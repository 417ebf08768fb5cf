"""Staffing months from CSV text or an uploaded file (CSV or workbook), as spreadsheets save them.

A table has a header, then one row per month. Columns: ``provisioned``, ``active``,
``peak_concurrent`` (whole numbers, 0 or more), optionally ``logged_in_hours`` (up to four
decimals, empty for none) and ``month`` (consecutive; see :mod:`app.staffing_months` for how it
may be written). What is read past, so a sheet reads as it was saved:

- rows above the header (a title, a note, another table: the workbook's own Inputs sheet holds
  the plans above the months), and empty rows;
- columns with no name and nothing in them at either side (a table that starts in column B);
- the workbook's ``Month number``.

Uploads are read as the usage logs are (:func:`calculator.usage.table_texts`): UTF-8, UTF-16 or
Windows-1252 text, any common delimiter, plain, gzip or zipped; or a workbook (.xlsx, .xlsm,
.xls, .ods), of which the sheets whose header has the three required columns are read in order,
one after another (one sheet per fiscal year, say). Sizes are capped before reading, every cell is
checked, and problems come back as one message per cell naming the sheet, row, month and column.

Nothing here calls Streamlit.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.staffing_months import date_order, is_numeric_date, month_of
from calculator import MAX_MONTHS, month_labels, quote_some, quote_value
from calculator.usage import (
    HeaderTest,
    LogFileError,
    NoTableInZipError,
    SingleColumnError,
    TooLargeError,
    table_texts,
)

MAX_CSV_BYTES = 64 * 1024
"""Largest CSV text pasted or uploaded [bytes]."""
MAX_WORKBOOK_BYTES = 16 << 20
"""Most a workbook (or a compressed CSV) may expand to while it is read [bytes]."""
STAFFING_COLUMNS = ("provisioned", "active", "peak_concurrent", "logged_in_hours")
CSV_COLUMNS = ("month", *STAFFING_COLUMNS)
_REQUIRED = ("provisioned", "active", "peak_concurrent")
_HEADER_ROWS = 40
"""Rows searched for the header, from the top of a sheet."""
# As a spreadsheet saves them: thousands separated by commas ("1,200") and whole numbers written
# with a zero decimal part ("100.0") read as whole numbers; "100.5" does not.
_WHOLE = re.compile(r"(?P<digits>-?([0-9]{1,3}(,[0-9]{3}){1,9}|[0-9]{1,30}))(\.0+)?")
_HOURS = re.compile(r"[0-9]{1,10}(\.[0-9]{1,4})?")
_GROUPED_HOURS = re.compile(r"[0-9]{1,3}(,[0-9]{3}){1,3}(\.[0-9]{1,4})?")  # 1,234.5
_DECIMAL_COMMA = re.compile(r"[0-9]{1,10},([0-9]{1,2}|[0-9]{4})")  # 1234,5 (never 1,234)
_WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.xlsm/.ods, .xls


class StaffingCsvError(ValueError):
    """Staffing could not be read; ``problems`` holds one message per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_staffing_csv(text: str) -> tuple[str | None, list[dict[str, Any]]]:
    """Staffing CSV typed or pasted: the first month (when a ``month`` column is given) and the
    raw rows, not yet validated against each other (build a :class:`calculator.Scenario` from
    them for that). Raises :class:`StaffingCsvError` listing every problem found."""
    size = len(text.encode("utf-8"))
    if size > MAX_CSV_BYTES:
        raise StaffingCsvError([_too_big(size)])
    return _read_tables([("", text.lstrip("\ufeff"))])


def parse_staffing_file(data: bytes, name: str) -> tuple[str | None, list[dict[str, Any]]]:
    """An uploaded CSV file or workbook, read as :func:`parse_staffing_csv` reads text."""
    if not data.startswith(_WORKBOOK_SIGNATURES) and len(data) > MAX_CSV_BYTES:
        raise StaffingCsvError([_too_big(len(data))])
    try:
        tables = table_texts(data, name, MAX_WORKBOOK_BYTES, _STAFFING_HEADER)
    except SingleColumnError as exc:
        raise StaffingCsvError(
            [
                f"row 1 has a single column ({quote_value(exc.first_row)}); the columns are "
                f"{', '.join(CSV_COLUMNS)}, separated by commas, semicolons or tabs"
            ]
        ) from None
    except TooLargeError as exc:
        raise StaffingCsvError(
            [
                f"{name}: expands to more than {exc.limit:,} bytes when read, the limit; "
                f"refused (a staffing table of {MAX_MONTHS} months is a few kilobytes)"
            ]
        ) from None
    except NoTableInZipError as exc:
        raise StaffingCsvError(
            [
                f"{name}: the zip holds no table, only documents or images ({exc.skipped}); "
                "upload the staffing CSV or workbook itself"
            ]
        ) from None
    except LogFileError as exc:
        raise StaffingCsvError([str(exc)]) from None
    sheets = [("" if where == "CSV" else where, text) for where, text in tables]
    return _read_tables(sheets)


def _too_big(size: int) -> str:
    return f"the CSV is {size:,} bytes; the limit is {MAX_CSV_BYTES:,} bytes"


@dataclass(frozen=True)
class _Row:
    where: str
    """``"row 3"`` (the third month of a CSV), or ``"Excel sheet 'FY2028', row 6"``."""
    cells: list[str]


def _read_tables(tables: list[tuple[str, str]]) -> tuple[str | None, list[dict[str, Any]]]:
    """One table from each text (each with where it came from); their months follow each
    other."""
    header: list[str] | None = None
    body: list[_Row] = []
    problems: list[str] = []
    for where, text in tables:
        found, rows = _without_empty_edge_columns(*_table(text, where))
        if header is None:
            header = found
        elif found != header:
            problems.append(f"{where}: has other columns than the first sheet; not read")
            continue
        body.extend(rows)
    if header is None:
        raise StaffingCsvError(["the CSV is empty: expected a header and one row per month"])
    problems[:0] = _header_problems(header, tables[0][0])
    if problems:
        raise StaffingCsvError(problems)
    if not body:
        raise StaffingCsvError(["the CSV has a header but no months"])
    if len(body) > MAX_MONTHS:
        raise StaffingCsvError([f"the CSV has {len(body)} months; the limit is {MAX_MONTHS}"])
    first_month, parsed = _parse_rows(header, body, problems)
    if problems:
        raise StaffingCsvError(problems)
    return first_month, parsed


def _table(text: str, where: str) -> tuple[list[str] | None, list[_Row]]:
    """The header (the first row among the top ones that names the required columns, else the
    first row) as column names, and the filled rows below it. A CSV's rows are numbered from 1
    below the header; a workbook sheet's (``where`` names it) as the sheet numbers them."""
    numbered = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not numbered:
        return None, []
    at, delimiter = 0, _delimiter(numbered[0][1])
    for index, (_, line) in enumerate(numbered[:_HEADER_ROWS]):
        found = _delimiter(line)
        if _is_staffing_header(_cells(line, found)):
            at, delimiter = index, found
            break
    header = [_column_name(cell) for cell in _cells(numbered[at][1], delimiter)]
    rows = [(number, _cells(line, delimiter)) for number, line in numbered[at + 1 :]]
    filled = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
    if where:
        return header, [_Row(f"{where}, row {number}", cells) for number, cells in filled]
    return header, [_Row(f"row {count}", cells) for count, (_, cells) in enumerate(filled, 1)]


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error as exc:
        raise StaffingCsvError([f"the CSV cannot be read: {exc}"]) from None


def _is_staffing_header(cells: list[str]) -> bool:
    names = {_column_name(cell) for cell in cells}
    return all(name in names for name in _REQUIRED)


_STAFFING_HEADER = HeaderTest(_is_staffing_header, within=_HEADER_ROWS)

_HEADER_ALIASES = {
    "provisioned_seats": "provisioned",
    "provisioned_accounts": "provisioned",
    "active_users": "active",
    "peak_concurrent_agents": "peak_concurrent",
}
"""The app's own headers (the staffing table's, the workbook's Inputs sheet's) as column names,
so a block copied out of either reads back."""
_IGNORED = "month_number"
"""The workbook's "Month number" column: read past, as the rows' order (and any month column)
already places each month, and a block copied from the middle of the sheet starts above 1."""


def _column_name(cell: str) -> str:
    """A header cell as a column name: ``" Peak Concurrent "`` and ``"peak-concurrent"`` are
    ``peak_concurrent``, and the app's own ``"Active users"`` is ``active``."""
    name = re.sub(r"[\s\-]+", "_", cell.strip().lower())
    return _HEADER_ALIASES.get(name, name)


def _without_empty_edge_columns(
    header: list[str] | None, body: list[_Row]
) -> tuple[list[str] | None, list[_Row]]:
    """Drop columns at either side with no name and nothing in them: spreadsheets save trailing
    delimiters (``2027-01,100,70,50,``), and a table that starts in column B."""
    if header is None:
        return header, body

    def empty(column: int) -> bool:
        return not header[column] and all(
            not (row.cells[column].strip() if column < len(row.cells) else "") for row in body
        )

    first, stop = 0, len(header)
    while stop > first and empty(stop - 1):
        stop -= 1
    while first < stop and empty(first):
        first += 1
    if (first, stop) == (0, len(header)):
        return header, body
    return header[first:stop], [
        _Row(row.where, row.cells[first:stop] if len(row.cells) > first else row.cells)
        for row in body
    ]


def _whole(cell: str) -> int | None:
    """A whole number as typed or as a spreadsheet saves it, or ``None``."""
    match = _WHOLE.fullmatch(cell)
    return int(match["digits"].replace(",", "")) if match else None


def _hours(cell: str) -> Decimal | None:
    """Hours as typed, with thousands commas (1,234.5) or a decimal comma (1234,5), or
    ``None``; ``1,234`` is refused, as it could be either."""
    if _HOURS.fullmatch(cell):
        return Decimal(cell)
    if _GROUPED_HOURS.fullmatch(cell) and "." in cell:
        return Decimal(cell.replace(",", ""))
    if _DECIMAL_COMMA.fullmatch(cell):
        return Decimal(cell.replace(",", "."))
    return None


def _delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep])


_FIGURE_NAME = re.compile(r"\d{4}_\d{1,2}|[\d.,]+")
"""A header cell that is a month (``2027-01``, named ``2027_01``) or a number: data, where
column names belong."""


def _header_problems(header: list[str], where: str) -> list[str]:
    # A header may hold tens of thousands of cells: each problem is one line, its names cut
    # to a few and counted (quote_some), and names are counted once, not searched for each cell.
    problems = []
    unnamed = [number for number, name in enumerate(header, start=1) if not name]
    if unnamed:
        nameless = (
            f"column {unnamed[0]} has no name"
            if len(unnamed) == 1
            else f"columns {quote_some(unnamed, shown=5)} have no name"
        )
        problems.append(f"{nameless}; the columns are {', '.join(CSV_COLUMNS)}")
    counts = Counter(name for name in header if name)
    if counts and all(_FIGURE_NAME.fullmatch(name) for name in counts):  # no header line
        problem = (
            "the first line holds figures, not column names: start with a header line such "
            "as month,provisioned,active,peak_concurrent (logged_in_hours may follow), then "
            "one line per month"
        )
        return [f"{where}: {problem}" if where else problem]
    unknown = [name for name in counts if name not in (*CSV_COLUMNS, _IGNORED)]
    if unknown:
        problems.append(
            f"unknown column(s) {quote_some(unknown, shown=5)}; the columns are "
            f"{', '.join(CSV_COLUMNS)}"
        )
    missing = [name for name in _REQUIRED if name not in counts]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    repeated = [name for name, count in counts.items() if count > 1]
    if repeated:
        problems.append(f"column(s) given twice: {quote_some(repeated, shown=5)}")
    if missing and where:  # no sheet has the header: the first one was read
        problems = [f"{where}: {problem}" for problem in problems]
    return problems


def _parse_rows(
    header: list[str], body: list[_Row], problems: list[str]
) -> tuple[str | None, list[dict[str, Any]]]:
    first_month = None
    expected: list[str] | None = None
    width = len(header)
    months = [
        row.cells[header.index("month")].strip()
        for row in body
        if "month" in header and len(row.cells) == width
    ]
    order = date_order(months)
    parsed = []
    for number, row in enumerate(body, start=1):
        where = row.where
        if len(row.cells) != width:
            problems.append(f"{where}: has {len(row.cells)} values; the header has {width}")
            continue
        values = dict(zip(header, (cell.strip() for cell in row.cells), strict=True))
        if "month" in values:
            text = values["month"]
            month = month_of(text, order)
            if not text:
                problems.append(f"{where}, month: is empty; type a month such as 2027-01")
            elif month is None:
                problems.append(f"{where}, month: {_month_problem(text)}")
            elif expected is None:
                first_month = month
                expected = month_labels(month, len(body) - number + 1)
                expected[:0] = [""] * (number - 1)
            elif month != expected[number - 1]:
                problems.append(
                    f"{where}, month: months must follow each other; expected "
                    f"{expected[number - 1]} (got {quote_value(text)})"
                )
            where = f"{where} ({month or text})"
        row_values: dict[str, Any] = {}
        for name in _REQUIRED:
            cell = values[name]
            whole = _whole(cell)
            if not cell:
                problems.append(f"{where}, {name}: is empty; type a whole number")
            elif whole is None:
                problems.append(
                    f"{where}, {name}: must be a whole number (got {quote_value(cell)})"
                )
            elif whole < 0:
                problems.append(f"{where}, {name}: must be 0 or more (got {quote_value(cell)})")
            else:
                row_values[name] = whole
        hours = values.get("logged_in_hours", "")
        if hours:
            if (value := _hours(hours)) is not None:
                row_values["logged_in_hours"] = value
            else:
                either = "; it could be thousands or a decimal comma" if "," in hours else ""
                problems.append(
                    f"{where}, logged_in_hours: must be a number of hours with at most four "
                    f"decimals, or empty (got {quote_value(hours)}{either})"
                )
        parsed.append(row_values)
    return first_month, parsed


def _month_problem(text: str) -> str:
    if is_numeric_date(text):
        return (
            "a date whose day and month could be either way round (the column has no day "
            "above 12, and not every date is the 1st of its month); write the month as YYYY-MM "
            f"(got {quote_value(text)})"
        )
    return f"must be a month such as 2027-01, Jan 2027 or a date in it (got {quote_value(text)})"
