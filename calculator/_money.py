"""Exact money: integer cents, one rounding rule.

Every monthly line is computed exactly in :class:`decimal.Decimal` and rounded once to whole cents,
half away from zero (the spreadsheet ``ROUND`` rule budget officers expect). Totals are sums of the
rounded lines, so every table adds up.

Method: ``docs/method.md#money``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
_SYMBOLS = {"USD": "$", "CAD": "CA$", "AUD": "A$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def to_cents(amount: Decimal) -> int:
    """Round an exact amount [currency] to whole cents [cents], half away from zero.

    ``Decimal.ROUND_HALF_UP`` rounds ties away from zero for both signs:
    ``to_cents(Decimal("0.005")) == 1`` and ``to_cents(Decimal("-0.005")) == -1``.
    """
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    """Whole cents [cents] as an amount [currency] with exactly two decimals."""
    return (Decimal(cents) * CENT).quantize(CENT)


def ceil_units(quantity: Decimal) -> int:
    """Round a quantity up to the next whole unit (logged-in hours are billed this way).

    ``int()`` truncates toward zero, so one more unit is needed exactly when the quantity is
    above its truncation; that holds for negative quantities too (``-1.5`` gives ``-1``), and it
    is about twice as fast as ``to_integral_value(rounding=ROUND_CEILING)``.

    >>> ceil_units(Decimal("1.0001")), ceil_units(Decimal("980")), ceil_units(Decimal("-1.5"))
    (2, 980, -1)
    """
    whole = int(quantity)
    return whole + (quantity > whole)


def monthly_average(cents: int, months: int, per: int = 1) -> int:
    """An amount over ``months`` months as an average per ``per`` months [cents], rounded once,
    half away from zero.

    Every "per month" and "per year" figure (headline, waterfall, reports, totals) comes from
    here, so they agree to the cent. Raises ``ValueError`` unless ``months`` is at least 1.
    """
    if months < 1:
        raise ValueError(f"months must be at least 1: {months}")
    return to_cents(Decimal(cents) * per / months / 100)


def currency_symbol(currency: str) -> str:
    """Display prefix for an ISO 4217 code: ``$`` for USD, else the code and a space."""
    return _SYMBOLS.get(currency, f"{currency} ")


def format_money(cents: int, currency: str = "USD") -> str:
    """``123456`` cents -> ``"$1,234.56"``; negatives as ``"-$1,234.56"``."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{currency_symbol(currency)}{from_cents(abs(cents)):,.2f}"


def money_str(cents: int) -> str:
    """Cents as a plain decimal string with two places, for JSON and CSV: ``"-12.50"``."""
    return f"{from_cents(cents):.2f}"


def format_percent(ratio: Decimal | None, places: int = 1) -> str:
    """A ratio as a percentage with ``places`` decimals and thousands separators, like money:
    ``Decimal("0.545") -> "54.5 %"``, ``Decimal("111.985") -> "11,198.5 %"``.

    Rounded half away from zero like money. ``None`` (undefined, e.g. a zero baseline) -> ``"n/a"``.
    A ratio that only rounds to 0 % or 100 % is bounded instead, ``Decimal("0.9999") ->
    "> 99.9 %"``, ``Decimal("0.0001") -> "< 0.1 %"``: a plan that still costs $0.07 a month does
    not save "100.0 %", and a real difference is not "0.0 %".
    """
    if ratio is None:
        return "n/a"
    quantum = Decimal(1).scaleb(-places)
    percent = ratio * 100
    shown = percent.quantize(quantum, rounding=ROUND_HALF_UP)
    if percent == shown or abs(shown) not in (0, 100):
        return f"{shown:,} %"
    if shown == 0:
        return f"< {quantum} %" if percent > 0 else f"> -{quantum} %"
    # Between the rounded figure and the next step towards the true value: "> 99.9 %".
    inner = shown - quantum.copy_sign(shown)
    if abs(percent) < abs(shown):
        return f"> {inner} %" if shown > 0 else f"< {inner} %"
    return f"> {shown} %" if shown > 0 else f"< {shown} %"


TODAY = "today's plan"
"""What savings are a percentage of, unless told otherwise: the scenario's baseline plan."""


def costs_nothing(base: str = TODAY) -> str:
    """The words for a percentage of a cost of zero, ``"today's plan costs nothing"``: sentences,
    labels, tables and workbooks all say this where "n/a" would stand."""
    return f"{base} costs nothing"


def savings_percent(ratio: Decimal | None, base: str = TODAY) -> str:
    """Savings as a percentage of ``base``'s cost, ``"54.5 %"``, or ``"today's plan costs
    nothing"`` (:func:`costs_nothing`) when that cost is zero and there is no percentage."""
    return costs_nothing(base) if ratio is None else format_percent(ratio)


def percent_after(ratio: Decimal | None, base: str = TODAY) -> str:
    """A percentage in brackets to follow a figure, ``" (54.5 %)"``, or ``" (today's plan costs
    nothing)"`` when there is no percentage (:func:`savings_percent`)."""
    return f" ({savings_percent(ratio, base)})"


def format_utilization(ratio: Decimal | None) -> str:
    """Utilization without a trailing ``.0``: ``0.7 -> "70 %"``, ``0.725 -> "72.5 %"``."""
    text = format_percent(ratio, 1)
    return text.replace(".0 %", " %")


# An optional bound ("> " or "< ", as format_percent writes a percentage that only rounds to 0 % or
# 100 %), an optional sign, an optional currency marker as format_money writes it ("$", "CA$", "A$", "€",
# "£", "¥" or a three-letter code and a space), digits with optional thousands separators,
# optional decimals and an optional percent sign.
_FIGURE_TEXT = re.compile(
    r"(?:[<>] )?[+-]?(?:[$€£¥]|[A-Z]{1,2}\$|[A-Z]{3} )?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?: ?%)?"
)


def is_figure_text(text: str) -> bool:
    """Whether ``text`` is only a figure as this project writes one: an amount
    (:func:`format_money`: ``"-$1,234.56"``, ``"EUR 12.00"``), a count (``"1,200"``) or a
    percentage (:func:`format_percent`: ``"54.5 %"``). Months (``"2027-01"``) and fiscal years
    (``"FY2027"``) are not. Such text holds no cell reference, call or ``|``."""
    return _FIGURE_TEXT.fullmatch(text) is not None
