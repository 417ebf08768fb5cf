"""Comparison results as plain data (JSON) and as a readable text table."""

from __future__ import annotations

from typing import Any

from calculator._commitment import CommitmentAdvice, has_commitment, recommend_commitment
from calculator._compare import Comparison
from calculator._explain import explain_savings
from calculator._money import (
    format_money,
    format_percent,
    format_utilization,
    money_str,
    monthly_average,
    percent_after,
)
from calculator.budget import budget_to_dict


def _ratio_str(value: Any) -> str | None:
    return None if value is None else f"{value:.6f}"


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Totals, savings split, monthly lines and the budget view; money as strings, two decimals."""
    scenario = comparison.scenario
    monthly = comparison.monthly
    return {
        "scenario": scenario.name,
        "currency": scenario.currency,
        "start_month": scenario.start_month,
        "months": scenario.horizon,
        "baseline": scenario.baseline,
        "totals": [
            {
                "plan": total.plan,
                "rule": total.rule.value,
                "is_baseline": total.is_baseline,
                "total": money_str(total.cost_cents),
                "recurring": money_str(total.recurring_cents),
                "one_time": money_str(total.one_time_cents),
                "average_per_month": money_str(total.average_monthly_cents),
            }
            for total in comparison.totals.values()
        ],
        "savings": [
            {
                "plan": split.plan,
                "savings": money_str(split.savings_cents),
                "savings_pct": _ratio_str(None if split.ratio is None else split.ratio * 100),
                "volume_effect": money_str(split.volume_effect_cents),
                "rate_effect": money_str(split.rate_effect_cents),
                "explanation": explain_savings(comparison, split.plan),
            }
            for split in comparison.savings.values()
        ],
        "utilization": {
            "overall": _ratio_str(comparison.utilization_overall),
            "monthly": [_ratio_str(u) for u in comparison.utilization_monthly],
        },
        "quick_estimate": money_str(comparison.quick_estimate_cents),
        "break_even": [
            {
                "named_plan": b.named_plan,
                "active_plan": b.active_plan,
                "utilization": _ratio_str(b.utilization),
            }
            for b in comparison.break_even
        ],
        "cap_exceeded": [
            {
                "plan": c.plan,
                "month": c.month,
                "demand": c.demand,
                "cap": c.cap,
                "refused": c.refused,
            }
            for c in comparison.cap_exceedances
        ],
        "commitments": [
            commitment_to_dict(recommend_commitment(scenario, plan.name))
            for plan in scenario.plans
            if has_commitment(plan)
        ],
        "lines": [
            {
                "month": row.month,
                "plan": row.plan,
                "line": row.line,
                "rule": row.rule,
                "counted_units": row.counted_units,
                "billable_units": row.billable_units,
                "unit_rate": row.unit_rate,
                "cost": money_str(row.cost_cents),
                "true_up": money_str(row.true_up_cents),
            }
            for row in comparison.line_monthly.itertuples(index=False)
        ],
        "monthly": [
            {
                "month": row.month,
                "plan": row.plan,
                "rule": row.rule,
                "counted_units": row.counted_units,
                "billable_units": row.billable_units,
                "unit_rate": row.unit_rate,
                "cost": money_str(row.cost_cents),
                "one_time": money_str(row.one_time_cents),
                "savings": money_str(row.savings_cents),
                "volume_effect": money_str(row.volume_effect_cents),
                "rate_effect": money_str(row.rate_effect_cents),
            }
            for row in monthly.itertuples(index=False)
        ],
        "budget": budget_to_dict(comparison),
    }


def commitment_to_dict(advice: CommitmentAdvice) -> dict[str, Any]:
    """The commitment search as plain data: the recommendation, its sentence, every level."""
    return {
        "plan": advice.plan,
        "term": advice.term,
        "unit": advice.unit,
        "current": advice.current,
        "recommended": advice.recommended,
        "peak": advice.peak,
        "sampled": advice.sampled,
        "recommendation": advice.sentence,
        "levels": [
            {
                "level": level.level,
                "total": money_str(level.cost_cents),
                **(
                    {}
                    if level.refused_logins is None
                    else {
                        "refused_logins": level.refused_logins,
                        "months_refused": level.months_refused,
                    }
                ),
            }
            for level in advice.levels
        ],
    }


def render_text(comparison: Comparison) -> str:
    """A readable report for a terminal: totals, savings split, utilization, warnings."""
    scenario = comparison.scenario
    cur = scenario.currency
    months = scenario.horizon
    lines = [
        f"{scenario.name}: {months} month{'s' if months != 1 else ''} from {scenario.start_month}"
        f", amounts in {cur}",
        "",
    ]
    rows = []
    for total in comparison.totals.values():
        name = f"{total.plan} (baseline)" if total.is_baseline else total.plan
        monthly_saving = saving = ""
        if not total.is_baseline:
            split = comparison.savings[total.plan]
            monthly_saving = (
                f"{format_money(split.average_savings_cents(months), cur)}"
                f"{percent_after(split.ratio)}"
            )
            saving = format_money(split.savings_cents, cur)
        rows.append((name, total, monthly_saving, saving))
    # Wide enough for "(today's plan costs nothing)" where a percentage would be.
    width = max([28, *(len(monthly_saving) + 2 for _, _, monthly_saving, _ in rows)])
    lines.append(
        f"{'Plan':<28}{'Per month (avg)':>17}{'Total':>17}{'Saves per month (avg)':>{width}}"
        f"{'Saves in total':>17}"
    )
    for name, total, monthly_saving, saving in rows:
        lines.append(
            f"{name:<28}{format_money(total.average_monthly_cents, cur):>17}"
            f"{format_money(total.cost_cents, cur):>17}{monthly_saving:>{width}}{saving:>17}"
        )
    lines.append("")
    lines.append("Where the savings come from (a month on average; in total):")
    for split in comparison.savings.values():
        lines.append(
            f"  {split.plan}: volume effect "
            f"{format_money(monthly_average(split.volume_effect_cents, months), cur)} a month "
            f"({format_money(split.volume_effect_cents, cur)} in total), rate effect "
            f"{format_money(split.average_rate_effect_cents(months), cur)} a month "
            f"({format_money(split.rate_effect_cents, cur)} in total)"
        )
        lines.append(f"  {explain_savings(comparison, split.plan)}")
    lines.append("")
    lines.append(
        f"Overall utilization {format_utilization(comparison.utilization_overall)} "
        "(active users / provisioned accounts)"
    )
    lines.append(
        f"Quick estimate (1 - utilization) x baseline cost: "
        f"{format_money(monthly_average(comparison.quick_estimate_cents, months), cur)} a month "
        f"({format_money(comparison.quick_estimate_cents, cur)} in total)"
    )
    for b in comparison.break_even:
        where = (
            "any utilization"
            if b.utilization is None or b.utilization > 1
            else f"utilization below {format_percent(b.utilization)}"
        )
        cheaper = (
            f"{b.active_plan} is cheaper at {where}"
            if b.utilization != 0
            else f"{b.active_plan} is never cheaper: {b.named_plan} costs nothing"
        )
        lines.append(
            f"Break-even {b.named_plan} vs {b.active_plan}: {format_percent(b.utilization)} "
            f"({cheaper})"
        )
    for c in comparison.cap_exceedances:
        lines.append(
            f"WARNING {c.plan}, {c.month}: peak demand {c.demand} exceeds the purchased cap "
            f"{c.cap}; {c.refused} agents could not log in"
        )
    for plan in scenario.plans:
        if has_commitment(plan):
            lines.append(f"{plan.name}: {recommend_commitment(scenario, plan.name).sentence}")
    lines += ["", *_monthly_table(comparison)]
    return "\n".join(lines) + "\n"


def _monthly_table(comparison: Comparison) -> list[str]:
    """Cost per plan per month, with staffing, as fixed-width lines."""
    scenario = comparison.scenario
    names = [plan.name for plan in scenario.plans]
    width = max(16, *(len(name) + 2 for name in names))
    header = f"{'Month':<9}{'P':>7}{'A':>7}{'C':>7}" + "".join(f"{n:>{width}}" for n in names)
    rows = [header]
    for index, (label, month) in enumerate(zip(scenario.months, scenario.staffing, strict=True)):
        costs = "".join(
            f"{format_money(comparison.lines[name][index].cost_cents, scenario.currency):>{width}}"
            for name in names
        )
        rows.append(
            f"{label:<9}{month.provisioned:>7}{month.active:>7}{month.peak_concurrent:>7}{costs}"
        )
    totals = "".join(
        f"{format_money(comparison.totals[name].cost_cents, scenario.currency):>{width}}"
        for name in names
    )
    rows.append(f"{'Total':<30}{totals}")
    return rows
