"""Quick mode's four numbers and the scenario they stand for, both ways (no Streamlit here).

The inputs describe one typical month; the scenario they write is that month repeated for twelve
months, with named seats as today's plan, active users, and concurrent seats when priced.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from app.fields import QUICK, QuickValues

__all__ = [
    "QuickValues",
    "build_quick_scenario",
    "count_order_problems",
    "is_quick_shaped",
    "quick_data",
    "quick_values_from",
]
from calculator import CountingRule, Scenario, check_staffing_order, describe_validation_error
from calculator.budget import BudgetSettings

QUICK_MONTHS = 12
NAMED_PLAN = "Named seats"
ACTIVE_PLAN = "Active users"
CONCURRENT_PLAN = "Concurrent"


def quick_values_from(scenario: Scenario) -> QuickValues:
    """What the quick inputs show for ``scenario``: its first month and first plan of each rule.

    Rates of rules the scenario lacks fall back to the worked example's ($100 and $65). The
    optional peak starts empty unless a concurrent plan prices it: no other plan counts it, so a
    number nobody typed can never block an entry.
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
        peak_concurrent=(first.peak_concurrent if CountingRule.CONCURRENT in rates else None),
    )


def build_quick_scenario(
    values: QuickValues,
    *,
    name: str,
    start_month: str,
    budget: BudgetSettings | None = None,
    currency: str = "USD",
) -> Scenario:
    """Twelve identical months priced as named seats (today), active users and maybe concurrent.

    ``budget`` carries the scenario's budget settings (fiscal year, programs) across quick edits,
    ``currency`` its currency.

    Raises pydantic ``ValidationError`` when the numbers break a rule (e.g. active > provisioned).
    """
    return Scenario.model_validate(
        quick_data(values, name=name, start_month=start_month, budget=budget, currency=currency)
    )


def quick_data(
    values: QuickValues,
    *,
    name: str,
    start_month: str,
    budget: BudgetSettings | None,
    currency: str = "USD",
    kept_peak: int | None = None,
) -> dict:
    """The scenario data the quick values stand for, not yet validated.

    An empty peak is ``kept_peak`` (the peak of the scenario the inputs were filled from, e.g.
    the worked example's 50) but never more than the active users; without one, every active
    user at once. So an edit to another number leaves the peak where it was, and a concurrent
    rate typed later prices the peak the page showed."""
    if values.peak_concurrent is not None:
        peak = values.peak_concurrent
    elif kept_peak is not None:
        peak = min(kept_peak, values.active)
    else:
        peak = values.active
    priced = (
        (NAMED_PLAN, CountingRule.NAMED_SEAT, values.seat_rate),
        (ACTIVE_PLAN, CountingRule.ACTIVE_USER, values.active_rate),
        (CONCURRENT_PLAN, CountingRule.CONCURRENT, values.concurrent_rate),  # None: left out
    )
    plans = [
        {"name": name, "rule": rule, "rate": rate}
        for name, rule, rate in priced
        if rate is not None
    ]
    month = {"provisioned": values.provisioned, "active": values.active, "peak_concurrent": peak}
    return {
        "name": name,
        "currency": currency,
        "start_month": start_month,
        "staffing": [month] * QUICK_MONTHS,
        "plans": plans,
        "baseline": NAMED_PLAN,
        **({} if budget is None else {"budget": budget.model_dump()}),
    }


def count_order_problems(data: Mapping[str, Any], refused: Collection[str]) -> list[str]:
    """The staffing order rules (active users at most the seats, the peak at most the active
    users) the counts entered break, among those not ``refused`` for their own value, so they
    are shown with the problems that refused the others. An empty peak is left out: the scenario
    takes one no higher than the active users (:func:`quick_data`)."""
    counts = {name: value for name, value in data.items() if name not in refused}
    try:
        check_staffing_order(counts)
    except ValidationError as exc:
        return describe_validation_error(exc, labels=QUICK.labels())
    return []


def is_quick_shaped(scenario: Scenario) -> bool:
    """Whether quick mode can show ``scenario`` exactly (so opening it there loses nothing).

    The peak is compared as stored, even where the inputs leave it empty.
    """
    values = replace(
        quick_values_from(scenario), peak_concurrent=scenario.staffing[0].peak_concurrent
    )
    try:
        rebuilt = build_quick_scenario(
            values,
            name=scenario.name,
            start_month=scenario.start_month,
            budget=scenario.budget,
            currency=scenario.currency,
        )
    except ValidationError:
        return False
    return rebuilt == scenario
