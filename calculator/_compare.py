"""``compare(scenario)``: every plan priced on the same staffing curve, savings split in two.

Savings of a plan = baseline cost - plan cost, month by month. Each month's savings is split into

- the **volume effect**: units the baseline bills that the alternative does not, at the baseline's
  unit rate, ``(baseline billable units - alternative units) * baseline rate``, rounded once; and
- the **rate effect**: the rest, ``savings - volume effect``: the price difference on the units
  still paid for, together with contract terms (commitments, minimums, one-time costs).

So the two parts add up to the savings exactly, to the cent. When the baseline counts agents and
the alternative bills logged-in hours, the alternative's units are its active agents ``A``; when
the baseline bills hours and the alternative counts agents there is no common unit and the whole
difference is rate effect.

Method: ``docs/method.md#savings-split``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from operator import attrgetter

import pandas as pd

from calculator._models import CountingRule, MonthStaffing, Scenario
from calculator._money import monthly_average
from calculator._pricing import (
    LineBill,
    PlanMonth,
    combine_lines,
    price_plan_lines,
    round_scaled,
    scale_decimal,
)

MONTHLY_COLUMNS = [
    "month",  # YYYY-MM
    "month_number",  # 1-based
    "plan",
    "rule",
    "is_baseline",
    "counted_units",  # [agents] or [h]
    "billable_units",  # [agents] or [h]
    "unit_rate",  # [currency/unit] as a decimal string
    "recurring_cents",
    "one_time_cents",
    "cost_cents",
    "savings_cents",  # baseline cost - this plan's cost; 0 for the baseline
    "volume_effect_cents",
    "rate_effect_cents",
]

LINE_COLUMNS = [
    "month",  # YYYY-MM
    "month_number",  # 1-based
    "plan",
    "line",  # the plan's name for its main line
    "rule",  # None for the one-time costs line
    "counted_units",  # [agents] or [h]
    "billable_units",  # [agents] or [h]
    "unit_rate",  # [currency/unit] as a decimal string
    "cost_cents",  # this line's charge in the month
    "true_up_cents",  # part of cost_cents billed in arrears for usage above the commitment
]
ONE_TIME_LINE = "One-time costs"
# Field getters for sums over months: faster than a generator expression per sum.
_ONE_TIME_CENTS = attrgetter("one_time_cents")
_PROVISIONED = attrgetter("provisioned")
_ACTIVE = attrgetter("active")


@dataclass(frozen=True, slots=True)
class PlanTotal:
    """One plan's cost over the horizon [cents]."""

    plan: str
    rule: CountingRule
    is_baseline: bool
    recurring_cents: int
    one_time_cents: int
    cost_cents: int
    months: int

    @property
    def average_monthly_cents(self) -> int:
        """Mean monthly cost including one-time costs, rounded half away from zero [cents]."""
        return monthly_average(self.cost_cents, self.months)


@dataclass(frozen=True, slots=True)
class Savings:
    """Savings of ``plan`` against the baseline over the horizon [cents]; negative = costs more."""

    plan: str
    baseline_cents: int
    plan_cents: int
    savings_cents: int
    volume_effect_cents: int
    rate_effect_cents: int

    @property
    def ratio(self) -> Decimal | None:
        """Savings / baseline cost [1]; ``None`` when the baseline costs nothing."""
        if self.baseline_cents == 0:
            return None
        return Decimal(self.savings_cents) / Decimal(self.baseline_cents)

    def average_savings_cents(self, months: int, per: int = 1) -> int:
        """Savings per ``per`` months on average over ``months`` [cents]: today's average less
        the plan's, each rounded once (:func:`monthly_average`), so the averages shown side by
        side subtract exactly. It may differ by a cent from the total savings averaged alone:
        $149,000.00 and $77,350.00 over 12 months are $12,416.67 and $6,445.83 a month, which
        save $5,970.84 a month, where $71,650.00 / 12 would round to $5,970.83."""
        return monthly_average(self.baseline_cents, months, per) - monthly_average(
            self.plan_cents, months, per
        )

    def average_rate_effect_cents(self, months: int) -> int:
        """Rate effect per month on average [cents]: the average savings less the volume effect's
        average (rounded once), so the two effects add up to the average savings."""
        return self.average_savings_cents(months) - monthly_average(
            self.volume_effect_cents, months
        )


@dataclass(frozen=True, slots=True)
class BreakEven:
    """Utilization ``A / P`` at which a named-seat and an active-user plan cost the same [1].

    ``named_rate / active_rate``: the active-user plan is cheaper while utilization is below it.
    ``None`` when the active-user rate is zero (active user is always cheaper).
    """

    named_plan: str
    active_plan: str
    utilization: Decimal | None


@dataclass(frozen=True, slots=True)
class CapExceedance:
    """A month where peak concurrent demand exceeded a concurrent plan's purchased cap."""

    plan: str
    month: str
    demand: int  # [agents]
    cap: int  # [agents]

    @property
    def refused(self) -> int:
        """Agents who could not log in at the peak [agents]."""
        return self.demand - self.cap


@dataclass(frozen=True)
class Comparison:
    """Everything :func:`compare` computes. ``monthly`` is the one tidy table all views share."""

    scenario: Scenario
    lines: dict[str, list[PlanMonth]]
    savings_lines: dict[str, list[tuple[int, int, int]]]  # plan -> [(savings, volume, rate)]
    totals: dict[str, PlanTotal]
    savings: dict[str, Savings]
    utilization_monthly: list[Decimal | None]
    utilization_overall: Decimal | None
    quick_estimate_cents: int
    break_even: list[BreakEven]
    cap_exceedances: list[CapExceedance] = field(default_factory=list)
    line_bills: dict[str, list[LineBill]] = field(default_factory=dict)
    """plan -> its priced lines, the main line first; their cents add up to ``lines``."""

    @property
    def baseline(self) -> str:
        return self.scenario.baseline

    @property
    def alternatives(self) -> list[str]:
        return [plan.name for plan in self.scenario.plans if plan.name != self.baseline]

    @cached_property
    def monthly(self) -> pd.DataFrame:
        """Tidy monthly table, one row per (month, plan); see ``MONTHLY_COLUMNS``."""
        scenario = self.scenario
        rows = []
        for plan in scenario.plans:
            savings = self.savings_lines.get(plan.name)
            for index, (label, line) in enumerate(
                zip(scenario.months, self.lines[plan.name], strict=True)
            ):
                saved, volume, rate = savings[index] if savings else (0, 0, 0)
                rows.append(
                    (
                        label,
                        index + 1,
                        plan.name,
                        plan.rule.value,
                        plan.name == scenario.baseline,
                        float(line.counted_units),
                        float(line.billable_units),
                        str(line.unit_rate),
                        line.recurring_cents,
                        line.one_time_cents,
                        line.cost_cents,
                        saved,
                        volume,
                        rate,
                    )
                )
        return pd.DataFrame.from_records(rows, columns=MONTHLY_COLUMNS)

    @cached_property
    def line_monthly(self) -> pd.DataFrame:
        """Tidy table of every plan's lines, one row per (month, plan, line); see ``LINE_COLUMNS``.

        One-time costs are a line of their own, so each plan's rows add up to its monthly cost.
        """
        scenario = self.scenario
        rows = []
        for plan in scenario.plans:
            plan_months = self.lines[plan.name]
            for bill in self.line_bills[plan.name]:
                for index, (label, month) in enumerate(
                    zip(scenario.months, bill.months, strict=True)
                ):
                    rows.append(
                        (
                            label,
                            index + 1,
                            plan.name,
                            bill.name,
                            bill.rule.value,
                            float(month.counted_units),
                            float(month.billable_units),
                            str(month.unit_rate),
                            month.recurring_cents,
                            month.true_up_cents,
                        )
                    )
            if plan.one_time_cost:
                for index, (label, month) in enumerate(
                    zip(scenario.months, plan_months, strict=True)
                ):
                    rows.append(
                        (
                            label,
                            index + 1,
                            plan.name,
                            ONE_TIME_LINE,
                            None,
                            0.0,
                            0.0,
                            "0",
                            month.one_time_cents,
                            0,
                        )
                    )
        return pd.DataFrame.from_records(rows, columns=LINE_COLUMNS)

    @cached_property
    def staffing(self) -> pd.DataFrame:
        """Staffing per month with utilization ``A / P`` (NaN where nothing is provisioned)."""
        scenario = self.scenario
        return pd.DataFrame(
            {
                "month": scenario.months,
                "provisioned": [m.provisioned for m in scenario.staffing],
                "active": [m.active for m in scenario.staffing],
                "peak_concurrent": [m.peak_concurrent for m in scenario.staffing],
                "logged_in_hours": [
                    None if m.logged_in_hours is None else float(m.logged_in_hours)
                    for m in scenario.staffing
                ],
                "utilization": [None if u is None else float(u) for u in self.utilization_monthly],
            }
        )


def _volume_cents(
    scenario: Scenario,
    name: str,
    baseline: list[PlanMonth],
    alternative: list[PlanMonth],
    rates: list[tuple[int, int]],
) -> list[int]:
    """Per month: (baseline billable units - alternative units) x baseline unit rate [cents].

    ``rates``: the baseline's unit rates from :func:`_scaled_rates`, the same for every
    alternative."""
    base_rule = scenario.baseline_plan.rule
    alt_rule = scenario.plan(name).rule
    hours = CountingRule.LOGGED_IN_HOURS
    if base_rule is hours and alt_rule is not hours:
        return [0] * len(baseline)  # no common unit: the whole difference is rate effect
    if alt_rule is hours and base_rule is not hours:
        alt_units = [month.active for month in scenario.staffing]
    else:
        alt_units = [line.billable_units for line in alternative]
    return [
        round_scaled((base.billable_units - units) * rate, scale)
        for base, units, (rate, scale) in zip(baseline, alt_units, rates, strict=True)
    ]


def _scaled_rates(lines: list[PlanMonth]) -> list[tuple[int, int]]:
    """Each line's unit rate as an exact (integer, scale) pair, converted once per run of the
    same rate: a contract year's months share one rate object (hashing every Decimal to look
    it up cost more than the conversion)."""
    scaled: list[tuple[int, int]] = []
    previous, pair = None, (0, 1)
    for line in lines:
        if line.unit_rate is not previous:
            previous, pair = line.unit_rate, scale_decimal(line.unit_rate)
        scaled.append(pair)
    return scaled


def _utilization(staffing: list[MonthStaffing]) -> list[Decimal | None]:
    """``A / P`` per month [1], None where nothing is provisioned. Staffing curves repeat their
    months, so each pair is divided once."""
    ratios: dict[tuple[int, int], Decimal] = {}
    utilization: list[Decimal | None] = []
    for month in staffing:
        if not month.provisioned:
            utilization.append(None)
            continue
        key = (month.active, month.provisioned)
        ratio = ratios.get(key)
        if ratio is None:
            ratio = ratios[key] = Decimal(month.active) / Decimal(month.provisioned)
        utilization.append(ratio)
    return utilization


def compare(scenario: Scenario) -> Comparison:
    """Price every plan of ``scenario`` on its staffing curve and compare with the baseline.

    Returns monthly lines and totals per plan [cents], savings against the baseline split into
    volume and rate effects that add up exactly, utilization ``A / P`` per month and overall, the
    quick estimate ``(1 - utilization) * baseline cost`` (rounded per month, then summed),
    break-even utilization for each named-seat / active-user pair, and the months where
    concurrent demand exceeded a purchased cap.
    """
    labels = scenario.months
    line_bills = {plan.name: price_plan_lines(plan, scenario.staffing) for plan in scenario.plans}
    lines = {plan.name: combine_lines(plan, line_bills[plan.name]) for plan in scenario.plans}
    costs = {
        name: [line.recurring_cents + line.one_time_cents for line in plan_lines]
        for name, plan_lines in lines.items()
    }
    totals = {}
    for plan in scenario.plans:
        cost = sum(costs[plan.name])
        one_time = sum(map(_ONE_TIME_CENTS, lines[plan.name]))
        totals[plan.name] = PlanTotal(
            plan=plan.name,
            rule=plan.rule,
            is_baseline=plan.name == scenario.baseline,
            recurring_cents=cost - one_time,
            one_time_cents=one_time,
            cost_cents=cost,
            months=scenario.horizon,
        )
    base_costs = costs[scenario.baseline]
    base_rates = _scaled_rates(lines[scenario.baseline])
    savings_lines: dict[str, list[tuple[int, int, int]]] = {}
    savings: dict[str, Savings] = {}
    for plan in scenario.plans:
        if plan.name == scenario.baseline:
            continue
        volumes = _volume_cents(
            scenario, plan.name, lines[scenario.baseline], lines[plan.name], base_rates
        )
        savings_lines[plan.name] = [
            (base - alt, volume, base - alt - volume)
            for base, alt, volume in zip(base_costs, costs[plan.name], volumes, strict=True)
        ]
        baseline_cents, plan_cents = (
            totals[scenario.baseline].cost_cents,
            totals[plan.name].cost_cents,
        )
        volume_cents = sum(volumes)
        savings[plan.name] = Savings(  # the sums of the months' savings and volume effects
            plan=plan.name,
            baseline_cents=baseline_cents,
            plan_cents=plan_cents,
            savings_cents=baseline_cents - plan_cents,
            volume_effect_cents=volume_cents,
            rate_effect_cents=baseline_cents - plan_cents - volume_cents,
        )

    staffing = scenario.staffing
    utilization = _utilization(staffing)
    provisioned = sum(map(_PROVISIONED, staffing))
    active = sum(map(_ACTIVE, staffing))
    overall = Decimal(active) / Decimal(provisioned) if provisioned else None
    # (1 - A/P) x cost [cents] = (P - A) x cost / P, rounded once per month.
    quick = sum(
        round_scaled((m.provisioned - m.active) * cost, m.provisioned * 100)
        for m, cost in zip(staffing, base_costs, strict=True)
        if m.provisioned
    )
    return Comparison(
        scenario=scenario,
        lines=lines,
        savings_lines=savings_lines,
        totals=totals,
        savings=savings,
        utilization_monthly=utilization,
        utilization_overall=overall,
        quick_estimate_cents=quick,
        break_even=_break_evens(scenario),
        cap_exceedances=_cap_exceedances(scenario, labels),
        line_bills=line_bills,
    )


def break_even_utilization(named_rate: Decimal, active_rate: Decimal) -> Decimal | None:
    """``named_rate / active_rate`` [1]: active-user pricing is cheaper below this utilization.

    >>> break_even_utilization(Decimal(100), Decimal(65)).quantize(Decimal("0.001"))
    Decimal('1.538')
    """
    if active_rate == 0:
        return None
    return named_rate / active_rate


def _break_evens(scenario: Scenario) -> list[BreakEven]:
    # The rate ratio is the break-even only for plans of one rule at one rate.
    single = [p for p in scenario.plans if p.is_single_line]
    named = [p for p in single if p.rule is CountingRule.NAMED_SEAT]
    active = [p for p in single if p.rule is CountingRule.ACTIVE_USER]
    return [
        BreakEven(n.name, a.name, break_even_utilization(n.rate, a.rate))
        for n in named
        for a in active
    ]


def _cap_exceedances(scenario: Scenario, labels: list[str]) -> list[CapExceedance]:
    return [
        CapExceedance(plan.name, label, month.peak_concurrent, plan.concurrent_cap)
        for plan in scenario.plans
        if plan.rule is CountingRule.CONCURRENT and plan.concurrent_cap is not None
        for label, month in zip(labels, scenario.staffing, strict=True)
        if month.peak_concurrent > plan.concurrent_cap
    ]
