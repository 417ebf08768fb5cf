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
import itertools
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from calculator._budget_settings import BudgetSettings
from calculator._errors import quote_value
from calculator._types import (
    FROZEN,
    Headcount,
    Hours,
    Label,
    Money,
    MonthText,
    PositiveRatio,
    Rate,
    Ratio,
)
from calculator._types import MAX_AGENTS as MAX_AGENTS  # re-exported: part of the model limits

SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)
MAX_MONTHS = 60
MAX_PLANS = 8
TODAY_MARK = " (today)"
"""What every table, chart and export puts after the baseline's name ("Named seats (today)"), so
no other plan may be named so: its column would take the baseline's place."""
FIRST_YEAR = 1900
"""Earliest year of a scenario's first month, as of a log's timestamps (:mod:`calculator.usage`)."""
LAST_START_YEAR = 9999 - MAX_MONTHS // 12
"""Latest year of a scenario's first month (9994): the longest horizon then ends by 9999-12, so
every month of it is written YYYY-MM."""


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


class SeatReduction(StrEnum):
    """When a lower seat count starts to bill less (see docs/contract-rules.md).

    Applies to the seat-like counts (named seats, concurrent seats, active users), not to hours.
    """

    MONTHLY = "monthly"
    """Each month bills its own count [units]."""
    NEXT_MONTH = "next_month"
    """A month bills max(its count, the previous month's); the first month its own [units]."""
    HIGH_WATER_MARK = "high_water_mark"
    """A month bills the highest count so far in its contract year [units]."""
    CONTRACT_YEAR_PEAK = "contract_year_peak"
    """Every month bills its contract year's highest count [units]."""


class TierMode(StrEnum):
    """How a list of rate bands prices a count."""

    VOLUME = "volume"
    """Every billable unit at the rate of the band the count falls in."""
    GRADUATED = "graduated"
    """Each slice of the count at its own band's rate."""


MAX_TIERS = 12
MAX_LINES = 6
MAX_TRUE_UP_MONTHS = 12


class Tier(BaseModel):
    """One rate band: units up to ``up_to`` (inclusive) after the previous band's ``up_to``."""

    model_config = FROZEN

    # At least 1: a band up to 0 prices no unit. Each later band's must be above the one before.
    up_to: Annotated[int, Field(ge=1, le=MAX_AGENTS, strict=True)] | None = Field(
        description="Highest count priced in this band, inclusive, at least 1; empty for the last "
        "band [units]"
    )
    rate: Rate = Field(description="Price per unit in this band per month [currency/unit]")


class TrueUp(BaseModel):
    """Usage above the commitment billed in arrears, at a premium, at the end of each period;
    measured month by month, or pooled over the period."""

    model_config = FROZEN

    period_months: int = Field(
        ge=1,
        le=MAX_TRUE_UP_MONTHS,
        strict=True,
        description="Months in each true-up period, counted from the start month [months]",
    )
    premium: Ratio = Field(
        default=Decimal(0),
        description="Extra charged on the overage rate for trued-up units, e.g. 0.2 for 120 % [1]",
    )
    pooled: bool = Field(
        default=False,
        strict=True,
        description="Measure the period's units together: months under the commitment offset "
        "months over it, and the period bills only its net units above the commitment (a "
        "variance measured annually, a prepaid pool of agent-months); false = every month's "
        "units above the commitment accrue [yes/no]",
    )


class _PricedLine(BaseModel):
    """A counting rule, a unit rate and the contract terms that turn counts into a monthly charge.

    A month's charge, with ``units`` the billable quantity after the seat-reduction rule and the
    commitment floor::

        max(minimum_monthly_charge,
            committed_units * rate + (units - committed_units) * overage_rate)

    or, with ``tiers``, ``max(minimum_monthly_charge, tiered(units))``. Rates rise by
    ``escalator`` once per contract year and are multiplied by ``1 + monthly_term_premium``.
    """

    model_config = FROZEN

    name: Label = Field(description="Name of the line [text]")
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
    escalator: Ratio = Field(
        default=Decimal(0),
        description="Yearly price rise applied at each contract anniversary, e.g. 0.03 [1/year]",
    )
    monthly_term_premium: Ratio = Field(
        default=Decimal(0),
        description=(
            "Extra paid on every rate for a month-to-month term, e.g. 0.2 for 20 % more [1]"
        ),
    )
    seat_reduction: SeatReduction = Field(
        default=SeatReduction.MONTHLY,
        description=(
            "Seat counts only: when a lower count bills less - monthly, next_month, "
            "high_water_mark (highest so far in the contract year) or contract_year_peak [rule]"
        ),
    )
    tiers: list[Tier] | None = Field(
        default=None,
        max_length=MAX_TIERS,
        description=(
            "Rate bands in ascending order, the last without up_to; the first band's rate is the "
            "plan rate [bands]"
        ),
    )
    tier_mode: TierMode = Field(
        default=TierMode.VOLUME,
        description="With rate bands: volume (all units at one band's rate) or graduated [mode]",
    )
    true_up: TrueUp | None = Field(
        default=None,
        description=(
            "Bill usage above the commitment in arrears at the end of each period, at the "
            "overage rate plus a premium [terms]"
        ),
    )

    quantity: Headcount | None = Field(
        default=None, description="A fixed count billed every month, whatever the curve [units]"
    )
    above: Headcount = Field(
        default=0, description="Counts only units above this many (overflow) [units]"
    )
    up_to: Headcount | None = Field(
        default=None,
        description="Counts units up to this many, inclusive; empty = no limit [units]",
    )

    @property
    def effective_overage_rate(self) -> Decimal:
        return self.rate if self.overage_rate is None else self.overage_rate

    @model_validator(mode="after")
    def _terms_fit_the_rule(self) -> Self:
        if (
            self.seat_reduction is not SeatReduction.MONTHLY
            and self.rule is CountingRule.LOGGED_IN_HOURS
        ):
            raise PydanticCustomError(
                "rule_term",
                "seat_reduction {value} applies only to seat counts (named_seat, concurrent, "
                "active_user), not logged_in_hours",
                {"value": self.seat_reduction.value},
            )
        if self.tiers is not None:
            _check_tiers(self)
        return self

    @model_validator(mode="after")
    def _slice_is_sound(self) -> Self:
        if self.quantity is not None and (self.above or self.up_to is not None):
            raise PydanticCustomError(
                "line_slice", "a line bills a fixed quantity or a slice (above/up_to), not both"
            )
        if self.up_to is not None and self.up_to <= self.above:
            raise PydanticCustomError(
                "line_slice",
                "up_to ({up_to}) must be above 'above' ({above})",
                {"up_to": self.up_to, "above": self.above},
            )
        return self


def _check_tiers(line: _PricedLine) -> None:
    """Bands ascend from a first band of at least one unit, end open, and start at the plan
    rate; messages name the band by its row ("rate band 2"), as the band table numbers them."""
    tiers = line.tiers or []
    if not tiers:
        raise PydanticCustomError("tiers", "rate bands: list at least one band")
    for number, tier in enumerate(tiers[:-1], start=1):
        if tier.up_to is None:
            raise PydanticCustomError(
                "tiers",
                "rate band {number}: only the last band may leave up_to empty",
                {"number": number},
            )
    if tiers[-1].up_to is not None:
        raise PydanticCustomError(
            "tiers",
            "rate band {number}: the last band must leave up_to empty, so every count above "
            "the bands before it is priced (it has {value})",
            {"number": len(tiers), "value": tiers[-1].up_to},
        )
    bounds = [tier.up_to for tier in tiers[:-1]]
    for number, (low, high) in enumerate(itertools.pairwise(bounds), start=2):
        assert low is not None
        assert high is not None
        if high <= low:
            raise PydanticCustomError(
                "tiers",
                "rate band {number}: up_to ({high}) must be above band {previous}'s ({low})",
                {"number": number, "previous": number - 1, "high": high, "low": low},
            )
    if tiers[0].rate != line.rate:
        raise PydanticCustomError(
            "tiers",
            "rate band 1: its rate ({first}) must equal the plan's rate ({rate}), the price of "
            "the first band's units",
            {"rate": str(line.rate), "first": str(tiers[0].rate)},
        )
    if line.overage_rate is not None or line.true_up is not None:
        raise PydanticCustomError(
            "tiers",
            "rate bands price every unit by band: leave overage_rate and true_up empty",
        )


class PlanLine(_PricedLine):
    """A further priced line of a plan: its own rule, rate and terms, on all or part of a count.

    ``quantity`` bills a fixed count every month (e.g. 10 supervisor seats); ``share`` a share of
    the rule's units (e.g. the 20 % of active users on a premium license level); otherwise the
    line counts its rule's units between ``above`` (exclusive) and ``up_to`` (inclusive), e.g.
    concurrent overflow above a named core of 50: ``above = 50``.
    """

    name: Label = Field(description="Line name, unique within the plan [text]")
    share: PositiveRatio | None = Field(
        default=None,
        description=(
            "Counts this share of the rule's units, agents rounded up to whole agents, e.g. 0.2 "
            "for the 20 % of agents on a premium license level; empty = all of them [1]"
        ),
    )

    @model_validator(mode="after")
    def _share_alone(self) -> Self:
        if self.share is not None and (
            self.quantity is not None or self.above or self.up_to is not None
        ):
            raise PydanticCustomError(
                "line_slice",
                "a line bills a share of its rule's units, or a fixed quantity or a slice "
                "(above/up_to), not both",
            )
        return self


def _plain(value: Any) -> str:
    """A choice as people write it: ``"active_user"``, not the enum's repr; shortened."""
    return value.value if isinstance(value, StrEnum) else quote_value(value).strip("'")


_LEGACY_REDUCIBLE = {True: SeatReduction.MONTHLY, False: SeatReduction.CONTRACT_YEAR_PEAK}


class Plan(_PricedLine):
    """A licensing plan: its main line (a counting rule, a unit rate and contract terms), any
    further ``lines``, and one-time costs. The plan's monthly charge is the sum of its lines'
    charges, each rounded once.

    Contract years start at the scenario's start month. ``one_time_cost`` is charged in month 1,
    or split evenly over ``one_time_months``.

    Version-1 ``seats_reducible`` is still read: ``true`` is ``seat_reduction = "monthly"``,
    ``false`` is ``"contract_year_peak"`` (named seat only, as in version 1).
    """

    name: Label = Field(description="Plan name, unique within the scenario [text]")
    concurrent_cap: Headcount | None = Field(
        default=None,
        description=(
            "Concurrent only: concurrent seats bought up front and billed every month; logins "
            "above it are refused [agents]"
        ),
    )
    one_time_cost: Money = Field(
        default=Decimal(0),
        description="Implementation, migration and training, charged in month 1 [currency]",
    )
    one_time_months: list[Annotated[int, Field(ge=1, le=MAX_MONTHS, strict=True)]] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_MONTHS,
        description=(
            "Months (1 = the start month) over which the one-time cost is split evenly; "
            "empty = month 1 [months]"
        ),
    )
    lines: list[PlanLine] = Field(
        default_factory=list,
        max_length=MAX_LINES,
        description="Further priced lines billed with the plan, each with its own rule [lines]",
    )

    @model_validator(mode="before")
    @classmethod
    def _read_seats_reducible(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "seats_reducible" not in data:
            return data
        data = dict(data)
        reducible = data.pop("seats_reducible")
        if not isinstance(reducible, bool):
            raise PydanticCustomError(
                "bool_type",
                "seats_reducible must be true or false (got {value})",
                {"value": quote_value(reducible)},
            )
        if not reducible and data.get("rule") != CountingRule.NAMED_SEAT.value:
            raise PydanticCustomError(
                "rule_term",
                "seats_reducible applies only to named_seat plans, not {rule}",
                {"rule": _plain(data.get("rule"))},
            )
        given = data.setdefault("seat_reduction", _LEGACY_REDUCIBLE[reducible])
        if given != _LEGACY_REDUCIBLE[reducible]:
            raise PydanticCustomError(
                "rule_term",
                "seat_reduction ({given}) and the older seats_reducible ({reducible}) disagree; "
                "give seat_reduction only",
                {"given": _plain(given), "reducible": str(reducible).lower()},
            )
        return data

    @model_validator(mode="after")
    def _rule_specific_terms(self) -> Self:
        if self.concurrent_cap is not None and self.rule is not CountingRule.CONCURRENT:
            raise PydanticCustomError(
                "rule_term",
                "concurrent_cap applies only to concurrent plans, not {rule}",
                {"rule": self.rule.value},
            )
        names = [self.name, *(line.name for line in self.lines)]
        for name in names:
            if names.count(name) > 1:
                raise PydanticCustomError(
                    "duplicate_line",
                    "line names must differ from each other and from the plan's: '{name}' "
                    "appears {count} times",
                    {"name": name, "count": names.count(name)},
                )
        months = self.one_time_months or []
        if sorted(set(months)) != months:
            raise PydanticCustomError(
                "one_time_months",
                "one_time_months must be listed once each, in ascending order",
            )
        return self

    @property
    def seats_reducible(self) -> bool:
        """Version-1 view: whether a lower count bills less within the contract year [yes/no]."""
        return self.seat_reduction in {SeatReduction.MONTHLY, SeatReduction.NEXT_MONTH}

    @property
    def is_single_line(self) -> bool:
        """No further lines and no rate bands: one rule, one rate."""
        return not self.lines and self.tiers is None

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """As pydantic's, and ``update`` may also give the version-1 ``seats_reducible``."""
        if update and "seats_reducible" in update:
            update = dict(update)
            update["seat_reduction"] = _LEGACY_REDUCIBLE[bool(update.pop("seats_reducible"))]
        return super().model_copy(update=update, deep=deep)


def _check_start_year(value: str) -> str:
    if not FIRST_YEAR <= int(value[:4]) <= LAST_START_YEAR:
        raise PydanticCustomError(
            "month_range",
            "must be in the years {first} to {last}",
            {"first": FIRST_YEAR, "last": LAST_START_YEAR},
        )
    return value


StartMonth = Annotated[MonthText, AfterValidator(_check_start_year)]
"""A scenario's first month: ``YYYY-MM`` from :data:`FIRST_YEAR` to :data:`LAST_START_YEAR`."""


class Scenario(BaseModel):
    """A named staffing curve over 1 to 60 months and the plans that price it."""

    model_config = FROZEN

    schema_version: Literal[2] = Field(
        default=SCHEMA_VERSION,
        description="Scenario file format version; version 1 is read and written as 2 [version]",
    )
    name: Label = Field(description="Scenario name [text]")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        default="USD", description="ISO 4217 currency code of every amount [code]"
    )
    start_month: StartMonth = Field(
        description=f"First billing month, YYYY-MM, in the years {FIRST_YEAR} to "
        f"{LAST_START_YEAR} [month]"
    )
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

    @model_validator(mode="before")
    @classmethod
    def _read_version_1(cls, data: Any) -> Any:
        """Version 1 differs only in ``seats_reducible``, which :class:`Plan` translates."""
        if isinstance(data, dict) and data.get("schema_version") == 1:
            return {**data, "schema_version": SCHEMA_VERSION}
        return data

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem_at_once(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Self:
        """A field's problem and the cross-field rules, reported together.

        Pydantic checks the rules between fields only once every field is valid, so a file with
        a mistyped rate and a month with more active users than seats named the rate alone, and
        the month only once the rate was fixed. Here the rules whose inputs are valid are also
        checked (:func:`_rules_on_what_parsed`), and both kinds of problem are raised at once.
        """
        try:
            return handler(data)
        except ValidationError as error:
            found = error.errors(include_url=False)
            if any(item["type"] in _RULE_TYPES for item in found):
                raise  # every field was valid: these are already the rules' problems
            extra = list(_rules_on_what_parsed(data, found))
            if not extra:
                raise
            raise ValidationError.from_exception_data(
                cls.__name__,
                [
                    *map(_as_details, found),
                    *(InitErrorDetails(type=problem, loc=(), input=None) for problem in extra),
                ],
            ) from None

    @model_validator(mode="after")
    def _cross_field_rules(self) -> Self:
        problems = [
            *_month_problems(self.months, self.staffing),
            *_plan_problems(self.plans, self.baseline, self.months, self.staffing),
        ]
        if len(problems) == 1:
            raise problems[0]
        if problems:  # every broken rule at once, one error each
            raise ValidationError.from_exception_data(
                type(self).__name__,
                [InitErrorDetails(type=problem, loc=(), input=None) for problem in problems],
            )
        return self


_RULE_TYPES = frozenset(
    {"staffing_order", "duplicate_plan", "unknown_baseline", "one_time_months", "missing_hours"}
)
"""The error types of :class:`Scenario`'s rules between fields."""


def _month_problems(
    labels: Sequence[str | None], staffing: Sequence[MonthStaffing | None]
) -> Iterator[PydanticCustomError]:
    """Each month's own rules: the staffing order, and hours within active x the month's hours.
    A month that is not valid (``None``) is skipped; without its label (``None``, the start
    month not valid), a month is named by its number and its hours are not checked."""
    for number, (label, month) in enumerate(zip(labels, staffing, strict=True), start=1):
        if month is None:
            continue
        where = f"month {number} ({label})" if label else f"month {number}"
        yield from staffing_order_problems(month.model_dump(), where)
        if label is not None and month.logged_in_hours is not None:
            ceiling = month.active * hours_in_month(label)
            if month.logged_in_hours > ceiling:
                yield PydanticCustomError(
                    "staffing_order",
                    "{where}: logged_in_hours ({value}) must be <= active x hours in the month"
                    " ({ceiling})",
                    {
                        "where": where,
                        "value": quote_value(month.logged_in_hours),
                        "ceiling": quote_value(ceiling),
                    },
                )


def _plan_problems(
    plans: Sequence[Plan | None],
    baseline: str | None,
    labels: Sequence[str | None],
    staffing: Sequence[MonthStaffing | None] | None,
    names: Sequence[str] | None = None,
) -> Iterator[PydanticCustomError]:
    """Rules between plans and the rest: unique names (none named as tables name the baseline,
    :data:`TODAY_MARK`), a baseline among them, one-time months
    within the horizon, hours in every month for a plan that counts them.

    ``names`` are the plans' names when some plan is not valid (``None``) but every name is;
    ``baseline`` or ``staffing`` is ``None`` when not valid, and the rules needing it are
    skipped. A month that is not valid is skipped when looking for one without hours."""
    if names is None and all(plan is not None for plan in plans):
        names = [plan.name for plan in plans if plan is not None]
    if names is not None:
        for name in dict.fromkeys(names):
            if names.count(name) > 1:
                yield PydanticCustomError(
                    "duplicate_plan",
                    "plan names must be unique: '{name}' appears {count} times",
                    {"name": name, "count": names.count(name)},
                )
        if baseline is not None and f"{baseline}{TODAY_MARK}" in names:
            yield PydanticCustomError(
                "duplicate_plan",
                "plan '{name}' would read as today's plan '{baseline}', which tables name '{name}'",
                {"name": f"{baseline}{TODAY_MARK}", "baseline": baseline},
            )
        if baseline is not None and baseline not in names:
            yield PydanticCustomError(
                "unknown_baseline",
                "baseline '{baseline}' is not one of the plans: {names}",
                {"baseline": baseline, "names": ", ".join(names)},
            )
    if staffing is None:
        return
    for plan in plans:
        if plan is None:
            continue
        late = [month for month in plan.one_time_months or [] if month > len(staffing)]
        if late:
            yield PydanticCustomError(
                "one_time_months",
                "plan '{plan}': one-time cost month {month} is after the last month ({horizon})",
                {"plan": plan.name, "month": late[0], "horizon": len(staffing)},
            )
        if all(
            line.rule is not CountingRule.LOGGED_IN_HOURS
            or getattr(line, "quantity", None) is not None
            for line in (plan, *plan.lines)
        ):
            continue
        missing = [
            (number, label)
            for number, (label, month) in enumerate(zip(labels, staffing, strict=True), start=1)
            if month is not None and month.logged_in_hours is None
        ]
        if missing:  # one problem per plan, naming the first month without hours
            number, label = missing[0]
            yield PydanticCustomError(
                "missing_hours",
                "plan '{plan}' counts logged-in hours but month {number} ({label}) has no"
                " logged_in_hours",
                {"plan": plan.name, "number": number, "label": label},
            )


def _rules_on_what_parsed(data: Any, found: list[Any]) -> Iterator[PydanticCustomError]:
    """The rules of :class:`Scenario` on the parts of ``data`` that are valid, when ``found``
    (the field problems) stopped Pydantic before it checked them."""
    if not isinstance(data, dict):
        return
    failed = {tuple(item["loc"]) for item in found}

    def fails(*place: Any) -> bool:
        return any(loc[: len(place)] == place for loc in failed)

    raw_staffing = data.get("staffing")
    staffing: list[MonthStaffing | None] | None = None
    if isinstance(raw_staffing, list) and (("staffing",) not in failed):
        staffing = [
            None if fails("staffing", index) else _parsed(MonthStaffing, entry)
            for index, entry in enumerate(raw_staffing)
        ]
    labels: list[str | None] = [None] * len(staffing or [])
    if staffing and not fails("start_month") and isinstance(data.get("start_month"), str):
        labels = list(month_labels(data["start_month"], len(staffing)))
    if staffing is not None:
        yield from _month_problems(labels, staffing)
    raw_plans = data.get("plans")
    if not isinstance(raw_plans, list) or ("plans",) in failed:
        return
    plans = [
        None if fails("plans", index) else _parsed(Plan, entry)
        for index, entry in enumerate(raw_plans)
    ]
    raw_names = [entry.get("name") if isinstance(entry, dict) else None for entry in raw_plans]
    names = None
    if all(isinstance(name, str) for name in raw_names) and not any(
        fails("plans", index, "name") for index in range(len(raw_plans))
    ):
        names = [str(name) for name in raw_names]
    baseline = data.get("baseline")
    if fails("baseline") or not isinstance(baseline, str):
        baseline = None
    yield from _plan_problems(plans, baseline, labels, staffing, names)


def _parsed(model: type[BaseModel], value: Any) -> Any:
    """``value`` as ``model``, or ``None`` when it is not valid."""
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _as_details(item: Any) -> InitErrorDetails:
    """A reported error as it can be raised again: its type, place, input and message kept."""
    return InitErrorDetails(
        type=PydanticCustomError(item["type"], item["msg"], item.get("ctx")),
        loc=tuple(item["loc"]),
        input=item.get("input"),
    )


STAFFING_ORDER = (("active", "provisioned"), ("peak_concurrent", "active"))
"""A month's counts that may not exceed another: active users are among the provisioned
accounts, and the agents logged in at once among the active users."""


def staffing_order_problems(
    counts: Mapping[str, Any], where: str = ""
) -> list[PydanticCustomError]:
    """The :data:`STAFFING_ORDER` rules ``counts`` breaks, one error each, named ``where`` (a
    month) when given. A count that is missing or ``None`` is not compared, so an entry whose
    other counts are refused can still be checked on the ones it has."""
    return [
        _rule_error(where, field, counts[field], other, counts[other])
        for field, other in STAFFING_ORDER
        if counts.get(field) is not None
        and counts.get(other) is not None
        and counts[field] > counts[other]
    ]


def check_staffing_order(counts: Mapping[str, Any]) -> None:
    """Raise a ``ValidationError`` listing every :func:`staffing_order_problems` of ``counts``
    (one month's, or the counts of a form that stands for every month alike)."""
    problems = staffing_order_problems(counts)
    if problems:
        raise ValidationError.from_exception_data(
            "staffing", [InitErrorDetails(type=problem, loc=(), input=None) for problem in problems]
        )


def _rule_error(where: str, field: str, value: int, other: str, bound: int) -> PydanticCustomError:
    return PydanticCustomError(
        "staffing_order",
        ("{where}: " if where else "") + "{field} ({value}) must be <= {other} ({bound})",
        {
            "where": where,
            "field": field,
            "value": quote_value(value),
            "other": other,
            "bound": quote_value(bound),
        },
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
