"""What the reports share with the pages, built once per scenario in a session: the
calculator's charts, the budget, and its estimates (the Monte Carlo ranges and the tornados).

A report or workbook clicked on a page that has shown these takes them from the scenario's
store (:mod:`app.scenario_cache`) instead of building them again; for the largest scenario (60
months, 8 plans) they are more than half of the report's build. A report clicked first keeps
what it built for the pages and for the next report.

The estimates are kept by their own inputs (:func:`calculator.budget.estimate_inputs`): a new
discount rate, program split or appropriation is a new scenario, but not new estimates.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from app.scenario_cache import kept, keyed_entry, scenario_entry, scenario_key
from app.views.calculator import ChartBuilder, chart_builders
from app.views.conventions import ChartView
from calculator import Comparison
from calculator.budget import (
    Budget,
    Simulation,
    Tornado,
    estimate_inputs,
    plan_budget,
    simulate,
    tornado,
)

Estimates = tuple[Simulation, dict[str, Tornado]]


def budget_of(comparison: Comparison) -> Budget:
    """:func:`calculator.budget.plan_budget` of ``comparison``, once per scenario."""
    return _budget(scenario_entry(comparison), comparison)


def estimates_of(comparison: Comparison) -> Estimates:
    """The Monte Carlo estimate and the tornados of ``comparison``, once per estimate inputs."""
    return _estimates(_estimates_entry(comparison), comparison)


def chart_view_of(comparison: Comparison, slug: str, build: ChartBuilder) -> ChartView:
    """The calculator's chart ``slug`` of ``comparison`` (:func:`chart_builders`), once per
    scenario: the page's chart sections and the reports share it."""
    return _chart_view(scenario_entry(comparison), comparison, slug, build)


# Each part under one name in the scenario's store (:func:`app.scenario_cache.scenario_entry`).
def _budget(entry: dict, comparison: Comparison) -> Budget:
    return kept(entry, "budget", partial(plan_budget, comparison))


def _estimates(entry: dict, comparison: Comparison) -> Estimates:
    return kept(entry, "estimates", lambda: (simulate(comparison), tornado(comparison)))


def _estimates_entry(comparison: Comparison) -> dict:
    """The store of the scenario's estimate inputs, which scenarios that differ only in settings
    no estimate reads share (the scenario's own store when its settings are the defaults)."""
    key = kept(
        scenario_entry(comparison),
        "estimate inputs",  # their key: a share token, worth computing once per scenario
        lambda: scenario_key(estimate_inputs(comparison.scenario)),
    )
    return keyed_entry(key)


def _chart_view(entry: dict, comparison: Comparison, slug: str, build: ChartBuilder) -> ChartView:
    return kept(entry, slug, partial(build, comparison))


def _chart_views(entry: dict, comparison: Comparison) -> list[ChartView]:
    return [
        _chart_view(entry, comparison, slug, build) for slug, build in chart_builders(comparison)
    ]


def chart_views_part(comparison: Comparison) -> Callable[[], list[ChartView]]:
    """For a download built when clicked: a function that gives the calculator's chart views of
    ``comparison`` in page order, those the page built already taken from the scenario's store
    (found now, in the page's run, as in :func:`report_parts`)."""
    return partial(_chart_views, scenario_entry(comparison), comparison)


def report_parts(comparison: Comparison) -> Callable[..., dict[str, Any]]:
    """For a download built when clicked: a function that gives the keyword arguments of
    :func:`app.reports.html_report` (and so of the PDF) that a page may have built already, the
    calculator's chart views, the budget, the estimate and the tornados; ``views=False`` leaves
    the views out, for :func:`app.reports.workbook_bytes`.

    The scenario's store is found now, in the page's run: the download is built outside it,
    where no Streamlit call may be made."""
    entry = scenario_entry(comparison)
    estimates = _estimates_entry(comparison)

    def parts(*, views: bool = True) -> dict[str, Any]:
        simulation, tornadoes = _estimates(estimates, comparison)
        built: dict[str, Any] = {
            "budget": _budget(entry, comparison),
            "simulation": simulation,
            "tornadoes": tornadoes,
        }
        if views:
            built["views"] = _chart_views(entry, comparison)
        return built

    return parts
