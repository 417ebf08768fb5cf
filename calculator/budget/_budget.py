"""``plan_budget(comparison)``: the exact budget view of a comparison.

Fiscal-year totals per plan beside their not-to-exceed figures, the returns of switching from the
baseline (payback, ROI, NPV), and every plan's cost split by fiscal year x program x funding source.
Everything is in whole cents, built from the monthly lines of :func:`calculator.compare`, so every
table adds up to the totals shown elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from itertools import accumulate

from calculator._budget_settings import BudgetSettings
from calculator._compare import Comparison
from calculator._contract_years import ContractYear, contract_years
from calculator._models import Scenario
from calculator._money import format_money, to_cents
from calculator._pricing import PlanMonth, price_plan
from calculator.budget._allocation import allocate_cents
from calculator.budget._contract_years import PlanContractYear
from calculator.budget._fiscal import FiscalYear, fiscal_years
from calculator.budget._not_to_exceed import worst_case_staffing
from calculator.budget._quarters import (
    FiscalQuarter,
    PlanQuarter,
    fiscal_quarters,
)
from calculator.budget._returns import discounted_payback_month, npv_cents, payback_month, roi

# Month costs [cents] times six-decimal shares, summed over a year, are exact well within this.
_EXACT_DIGITS = 60


@dataclass(frozen=True, slots=True)
class PlanYear:
    """One plan in one fiscal year [cents]; ``savings_cents`` is baseline - plan (0 for it)."""

    plan: str
    fiscal_year: FiscalYear
    planned_cents: int  # monthly lines of the year, one-time costs included
    one_time_cents: int
    not_to_exceed_cents: int
    savings_cents: int
    appropriation_cents: int | None = None  # the budget's not-to-exceed for the year, if set

    @property
    def headroom_cents(self) -> int:
        """Not-to-exceed minus planned cost: how far cost could rise under the contract [cents]."""
        return self.not_to_exceed_cents - self.planned_cents

    @property
    def overrun_cents(self) -> int | None:
        """Planned cost above the appropriation (0 within it; ``None`` without one) [cents]."""
        if self.appropriation_cents is None:
            return None
        return max(0, self.planned_cents - self.appropriation_cents)

    @property
    def ceiling_overrun_cents(self) -> int | None:
        """Not-to-exceed above the appropriation: how far the contract lets cost overrun it
        (0 when even the worst case fits; ``None`` without an appropriation) [cents]."""
        if self.appropriation_cents is None:
            return None
        return max(0, self.not_to_exceed_cents - self.appropriation_cents)


@dataclass(frozen=True, slots=True)
class SwitchReturn:
    """What switching from the baseline to ``plan`` returns over the horizon.

    ``roi`` is net savings / one-time cost [1] (``None`` without a one-time cost); payback months
    are 1-based months of the horizon (``None`` = no payback within it); see
    :mod:`calculator.budget._returns` for the exact definitions.
    """

    plan: str
    net_savings_cents: int  # one-time costs included
    one_time_cents: int  # the plan's one-time cost
    roi: Decimal | None
    payback_month: int | None
    payback_label: str | None  # YYYY-MM
    discounted_payback_month: int | None
    discounted_payback_label: str | None
    npv_cents: int
    cumulative_cents: tuple[int, ...]  # cumulative net savings at the end of each month

    @property
    def roi_percent(self) -> Decimal | None:
        """ROI as a percentage [%]."""
        return None if self.roi is None else self.roi * 100


@dataclass(frozen=True, slots=True)
class FundingCell:
    """The part of a plan's fiscal-year cost one funding source pays for one program [cents]."""

    plan: str
    fiscal_year: str  # "FY2028"
    program: str
    source: str
    cents: int


@dataclass(frozen=True)
class Budget:
    """Everything :func:`plan_budget` computes for one comparison."""

    comparison: Comparison
    settings: BudgetSettings
    fiscal_years: list[FiscalYear]
    years: dict[str, list[PlanYear]]  # plan -> one entry per fiscal year
    returns: dict[str, SwitchReturn]  # alternative plan -> returns of switching to it
    funding: list[FundingCell]  # plan x fiscal year x program x source, in that order
    notes: list[str]
    contract_years: list[ContractYear]
    by_contract_year: dict[str, list[PlanContractYear]]  # plan -> one entry per contract year
    fiscal_quarters: list[FiscalQuarter]
    by_fiscal_quarter: dict[str, list[PlanQuarter]]  # plan -> one entry per fiscal quarter

    @property
    def scenario(self) -> Scenario:
        return self.comparison.scenario

    def program_totals(self, plan: str) -> dict[tuple[str, str], int]:
        """``(fiscal year, program) -> cents`` for ``plan``: sums of its funding cells."""
        totals: dict[tuple[str, str], int] = {}
        for cell in self.funding:
            if cell.plan == plan:
                key = (cell.fiscal_year, cell.program)
                totals[key] = totals.get(key, 0) + cell.cents
        return totals

    def source_totals(self, plan: str) -> dict[tuple[str, str], int]:
        """``(fiscal year, funding source) -> cents`` for ``plan``: the fiscal-note layout."""
        totals: dict[tuple[str, str], int] = {}
        for cell in self.funding:
            if cell.plan == plan:
                key = (cell.fiscal_year, cell.source)
                totals[key] = totals.get(key, 0) + cell.cents
        return totals

    def overrun_flags(self) -> list[str]:
        """One plain sentence per plan and fiscal year whose planned cost, or whose
        not-to-exceed, is above the appropriation; empty without an appropriation."""
        currency = self.scenario.currency
        flags = []
        for index, year in enumerate(self.fiscal_years):
            for plan in self.scenario.plans:
                entry = self.years[plan.name][index]
                if entry.appropriation_cents is None:
                    continue
                limit = format_money(entry.appropriation_cents, currency)
                part = f" ({len(year.months)} of its 12 months)" if year.partial else ""
                if entry.overrun_cents:
                    flags.append(
                        f"Over the appropriation: the planned cost of {plan.name} is "
                        f"{format_money(entry.planned_cents, currency)} in {year.label}{part}, "
                        f"{format_money(entry.overrun_cents, currency)} above the "
                        f"appropriation of {limit}."
                    )
                elif entry.ceiling_overrun_cents:
                    flags.append(
                        f"Could overrun: {plan.name} fits the appropriation of {limit} in "
                        f"{year.label}{part}, but its contract allows up to "
                        f"{format_money(entry.not_to_exceed_cents, currency)}, "
                        f"{format_money(entry.ceiling_overrun_cents, currency)} above it."
                    )
        return flags

    def plan_total(self, plan: str) -> PlanYear:
        """``plan`` over the whole horizon, as one pseudo fiscal year named ``"Total"``."""
        entries = self.years[plan]
        whole = FiscalYear(
            year=0,
            first_month=self.fiscal_years[0].first_month,
            last_month=self.fiscal_years[-1].last_month,
            month_indices=tuple(i for year in self.fiscal_years for i in year.month_indices),
            months=tuple(m for year in self.fiscal_years for m in year.months),
        )
        return PlanYear(
            plan=plan,
            fiscal_year=whole,
            planned_cents=sum(e.planned_cents for e in entries),
            one_time_cents=sum(e.one_time_cents for e in entries),
            not_to_exceed_cents=sum(e.not_to_exceed_cents for e in entries),
            savings_cents=sum(e.savings_cents for e in entries),
            appropriation_cents=None
            if entries[0].appropriation_cents is None
            else sum(e.appropriation_cents or 0 for e in entries),
        )


def plan_budget(comparison: Comparison) -> Budget:
    """The budget view of ``comparison``, using the scenario's budget settings.

    - **Fiscal years**: each plan's monthly lines summed by fiscal year, beside the same plan's
      not-to-exceed lines (see :mod:`calculator.budget._not_to_exceed`).
    - **Appropriation**: when the settings set one, each fiscal year's planned cost and
      not-to-exceed are held against it (:meth:`Budget.overrun_flags`); a partial year is held
      against the whole amount, since the horizon shows only part of its cost.
    - **Contract years**: the same lines and not-to-exceed lines summed by contract year (the
      base year and the option years), with their running totals.
    - **Fiscal quarters**: the same lines and not-to-exceed lines summed by quarter of the
      fiscal year (the spend plan).
    - **Returns**: payback month, discounted payback month, ROI and NPV of each alternative, from
      its monthly net savings against the baseline.
    - **Funding**: each plan's fiscal-year cost split across programs in proportion to
      ``sum(month cost x program share of that month)``, then each program's part across its
      funding sources by their shares; both splits by :func:`allocate_cents`, so programs add up
      exactly to the fiscal-year total and sources exactly to their program.
    """
    scenario = comparison.scenario
    settings = scenario.budget
    years = fiscal_years(scenario.start_month, scenario.horizon, settings.fiscal_year_start_month)
    limit = None if settings.appropriation is None else to_cents(settings.appropriation)
    months = scenario.months
    shares = [settings.program_shares(month) for month in months]
    worst_case = worst_case_staffing(scenario.start_month, scenario.staffing)
    plan_years: dict[str, list[PlanYear]] = {}
    funding: list[FundingCell] = []
    periods = contract_years(scenario.start_month, scenario.horizon)
    by_period: dict[str, list[PlanContractYear]] = {}
    quarters = fiscal_quarters(
        scenario.start_month, scenario.horizon, settings.fiscal_year_start_month
    )
    by_quarter: dict[str, list[PlanQuarter]] = {}
    for plan in scenario.plans:
        lines = comparison.lines[plan.name]
        ceiling = price_plan(plan, worst_case)
        savings = comparison.savings_lines.get(plan.name)
        entries = []
        ahead: dict[tuple[str, ...], Fraction] = {}  # cents a part got above its exact quota
        for year in years:
            planned, most, saved = _sums(year.month_indices, lines, ceiling, savings)
            entries.append(
                PlanYear(
                    plan=plan.name,
                    fiscal_year=year,
                    planned_cents=planned,
                    one_time_cents=sum(lines[i].one_time_cents for i in year.month_indices),
                    not_to_exceed_cents=most,
                    savings_cents=saved,
                    appropriation_cents=limit,
                )
            )
            funding += _split_year(plan.name, year, lines, shares, settings, ahead)
        plan_years[plan.name] = entries
        by_period[plan.name] = _by_contract_year(plan.name, periods, lines, ceiling, savings)
        by_quarter[plan.name] = [
            PlanQuarter(plan.name, quarter, *_sums(quarter.month_indices, lines, ceiling, savings))
            for quarter in quarters
        ]
    return Budget(
        comparison=comparison,
        settings=settings,
        fiscal_years=years,
        years=plan_years,
        returns={name: _switch_return(comparison, name) for name in comparison.alternatives},
        funding=funding,
        notes=_notes(settings, set(months)),
        contract_years=periods,
        by_contract_year=by_period,
        fiscal_quarters=quarters,
        by_fiscal_quarter=by_quarter,
    )


def _by_contract_year(
    plan: str,
    periods: list[ContractYear],
    lines: list[PlanMonth],
    ceiling: list[PlanMonth],
    savings: list[tuple[int, int, int]] | None,
) -> list[PlanContractYear]:
    """``plan``'s monthly lines summed by contract year, with their running totals [cents]."""
    sums = [_sums(year.month_indices, lines, ceiling, savings) for year in periods]
    planned = [cost for cost, _, _ in sums]
    most = [limit for _, limit, _ in sums]
    return [
        PlanContractYear(
            plan=plan,
            contract_year=year,
            planned_cents=cost,
            not_to_exceed_cents=limit,
            savings_cents=saved,
            planned_through_cents=cost_through,
            not_to_exceed_through_cents=limit_through,
        )
        for year, (cost, limit, saved), cost_through, limit_through in zip(
            periods, sums, accumulate(planned), accumulate(most), strict=True
        )
    ]


def _sums(
    months: tuple[int, ...],
    lines: list[PlanMonth],
    ceiling: list[PlanMonth],
    savings: list[tuple[int, int, int]] | None,
) -> tuple[int, int, int]:
    """A period's planned cost, not to exceed and savings against the baseline (0 for the
    baseline itself, which has no savings lines): its ``months`` (0-based) summed [cents]."""
    return (
        sum(lines[i].cost_cents for i in months),
        sum(ceiling[i].cost_cents for i in months),
        sum(savings[i][0] for i in months) if savings else 0,
    )


def _split_year(
    plan: str,
    year: FiscalYear,
    lines: list[PlanMonth],
    shares: list[list[Decimal]],
    settings: BudgetSettings,
    ahead: dict[tuple[str, ...], Fraction],
) -> list[FundingCell]:
    """One fiscal year's cost by program and funding source. ``ahead`` carries, from year to
    year, how many cents each program and source got above its exact quota, so that a rounding
    cent tied between equal shares goes to the one behind (:func:`allocate_cents`): two programs
    of 33.3333 % each were a cent apart for every fiscal year the first took the tie."""
    total = sum(lines[i].cost_cents for i in year.month_indices)
    programs = settings.programs
    with localcontext(prec=_EXACT_DIGITS):
        quotas = [
            sum((lines[i].cost_cents * shares[i][p] for i in year.month_indices), Decimal(0))
            for p in range(len(programs))
        ]
    # Every month's shares add up to 1, so the quotas add up exactly to the total.
    cells = []
    program_cents = _allocate_behind(total, quotas, [(p.name,) for p in programs], ahead)
    for program, cents in zip(programs, program_cents, strict=True):
        sources = program.funding
        parts = _allocate_behind(
            cents,
            [source.share for source in sources],
            [(program.name, source.source) for source in sources],
            ahead,
        )
        cells += [
            FundingCell(plan, year.label, program.name, source.source, part)
            for source, part in zip(sources, parts, strict=True)
        ]
    return cells


def _allocate_behind(
    total: int,
    weights: list[Decimal],
    keys: list[tuple[str, ...]],
    ahead: dict[tuple[str, ...], Fraction],
) -> list[int]:
    """:func:`allocate_cents` with ties to the part furthest behind; ``ahead`` is updated."""
    parts = allocate_cents(total, weights, [ahead.get(key, Fraction(0)) for key in keys])
    weight_sum = sum((Fraction(weight) for weight in weights), Fraction(0))
    if weight_sum:
        for key, weight, part in zip(keys, weights, parts, strict=True):
            ahead[key] = ahead.get(key, Fraction(0)) + part - total * Fraction(weight) / weight_sum
    return parts


def _switch_return(comparison: Comparison, plan: str) -> SwitchReturn:
    scenario = comparison.scenario
    net = [saved for saved, _, _ in comparison.savings_lines[plan]]
    rate = scenario.budget.discount_rate
    one_time = comparison.totals[plan].one_time_cents
    payback = payback_month(net)
    discounted = discounted_payback_month(net, rate)
    months = scenario.months
    return SwitchReturn(
        plan=plan,
        net_savings_cents=sum(net),
        one_time_cents=one_time,
        roi=roi(sum(net), one_time),
        payback_month=payback,
        payback_label=None if payback is None else months[payback - 1],
        discounted_payback_month=discounted,
        discounted_payback_label=None if discounted is None else months[discounted - 1],
        npv_cents=npv_cents(net, rate),
        cumulative_cents=tuple(accumulate(net)),
    )


def _notes(settings: BudgetSettings, months: set[str]) -> list[str]:
    unused = [entry.month for entry in settings.monthly_shares if entry.month not in months]
    if not unused:
        return []
    those = "that month" if len(unused) == 1 else "those months"
    return [
        f"The month-by-month split for {', '.join(unused)} is outside the horizon and not used; "
        f"the scenario keeps it, and it applies again once the horizon covers {those}."
    ]
