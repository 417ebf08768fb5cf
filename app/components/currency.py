"""The scenario's currency: one select box that every figure, chart, table and report follows.

Choosing a currency relabels the amounts; it does not convert them, so the rates are to be entered
in the chosen currency (the help text says so).
"""

from __future__ import annotations

import streamlit as st

from app import state
from app.binding import Problems, show_problems, try_set
from app.components.seed import seed_widgets
from calculator._money import currency_symbol

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD")
"""The currencies offered; a scenario file or link in another ISO 4217 code keeps its own."""
KEY = "scenario_currency"


def currency_label(code: str) -> str:
    """``"EUR (€)"``; a code without a symbol of its own is shown alone: ``"CHF"``."""
    symbol = currency_symbol(code).strip()
    return code if symbol == code else f"{code} ({symbol})"


SEEDED = "scenario__currency_seeded"
"""Session key marking the scenario the currency choice was filled from (see :mod:`app.components.seed`)."""


def currency_selector(place: object = st) -> str:
    """Draw the currency choice and make a new choice the scenario's; returns the currency."""
    current = state.get_scenario().currency
    seed_widgets(SEEDED, lambda: {KEY: current}, [KEY])
    options = list(dict.fromkeys((*CURRENCIES, current)))
    chosen = place.selectbox(  # type: ignore[attr-defined]
        "Currency",
        options,
        format_func=currency_label,
        key=KEY,
        help="Every amount, chart, table and report is shown in this currency. Amounts are not "
        "converted: enter the rates in the currency you choose.",
    )
    if chosen != current:
        result = try_set({**state.get_scenario().model_dump(), "currency": chosen})
        if isinstance(result, Problems):
            show_problems(result)
            return current
    return chosen
