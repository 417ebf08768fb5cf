"""The report: one self-contained HTML file a customer's finance team or a budget office can keep.

It holds the headline figures, the explanation sentences, every chart with its table and summary,
the assumptions (the inputs, labelled illustrative), the method, the date and the scenario link.
It opens offline and makes no network request: Plotly's JavaScript is embedded (plotly.js's
finance partial bundle, vendored in ``app/reports/static``, which has every trace type the reports
draw in a quarter of the full bundle's size; the installed ``plotly`` package's full bundle when a
chart uses another type) and the logo is a ``data:`` URI.

Safety: the page is rendered by Jinja2 with autoescaping, so every user-supplied text (scenario and
plan names, branding) is HTML-escaped. The only scripts are Plotly itself, a fixed renderer and the
charts' data as ``application/json`` written by Plotly's encoder, which escapes ``<``, ``>`` and
``/``; user text therefore never becomes markup or script.

Accessibility (WCAG 2.1 AA): ``lang``, one ``h1`` and ordered headings, landmarks, every chart
described by its summary sentence and followed by a real ``<table>`` with a ``<caption>`` and
``<th scope>`` headers holding the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol

import jinja2
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from markupsafe import Markup
from plotly.io.json import to_json_plotly
from plotly.offline import get_plotlyjs

from app.reports._branding import Branding
from app.reports._budget_tables import budget_tables
from app.reports._print_charts import print_chart
from app.reports._tables import STYLED_COLUMNS, ReportTable, months_kept_whole, table_from_frame
from app.views.commitment import commitment_advice, commitment_summary
from app.views.conventions import plan_label
from calculator import (
    Comparison,
    CountingRule,
    best_alternative,
    cap_warnings,
    explain_savings,
    format_money,
    format_percent,
    format_utilization,
    savings_percent,
    to_cents,
)
from calculator._money import currency_symbol
from calculator.budget import (
    Budget,
    Simulation,
    Tornado,
    percent_text,
    plan_budget,
    simulate,
    tornado,
)

Paper = Literal["A4", "Letter"]
CHART_WIDTH = 680  # [px] fits the text width of A4 and US Letter at 13 mm margins
CHART_HEIGHT = 400  # [px]
TEMPLATES = Path(__file__).resolve().parent / "templates"
PLOTLY_BUNDLE = Path(__file__).resolve().parent / "static" / "plotly-finance.min.js"
BUNDLE_TRACE_TYPES = frozenset(
    {
        "bar",
        "candlestick",
        "funnel",
        "funnelarea",
        "histogram",
        "indicator",
        "ohlc",
        "pie",
        "scatter",
        "waterfall",
    }
)
"""The trace types in :data:`PLOTLY_BUNDLE` (see ``app/reports/static/README.md``)."""

RENDERER_JS = """(function () {
  var specs = JSON.parse(document.getElementById("chart-data").textContent);
  window.chartsDrawn = Promise.all(specs.map(function (spec) {
    return Plotly.newPlot(spec.id, spec.data, spec.layout, spec.config);
  })).then(function () { document.documentElement.setAttribute("data-charts", "ready"); });
})();"""
"""The one script of the report besides Plotly: draws each chart from the JSON data block; the
promise ``chartsDrawn`` and the attribute ``data-charts="ready"`` say when all are drawn."""

_AXIS_KEY = re.compile(r"^[xy]axis\d*$")
PLOT_CONFIG = {"staticPlot": True, "displayModeBar": False, "responsive": False}
"""A printed page cannot be hovered or zoomed: charts are static pictures (and have no
toolbar buttons to confuse a screen reader)."""


class ChartViewLike(Protocol):
    """What the report needs of :class:`app.views.ChartView`."""

    title: str
    figure: go.Figure
    table: pd.DataFrame
    summary: str


@dataclass(frozen=True, slots=True)
class ChartBlock:
    element_id: str
    title: str
    summary: str
    table: ReportTable
    spec: dict[str, Any]
    height: int = CHART_HEIGHT  # [px] the canvas is sized to the figure, so none is cut off


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Headline:
    figures: list[Figure]


@dataclass(frozen=True, slots=True)
class CommitmentBlock:
    sentence: str
    table: ReportTable


def commitment_blocks(comparison: Comparison) -> list[CommitmentBlock]:
    """For each plan with a commitment or a concurrent cap: what to sign, in one sentence, and
    the cost of the level signed now against the recommended one."""
    currency = comparison.scenario.currency
    return [
        CommitmentBlock(
            advice.sentence,
            table_from_frame(
                commitment_summary(advice, currency), f"Which commitment to sign: {advice.plan}"
            ),
        )
        for advice in commitment_advice(comparison.scenario)
    ]


def headline(comparison: Comparison) -> Headline | None:
    """The big numbers: today's and the best alternative's monthly cost, its savings and the
    utilization. ``None`` when the scenario has a single plan."""
    best = best_alternative(comparison)
    if best is None:
        return None
    scenario = comparison.scenario
    currency = scenario.currency
    months = scenario.horizon
    base = comparison.totals[comparison.baseline]
    alternative = comparison.totals[best.plan]
    average = " (average)" if months > 1 else ""
    word = "Savings" if best.savings_cents >= 0 else "Extra cost"
    return Headline(
        [
            Figure(
                f"{plan_label(comparison.baseline, comparison.baseline)}, per month{average}",
                format_money(base.average_monthly_cents, currency),
            ),
            Figure(
                f"{best.plan}, per month{average}",
                format_money(alternative.average_monthly_cents, currency),
            ),
            Figure(
                f"{word} per month{average}",
                format_money(abs(best.average_savings_cents(months)), currency),
            ),
            Figure(
                f"{word} over {months} month{'s' if months != 1 else ''}",
                format_money(abs(best.savings_cents), currency),
            ),
            Figure(
                f"{word} in percent",
                savings_percent(None if best.ratio is None else abs(best.ratio)),
            ),
            Figure(
                "Utilization (active / provisioned)",
                format_utilization(comparison.utilization_overall),
            ),
        ]
    )


def totals_table(comparison: Comparison) -> ReportTable:
    """Every plan's cost over the horizon and its savings against today's plan."""
    scenario = comparison.scenario
    currency = scenario.currency
    months = scenario.horizon
    rows = []
    for name in [comparison.baseline, *comparison.alternatives]:
        total = comparison.totals[name]
        split = comparison.savings.get(name)
        rows.append(
            [
                plan_label(name, comparison.baseline),
                total.rule.label,
                format_money(total.average_monthly_cents, currency),
                format_money(total.cost_cents, currency),
                format_money(total.one_time_cents, currency),
                "–" if split is None else format_money(split.savings_cents, currency),
                "–" if split is None else savings_percent(split.ratio),
            ]
        )
    return ReportTable(
        f"Cost of each plan over {months} month{'s' if months != 1 else ''} ({currency})",
        [
            "Plan",
            "Counts",
            "Per month (average)",
            "Total",
            "One-time costs",
            "Savings against today",
            "Savings in percent",
        ],
        rows,
        [False, False, True, True, True, True, True],
    )


def plans_table(comparison: Comparison) -> ReportTable:
    """The plans' terms as entered."""
    scenario = comparison.scenario
    currency = scenario.currency
    rows = []
    for plan in scenario.plans:
        rows.append(
            [
                plan.name,
                plan.rule.label,
                f"{amount_text(plan.rate, currency)} per {plan.rule.unit}",
                "same as rate"
                if plan.overage_rate is None
                else f"{amount_text(plan.overage_rate, currency)} per {plan.rule.unit}",
                f"{plan.committed_units:,}",
                amount_text(plan.minimum_monthly_charge, currency),
                amount_text(plan.one_time_cost, currency),
                format_percent(plan.escalator, 2),
                _plan_specific(plan, currency),
            ]
        )
    return ReportTable(
        "Plans and contract terms",
        [
            "Plan",
            "Counts",
            "Rate",
            "Overage rate",
            "Committed units",
            "Minimum per month",
            "One-time cost",
            "Yearly escalator",
            "Other terms",
        ],
        rows,
        [False, False, False, False, True, True, True, True, False],
    )


def amount_text(amount: Decimal, currency: str) -> str:
    """An input amount as entered: two decimals, or more when a rate carries more (to six)."""
    places = max(2, -min(0, int(amount.normalize().as_tuple().exponent)))
    if places == 2:
        return format_money(to_cents(amount), currency)
    return f"{currency_symbol(currency)}{amount:,.{places}f}"


_SEAT_WORDS = {
    "monthly": "seats can be reduced monthly",
    "next_month": "fewer seats bill less from the next month",
    "high_water_mark": "seats can go up any month; they come down only at renewal",
    "contract_year_peak": "seats cannot be reduced within a contract year",
}


def _plan_specific(plan: Any, currency: str = "USD") -> str:
    """The plan's other contract terms in words (docs/contract-rules.md), or a dash."""
    terms = []
    reduction = plan.seat_reduction.value
    if plan.rule is CountingRule.NAMED_SEAT or reduction != "monthly":
        terms.append(_SEAT_WORDS[reduction])
    if plan.rule is CountingRule.CONCURRENT and plan.concurrent_cap is not None:
        terms.append(f"{plan.concurrent_cap:,} concurrent seats bought up front")
    terms += _count_words(plan)
    if plan.tiers:
        bands = ", ".join(
            f"{'above' if band.up_to is None else f'up to {band.up_to:,}'} at "
            f"{amount_text(band.rate, currency)}"
            for band in plan.tiers
        )
        terms.append(f"rate bands ({plan.tier_mode.value}): {bands}")
    if plan.true_up is not None:
        premium = format_percent(plan.true_up.premium, 1)
        pooled = ", pooled over the period" if plan.true_up.pooled else ""
        terms.append(
            f"units above the commitment trued up every {plan.true_up.period_months} months "
            f"at {premium} extra{pooled}"
        )
    if plan.monthly_term_premium:
        terms.append(f"monthly-term premium {format_percent(plan.monthly_term_premium, 1)}")
    if plan.one_time_months:
        months = ", ".join(str(month) for month in plan.one_time_months)
        terms.append(f"one-time cost spread over months {months}")
    for line in plan.lines:
        counts = ", ".join(_count_words(line))
        terms.append(
            f"plus line {line.name}: {line.rule.label.lower()} at {amount_text(line.rate, currency)}"
            + (f" ({counts})" if counts else "")
        )
    return "; ".join(terms) if terms else "–"


def _count_words(line: Any) -> list[str]:
    """What part of its rule's count a line bills, in words: a fixed quantity, a slice or a
    share (none: all of it)."""
    if line.quantity is not None:
        return [f"a fixed {line.quantity:,} units"]
    if line.above or line.up_to is not None:
        upper = "" if line.up_to is None else f" up to {line.up_to:,}"
        return [f"counts units above {line.above:,}{upper}"]
    share = getattr(line, "share", None)  # further lines only
    if share is not None:
        return [f"{percent_text(share)} % of the count, rounded up"]
    return []


def staffing_table(comparison: Comparison) -> ReportTable:
    """The staffing curve as entered."""
    scenario = comparison.scenario
    has_hours = any(month.logged_in_hours is not None for month in scenario.staffing)
    headers = ["Month", "Provisioned accounts", "Active users", "Peak concurrent agents"]
    if has_hours:
        headers.append("Logged-in hours")
    rows = []
    for label, month in zip(scenario.months, scenario.staffing, strict=True):
        row = [
            label,
            f"{month.provisioned:,}",
            f"{month.active:,}",
            f"{month.peak_concurrent:,}",
        ]
        if has_hours:
            row.append("–" if month.logged_in_hours is None else f"{month.logged_in_hours:,}")
        rows.append(row)
    return ReportTable("Staffing per month", headers, rows, [False] + [True] * (len(headers) - 1))


REPORT_TORNADOES = 3
"""Tornado charts in a report: those of the alternatives that save the most (the Budget page
shows every one); eight plans' worth would make the report too big to mail [charts]."""


def range_views(
    comparison: Comparison,
    budget: Budget,
    simulation: Simulation | None = None,
    tornadoes: dict[str, Tornado] | None = None,
) -> list[ChartViewLike]:
    """The budget's estimates: P10-P50-P90 of each plan's cost per fiscal year (its table holds
    the savings' percentiles too), then the tornado of each of the (at most three) alternatives
    that save the most, best first. ``simulation`` and ``tornadoes`` are
    :func:`calculator.budget.simulate` and :func:`calculator.budget.tornado` of ``comparison``,
    built here when not given."""
    from app.views import budget as budget_charts  # the report's budget charts are the page's

    currency = comparison.scenario.currency
    charts = tornado(comparison) if tornadoes is None else tornadoes
    best = sorted(charts, key=lambda name: -comparison.savings[name].savings_cents)
    return [
        budget_charts.uncertainty_view(
            simulate(comparison) if simulation is None else simulation, budget, "cost"
        ),
        *(budget_charts.tornado_view(charts[name], currency) for name in best[:REPORT_TORNADOES]),
    ]


def chart_blocks(
    views: Sequence[ChartViewLike], first: int = 1, *, print_copy: bool = False
) -> list[ChartBlock]:
    """Each view as a block: a static figure sized for paper, its summary and its table;
    element ids are numbered from ``first``, so several groups on one page stay unique.

    ``print_copy`` draws the bars as :func:`app.reports._print_charts.print_chart` does: the
    copy Chromium prints to PDF, whose bar series differ by a marker shape, not a fill pattern.
    """
    blocks = []
    for number, view in enumerate(views, start=first):
        element_id = f"chart-{number}"
        # The view's figure was validated when it was built: its dict is copied, not re-checked.
        figure = view.figure if isinstance(view.figure, go.Figure) else go.Figure(view.figure)
        spec = figure.to_plotly_json()
        data = [_static_trace(trace) for trace in spec.get("data", [])]
        layout = spec.get("layout", {})
        if isinstance(layout.get("template"), str):  # a template by name, as Plotly resolves it
            layout["template"] = pio.templates[layout["template"]].to_plotly_json()
        if print_copy:
            data, layout = print_chart(data, layout)
        height = layout.get("height") or CHART_HEIGHT
        layout.update(width=CHART_WIDTH, height=height, autosize=False)
        layout.setdefault("title", {})["text"] = ""  # the heading above the figure carries it
        layout.setdefault("margin", {})["t"] = 50
        # Let Plotly widen the margins to fit axis titles at the narrower paper width.
        for axis_name in sorted({"xaxis", "yaxis", *filter(_AXIS_KEY.match, layout)}):
            layout.setdefault(axis_name, {})["automargin"] = True
        blocks.append(
            ChartBlock(
                element_id=element_id,
                title=view.title,
                summary=view.summary,
                table=table_from_frame(view.table, f"Numbers behind the chart: {view.title}"),
                spec={"id": element_id, "data": data, "layout": layout, "config": PLOT_CONFIG},
                height=height,
            )
        )
    return blocks


HOVER_ONLY = frozenset({"hovertemplate", "hovertext", "customdata"})
"""Trace keys only a hover label reads: a static chart (:data:`PLOT_CONFIG`) shows no hover, so
the report leaves them out; with 8 plans over 60 months they were a third of the charts' data."""


def _static_trace(trace: dict[str, Any]) -> dict[str, Any]:
    """``trace`` without what only its hover label would show (``customdata`` stays when a text
    template reads it)."""
    dropped = HOVER_ONLY - ({"customdata"} if "texttemplate" in trace else set())
    return {key: value for key, value in trace.items() if key not in dropped}


def chart_data_json(blocks: Sequence[ChartBlock]) -> Markup:
    """The charts' JSON for the ``application/json`` block.

    Plotly's encoder writes ``<``, ``>`` and ``/`` as ``\\u003c``, ``\\u003e`` and ``\\u002f``, so
    no text inside can close the script element: safe to mark as markup.
    """
    return Markup(to_json_plotly([block.spec for block in blocks]))


def check_link(link: str | None) -> str | None:
    """A scenario link must be an ``http(s)`` URL (never ``javascript:``); returns it unchanged."""
    if link is None:
        return None
    if not link.startswith(("https://", "http://")) or any(c.isspace() for c in link):
        raise ValueError(
            f"scenario link must be an http:// or https:// address without spaces; got {link[:60]!r}"
        )
    return link


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.filters["months_kept_whole"] = months_kept_whole
    environment.globals["styled_columns"] = STYLED_COLUMNS
    return environment


def trace_types(blocks: Sequence[ChartBlock]) -> frozenset[str]:
    """The Plotly trace types the charts draw (``scatter`` when a trace names none)."""
    return frozenset(
        trace.get("type") or "scatter" for block in blocks for trace in block.spec["data"]
    )


@cache
def plotly_js(types: frozenset[str] = frozenset()) -> Markup:
    """Plotly's JavaScript able to draw ``types``, inlined so the report needs no network: the
    vendored partial bundle (1.3 MB) when it has them all, else the installed package's full one
    (4.8 MB)."""
    if types <= BUNDLE_TRACE_TYPES:
        return Markup(PLOTLY_BUNDLE.read_text(encoding="utf-8"))
    return Markup(get_plotlyjs())


def render(template: str, **context: Any) -> str:
    """Render one of the report templates with the shared page context."""
    charts = context.get("charts") or []
    return (
        _environment()
        .get_template(template)
        .render(
            chart_json=chart_data_json(charts) if charts else "",
            plotly_js=plotly_js(trace_types(charts)) if charts else "",
            renderer_js=Markup(RENDERER_JS),
            **context,
        )
    )


def _period(comparison: Comparison) -> str:
    scenario = comparison.scenario
    months = scenario.months
    if len(months) == 1:
        return f"1 month ({months[0]})"
    return f"{len(months)} months from {months[0]} to {months[-1]}"


def html_report(
    comparison: Comparison,
    *,
    branding: Branding | None = None,
    views: Sequence[ChartViewLike] | None = None,
    generated_on: date | None = None,
    scenario_link: str | None = None,
    paper: Paper | None = None,
    print_copy: bool = False,
    budget: Budget | None = None,
    simulation: Simulation | None = None,
    tornadoes: dict[str, Tornado] | None = None,
) -> str:
    """The full report of ``comparison`` as one HTML document [text].

    ``views`` default to :func:`app.views.calculator.all_chart_views`; ``paper`` fixes the page
    size for printing (``None`` leaves it to the printer, and the layout fits both A4 and US
    Letter); ``scenario_link`` must be an http(s) URL. ``print_copy`` is the copy the PDF is
    printed from: the same text, tables and figures, with bar series told apart by marker shapes
    instead of fill patterns (see :mod:`app.reports._print_charts`).

    ``budget``, ``simulation`` and ``tornadoes`` are :func:`calculator.budget.plan_budget`,
    :func:`calculator.budget.simulate` and :func:`calculator.budget.tornado` of ``comparison``
    when a page has built them already (together about half of the largest report's build);
    the report builds those not given.
    """
    if views is None:
        from app.views.calculator import (
            all_chart_views,  # the default charts; tests may pass their own
        )

        views = all_chart_views(comparison)
    branding = branding or Branding()
    scenario = comparison.scenario
    budget = plan_budget(comparison) if budget is None else budget
    notes, tables = budget_tables(budget)
    main_charts = chart_blocks(views, print_copy=print_copy)
    range_charts = chart_blocks(
        range_views(comparison, budget, simulation, tornadoes),
        first=len(main_charts) + 1,
        print_copy=print_copy,
    )
    return render(
        "report.html.j2",
        title=f"Licensing cost comparison: {scenario.name}",
        branding=branding,
        generated_on=(generated_on or date.today()).isoformat(),
        scenario_link=check_link(scenario_link),
        paper=paper,
        comparison=comparison,
        scenario=scenario,
        period=_period(comparison),
        headline=headline(comparison),
        # With several alternatives each sentence names its plan: two plans that bill alike
        # read the same way otherwise ("Paying for concurrent seats instead of seats saves ...").
        explanations=[
            explain_savings(comparison, name)
            if len(comparison.alternatives) == 1
            else f"{name}: {explain_savings(comparison, name)}"
            for name in comparison.alternatives
        ],
        warnings=cap_warnings(comparison),
        overruns=budget.overrun_flags(),
        totals_table=totals_table(comparison),
        commitments=commitment_blocks(comparison),
        charts=[*main_charts, *range_charts],
        main_charts=main_charts,
        range_charts=range_charts,
        budget_notes=notes,
        budget_tables=tables,
        plans_table=plans_table(comparison),
        staffing_table=staffing_table(comparison),
    )
