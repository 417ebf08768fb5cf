"""The budget page's charts, from :func:`calculator.budget.plan_budget` and its estimates
(conventions: :mod:`app.views.conventions`).

Monte Carlo figures say "estimate" in their title, table and sentence.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from app import theme
from app.views.conventions import (
    AXIS_LINE_COLOR,
    TITLE_LINE_HEIGHT,
    ChartView,
    amount,
    and_list,
    axis,
    base_layout,
    figure,
    label,
    legend,
    legend_name,
    plan_label,
    title_lines,
)
from calculator import format_money, format_percent, to_cents
from calculator.budget import (
    TABLE_COLUMNS,
    WORKFORCE,
    Budget,
    BudgetSettings,
    ContractYear,
    FiscalYear,
    PlanYear,
    Simulation,
    Tornado,
    percent_text,
    program_rows,
)

_PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|")
"""Bar fill patterns by series, so series differ by more than colour."""
TICK_LINE_CHARS = 20
"""Longest line of a tornado input's name on its axis [characters]; longer names wrap."""
APPROPRIATION_COLOR = "#B2182B"
"""The appropriation's dashed line: a dark red (6.9:1 on white), unlike every plan colour and
the black not-to-exceed marks."""


def year_label(year: FiscalYear) -> str:
    """``"FY2028"``, or ``"FY2027 (partial: 6 of 12 months)"`` for a partial year."""
    if not year.partial:
        return year.label
    return f"{year.label} (partial: {len(year.months)} of 12 months)"


def _layout(
    title: str, y_title: str, years: list[FiscalYear] | None = None, **extra: object
) -> dict:
    """The shared layout with fiscal years as categories and grouped bars. The legend sits under
    the plot: with several plans it wraps, and above the plot it would run into the title."""
    layout = base_layout(title, y_title=y_title, legend_place="below", height=540, barmode="group")
    layout["xaxis"].update(type="category", **({} if years is None else _year_ticks(years)))
    layout["yaxis"]["tickformat"] = ",.0f"
    layout.update(extra)
    return layout


def _year_ticks(years: list[FiscalYear]) -> dict:
    """The fiscal years as the x axis labels them: a partial year's months on lines of their own
    (``FY2027``, ``9 of 12``, ``months``), never turned sideways. A turned label as long as the
    table's ran into the legend on a phone."""
    texts = [
        [year.label, f"{len(year.months)} of 12", "months"] if year.partial else [year.label]
        for year in years
    ]
    return {
        "tickvals": [label(year_label(year)) for year in years],
        "ticktext": ["<br>".join(label(line) for line in lines) for lines in texts],
        "tickangle": 0,
    }


def _bar(name: str, x: list[str], cents: list[int], index: int, texts: list[str], **extra) -> dict:
    color, _, _ = theme.plan_style(index)
    return {
        "type": "bar",
        "name": legend_name(name),
        "x": [label(value) for value in x],
        "y": [amount(value) for value in cents],
        "marker": {
            "color": color,
            "line": {"color": color, "width": 1},
            "pattern": {"shape": _PATTERNS[index % len(_PATTERNS)]},
        },
        "customdata": texts,
        "hovertemplate": f"{label(name)}: %{{customdata}}<extra></extra>",
        **extra,
    }


def _plan_name(budget: Budget, name: str) -> str:
    return plan_label(name, budget.scenario.baseline)


def fiscal_year_view(budget: Budget) -> ChartView:
    """Planned cost beside the not-to-exceed figure, per plan and fiscal year."""
    scenario = budget.scenario
    currency = scenario.currency
    years = [year_label(year) for year in budget.fiscal_years]
    traces = []
    rows = []
    for index, plan in enumerate(scenario.plans):
        entries = budget.years[plan.name]
        name = _plan_name(budget, plan.name)
        planned = [e.planned_cents for e in entries]
        ceiling = [e.not_to_exceed_cents for e in entries]
        traces.append(
            _bar(
                name,
                years,
                planned,
                index,
                [format_money(v, currency) for v in planned],
                offsetgroup=str(index),
            )
        )
        # One dark mark for every plan's ceiling, visible on any bar colour; one legend entry.
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "Not to exceed",
                "legendgroup": "not_to_exceed",
                "legendrank": 2000,  # after the plans
                "showlegend": index == 0,
                "x": [label(y) for y in years],
                "y": [amount(v) for v in ceiling],
                "offsetgroup": str(index),
                "marker": {
                    "symbol": "line-ew-open",
                    "size": 30,
                    "color": theme.TEXT_COLOR,
                    "line": {"color": theme.TEXT_COLOR, "width": 4},
                },
                "customdata": [format_money(v, currency) for v in ceiling],
                "hovertemplate": f"{label(name)} not to exceed: %{{customdata}}<extra></extra>",
            }
        )
        for year, entry in zip(years, entries, strict=True):
            rows.append(
                {
                    "Fiscal year": year,
                    "Plan": name,
                    f"Planned ({currency})": format_money(entry.planned_cents, currency),
                    f"Not to exceed ({currency})": format_money(
                        entry.not_to_exceed_cents, currency
                    ),
                    f"Headroom ({currency})": format_money(entry.headroom_cents, currency),
                    f"Savings against today ({currency})": format_money(
                        entry.savings_cents, currency
                    ),
                    f"One-time costs included ({currency})": format_money(
                        entry.one_time_cents, currency
                    ),
                    **_appropriation_cells(entry, currency),
                }
            )
    limit = budget.settings.appropriation
    line = {"color": APPROPRIATION_COLOR, "dash": "dash", "width": 3}
    if limit is not None:
        # The line itself is a shape across the whole plot; this trace only names it in the legend.
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"Appropriation ({format_money(to_cents(limit), currency)} a year)",
                "legendrank": 2001,
                "x": [None],
                "y": [None],
                "line": line,
                "hoverinfo": "skip",
            }
        )
    # Bars and markers of one plan share an offset group, so each marker sits on its bar.
    layout = _layout(
        "Planned cost and not-to-exceed per fiscal year",
        f"Cost ({currency})",
        budget.fiscal_years,
        scattermode="group",
    )
    if limit is not None:
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": float(limit),
                "y1": float(limit),
                "line": line,
            }
        ]
    chart = figure(traces, layout)
    return ChartView(
        "Planned cost and not-to-exceed per fiscal year",
        chart,
        pd.DataFrame(rows),
        _fiscal_summary(budget),
        "budget_fiscal_years",
    )


def appropriation_verdict(entry: PlanYear, currency: str) -> str:
    """A fiscal year's plan against the appropriation, as the page and the reports word it:
    ``"over by $1,000.00"``, ``"within; could overrun by $500.00"`` (its not-to-exceed would)
    or ``"within, even at not to exceed"``.

    A partial year's "within" says how many months it covers (``"within (6 months modeled);
    ..."``): the months outside the horizon may still use the rest. "Over" needs no such words,
    since more months only add cost.
    """
    if entry.overrun_cents:
        return f"over by {format_money(entry.overrun_cents, currency)}"
    year = entry.fiscal_year
    within = f"within ({_month_count(year)} modeled)" if year.partial else "within"
    if entry.ceiling_overrun_cents:
        return f"{within}; could overrun by {format_money(entry.ceiling_overrun_cents, currency)}"
    return f"{within}, even at not to exceed"


def months_modeled(year: FiscalYear) -> str:
    """``"the 9 months modeled"``, ``"the 1 month modeled"``: the part of a fiscal year that
    the period covers."""
    return f"the {_month_count(year)} modeled"


def _month_count(year: FiscalYear) -> str:
    """``"9 months"``, ``"1 month"``: how many months of a fiscal year the period covers."""
    count = len(year.months)
    return f"{count} month{'' if count == 1 else 's'}"


def fits_appropriation(budget: Budget) -> str:
    """The sentence when no plan-year is over the appropriation: "Every plan's planned cost
    fits the appropriation of $50,000.00 a year.", naming each partial year with the months it
    fits for ("FY2027 only for the 9 months modeled")."""
    limit = format_money(to_cents(budget.settings.appropriation or 0), budget.scenario.currency)
    partial = [
        f"{year.label} only for {months_modeled(year)}"
        for year in budget.fiscal_years
        if year.partial
    ]
    months = f" ({and_list(partial)})" if partial else ""
    return f"Every plan's planned cost fits the appropriation of {limit} a year{months}."


def _appropriation_cells(entry: PlanYear, currency: str) -> dict[str, str]:
    """The appropriation columns of a fiscal-year row; none without an appropriation."""
    if entry.appropriation_cents is None:
        return {}
    return {
        f"Appropriation ({currency})": format_money(entry.appropriation_cents, currency),
        "Against the appropriation": appropriation_verdict(entry, currency),
    }


def _fiscal_summary(budget: Budget) -> str:
    currency = budget.scenario.currency
    full = [i for i, year in enumerate(budget.fiscal_years) if not year.partial]
    index = full[0] if full else 0
    year = budget.fiscal_years[index]
    parts = [
        f"{_plan_name(budget, plan.name)} {format_money(entries[index].planned_cents, currency)}"
        f" (not to exceed {format_money(entries[index].not_to_exceed_cents, currency)})"
        for plan in budget.scenario.plans
        for entries in [budget.years[plan.name]]
    ]
    others = [
        f"{y.label}{' (partial)' if y.partial else ''}"
        for i, y in enumerate(budget.fiscal_years)
        if i != index
    ]
    note = f" The table below gives {and_list(others)} too." if others else ""
    limit = budget.settings.appropriation
    if limit is not None:
        over = []  # each plan with the fiscal years it is over the appropriation in
        for plan, entries in budget.years.items():
            years = zip(budget.fiscal_years, entries, strict=True)
            labels = [year.label for year, entry in years if entry.overrun_cents]
            if labels:
                over.append(f"{_plan_name(budget, plan)} in {and_list(labels)}")
        note += (
            f" Over the appropriation of {format_money(to_cents(limit), currency)} a year: "
            f"{'; '.join(over)}."
            if over
            else f" {fits_appropriation(budget)}"
        )
    return f"In {year_label(year)} the planned cost is {'; '.join(parts)}.{note}"


def _stacked(
    names: list[str],
    totals: dict[tuple[str, str], int],
    years: list[FiscalYear],
    labels: list[str],
    currency: str,
) -> list[dict]:
    """One bar series per name (a program or a funding source) from ``(fiscal year, name) ->
    cents``, for a stacked chart by fiscal year."""
    traces = []
    for index, name in enumerate(names):
        cents = [totals.get((year.label, name), 0) for year in years]
        traces.append(_bar(name, labels, cents, index, [format_money(v, currency) for v in cents]))
    return traces


ALL_PROGRAMS = "All programs"
"""The row of a funding table that adds the programs of a fiscal year."""

WHOLE_PERIOD = "Whole period"
"""The row of :func:`funding_source_totals` that adds a plan's fiscal years."""


def funding_view(budget: Budget, plan: str) -> ChartView:
    """``plan``'s cost per fiscal year, stacked by funding source; the table adds programs."""
    currency = budget.scenario.currency
    years = budget.fiscal_years
    labels = [year_label(year) for year in years]
    sources = list(dict.fromkeys(cell.source for cell in budget.funding if cell.plan == plan))
    by_source = budget.source_totals(plan)
    traces = _stacked(sources, by_source, years, labels, currency)
    rows = []
    for year, shown in zip(years, labels, strict=True):
        cells = [c for c in budget.funding if c.plan == plan and c.fiscal_year == year.label]
        for program in dict.fromkeys(c.program for c in cells):
            mine = [c for c in cells if c.program == program]
            row = {"Fiscal year": shown, "Program": program}
            for source in sources:
                paid = sum(c.cents for c in mine if c.source == source)
                row[f"{source} ({currency})"] = format_money(paid, currency)
            row[f"Total ({currency})"] = format_money(sum(c.cents for c in mine), currency)
            rows.append(row)
        total = {"Fiscal year": shown, "Program": ALL_PROGRAMS}
        for source in sources:
            total[f"{source} ({currency})"] = format_money(
                by_source.get((year.label, source), 0), currency
            )
        total[f"Total ({currency})"] = format_money(sum(c.cents for c in cells), currency)
        rows.append(total)
    title = f"{plan}: cost by funding source and fiscal year"
    layout = _layout(title, f"Cost ({currency})", years, barmode="stack")
    return ChartView(
        title,
        figure(traces, layout),
        pd.DataFrame(rows),
        _funding_summary(budget, plan, sources),
        "budget_funding",
    )


def program_view(budget: Budget, plan: str) -> ChartView:
    """``plan``'s cost per fiscal year, stacked by program; the table adds each program's share."""
    currency = budget.scenario.currency
    years = budget.fiscal_years
    labels = [year_label(year) for year in years]
    by_program = budget.program_totals(plan)
    programs = [program.name for program in budget.settings.programs]
    traces = _stacked(programs, by_program, years, labels, currency)
    rows = []
    for year, shown in zip(years, labels, strict=True):
        total = sum(by_program.get((year.label, p), 0) for p in programs)
        for program in programs:
            cents = by_program.get((year.label, program), 0)
            rows.append(
                {
                    "Fiscal year": shown,
                    "Program": program,
                    f"Cost ({currency})": format_money(cents, currency),
                    "Share of the year": format_percent(Decimal(cents) / total if total else None),
                }
            )
    title = f"{plan}: cost by program and fiscal year"
    layout = _layout(title, f"Cost ({currency})", years, barmode="stack")
    whole = {p: sum(by_program.get((y.label, p), 0) for y in years) for p in programs}
    parts = ", ".join(f"{p} {format_money(cents, currency)}" for p, cents in whole.items())
    summary = f"Over the whole period {plan} costs {format_money(sum(whole.values()), currency)}"
    return ChartView(
        title, figure(traces, layout), pd.DataFrame(rows), f"{summary}: {parts}.", "budget_program"
    )


def funding_source_totals(
    budget: Budget,
) -> tuple[list[str], list[tuple[str, str, list[int]]]]:
    """The funding sources, in the order entered, and each plan's cost by source over all its
    programs: one row per fiscal year, then one for the :data:`WHOLE_PERIOD`, each
    ``(plan, fiscal year, cents per source)`` [cents].

    What each funder is asked for: the page shows it as the "All programs" rows of a plan's
    funding table and in that chart's summary, and the reports and the workbook for every plan.
    """
    sources = list(dict.fromkeys(cell.source for cell in budget.funding))
    rows = []
    for plan in budget.scenario.plans:
        totals = budget.source_totals(plan.name)
        whole = [0] * len(sources)
        for year in budget.fiscal_years:
            cents = [totals.get((year.label, source), 0) for source in sources]
            rows.append((plan.name, year.label, cents))
            whole = [before + added for before, added in zip(whole, cents, strict=True)]
        rows.append((plan.name, WHOLE_PERIOD, whole))
    return sources, rows


def _funding_summary(budget: Budget, plan: str, sources: list[str]) -> str:
    currency = budget.scenario.currency
    totals = budget.source_totals(plan)
    whole = {s: sum(v for (_, source), v in totals.items() if source == s) for s in sources}
    overall = sum(whole.values())
    parts = ", ".join(
        f"{source} {format_money(cents, currency)}"
        + (f" ({format_percent(Decimal(cents) / overall)})" if overall else "")
        for source, cents in whole.items()
    )
    return f"Over the whole period {plan} costs {format_money(overall, currency)}: {parts}."


WORKFORCE_HELP = (
    "The program's share of the workforce, on its first row; left empty on its later rows, "
    "which share it"
)
"""What the programs table's Workforce % column holds, on the page and in the reports."""

WORKFORCE_NOTE = f"{WORKFORCE}: {WORKFORCE_HELP}."
"""What an empty Workforce % cell means, said with :func:`programs_table` wherever it is shown
without the page's column help."""

PROGRAMS_TITLE = "Programs and their funding, as entered"
PROGRAMS_CAPTION = f"{PROGRAMS_TITLE}. {WORKFORCE_NOTE}"
"""The reports' caption for :func:`programs_table`."""


def programs_table(settings: BudgetSettings) -> pd.DataFrame:
    """The programs and their funding as the page's table shows them (one row per funding
    source, the workforce percentage on a program's first row only), every percentage with the
    decimals typed: the assumptions behind the cost by program and funding source."""
    return pd.DataFrame(
        [
            [
                name,
                "" if workforce is None else percent_text(workforce),
                source,
                percent_text(share),
            ]
            for name, workforce, source, share in program_rows(settings.programs)
        ],
        columns=list(TABLE_COLUMNS),
    )


SAME_SPLIT_EVERY_MONTH = (
    "The workforce is split between the programs by the same shares every month."
)
"""Said in the reports and the workbook when there is no month-by-month split."""


def monthly_split(budget: Budget) -> list[tuple[str, list[Decimal], str]]:
    """Each month of the period with each program's share of its workforce [1] and how that
    share was set ("entered", or "the programs' own shares" for a month the split does not
    list); empty when the settings give no month-by-month split."""
    settings = budget.settings
    listed = {entry.month for entry in settings.monthly_shares}
    if not listed:
        return []
    return [
        (
            month,
            settings.program_shares(month),
            "entered" if month in listed else "the programs' own shares",
        )
        for month in budget.scenario.months
    ]


def split_header(program: str) -> str:
    """A program's column in the month-by-month split, named as on the page: ``"SNAP %"``."""
    return f"{program} %"


def monthly_split_table(budget: Budget) -> pd.DataFrame | None:
    """:func:`monthly_split` as a table of percentages with the decimals typed; ``None``
    without a month-by-month split."""
    split = monthly_split(budget)
    if not split:
        return None
    names = [split_header(program.name) for program in budget.settings.programs]
    return pd.DataFrame(
        [
            {"Month": month}
            | dict(zip(names, map(percent_text, shares), strict=True))
            | {"Split": how}
            for month, shares, how in split
        ]
    )


CONTRACT_YEARS_NOTE = (
    "Contract years run twelve months from the start month; rates rise by the escalator at "
    "each anniversary. Year 1 is the base period and each later year an option period, as a "
    "government cost estimate lays them out. So far: the cost through this year, if every option "
    "up to it is exercised; savings are against today's plan."
)


def contract_year_label(year: ContractYear) -> str:
    """``"Year 1 (base)"``, or ``"Year 2 (option 1; partial: 6 of 12 months)"``."""
    if not year.partial:
        return year.label
    return f"Year {year.number} ({year.period}; partial: {len(year.months)} of 12 months)"


def contract_year_table(budget: Budget) -> pd.DataFrame:
    """Each plan's cost, not-to-exceed and savings per contract year, and through each year."""
    currency = budget.scenario.currency
    rows = []
    for plan in budget.scenario.plans:
        name = _plan_name(budget, plan.name)
        for entry in budget.by_contract_year[plan.name]:
            year = entry.contract_year
            rows.append(
                {
                    "Contract year": contract_year_label(year),
                    "Months": f"{year.months[0]} to {year.months[-1]}",
                    "Plan": name,
                    f"Planned ({currency})": format_money(entry.planned_cents, currency),
                    f"Not to exceed ({currency})": format_money(
                        entry.not_to_exceed_cents, currency
                    ),
                    f"Savings ({currency})": "–"  # today's plan saves nothing against itself
                    if plan.name == budget.scenario.baseline
                    else format_money(entry.savings_cents, currency),
                    f"Planned so far ({currency})": format_money(
                        entry.planned_through_cents, currency
                    ),
                    f"Not to exceed so far ({currency})": format_money(
                        entry.not_to_exceed_through_cents, currency
                    ),
                }
            )
    return pd.DataFrame(rows)


def contract_year_summary(budget: Budget) -> str:
    """One sentence: each plan's cost over the base year and every option year, e.g. "Over the
    base year and 1 option year (18 months, the last partial), with every option exercised:
    Active users $81,900.00 (not to exceed $117,000.00); ..."."""
    currency = budget.scenario.currency
    years = budget.contract_years
    options = len(years) - 1
    span = (
        "the base year alone"
        if options == 0
        else f"the base year and {options} option year{'' if options == 1 else 's'}"
    )
    horizon = budget.scenario.horizon
    months = f"{horizon} month{'' if horizon == 1 else 's'}"
    if years[-1].partial:
        months += ", the last partial" if options else " of its 12"
    parts = [
        f"{_plan_name(budget, plan.name)} {format_money(last.planned_through_cents, currency)}"
        f" (not to exceed {format_money(last.not_to_exceed_through_cents, currency)})"
        for plan in budget.scenario.plans
        for last in [budget.by_contract_year[plan.name][-1]]
    ]
    every = ", with every option exercised" if options else ""
    return f"Over {span} ({months}){every}: {'; '.join(parts)}."


def returns_table(budget: Budget) -> pd.DataFrame:
    """Payback, ROI and NPV of switching to each alternative, as text."""
    currency = budget.scenario.currency
    rate = format_percent(budget.settings.discount_rate, 2)
    rows = []
    for result in budget.returns.values():
        rows.append(
            {
                "Plan": result.plan,
                f"Net savings ({currency})": format_money(result.net_savings_cents, currency),
                f"One-time cost ({currency})": format_money(result.one_time_cents, currency),
                "ROI": format_percent(result.roi),
                "Payback month": payback_text(result.payback_month, result.payback_label),
                "Discounted payback month": payback_text(
                    result.discounted_payback_month, result.discounted_payback_label
                ),
                f"NPV at {rate} a year ({currency})": format_money(result.npv_cents, currency),
            }
        )
    return pd.DataFrame(rows)


def returns_note(budget: Budget) -> str:
    """What the returns table's figures are, for a reader without the page's help: net
    savings, ROI (and why it may read n/a) and the NPV's discount rate."""
    rate = format_percent(budget.settings.discount_rate, 2)
    return (
        "Returns of switching: net savings include one-time costs; ROI is net savings divided "
        "by the one-time cost (n/a without one); the NPV discounts the monthly savings at "
        f"{rate} a year."
    )


def payback_text(month: int | None, label: str | None) -> str:
    """``"month 3 (2027-05)"``, or ``"not within the period"``."""
    return "not within the period" if month is None else f"month {month} ({label})"


def uncertainty_view(simulation: Simulation, budget: Budget, measure: str = "cost") -> ChartView:
    """P50 per plan and fiscal year with a P10-P90 whisker, labelled as an estimate.

    ``measure`` is ``"cost"`` (every plan) or ``"savings"`` (alternatives against today's plan).
    The table holds both measures, beside the exact planned figure.
    """
    if measure not in {"cost", "savings"}:
        raise ValueError(f"measure must be 'cost' or 'savings', not {measure!r}")
    currency = budget.scenario.currency
    labels = [year_label(year) for year in simulation.fiscal_years]
    chosen = simulation.cost if measure == "cost" else simulation.savings
    order = [plan.name for plan in budget.scenario.plans]
    traces = []
    for name, values in chosen.items():
        index = order.index(name)
        p50 = [v.p50_cents for v in values]
        texts = [
            f"{format_money(v.p50_cents, currency)} (P10 {format_money(v.p10_cents, currency)}, "
            f"P90 {format_money(v.p90_cents, currency)})"
            for v in values
        ]
        traces.append(
            _bar(
                _plan_name(budget, name),
                labels,
                p50,
                index,
                texts,
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [amount(v.p90_cents - v.p50_cents) for v in values],
                    "arrayminus": [amount(v.p50_cents - v.p10_cents) for v in values],
                    "color": theme.TEXT_COLOR,
                    "thickness": 2,
                    "width": 6,
                },
            )
        )
    rows = []
    for kind, by_plan in (("Cost", simulation.cost), ("Savings", simulation.savings)):
        for name, values in by_plan.items():
            for year, shown, value in zip(budget.fiscal_years, labels, values, strict=True):
                entry = budget.years[name][budget.fiscal_years.index(year)]
                exact = entry.planned_cents if kind == "Cost" else entry.savings_cents
                rows.append(
                    {
                        "Measure": kind,
                        "Plan": _plan_name(budget, name),
                        "Fiscal year": shown,
                        f"Planned, exact ({currency})": format_money(exact, currency),
                        f"P10, estimate ({currency})": format_money(value.p10_cents, currency),
                        f"P50, estimate ({currency})": format_money(value.p50_cents, currency),
                        f"P90, estimate ({currency})": format_money(value.p90_cents, currency),
                    }
                )
    what = "Cost" if measure == "cost" else "Savings against today"
    title = f"{what} per fiscal year: P10 to P90 (estimate, {simulation.draws:,} draws)"
    y_title = "Cost" if measure == "cost" else "Savings"
    layout = _layout(title, f"{y_title} ({currency})", simulation.fiscal_years)
    if measure == "savings":
        layout["yaxis"]["zeroline"] = True
        layout["yaxis"]["zerolinecolor"] = AXIS_LINE_COLOR
    return ChartView(
        title,
        figure(traces, layout),
        pd.DataFrame(rows),
        _uncertainty_summary(simulation, budget, measure),
        f"budget_uncertainty_{measure}",
    )


def _uncertainty_summary(simulation: Simulation, budget: Budget, measure: str) -> str:
    currency = budget.scenario.currency
    totals = simulation.cost_total if measure == "cost" else simulation.savings_total
    if not totals:
        return "Estimate: there is no alternative plan, so there are no savings to estimate."
    parts = "; ".join(
        f"{_plan_name(budget, name)} {format_money(value.p10_cents, currency)} to "
        f"{format_money(value.p90_cents, currency)} (P50 {format_money(value.p50_cents, currency)})"
        for name, value in totals.items()
    )
    what = "Cost" if measure == "cost" else "Savings"
    return (
        f"Estimate from {simulation.draws:,} random draws. {what} over the whole period, "
        f"P10 to P90: {parts}."
    )


def tornado_view(chart: Tornado, currency: str) -> ChartView:
    """Savings with each input moved down and up, largest swing on top."""
    # The step as set, every decimal kept: 1.5 % rounded to "2 %" would name a step not taken.
    change = f"{(chart.change * 100).normalize():f} %"
    base = chart.base_savings_cents
    inputs = [bar.input for bar in chart.bars]
    traces = []
    for index, (name, values) in enumerate(
        (
            (f"Input -{change}", [bar.low_savings_cents for bar in chart.bars]),
            (f"Input +{change}", [bar.high_savings_cents for bar in chart.bars]),
        )
    ):
        color = theme.PLAN_COLORS[index]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": label(name),
                "y": [label(text) for text in inputs],
                "x": [amount(value - base) for value in values],
                "base": amount(base),
                "marker": {
                    "color": color,
                    "line": {"color": color, "width": 1},
                    "pattern": {"shape": _PATTERNS[index]},
                },
                "customdata": [format_money(value, currency) for value in values],
                "hovertemplate": f"%{{y}}, {label(name)}: savings %{{customdata}}<extra></extra>",
            }
        )
    title = f"{chart.plan}: what moves the savings most (each input -/+{change})"
    layout = _layout(
        title,
        "",
        barmode="overlay",
        # Below, like the other budget charts: above, beside long input names, it ran into
        # the title on a phone. Input names wrap so the bars keep most of a narrow screen.
        margin={"l": 20, "r": 20, "t": 60 + TITLE_LINE_HEIGHT * (len(title_lines(title)) - 1)},
        legend=legend("below"),
        height=max(360, 140 + 44 * len(inputs)),
        xaxis=axis(f"Savings over the period ({currency})", tickformat=",.0f", nticks=5),
        yaxis=axis(
            autorange="reversed",
            type="category",
            showgrid=False,
            tickvals=[label(text) for text in inputs],
            ticktext=["<br>".join(title_lines(text, TICK_LINE_CHARS)) for text in inputs],
        ),
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": amount(base),
                "x1": amount(base),
                "y0": 0,
                "y1": 1,
                "line": {"color": APPROPRIATION_COLOR, "dash": "dash", "width": 3},
            }
        ],
    )
    table = pd.DataFrame(
        {
            "Input": inputs,
            f"Savings at -{change} ({currency})": [
                format_money(bar.low_savings_cents, currency) for bar in chart.bars
            ],
            f"Savings at +{change} ({currency})": [
                format_money(bar.high_savings_cents, currency) for bar in chart.bars
            ],
            f"Swing ({currency})": [format_money(bar.swing_cents, currency) for bar in chart.bars],
        }
    )
    return ChartView(
        title,
        figure(traces, layout),
        table,
        _tornado_summary(chart, currency, change),
        "budget_tornado",
    )


def _tornado_summary(chart: Tornado, currency: str, change: str) -> str:
    base = format_money(chart.base_savings_cents, currency)
    moving = [bar for bar in chart.bars if bar.swing_cents]
    if not moving:
        return f"Savings of {base} do not change when any input moves by {change}."
    top = moving[0]
    low, high = sorted((top.low_savings_cents, top.high_savings_cents))
    still = [bar.input for bar in chart.bars if not bar.swing_cents]
    verb = "does" if len(still) == 1 else "do"
    rest = f" {and_list(still)} {verb} not move them." if still else ""
    return (
        f"Savings of {base} against today move most with {top.input}: from "
        f"{format_money(low, currency)} to {format_money(high, currency)} when it moves by "
        f"{change} either way.{rest}"
    )
