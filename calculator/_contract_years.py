"""Contract years: the base year and the option years of a government cost estimate.

A contract year is twelve months from the scenario's start month, the same years at whose
anniversaries rates rise by the escalator and within which seats that cannot be reduced are held.
A government cost estimate lays a contract out the same way: year 1 is the **base** period and
every later year an **option** period the buyer may exercise; the total through a year is what
the contract costs if every option up to it is exercised. The last year is partial when the
horizon is not a whole number of years. The budget view sums each plan's cost by these years
(:class:`calculator.budget.PlanContractYear`); the side-by-side view each column's.

Method: ``docs/budget.md#contract-years-base-and-option-periods``.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator._models import month_labels

MONTHS_PER_CONTRACT_YEAR = 12


def contract_period(number: int) -> str:
    """Contract year ``number`` (1-based) as a government cost estimate names its period:
    ``"base"`` for year 1, ``"option 1"`` for year 2, and so on."""
    return "base" if number == 1 else f"option {number - 1}"


def contract_year_name(number: int) -> str:
    """``"Year 1 (base)"``, ``"Year 3 (option 2)"``."""
    return f"Year {number} ({contract_period(number)})"


@dataclass(frozen=True, slots=True)
class ContractYear:
    """One contract year as far as the horizon reaches into it.

    ``month_indices`` are 0-based positions of its billing months in the horizon; a year the
    horizon covers for fewer than twelve months is ``partial``.
    """

    number: int  # 1 = the base year [year of the contract]
    month_indices: tuple[int, ...]
    months: tuple[str, ...]  # its billing months, YYYY-MM

    @property
    def period(self) -> str:
        """``"base"`` for year 1, ``"option 1"`` for year 2, and so on."""
        return contract_period(self.number)

    @property
    def label(self) -> str:
        """``"Year 1 (base)"``, ``"Year 3 (option 2)"``."""
        return contract_year_name(self.number)

    @property
    def partial(self) -> bool:
        """Whether the horizon covers fewer than its twelve months."""
        return len(self.months) < MONTHS_PER_CONTRACT_YEAR


def contract_years(start_month: str, horizon: int) -> list[ContractYear]:
    """The contract years of ``horizon`` months from ``start_month`` (``YYYY-MM``), in order.

    >>> [(year.label, year.months[0], len(year.months)) for year in contract_years("2027-01", 18)]
    [('Year 1 (base)', '2027-01', 12), ('Year 2 (option 1)', '2028-01', 6)]
    """
    months = month_labels(start_month, horizon)
    return [
        ContractYear(
            number=first // MONTHS_PER_CONTRACT_YEAR + 1,
            month_indices=tuple(range(first, min(first + MONTHS_PER_CONTRACT_YEAR, horizon))),
            months=tuple(months[first : first + MONTHS_PER_CONTRACT_YEAR]),
        )
        for first in range(0, horizon, MONTHS_PER_CONTRACT_YEAR)
    ]
