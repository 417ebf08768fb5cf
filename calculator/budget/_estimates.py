"""What the budget's estimates read from a scenario.

The Monte Carlo estimate (:func:`~calculator.budget.simulate`) and the tornados
(:func:`~calculator.budget.tornado`) read the staffing, the plans, the fiscal year's first month,
the uncertainty ranges and the tornado's change; never the discount rate, the programs and their
monthly shares, or the appropriation. A page that keeps the estimates per estimate inputs builds
none again when only those settings change (the slowest part of a Budget page change for a
large scenario).
"""

from __future__ import annotations

from calculator._budget_settings import BudgetSettings
from calculator._models import Scenario

UNREAD_SETTINGS = ("discount_rate", "programs", "monthly_shares", "appropriation")
"""The budget settings no estimate reads. A setting not named here is kept, so a new setting is
safe: at worst two scenarios that could share their estimates do not."""


def estimate_inputs(scenario: Scenario) -> Scenario:
    """``scenario`` with the settings no estimate reads (:data:`UNREAD_SETTINGS`) at their
    defaults: two scenarios with equal estimate inputs have the same estimates. A scenario whose
    settings are already the defaults is returned as it is."""
    fields = BudgetSettings.model_fields
    defaults = {
        name: fields[name].get_default(call_default_factory=True) for name in UNREAD_SETTINGS
    }
    budget = scenario.budget
    if all(getattr(budget, name) == value for name, value in defaults.items()):
        return scenario
    return scenario.model_copy(update={"budget": budget.model_copy(update=defaults)})
