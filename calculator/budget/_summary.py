"""The budget view as plain data: the ``"budget"`` key of ``python -m calculator compare --json``.

Money is a string with two decimals (``"1234.50"``), ratios are strings with six decimals, months
are ``YYYY-MM``, fiscal years ``"FY2028"``. Lists keep the scenario's plan order, fiscal years in
time order, programs and funding sources in the order of the settings. Keys::

    budget
      fiscal_year_start_month   1-12, first calendar month of the fiscal year
      discount_rate             annual [1/year], e.g. "0.030000"
      monthly_discount_rate     (1 + annual) ** (1/12) - 1 [1/month], e.g. "0.0024662698"
      fiscal_years[]            fiscal_year, ends_in (year), first_month, last_month (the whole
                                year), months (in the horizon), first_month_in_horizon,
                                last_month_in_horizon, partial (true when months < 12)
      by_fiscal_year[]          plan, is_baseline, fiscal_year, partial, months, planned (cost
                                incl. one-time costs), one_time, not_to_exceed, headroom
                                (not_to_exceed - planned), savings (baseline - plan)
      plan_totals[]             plan, is_baseline, planned, one_time, not_to_exceed, headroom,
                                savings: the same over the whole horizon
      contract_years[]          contract_year (1 = base), period ("base", "option 1", ...),
                                first_month, last_month (in the horizon), months, partial
      by_contract_year[]        plan, is_baseline, contract_year, period, partial, months,
                                planned, not_to_exceed, savings, planned_through and
                                not_to_exceed_through (every year up to this one: the cost if
                                every option through it is exercised)
      fiscal_quarters[]         fiscal_quarter ("FY2028 Q1"), fiscal_year, quarter (1-4),
                                first_month, last_month (in the horizon), months, partial
                                (true when months < 3)
      by_fiscal_quarter[]       plan, is_baseline, fiscal_quarter, partial, months, planned,
                                not_to_exceed, savings
      returns[]                 one per alternative plan: plan, net_savings (incl. one-time
                                costs), one_time_cost, roi_pct (net_savings / one_time_cost x 100,
                                null without one-time cost), payback_month (1-based, null = none
                                within the horizon), payback_month_label, discounted_payback_month,
                                discounted_payback_month_label, npv
      programs[]                program, share (constant workforce share), funding[] (source,
                                share)
      allocation[]              plan, fiscal_year, program, funding_source, amount: cost split;
                                per plan and year the amounts add up exactly to planned
      program_totals[]          plan, fiscal_year, program, amount (sum of its allocation rows)
      funding_source_totals[]   plan, fiscal_year, funding_source, amount (fiscal-note layout)
      notes[]                   plain-language remarks, e.g. unused monthly shares
      appropriation             the budget's not-to-exceed per fiscal year, or null when unset
      overruns[]                one sentence per plan and fiscal year whose planned cost (or
                                not-to-exceed) is above the appropriation
      uncertainty               estimate (true), method, draws, seed, ranges (active_users,
                                peak_concurrency, rates: low, high relative changes),
                                rows[]: plan, measure ("cost" or "savings"), fiscal_year
                                ("FY2028" or "total"), p10, p50, p90
      tornado                   change (relative, e.g. "0.200000"), plans[]: plan,
                                base_savings, bars[] (input, savings_low, savings_high, swing),
                                largest swing first
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from calculator._budget_settings import RelativeRange
from calculator._compare import Comparison
from calculator._money import money_str, to_cents
from calculator.budget._budget import Budget, PlanYear, plan_budget
from calculator.budget._returns import monthly_rate
from calculator.budget._simulation import Percentiles, Simulation, simulate
from calculator.budget._tornado import Tornado, tornado

SIMULATION_METHOD = (
    "Monte Carlo: each draw scales active users, peak concurrency and each alternative plan's "
    "rates by one uniform draw from their ranges for the whole horizon"
)


def _ratio(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.6f}"


def budget_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The budget view of ``comparison`` as JSON-ready data; keys in the module docstring."""
    budget = plan_budget(comparison)
    return {
        **_exact_part(budget),
        "uncertainty": simulation_to_dict(simulate(comparison), comparison),
        "tornado": tornado_to_dict(tornado(comparison), comparison.scenario.budget.tornado_change),
    }


def _year_row(entry: PlanYear) -> dict[str, Any]:
    return {
        "planned": money_str(entry.planned_cents),
        "one_time": money_str(entry.one_time_cents),
        "not_to_exceed": money_str(entry.not_to_exceed_cents),
        "headroom": money_str(entry.headroom_cents),
        "savings": money_str(entry.savings_cents),
    }


def _exact_part(budget: Budget) -> dict[str, Any]:
    scenario = budget.scenario
    settings = budget.settings
    baseline = scenario.baseline
    plans = [plan.name for plan in scenario.plans]
    return {
        "fiscal_year_start_month": settings.fiscal_year_start_month,
        "discount_rate": _ratio(settings.discount_rate),
        "monthly_discount_rate": f"{monthly_rate(settings.discount_rate):.10f}",
        "fiscal_years": [
            {
                "fiscal_year": year.label,
                "ends_in": year.year,
                "first_month": year.first_month,
                "last_month": year.last_month,
                "months": len(year.months),
                "first_month_in_horizon": year.months[0],
                "last_month_in_horizon": year.months[-1],
                "partial": year.partial,
            }
            for year in budget.fiscal_years
        ],
        "by_fiscal_year": [
            {
                "plan": name,
                "is_baseline": name == baseline,
                "fiscal_year": entry.fiscal_year.label,
                "partial": entry.fiscal_year.partial,
                "months": len(entry.fiscal_year.months),
                **_year_row(entry),
            }
            for name in plans
            for entry in budget.years[name]
        ],
        "plan_totals": [
            {
                "plan": name,
                "is_baseline": name == baseline,
                **_year_row(budget.plan_total(name)),
            }
            for name in plans
        ],
        "contract_years": [
            {
                "contract_year": year.number,
                "period": year.period,
                "first_month": year.months[0],
                "last_month": year.months[-1],
                "months": len(year.months),
                "partial": year.partial,
            }
            for year in budget.contract_years
        ],
        "by_contract_year": [
            {
                "plan": name,
                "is_baseline": name == baseline,
                "contract_year": entry.contract_year.number,
                "period": entry.contract_year.period,
                "partial": entry.contract_year.partial,
                "months": len(entry.contract_year.months),
                "planned": money_str(entry.planned_cents),
                "not_to_exceed": money_str(entry.not_to_exceed_cents),
                "savings": money_str(entry.savings_cents),
                "planned_through": money_str(entry.planned_through_cents),
                "not_to_exceed_through": money_str(entry.not_to_exceed_through_cents),
            }
            for name in plans
            for entry in budget.by_contract_year[name]
        ],
        "fiscal_quarters": [
            {
                "fiscal_quarter": quarter.label,
                "fiscal_year": f"FY{quarter.fiscal_year}",
                "quarter": quarter.quarter,
                "first_month": quarter.months[0],
                "last_month": quarter.months[-1],
                "months": len(quarter.months),
                "partial": quarter.partial,
            }
            for quarter in budget.fiscal_quarters
        ],
        "by_fiscal_quarter": [
            {
                "plan": name,
                "is_baseline": name == baseline,
                "fiscal_quarter": entry.fiscal_quarter.label,
                "partial": entry.fiscal_quarter.partial,
                "months": len(entry.fiscal_quarter.months),
                "planned": money_str(entry.planned_cents),
                "not_to_exceed": money_str(entry.not_to_exceed_cents),
                "savings": money_str(entry.savings_cents),
            }
            for name in plans
            for entry in budget.by_fiscal_quarter[name]
        ],
        "returns": [
            {
                "plan": result.plan,
                "net_savings": money_str(result.net_savings_cents),
                "one_time_cost": money_str(result.one_time_cents),
                "roi_pct": _ratio(result.roi_percent),
                "payback_month": result.payback_month,
                "payback_month_label": result.payback_label,
                "discounted_payback_month": result.discounted_payback_month,
                "discounted_payback_month_label": result.discounted_payback_label,
                "npv": money_str(result.npv_cents),
            }
            for result in budget.returns.values()
        ],
        "programs": [
            {
                "program": program.name,
                "share": _ratio(program.share),
                "funding": [
                    {"source": source.source, "share": _ratio(source.share)}
                    for source in program.funding
                ],
            }
            for program in settings.programs
        ],
        "allocation": [
            {
                "plan": cell.plan,
                "fiscal_year": cell.fiscal_year,
                "program": cell.program,
                "funding_source": cell.source,
                "amount": money_str(cell.cents),
            }
            for cell in budget.funding
        ],
        "program_totals": [
            {"plan": name, "fiscal_year": year, "program": program, "amount": money_str(cents)}
            for name in plans
            for (year, program), cents in budget.program_totals(name).items()
        ],
        "funding_source_totals": [
            {
                "plan": name,
                "fiscal_year": year,
                "funding_source": source,
                "amount": money_str(cents),
            }
            for name in plans
            for (year, source), cents in budget.source_totals(name).items()
        ],
        "notes": budget.notes,
        "appropriation": None
        if settings.appropriation is None
        else money_str(to_cents(settings.appropriation)),
        "overruns": budget.overrun_flags(),
    }


def _range(change: RelativeRange) -> dict[str, str | None]:
    return {"low": _ratio(change.low), "high": _ratio(change.high)}


def _percentile_row(plan: str, measure: str, year: str, values: Percentiles) -> dict[str, Any]:
    return {
        "plan": plan,
        "measure": measure,
        "fiscal_year": year,
        "p10": money_str(values.p10_cents),
        "p50": money_str(values.p50_cents),
        "p90": money_str(values.p90_cents),
    }


def simulation_to_dict(simulation: Simulation, comparison: Comparison) -> dict[str, Any]:
    """The ``"uncertainty"`` part: percentiles labelled as an estimate."""
    ranges = comparison.scenario.budget.uncertainty
    labels = [year.label for year in simulation.fiscal_years]
    rows = []
    for measure, by_year, totals in (
        ("cost", simulation.cost, simulation.cost_total),
        ("savings", simulation.savings, simulation.savings_total),
    ):
        for plan, values in by_year.items():
            rows += [
                _percentile_row(plan, measure, label, value)
                for label, value in zip(labels, values, strict=True)
            ]
            rows.append(_percentile_row(plan, measure, "total", totals[plan]))
    return {
        "estimate": True,
        "method": SIMULATION_METHOD,
        "draws": simulation.draws,
        "seed": simulation.seed,
        "ranges": {
            "active_users": _range(ranges.active_users),
            "peak_concurrency": _range(ranges.peak_concurrency),
            "rates": _range(ranges.rates),
        },
        "rows": rows,
    }


def tornado_to_dict(tornados: dict[str, Tornado], change: Decimal) -> dict[str, Any]:
    """The ``"tornado"`` part: savings with each input moved down and up by ``change`` [1]."""
    return {
        "change": _ratio(change),
        "plans": [
            {
                "plan": chart.plan,
                "base_savings": money_str(chart.base_savings_cents),
                "bars": [
                    {
                        "input": bar.input,
                        "savings_low": money_str(bar.low_savings_cents),
                        "savings_high": money_str(bar.high_savings_cents),
                        "swing": money_str(bar.swing_cents),
                    }
                    for bar in chart.bars
                ],
            }
            for chart in tornados.values()
        ],
    }
