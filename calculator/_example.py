"""The built-in default scenario: the worked example of ``docs/method.md#worked-example``.

100 provisioned seats at $100/seat/month against 70 active users at $65/user/month, flat for a
year. Source of the figures: Platform28's active-user pricing glossary entry (savings $5,450 a
month, 54.5 %, of which $3,000 volume and $2,450 rate). Peak concurrency (50) is illustrative.
"""

from __future__ import annotations

from decimal import Decimal

from calculator._models import CountingRule, MonthStaffing, Plan, Scenario

EXAMPLE_START_MONTH = "2027-01"
EXAMPLE_NAME = "Worked example"
"""The worked example's scenario name; a scenario still named so is taken to be the example."""


def example_scenario(months: int = 12) -> Scenario:
    """The worked example as a ``months``-long flat scenario (named seat is the baseline)."""
    return Scenario(
        name=EXAMPLE_NAME,
        currency="USD",
        start_month=EXAMPLE_START_MONTH,
        staffing=[MonthStaffing(provisioned=100, active=70, peak_concurrent=50)] * months,
        plans=[
            Plan(name="Named seats", rule=CountingRule.NAMED_SEAT, rate=Decimal("100")),
            Plan(name="Active users", rule=CountingRule.ACTIVE_USER, rate=Decimal("65")),
        ],
        baseline="Named seats",
    )
