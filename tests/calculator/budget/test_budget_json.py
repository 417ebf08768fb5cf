"""`compare --json` carries the budget view: keys are stable, figures as computed by hand."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from calculator import CountingRule, Plan, compare, example_scenario, scenario_to_json
from calculator._summary import comparison_to_dict
from calculator.budget import BudgetSettings, example_programs


def run_compare_json(path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "calculator", "compare", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["budget"]


@pytest.fixture(scope="module")
def budget_json(tmp_path_factory):
    """18 months from 2027-03, July fiscal year, illustrative programs, a $12,000 switch cost."""
    base = example_scenario(18)
    plans = [
        base.plans[0],
        Plan(
            name="Active users",
            rule=CountingRule.ACTIVE_USER,
            rate=Decimal(65),
            one_time_cost=Decimal(12000),
        ),
    ]
    scenario = base.model_copy(
        update={
            "start_month": "2027-03",
            "plans": plans,
            "budget": BudgetSettings(programs=example_programs(), discount_rate=Decimal(0)),
        }
    )
    path = tmp_path_factory.mktemp("budget") / "scenario.json"
    path.write_text(scenario_to_json(scenario))
    return run_compare_json(path)


def test_top_level_keys_are_stable(budget_json):
    """The budget key holds exactly the documented parts."""
    assert list(budget_json) == [
        "fiscal_year_start_month",
        "discount_rate",
        "monthly_discount_rate",
        "fiscal_years",
        "by_fiscal_year",
        "plan_totals",
        "contract_years",
        "by_contract_year",
        "fiscal_quarters",
        "by_fiscal_quarter",
        "returns",
        "programs",
        "allocation",
        "program_totals",
        "funding_source_totals",
        "notes",
        "appropriation",
        "overruns",
        "uncertainty",
        "tornado",
    ]


def test_fiscal_years(budget_json):
    """FY2027 (4 months, partial), FY2028 (12), FY2029 (2, partial) with their whole-year bounds."""
    assert budget_json["fiscal_years"][0] == {
        "fiscal_year": "FY2027",
        "ends_in": 2027,
        "first_month": "2026-07",
        "last_month": "2027-06",
        "months": 4,
        "first_month_in_horizon": "2027-03",
        "last_month_in_horizon": "2027-06",
        "partial": True,
    }
    assert [(y["fiscal_year"], y["months"]) for y in budget_json["fiscal_years"]] == [
        ("FY2027", 4),
        ("FY2028", 12),
        ("FY2029", 2),
    ]


def test_planned_beside_not_to_exceed(budget_json):
    """Active users, FY2027: 4 x $4,550 + $12,000 planned; 4 x $6,500 + $12,000 not-to-exceed."""
    row = next(
        r
        for r in budget_json["by_fiscal_year"]
        if (r["plan"], r["fiscal_year"]) == ("Active users", "FY2027")
    )
    assert row == {
        "plan": "Active users",
        "is_baseline": False,
        "fiscal_year": "FY2027",
        "partial": True,
        "months": 4,
        "planned": "30200.00",
        "one_time": "12000.00",
        "not_to_exceed": "38000.00",
        "headroom": "7800.00",
        "savings": "9800.00",
    }


def test_contract_years_from_the_start_month(budget_json):
    """18 months from 2027-03: a base year of 12 months and option 1 of 6 (partial)."""
    assert budget_json["contract_years"] == [
        {
            "contract_year": 1,
            "period": "base",
            "first_month": "2027-03",
            "last_month": "2028-02",
            "months": 12,
            "partial": False,
        },
        {
            "contract_year": 2,
            "period": "option 1",
            "first_month": "2028-03",
            "last_month": "2028-08",
            "months": 6,
            "partial": True,
        },
    ]


def test_by_contract_year_with_running_totals(budget_json):
    """Active users: the base year is 12 x $4,550 + $12,000 one-time; option 1 is 6 x $4,550;
    through option 1 the planned cost is the horizon's, 18 x $4,550 + $12,000 = $93,900."""
    rows = [r for r in budget_json["by_contract_year"] if r["plan"] == "Active users"]
    assert rows == [
        {
            "plan": "Active users",
            "is_baseline": False,
            "contract_year": 1,
            "period": "base",
            "partial": False,
            "months": 12,
            "planned": "66600.00",
            "not_to_exceed": "90000.00",
            "savings": "53400.00",
            "planned_through": "66600.00",
            "not_to_exceed_through": "90000.00",
        },
        {
            "plan": "Active users",
            "is_baseline": False,
            "contract_year": 2,
            "period": "option 1",
            "partial": True,
            "months": 6,
            "planned": "27300.00",
            "not_to_exceed": "39000.00",
            "savings": "32700.00",
            "planned_through": "93900.00",
            "not_to_exceed_through": "129000.00",
        },
    ]


def test_fiscal_quarters_from_the_fiscal_year_start(budget_json):
    """18 months from 2027-03 with a July fiscal year: March 2027 alone is FY2027 Q3 (January to
    March), then FY2027 Q4, FY2028 Q1 to Q4 and July-August 2028 as FY2029 Q1."""
    quarters = budget_json["fiscal_quarters"]
    assert [(q["fiscal_quarter"], q["months"], q["partial"]) for q in quarters] == [
        ("FY2027 Q3", 1, True),
        ("FY2027 Q4", 3, False),
        ("FY2028 Q1", 3, False),
        ("FY2028 Q2", 3, False),
        ("FY2028 Q3", 3, False),
        ("FY2028 Q4", 3, False),
        ("FY2029 Q1", 2, True),
    ]
    assert quarters[2] == {
        "fiscal_quarter": "FY2028 Q1",
        "fiscal_year": "FY2028",
        "quarter": 1,
        "first_month": "2027-07",
        "last_month": "2027-09",
        "months": 3,
        "partial": False,
    }


def test_by_fiscal_quarter(budget_json):
    """Active users against $10,000 a month of seats: the one-time $12,000 falls in the first
    quarter's one month (4,550 + 12,000 = 16,550, saving 10,000 - 16,550 = -6,550); a whole
    quarter is 3 x $4,550 = $13,650, not to exceed 3 x $6,500, saving 3 x $5,450."""
    rows = [r for r in budget_json["by_fiscal_quarter"] if r["plan"] == "Active users"]
    assert [
        (r["fiscal_quarter"], r["planned"], r["not_to_exceed"], r["savings"]) for r in rows
    ] == [
        ("FY2027 Q3", "16550.00", "18500.00", "-6550.00"),
        ("FY2027 Q4", "13650.00", "19500.00", "16350.00"),
        ("FY2028 Q1", "13650.00", "19500.00", "16350.00"),
        ("FY2028 Q2", "13650.00", "19500.00", "16350.00"),
        ("FY2028 Q3", "13650.00", "19500.00", "16350.00"),
        ("FY2028 Q4", "13650.00", "19500.00", "16350.00"),
        ("FY2029 Q1", "9100.00", "13000.00", "10900.00"),
    ]
    assert rows[0] == {
        "plan": "Active users",
        "is_baseline": False,
        "fiscal_quarter": "FY2027 Q3",
        "partial": True,
        "months": 1,
        "planned": "16550.00",
        "not_to_exceed": "18500.00",
        "savings": "-6550.00",
    }


def test_returns(budget_json):
    """Payback in month 3 (2027-05); net $86,100; ROI 717.5 %; NPV at 0 % = net savings."""
    # By hand: 18 x $5,450 - $12,000 = $86,100; 86,100 / 12,000 = 7.175.
    assert budget_json["returns"] == [
        {
            "plan": "Active users",
            "net_savings": "86100.00",
            "one_time_cost": "12000.00",
            "roi_pct": "717.500000",
            "payback_month": 3,
            "payback_month_label": "2027-05",
            "discounted_payback_month": 3,
            "discounted_payback_month_label": "2027-05",
            "npv": "86100.00",
        }
    ]


def test_program_and_funding_split_adds_up(budget_json):
    """Baseline FY2028 ($120,000): Medicaid $48,000 = $36,000 federal + $12,000 state."""
    rows = [
        (r["program"], r["funding_source"], r["amount"])
        for r in budget_json["allocation"]
        if (r["plan"], r["fiscal_year"]) == ("Named seats", "FY2028")
    ]
    assert rows == [
        ("Medicaid", "Federal", "36000.00"),
        ("Medicaid", "State general revenue", "12000.00"),
        ("SNAP", "Federal", "24000.00"),
        ("SNAP", "State general revenue", "24000.00"),
        ("Unemployment insurance", "Federal", "24000.00"),
    ]
    totals = {
        r["funding_source"]: r["amount"]
        for r in budget_json["funding_source_totals"]
        if (r["plan"], r["fiscal_year"]) == ("Named seats", "FY2028")
    }
    assert totals == {"Federal": "84000.00", "State general revenue": "36000.00"}


def test_uncertainty_is_labelled_an_estimate(budget_json):
    """The Monte Carlo part says it is an estimate and gives ordered percentiles."""
    uncertainty = budget_json["uncertainty"]
    assert uncertainty["estimate"] is True
    assert (uncertainty["draws"], uncertainty["seed"]) == (10_000, 2027)
    for row in uncertainty["rows"]:
        assert Decimal(row["p10"]) <= Decimal(row["p50"]) <= Decimal(row["p90"])


def test_tornado_bars_are_sorted_by_swing(budget_json):
    """Each plan's tornado lists its largest swing first."""
    (plan,) = budget_json["tornado"]["plans"]
    swings = [Decimal(bar["swing"]) for bar in plan["bars"]]
    assert swings == sorted(swings, reverse=True)


def test_comparison_to_dict_includes_the_budget():
    """The library function behind `compare --json` carries the same budget key."""
    assert "budget" in comparison_to_dict(compare(example_scenario(1)))
