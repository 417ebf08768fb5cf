"""Staffing curves: a generator from workforce facts, and seasonal presets built with it.

All defaults are illustrative. Every generated month satisfies ``P >= A >= C >= 0``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from calculator._models import MAX_MONTHS, MonthStaffing, month_labels
from calculator._types import MAX_AGENTS

CalendarMonth = Annotated[int, Field(ge=1, le=12, strict=True)]
Agents = Annotated[int, Field(ge=0, le=MAX_AGENTS, strict=True)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class ShiftPattern(StrEnum):
    """How the working day is covered; sets peak concurrent / active agents."""

    ONE_SHIFT = "one_shift"
    TWO_SHIFTS = "two_shifts"
    TWENTY_FOUR_SEVEN = "24x7"


# Illustrative peak-to-active ratios: with one shift most of the day's agents overlap, but not
# everyone works every day (days off, leave); two shifts halve the overlap; 24x7 spreads the
# workforce over about four teams.
CONCURRENCY_RATIO = {
    ShiftPattern.ONE_SHIFT: 0.75,
    ShiftPattern.TWO_SHIFTS: 0.45,
    ShiftPattern.TWENTY_FOUR_SEVEN: 0.28,
}


class CurveSpec(BaseModel):
    """Workforce facts from which :func:`generate_curve` builds a staffing curve."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_staff: Agents = Field(default=100, description="Agents working all year [agents]")
    seasonal_staff: Agents = Field(
        default=0, description="Extra agents added in the seasonal months [agents]"
    )
    seasonal_months: tuple[CalendarMonth, ...] = Field(
        default=(), description="Calendar months of the season, 1 = January [months]"
    )
    ramp_months: Annotated[int, Field(ge=0, le=3, strict=True)] = Field(
        default=0,
        description="Months before the season in which seasonal staff are hired in equal steps "
        "[months]",
    )
    part_time_share: Share = Field(
        default=0.0, description="Share of base staff who work only part of the year [1]"
    )
    part_time_months: Annotated[int, Field(ge=1, le=12, strict=True)] = Field(
        default=6,
        description="Months a year each part-timer works (keeps the account all year) [months]",
    )
    monthly_attrition: Annotated[float, Field(ge=0, le=0.5, allow_inf_nan=False)] = Field(
        default=0.0, description="Share of working agents who leave each month, replaced [1/month]"
    )
    deprovisioning_lag: Annotated[int, Field(ge=0, le=12, strict=True)] = Field(
        default=0,
        description="Months a departed agent's account stays provisioned before removal [months]",
    )
    training_accounts: Agents = Field(
        default=0, description="Training and test accounts: provisioned, never active [accounts]"
    )
    shift_pattern: ShiftPattern = Field(
        default=ShiftPattern.ONE_SHIFT, description="How the day is covered [pattern]"
    )
    concurrency_ratio: Share | None = Field(
        default=None,
        description="Peak concurrent / active agents; overrides the shift pattern when set [1]",
    )
    hours_per_active_agent: Annotated[float, Field(ge=0, le=672, allow_inf_nan=False)] = Field(
        default=120.0, description="Logged-in hours per active agent per month [h/agent/month]"
    )

    @model_validator(mode="after")
    def _season_needs_months(self) -> Self:
        if self.seasonal_staff and not self.seasonal_months:
            raise PydanticCustomError(
                "season",
                "seasonal_staff is {staff} but no seasonal_months are chosen",
                {"staff": self.seasonal_staff},
            )
        return self

    @property
    def ratio(self) -> float:
        if self.concurrency_ratio is not None:
            return self.concurrency_ratio
        return CONCURRENCY_RATIO[self.shift_pattern]


def _round(value: float) -> int:
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _seasonal_fraction(calendar_month: int, spec: CurveSpec) -> float:
    """Share of seasonal staff working in ``calendar_month``: 1 in season, steps up in the ramp."""
    if calendar_month in spec.seasonal_months:
        return 1.0
    for ahead in range(1, spec.ramp_months + 1):
        if (calendar_month - 1 + ahead) % 12 + 1 in spec.seasonal_months:
            return (spec.ramp_months + 1 - ahead) / (spec.ramp_months + 1)
    return 0.0


def generate_curve(spec: CurveSpec, start_month: str, months: int) -> list[MonthStaffing]:
    """Staffing for ``months`` billing months from ``start_month`` (``YYYY-MM``).

    Notes
    -----
    Per month, with ``s`` the seasonal fraction (1 in season, ``k/(ramp+1)`` in the ramp):

    - working agents ``W = base - part_timers + seasonal_staff * s``;
    - active ``A = W + round(part_timers * part_time_months / 12)`` (part-timers' months are spread
      evenly over the year);
    - provisioned ``P = base + seasonal_staff * s + departed_not_yet_removed + training_accounts``,
      where ``departed_not_yet_removed = round(W * monthly_attrition * deprovisioning_lag)``
      (leavers are replaced at once, their accounts linger for the lag);
    - peak concurrent ``C = round(A * ratio)``; logged-in hours ``H = A * hours_per_active_agent``.
    """
    if not 1 <= months <= MAX_MONTHS:
        raise ValueError(f"months must be between 1 and {MAX_MONTHS}: {months}")
    part_timers = _round(spec.base_staff * spec.part_time_share)
    part_time_active = _round(part_timers * spec.part_time_months / 12)
    result = []
    for label in month_labels(start_month, months):
        seasonal = _round(spec.seasonal_staff * _seasonal_fraction(int(label[5:]), spec))
        working = spec.base_staff - part_timers + seasonal
        active = working + part_time_active
        lingering = _round(working * spec.monthly_attrition * spec.deprovisioning_lag)
        provisioned = spec.base_staff + seasonal + lingering + spec.training_accounts
        concurrent = min(active, _round(active * spec.ratio))
        hours = Decimal(repr(spec.hours_per_active_agent)) * active
        result.append(
            MonthStaffing(
                provisioned=provisioned,
                active=active,
                peak_concurrent=concurrent,
                logged_in_hours=hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
            )
        )
    return result


PRESETS: dict[str, tuple[str, CurveSpec]] = {
    "flat": ("Flat: the same team all year", CurveSpec(base_staff=100, training_accounts=5)),
    "tax_season": (
        "Tax season: January to April peak",
        CurveSpec(
            base_staff=40,
            seasonal_staff=80,
            seasonal_months=(1, 2, 3, 4),
            ramp_months=1,
            monthly_attrition=0.03,
            deprovisioning_lag=2,
            training_accounts=5,
        ),
    ),
    "open_enrollment": (
        "Benefits open enrollment: November to January peak",
        CurveSpec(
            base_staff=50,
            seasonal_staff=70,
            seasonal_months=(11, 12, 1),
            ramp_months=1,
            monthly_attrition=0.02,
            deprovisioning_lag=1,
            training_accounts=5,
        ),
    ),
    "holiday_retail": (
        "Holiday retail: November and December peak",
        CurveSpec(
            base_staff=60,
            seasonal_staff=90,
            seasonal_months=(11, 12),
            ramp_months=1,
            shift_pattern=ShiftPattern.TWO_SHIFTS,
            monthly_attrition=0.04,
            deprovisioning_lag=1,
            training_accounts=5,
        ),
    ),
    "summer_peak": (
        "Summer peak: June to August",
        CurveSpec(
            base_staff=60,
            seasonal_staff=40,
            seasonal_months=(6, 7, 8),
            ramp_months=1,
            training_accounts=3,
        ),
    ),
    "part_time_pool": (
        "Part-time pool: most agents work half the year",
        CurveSpec(base_staff=100, part_time_share=0.6, part_time_months=6, training_accounts=3),
    ),
}


def preset_curve(name: str, start_month: str, months: int) -> list[MonthStaffing]:
    """The named preset's staffing (see ``PRESETS``) for ``months`` months from ``start_month``."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of: {', '.join(PRESETS)}")
    return generate_curve(PRESETS[name][1], start_month, months)
