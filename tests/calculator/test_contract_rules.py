"""Contract rules as signed: seat reduction, rate bands, true-ups, term premiums, one-time spreads
and plans of several lines.

Every expected figure is worked by hand in the test's docstring.
"""

from decimal import Decimal
from typing import ClassVar

import pytest
from pydantic import ValidationError

from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    PlanLine,
    Scenario,
    SeatReduction,
    compare,
    price_plan,
    price_plan_lines,
    recommend_commitment,
)


def months(*counts: int) -> list[MonthStaffing]:
    """One month per count, with P = A = C = the count."""
    return [MonthStaffing(provisioned=n, active=n, peak_concurrent=n) for n in counts]


def plan(rule="named_seat", rate="10", **terms) -> Plan:
    return Plan(name="P", rule=rule, rate=Decimal(rate), **terms)


def costs(p: Plan, staffing: list[MonthStaffing]) -> list[int]:
    return [line.cost_cents for line in price_plan(p, staffing)]


class TestSeatReduction:
    @pytest.mark.parametrize(
        ("rule", "expected"),
        [
            ("monthly", [5_000, 9_000, 4_000, 7_000]),
            ("next_month", [5_000, 9_000, 9_000, 7_000]),
            ("high_water_mark", [5_000, 9_000, 9_000, 9_000]),
            ("contract_year_peak", [9_000, 9_000, 9_000, 9_000]),
        ],
    )
    def test_each_rule_on_one_curve(self, rule, expected):
        """Counts 5, 9, 4, 7 at $10 a seat.

        monthly: 5, 9, 4, 7 -> $50, $90, $40, $70; next_month: max(this, last) = 5, 9, 9, 7;
        high_water_mark: highest so far = 5, 9, 9, 9; contract_year_peak: 9 every month.
        """
        assert costs(plan(seat_reduction=rule), months(5, 9, 4, 7)) == expected

    def test_high_water_mark_resets_at_the_anniversary(self):
        """12 months peaking at 9 in month 2, then 3 and 4 in months 13-14: the new contract year
        starts from its own counts, 3 then max(3, 4) = 4 seats -> $30, $40."""
        counts = (5, 9) + (4,) * 10 + (3, 4)
        billed = costs(plan(seat_reduction="high_water_mark"), months(*counts))
        assert billed == [5_000] + [9_000] * 11 + [3_000, 4_000]

    def test_next_month_carries_over_the_anniversary(self):
        """next_month looks at the previous month only, across contract years: month 13 bills
        max(3, 9) = 9 seats, month 14 max(4, 3) = 4."""
        counts = (9,) * 12 + (3, 4)
        billed = costs(plan(seat_reduction="next_month"), months(*counts))
        assert billed[12:] == [9_000, 4_000]

    @pytest.mark.parametrize("rule", ["active_user", "concurrent"])
    def test_applies_to_every_seat_count(self, rule):
        """Active users and concurrent seats 5, 9, 4 under contract_year_peak bill 9 each month."""
        p = plan(rule, seat_reduction="contract_year_peak")
        assert costs(p, months(5, 9, 4)) == [9_000] * 3

    def test_not_for_hours(self):
        """Hours are usage, not seats: a seat-reduction rule on them is refused by name."""
        with pytest.raises(ValidationError, match="applies only to seat counts"):
            plan("logged_in_hours", seat_reduction="high_water_mark")

    def test_commitment_floor_applies_after_the_rule(self):
        """Counts 5, 9, 4 under next_month bill 5, 9, 9; a commitment of 6 lifts month 1 to 6."""
        p = plan(seat_reduction="next_month", committed_units=6)
        assert costs(p, months(5, 9, 4)) == [6_000, 9_000, 9_000]


class TestTiers:
    BANDS: ClassVar = [
        {"up_to": 10, "rate": 10},
        {"up_to": 20, "rate": 8},
        {"up_to": None, "rate": 6},
    ]

    @pytest.mark.parametrize(
        ("mode", "expected"),
        [
            # 10 x $10 = $100; 15 x $8 = $120; 25 x $6 = $150.
            ("volume", [10_000, 12_000, 15_000]),
            # $100; 10 x $10 + 5 x $8 = $140; 10 x $10 + 10 x $8 + 5 x $6 = $210.
            ("graduated", [10_000, 14_000, 21_000]),
        ],
    )
    def test_volume_and_graduated(self, mode, expected):
        """Bands: up to 10 at $10, 11-20 at $8, above at $6; counts 10, 15 and 25."""
        p = plan(tiers=self.BANDS, tier_mode=mode)
        assert costs(p, months(10, 15, 25)) == expected

    def test_band_rate_is_reported(self):
        """The unit rate shown is the rate of the band the count falls in: $10, $8, $6."""
        lines = price_plan(plan(tiers=self.BANDS, tier_mode="graduated"), months(10, 15, 25))
        assert [line.unit_rate for line in lines] == [Decimal(10), Decimal(8), Decimal(6)]

    def test_escalator_raises_every_band(self):
        """Year 2 with a 10 % escalator: 25 units by volume at $6 x 1.1 = $6.60 -> $165.00."""
        p = plan(tiers=self.BANDS, escalator=Decimal("0.1"))
        assert costs(p, months(*[25] * 13))[12] == 16_500

    @pytest.mark.parametrize(
        ("tiers", "rate", "message"),
        [
            (
                [{"up_to": 10, "rate": 10}],
                "10",
                r"rate band 1: the last band must leave up_to empty, .* \(it has 10\)",
            ),
            (
                [{"up_to": None, "rate": 10}, {"up_to": None, "rate": 8}],
                "10",
                "rate band 1: only the last band may leave up_to empty",
            ),
            (
                [{"up_to": 10, "rate": 10}, {"up_to": 10, "rate": 8}, {"up_to": None, "rate": 6}],
                "10",
                r"rate band 2: up_to \(10\) must be above band 1's \(10\)",
            ),
            (
                [{"up_to": None, "rate": 9}],
                "10",
                r"rate band 1: its rate \(9\) must equal the plan's rate \(10\)",
            ),
        ],
    )
    def test_bad_bands_are_refused(self, tiers, rate, message):
        """Bands must ascend from at least one unit, end open, and start at the plan rate;
        each message names the band by its row."""
        with pytest.raises(ValidationError, match=message):
            plan(rate=rate, tiers=tiers)


class TestTrueUp:
    def test_overage_billed_at_the_end_of_each_period(self):
        """10 committed at $10, overage $12, premium 20 %, quarterly; active 12, 8, 15, 11.

        Each month bills 10 x $10 = $100. Months 1-3 accrue 2 + 0 + 5 = 7 units:
        7 x $12 x 1.2 = $100.80 on month 3. The horizon ends after month 4: 1 x $14.40 = $14.40.
        """
        p = plan(
            "active_user",
            committed_units=10,
            overage_rate=Decimal(12),
            true_up={"period_months": 3, "premium": Decimal("0.2")},
        )
        lines = price_plan(p, months(12, 8, 15, 11))
        assert [line.cost_cents for line in lines] == [10_000, 10_000, 20_080, 11_440]
        assert [line.true_up_cents for line in lines] == [0, 0, 10_080, 1_440]

    def test_pooled_months_under_the_commitment_offset_months_over_it(self):
        """The same plan, pooled: months 1-3 net 2 - 2 + 5 = 5 units, 5 x $12 x 1.2 = $72.00 in
        month 3; month 4 alone nets 1 unit, $14.40."""
        p = plan(
            "active_user",
            committed_units=10,
            overage_rate=Decimal(12),
            true_up={"period_months": 3, "premium": Decimal("0.2"), "pooled": True},
        )
        lines = price_plan(p, months(12, 8, 15, 11))
        assert [line.true_up_cents for line in lines] == [0, 0, 7_200, 1_440]
        assert [line.cost_cents for line in lines] == [10_000, 10_000, 17_200, 11_440]

    def test_a_pooled_period_under_the_commitment_owes_nothing(self):
        """Active 4, 12 and 9 against 10 committed, pooled over 3 months: -6 + 2 - 1 = -5 units,
        so no true-up (the commitment is paid, never credited); measured month by month the 2
        units of month 2 would be billed."""
        pooled = plan(
            "active_user", committed_units=10, true_up={"period_months": 3, "pooled": True}
        )
        monthly = plan("active_user", committed_units=10, true_up={"period_months": 3})
        assert costs(pooled, months(4, 12, 9)) == [10_000, 10_000, 10_000]
        assert costs(monthly, months(4, 12, 9)) == [10_000, 10_000, 12_000]

    def test_a_pool_of_agent_months_prepaid_for_the_year(self):
        """A pool of 12 x 50 = 600 agent-months at $100, paid $5,000 a month, overage $120:
        6 months of 40 and 6 of 62 use 612, so December bills 12 x $120 = $1,440.00 more; the
        same months measured one by one would bill 6 x 12 x $120 = $8,640.00."""
        p = plan(
            "active_user",
            rate="100",
            committed_units=50,
            overage_rate=Decimal(120),
            true_up={"period_months": 12, "pooled": True},
        )
        billed = price_plan(p, months(*[40] * 6, *[62] * 6))
        assert [line.true_up_cents for line in billed] == [0] * 11 + [144_000]
        assert sum(line.cost_cents for line in billed) == 12 * 500_000 + 144_000

    def test_minimum_still_applies_each_month(self):
        """Commitment 10 x $10 = $100 is below a $150 minimum: each month bills $150, and the
        period's 5 units above the commitment are trued up at $10 -> $50 in month 2."""
        p = plan(
            "active_user",
            committed_units=10,
            minimum_monthly_charge=Decimal(150),
            true_up={"period_months": 2},
        )
        assert costs(p, months(15, 10)) == [15_000, 20_000]


class TestTermsAndOneTimeCosts:
    def test_monthly_term_premium(self):
        """$100 a seat with a 20 % monthly-term premium: 10 seats x $120 = $1,200.00; in year 2
        with a 3 % escalator, $100 x 1.03 x 1.2 = $123.60 a seat -> $1,236.00."""
        p = plan(rate="100", monthly_term_premium=Decimal("0.2"), escalator=Decimal("0.03"))
        billed = costs(p, months(*[10] * 13))
        assert (billed[0], billed[12]) == (120_000, 123_600)

    def test_one_time_cost_split_over_chosen_months(self):
        """$100.00 over months 1, 2 and 4: $33.34 + $33.33 + $33.33 (the odd cent first)."""
        p = plan(rate="0", one_time_cost=Decimal(100), one_time_months=[1, 2, 4])
        lines = price_plan(p, months(1, 1, 1, 1))
        assert [line.one_time_cents for line in lines] == [3_334, 3_333, 0, 3_333]

    def test_one_time_month_after_the_horizon_is_refused(self):
        """A one-time cost planned for month 5 of a 3-month scenario is refused, naming both."""
        p = plan(one_time_cost=Decimal(100), one_time_months=[5])
        with pytest.raises(ValidationError, match=r"month 5 is after the last month \(3\)"):
            Scenario(
                name="S", start_month="2027-01", staffing=months(1, 1, 1), plans=[p], baseline="P"
            )


class TestLines:
    STAFF: ClassVar = [MonthStaffing(provisioned=100, active=70, peak_concurrent=60)]

    def test_supervisor_seats_plus_active_agents(self):
        """10 supervisor named seats at $150 + 70 active agents at $65:
        $1,500 + $4,550 = $6,050.00."""
        p = Plan(
            name="Quote",
            rule=CountingRule.ACTIVE_USER,
            rate=Decimal(65),
            lines=[PlanLine(name="Supervisors", rule="named_seat", rate=Decimal(150), quantity=10)],
        )
        bills = price_plan_lines(p, self.STAFF)
        assert [bill.months[0].cost_cents for bill in bills] == [455_000, 150_000]
        assert costs(p, self.STAFF) == [605_000]

    def test_named_core_plus_concurrent_overflow(self):
        """A named core of 50 seats at $100 and concurrent overflow above 50 at $40: peak
        concurrency 60 -> 10 overflow seats. $5,000 + $400 = $5,400.00."""
        p = Plan(
            name="Core and overflow",
            rule=CountingRule.NAMED_SEAT,
            rate=Decimal(100),
            quantity=50,
            lines=[PlanLine(name="Overflow", rule="concurrent", rate=Decimal(40), above=50)],
        )
        assert [bill.months[0].billable_units for bill in price_plan_lines(p, self.STAFF)] == [
            50,
            10,
        ]
        assert costs(p, self.STAFF) == [540_000]

    def test_add_on_per_named_seat(self):
        """Agents as active users at $65 plus workforce management at $12 per named seat:
        70 x $65 + 100 x $12 = $4,550 + $1,200 = $5,750.00."""
        p = Plan(
            name="With WFM",
            rule=CountingRule.ACTIVE_USER,
            rate=Decimal(65),
            lines=[PlanLine(name="WFM", rule="named_seat", rate=Decimal(12))],
        )
        assert costs(p, self.STAFF) == [575_000]

    def test_each_line_rounds_once(self):
        """Two lines of 1 seat at $0.005 each: each rounds to $0.01, so the plan bills $0.02
        (not one rounding of $0.010)."""
        p = Plan(
            name="Half cents",
            rule=CountingRule.NAMED_SEAT,
            rate=Decimal("0.005"),
            lines=[PlanLine(name="Second", rule="named_seat", rate=Decimal("0.005"))],
        )
        assert costs(p, months(1)) == [2]

    def test_up_to_caps_a_slice(self):
        """A line counting named seats above 20 up to 50: 100 provisioned -> 30 seats."""
        p = Plan(
            name="Sliced",
            rule=CountingRule.NAMED_SEAT,
            rate=Decimal(0),
            lines=[PlanLine(name="Mid", rule="named_seat", rate=Decimal(1), above=20, up_to=50)],
        )
        assert price_plan_lines(p, self.STAFF)[1].months[0].billable_units == 30

    def test_a_share_of_agents_is_rounded_up_to_whole_agents(self):
        """25 % of 70 active users is 17.5: a share of agents holds a license level or not, so
        18 are billed; 25 % of 80 is exactly 20."""
        p = Plan(
            name="Levels",
            rule=CountingRule.ACTIVE_USER,
            rate=Decimal(0),
            lines=[PlanLine(name="Premium", rule="active_user", rate=Decimal(1), share="0.25")],
        )
        staffing = [
            MonthStaffing(provisioned=100, active=70, peak_concurrent=50),
            MonthStaffing(provisioned=100, active=80, peak_concurrent=50),
        ]
        premium = price_plan_lines(p, staffing)[1].months
        assert [month.billable_units for month in premium] == [18, 20]

    def test_a_share_of_hours_is_rounded_up_once(self):
        """90 % of 11.05 hours is 9.945, billed as 10 whole hours: the share is taken of the
        exact hours, then rounded up once (90 % of the 12 rounded hours would bill 11)."""
        p = Plan(
            name="Levels",
            rule=CountingRule.ACTIVE_USER,
            rate=Decimal(0),
            lines=[PlanLine(name="Hours", rule="logged_in_hours", rate=Decimal(1), share="0.9")],
        )
        month = MonthStaffing(
            provisioned=2, active=2, peak_concurrent=1, logged_in_hours=Decimal("11.05")
        )
        (hours,) = price_plan_lines(p, [month])[1].months
        assert (hours.counted_units, hours.billable_units) == (Decimal("9.945"), 10)

    @pytest.mark.parametrize(
        ("terms", "message"),
        [
            ({"quantity": 5, "above": 2}, "a fixed quantity or a slice"),
            ({"share": "0.2", "up_to": 9}, "a share of its rule's units, or a fixed quantity"),
            ({"share": "0.2", "quantity": 3}, "a share of its rule's units, or a fixed quantity"),
            ({"share": "0"}, "share"),
            ({"above": 5, "up_to": 5}, r"up_to \(5\) must be above 'above' \(5\)"),
            ({"name": "Quote"}, "'Quote' appears 2 times"),
        ],
    )
    def test_bad_lines_are_refused(self, terms, message):
        """A line bills a quantity or a slice, slices are not empty, names differ."""
        line = {"name": "Line", "rule": "named_seat", "rate": 1, **terms}
        with pytest.raises(ValidationError, match=message):
            Plan(name="Quote", rule="named_seat", rate=Decimal(1), lines=[line])

    def test_line_table_adds_up_to_the_plan(self):
        """compare's line table: a plan's lines (one-time costs as a line) sum to its month."""
        p = Plan(
            name="Quote",
            rule=CountingRule.ACTIVE_USER,
            rate=Decimal(65),
            one_time_cost=Decimal(500),
            lines=[PlanLine(name="Supervisors", rule="named_seat", rate=Decimal(150), quantity=10)],
        )
        scenario = Scenario(
            name="S", start_month="2027-01", staffing=self.STAFF * 2, plans=[p], baseline="Quote"
        )
        result = compare(scenario)
        table = result.line_monthly
        assert table.groupby("line")["cost_cents"].sum().to_dict() == {
            "Quote": 910_000,
            "Supervisors": 300_000,
            "One-time costs": 50_000,
        }
        assert result.totals["Quote"].cost_cents == 1_260_000


class TestVersionOne:
    V1 = """{
      "schema_version": 1, "name": "Old file", "start_month": "2027-01",
      "staffing": [
        {"provisioned": 10, "active": 8, "peak_concurrent": 5},
        {"provisioned": 6, "active": 5, "peak_concurrent": 4}
      ],
      "plans": [
        {"name": "Named", "rule": "named_seat", "rate": "100", "seats_reducible": false},
        {"name": "Active", "rule": "active_user", "rate": "65", "seats_reducible": true}
      ],
      "baseline": "Named"
    }"""

    def test_v1_file_reads_as_its_translation(self):
        """seats_reducible false -> contract_year_peak: both months bill 10 x $100 = $1,000."""
        from calculator import scenario_from_json, scenario_to_json

        scenario = scenario_from_json(self.V1)
        assert [p.seat_reduction for p in scenario.plans] == [
            SeatReduction.CONTRACT_YEAR_PEAK,
            SeatReduction.MONTHLY,
        ]
        assert compare(scenario).totals["Named"].cost_cents == 200_000
        written = scenario_to_json(scenario)
        assert '"schema_version": 2' in written
        assert "seats_reducible" not in written

    def test_legacy_flag_and_new_rule_must_agree(self):
        """Both spellings given and different: refused, naming both values."""
        with pytest.raises(ValidationError, match=r"seat_reduction \(next_month\) and the older"):
            plan(seats_reducible=False, seat_reduction="next_month")

    def test_legacy_copy_update(self):
        """model_copy(update={"seats_reducible": True}) still means month by month."""
        p = plan(seat_reduction="contract_year_peak").model_copy(update={"seats_reducible": True})
        assert p.seat_reduction is SeatReduction.MONTHLY
        assert p.seats_reducible


class TestCommitment:
    @staticmethod
    def scenario(p: Plan, values: tuple[int, ...]) -> Scenario:
        return Scenario(
            name="S", start_month="2027-01", staffing=months(*values), plans=[p], baseline=p.name
        )

    def test_cheapest_commitment(self):
        """Active 10, 20, 30 at $10 committed, $16 overage. Commit c costs 3 x 10c + 16 x units
        above c: c = 0: $960; 10: $300 + 30 x 16 = $780; 20: $600 + 10 x 16 = $760; 30: $900;
        19: $570 + 12 x 16 = $762; 21: $630 + 9 x 16 = $774. Commit to 20: $760.00."""
        p = plan("active_user", committed_units=30, overage_rate=Decimal(16))
        advice = recommend_commitment(self.scenario(p, (10, 20, 30)), "P")
        costs_by_level = {lv.level: lv.cost_cents for lv in advice.levels}
        assert [costs_by_level[c] for c in (0, 10, 19, 20, 21, 30)] == [
            96_000,
            78_000,
            76_200,
            76_000,
            77_400,
            90_000,
        ]
        assert (advice.recommended, advice.peak, len(advice.levels)) == (20, 30, 31)
        assert advice.sentence == (
            "Commit to 20 active users: it costs $760.00 over the 3 months, the least of any "
            "level from 0 to 30, and $140.00 less than the 30 committed now."
        )

    def test_equal_costs_are_said_to_be_the_same(self):
        """Active 30 every month at $10, overage at the same $10: every commitment from 0 to 30
        costs 3 x 30 x $10 = $900, so committing to 0 saves nothing and says so (not "$0.00
        less")."""
        p = plan("active_user", committed_units=30, overage_rate=Decimal(10))
        advice = recommend_commitment(self.scenario(p, (30, 30, 30)), "P")
        assert {level.cost_cents for level in advice.levels} == {90_000}
        assert advice.sentence == (
            "Commit to 0 active users: it costs $900.00 over the 3 months, the same as the 30 "
            "committed now; every level from 0 to 30 costs the same, so the lower commitment "
            "binds you to less for the same money."
        )

    def test_equal_costs_of_sampled_levels_say_priced(self):
        """A flat 300 active users priced on a grid of 11 levels (not all 301): the sentence
        says every level priced costs the same, not every level."""
        p = plan("active_user", committed_units=300, overage_rate=Decimal(10))
        advice = recommend_commitment(self.scenario(p, (300, 300, 300)), "P", max_levels=11)
        assert advice.sampled
        assert "every level priced from 0 to 300 costs the same" in advice.sentence

    def test_cap_frontier(self):
        """Peak concurrency 3, 5, 4 at $10 a seat. Cap 5: $150, nothing refused; cap 4: $120, one
        login refused in month 2; cap 3: $90, 2 + 1 = 3 refused in 2 months."""
        p = plan("concurrent", concurrent_cap=5)
        advice = recommend_commitment(self.scenario(p, (3, 5, 4)), "P")
        frontier = advice.table.set_index("level").loc[[3, 4, 5]]
        assert frontier["cost_cents"].tolist() == [9_000, 12_000, 15_000]
        assert frontier["refused_logins"].tolist() == [3, 1, 0]
        assert frontier["months_refused"].tolist() == [2, 1, 0]
        assert advice.recommended == 5
        assert advice.sentence == (
            "Buy 5 concurrent seats: the fewest that refuse no logins at the monthly peaks, "
            "costing $150.00 over the 3 months; 4 would save $30.00 but refuse 1 login in 1 "
            "month."
        )
        tolerant = recommend_commitment(self.scenario(p, (3, 5, 4)), "P", max_refused=3)
        assert tolerant.recommended == 3

    def test_a_lower_cap_that_costs_the_same_is_said_to(self):
        """Peak concurrency 3, 5, 4 at $10 a seat, with 5 seats committed: every cap bills the
        5 committed, 3 x 5 x $10 = $150, so 4 seats save nothing (not "would save $0.00")."""
        p = plan("concurrent", concurrent_cap=5, committed_units=5)
        advice = recommend_commitment(self.scenario(p, (3, 5, 4)), "P")
        assert {level.cost_cents for level in advice.levels} == {15_000}
        assert advice.sentence == (
            "Buy 5 concurrent seats: the fewest that refuse no logins at the monthly peaks, "
            "costing $150.00 over the 3 months; 4 would cost the same and refuse 1 login in 1 "
            "month."
        )

    def test_large_peaks_are_sampled(self):
        """A peak of 1,000,000 prices a bounded number of levels, months' counts included."""
        p = plan("active_user", committed_units=5)
        advice = recommend_commitment(self.scenario(p, (1_000_000, 10)), "P", max_levels=101)
        assert advice.sampled
        assert len(advice.levels) <= 101 + 4
        assert {0, 9, 10, 5, 999_999, 1_000_000} <= {lv.level for lv in advice.levels}


@pytest.mark.parametrize("up_to", [0, -5])
def test_a_band_up_to_less_than_one_is_refused_by_row(up_to):
    """A band up to 0 prices no unit (and one below 0 none either): the first band's 'up to'
    must be 1 or more, stated as such whatever was typed below it."""
    from calculator import describe_validation_error

    data = {
        "name": "S",
        "start_month": "2027-01",
        "staffing": [{"provisioned": 1, "active": 1, "peak_concurrent": 1}],
        "plans": [
            {
                "name": "Quote",
                "rule": "named_seat",
                "rate": 10,
                "tiers": [{"up_to": up_to, "rate": 10}, {"up_to": None, "rate": 8}],
            }
        ],
        "baseline": "Quote",
    }
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(data)
    assert describe_validation_error(caught.value, data) == [
        f"plan 1 'Quote', rate band 1, up_to: must be 1 or more (got {up_to})"
    ]


def test_messages_name_the_line_and_band():
    """A bad value inside a line's band is placed by plan, line and band number."""
    from calculator import describe_validation_error

    data = {
        "name": "S",
        "start_month": "2027-01",
        "staffing": [{"provisioned": 1, "active": 1, "peak_concurrent": 1}],
        "plans": [
            {
                "name": "Quote",
                "rule": "named_seat",
                "rate": 1,
                "lines": [
                    {
                        "name": "Bands",
                        "rule": "named_seat",
                        "rate": 1,
                        "tiers": [{"up_to": 5, "rate": 1}, {"up_to": None, "rate": "-2"}],
                    }
                ],
            }
        ],
        "baseline": "Quote",
    }
    with pytest.raises(ValidationError) as caught:
        Scenario.model_validate(data)
    assert describe_validation_error(caught.value, data) == [
        "plan 1 'Quote', line 1, rate band 2, rate: must be 0 or more (got '-2')"
    ]
