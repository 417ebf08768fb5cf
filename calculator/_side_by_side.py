"""Side by side: up to three scenarios in one view.

Typical uses: today's vendor against two offers, or this year's staffing against next year's. Each
column is one plan of one scenario (by default the baseline of the first scenario, which is the
reference, and the cheapest plan of each other scenario). Months are aligned by their position in
the horizon (month 1 with month 1), because the scenarios may start in different calendar months.

Savings between two columns are ``cost(from) - cost(to)`` over the months both cover, so a 24-month
offer is never compared with a 12-month contract on unequal terms; a note says when horizons differ.
Everything is in whole cents taken from :func:`calculator.compare`'s monthly lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import pandas as pd

from calculator._compare import Comparison, compare
from calculator._contract_years import contract_years
from calculator._errors import CalculatorError
from calculator._models import CountingRule, Scenario
from calculator._money import monthly_average

MAX_SIDE_BY_SIDE = 3
MAX_LABEL_LENGTH = 60


@dataclass(frozen=True, slots=True)
class SideBySideColumn:
    """One column: ``plan`` of ``scenario``, shown under ``label``."""

    label: str
    scenario: Scenario
    plan: str

    @property
    def rule(self) -> CountingRule:
        return self.scenario.plan(self.plan).rule


@dataclass(frozen=True, slots=True)
class ColumnTotal:
    """One column over its horizon [cents]; savings are against the reference column."""

    label: str
    scenario: str
    plan: str
    rule: CountingRule
    start_month: str  # YYYY-MM
    months: int  # [months]
    cost_cents: int
    one_time_cents: int
    average_monthly_cents: int
    is_reference: bool
    compared_months: int  # months shared with the reference [months]
    reference_cents: int  # reference cost over the shared months
    savings_cents: int  # reference cost - this column's cost, over the shared months

    @property
    def ratio(self) -> Decimal | None:
        """Savings / reference cost over the shared months [1]; ``None`` when that is zero."""
        if self.reference_cents == 0:
            return None
        return Decimal(self.savings_cents) / Decimal(self.reference_cents)


@dataclass(frozen=True, slots=True)
class Difference:
    """What moving from column ``source`` to column ``target`` saves [cents]; negative = costs more."""

    source: str
    target: str
    compared_months: int  # [months]
    source_cents: int  # cost of ``source`` over the compared months
    target_cents: int
    savings_cents: int  # source_cents - target_cents

    @property
    def ratio(self) -> Decimal | None:
        """Savings / cost of ``source`` [1]; ``None`` when that is zero."""
        if self.source_cents == 0:
            return None
        return Decimal(self.savings_cents) / Decimal(self.source_cents)

    @property
    def average_monthly_cents(self) -> int:
        """Savings per compared month, rounded half away from zero [cents]."""
        return monthly_average(self.savings_cents, self.compared_months)


@dataclass(frozen=True)
class SideBySide:
    """Everything :func:`side_by_side` computes; the first column is the reference."""

    columns: list[SideBySideColumn]
    currency: str
    monthly_cents: dict[str, list[int]]  # label -> cost of each month of its horizon
    totals: list[ColumnTotal]
    differences: list[Difference]  # every pair of columns, in column order
    notes: list[str]

    @property
    def reference(self) -> str:
        return self.columns[0].label

    @property
    def labels(self) -> list[str]:
        return [column.label for column in self.columns]

    @cached_property
    def totals_table(self) -> pd.DataFrame:
        """One row per column: cost, one-time cost, monthly average and savings [cents]."""
        return pd.DataFrame.from_records(
            [
                (
                    t.label,
                    t.scenario,
                    t.plan,
                    t.rule.value,
                    t.start_month,
                    t.months,
                    t.is_reference,
                    t.cost_cents,
                    t.one_time_cents,
                    t.average_monthly_cents,
                    t.compared_months,
                    t.savings_cents,
                    None if t.ratio is None else float(t.ratio),
                )
                for t in self.totals
            ],
            columns=[
                "label",
                "scenario",
                "plan",
                "rule",
                "start_month",
                "months",
                "is_reference",
                "cost_cents",
                "one_time_cents",
                "average_monthly_cents",
                "compared_months",
                "savings_cents",
                "savings_ratio",
            ],
        )

    @cached_property
    def monthly_table(self) -> pd.DataFrame:
        """Tidy: one row per (month number, column) with cost and savings against the reference.

        ``savings_cents`` is missing (``pd.NA``) in months the reference does not cover.
        """
        reference = self.monthly_cents[self.reference]
        rows = []
        for column in self.columns:
            months = column.scenario.months
            for index, cents in enumerate(self.monthly_cents[column.label]):
                saved = reference[index] - cents if index < len(reference) else None
                rows.append((index + 1, column.label, months[index], column.plan, cents, saved))
        table = pd.DataFrame.from_records(
            rows,
            columns=["month_number", "label", "month", "plan", "cost_cents", "savings_cents"],
        )
        table["savings_cents"] = table["savings_cents"].astype("Int64")
        return table.sort_values(["month_number"], kind="stable", ignore_index=True)

    @cached_property
    def contract_year_cents(self) -> dict[str, list[tuple[int, int]]]:
        """label -> ``(months, cost [cents])`` of each contract year of its horizon
        (:func:`calculator.budget.contract_years`: months 1-12 of the column, then 13-24, and so
        on, so years, like months, are matched by position). The last year of a horizon that is
        not a whole number of years has fewer months."""
        return {
            column.label: [
                (len(year.months), sum(cents[i] for i in year.month_indices))
                for year in contract_years(column.scenario.start_month, len(cents))
            ]
            for column in self.columns
            for cents in [self.monthly_cents[column.label]]
        }

    @cached_property
    def monthly_wide(self) -> pd.DataFrame:
        """One row per month number, one cost column per label [cents]; missing months are NA."""
        horizon = max(len(cents) for cents in self.monthly_cents.values())
        table = pd.DataFrame({"month_number": range(1, horizon + 1)})
        for label, cents in self.monthly_cents.items():
            table[label] = pd.array(cents + [None] * (horizon - len(cents)), dtype="Int64")
        return table

    @cached_property
    def differences_table(self) -> pd.DataFrame:
        """One row per pair of columns: what moving from ``source`` to ``target`` saves."""
        return pd.DataFrame.from_records(
            [
                (
                    d.source,
                    d.target,
                    d.compared_months,
                    d.source_cents,
                    d.target_cents,
                    d.savings_cents,
                    d.average_monthly_cents,
                    None if d.ratio is None else float(d.ratio),
                )
                for d in self.differences
            ],
            columns=[
                "source",
                "target",
                "compared_months",
                "source_cents",
                "target_cents",
                "savings_cents",
                "average_monthly_savings_cents",
                "savings_ratio",
            ],
        )


def default_plan(comparison: Comparison, is_reference: bool) -> str:
    """The plan a column shows unless told: the baseline for the reference, else the cheapest.

    Ties between equally cheap plans go to the plan listed first.
    """
    if is_reference:
        return comparison.baseline
    return min(comparison.totals.values(), key=lambda total: total.cost_cents).plan


def side_by_side(
    scenarios: Sequence[Scenario],
    plans: Sequence[str | None] | None = None,
    labels: Sequence[str | None] | None = None,
) -> SideBySide:
    """Compare one plan of each of up to three scenarios; the first scenario is the reference.

    ``plans[i]`` names the plan of ``scenarios[i]`` to show (``None``: :func:`default_plan`);
    ``labels[i]`` names the column (``None``: the scenario's name, made unique with `` (2)``).
    All scenarios must share one currency.

    Raises :class:`CalculatorError` with a message naming the scenario (by position and name)
    when there are no scenarios or more than three, when a plan is not in its scenario, when the
    currencies differ, or when a label is blank or too long.
    """
    count = len(scenarios)
    if not 1 <= count <= MAX_SIDE_BY_SIDE:
        raise CalculatorError(
            f"side by side compares 1 to {MAX_SIDE_BY_SIDE} scenarios; got {count}"
        )
    plans = list(plans) if plans is not None else [None] * count
    labels = list(labels) if labels is not None else [None] * count
    if len(plans) != count or len(labels) != count:
        raise CalculatorError(
            f"side by side needs one plan and one label per scenario: got {count} scenarios, "
            f"{len(plans)} plans and {len(labels)} labels"
        )
    currency = scenarios[0].currency
    for position, scenario in enumerate(scenarios, start=1):
        if scenario.currency != currency:
            raise CalculatorError(
                f"scenario {position} '{scenario.name}' is in {scenario.currency} but scenario 1 "
                f"'{scenarios[0].name}' is in {currency}; side by side needs one currency"
            )
    comparisons = [compare(scenario) for scenario in scenarios]
    columns = []
    for position, (comparison, plan, label) in enumerate(
        zip(comparisons, plans, labels, strict=True), start=1
    ):
        scenario = comparison.scenario
        chosen = plan if plan is not None else default_plan(comparison, position == 1)
        if chosen not in comparison.totals:
            raise CalculatorError(
                f"scenario {position} '{scenario.name}' has no plan '{chosen}'; its plans are: "
                f"{', '.join(comparison.totals)}"
            )
        columns.append(
            SideBySideColumn(_label(label, scenario, position, columns), scenario, chosen)
        )
    monthly = {
        column.label: [line.cost_cents for line in comparison.lines[column.plan]]
        for column, comparison in zip(columns, comparisons, strict=True)
    }
    reference = columns[0]
    totals = []
    for column, comparison in zip(columns, comparisons, strict=True):
        total = comparison.totals[column.plan]
        gap = _difference(reference.label, column.label, monthly)
        totals.append(
            ColumnTotal(
                label=column.label,
                scenario=column.scenario.name,
                plan=column.plan,
                rule=column.rule,
                start_month=column.scenario.start_month,
                months=column.scenario.horizon,
                cost_cents=total.cost_cents,
                one_time_cents=total.one_time_cents,
                average_monthly_cents=total.average_monthly_cents,
                is_reference=column is reference,
                compared_months=gap.compared_months,
                reference_cents=gap.source_cents,
                savings_cents=gap.savings_cents,
            )
        )
    pairs = [
        _difference(source.label, target.label, monthly)
        for index, source in enumerate(columns)
        for target in columns[index + 1 :]
    ]
    return SideBySide(columns, currency, monthly, totals, pairs, _notes(columns))


def _label(
    given: str | None, scenario: Scenario, position: int, taken: list[SideBySideColumn]
) -> str:
    if given is not None:
        label = given.strip()
        if not label or len(label) > MAX_LABEL_LENGTH:
            raise CalculatorError(
                f"scenario {position} '{scenario.name}': the column label must be 1 to "
                f"{MAX_LABEL_LENGTH} characters, got {len(label)}"
            )
    else:
        label = scenario.name
    used = {column.label for column in taken}
    if label not in used:
        return label
    suffix = 2
    while f"{label} ({suffix})" in used:
        suffix += 1
    return f"{label} ({suffix})"


def _difference(source: str, target: str, monthly: dict[str, list[int]]) -> Difference:
    shared = min(len(monthly[source]), len(monthly[target]))
    source_cents = sum(monthly[source][:shared])
    target_cents = sum(monthly[target][:shared])
    return Difference(
        source, target, shared, source_cents, target_cents, source_cents - target_cents
    )


def _notes(columns: list[SideBySideColumn]) -> list[str]:
    reference = columns[0]
    notes = []
    for column in columns[1:]:
        if column.scenario.horizon != reference.scenario.horizon:
            shared = min(column.scenario.horizon, reference.scenario.horizon)
            notes.append(
                f"'{column.label}' covers {column.scenario.horizon} months and "
                f"'{reference.label}' {reference.scenario.horizon}: savings compare the first "
                f"{shared} months of each."
            )
    return notes
