"""Pricing one plan: counting rules, contract terms and the one rounding per line.

Every expected figure is computed by hand in the test's docstring or comment.
"""

from decimal import Decimal

import pytest

from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    format_percent,
    is_figure_text,
    percent_after,
    price_plan,
    savings_percent,
    to_cents,
)
from calculator._pricing import escalated_rate

FLAT = MonthStaffing(
    provisioned=100, active=70, peak_concurrent=50, logged_in_hours=Decimal("8400.5")
)


def plan(rule=CountingRule.NAMED_SEAT, rate="10", **terms):
    return Plan(name="P", rule=rule, rate=Decimal(rate), **terms)


def costs(p, staffing):
    return [line.cost_cents for line in price_plan(p, staffing)]


class TestCountingRules:
    @pytest.mark.parametrize(
        ("rule", "units"),
        [
            (CountingRule.NAMED_SEAT, 100),
            (CountingRule.ACTIVE_USER, 70),
            (CountingRule.CONCURRENT, 50),
            (CountingRule.LOGGED_IN_HOURS, 8401),  # 8400.5 h rounded up once
        ],
    )
    def test_rule_counts_its_unit(self, rule, units):
        """Each rule bills its own count: P, A, C, or H rounded up to a whole hour."""
        (line,) = price_plan(plan(rule), [FLAT])
        assert line.billable_units == units
        assert line.cost_cents == units * 10 * 100


class TestContractTerms:
    def test_commitment_is_a_floor(self):
        """80 committed, 70 active: 80 x $10 = $800.00."""
        assert costs(plan(CountingRule.ACTIVE_USER, committed_units=80), [FLAT]) == [80_000]

    def test_overage_above_commitment(self):
        """60 committed at $10 + 10 overage at $15 = $750.00 (Genesys-style overage)."""
        p = plan(CountingRule.ACTIVE_USER, committed_units=60, overage_rate=Decimal(15))
        assert costs(p, [FLAT]) == [75_000]

    def test_minimum_monthly_charge(self):
        """70 x $10 = $700 is below the $900 minimum, so the month costs $900.00."""
        p = plan(CountingRule.ACTIVE_USER, minimum_monthly_charge=Decimal(900))
        assert costs(p, [FLAT]) == [90_000]

    def test_one_time_cost_in_first_month_only(self):
        """A $5,000 implementation fee is charged in month 1, on its own line."""
        lines = price_plan(plan(one_time_cost=Decimal(5000)), [FLAT, FLAT])
        assert [(line.recurring_cents, line.one_time_cents) for line in lines] == [
            (100_000, 500_000),
            (100_000, 0),
        ]

    def test_seats_not_reducible_bill_the_contract_year_peak(self):
        """Peak 150 in month 2 is billed in all 12 months of year 1; year 2 bills its own peak."""
        staffing = [FLAT] * 24
        staffing[1] = MonthStaffing(provisioned=150, active=70, peak_concurrent=50)
        staffing[13] = MonthStaffing(provisioned=120, active=70, peak_concurrent=50)
        lines = price_plan(plan(seats_reducible=False), staffing)
        assert [line.billable_units for line in lines] == [150] * 12 + [120] * 12

    def test_reducible_seats_follow_the_month(self):
        """With reducible seats each month bills its own provisioned count."""
        staffing = [FLAT, MonthStaffing(provisioned=150, active=70, peak_concurrent=50)]
        assert costs(plan(), staffing) == [100_000, 150_000]

    def test_short_last_contract_year_bills_its_own_peak(self):
        """Months 13-14 form a short second year billed at their own peak (120)."""
        staffing = [FLAT] * 13 + [MonthStaffing(provisioned=120, active=70, peak_concurrent=50)]
        lines = price_plan(plan(seats_reducible=False), staffing)
        assert [line.billable_units for line in lines[12:]] == [120, 120]

    def test_concurrent_cap_is_bought_and_billed(self):
        """A purchased cap of 60 is billed every month even when the peak is 50."""
        p = plan(CountingRule.CONCURRENT, concurrent_cap=60)
        assert costs(p, [FLAT]) == [60_000]

    def test_escalator_applies_at_each_anniversary(self):
        """$100 rising 3 % a year: $100.00 in months 1-12, $103.00 in 13-24, $106.09 in 25."""
        p = plan(rate="100", escalator=Decimal("0.03"))
        staffing = [MonthStaffing(provisioned=1, active=1, peak_concurrent=1)] * 25
        result = costs(p, staffing)
        assert (result[11], result[12], result[23], result[24]) == (10_000, 10_300, 10_300, 10_609)

    def test_escalated_rate_is_exact(self):
        """1.03 squared is 1.0609 exactly, not a float approximation."""
        assert escalated_rate(Decimal(100), Decimal("0.03"), 2) == Decimal("106.0900")


class TestRounding:
    @pytest.mark.parametrize(
        ("amount", "cents"),
        [
            ("0.005", 1),  # half a cent rounds away from zero
            ("0.025", 3),  # not to even: banker's rounding would give 2 here and 0 above
            ("2.675", 268),  # a float would say 2.67
            ("0.0049", 0),
            ("-0.005", -1),  # away from zero for negatives too
            ("99.9999", 10_000),
        ],
    )
    def test_to_cents_half_away_from_zero(self, amount, cents):
        """One rule everywhere: round half away from zero to the cent."""
        assert to_cents(Decimal(amount)) == cents

    def test_half_cent_line_rounded_once(self):
        """1 unit at $0.125 is $0.13 on the line; 3 such months total $0.39, not $0.38."""
        staffing = [MonthStaffing(provisioned=1, active=1, peak_concurrent=1)] * 3
        assert costs(plan(rate="0.125"), staffing) == [13, 13, 13]

    def test_rate_with_more_than_two_decimals(self):
        """3 seats at $33.3333 = $99.9999, billed $100.00."""
        staffing = [MonthStaffing(provisioned=3, active=3, peak_concurrent=3)]
        assert costs(plan(rate="33.3333"), staffing) == [10_000]

    def test_hours_rounded_up_once_per_month(self):
        """Genesys' example: 112.23 h + 110.11 h = 222.34 h is billed as 223 h."""
        month = MonthStaffing(
            provisioned=2, active=2, peak_concurrent=2, logged_in_hours=Decimal("222.34")
        )
        (line,) = price_plan(plan(CountingRule.LOGGED_IN_HOURS, rate="1"), [month])
        assert (line.billable_units, line.cost_cents) == (223, 22_300)


@pytest.mark.parametrize(
    ("ratio", "places", "text"),
    [
        ("0.545", 1, "54.5 %"),
        ("111.985", 1, "11,198.5 %"),
        ("-12.3456", 2, "-1,234.56 %"),
        ("0.03", 2, "3.00 %"),
    ],
)
def test_percentages_group_thousands_like_money(ratio, places, text):
    """A return of 11,198.5 % reads like the money beside it, not as "11198.5 %"."""
    assert format_percent(Decimal(ratio), places) == text


@pytest.mark.parametrize(
    ("ratio", "places", "text"),
    [
        ("0.999993", 1, "> 99.9 %"),
        ("0.00005", 1, "< 0.1 %"),
        ("-0.00005", 1, "> -0.1 %"),
        ("0.999993", 2, "> 99.99 %"),
        ("0.004", 0, "< 1 %"),
        ("1.0004", 1, "> 100.0 %"),
    ],
)
def test_a_percentage_that_only_rounds_to_0_or_100_is_bounded(ratio, places, text):
    """$0.07 left of $10,000 a month (99.9993 %) is not "100.0 %" saved, nor 0.005 % "0.0 %"."""
    assert format_percent(Decimal(ratio), places) == text


@pytest.mark.parametrize(("ratio", "text"), [("1", "100.0 %"), ("0", "0.0 %")])
def test_exactly_0_or_100_percent_is_said_as_such(ratio, text):
    assert format_percent(Decimal(ratio)) == text


def test_a_percentage_of_a_free_plan_is_said_in_words():
    """No percentage of $0: the words the sentences use stand in its place, in brackets after a
    figure as a percentage would."""
    assert (savings_percent(None), percent_after(None), percent_after(None, "Offer A")) == (
        "today's plan costs nothing",
        " (today's plan costs nothing)",
        " (Offer A costs nothing)",
    )


@pytest.mark.parametrize(
    "text",
    [
        "-$1,234.56",
        "EUR 12.00",
        "-EUR 5.50",
        "CA$3.00",
        "1,200",
        "54.5 %",
        "11,198.5 %",
        "> 99.9 %",
        "< 0.1 %",
    ],
)
def test_every_figure_the_formatters_write_is_figure_text(text):
    assert is_figure_text(text)


@pytest.mark.parametrize("text", ["2027-01", "FY2027", "=1+1", "-2+3", "1,23", "$", "12 h"])
def test_months_years_and_formulas_are_not_figure_text(text):
    assert not is_figure_text(text)
