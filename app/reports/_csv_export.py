"""CSV exports: the tidy monthly table and any table shown beside a chart.

Files are UTF-8 with a byte-order mark (Excel then reads accents and currency signs correctly),
comma-separated with CRLF line ends (RFC 4180), and every text cell, header included, passes
through :func:`app.reports._safety.neutralise`. Money is written as exact decimal strings with two
places (``"4550.00"``), never as binary floats.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pandas as pd

from app.reports._safety import neutralise
from calculator import Comparison, money_str

BOM = "\ufeff"

MONTHLY_EXPORT_COLUMNS = [
    "month",  # YYYY-MM
    "month_number",  # 1-based
    "plan",
    "rule",
    "is_baseline",
    "counted_units",  # [agents] or [h]
    "billable_units",  # [agents] or [h]
    "unit_rate",  # [currency/unit]
    "recurring",  # [currency]
    "one_time",  # [currency]
    "cost",  # [currency]
    "savings",  # [currency] baseline cost - this plan's cost
    "volume_effect",  # [currency]
    "rate_effect",  # [currency]
    "currency",  # ISO 4217 code
]
_MONEY = {
    "recurring": "recurring_cents",
    "one_time": "one_time_cents",
    "cost": "cost_cents",
    "savings": "savings_cents",
    "volume_effect": "volume_effect_cents",
    "rate_effect": "rate_effect_cents",
}


def monthly_export_table(comparison: Comparison) -> pd.DataFrame:
    """The tidy monthly table (one row per month and plan) with money as decimal strings.

    Built from :attr:`calculator.Comparison.monthly`, so it holds the same lines as every chart
    and total. Units are written exactly as the calculator counted them (``"8400.5"`` hours).
    """
    scenario = comparison.scenario
    monthly = comparison.monthly
    table = pd.DataFrame(
        {
            "month": monthly["month"],
            "month_number": monthly["month_number"],
            "plan": monthly["plan"],
            "rule": monthly["rule"],
            "is_baseline": monthly["is_baseline"],
        }
    )
    lines = [line for plan in scenario.plans for line in comparison.lines[plan.name]]
    table["counted_units"] = [_units_text(line.counted_units) for line in lines]
    table["billable_units"] = [_units_text(line.billable_units) for line in lines]
    table["unit_rate"] = [_decimal_text(Decimal(rate)) for rate in monthly["unit_rate"]]
    for column, cents_column in _MONEY.items():
        table[column] = [money_str(int(cents)) for cents in monthly[cents_column]]
    table["currency"] = scenario.currency
    return table[MONTHLY_EXPORT_COLUMNS]


def _units_text(value: int | Decimal) -> str:
    return str(value) if isinstance(value, int) else _decimal_text(value)


def _decimal_text(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros after the point: ``104.060000 -> "104.06"``."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def dataframe_to_csv(table: pd.DataFrame) -> bytes:
    """Any table as CSV bytes: UTF-8 with BOM, CRLF, formula-like text neutralised.

    Numeric columns are written as numbers; missing values as empty cells; the index is dropped.
    """
    safe = table.copy()
    safe.columns = [str(neutralise(str(name))) for name in table.columns]
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            safe.isetitem(position, column.map(neutralise, na_action="ignore"))
    text = safe.to_csv(index=False, lineterminator="\r\n")
    return (BOM + text).encode("utf-8")


def monthly_csv(comparison: Comparison) -> bytes:
    """The tidy monthly table of ``comparison`` as CSV bytes (see :func:`dataframe_to_csv`)."""
    return dataframe_to_csv(monthly_export_table(comparison))


def csv_filename(title: str, suffix: str = ".csv") -> str:
    """A safe, readable file name from a title: ``"Monthly cost per plan" -> "monthly-cost-per-plan.csv"``.

    Only ASCII letters, digits and hyphens survive; at most 60 characters; never empty.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")
    return f"{slug or 'table'}{suffix}"


def tables_zip(tables: dict[str, pd.DataFrame]) -> bytes:
    """Several tables as one ZIP of CSV files named from their titles (in the given order).

    Duplicate titles get ``-2``, ``-3`` suffixes so no file overwrites another.
    """
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for title, table in tables.items():
            name = csv_filename(title)
            number = 2
            while name in used:
                name = csv_filename(title, f"-{number}.csv")
                number += 1
            used.add(name)
            # A fixed timestamp keeps the archive identical for identical tables.
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, dataframe_to_csv(table))
    return buffer.getvalue()
