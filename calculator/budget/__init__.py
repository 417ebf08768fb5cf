"""Budget planning: fiscal years, not-to-exceed, programs and funding, returns, uncertainty.

A budget officer asks what to request for a fiscal year, split by program and funding source,
what the most is it could cost, what each quarter of the spend plan and the base year and each
option year cost, and how sure the figures are; a buyer asks when switching pays back.

>>> from calculator import compare, example_scenario
>>> from calculator.budget import plan_budget
>>> budget = plan_budget(compare(example_scenario(months=18)))
>>> [(year.fiscal_year.label, year.planned_cents) for year in budget.years["Active users"]]
[('FY2027', 2730000), ('FY2028', 5460000)]

The settings (:class:`BudgetSettings`) are the ``budget`` field of every scenario, so they travel
in the scenario file and the share link; they are defined beside the other models
(``calculator._budget_settings``) and re-exported here. ``budget_to_dict`` gives the ``"budget"``
key of ``python -m calculator compare --json``; its keys are listed in ``calculator.budget._summary``.
The method, with a worked example, is stated in ``docs/budget.md``.
"""

from calculator._budget_settings import (
    FISCAL_YEAR_STARTS,
    MAX_DRAWS,
    MAX_FUNDING_SOURCES,
    MAX_PROGRAMS,
    MIN_DRAWS,
    BudgetSettings,
    FundingShare,
    MonthlyShares,
    Program,
    RelativeRange,
    Uncertainty,
    example_programs,
)
from calculator._contract_years import (
    MONTHS_PER_CONTRACT_YEAR,
    ContractYear,
    contract_period,
    contract_year_name,
    contract_years,
)
from calculator.budget._allocation import allocate_cents
from calculator.budget._budget import Budget, FundingCell, PlanYear, SwitchReturn, plan_budget
from calculator.budget._contract_years import PlanContractYear
from calculator.budget._estimates import estimate_inputs
from calculator.budget._fiscal import FiscalYear, fiscal_year_of, fiscal_years
from calculator.budget._not_to_exceed import not_to_exceed_lines, worst_case_staffing
from calculator.budget._program_table import (
    TABLE_COLUMNS,
    WORKFORCE,
    BudgetInputError,
    monthly_shares_from_rows,
    monthly_shares_from_text,
    monthly_shares_to_rows,
    monthly_shares_to_text,
    percent_text,
    program_rows,
    programs_from_rows,
    programs_from_text,
    programs_to_rows,
    programs_to_text,
    replace_monthly_shares,
)
from calculator.budget._quarters import (
    MONTHS_PER_QUARTER,
    FiscalQuarter,
    PlanQuarter,
    fiscal_quarters,
    quarter_of,
)
from calculator.budget._returns import (
    discounted_payback_month,
    monthly_rate,
    npv_cents,
    payback_month,
    roi,
)
from calculator.budget._simulation import (
    ESTIMATE_LABEL,
    Percentiles,
    Simulation,
    simulate,
    simulate_fiscal_costs,
)
from calculator.budget._summary import budget_to_dict
from calculator.budget._tornado import Tornado, TornadoBar, tornado

__all__ = [
    "ESTIMATE_LABEL",
    "FISCAL_YEAR_STARTS",
    "MAX_DRAWS",
    "MAX_FUNDING_SOURCES",
    "MAX_PROGRAMS",
    "MIN_DRAWS",
    "MONTHS_PER_CONTRACT_YEAR",
    "MONTHS_PER_QUARTER",
    "TABLE_COLUMNS",
    "WORKFORCE",
    "Budget",
    "BudgetInputError",
    "BudgetSettings",
    "ContractYear",
    "FiscalQuarter",
    "FiscalYear",
    "FundingCell",
    "FundingShare",
    "MonthlyShares",
    "Percentiles",
    "PlanContractYear",
    "PlanQuarter",
    "PlanYear",
    "Program",
    "RelativeRange",
    "Simulation",
    "SwitchReturn",
    "Tornado",
    "TornadoBar",
    "Uncertainty",
    "allocate_cents",
    "budget_to_dict",
    "contract_period",
    "contract_year_name",
    "contract_years",
    "discounted_payback_month",
    "estimate_inputs",
    "example_programs",
    "fiscal_quarters",
    "fiscal_year_of",
    "fiscal_years",
    "monthly_rate",
    "monthly_shares_from_rows",
    "monthly_shares_from_text",
    "monthly_shares_to_rows",
    "monthly_shares_to_text",
    "not_to_exceed_lines",
    "npv_cents",
    "payback_month",
    "percent_text",
    "plan_budget",
    "program_rows",
    "programs_from_rows",
    "programs_from_text",
    "programs_to_rows",
    "programs_to_text",
    "quarter_of",
    "replace_monthly_shares",
    "roi",
    "simulate",
    "simulate_fiscal_costs",
    "tornado",
    "worst_case_staffing",
]
