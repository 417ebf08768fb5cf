"""docs/contract-rules.md: every worked example's figures, computed with ``compare``.

Each test builds the example's scenario, computes its figures and checks that the page's section
states exactly those figures, so the page cannot drift from the calculator.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from calculator import (
    MonthStaffing,
    Plan,
    PlanLine,
    Scenario,
    compare,
    format_money,
    recommend_commitment,
)

PAGE = Path(__file__).resolve().parents[2] / "docs" / "contract-rules.md"


def section(title: str) -> str:
    """The text of one ``## title`` section, on one line (figures may wrap)."""
    text = PAGE.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section {title!r}"
    return " ".join(match.group(1).split())


def run(plan: Plan, staffing: list[MonthStaffing]):
    scenario = Scenario(
        name="Doc", start_month="2027-01", staffing=staffing, plans=[plan], baseline=plan.name
    )
    return compare(scenario)


def flat(*counts: int) -> list[MonthStaffing]:
    return [MonthStaffing(provisioned=n, active=n, peak_concurrent=n) for n in counts]


def money(cents: int) -> str:
    return format_money(cents)


@pytest.mark.parametrize("rule", ["monthly", "next_month", "high_water_mark", "contract_year_peak"])
def test_seat_reduction_example(rule):
    """Counts 5, 9, 4, 7 at $10: each rule's seats billed and total, as the table states."""
    plan = Plan(name="Named", rule="named_seat", rate=Decimal(10), seat_reduction=rule)
    result = run(plan, flat(5, 9, 4, 7))
    seats = ", ".join(str(m.billable_units) for m in result.lines["Named"])
    total = money(result.totals["Named"].cost_cents)
    assert f"| `{rule}` | {seats} | {total} |" in section("Seat reduction")


def test_rate_bands_example():
    """25 active users by volume and graduated bands."""
    bands = [{"up_to": 10, "rate": 10}, {"up_to": 20, "rate": 8}, {"up_to": None, "rate": 6}]
    text = section("Rate bands")
    for mode, words in (("volume", "volume 25 x $6 = "), ("graduated", "5 x $6 = ")):
        plan = Plan(name="Bands", rule="active_user", rate=Decimal(10), tiers=bands, tier_mode=mode)
        assert words + money(run(plan, flat(25)).totals["Bands"].cost_cents) in text


def true_up_example(pooled: bool):
    """The section's example: 10 active users committed at $10, overage $12, premium 20 %,
    quarterly, on 12, 8, 15 and 11 active users; its months and total."""
    plan = Plan(
        name="True-up",
        rule="active_user",
        rate=Decimal(10),
        committed_units=10,
        overage_rate=Decimal(12),
        true_up={"period_months": 3, "premium": Decimal("0.2"), "pooled": pooled},
    )
    result = run(plan, flat(12, 8, 15, 11))
    return result.lines["True-up"], result.totals["True-up"].cost_cents


def test_true_up_example():
    """Quarterly true-up: $100.80 in month 3, $14.40 in month 4, and the total."""
    months, total = true_up_example(pooled=False)
    text = section("True-up")
    assert f"Each month bills {money(months[0].cost_cents - months[0].true_up_cents)}" in text
    assert f"= {money(months[2].true_up_cents)}, billed in month 3" in text
    assert f"= {money(months[3].true_up_cents)}, billed in month 4" in text
    assert f"Total {money(total)}." in text


def test_pooled_true_up_example():
    """The same plan pooled: $72.00 in month 3, $14.40 in month 4, and the total."""
    months, total = true_up_example(pooled=True)
    text = section("True-up")
    assert f"5 x $12 x 1.2 = {money(months[2].true_up_cents)}, billed in month 3" in text
    assert f"month 4 nets 1 unit, {money(months[3].true_up_cents)}." in text
    assert f"Total {money(total)}. A pooled" in text


def test_monthly_term_premium_example():
    """Months 1 and 13 of 10 seats at $100 with a 20 % premium and a 3 % escalator."""
    plan = Plan(
        name="Monthly",
        rule="named_seat",
        rate=Decimal(100),
        monthly_term_premium=Decimal("0.2"),
        escalator=Decimal("0.03"),
    )
    months = run(plan, flat(*[10] * 13)).lines["Monthly"]
    text = section("Monthly-term premium")
    assert f"= {money(months[0].cost_cents)}; month 13" in text
    assert f"1.2 = {money(months[12].cost_cents)}." in text


def test_one_time_spread_example():
    """$100.00 over months 1, 2 and 4."""
    plan = Plan(
        name="Once",
        rule="named_seat",
        rate=Decimal(0),
        one_time_cost=Decimal(100),
        one_time_months=[1, 2, 4],
    )
    parts = [m.one_time_cents for m in run(plan, flat(1, 1, 1, 1)).lines["Once"]]
    first, second, _, fourth = (money(cents) for cents in parts)
    assert f"{first}, {second} and {fourth}." in section("One-time costs over chosen months")


STAFF = [MonthStaffing(provisioned=100, active=70, peak_concurrent=60)]
QUOTES = {
    "Supervisors plus agents": Plan(
        name="Q",
        rule="active_user",
        rate=Decimal(65),
        lines=[PlanLine(name="Supervisors", rule="named_seat", rate=Decimal(150), quantity=10)],
    ),
    "Named core plus overflow": Plan(
        name="Q",
        rule="named_seat",
        rate=Decimal(100),
        quantity=50,
        lines=[PlanLine(name="Overflow", rule="concurrent", rate=Decimal(40), above=50)],
    ),
    "Add-on per named seat": Plan(
        name="Q",
        rule="active_user",
        rate=Decimal(65),
        lines=[PlanLine(name="WFM", rule="named_seat", rate=Decimal(12))],
    ),
    "Premium license level": Plan(
        name="Q",
        rule="active_user",
        rate=Decimal(115),
        lines=[
            PlanLine(name="Premium", rule="active_user", rate=Decimal(40), share=Decimal("0.25"))
        ],
    ),
}


@pytest.mark.parametrize("quote", QUOTES)
def test_plans_of_several_lines_examples(quote):
    """Each quote's month, in the row of the table that names it."""
    result = run(QUOTES[quote], STAFF)
    row = re.search(rf"\| {quote} \|[^|]*\| (\$[0-9,.]+) \|", section("Plans of several lines"))
    assert row, quote
    assert row.group(1) == money(result.totals["Q"].cost_cents)


def test_commitment_example():
    """Levels 0, 10, 20, 30 and the recommendation sentence, word for word."""
    plan = Plan(
        name="Committed",
        rule="active_user",
        rate=Decimal(10),
        committed_units=30,
        overage_rate=Decimal(16),
    )
    scenario = Scenario(
        name="Doc",
        start_month="2027-01",
        staffing=flat(10, 20, 30),
        plans=[plan],
        baseline="Committed",
    )
    advice = recommend_commitment(scenario, "Committed")
    text = section("Which commitment to sign")
    for level in (0, 10, 20, 30):
        assert f"{level} costs {money(advice.level(level).cost_cents)}" in text
    assert f'"{advice.sentence}"' in text


def test_cap_frontier_example():
    """Caps 5, 4 and 3 on peaks 3, 5, 4: cost and refused logins."""
    plan = Plan(name="Capped", rule="concurrent", rate=Decimal(10), concurrent_cap=5)
    scenario = Scenario(
        name="Doc",
        start_month="2027-01",
        staffing=flat(3, 5, 4),
        plans=[plan],
        baseline="Capped",
    )
    advice = recommend_commitment(scenario, "Capped")
    text = section("Which commitment to sign")
    five, four, three = (advice.level(n) for n in (5, 4, 3))
    assert five.refused_logins == 0
    assert f"a cap of 5 costs {money(five.cost_cents)} and refuses nothing" in text
    assert f"4 costs {money(four.cost_cents)} and refuses {four.refused_logins} login;" in text
    assert (
        f"3 costs {money(three.cost_cents)} and refuses {three.refused_logins} logins in "
        f"{three.months_refused} months" in text
    )
