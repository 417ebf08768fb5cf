"""Pure helpers behind the scenario editors: resizing a curve, staffing as CSV, table rows.

Nothing here calls Streamlit, so every rule is unit-tested directly. Parsing treats its input as
hostile: sizes are capped before reading, every cell is checked, and problems come back as one
message per cell naming the row, the month and the column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.binding import decimal_from_input
from calculator import MAX_MONTHS, MonthStaffing, month_labels, quote_value

MAX_CSV_BYTES = 64 * 1024
STAFFING_COLUMNS = ("provisioned", "active", "peak_concurrent", "logged_in_hours")
CSV_COLUMNS = ("month", *STAFFING_COLUMNS)
_REQUIRED = ("provisioned", "active", "peak_concurrent")
# As a spreadsheet saves them: thousands separated by commas ("1,200") and whole numbers written
# with a zero decimal part ("100.0") read as whole numbers; "100.5" does not.
_WHOLE = re.compile(r"(?P<digits>-?([0-9]{1,3}(,[0-9]{3}){1,9}|[0-9]{1,30}))(\.0+)?")
_HOURS = re.compile(r"[0-9]{1,10}(\.[0-9]{1,4})?")
_GROUPED_HOURS = re.compile(r"[0-9]{1,3}(,[0-9]{3}){1,3}(\.[0-9]{1,4})?")  # 1,234.5
_DECIMAL_COMMA = re.compile(r"[0-9]{1,10},([0-9]{1,2}|[0-9]{4})")  # 1234,5 (never 1,234)
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_DATE = re.compile(r"(?P<month>[0-9]{4}-(0[1-9]|1[0-2]))-(0[1-9]|[12][0-9]|3[01])")


class StaffingCsvError(ValueError):
    """A staffing CSV could not be read; ``problems`` holds one message per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def resize_staffing(staffing: list[MonthStaffing], months: int) -> list[MonthStaffing]:
    """Cut the curve to ``months`` months, or extend it by repeating its last month."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be between 1 and {MAX_MONTHS}: {months}")
    return [*staffing[:months], *[staffing[-1]] * (months - len(staffing))]


def staffing_to_csv(start_month: str, staffing: list[MonthStaffing]) -> str:
    """The curve as CSV with a header; hours are left empty where the curve has none."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for label, month in zip(month_labels(start_month, len(staffing)), staffing, strict=True):
        hours = "" if month.logged_in_hours is None else f"{month.logged_in_hours}"
        writer.writerow([label, month.provisioned, month.active, month.peak_concurrent, hours])
    return out.getvalue()


def parse_staffing_csv(text: str | bytes) -> tuple[str | None, list[dict[str, Any]]]:
    """Read a staffing CSV into the first month (if a ``month`` column is given) and raw rows.

    Columns: ``provisioned``, ``active``, ``peak_concurrent`` (whole numbers, 0 or more), optionally
    ``logged_in_hours`` (up to four decimals, empty for none) and ``month`` (``YYYY-MM``,
    consecutive). The delimiter may be a comma, a semicolon or a tab. The rows are not yet
    validated against each other; build a :class:`calculator.Scenario` from them for that.

    Raises :class:`StaffingCsvError` listing every problem found.
    """
    if isinstance(text, bytes):
        if len(text) > MAX_CSV_BYTES:
            raise StaffingCsvError([_too_big(len(text))])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StaffingCsvError(["the file is not UTF-8 text"]) from None
    if len(text.encode("utf-8")) > MAX_CSV_BYTES:
        raise StaffingCsvError([_too_big(len(text.encode("utf-8")))])
    text = text.lstrip("\ufeff")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise StaffingCsvError(["the CSV is empty: expected a header and one row per month"])
    delimiter = _delimiter(lines[0])
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise StaffingCsvError([f"the CSV cannot be read: {exc}"]) from None
    header = [_column_name(cell) for cell in rows[0]]
    header, rows = _without_empty_trailing_columns(header, rows)
    problems = _header_problems(header)
    if problems:
        raise StaffingCsvError(problems)
    body = rows[1:]
    if not body:
        raise StaffingCsvError(["the CSV has a header but no months"])
    if len(body) > MAX_MONTHS:
        raise StaffingCsvError([f"the CSV has {len(body)} months; the limit is {MAX_MONTHS}"])
    first_month, parsed = _parse_rows(header, body, problems)
    if problems:
        raise StaffingCsvError(problems)
    return first_month, parsed


def _too_big(size: int) -> str:
    return f"the CSV is {size:,} bytes; the limit is {MAX_CSV_BYTES:,} bytes"


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


def _without_empty_trailing_columns(
    header: list[str], rows: list[list[str]]
) -> tuple[list[str], list[list[str]]]:
    """Drop columns at the right with no name and nothing in them, which spreadsheets save as
    trailing delimiters (``2027-01,100,70,50,``)."""
    width = len(header)
    while (
        width
        and not header[width - 1]
        and all(not "".join(row[width - 1 :]).strip() for row in rows[1:])
    ):
        width -= 1
    if width == len(header):
        return header, rows
    return header[:width], [row[:width] if len(row) > width else row for row in rows]


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


def _header_problems(header: list[str]) -> list[str]:
    problems = [
        f"column {number} has no name; the columns are {', '.join(CSV_COLUMNS)}"
        for number, name in enumerate(header, start=1)
        if not name
    ]
    unknown = [name for name in header if name and name not in (*CSV_COLUMNS, _IGNORED)]
    if unknown:
        problems.append(
            f"unknown column(s) {', '.join(repr(n) for n in unknown)}; the columns are "
            f"{', '.join(CSV_COLUMNS)}"
        )
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(f"column(s) given twice: {', '.join(repeated)}")
    return problems


def _parse_rows(
    header: list[str], body: list[list[str]], problems: list[str]
) -> tuple[str | None, list[dict[str, Any]]]:
    first_month = None
    expected: list[str] | None = None
    parsed = []
    for number, cells in enumerate(body, start=1):
        where = f"row {number}"
        if len(cells) != len(header):
            problems.append(f"{where}: has {len(cells)} values; the header has {len(header)}")
            continue
        values = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        if "month" in values:
            month = values["month"]
            if date := _DATE.fullmatch(month):  # a date, as spreadsheets save a month
                month = date["month"]
            if not _MONTH.fullmatch(month):
                problems.append(
                    f"{where}, month: must be written YYYY-MM (got {quote_value(month)})"
                )
            elif expected is None:
                first_month = month
                expected = month_labels(month, len(body))
            elif month != expected[number - 1]:
                problems.append(
                    f"{where}, month: months must follow each other; expected "
                    f"{expected[number - 1]} (got {quote_value(month)})"
                )
            where = f"{where} ({month})"
        row: dict[str, Any] = {}
        for name in _REQUIRED:
            cell = values[name]
            number = _whole(cell)
            if number is None:
                problems.append(
                    f"{where}, {name}: must be a whole number (got {quote_value(cell)})"
                )
            elif number < 0:
                problems.append(f"{where}, {name}: must be 0 or more (got {quote_value(cell)})")
            else:
                row[name] = number
        hours = values.get("logged_in_hours", "")
        if hours:
            if (value := _hours(hours)) is not None:
                row["logged_in_hours"] = value
            else:
                either = "; it could be thousands or a decimal comma" if "," in hours else ""
                problems.append(
                    f"{where}, logged_in_hours: must be a number of hours with at most four "
                    f"decimals, or empty (got {quote_value(hours)}{either})"
                )
        parsed.append(row)
    return first_month, parsed


def rows_from_table(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of an edited staffing table as plain values for validation.

    Whole-valued numbers become ``int`` (tables hand back floats and numpy integers), empty cells
    ``None``, hours ``Decimal``; anything else is passed on unchanged for the validator to name.
    """
    rows = []
    for record in records:
        row: dict[str, Any] = {}
        for name in STAFFING_COLUMNS:
            value = record.get(name)
            if name == "logged_in_hours":
                hours = _decimal_or_none(value)
                if hours is not None or value is None or _is_blank(value):
                    row[name] = hours
                else:
                    row[name] = value
            else:
                row[name] = _whole_or_value(value)
        rows.append(row)
    return rows


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _whole_or_value(value: Any) -> Any:
    if _is_blank(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    if math.isfinite(number) and number.is_integer():
        return int(number)
    return number


def _decimal_or_none(value: Any) -> Decimal | None:
    if _is_blank(value):
        return None
    try:
        number = decimal_from_input(value)
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None
