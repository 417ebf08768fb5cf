"""plan_budget: fiscal-year totals, not-to-exceed, returns and the program x funding split."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given

from calculator import CountingRule, MonthStaffing, Plan, Scenario, compare, example_scenario
from calculator.budget import BudgetSettings, FundingShare, MonthlyShares, Program, plan_budget
from calculator.budget import example_programs as illustrative_programs
from tests.calculator.budget.strategies import budget_scenarios


def flat(months: int, provisioned: int, active: int, concurrent: int, **extra) -> list:
    return [
        MonthStaffing(provisioned=provisioned, active=active, peak_concurrent=concurrent, **extra)
    ] * months


def scenario(plans: list[Plan], start: str = "2027-01", months: int = 12, **extra) -> Scenario:
    return Scenario(
        name="Budget test",
        start_month=start,
        staffing=flat(months, 100, 70, 50),
        plans=plans,
        baseline=plans[0].name,
        **extra,
    )


def years_of(budget, plan: str) -> list[tuple[str, bool, int, int]]:
    return [
        (y.fiscal_year.label, y.fiscal_year.partial, y.planned_cents, y.not_to_exceed_cents)
        for y in budget.years[plan]
    ]


NAMED = Plan(name="Named", rule=CountingRule.NAMED_SEAT, rate=Decimal(100))
ACTIVE = Plan(name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(65))


def test_july_split_of_18_months_of_the_worked_example():
    """March 2027 + 18 months at $4,550 a month: FY2027 4 months, FY2028 12, FY2029 2."""
    budget = plan_budget(compare(scenario([NAMED, ACTIVE], start="2027-03", months=18)))
    # By hand: 70 x $65 = $4,550 a month; not-to-exceed 100 x $65 = $6,500 a month.
    assert years_of(budget, "Active") == [
        ("FY2027", True, 4 * 455_000, 4 * 650_000),
        ("FY2028", False, 12 * 455_000, 12 * 650_000),
        ("FY2029", True, 2 * 455_000, 2 * 650_000),
    ]
    assert [y.savings_cents for y in budget.years["Active"]] == [
        4 * 545_000,
        12 * 545_000,
        2 * 545_000,
    ]


def test_escalator_applies_at_the_contract_anniversary_inside_a_fiscal_year():
    """3 % escalator from January 2027: FY2028 has six months at $50 and six at $51.50."""
    plan = Plan(
        name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(50), escalator=Decimal("0.03")
    )
    staffing = flat(18, 10, 10, 10)
    budget = plan_budget(
        compare(
            Scenario(
                name="Escalator",
                start_month="2027-01",
                staffing=staffing,
                plans=[plan],
                baseline="Active",
            )
        )
    )
    # By hand: months 1-12 (2027-01..2027-12) 10 x $50 = $500; months 13-18 (2028-01..2028-06)
    # 10 x $51.50 = $515. FY2027 = Jan-Jun 2027 = 6 x $500 = $3,000.
    # FY2028 = Jul 2027-Jun 2028 = 6 x $500 + 6 x $515 = $6,090.
    assert [(y.fiscal_year.label, y.planned_cents) for y in budget.years["Active"]] == [
        ("FY2027", 300_000),
        ("FY2028", 609_000),
    ]


def test_escalator_rounds_each_month_once():
    """$65 with 3 % a year for 3 users: year 3 is 3 x $68.9585 = $206.8755, billed $206.88."""
    plan = Plan(
        name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(65), escalator=Decimal("0.03")
    )
    budget = plan_budget(
        compare(
            Scenario(
                name="Escalator",
                start_month="2027-01",
                staffing=flat(36, 3, 3, 3),
                plans=[plan],
                baseline="Active",
                budget=BudgetSettings(fiscal_year_start_month=1),
            )
        )
    )
    # By hand: $65 x 1.03 = $66.95, x 1.03 = $68.9585; 3 users: $195, $200.85, $206.8755 -> $206.88
    # (half away from zero). Calendar-year fiscal years = contract years.
    assert [y.planned_cents for y in budget.years["Active"]] == [
        12 * 19_500,
        12 * 20_085,
        12 * 20_688,
    ]


def test_not_to_exceed_by_counting_rule():
    """Worst case: every provisioned account active, concurrent, logged in all month."""
    plans = [
        NAMED,
        ACTIVE,
        Plan(name="Capped", rule=CountingRule.CONCURRENT, rate=Decimal(80), concurrent_cap=60),
        Plan(name="Uncapped", rule=CountingRule.CONCURRENT, rate=Decimal(80)),
        Plan(name="Hours", rule=CountingRule.LOGGED_IN_HOURS, rate=Decimal("0.5")),
    ]
    budget = plan_budget(
        compare(
            Scenario(
                name="NTE",
                start_month="2027-02",  # 28 days: 672 hours
                staffing=flat(1, 100, 70, 50, logged_in_hours=Decimal(7000)),
                plans=plans,
                baseline="Named",
            )
        )
    )
    # By hand, one month: named 100 x $100; active 100 x $65; capped: the cap 60 x $80 (as
    # planned); uncapped 100 x $80; hours 100 x 672 h x $0.50 = $33,600.
    assert {name: entries[0].not_to_exceed_cents for name, entries in budget.years.items()} == {
        "Named": 1_000_000,
        "Active": 650_000,
        "Capped": 480_000,
        "Uncapped": 800_000,
        "Hours": 3_360_000,
    }


def test_not_to_exceed_keeps_commitments_and_one_time_costs():
    """A 120-seat commitment and a $5,000 one-time cost are in the not-to-exceed figure too."""
    plan = Plan(
        name="Active",
        rule=CountingRule.ACTIVE_USER,
        rate=Decimal(65),
        committed_units=120,
        one_time_cost=Decimal(5000),
    )
    budget = plan_budget(compare(scenario([NAMED, plan], months=1)))
    # By hand: max(120 committed, 100 worst case) x $65 = $7,800, plus $5,000.
    assert budget.years["Active"][0].not_to_exceed_cents == 780_000 + 500_000


def test_returns_of_switching_with_a_one_time_cost():
    """$12,000 one-time cost, $5,450 a month saved for 12 months: payback month 3, ROI 445 %."""
    plan = ACTIVE.model_copy(update={"one_time_cost": Decimal(12000)})
    budget = plan_budget(
        compare(scenario([NAMED, plan], budget=BudgetSettings(discount_rate=Decimal(0))))
    )
    result = budget.returns["Active"]
    # By hand: cumulative -6,550, -1,100, +4,350 -> month 3 (2027-03). Net 12 x 5,450 - 12,000
    # = $53,400; ROI 53,400 / 12,000 = 4.45; NPV at 0 % = net savings.
    assert (result.payback_month, result.payback_label) == (3, "2027-03")
    assert result.net_savings_cents == 5_340_000
    assert result.roi_percent == Decimal(445)
    assert result.npv_cents == 5_340_000


def test_no_returns_for_the_baseline():
    """Returns are computed for alternatives only."""
    budget = plan_budget(compare(example_scenario()))
    assert list(budget.returns) == ["Active users"]


def test_program_and_funding_split_of_one_month():
    """$1,000.01 over Medicaid 40 % (75/25), SNAP 40 % (50/50), UI 20 % (federal)."""
    plan = Plan(name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal("1000.01"))
    budget = plan_budget(
        compare(
            Scenario(
                name="Split",
                start_month="2027-07",
                staffing=flat(1, 1, 1, 1),
                plans=[plan],
                baseline="Active",
                budget=BudgetSettings(programs=illustrative_programs()),
            )
        )
    )
    # By hand: program quotas 40000.4, 40000.4, 20000.2 -> 40001, 40000, 20000 (tie to the first).
    # Medicaid 40001 x 0.75 / 0.25 = 30000.75 / 10000.25 -> 30001 / 10000; SNAP 20000 / 20000.
    fed, state = "Federal", "State general revenue"
    assert [(c.program, c.source, c.cents) for c in budget.funding] == [
        ("Medicaid", fed, 30_001),
        ("Medicaid", state, 10_000),
        ("SNAP", fed, 20_000),
        ("SNAP", state, 20_000),
        ("Unemployment insurance", fed, 20_000),
    ]
    assert budget.source_totals("Active") == {("FY2028", fed): 70_001, ("FY2028", state): 30_000}


def equal_thirds() -> list[Program]:
    """Three programs of a third each, each paid by one source, as a budget office types them."""
    return [
        Program(
            name=name, share=share, funding=[FundingShare(source=f"{name} fund", share=Decimal(1))]
        )
        for name, share in (
            ("A", Decimal("0.333333")),
            ("B", Decimal("0.333333")),
            ("C", Decimal("0.333334")),
        )
    ]


def test_equal_shares_get_equal_sums_over_several_fiscal_years():
    """$2.00 in each of two fiscal years, split 33.3333 / 33.3333 / 33.3334 %. Each year the
    quotas are 66.6666, 66.6666 and 66.6668 cents: 66 each, and of the 2 cents missing one goes
    to C (remainder 0.6668) and one to A or B, tied at 0.6666. It went to A both years, $1.34
    against B's $1.32; now it goes to the program behind, A in the first year, B in the second:
    $1.33 each."""
    plan = Plan(name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(1))
    budget = plan_budget(
        compare(
            Scenario(
                name="Thirds",
                start_month="2027-05",
                staffing=flat(4, 1, 1, 1),
                plans=[plan],
                baseline="Active",
                budget=BudgetSettings(fiscal_year_start_month=7, programs=equal_thirds()),
            )
        )
    )
    totals = budget.program_totals("Active")
    assert [totals[("FY2027", name)] for name in "ABC"] == [67, 66, 67]
    assert [totals[("FY2028", name)] for name in "ABC"] == [66, 67, 67]
    sources = budget.source_totals("Active")
    assert [sources[("FY2028", f"{name} fund")] for name in "ABC"] == [66, 67, 67]


def test_monthly_shares_weight_each_month_by_its_own_split():
    """Month 1 all on A, month 2 split 50/50 by default: A gets $150 of $200."""
    programs = [
        Program(
            name="A", share=Decimal("0.5"), funding=[FundingShare(source="S", share=Decimal(1))]
        ),
        Program(
            name="B", share=Decimal("0.5"), funding=[FundingShare(source="S", share=Decimal(1))]
        ),
    ]
    plan = Plan(name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(100))
    budget = plan_budget(
        compare(
            Scenario(
                name="Monthly",
                start_month="2027-07",
                staffing=flat(2, 1, 1, 1),
                plans=[plan],
                baseline="Active",
                budget=BudgetSettings(
                    programs=programs,
                    monthly_shares=[
                        MonthlyShares(month="2027-07", shares={"A": Decimal(1), "B": Decimal(0)}),
                        MonthlyShares(month="2030-01", shares={"A": Decimal(0), "B": Decimal(1)}),
                    ],
                ),
            )
        )
    )
    # By hand: A = 1 x $100 + 0.5 x $100 = $150; B = 0 + 0.5 x $100 = $50.
    assert budget.program_totals("Active") == {("FY2028", "A"): 15_000, ("FY2028", "B"): 5_000}
    assert budget.notes == [
        "The month-by-month split for 2030-01 is outside the horizon and not used; the scenario "
        "keeps it, and it applies again once the horizon covers that month."
    ]


@given(budget_scenarios())
def test_not_to_exceed_is_never_below_planned(scenario):
    """For every plan and fiscal year, not-to-exceed >= planned cost."""
    budget = plan_budget(compare(scenario))
    for entries in budget.years.values():
        for entry in entries:
            assert entry.not_to_exceed_cents >= entry.planned_cents


@given(budget_scenarios())
def test_fiscal_years_add_up_to_the_comparison_totals(scenario):
    """Fiscal-year costs and savings add up exactly to the horizon totals of compare()."""
    comparison = compare(scenario)
    budget = plan_budget(comparison)
    for name, entries in budget.years.items():
        assert sum(e.planned_cents for e in entries) == comparison.totals[name].cost_cents
        assert sum(len(e.fiscal_year.months) for e in entries) == scenario.horizon
    for name, split in comparison.savings.items():
        assert sum(e.savings_cents for e in budget.years[name]) == split.savings_cents


@given(budget_scenarios())
def test_funding_cells_add_up_and_stay_within_a_cent_of_the_exact_split(scenario):
    """Cells add up exactly to the fiscal-year total; programs and sources miss by < 1 cent."""
    comparison = compare(scenario)
    budget = plan_budget(comparison)
    settings = scenario.budget
    for name, entries in budget.years.items():
        lines = comparison.lines[name]
        for entry in entries:
            year = entry.fiscal_year
            cells = [c for c in budget.funding if c.plan == name and c.fiscal_year == year.label]
            assert sum(c.cents for c in cells) == entry.planned_cents
            for index, program in enumerate(settings.programs):
                exact = sum(
                    lines[i].cost_cents
                    * Fraction(settings.program_shares(scenario.months[i])[index])
                    for i in year.month_indices
                )
                mine = [c for c in cells if c.program == program.name]
                program_cents = sum(c.cents for c in mine)
                assert abs(program_cents - exact) < 1
                for cell, source in zip(mine, program.funding, strict=True):
                    assert cell.source == source.source
                    assert abs(cell.cents - program_cents * Fraction(source.share)) < 1


def test_appropriation_flags_planned_and_possible_overruns():
    """Named: 100 seats x $100 x 6 months = $60,000 per half year, $25,000 above $35,000.
    Active: 70 x $65 x 6 = $27,300 fits, but all 100 accounts active would cost $39,000."""
    settings = BudgetSettings(appropriation=Decimal("35000"))
    budget = plan_budget(compare(scenario([NAMED, ACTIVE], budget=settings)))
    named, active = budget.years["Named"][0], budget.years["Active"][0]
    assert (named.appropriation_cents, named.overrun_cents) == (3_500_000, 2_500_000)
    assert (active.overrun_cents, active.ceiling_overrun_cents) == (0, 400_000)
    flags = budget.overrun_flags()
    assert len(flags) == 4  # two plans in each of two half years
    assert flags[0] == (
        "Over the appropriation: the planned cost of Named is $60,000.00 in FY2027 (6 of its 12 months), "
        "$25,000.00 above the appropriation of $35,000.00."
    )
    assert flags[1].startswith("Could overrun: Active fits the appropriation of $35,000.00")
    assert "$4,000.00 above it" in flags[1]


def test_without_appropriation_nothing_is_flagged():
    budget = plan_budget(compare(scenario([NAMED, ACTIVE])))
    assert budget.years["Named"][0].overrun_cents is None
    assert budget.overrun_flags() == []


def test_appropriation_within_every_ceiling_flags_nothing():
    settings = BudgetSettings(appropriation=Decimal("60000"))
    assert plan_budget(compare(scenario([NAMED, ACTIVE], budget=settings))).overrun_flags() == []


@given(budget_scenarios())
def test_overrun_is_planned_cost_above_the_appropriation(case):
    budget = plan_budget(compare(case))
    for entries in budget.years.values():
        for entry in entries:
            if entry.appropriation_cents is None:
                assert entry.overrun_cents is None
                continue
            assert entry.overrun_cents == max(0, entry.planned_cents - entry.appropriation_cents)
            assert entry.ceiling_overrun_cents >= entry.overrun_cents
