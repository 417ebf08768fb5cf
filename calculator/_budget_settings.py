"""Budget settings stored in the scenario: fiscal year, discount rate, programs, uncertainty.

These models are a field of :class:`calculator.Scenario`, so they travel in the scenario file and
the share link, and they sit beside the other models: the core depends on them, never on the budget
computations in :mod:`calculator.budget`, which re-exports them as its public names.

Every default is illustrative and labelled so: a July fiscal year (46 US states), a 3 % discount
rate, one program paid from one funding source, and modest uncertainty ranges. The appropriation
(the most a fiscal year's budget allows) starts empty: it is the budget office's own figure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from pydantic import (
    BaseModel,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from calculator._types import FROZEN, Change, Label, Money, MonthText, PositiveRatio, Ratio

MAX_PROGRAMS = 12
MAX_FUNDING_SOURCES = 6
MAX_MONTHLY_SHARES = 60
MIN_DRAWS = 100
MAX_DRAWS = 100_000

FISCAL_YEAR_STARTS: dict[int, str] = {
    7: "July: 46 US states",
    10: "October: US federal government, Alabama, Michigan",
    4: "April: New York",
    9: "September: Texas",
    1: "January: calendar year",
}
"""Common fiscal-year start months [month number] and who uses them (NCSL)."""

Share = Ratio


def _shares_text(named: list[tuple[str, Decimal]]) -> str:
    return ", ".join(f"{name} {share.normalize():f}" for name, share in named)


def _check_sum(what: str, named: list[tuple[str, Decimal]]) -> None:
    total = sum((share for _, share in named), Decimal(0))
    if total != 1:
        raise PydanticCustomError(
            "shares_sum",
            "{what} must add up to 1 (100 %); they add up to {total} ({shares})",
            {"what": what, "total": f"{total.normalize():f}", "shares": _shares_text(named)},
        )


def _check_unique(what: str, names: list[str]) -> None:
    """Each name once; names that differ only in capitals (Medicaid, medicaid) are one name
    typed twice, since reports and charts would show them as two programs or sources."""
    for name in names:
        if names.count(name) > 1:
            raise PydanticCustomError(
                "duplicate_name",
                "{what} must be unique: '{name}' appears {count} times",
                {"what": what, "name": name, "count": names.count(name)},
            )
    first: dict[str, str] = {}
    for name in names:
        earlier = first.setdefault(name.casefold(), name)
        if earlier != name:
            raise PydanticCustomError(
                "duplicate_name",
                "{what} must be unique: '{earlier}' and '{name}' differ only in capitals; "
                "write one name the same way each time",
                {"what": what, "earlier": earlier, "name": name},
            )


class FundingShare(BaseModel):
    """One funding source's part of a program's cost, e.g. Federal 0.75 [1]."""

    model_config = FROZEN

    source: Label = Field(
        description="Funding source, e.g. Federal or State general revenue [text]"
    )
    share: Share = Field(description="Part of the program's cost this source pays, 0 to 1 [1]")


class Program(BaseModel):
    """A program the workforce works on, with its share of the workforce and its funding split."""

    model_config = FROZEN

    name: Label = Field(description="Program name, e.g. SNAP or Medicaid [text]")
    share: Share = Field(
        description=(
            "Part of the workforce, and so of every month's cost, that works on this program, "
            "0 to 1; months listed in monthly_shares use those instead [1]"
        )
    )
    funding: list[FundingShare] = Field(
        min_length=1,
        max_length=MAX_FUNDING_SOURCES,
        description="Funding sources of the program; their shares add up to 1 [sources]",
    )

    @model_validator(mode="after")
    def _funding_adds_up(self) -> Self:
        _check_unique(f"funding sources of program '{self.name}'", [f.source for f in self.funding])
        _check_sum(
            f"funding shares of program '{self.name}'", [(f.source, f.share) for f in self.funding]
        )
        return self


class MonthlyShares(BaseModel):
    """The workforce split across programs in one month, overriding the constant shares."""

    model_config = FROZEN

    month: MonthText = Field(description="Billing month, YYYY-MM [month]")
    shares: dict[Label, Share] = Field(
        description="Program name -> part of the month's workforce; every program, adding up to 1"
        " [1]"
    )


def _percent_text(change: Decimal) -> str:
    """A relative change as a percentage, as typed: ``Decimal("-0.125") -> "-12.5 %"``."""
    return f"{(change * 100).normalize():f} %"


class RelativeRange(BaseModel):
    """An uncertain input as a relative change from its planned value: -0.1 = 10 % lower [1]."""

    model_config = FROZEN

    low: Change = Field(description="Lowest relative change, e.g. -0.1 for 10 % lower [1]")
    high: Change = Field(description="Highest relative change, e.g. 0.1 for 10 % higher [1]")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise PydanticCustomError(
                "range_order",
                "low ({low}) must be <= high ({high})",
                # As percentages: a form shows these fields in percent, a file in fractions, and
                # "20 %" reads right for both.
                {"low": _percent_text(self.low), "high": _percent_text(self.high)},
            )
        return self


class Uncertainty(BaseModel):
    """Ranges for the Monte Carlo estimate; each draw takes one value per range, uniformly.

    A draw scales the whole staffing curve (uncertainty about adoption is systematic, not
    month-to-month noise): active users (and logged-in hours with them), peak concurrency, and each
    alternative plan's rates (the baseline's rate is today's contract price).
    """

    model_config = FROZEN

    active_users: RelativeRange = Field(
        default=RelativeRange(low=Decimal("-0.1"), high=Decimal("0.1")),
        description="Relative change of active users and logged-in hours; illustrative [1]",
    )
    peak_concurrency: RelativeRange = Field(
        default=RelativeRange(low=Decimal("-0.1"), high=Decimal("0.1")),
        description="Relative change of peak concurrent agents; illustrative [1]",
    )
    rates: RelativeRange = Field(
        default=RelativeRange(low=Decimal("-0.05"), high=Decimal("0.05")),
        description="Relative change of each alternative plan's rates; illustrative [1]",
    )
    draws: int = Field(
        default=10_000,
        ge=MIN_DRAWS,
        le=MAX_DRAWS,
        strict=True,
        description="Number of Monte Carlo draws [draws]",
    )
    seed: int = Field(
        default=2027,
        ge=0,
        le=2**32 - 1,
        strict=True,
        description="Random seed, so a shared scenario gives the same estimate [number]",
    )


def _default_programs() -> list[Program]:
    return [
        Program(
            name="All programs",
            share=Decimal(1),
            funding=[FundingShare(source="All funding", share=Decimal(1))],
        )
    ]


class BudgetSettings(BaseModel):
    """How the budget view slices cost: fiscal years, discounting, programs, uncertainty."""

    model_config = FROZEN

    fiscal_year_start_month: int = Field(
        default=7,
        ge=1,
        le=12,
        strict=True,
        description="First calendar month of the fiscal year, 1 to 12; 7 = July [month]",
    )
    discount_rate: Ratio = Field(
        default=Decimal("0.03"),
        description="Annual discount rate for net present value; illustrative [1/year]",
    )
    programs: list[Program] = Field(
        default_factory=_default_programs,
        min_length=1,
        max_length=MAX_PROGRAMS,
        description="Programs with workforce shares adding up to 1 and their funding [programs]",
    )
    monthly_shares: list[MonthlyShares] = Field(
        default_factory=list,
        max_length=MAX_MONTHLY_SHARES,
        description=(
            "Month-by-month workforce split, overriding the programs' constant shares in the "
            "months listed; months outside the horizon are not used [months]"
        ),
    )
    uncertainty: Uncertainty = Field(
        default_factory=Uncertainty, description="Ranges for the Monte Carlo estimate [ranges]"
    )
    tornado_change: PositiveRatio = Field(
        default=Decimal("0.2"),
        description="Each input is moved by +/- this relative change in the tornado chart [1]",
    )
    appropriation: Money | None = Field(
        default=None,
        description=(
            "Appropriation, the not-to-exceed amount the budget allows in each fiscal year; "
            "empty means none is set [currency/fiscal year]"
        ),
    )

    @model_validator(mode="after")
    def _shares_add_up(self) -> Self:
        names = [program.name for program in self.programs]
        _check_unique("program names", names)
        _check_sum("program workforce shares", [(p.name, p.share) for p in self.programs])
        months = [entry.month for entry in self.monthly_shares]
        _check_unique("months of monthly_shares", months)
        for entry in self.monthly_shares:
            if set(entry.shares) != set(names):
                raise PydanticCustomError(
                    "monthly_programs",
                    "monthly_shares {month}: must list exactly the programs {names}; it lists "
                    "{listed}",
                    {
                        "month": entry.month,
                        "names": ", ".join(names),
                        "listed": ", ".join(entry.shares) or "none",
                    },
                )
            _check_sum(
                f"monthly_shares {entry.month}: program workforce shares",
                [(name, entry.shares[name]) for name in names],
            )
        return self

    def with_programs(self, programs: list[Program]) -> BudgetSettings:
        """These settings with other ``programs``; monthly shares are kept only while they name
        the same programs (else every month falls back to the new constant shares)."""
        same = {p.name for p in programs} == {p.name for p in self.programs}
        return self.model_copy(
            update={"programs": programs, "monthly_shares": self.monthly_shares if same else []}
        )

    def program_shares(self, month: str) -> list[Decimal]:
        """Each program's part of ``month``'s workforce, in program order [1]."""
        for entry in self.monthly_shares:
            if entry.month == month:
                return [entry.shares[program.name] for program in self.programs]
        return [program.share for program in self.programs]


def example_programs() -> list[Program]:
    """Illustrative state-agency programs and funding splits (check the current match rates).

    Medicaid eligibility and enrollment call centers: 75 % federal match (Georgetown CCF, 2014);
    SNAP administration: about 50 % federal (GAO-05-839R); unemployment insurance administration
    is paid from federal grants to the states (Social Security Act, Title III).
    """
    federal, state = "Federal", "State general revenue"
    return [
        Program(
            name="Medicaid",
            share=Decimal("0.4"),
            funding=[
                FundingShare(source=federal, share=Decimal("0.75")),
                FundingShare(source=state, share=Decimal("0.25")),
            ],
        ),
        Program(
            name="SNAP",
            share=Decimal("0.4"),
            funding=[
                FundingShare(source=federal, share=Decimal("0.5")),
                FundingShare(source=state, share=Decimal("0.5")),
            ],
        ),
        Program(
            name="Unemployment insurance",
            share=Decimal("0.2"),
            funding=[FundingShare(source=federal, share=Decimal(1))],
        ),
    ]
