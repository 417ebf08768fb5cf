"""Fiscal years: which billing months fall in which fiscal year, and which years are partial.

A fiscal year is named by the calendar year in which it ends: with a July start, FY2028 runs from
July 2027 to June 2028. With a January start the fiscal year is the calendar year.

Method: ``docs/budget.md#fiscal-years``.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator._models import month_labels


def fiscal_year_of(month: str, start_month: int) -> int:
    """The fiscal year [year] that contains billing ``month`` (``YYYY-MM``).

    >>> fiscal_year_of("2027-07", 7), fiscal_year_of("2028-06", 7), fiscal_year_of("2027-12", 1)
    (2028, 2028, 2027)
    """
    year, number = int(month[:4]), int(month[5:7])
    return year + 1 if start_month > 1 and number >= start_month else year


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """One fiscal year as far as the horizon reaches into it.

    ``month_indices`` are 0-based positions of its billing months in the horizon; a year the
    horizon covers for fewer than twelve months is ``partial``.
    """

    year: int  # calendar year in which the fiscal year ends [year]
    first_month: str  # first month of the whole fiscal year, YYYY-MM
    last_month: str  # last month of the whole fiscal year, YYYY-MM
    month_indices: tuple[int, ...]
    months: tuple[str, ...]  # the billing months of the horizon inside this year, YYYY-MM

    @property
    def label(self) -> str:
        """``"FY2028"``."""
        return f"FY{self.year}"

    @property
    def partial(self) -> bool:
        """Whether the horizon covers fewer than its twelve months."""
        return len(self.months) < 12


def fiscal_years(start_month: str, horizon: int, fiscal_start: int) -> list[FiscalYear]:
    """The fiscal years that the ``horizon`` months from ``start_month`` touch, in order.

    ``fiscal_start`` is the first calendar month of the fiscal year (1 to 12).
    """
    months = month_labels(start_month, horizon)
    grouped: dict[int, list[int]] = {}
    for index, month in enumerate(months):
        grouped.setdefault(fiscal_year_of(month, fiscal_start), []).append(index)
    years = []
    for year, indices in grouped.items():
        first = (year - 1 if fiscal_start > 1 else year) * 12 + fiscal_start - 1
        years.append(
            FiscalYear(
                year=year,
                first_month=_label(first),
                last_month=_label(first + 11),
                month_indices=tuple(indices),
                months=tuple(months[index] for index in indices),
            )
        )
    return years


def _label(month_index: int) -> str:
    """Month number since year 0 (January of year 0 = 0) as ``YYYY-MM``."""
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
