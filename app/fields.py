"""The field table of every model the app edits: one line per field (see :mod:`app.binding`).

A new contract term is one line in :class:`calculator.Plan` and one line in :data:`PLAN`; its
widget, its seeding, reading it back and naming it in problems all follow from that line.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from typing import Annotated

from pydantic import Field as Describe
from pydantic.dataclasses import dataclass

from app.binding import Binding, Field, Kind
from calculator import (
    MAX_MONTHS,
    CountingRule,
    CurveSpec,
    MonthStaffing,
    Plan,
    Scenario,
    SeatReduction,
    ShiftPattern,
)
from calculator._types import Headcount, Rate
from calculator.budget import FISCAL_YEAR_STARTS, MAX_DRAWS, MIN_DRAWS, BudgetSettings
from calculator.usage import MAX_PAID_SEATS, UsageOptions

MONEY = {"min_value": 0.0, "step": 100.0, "format": "%.2f"}
RATE = {"min_value": 0.0, "step": 1.0}
PERCENT_CHANGE = {"min_value": -100.0, "max_value": 1000.0, "step": 5.0}
HEADCOUNT = {"min_value": 0, "max_value": 1_000_000}

# --- The seasonal editor ---------------------------------------------------------------------

PERIOD = Binding(
    Scenario,
    "seasonal",
    (
        Field("name", Kind.TEXT, "Name of the scenario", max_chars=60),
        Field("start_month", Kind.TEXT, "First month", " (YYYY-MM)", max_chars=7, column=1),
    ),
)
"""The scenario's name and first month (the number of months is the staffing's length)."""

STAFFING = Binding(
    MonthStaffing,
    "seasonal_month",
    (
        Field("provisioned", Kind.WHOLE, "Provisioned seats", **HEADCOUNT),
        Field("active", Kind.WHOLE, "Active users", column=1, **HEADCOUNT),
        Field("peak_concurrent", Kind.WHOLE, "Peak concurrent agents", column=2, **HEADCOUNT),
        Field(
            "logged_in_hours",
            Kind.EXACT,
            "Logged-in hours",
            " (optional)",
            optional=True,
            min_value=0.0,
            step=1.0,
            column=3,
        ),
    ),
)
"""One month of the staffing curve; keys ``seasonal_month_<index>_<field>``."""

HORIZON_LABEL = "Number of months"


@dataclass(frozen=True)
class Horizon:
    """How many months the seasonal plan covers."""

    months: Annotated[int, Describe(ge=1, le=MAX_MONTHS, strict=True)] = Describe(
        description="Extending the plan repeats the last month; shortening it drops months at "
        "the end [months]"
    )


HORIZON = Binding(
    Horizon, "seasonal", (Field("months", Kind.WHOLE, HORIZON_LABEL, key="horizon", column=2),)
)
"""The number of months, beside the scenario's name and first month; key ``seasonal_horizon``."""

COUNTED = Field(
    "rule",
    Kind.CHOICE,
    "What is counted",
    options=tuple(CountingRule),
    format_func=lambda rule: rule.label,
)
"""The counting rule of a plan or of one of its priced lines."""

PLAN = Binding(
    Plan,
    "seasonal_plan",
    (
        Field("name", Kind.TEXT, "Plan name", max_chars=60),
        COUNTED,
        Field(
            "rate", Kind.EXACT, "Rate", " per unit a month (per hour for logged-in hours)", **RATE
        ),
        Field(
            "committed_units",
            Kind.WHOLE,
            "Committed units",
            " (paid every month)",
            min_value=0,
            column=1,
        ),
        Field(
            "overage_rate",
            Kind.EXACT,
            "Overage rate above the commitment",
            " (optional)",
            optional=True,
            column=1,
            **RATE,
        ),
        Field("minimum_monthly_charge", Kind.EXACT, "Minimum monthly charge", column=1, **MONEY),
        Field(
            "escalator",
            Kind.PERCENT,
            "Yearly price rise",
            ", %",
            help="Yearly price rise applied at each contract anniversary, in percent: 3 for 3 %.",
            min_value=0.0,
            max_value=100.0,
            step=0.5,
            column=2,
        ),
        Field(
            "monthly_term_premium",
            Kind.PERCENT,
            "Monthly-term premium",
            ", %",
            help="Extra paid on every rate for a month-to-month term, in percent: 20 for 20 % "
            "more.",
            min_value=0.0,
            max_value=1000.0,
            step=5.0,
            column=2,
        ),
        Field(
            "seat_reduction",
            Kind.CHOICE,
            "When fewer seats bill less",
            options=tuple(SeatReduction),
            format_func=lambda rule: SEAT_REDUCTION_WORDS[rule],
            column=2,
        ),
        Field("tiers", Kind.KEPT, "Rate bands"),
        Field("tier_mode", Kind.KEPT, "How rate bands apply"),
        Field("true_up", Kind.KEPT, "True-up"),
        Field("quantity", Kind.KEPT, "Fixed quantity"),
        Field("above", Kind.KEPT, "Counted above"),
        Field("up_to", Kind.KEPT, "Counted up to"),
        Field(
            "concurrent_cap",
            Kind.WHOLE,
            "Concurrent seats bought up front",
            " (concurrent only, optional)",
            optional=True,
            min_value=0,
            column=2,
        ),
        Field("one_time_cost", Kind.EXACT, "One-time cost in the first month", column=2, **MONEY),
        Field("one_time_months", Kind.KEPT, "Months the one-time cost is spread over"),
        Field("lines", Kind.KEPT, "Other lines of the plan"),
    ),
)
"""A plan's contract terms; keys ``seasonal_plan_<index>_<term>``."""

SEAT_REDUCTION_WORDS = {
    SeatReduction.MONTHLY: "Each month bills its own count",
    SeatReduction.NEXT_MONTH: "Fewer seats bill less from the next month",
    SeatReduction.HIGH_WATER_MARK: "Seats can go up any month; they come down only at renewal",
    SeatReduction.CONTRACT_YEAR_PEAK: "Every month bills the contract year's peak",
}
"""The seat-reduction rules in plain words (docs/contract-rules.md)."""

NEW_PLAN_TERMS = {CountingRule.NAMED_SEAT: {"seat_reduction": SeatReduction.HIGH_WATER_MARK}}
"""Terms a newly added plan starts with, by counting rule. Named seats start as a running high-water
mark (seats go up any month, come down at renewal), as Microsoft, Zendesk and Atlassian bill; see
docs/contract-rules.md."""

NEW_PLAN = Binding(
    Plan,
    "seasonal_new_plan",
    tuple(
        replace(item, optional=True) if item.name == "rate" else item
        for item in PLAN.fields
        if item.name in ("name", "rule", "rate")
    ),
)
"""What "Add a plan" asks for: name, counting rule and rate (the rate starts empty, so nothing
is priced at a rate nobody typed); keys ``seasonal_new_plan_<term>``."""

_SHIFT_LABELS = {
    ShiftPattern.ONE_SHIFT: "One shift",
    ShiftPattern.TWO_SHIFTS: "Two shifts",
    ShiftPattern.TWENTY_FOUR_SEVEN: "Around the clock (24x7)",
}

CURVE = Binding(
    CurveSpec,
    "seasonal_generator",
    (
        Field("base_staff", Kind.WHOLE, "Year-round agents", min_value=0),
        Field("seasonal_staff", Kind.WHOLE, "Seasonal agents", min_value=0),
        Field("seasonal_months", Kind.MONTHS, "Seasonal months"),
        Field(
            "ramp_months", Kind.WHOLE, "Ramp-up months before the season", min_value=0, max_value=3
        ),
        Field(
            "part_time_share",
            Kind.SHARE,
            "Part-timers",
            ", % of year-round agents",
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            column=1,
        ),
        Field(
            "part_time_months",
            Kind.WHOLE,
            "Months a year each part-timer works",
            min_value=1,
            max_value=12,
            column=1,
        ),
        Field(
            "monthly_attrition",
            Kind.SHARE,
            "Agents leaving each month",
            ", %",
            min_value=0.0,
            max_value=50.0,
            step=0.5,
            column=1,
        ),
        Field(
            "deprovisioning_lag",
            Kind.WHOLE,
            "Months before a leaver's account is removed",
            min_value=0,
            max_value=12,
            column=1,
        ),
        Field("training_accounts", Kind.WHOLE, "Training and test accounts", min_value=0, column=2),
        Field(
            "shift_pattern",
            Kind.CHOICE,
            "Shift pattern",
            options=tuple(ShiftPattern),
            format_func=lambda pattern: _SHIFT_LABELS[pattern],
            column=2,
        ),
        Field(
            "concurrency_ratio",
            Kind.SHARE,
            "Peak concurrent as % of active",
            " (optional, overrides the shift pattern)",
            optional=True,
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            column=2,
        ),
        Field(
            "hours_per_active_agent",
            Kind.NUMBER,
            "Logged-in hours per active agent a month",
            min_value=0.0,
            max_value=672.0,
            step=10.0,
            column=2,
        ),
    ),
)
"""The staffing generator's workforce facts."""

# --- The budget page -------------------------------------------------------------------------


def fiscal_month_option(month: int) -> str:
    """``7 -> "July (US states: ...)"``: the month, and whose fiscal year starts in it."""
    hint = FISCAL_YEAR_STARTS.get(month)
    name = calendar.month_name[month]
    return f"{name} ({hint.split(': ', 1)[1]})" if hint else name


RANGE_LABELS = {
    "active_users": "Active users (and their logged-in hours)",
    "peak_concurrency": "Peak concurrency",
    "rates": "Rates of the alternative plans",
}

BUDGET_FISCAL = Binding(
    BudgetSettings,
    "budget",
    (
        Field(
            "fiscal_year_start_month",
            Kind.CHOICE,
            "Fiscal year starts in",
            options=tuple(range(1, 13)),
            format_func=fiscal_month_option,
            key="fiscal_start",
        ),
        Field(
            "discount_rate",
            Kind.PERCENT,
            "Discount rate",
            ", % a year",
            min_value=0.0,
            max_value=100.0,
            step=0.25,
            column=1,
        ),
        Field(
            "appropriation",
            Kind.EXACT,
            "Appropriation per fiscal year",
            " (not to exceed; optional)",
            optional=True,
            column=2,
            **MONEY,
        ),
    ),
)
"""Fiscal-year start, discount rate and the appropriation each fiscal year allows."""

BUDGET_UNCERTAINTY = Binding(
    BudgetSettings,
    "budget",
    (
        *(
            Field(
                f"uncertainty.{name}.{end}",
                Kind.PERCENT,
                f"{label}: {word} change",
                ", %",
                help=f"{word.capitalize()} change from the planned value, in percent: "
                f"{example} for {example.lstrip('-')} % {direction}.",
                key=f"{name}_{end}",
                column=column,
                **PERCENT_CHANGE,
            )
            for name, label in RANGE_LABELS.items()
            for column, (end, word, example, direction) in enumerate(
                (("low", "lowest", "-10", "lower"), ("high", "highest", "10", "higher"))
            )
        ),
        Field(
            "uncertainty.draws",
            Kind.WHOLE,
            "Draws",
            min_value=MIN_DRAWS,
            max_value=MAX_DRAWS,
            step=1000,
            key="draws",
            column=2,
        ),
        Field(
            "uncertainty.seed",
            Kind.WHOLE,
            "Random seed",
            min_value=0,
            max_value=2**32 - 1,
            key="seed",
            column=3,
        ),
        Field(
            "tornado_change",
            Kind.PERCENT,
            "Tornado: move each input by",
            " %",
            min_value=1.0,
            max_value=100.0,
            step=5.0,
            column=4,
        ),
    ),
    labels_extra={
        "uncertainty": "",
        **{name: label[:1].lower() + label[1:] for name, label in RANGE_LABELS.items()},
        "low": "lowest change",
        "high": "highest change",
    },
)
"""The Monte Carlo ranges, draws and seed, and the tornado's step."""

# --- The whole scenario ----------------------------------------------------------------------

SCENARIO_LABELS = {
    **PERIOD.labels(),
    **STAFFING.labels("staffing"),
    **{item.name: item.noun for item in STAFFING.fields},  # named so in rules between fields
    **PLAN.labels("plans"),
    "baseline": "plan you pay for today",
    "currency": "currency",
    "schema_version": "file version",
    "budget": "",
    **BUDGET_FISCAL.labels(),
    **BUDGET_UNCERTAINTY.labels(),
    "programs": "programs",  # one of them is "program 2"
    "funding": "funding sources",
    "source": "source",
    "monthly_shares": "month-by-month split",
    "shares": "share",
    "lines.name": "line name",
    "tiers.up_to": "up to",  # a band's, not a plan's or line's "counted up to"
    "tiers.rate": "rate",
    "programs.name": "program name",
    "above": "counted above",
    "quantity": "fixed quantity",
    "rule": "what is counted",
    "period_months": "months in each true-up period",
    "premium": "true-up premium",
    "pooled": "pooled true-up",
    **{rule.value: rule.label.lower() for rule in CountingRule},  # "not named_seat"
}
"""How problems with a whole scenario (a file, a share link, an offer, a log's months) name its
fields: as the pages that edit them label them."""

# --- Quick mode ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuickValues:
    """The quick inputs: one typical month and two or three unit rates."""

    provisioned: Headcount = Describe(
        description="Accounts you pay for today, whether anyone uses them or not [agents]"
    )
    active: Headcount = Describe(description="Agents who log in at least once in a month [agents]")
    seat_rate: Rate = Describe(description="Price of a named seat [currency/seat/month]")
    active_rate: Rate = Describe(description="Price of an active user [currency/active user/month]")
    concurrent_rate: Rate | None = Describe(
        description="Leave empty to leave the concurrent plan out [currency/concurrent seat/month]"
    )
    peak_concurrent: Headcount | None = Describe(
        description="Most agents logged in at the same moment. Empty: the scenario's own (the "
        "worked example's 50), at most all active users [agents]"
    )


QUICK = Binding(
    QuickValues,
    "quick",
    (
        Field("provisioned", Kind.WHOLE, "Provisioned seats"),
        Field("active", Kind.WHOLE, "Active users", " a month"),
        Field(
            "peak_concurrent",
            Kind.WHOLE,
            "Peak concurrent agents",
            " (optional)",
            optional=True,
        ),
        Field("seat_rate", Kind.EXACT, "Seat rate", ", per seat a month", column=1),
        Field("active_rate", Kind.EXACT, "Active-user rate", ", per active user a month", column=1),
        Field(
            "concurrent_rate",
            Kind.EXACT,
            "Concurrent rate",
            ", per concurrent seat a month (optional)",
            optional=True,
            column=1,
        ),
    ),
    labels_extra={"staffing": ""},  # every month is the same: problems name no month
)
"""The quick inputs; their staffing fields share the names of a month's, so problems with the
scenario they build are named by these labels."""

# --- The usage page --------------------------------------------------------------------------

USAGE_OPTIONS = Binding(
    UsageOptions,
    "usage",
    (
        Field("format", Kind.KEPT, "Log format"),
        Field("tz", Kind.KEPT, "Billing time zone"),
        Field("source_tz", Kind.KEPT, "Time zone of times written without an offset"),
        Field("day_first", Kind.KEPT, "Dates written like 03/04/2024"),
        Field("columns", Kind.KEPT, "Column names"),
        Field(
            "open_session_cap_hours",
            Kind.NUMBER,
            "Close a session with no logout after",
            " (hours)",
            min_value=0.25,
            max_value=744.0,
            step=1.0,
            key="cap_hours",
        ),
        Field(
            "peak_min_minutes",
            Kind.WHOLE,
            "Ignore concurrency peaks held less than",
            " (minutes in the month)",
            step=5,
            key="peak_min",
            column=1,
        ),
        Field(
            "cycle_day",
            Kind.WHOLE,
            "Billing month starts on day",
            " (1 to 28)",
            help="The day of the month each billing month starts on, for a contract billed from "
            "its anniversary day; 1 = calendar months. A billing month is named by the month it "
            "starts in: from the 15th, 2026-03 runs from 15 March to 15 April.",
        ),
        Field(
            "cycle_hour",
            Kind.WHOLE,
            "Billing month starts at hour",
            " (0 to 23)",
            column=1,
            help="The hour of the day each billing month starts at, on the billing time zone's "
            "clock; 0 = midnight. Genesys Cloud's voice billing cycle starts at 7 in UTC.",
        ),
        Field("start_month", Kind.TEXT, "First month to report", " (YYYY-MM)"),
        Field("end_month", Kind.TEXT, "Last month to report", " (YYYY-MM)", column=1),
        Field(
            "logged_out_states",
            Kind.NAMES,
            "States that mean logged out",
            column=1,
            placeholder="the format's own, e.g. Offline",
            help="For logs of state or activity changes: Twilio TaskRouter, Five9 Agent State "
            "Details, Cisco UCCX, Genesys Cloud presence, Microsoft Dynamics 365 and the state "
            "changes layout. Type the states or activities that mean the agent is logged out, "
            "separated by commas, e.g. Logged Out, Offline (capitals and punctuation do not "
            "matter). Empty = the format's own: Offline for Genesys and Dynamics, Offline or a "
            "logout's words (Logged out, Signed out, ...) for Twilio, Logout for Five9 and Cisco "
            "UCCX, and Offline, Logout, Logged out, Log off or Logged off for state changes. Logs of sessions or of login and logout events do not use it.",
        ),
    ),
)
"""The analysis options with a number or text box (the others are chosen from lists); every
option has a label, so problems name it as the page does."""


@dataclass(frozen=True)
class UsageAnswers:
    """What the usage page asks beside the analysis options."""

    paid_seats: Annotated[int, Describe(ge=1, le=MAX_PAID_SEATS, strict=True)] | None = Describe(
        default=None,
        description="The log shows who logged in, not how many seats you pay for. Your answer is "
        "the provisioned seats of the staffing curve, so the savings include the unused seats. "
        "Upload a roster instead to take them from it [seats]",
    )
    idle_days: Annotated[int, Describe(ge=0, le=3660, strict=True)] = Describe(
        default=30, description="Counted back from the last logout in the log [days]"
    )


PAID_SEATS = Binding(
    UsageAnswers,
    "usage",
    (
        Field(
            "paid_seats",
            Kind.WHOLE,
            "How many seats do you pay for today?",
            optional=True,
            placeholder="Seats on your current contract",
        ),
    ),
    labels_extra={"paid_seats": "seats you pay for today"},
)
"""The seats paid for today, asked when no roster gives them; key ``usage_paid_seats``."""

IDLE_DAYS = Binding(
    UsageAnswers, "usage", (Field("idle_days", Kind.WHOLE, "No login in the last", " (days)"),)
)
"""How long without a login makes an account idle; key ``usage_idle_days``."""
