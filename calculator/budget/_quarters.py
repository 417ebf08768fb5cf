"""Fiscal quarters: the spend plan of a fiscal year, three months at a time.

A budget office plans and releases money by quarter (an apportionment, an allotment, a cash-flow
forecast); with seasonal staffing the quarters of one year differ. Quarter 1 starts in the fiscal
year's first month, so with a July start FY2028 Q1 is July to September 2027 and Q4 April to June
2028. A quarter the horizon covers for fewer than its three months is ``partial``.

Method: ``docs/budget.md#fiscal-quarters-the-spend-plan``.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator._models import month_labels
from calculator.budget._fiscal import fiscal_year_of

MONTHS_PER_QUARTER = 3


def quarter_of(month: str, start_month: int) -> int:
    """The quarter (1 to 4) of its fiscal year that billing ``month`` (``YYYY-MM``) falls in.

    >>> quarter_of("2027-07", 7), quarter_of("2028-06", 7), quarter_of("2027-12", 10)
    (1, 4, 1)
    """
    return (int(month[5:7]) - start_month) % 12 // MONTHS_PER_QUARTER + 1


@dataclass(frozen=True, slots=True)
class FiscalQuarter:
    """One fiscal quarter as far as the horizon reaches into it.

    ``month_indices`` are 0-based positions of its billing months in the horizon (consecutive).
    """

    fiscal_year: int  # calendar year in which the fiscal year ends [year]
    quarter: int  # 1 to 4
    month_indices: tuple[int, ...]
    months: tuple[str, ...]  # the billing months of the horizon inside this quarter, YYYY-MM

    @property
    def label(self) -> str:
        """``"FY2028 Q1"``."""
        return f"FY{self.fiscal_year} Q{self.quarter}"

    @property
    def partial(self) -> bool:
        """Whether the horizon covers fewer than its three months."""
        return len(self.months) < MONTHS_PER_QUARTER


def fiscal_quarters(start_month: str, horizon: int, fiscal_start: int) -> list[FiscalQuarter]:
    """The fiscal quarters that the ``horizon`` months from ``start_month`` touch, in order.

    ``fiscal_start`` is the first calendar month of the fiscal year (1 to 12).

    >>> [(q.label, q.months) for q in fiscal_quarters("2027-05", 4, 7)]
    [('FY2027 Q4', ('2027-05', '2027-06')), ('FY2028 Q1', ('2027-07', '2027-08'))]
    """
    grouped: dict[tuple[int, int], list[int]] = {}
    months = month_labels(start_month, horizon)
    for index, month in enumerate(months):
        key = (fiscal_year_of(month, fiscal_start), quarter_of(month, fiscal_start))
        grouped.setdefault(key, []).append(index)
    return [
        FiscalQuarter(
            fiscal_year=year,
            quarter=quarter,
            month_indices=tuple(indices),
            months=tuple(months[index] for index in indices),
        )
        for (year, quarter), indices in grouped.items()
    ]


@dataclass(frozen=True, slots=True)
class PlanQuarter:
    """One plan in one fiscal quarter [cents]; ``savings_cents`` is baseline - plan (0 for it)."""

    plan: str
    fiscal_quarter: FiscalQuarter
    planned_cents: int  # monthly lines of the quarter, one-time costs included
    not_to_exceed_cents: int
    savings_cents: int
