"""Quick mode: the four numbers of the worked example, plus an optional concurrent plan.

The inputs describe one typical month; the scenario they write is that month repeated for twelve
months from the current scenario's start month, with named seats as today's plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import streamlit as st
from pydantic import ValidationError

from app import state
from app.components.markdown import escape_markdown
from calculator import (
    CountingRule,
    Plan,
    Scenario,
    describe_validation_error,
)
from calculator.budget import BudgetSettings

QUICK_MONTHS = 12
NAMED_PLAN = "Named seats"
ACTIVE_PLAN = "Active users"
CONCURRENT_PLAN = "Concurrent"
_SEEDED_FROM = "quick__seeded_from"  # revision of the scenario the widgets were filled from
_SEED_VALUES = "quick__seed_values"


@dataclass(frozen=True, slots=True)
class QuickValues:
    """The quick inputs: one typical month and two or three unit rates."""

    provisioned: int  # [agents]
    active: int  # [agents]
    seat_rate: Decimal  # [currency/seat/month]
    active_rate: Decimal  # [currency/active user/month]
    concurrent_rate: Decimal | None  # [currency/concurrent seat/month]; None = no concurrent plan
    peak_concurrent: int | None  # [agents]; None = everyone active logs in at once


def quick_values_from(scenario: Scenario) -> QuickValues:
    """What the quick inputs show for ``scenario``: its first month and first plan of each rule.

    Rates of rules the scenario lacks fall back to the worked example's ($100 and $65).
    """
    first = scenario.staffing[0]
    rates = {}
    for plan in scenario.plans:
        rates.setdefault(plan.rule, plan.rate)
    return QuickValues(
        provisioned=first.provisioned,
        active=first.active,
        seat_rate=rates.get(CountingRule.NAMED_SEAT, Decimal(100)),
        active_rate=rates.get(CountingRule.ACTIVE_USER, Decimal(65)),
        concurrent_rate=rates.get(CountingRule.CONCURRENT),
        peak_concurrent=first.peak_concurrent,
    )


def build_quick_scenario(
    values: QuickValues, *, name: str, start_month: str, budget: BudgetSettings | None = None
) -> Scenario:
    """Twelve identical months priced as named seats (today), active users and maybe concurrent.

    ``budget`` carries the scenario's budget settings (fiscal year, programs) across quick edits.

    Raises pydantic ``ValidationError`` when the numbers break a rule (e.g. active > provisioned).
    """
    peak = values.active if values.peak_concurrent is None else values.peak_concurrent
    plans = [
        Plan(name=NAMED_PLAN, rule=CountingRule.NAMED_SEAT, rate=values.seat_rate),
        Plan(name=ACTIVE_PLAN, rule=CountingRule.ACTIVE_USER, rate=values.active_rate),
    ]
    if values.concurrent_rate is not None:
        plans.append(
            Plan(name=CONCURRENT_PLAN, rule=CountingRule.CONCURRENT, rate=values.concurrent_rate)
        )
    month = {"provisioned": values.provisioned, "active": values.active, "peak_concurrent": peak}
    return Scenario.model_validate(
        {
            "name": name,
            "start_month": start_month,
            "staffing": [month] * QUICK_MONTHS,
            "plans": plans,
            "baseline": NAMED_PLAN,
            **({} if budget is None else {"budget": budget}),
        }
    )


def is_quick_shaped(scenario: Scenario) -> bool:
    """Whether quick mode can show ``scenario`` exactly (so opening it there loses nothing)."""
    try:
        rebuilt = build_quick_scenario(
            quick_values_from(scenario),
            name=scenario.name,
            start_month=scenario.start_month,
            budget=scenario.budget,
        )
    except ValidationError:
        return False
    return rebuilt == scenario


def rate_from_input(value: float) -> Decimal:
    """A rate typed into a number input as an exact decimal: cents when it has at most two
    decimal places, else rounded to the six places a rate may have [currency/unit]."""
    exact = Decimal(repr(value))
    cents = exact.quantize(Decimal("0.01"))
    return cents if cents == exact else exact.quantize(Decimal("0.000001"))


def _seed(values: QuickValues) -> None:
    filled = {
        "quick_provisioned": values.provisioned,
        "quick_active": values.active,
        "quick_seat_rate": float(values.seat_rate),
        "quick_active_rate": float(values.active_rate),
        "quick_concurrent_rate": None
        if values.concurrent_rate is None
        else float(values.concurrent_rate),
        "quick_peak_concurrent": values.peak_concurrent,
    }
    for key, value in filled.items():
        if not state.kept_from_browser(key):  # after a restart: the person's last input
            st.session_state[key] = value


_WIDGET_KEYS = (
    "quick_provisioned",
    "quick_active",
    "quick_seat_rate",
    "quick_active_rate",
    "quick_concurrent_rate",
    "quick_peak_concurrent",
)


def quick_inputs() -> QuickValues | None:
    """Show the quick inputs; when the user changed them, write the new scenario.

    Returns the values shown, or ``None`` while they break a rule (the messages are shown under
    the inputs and the previous scenario stays current).
    """
    scenario = state.get_scenario()
    missing = any(key not in st.session_state for key in _WIDGET_KEYS)
    if missing or st.session_state.get(_SEEDED_FROM) != state.revision():
        seed = quick_values_from(scenario)
        _seed(seed)
        st.session_state[_SEED_VALUES] = seed
        st.session_state[_SEEDED_FROM] = state.revision()

    if not is_quick_shaped(scenario):
        st.info(
            "These numbers are the first month of your seasonal plan. Changing one replaces the "
            "plan with twelve months like it.",
            icon=":material/info:",
        )
    left, right = st.columns(2)
    with left:
        provisioned = st.number_input(
            "Provisioned seats",
            min_value=0,
            max_value=1_000_000,
            step=1,
            key="quick_provisioned",
            help="Accounts you pay for today, whether anyone uses them or not.",
        )
        active = st.number_input(
            "Active users a month",
            min_value=0,
            max_value=1_000_000,
            step=1,
            key="quick_active",
            help="Agents who log in at least once in a month.",
        )
        peak = st.number_input(
            "Peak concurrent agents (optional)",
            min_value=0,
            max_value=1_000_000,
            step=1,
            value=None,  # may be left empty; filled through the session key
            key="quick_peak_concurrent",
            help="Most agents logged in at the same moment. Empty: all active users at once.",
        )
    with right:
        seat_rate = st.number_input(
            "Seat rate, per seat a month",
            min_value=0.0,
            max_value=1_000_000.0,
            step=1.0,
            format="%.2f",
            key="quick_seat_rate",
        )
        active_rate = st.number_input(
            "Active-user rate, per active user a month",
            min_value=0.0,
            max_value=1_000_000.0,
            step=1.0,
            format="%.2f",
            key="quick_active_rate",
        )
        concurrent_rate = st.number_input(
            "Concurrent rate, per concurrent seat a month (optional)",
            min_value=0.0,
            max_value=1_000_000.0,
            step=1.0,
            format="%.2f",
            value=None,  # may be left empty; filled through the session key
            key="quick_concurrent_rate",
            help="Leave empty to leave the concurrent plan out.",
        )
    values = QuickValues(
        provisioned=int(provisioned),
        active=int(active),
        seat_rate=rate_from_input(seat_rate),
        active_rate=rate_from_input(active_rate),
        concurrent_rate=None if concurrent_rate is None else rate_from_input(concurrent_rate),
        peak_concurrent=None if peak is None else int(peak),
    )
    if values == st.session_state[_SEED_VALUES]:
        return values
    try:
        updated = build_quick_scenario(
            values, name=scenario.name, start_month=scenario.start_month, budget=scenario.budget
        )
    except ValidationError as exc:
        for line in describe_validation_error(exc):
            st.error(escape_markdown(_readable(line)), icon=":material/error:")
        return None
    state.set_scenario(updated)
    st.session_state[_SEED_VALUES] = values
    st.session_state[_SEEDED_FROM] = state.revision()
    return values


def _readable(line: str) -> str:
    """Validation lines speak of the quick inputs (every month is the same, so none is named)."""
    return (
        re.sub(r"^month 1 \(\d{4}-\d{2}\): ", "", line)
        .replace("peak_concurrent", "peak concurrent agents")
        .replace("provisioned", "provisioned seats")
        .replace("active (", "active users (")
    )
