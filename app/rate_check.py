"""Rates so high they were probably typed with a decimal comma.

A number box on the page reads "65,50" as 6550: it takes the comma for a thousands separator and
drops it, so the plan is priced at a hundred times the rate meant, with no error. Nothing tells
6550 typed on purpose from 65,50 read that way, so a rate far above what contact-center licences
cost is pointed out, with the way to type cents; it is still priced as it stands.
"""

from __future__ import annotations

from decimal import Decimal

from calculator import CountingRule, Scenario
from calculator._money import currency_symbol, format_money

UNUSUAL_MONTHLY_RATE = Decimal(1000)
"""A seat, concurrent seat or active user at this price or more is pointed out
[currency/unit/month]: contact-center licences list at tens to a few hundred a month."""

UNUSUAL_HOURLY_RATE = Decimal(100)
"""A logged-in hour at this price or more is pointed out [currency/hour]."""

COMMA_ADVICE = (
    "A comma typed for cents is read as nothing here (65,50 becomes 6550): type cents after a "
    "point (65.50)."
)


def unusual_rate_notes(scenario: Scenario) -> list[str]:
    """One sentence per plan whose rate is at least :data:`UNUSUAL_MONTHLY_RATE` a month
    (:data:`UNUSUAL_HOURLY_RATE` an hour for logged-in hours), saying so and how to type cents.

    >>> from calculator import example_scenario
    >>> unusual_rate_notes(example_scenario())
    []
    """
    notes = []
    for plan in scenario.plans:
        hourly = plan.rule is CountingRule.LOGGED_IN_HOURS
        if plan.rate < (UNUSUAL_HOURLY_RATE if hourly else UNUSUAL_MONTHLY_RATE):
            continue
        price = _price(plan.rate, scenario.currency)
        unit = "a logged-in hour" if hourly else f"{_article(plan.rule.unit)} a month"
        notes.append(
            f"{plan.name}: {price} {unit} is far above what contact-center licences usually "
            f"cost. {COMMA_ADVICE}"
        )
    return notes


def _price(rate: Decimal, currency: str) -> str:
    """``"$6,550.00"`` like every amount; a rate finer than cents as it stands: ``"$1,000.125"``."""
    cents = rate * 100
    if cents == cents.to_integral_value():
        return format_money(int(cents), currency)
    return f"{currency_symbol(currency)}{rate.normalize():,f}"


def _article(noun: str) -> str:
    """``"a seat"``, ``"an active user"``."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
