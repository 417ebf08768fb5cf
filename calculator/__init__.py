"""Seat-to-usage savings calculator: the pure domain core.

What would we pay under named-seat, concurrent, active-user or logged-in-hours licensing, month by
month, and why. No Streamlit, no Plotly: usable from a notebook, a script or the command line.

Everything public is imported here by name. Two packages build on this core and are imported on
their own: :mod:`calculator.budget` (fiscal years, programs and funding, returns, uncertainty) and
:mod:`calculator.usage` (billable quantities from login/logout logs). The core never imports them.
The method behind every figure is stated in ``docs/method.md``.

>>> from calculator import compare, example_scenario
>>> result = compare(example_scenario(months=1))
>>> result.savings["Active users"].savings_cents
545000
"""

from calculator._commitment import (
    COMMITMENT_COLUMNS,
    CommitmentAdvice,
    CommitmentLevel,
    recommend_commitment,
)
from calculator._compare import (
    LINE_COLUMNS,
    MONTHLY_COLUMNS,
    BreakEven,
    CapExceedance,
    Comparison,
    PlanTotal,
    Savings,
    break_even_utilization,
    compare,
)
from calculator._curves import (
    CONCURRENCY_RATIO,
    PRESETS,
    CurveSpec,
    ShiftPattern,
    generate_curve,
    preset_curve,
)
from calculator._errors import (
    WHOLE_ONLY,
    CalculatorError,
    ScenarioFileError,
    describe_validation_error,
    quote_some,
    quote_value,
)
from calculator._example import EXAMPLE_NAME, example_scenario
from calculator._explain import explain_savings, short_money
from calculator._models import (
    MAX_MONTHS,
    MAX_PLANS,
    SCHEMA_VERSION,
    TODAY_MARK,
    CountingRule,
    MonthStaffing,
    Plan,
    PlanLine,
    Scenario,
    SeatReduction,
    Tier,
    TierMode,
    TrueUp,
    check_staffing_order,
    hours_in_month,
    month_labels,
)
from calculator._money import (
    costs_nothing,
    format_money,
    format_percent,
    format_utilization,
    from_cents,
    is_figure_text,
    money_str,
    monthly_average,
    percent_after,
    savings_percent,
    to_cents,
)
from calculator._pricing import LineBill, PlanMonth, price_plan, price_plan_lines
from calculator._scenario_file import (
    MAX_SCENARIO_BYTES,
    parse_scenario_document,
    scenario_from_json,
    scenario_json_schema,
    scenario_to_json,
)
from calculator._side_by_side import MAX_SIDE_BY_SIDE, SideBySide, side_by_side
from calculator._sweep import UTILIZATION_STEPS, UtilizationSweep, utilization_sweep
from calculator._types import TypedPercent
from calculator._views import (
    PlanHeadline,
    WaterfallSteps,
    best_alternative,
    cap_warnings,
    cheapest_plan,
    costs_vary,
    plan_headlines,
    waterfall_steps,
)
from calculator._words import counted, plural

__all__ = [
    "COMMITMENT_COLUMNS",
    "CONCURRENCY_RATIO",
    "EXAMPLE_NAME",
    "LINE_COLUMNS",
    "MAX_MONTHS",
    "MAX_PLANS",
    "MAX_SCENARIO_BYTES",
    "MAX_SIDE_BY_SIDE",
    "MONTHLY_COLUMNS",
    "PRESETS",
    "SCHEMA_VERSION",
    "TODAY_MARK",
    "UTILIZATION_STEPS",
    "WHOLE_ONLY",
    "BreakEven",
    "CalculatorError",
    "CapExceedance",
    "CommitmentAdvice",
    "CommitmentLevel",
    "Comparison",
    "CountingRule",
    "CurveSpec",
    "LineBill",
    "MonthStaffing",
    "Plan",
    "PlanHeadline",
    "PlanLine",
    "PlanMonth",
    "PlanTotal",
    "Savings",
    "Scenario",
    "ScenarioFileError",
    "SeatReduction",
    "ShiftPattern",
    "SideBySide",
    "Tier",
    "TierMode",
    "TrueUp",
    "TypedPercent",
    "UtilizationSweep",
    "WaterfallSteps",
    "best_alternative",
    "break_even_utilization",
    "cap_warnings",
    "cheapest_plan",
    "check_staffing_order",
    "compare",
    "costs_nothing",
    "costs_vary",
    "counted",
    "describe_validation_error",
    "example_scenario",
    "explain_savings",
    "format_money",
    "format_percent",
    "format_utilization",
    "from_cents",
    "generate_curve",
    "hours_in_month",
    "is_figure_text",
    "money_str",
    "month_labels",
    "monthly_average",
    "parse_scenario_document",
    "percent_after",
    "plan_headlines",
    "plural",
    "preset_curve",
    "price_plan",
    "price_plan_lines",
    "quote_some",
    "quote_value",
    "recommend_commitment",
    "savings_percent",
    "scenario_from_json",
    "scenario_json_schema",
    "scenario_to_json",
    "short_money",
    "side_by_side",
    "to_cents",
    "utilization_sweep",
    "waterfall_steps",
]
