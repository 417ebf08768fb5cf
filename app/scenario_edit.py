"""Pure helpers behind the scenario editors: resizing a curve, staffing as CSV, table rows.

Nothing here calls Streamlit, so every rule is unit-tested directly. Staffing read back from CSV
or a workbook is :mod:`app.staffing_import`'s.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.binding import decimal_from_input
from app.staffing_import import CSV_COLUMNS, STAFFING_COLUMNS
from calculator import MAX_MONTHS, MonthStaffing, month_labels


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
