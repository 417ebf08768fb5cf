"""The calculator page's charts, from a :class:`calculator.Comparison` (conventions: :mod:`app.views.conventions`).

The presenter view and the reports show the same charts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import accumulate

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
    percent_ticks,
    plan_label,
    plan_line,
)
from calculator import (
    Comparison,
    CountingRule,
    best_alternative,
    cheapest_plan,
    costs_nothing,
    format_money,
    format_percent,
    format_utilization,
    percent_after,
    plan_headlines,
    utilization_sweep,
    waterfall_steps,
)

_RULE_UNITS = {
    CountingRule.NAMED_SEAT: "seats nobody used",
    CountingRule.CONCURRENT: "concurrent seats nobody needed",
    CountingRule.ACTIVE_USER: "users who never logged in",
    CountingRule.LOGGED_IN_HOURS: "hours nobody worked",
}


def _layout(
    title: str, *, y_title: str, money_axis: bool = True, months: int = 0, **extra: object
) -> dict:
    """The shared layout with months (or steps) as categories along x and a y axis from zero;
    with ``months`` along x, a long plan labels every few months (:func:`month_ticks`)."""
    layout = base_layout(title, y_title=y_title, hovermode="x unified")
    layout["xaxis"]["type"] = "category"
    layout["xaxis"].update(month_ticks(months))
    layout["yaxis"]["rangemode"] = "tozero"
    if money_axis:
        layout["yaxis"]["tickformat"] = ",.0f"
    layout.update(extra)
    return layout


MONTH_LABELS = 12
"""Most month labels along a chart's x axis: upright, "2027-01" needs about 50 px, and a desktop
screen gives a chart's plot 600 px or more."""


def month_ticks(months: int) -> dict:
    """Every month labelled up to :data:`MONTH_LABELS` months; beyond, every 2nd, 3rd (quarters),
    4th or 6th month from the first, the fewest steps that keep the labels at most 12. Labelled
    all, 16 to 60 months were turned sideways by Plotly on a desktop screen, at a point only the
    chart's width decides, so no margin could be sized for them in advance
    (:mod:`app.views.margins`). Every month is still a point, a hover entry and a table row."""
    step = next((step for step in (1, 2, 3, 4, 6) if -(-months // step) <= MONTH_LABELS), 12)
    return {} if step == 1 else {"tick0": 0, "dtick": step}


def _plan_index(comparison: Comparison) -> dict[str, int]:
    return {plan.name: index for index, plan in enumerate(comparison.scenario.plans)}


def _plan_name(comparison: Comparison, name: str) -> str:
    return plan_label(name, comparison.baseline)


def monthly_cost_view(comparison: Comparison) -> ChartView:
    """Cost of every plan in every month, one line per plan."""
    scenario = comparison.scenario
    currency = scenario.currency
    months = scenario.months
    index = _plan_index(comparison)
    table = {"Month": months}
    traces = []
    for plan in scenario.plans:
        cents = [line.cost_cents for line in comparison.lines[plan.name]]
        texts = [format_money(value, currency) for value in cents]
        table[f"{_plan_name(comparison, plan.name)} ({currency})"] = texts
        traces.append(
            plan_line(
                _plan_name(comparison, plan.name),
                months,
                [amount(value) for value in cents],
                index[plan.name],
                texts,
            )
        )
    totals = comparison.totals
    lowest = totals[cheapest_plan(comparison)].cost_cents
    cheapest = [plan.name for plan in scenario.plans if totals[plan.name].cost_cents == lowest]
    parts = ", ".join(
        f"{name} {format_money(totals[name].cost_cents, currency)}"
        for name in comparison.alternatives
    )
    span = "in the month" if scenario.horizon == 1 else f"over {scenario.horizon} months"
    summary = (
        f"{_span_cap(span)}, {_plan_name(comparison, comparison.baseline)} costs "
        f"{format_money(totals[comparison.baseline].cost_cents, currency)}"
        + (f" against {parts}" if parts else "")
        + (
            f"; the cheapest is {cheapest[0]}."
            if len(cheapest) == 1
            else f"; {and_list(cheapest)} cost the same, the least."
        )
    )
    title = "Monthly cost per plan"
    layout = _layout(title, y_title=f"Cost per month ({currency})", months=len(months))
    chart = figure(traces, layout)
    return ChartView(title, chart, pd.DataFrame(table), summary, "monthly_cost")


def _span_cap(span: str) -> str:
    return span[0].upper() + span[1:]


def staffing_view(comparison: Comparison) -> ChartView:
    """Provisioned, active and peak concurrent agents per month, with utilization A / P."""
    scenario = comparison.scenario
    months = scenario.months
    staffing = scenario.staffing
    series = {
        "provisioned": ("Provisioned accounts", [m.provisioned for m in staffing]),
        "active": ("Active users", [m.active for m in staffing]),
        "peak_concurrent": ("Peak concurrent agents", [m.peak_concurrent for m in staffing]),
    }
    utilization = [format_utilization(u) for u in comparison.utilization_monthly]
    traces = []
    for key, (name, values) in series.items():
        color, dash, marker = theme.STAFFING_STYLE[key]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": months,
                "y": values,
                "line": {"color": color, "dash": dash, "width": 3},
                "marker": {"symbol": marker, "size": 8, "color": color},
                "hovertemplate": f"{name}: %{{y:,}}<extra></extra>",
            }
        )
    # Utilization gets a panel of its own under the agents: on a second axis over the same plot
    # its 70 % line would lie on top of 70 active users.
    color, dash, marker = theme.STAFFING_STYLE["utilization"]
    traces.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "Utilization (lower panel)",
            "x": months,
            "y": [None if u is None else float(u) for u in comparison.utilization_monthly],
            "yaxis": "y2",
            "line": {"color": color, "dash": dash, "width": 3},
            "marker": {"symbol": marker, "size": 8, "color": color},
            "customdata": utilization,
            "hovertemplate": "Utilization: %{customdata}<extra></extra>",
        }
    )
    title = "Staffing: provisioned, active and peak concurrent agents"
    layout = _layout(
        title,
        y_title="Agents",
        money_axis=False,
        months=len(months),
        height=520,
    )
    layout["yaxis"].update(
        domain=[0.36, 1], tickformat=",d", zeroline=True, zerolinecolor=AXIS_LINE_COLOR
    )
    layout["yaxis2"] = axis(
        "Utilization",
        domain=[0, 0.24],
        anchor="x",
        range=[0, 1.1],
        **percent_ticks([0, 0.5, 1]),
    )
    # The months are labelled once, under the lower panel; both panels share their gridlines.
    layout["xaxis"]["anchor"] = "y2"
    table = {
        "Month": months,
        "Provisioned accounts": series["provisioned"][1],
        "Active users": series["active"][1],
        "Peak concurrent agents": series["peak_concurrent"][1],
    }
    if all(m.logged_in_hours is not None for m in staffing):
        table["Logged-in hours"] = [f"{m.logged_in_hours:,}" for m in staffing]
    table["Utilization"] = utilization
    summary = _staffing_summary(comparison)
    return ChartView(
        title,
        figure(traces, layout),
        pd.DataFrame(table),
        summary,
        "staffing",
    )


def _staffing_summary(comparison: Comparison) -> str:
    staffing = comparison.scenario.staffing
    months = comparison.scenario.months
    overall = format_utilization(comparison.utilization_overall)
    first = staffing[0]
    if all(m == first for m in staffing):
        return (
            f"Every month {first.provisioned:,} accounts are provisioned, {first.active:,} agents "
            f"log in and at most {first.peak_concurrent:,} are logged in at once: utilization "
            f"{overall}."
        )
    peak = max(range(len(staffing)), key=lambda i: staffing[i].provisioned)
    low = min(m.provisioned for m in staffing)
    return (
        f"Provisioned accounts range from {low:,} to {staffing[peak].provisioned:,} "
        f"(highest in {months[peak]}) and active users from "
        f"{min(m.active for m in staffing):,} to {max(m.active for m in staffing):,}; "
        f"utilization over the whole period is {overall}."
    )


def cumulative_savings_view(comparison: Comparison) -> ChartView:
    """Savings against today's plan, added up month by month, one line per alternative."""
    scenario = comparison.scenario
    currency = scenario.currency
    months = scenario.months
    index = _plan_index(comparison)
    table = {"Month": months}
    traces = []
    sentences = []
    for name in comparison.alternatives:
        running = list(accumulate(saved for saved, _, _ in comparison.savings_lines[name]))
        texts = [format_money(value, currency) for value in running]
        table[f"{name}: savings so far ({currency})"] = texts
        traces.append(plan_line(name, months, [amount(v) for v in running], index[name], texts))
        final = running[-1]
        if final >= 0:
            sentences.append(f"{name} has saved {format_money(final, currency)}")
        else:
            sentences.append(f"{name} has cost {format_money(-final, currency)} more")
    title = f"Savings so far against {comparison.baseline}"
    layout = _layout(title, y_title=f"Savings so far ({currency})", months=len(months))
    layout["yaxis"]["zeroline"] = True
    layout["yaxis"]["zerolinecolor"] = AXIS_LINE_COLOR
    # From zero (a loss goes below it): a steady saving's first month sat on the axis line.
    layout["yaxis"]["rangemode"] = "tozero"
    summary = f"By {months[-1]}, " + "; ".join(sentences) + " in total."
    return ChartView(
        title,
        figure(traces, layout),
        pd.DataFrame(table),
        summary,
        "savings",
    )


def default_alternative(comparison: Comparison) -> str | None:
    """The plan the waterfall explains: the alternative that saves the most (the first of
    equals), as the presenter view and the report's headline lead with, if any. The first
    alternative in the scenario's order was explained even when another was cheaper."""
    best = best_alternative(comparison)
    return None if best is None else best.plan


def waterfall_view(comparison: Comparison, plan: str | None = None) -> ChartView:
    """From today's monthly cost, through the volume and rate effects, to ``plan``'s cost.

    A month's figures when every month is alike, else averages per month, as the tables show
    them (:func:`calculator.waterfall_steps`), so the bars add up.
    """
    scenario = comparison.scenario
    currency = scenario.currency
    plan = plan or default_alternative(comparison)
    if plan is None:
        raise ValueError("the scenario has only one plan: there is nothing to compare")
    split = comparison.savings[plan]
    numbers = waterfall_steps(comparison, plan)
    base, volume, rate = numbers.baseline_cents, numbers.volume_cents, numbers.rate_cents
    saved, alternative = numbers.saved_cents, numbers.alternative_cents
    period = "a month" if numbers.same_every_month else "a month on average"
    base_rule = scenario.baseline_plan.rule
    volume_name = f"Volume: {_RULE_UNITS[base_rule]}"
    rate_name = "Rate and terms"
    if saved >= 0:
        title = (
            f"Switching from {comparison.baseline} to {plan} saves "
            f"{format_money(saved, currency)} {period}" + percent_after(split.ratio)
        )
    else:
        # No percentage of nothing: a plan that costs nothing today says so instead of "n/a".
        more = (
            f"; {costs_nothing()}"
            if split.ratio is None
            else f" ({format_percent(-split.ratio)} more)"
        )
        title = (
            f"Switching from {comparison.baseline} to {plan} costs "
            f"{format_money(-saved, currency)} more {period}{more}"
        )
    steps = [
        (f"Today: {comparison.baseline}", base),
        (volume_name, -volume),
        (rate_name, -rate),
        (plan, alternative),
    ]
    texts = [format_money(value, currency) for _, value in steps]
    chart = figure(
        [
            {
                "type": "waterfall",
                "orientation": "v",
                "measure": ["absolute", "relative", "relative", "total"],
                "x": [label(name) for name, _ in steps],
                "y": [amount(value) for _, value in steps],
                "text": texts,
                "textposition": "outside",
                "customdata": texts,
                "hovertemplate": "%{x}: %{customdata}<extra></extra>",
                "connector": {"line": {"color": AXIS_LINE_COLOR, "dash": "dot"}},
                "decreasing": {"marker": {"color": theme.SAVING_COLOR}},
                "increasing": {"marker": {"color": theme.COSTING_COLOR}},
                "totals": {"marker": {"color": theme.TOTAL_COLOR}},
                "showlegend": False,
            }
        ],
        _layout(title, y_title=f"Cost {period} ({currency})", hovermode="closest"),
    )
    table = pd.DataFrame(
        {
            "Step": [name for name, _ in steps],
            f"Amount {period} ({currency})": texts,
        }
    )
    # A $0.00 step says nothing, and "less ... and plus ..." reads as one change: steps that go
    # the same way are joined by "and", opposite ones listed apart.
    changes = [
        (-cents, f"{_change(-cents, currency)} {reason}")
        for cents, reason in (
            (volume, f"for {_RULE_UNITS[base_rule]}"),
            (rate, "from the rate and contract terms"),
        )
        if cents
    ]
    same_way = len({cents > 0 for cents, _ in changes}) == 1
    walked = (" and " if same_way else ", ").join(text for _, text in changes)
    summary = (
        f"Today's {format_money(base, currency)} {period} with {comparison.baseline}, "
        + (f"{walked}, " if walked else "")
        + f"gives {format_money(alternative, currency)} with {plan}."
    )
    return ChartView(title, chart, table, summary, "waterfall")


def _change(cents: int, currency: str) -> str:
    if cents < 0:
        return f"less {format_money(-cents, currency)}"
    return f"plus {format_money(cents, currency)}"


def cost_vs_utilization_view(comparison: Comparison) -> ChartView | None:
    """Each plan's recurring monthly cost as utilization A / P goes from 0 % to 100 %.

    Provisioned accounts are held at the scenario's average; peak concurrent agents and
    logged-in hours keep their ratio to active users; each point is a typical month at today's
    prices (:func:`calculator.utilization_sweep`). Today's utilization, each plan's cost there
    and the named-seat / active-user break-even are marked; the sentence also gives the
    contract's own average month where it differs. ``None`` when nothing is provisioned.
    """
    scenario = comparison.scenario
    currency = scenario.currency
    sweep = utilization_sweep(comparison)
    if sweep is None:
        return None
    points, today = sweep.points, sweep.today
    # Today's markers sit on the lines: the sweep's own typical month at today's utilization, as
    # in the table's row. The contract's average month (the headline) is another basis, with
    # seasonal staffing, seat floors, price rises and one-time costs; the sentence names it apart.
    today_costs = sweep.at_today()
    averages = {row.plan: row.per_month_cents for row in plan_headlines(comparison)}
    averages_apart = {
        name: averages[name] for name, cents in today_costs.items() if averages[name] != cents
    }
    index = _plan_index(comparison)
    labels = [format_utilization(share) for share in points]
    table: dict[str, list[str]] = {"Utilization": labels}
    traces = []
    for plan in scenario.plans:
        cents = sweep.costs[plan.name]
        texts = [format_money(value, currency) for value in cents]
        table[f"{_plan_name(comparison, plan.name)} ({currency})"] = texts
        traces.append(
            plan_line(
                _plan_name(comparison, plan.name),
                [float(share) for share in points],
                [amount(value) for value in cents],
                index[plan.name],
                [f"{shown}: {text}" for shown, text in zip(labels, texts, strict=True)],
            )
        )
    shapes = [_vline(float(today), theme.TEXT_COLOR, "dash")]
    # Line labels sit in rows at the top of the plot, above every curve (see _headroom): there
    # they cover neither a plan's line nor today's markers.
    annotations = [_vlabel(float(today), f"today {format_utilization(today)}", row=0)]
    break_notes = []
    for row, pair in enumerate(comparison.break_even, start=1):
        if pair.utilization is not None and pair.utilization <= 1:
            shapes.append(_vline(float(pair.utilization), theme.TEXT_COLOR, "dot"))
            annotations.append(
                _vlabel(
                    float(pair.utilization),
                    f"break-even {format_percent(pair.utilization)}",
                    row=row,
                )
            )
            break_notes.append(
                f"{pair.active_plan} is cheaper than {pair.named_plan} below "
                f"{format_percent(pair.utilization)} utilization"
                if pair.utilization
                else f"{pair.active_plan} is never cheaper than {pair.named_plan}, which costs "
                "nothing"
            )
        else:
            # Both rates 0: no break-even, as the plans cost the same at every utilization.
            same = pair.utilization is None and scenario.plan(pair.named_plan).rate == 0
            # Short, so it fits beside today's line on a phone; the summary gives the figure.
            beyond = "never" if pair.utilization is None else "beyond 100 %"
            annotations.append(
                {
                    **_vlabel(1, "same cost" if same else f"break-even {beyond}", row=row),
                    "xref": "paper",
                    "xanchor": "right",
                    "xshift": 0,
                }
            )
            # Utilization cannot pass 100 %: a break-even beyond it is said as one never reached.
            even = (
                "never break even"
                if pair.utilization is None
                else f"would break even only at {format_percent(pair.utilization)}, above 100 %"
            )
            break_notes.append(
                f"{pair.active_plan} and {pair.named_plan} cost the same at any utilization: "
                "both rates are 0"
                if same
                else f"{pair.active_plan} is cheaper than {pair.named_plan} at any utilization: "
                f"they {even}"
            )
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": f"Today ({format_utilization(today)})",
            "x": [float(today)] * len(today_costs),
            "y": [amount(cents) for cents in today_costs.values()],
            "marker": {"symbol": "star", "size": 16, "color": theme.TEXT_COLOR},
            "customdata": [
                f"today, {label(name)}: {format_money(cents, currency)}"
                for name, cents in today_costs.items()
            ],
            "hovertemplate": "%{customdata}<extra></extra>",
        }
    )
    layout = _layout(
        "Monthly cost against utilization",
        y_title=f"Recurring cost per month ({currency})",
        hovermode="closest",
        shapes=shapes,
        annotations=annotations,
    )
    layout["xaxis"] = axis(
        "Utilization: active users / provisioned accounts",
        range=[-0.02, 1.02],
        **percent_ticks([0, 0.2, 0.4, 0.6, 0.8, 1]),
    )
    highest = max((y for trace in traces for y in trace["y"]), default=0)
    # Each line of the x axis's title after the first takes that much from the plot's height.
    wrapped = TITLE_LINE_HEIGHT * layout["xaxis"]["title"]["text"].count("<br>")
    layout["yaxis"]["range"] = [
        0,
        _headroom(highest, len(annotations), layout["height"] - wrapped),
    ]

    def costs(figures: dict[str, int]) -> str:
        return ", ".join(
            f"{format_money(cents, currency)} with {name}" for name, cents in figures.items()
        )

    notes = [
        f"At today's {format_utilization(today)} utilization a typical month at today's prices "
        f"costs {costs(today_costs)}"
    ]
    if averages_apart:
        notes.append(
            "the contract's own average month, with its seasonal staffing, seat floors, price "
            f"rises and one-time costs, is {costs(averages_apart)}"
        )
    summary = "; ".join(notes + break_notes) + "."
    return ChartView(
        "Monthly cost against utilization",
        figure(traces, layout),
        pd.DataFrame(table),
        summary,
        "utilization",
    )


def _vline(x: float, color: str, dash: str) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "dash": dash, "width": 2},
    }


_LABEL_ROW = 22
"""Height of one row of line labels at the top of a plot [px]."""


def _vlabel(x: float, text: str, row: int) -> dict:
    """A label beside the top of the vertical line at ``x`` (a ratio from 0 to 1), in label row
    ``row`` from the top; on the line's right, or on its left when the line is far right."""
    right = x <= 0.6
    return {
        "x": x,
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "yanchor": "top",
        "yshift": -row * _LABEL_ROW,
        "xanchor": "left" if right else "right",
        "xshift": 4 if right else -4,
        "text": text,
        "showarrow": False,
        # On a narrow screen a label can reach across another line: the background keeps it
        # readable over the dashes.
        "bgcolor": "rgba(255, 255, 255, 0.9)",
    }


def _headroom(highest: float, rows: int, height: int) -> float:
    """Top of a y axis from 0 that leaves ``rows`` label rows free above ``highest`` [currency].

    The plot area is the figure's ``height`` less about 230 px of title, legend and x axis: on a
    phone the legend takes a row per plan and the axis title wraps.
    """
    free = min(0.5, (rows * _LABEL_ROW + 8) / max(height - 230, 100))
    return (highest or 1) / (1 - free)


ChartBuilder = Callable[[Comparison], ChartView]


def chart_builders(comparison: Comparison) -> list[tuple[str, ChartBuilder]]:
    """The calculator page's charts in page order as ``(slug, builder)`` pairs, so a page can
    build each chart only when it shows it.

    The waterfall comes first: it explains the headline. Charts that need an alternative plan,
    or provisioned accounts, are left out when the scenario has none.
    """
    builders: list[tuple[str, ChartBuilder]] = []
    if comparison.alternatives:
        builders.append(("waterfall", waterfall_view))
    builders.append(("monthly_cost", monthly_cost_view))
    if comparison.alternatives:
        builders.append(("savings", cumulative_savings_view))
    builders.append(("staffing", staffing_view))
    if comparison.utilization_overall is not None:
        builders.append(("utilization", cost_vs_utilization_view))
    return builders


def chart_views(comparison: Comparison) -> Iterator[ChartView]:
    """The calculator page's charts in page order (see :func:`chart_builders`), each built only
    when asked for."""
    for _, build in chart_builders(comparison):
        yield build(comparison)


def all_chart_views(comparison: Comparison) -> list[ChartView]:
    """The calculator page's charts in page order (see :func:`chart_builders`)."""
    return list(chart_views(comparison))
