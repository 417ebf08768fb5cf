"""Each plan's cost by contract year (:mod:`calculator._contract_years`): planned, not to
exceed and savings in the base year and each option year, and through each year.

Method: ``docs/budget.md#contract-years-base-and-option-periods``.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator._contract_years import ContractYear


@dataclass(frozen=True, slots=True)
class PlanContractYear:
    """One plan in one contract year, and through it [cents].

    ``planned_through_cents`` and ``not_to_exceed_through_cents`` add every year up to and
    including this one: the contract's cost if every option through this year is exercised.
    """

    plan: str
    contract_year: ContractYear
    planned_cents: int  # monthly lines of the year, one-time costs included
    not_to_exceed_cents: int
    savings_cents: int  # baseline - plan (0 for the baseline)
    planned_through_cents: int
    not_to_exceed_through_cents: int
