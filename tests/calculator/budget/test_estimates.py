"""The estimates' inputs: settings no estimate reads can change without new estimates."""

from decimal import Decimal

from hypothesis import given, settings

from calculator import compare, example_scenario
from calculator.budget import Uncertainty, estimate_inputs, simulate, tornado
from tests.calculator.budget.strategies import budget_scenarios


@settings(max_examples=40, deadline=None)
@given(budget_scenarios(max_months=36))
def test_a_scenario_and_its_estimate_inputs_have_the_same_estimates(scenario):
    """Generated discount rates, programs, monthly shares and appropriations, all set back to
    their defaults: the Monte Carlo percentiles and every tornado bar are the same."""
    inputs = estimate_inputs(scenario)
    assert inputs.budget.uncertainty == scenario.budget.uncertainty
    assert simulate(compare(inputs)) == simulate(compare(scenario))
    assert tornado(compare(inputs)) == tornado(compare(scenario))


def test_settings_no_estimate_reads_share_the_estimate_inputs():
    """A new discount rate and an appropriation give the same estimate inputs as the defaults,
    and the default scenario is its own estimate inputs (so a page keeps one store for both)."""
    scenario = example_scenario()
    budget = scenario.budget.model_copy(
        update={"discount_rate": Decimal("0.07"), "appropriation": Decimal(50000)}
    )
    changed = scenario.model_copy(update={"budget": budget})
    assert estimate_inputs(scenario) is scenario
    assert estimate_inputs(changed) == scenario


def test_a_setting_the_estimates_read_gives_other_estimate_inputs():
    """Another seed draws other estimates: its estimate inputs differ."""
    scenario = example_scenario()
    uncertainty = Uncertainty(seed=scenario.budget.uncertainty.seed + 1)
    reseeded = scenario.model_copy(
        update={"budget": scenario.budget.model_copy(update={"uncertainty": uncertainty})}
    )
    assert estimate_inputs(reseeded) != estimate_inputs(scenario)
