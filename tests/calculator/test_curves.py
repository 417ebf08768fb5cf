"""Staffing curves: the generator's formulas by hand, and every preset valid."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from calculator import (
    PRESETS,
    CurveSpec,
    Scenario,
    ShiftPattern,
    example_scenario,
    generate_curve,
    preset_curve,
)


def one(spec, start="2027-01"):
    (month,) = generate_curve(spec, start, 1)
    return month


def test_base_staff_only():
    """100 base staff, one shift: P = A = 100, C = 75 (ratio 0.75), H = 100 x 120 h."""
    month = one(CurveSpec(base_staff=100))
    assert (month.provisioned, month.active, month.peak_concurrent) == (100, 100, 75)
    assert month.logged_in_hours == Decimal("12000.00")


def test_part_timers_hold_accounts_all_year():
    """Half of 100 staff work 6 of 12 months: P = 100, A = 50 + 50 x 6/12 = 75."""
    month = one(CurveSpec(base_staff=100, part_time_share=0.5, part_time_months=6))
    assert (month.provisioned, month.active) == (100, 75)


def test_attrition_lag_keeps_departed_accounts():
    """3 % monthly attrition of 100 with a 2-month lag leaves 6 departed accounts provisioned."""
    month = one(CurveSpec(base_staff=100, monthly_attrition=0.03, deprovisioning_lag=2))
    assert (month.provisioned, month.active) == (106, 100)


def test_training_accounts_are_provisioned_not_active():
    """5 training accounts add to P only."""
    month = one(CurveSpec(base_staff=10, training_accounts=5))
    assert (month.provisioned, month.active) == (15, 10)


def test_season_with_ramp():
    """80 seasonal staff for Feb-Mar with a 1-month ramp: Jan 40, Feb 80, Mar 80, Apr 0."""
    spec = CurveSpec(base_staff=20, seasonal_staff=80, seasonal_months=(2, 3), ramp_months=1)
    months = generate_curve(spec, "2027-01", 4)
    assert [m.active - 20 for m in months] == [40, 80, 80, 0]


def test_ramp_wraps_around_the_year():
    """A January season with a 2-month ramp starts hiring in November."""
    spec = CurveSpec(base_staff=0, seasonal_staff=90, seasonal_months=(1,), ramp_months=2)
    months = generate_curve(spec, "2026-10", 4)
    assert [m.active for m in months] == [0, 30, 60, 90]


@pytest.mark.parametrize(
    ("pattern", "peak"),
    [
        (ShiftPattern.ONE_SHIFT, 75),
        (ShiftPattern.TWO_SHIFTS, 45),
        (ShiftPattern.TWENTY_FOUR_SEVEN, 28),
    ],
)
def test_shift_pattern_sets_concurrency(pattern, peak):
    """Peak concurrency of 100 active agents follows the shift pattern."""
    assert one(CurveSpec(base_staff=100, shift_pattern=pattern)).peak_concurrent == peak


def test_explicit_ratio_overrides_shift_pattern():
    """A concurrency ratio of 0.5 gives 50 of 100."""
    assert one(CurveSpec(base_staff=100, concurrency_ratio=0.5)).peak_concurrent == 50


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_is_a_valid_five_year_curve(name):
    """Each preset gives 60 months that a scenario accepts (P >= A >= C, H within the month)."""
    staffing = preset_curve(name, "2027-07", 60)
    base = example_scenario()
    Scenario.model_validate(
        {
            **base.model_dump(),
            "staffing": [m.model_dump() for m in staffing],
            "start_month": "2027-07",
        }
    )


def test_tax_season_peaks_in_spring():
    """The tax-season preset is busiest from January to April."""
    months = preset_curve("tax_season", "2027-01", 12)
    peak = max(m.active for m in months)
    assert [i + 1 for i, m in enumerate(months) if m.active == peak] == [1, 2, 3, 4]


def test_unknown_preset():
    """An unknown preset name lists the known ones."""
    with pytest.raises(ValueError, match="unknown preset 'nope'; choose one of: flat, "):
        preset_curve("nope", "2027-01", 12)


def test_season_needs_months():
    """Seasonal staff without seasonal months is refused with a reason."""
    with pytest.raises(ValidationError, match="seasonal_staff is 10 but no seasonal_months"):
        CurveSpec(seasonal_staff=10)
