"""The scenario: a staffing curve and the plans to price it with.

Models are frozen (hashable, safe to cache), refuse unknown fields (a typo in a shared file is an
error, not a silently ignored key) and accept finite numbers only. Counts are strict integers, so
``true``, ``1.5`` and ``"12"`` are refused rather than coerced. Money and rates are ``Decimal``.

Cross-field rules live on :class:`Scenario`, where the start month is known, so every message names
the month, the field, the rule and the value.

Method: ``docs/method.md#counting-rules``.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from calculator._budget_settings import BudgetSettings
from calculator._types import (
    FROZEN,
    Headcount,
    Hours,
    Label,
    Money,
    MonthText,
    Rate,
    Ratio,
)
from calculator._types import MAX_AGENTS as MAX_AGENTS  # re-exported: part of the model limits

SCHEMA_VERSION = 1
MAX_MONTHS = 60
MAX_PLANS = 8


class CountingRule(StrEnum):
    """What a licensing model counts each billing month."""

    NAMED_SEAT = "named_seat"
    """Provisioned accounts ``P`` (highest number provisioned in the month) [agents]."""
    CONCURRENT = "concurrent"
    """Peak simultaneously logged-in agents ``C`` [agents]."""
    ACTIVE_USER = "active_user"
    """Unique agents who logged in during the month ``A`` [agents]."""
    LOGGED_IN_HOURS = "logged_in_hours"
    """Total logged-in agent-hours ``H``, rounded up once per month [h]."""

    @property
    def label(self) -> str:
        return _RULE_LABELS[self]

    @property
    def unit(self) -> str:
        return "hour" if self is CountingRule.LOGGED_IN_HOURS else _RULE_UNITS[self]


_RULE_LABELS = {
    CountingRule.NAMED_SEAT: "Named seat",
    CountingRule.CONCURRENT: "Concurrent",
    CountingRule.ACTIVE_USER: "Active user",
    CountingRule.LOGGED_IN_HOURS: "Logged-in hours",
}
_RULE_UNITS = {
    CountingRule.NAMED_SEAT: "seat",
    CountingRule.CONCURRENT: "concurrent seat",
    CountingRule.ACTIVE_USER: "active user",
}


class MonthStaffing(BaseModel):
    """One billing month of the staffing curve. Ordering rules are checked by :class:`Scenario`."""

    model_config = FROZEN

    provisioned: Headcount = Field(
        description="Accounts provisioned: the highest number that held a login in the month [agents]"
    )
    active: Headcount = Field(
        description="Unique agents who logged in at least once in the month [agents]"
    )
    peak_concurrent: Headcount = Field(
        description="Highest number of agents logged in at one instant of the month [agents]"
    )
    logged_in_hours: Hours | None = Field(
        default=None, description="Total logged-in agent-hours in the month, optional [h]"
    )


class Plan(BaseModel):
    """A licensing plan: a counting rule, a unit rate and contract terms.

    A month's charge, with ``units`` the counted quantity (see :class:`CountingRule`)::

        max(minimum_monthly_charge,
            committed_units * rate + max(0, units - committed_units) * overage_rate)

    Rates rise by ``escalator`` once per contract year (contract years start at the scenario's
    start month). ``one_time_cost`` is charged in the first month.
    """

    model_config = FROZEN

    name: Label = Field(description="Plan name, unique within the scenario [text]")
    rule: CountingRule = Field(description="What is counted each billing month [rule]")
    rate: Rate = Field(
        description="Price per counted unit per month; per hour for logged-in hours [currency/unit]"
    )
    committed_units: Headcount = Field(
        default=0,
        description="Units paid for every month whether used or not; a floor [units]",
    )
    overage_rate: Rate | None = Field(
        default=None,
        description="Price per unit above the commitment; empty means the plan rate [currency/unit]",
    )
    minimum_monthly_charge: Money = Field(
        default=Decimal(0), description="Least the plan charges in any month [currency/month]"
    )
    one_time_cost: Money = Field(
        default=Decimal(0),
        description="Implementation, migration and training, charged in month 1 [currency]",
    )
    escalator: Ratio = Field(
        default=Decimal(0),
        description="Yearly price rise applied at each contract anniversary, e.g. 0.03 [1/year]",
    )
    seats_reducible: bool = Field(
        default=True,
        strict=True,
        description=(
            "Named seat only: whether seats can be reduced within a contract year; if not, every "
            "month bills the contract year's peak provisioned accounts [yes/no]"
        ),
    )
    concurrent_cap: Headcount | None = Field(
        default=None,
        description=(
            "Concurrent only: concurrent seats bought up front and billed every month; logins "
            "above it are refused [agents]"
        ),
    )

    @model_validator(mode="after")
    def _rule_specific_terms(self) -> Self:
        if not self.seats_reducible and self.rule is not CountingRule.NAMED_SEAT:
            raise PydanticCustomError(
                "rule_term",
                "seats_reducible applies only to named_seat plans, not {rule}",
                {"rule": self.rule.value},
            )
        if self.concurrent_cap is not None and self.rule is not CountingRule.CONCURRENT:
            raise PydanticCustomError(
                "rule_term",
                "concurrent_cap applies only to concurrent plans, not {rule}",
                {"rule": self.rule.value},
            )
        return self

    @property
    def effective_overage_rate(self) -> Decimal:
        return self.rate if self.overage_rate is None else self.overage_rate


class Scenario(BaseModel):
    """A named staffing curve over 1 to 60 months and the plans that price it."""

    model_config = FROZEN

    schema_version: Literal[1] = Field(
        default=SCHEMA_VERSION, description="Scenario file format version [version]"
    )
    name: Label = Field(description="Scenario name [text]")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        default="USD", description="ISO 4217 currency code of every amount [code]"
    )
    start_month: MonthText = Field(description="First billing month, YYYY-MM [month]")
    staffing: list[MonthStaffing] = Field(
        min_length=1,
        max_length=MAX_MONTHS,
        description="Staffing per billing month from the start month; its length is the horizon",
    )
    plans: list[Plan] = Field(
        min_length=1, max_length=MAX_PLANS, description="Plans to compare [plans]"
    )
    baseline: Label = Field(description="Name of the plan the customer pays today [text]")
    budget: BudgetSettings = Field(
        default_factory=BudgetSettings,
        description="Fiscal year, discount rate, programs and funding, uncertainty [settings]",
    )

    @property
    def horizon(self) -> int:
        """Number of billing months [months]."""
        return len(self.staffing)

    @property
    def months(self) -> list[str]:
        """Billing months as ``YYYY-MM`` labels, one per staffing entry."""
        return month_labels(self.start_month, self.horizon)

    @property
    def baseline_plan(self) -> Plan:
        return next(plan for plan in self.plans if plan.name == self.baseline)

    def plan(self, name: str) -> Plan:
        return next(plan for plan in self.plans if plan.name == name)

    @model_validator(mode="after")
    def _cross_field_rules(self) -> Self:
        problems = list(self._rule_problems())
        if len(problems) == 1:
            raise problems[0]
        if problems:  # every broken rule at once, one error each
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [InitErrorDetails(type=problem, loc=(), input=None) for problem in problems],
            )
        return self

    def _rule_problems(self) -> Iterator[PydanticCustomError]:
        months = self.months
        for label, number, month in zip(
            months, range(1, len(months) + 1), self.staffing, strict=True
        ):
            where = f"month {number} ({label})"
            if month.active > month.provisioned:
                yield _rule_error(where, "active", month.active, "provisioned", month.provisioned)
            if month.peak_concurrent > month.active:
                yield _rule_error(
                    where, "peak_concurrent", month.peak_concurrent, "active", month.active
                )
            if month.logged_in_hours is not None:
                ceiling = month.active * hours_in_month(label)
                if month.logged_in_hours > ceiling:
                    yield PydanticCustomError(
                        "staffing_order",
                        "{where}: logged_in_hours ({value}) must be <= active x hours in the month"
                        " ({ceiling})",
                        {"where": where, "value": str(month.logged_in_hours), "ceiling": ceiling},
                    )
        names = [plan.name for plan in self.plans]
        for name in dict.fromkeys(names):
            if names.count(name) > 1:
                yield PydanticCustomError(
                    "duplicate_plan",
                    "plan names must be unique: '{name}' appears {count} times",
                    {"name": name, "count": names.count(name)},
                )
        if self.baseline not in names:
            yield PydanticCustomError(
                "unknown_baseline",
                "baseline '{baseline}' is not one of the plans: {names}",
                {"baseline": self.baseline, "names": ", ".join(names)},
            )
        for plan in self.plans:
            if plan.rule is not CountingRule.LOGGED_IN_HOURS:
                continue
            missing = [
                (number, label)
                for label, number, month in zip(
                    months, range(1, len(months) + 1), self.staffing, strict=True
                )
                if month.logged_in_hours is None
            ]
            if missing:  # one problem per plan, naming the first month without hours
                number, label = missing[0]
                yield PydanticCustomError(
                    "missing_hours",
                    "plan '{plan}' counts logged-in hours but month {number} ({label}) has no"
                    " logged_in_hours",
                    {"plan": plan.name, "number": number, "label": label},
                )


def _rule_error(where: str, field: str, value: int, other: str, bound: int) -> PydanticCustomError:
    return PydanticCustomError(
        "staffing_order",
        "{where}: {field} ({value}) must be <= {other} ({bound})",
        {"where": where, "field": field, "value": value, "other": other, "bound": bound},
    )


def month_labels(start_month: str, count: int) -> list[str]:
    """``("2027-11", 3) -> ["2027-11", "2027-12", "2028-01"]``."""
    return list(_month_labels(start_month, count))


@functools.lru_cache(maxsize=256)
def _month_labels(start_month: str, count: int) -> tuple[str, ...]:
    # Cached: every rerun of the app asks for the same few label runs.
    year, month = (int(part) for part in start_month.split("-"))
    first = year * 12 + month - 1
    return tuple(f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(first, first + count))


def hours_in_month(label: str) -> int:
    """Wall-clock hours in a ``YYYY-MM`` month [h]: 24 x days."""
    year, month = (int(part) for part in label.split("-"))
    return 24 * calendar.monthrange(year, month)[1]
