"""The plain sentence that explains a comparison."""

from decimal import Decimal

from calculator import CountingRule, MonthStaffing, Plan, Scenario, compare, explain_savings


def scenario(active_rate, staffing=None, seat_rate=100):
    return Scenario(
        name="S",
        start_month="2027-01",
        staffing=staffing or [MonthStaffing(provisioned=100, active=70, peak_concurrent=50)],
        plans=[
            Plan(name="Seats", rule=CountingRule.NAMED_SEAT, rate=Decimal(seat_rate)),
            Plan(name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(active_rate)),
        ],
        baseline="Seats",
    )


def test_alternative_costs_more_is_said_plainly():
    """70 users at $160 cost $1,200 more than 100 seats at $100: the sentence says so."""
    assert explain_savings(compare(scenario(160)), "Active") == (
        "Paying for 70 active users instead of 100 seats costs $1,200 more a month (12.0 % more):"
        " $3,000 from seats nobody used and $4,200 added by the higher rate."
    )


def test_free_plan_today_gives_no_percentage():
    """Seats at $0 cost nothing: 70 x $65 = $4,550 more, and no "(n/a more)" percentage of $0."""
    assert explain_savings(compare(scenario(65, seat_rate=0)), "Active") == (
        "Paying for 70 active users instead of 100 seats costs $4,550 more a month; "
        "today's plan costs nothing."
    )


def test_a_zero_part_is_left_out():
    """All 100 seats used: 100 x ($100 - $65) = $3,500, all from the rate, no "$0 from ..."."""
    staffing = [MonthStaffing(provisioned=100, active=100, peak_concurrent=50)]
    assert explain_savings(compare(scenario(65, staffing)), "Active") == (
        "Paying for 100 active users instead of 100 seats saves $3,500 a month (35.0 %): "
        "$3,500 from the lower rate."
    )


def test_equal_cost():
    """At exactly break-even the sentence says the cost is the same."""
    staffing = [MonthStaffing(provisioned=100, active=50, peak_concurrent=10)]
    assert explain_savings(compare(scenario(200, staffing)), "Active") == (
        "Paying for 50 active users instead of 100 seats costs the same as today's plan every month."
    )


def test_seasonal_curve_speaks_of_the_horizon():
    """A curve that changes month to month is described over the whole horizon.

    By hand: seats 2 x $10,000 = $20,000; active (70 + 40) x $65 = $7,150; saving $12,850
    (64.25 %, shown 64.3 %); volume (30 + 60) x $100 = $9,000; rate (70 + 40) x $35 = $3,850.
    """
    staffing = [
        MonthStaffing(provisioned=100, active=70, peak_concurrent=50),
        MonthStaffing(provisioned=100, active=40, peak_concurrent=30),
    ]
    assert explain_savings(compare(scenario(65, staffing)), "Active") == (
        "Paying for active users instead of seats saves $12,850 over 2 months (64.3 %): "
        "$9,000 from seats nobody used and $3,850 from the lower rate."
    )


def test_cents_are_kept_when_present():
    """Amounts with cents keep them, and then every amount shows its cents: 70 x $64.99 =
    $4,549.30, saving $5,450.70 = $3,000.00 + 70 x $35.01 = $2,450.70."""
    assert explain_savings(compare(scenario("64.99")), "Active") == (
        "Paying for 70 active users instead of 100 seats saves $5,450.70 a month (54.5 %): "
        "$3,000.00 from seats nobody used and $2,450.70 from the lower rate."
    )


def seat_offers(staffing, offer_rate=80):
    return Scenario(
        name="S",
        start_month="2027-01",
        staffing=staffing,
        plans=[
            Plan(name="Today", rule=CountingRule.NAMED_SEAT, rate=Decimal(100)),
            Plan(name="Offer B", rule=CountingRule.NAMED_SEAT, rate=Decimal(offer_rate)),
        ],
        baseline="Today",
    )


def test_two_plans_that_count_alike_are_named():
    """100 seats at $80 against 100 at $100: $2,000 a month, all from the rate, plans named."""
    flat = [MonthStaffing(provisioned=100, active=70, peak_concurrent=50)]
    assert explain_savings(compare(seat_offers(flat)), "Offer B") == (
        "Paying for 100 seats under 'Offer B' instead of 100 seats under 'Today' saves "
        "$2,000 a month (20.0 %): $2,000 from the lower rate."
    )


def test_two_plans_that_count_alike_over_a_seasonal_curve():
    """(100 + 50) seats x $20 = $3,000 over 2 months (20.0 %), the plans named, not "seats" twice."""
    seasonal = [
        MonthStaffing(provisioned=100, active=70, peak_concurrent=50),
        MonthStaffing(provisioned=50, active=40, peak_concurrent=30),
    ]
    assert explain_savings(compare(seat_offers(seasonal)), "Offer B") == (
        "Paying for seats under 'Offer B' instead of under 'Today' saves $3,000 over 2 months "
        "(20.0 %): $3,000 from the lower rate."
    )


def test_two_plans_that_count_alike_and_cost_the_same():
    """The same seats at the same rate: the sentence says the cost is the same every month."""
    flat = [MonthStaffing(provisioned=100, active=70, peak_concurrent=50)]
    assert explain_savings(compare(seat_offers(flat, offer_rate=100)), "Offer B") == (
        "Paying for 100 seats under 'Offer B' instead of 100 seats under 'Today' costs the same "
        "as today's plan every month."
    )


def test_terms_besides_the_rate_are_named_with_it():
    """A one-time cost is not "the lower rate": 70 x $65 + $1,000 once against 100 x $100 saves
    $5,450 - $1,000 = $4,450 in the one month, $3,000 from seats nobody used and $1,450 from the
    rate and terms."""
    base = scenario(65)
    plans = [base.plans[0], base.plans[1].model_copy(update={"one_time_cost": Decimal(1000)})]
    with_cost = base.model_copy(update={"plans": plans})
    assert explain_savings(compare(Scenario.model_validate(with_cost.model_dump())), "Active") == (
        "Paying for 70 active users instead of 100 seats saves $4,450 a month (44.5 %): "
        "$3,000 from seats nobody used and $1,450 from the lower rate and terms."
    )


def offers_of_a_call() -> Scenario:
    """250 seats at $95 today; 160 agents log in, at most 110 at once; a concurrent offer at
    $140 with a $5,000 set-up, which makes its first month differ from the others."""
    return Scenario(
        name="Northwind Q1",
        start_month="2027-01",
        staffing=[MonthStaffing(provisioned=250, active=160, peak_concurrent=110)] * 12,
        plans=[
            Plan(name="Seats", rule=CountingRule.NAMED_SEAT, rate=Decimal(95)),
            Plan(
                name="Concurrent",
                rule=CountingRule.CONCURRENT,
                rate=Decimal(140),
                one_time_cost=Decimal(5000),
            ),
        ],
        baseline="Seats",
    )


def test_a_steady_count_is_said_even_when_a_one_time_cost_makes_the_months_differ():
    """By hand: seats 12 x 250 x $95 = $285,000; concurrent 12 x 110 x $140 + $5,000 =
    $189,800; saving $95,200 (33.4 %). Volume (250 - 110) x $95 x 12 = $159,600; rate and terms
    $159,600 - $95,200 = $64,400 more. It said "concurrent seats instead of seats", no count."""
    assert explain_savings(compare(offers_of_a_call()), "Concurrent") == (
        "Paying for 110 concurrent seats instead of 250 seats saves $95,200 over 12 months "
        "(33.4 %): $159,600 from seats beyond the peak logged in at once and $64,400 added by "
        "the higher rate and terms."
    )
