"""Budget chart builders: figure, table and sentence carry the same numbers."""

from decimal import Decimal

import pytest

from app.views.budget import (
    contract_year_label,
    contract_year_summary,
    contract_year_table,
    fiscal_year_view,
    funding_view,
    payback_text,
    program_view,
    returns_table,
    tornado_view,
    uncertainty_view,
    year_label,
)
from calculator import CountingRule, Plan, compare, example_scenario, format_money
from calculator.budget import BudgetSettings, example_programs, plan_budget, simulate, tornado


@pytest.fixture(scope="module")
def comparison():
    """The worked example over 18 months from March 2027 with the illustrative programs."""
    scenario = example_scenario(18).model_copy(
        update={
            "start_month": "2027-03",
            "budget": BudgetSettings(programs=example_programs()),
        }
    )
    return compare(scenario)


@pytest.fixture(scope="module")
def budget(comparison):
    return plan_budget(comparison)


def test_partial_years_are_labelled(budget):
    """Partial years say how many of their twelve months the period covers."""
    assert [year_label(year) for year in budget.fiscal_years] == [
        "FY2027 (partial: 4 of 12 months)",
        "FY2028",
        "FY2029 (partial: 2 of 12 months)",
    ]


def test_fiscal_year_view_summary_names_the_first_full_year(budget):
    """The sentence gives the first full year's planned and not-to-exceed figures, and says the
    table gives the other years (it left them unsaid)."""
    view = fiscal_year_view(budget)
    assert view.summary == (
        "In FY2028 the planned cost is Named seats (today) $120,000.00 (not to exceed "
        "$120,000.00); Active users $54,600.00 (not to exceed $78,000.00). The table below gives "
        "FY2027 (partial) and FY2029 (partial) too."
    )


def test_fiscal_year_figure_plots_the_table_numbers(budget):
    """The planned bars and not-to-exceed markers plot the table's amounts."""
    view = fiscal_year_view(budget)
    # By hand: 4, 12 and 2 months at $4,550 (planned) and $6,500 (not to exceed).
    bars = {trace.name: list(trace.y) for trace in view.figure.data if trace.type == "bar"}
    ceilings = [list(trace.y) for trace in view.figure.data if trace.name == "Not to exceed"]
    assert bars["Active users"] == [18_200.0, 54_600.0, 9_100.0]
    assert ceilings[1] == [26_000.0, 78_000.0, 13_000.0]
    rows = view.table[view.table["Plan"] == "Active users"]
    assert list(rows["Not to exceed (USD)"]) == ["$26,000.00", "$78,000.00", "$13,000.00"]


def test_funding_table_totals_match_the_fiscal_year(budget):
    """Each year's 'All programs' row is the plan's planned cost, split by source."""
    view = funding_view(budget, "Named seats")
    total = view.table[view.table["Program"] == "All programs"]
    # By hand, FY2028 $120,000: federal 0.4 x 75 % + 0.4 x 50 % + 0.2 x 100 % = 70 %.
    assert list(total["Total (USD)"]) == ["$40,000.00", "$120,000.00", "$20,000.00"]
    assert list(total["Federal (USD)"])[1] == "$84,000.00"
    assert view.summary == (
        "Over the whole period Named seats costs $180,000.00: Federal $126,000.00 (70.0 %), "
        "State general revenue $54,000.00 (30.0 %)."
    )


def test_returns_table_shows_roi_and_payback():
    """$12,000 one-time cost over 12 months: payback month 3, ROI 445.0 %."""
    scenario = example_scenario()
    plans = [
        scenario.plans[0],
        scenario.plans[1].model_copy(update={"one_time_cost": Decimal(12000)}),
    ]
    budget = plan_budget(compare(scenario.model_copy(update={"plans": plans})))
    row = returns_table(budget).iloc[0]
    assert (row["ROI"], row["Payback month"]) == ("445.0 %", "month 3 (2027-03)")


def test_payback_text_without_payback():
    """No payback within the period is said in words."""
    assert payback_text(None, None) == "not within the period"


def test_uncertainty_view_is_labelled_an_estimate(comparison, budget):
    """Title, table columns and sentence say estimate; whiskers span P10 to P90."""
    simulation = simulate(comparison, draws=500, seed=1)
    view = uncertainty_view(simulation, budget, "savings")
    assert "estimate" in view.title
    assert view.summary.startswith("Estimate from 500 random draws.")
    assert "P90, estimate (USD)" in view.table.columns
    (trace,) = view.figure.data
    low, mid, high = (
        simulation.savings["Active users"][0].p10_cents,
        simulation.savings["Active users"][0].p50_cents,
        simulation.savings["Active users"][0].p90_cents,
    )
    assert trace.y[0] == mid / 100
    assert trace.error_y.arrayminus[0] == (mid - low) / 100
    assert trace.error_y.array[0] == (high - mid) / 100


def test_uncertainty_view_refuses_an_unknown_measure(comparison, budget):
    """Only cost and savings can be shown."""
    with pytest.raises(ValueError, match="measure must be 'cost' or 'savings', not 'profit'"):
        uncertainty_view(simulate(comparison, draws=100), budget, "profit")


def test_tornado_view_of_the_worked_example():
    """The sentence names the input with the largest swing and those that do not matter."""
    comparison = compare(example_scenario())
    view = tornado_view(tornado(comparison, Decimal("0.2"))["Active users"], "USD")
    assert view.summary == (
        "Savings of $65,400.00 against today move most with Provisioned accounts: from "
        "$41,400.00 to $89,400.00 when it moves by 20 % either way. Peak concurrency does not "
        "move them."
    )
    low, high = view.figure.data
    assert low.base == high.base == 65_400.0
    assert view.table["Swing (USD)"].iloc[0] == "$48,000.00"


def test_user_labels_are_escaped_in_figures():
    """A plan named with HTML reaches the figure escaped."""
    scenario = example_scenario(1)
    odd = Plan(name="<b>Usage</b>", rule=CountingRule.ACTIVE_USER, rate=Decimal(60))
    budget = plan_budget(compare(scenario.model_copy(update={"plans": [*scenario.plans, odd]})))
    names = [trace.name for trace in fiscal_year_view(budget).figure.data]
    assert "&lt;b&gt;Usage&lt;/b&gt;" in names


def test_program_view_stacks_each_programs_cost(budget):
    """One bar series per program; each year's bars add up to the plan's planned cost."""
    view = program_view(budget, "Active users")
    assert [trace.name for trace in view.figure.data] == [
        "Medicaid",
        "SNAP",
        "Unemployment insurance",
    ]
    for index, entry in enumerate(budget.years["Active users"]):
        stacked = sum(Decimal(repr(trace.y[index])) for trace in view.figure.data)
        assert stacked * 100 == entry.planned_cents
    totals = budget.program_totals("Active users")
    first = budget.fiscal_years[0]
    rows = view.table[view.table["Fiscal year"] == year_label(first)]
    assert list(rows["Cost (USD)"]) == [
        format_money(totals[(first.label, p.name)]) for p in budget.settings.programs
    ]
    whole = sum(e.planned_cents for e in budget.years["Active users"])
    assert view.summary.startswith(
        f"Over the whole period Active users costs {format_money(whole)}"
    )


def test_fiscal_view_draws_the_appropriation_and_flags_each_year(comparison):
    """At $40,000 a year the named seats' full FY2028 ($120,000) is over by $80,000."""
    settings = comparison.scenario.budget.model_copy(update={"appropriation": Decimal(40000)})
    budget = plan_budget(compare(comparison.scenario.model_copy(update={"budget": settings})))
    view = fiscal_year_view(budget)
    names = [trace.name for trace in view.figure.data]
    assert "Appropriation ($40,000.00 a year)" in names
    (line,) = view.figure.layout.shapes
    assert (line.y0, line.y1, line.xref, line.x0, line.x1) == (40000.0, 40000.0, "paper", 0, 1)
    table = view.table
    row = table[(table["Plan"] == "Named seats (today)") & (table["Fiscal year"] == "FY2028")]
    assert row.iloc[0]["Against the appropriation"] == "over by $80,000.00"
    # Each plan's years over it are named ("2 plan-years are over" was jargon and named none).
    assert view.summary.endswith(
        " Over the appropriation of $40,000.00 a year: Named seats (today) in FY2028; Active "
        "users in FY2028."
    )
    plain = fiscal_year_view(plan_budget(comparison))
    assert not any("Appropriation" in str(trace.name) for trace in plain.figure.data)
    assert not plain.figure.layout.shapes
    assert "Appropriation (USD)" not in plain.table.columns


def test_a_partial_year_fits_the_appropriation_only_for_its_months(comparison):
    """At $200,000 a year every plan fits, even at not to exceed; FY2027 (March to June) and
    FY2029 (July and August) fit only for the months the period covers, since the rest of those
    years may still use the appropriation."""
    settings = comparison.scenario.budget.model_copy(update={"appropriation": Decimal(200000)})
    budget = plan_budget(compare(comparison.scenario.model_copy(update={"budget": settings})))
    view = fiscal_year_view(budget)
    table = view.table
    verdicts = dict(
        zip(
            table[table["Plan"] == "Active users"]["Fiscal year"],
            table[table["Plan"] == "Active users"]["Against the appropriation"],
            strict=True,
        )
    )
    assert verdicts == {
        "FY2027 (partial: 4 of 12 months)": "within (4 months modeled), even at not to exceed",
        "FY2028": "within, even at not to exceed",
        "FY2029 (partial: 2 of 12 months)": "within (2 months modeled), even at not to exceed",
    }
    assert view.summary.endswith(
        "Every plan's planned cost fits the appropriation of $200,000.00 a year "
        "(FY2027 only for the 4 months modeled and FY2029 only for the 2 months modeled)."
    )


def _within(start_month: str, months: int, fiscal_start: int):
    """The worked example from ``start_month`` at $200,000 a year, which every plan fits."""
    settings = BudgetSettings(appropriation=Decimal(200000), fiscal_year_start_month=fiscal_start)
    scenario = example_scenario(months).model_copy(
        update={"start_month": start_month, "budget": settings}
    )
    return plan_budget(compare(scenario))


def test_each_partial_year_is_named_with_the_months_it_fits_for():
    """October start, twelve months from January: FY2027 holds 9 of them, FY2028 3."""
    summary = fiscal_year_view(_within("2027-01", 12, 10)).summary
    assert summary.endswith(
        "Every plan's planned cost fits the appropriation of $200,000.00 a year "
        "(FY2027 only for the 9 months modeled and FY2028 only for the 3 months modeled)."
    )


def test_a_fiscal_year_of_one_month_fits_for_that_month():
    """Thirteen months from January, January start: FY2028 holds only January 2028."""
    table = fiscal_year_view(_within("2027-01", 13, 1)).table
    last = table[table["Fiscal year"] == "FY2028 (partial: 1 of 12 months)"]
    assert set(last["Against the appropriation"]) == {
        "within (1 month modeled), even at not to exceed"
    }


def test_fiscal_years_are_labelled_on_short_upright_lines(comparison, budget):
    """On every fiscal-year chart the axis names each year upright, a partial year's months on
    lines of their own, so no label is turned sideways into the legend on a phone."""
    simulation = simulate(comparison)
    for view in (
        fiscal_year_view(budget),
        program_view(budget, "Active users"),
        funding_view(budget, "Active users"),
        uncertainty_view(simulation, budget),
    ):
        xaxis = view.figure.layout.xaxis
        assert xaxis.tickangle == 0
        assert list(xaxis.tickvals) == [year_label(year) for year in budget.fiscal_years]
        assert list(xaxis.ticktext) == [
            "FY2027<br>4 of 12<br>months",
            "FY2028",
            "FY2029<br>2 of 12<br>months",
        ]
        assert view.figure.layout.legend.yref == "container"


def test_tornado_input_names_wrap(comparison):
    """Long input names on the tornado's axis wrap, so the bars keep most of a phone's width."""
    view = tornado_view(tornado(comparison)["Active users"], "USD")
    texts = list(view.figure.layout.yaxis.ticktext)
    assert all(len(line) <= 20 for text in texts for line in text.split("<br>"))
    assert [text.replace("<br>", " ") for text in texts] == list(view.figure.layout.yaxis.tickvals)


def test_the_tornado_names_its_step_as_set():
    """A step of 1.5 % was labelled "2 %" (rounded to whole percent): the legend and the
    sentence name the step taken, "1.5 %"."""
    comparison = compare(example_scenario())
    view = tornado_view(tornado(comparison, Decimal("0.015"))["Active users"], "USD")
    assert [trace.name for trace in view.figure.data] == ["Input -1.5 %", "Input +1.5 %"]
    assert "when it moves by 1.5 % either way" in view.summary


@pytest.mark.parametrize(
    ("months", "span"),
    [
        (1, "Over the base year alone (1 month of its 12): "),
        (8, "Over the base year alone (8 months of its 12): "),
        (12, "Over the base year alone (12 months): "),
        (13, "Over the base year and 1 option year (13 months, the last partial), with every "),
        (36, "Over the base year and 2 option years (36 months), with every option exercised: "),
    ],
)
def test_the_contract_years_sentence_says_how_many_years_and_months(months, span):
    summary = contract_year_summary(plan_budget(compare(example_scenario(months))))
    assert summary.startswith(span)


def test_the_contract_years_sentence_and_table_carry_the_same_totals(budget):
    """18 months from March 2027: the last row's running totals are the sentence's figures."""
    table = contract_year_table(budget)
    assert [contract_year_label(year) for year in budget.contract_years] == [
        "Year 1 (base)",
        "Year 2 (option 1; partial: 6 of 12 months)",
    ]
    last = table.groupby("Plan").tail(1)
    summary = contract_year_summary(budget)
    for plan, planned, ceiling in last[
        ["Plan", "Planned so far (USD)", "Not to exceed so far (USD)"]
    ].values:
        assert f"{plan} {planned} (not to exceed {ceiling})" in summary
    assert summary.endswith("Active users $81,900.00 (not to exceed $117,000.00).")
