"""Monte Carlo estimate of cost and savings per plan and fiscal year: P10, P50, P90.

Each draw takes one value from every range of :class:`~calculator.budget.Uncertainty`, uniformly
between its low and high relative change, and applies it to the whole horizon:

- active users ``A' = min(P, round(A x (1 + a)))`` (whole agents, half up), and logged-in hours
  ``H' = min(A' x hours in the month, H x (1 + a))``;
- peak concurrency ``C' = min(A', round(C x (1 + c)))``;
- every rate of each alternative plan ``x (1 + r)`` (its rate, overage rate and rate bands, and
  those of its extra lines), drawn independently per plan; the baseline's rates are today's
  contract and stay as they are.

Provisioned accounts and every contract term (commitments, caps, seat-reduction rules, minimum
charges, escalators, premiums, true-ups, one-time costs) stay as planned. The pricing of
:func:`calculator.price_plan` is applied to all draws at once on numpy arrays (floats,
``calculator.budget._drawn_charges``). A draw's cost is the exact planned cost plus the float difference
between the charges at the drawn and at the planned inputs, so with zero-width ranges every draw,
and so every percentile, equals the exact planned cost to the cent. Results are estimates.

Method: ``docs/budget.md#uncertainty``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from calculator._budget_settings import RelativeRange
from calculator._compare import Comparison
from calculator.budget._drawn_charges import PlanCharges, Staffing, Units
from calculator.budget._fiscal import FiscalYear, fiscal_years

ESTIMATE_LABEL = "Estimate"
_BLOCK = 256  # draws per block: a block's arrays (256 x 60 months, 120 kB) stay in the L2 cache
PERCENTILES = (10, 50, 90)


@dataclass(frozen=True, slots=True)
class Percentiles:
    """P10, P50 and P90 of a simulated amount [cents], rounded half away from zero."""

    p10_cents: int
    p50_cents: int
    p90_cents: int


@dataclass(frozen=True)
class Simulation:
    """Percentiles of cost (every plan) and savings (alternatives) by fiscal year and in total.

    Lists follow ``fiscal_years``; the ``*_total`` entries cover the whole horizon. Estimates.
    """

    draws: int
    seed: int
    fiscal_years: list[FiscalYear]
    cost: dict[str, list[Percentiles]]
    cost_total: dict[str, Percentiles]
    savings: dict[str, list[Percentiles]]
    savings_total: dict[str, Percentiles]
    label: str = ESTIMATE_LABEL


def simulate(
    comparison: Comparison, draws: int | None = None, seed: int | None = None
) -> Simulation:
    """Monte Carlo P10/P50/P90 of cost and savings per plan and fiscal year (estimates).

    ``draws`` and ``seed`` default to the scenario's budget settings. The same scenario and seed
    give the same percentiles.
    """
    scenario = comparison.scenario
    ranges = scenario.budget.uncertainty
    draws = ranges.draws if draws is None else draws
    seed = ranges.seed if seed is None else seed
    years = fiscal_years(
        scenario.start_month, scenario.horizon, scenario.budget.fiscal_year_start_month
    )
    costs = simulate_fiscal_costs(comparison, years, draws, seed)
    baseline = costs[scenario.baseline]
    savings = {name: baseline - costs[name] for name in comparison.alternatives}
    return Simulation(
        draws=draws,
        seed=seed,
        fiscal_years=years,
        cost={name: _percentiles(values) for name, values in costs.items()},
        cost_total={name: _percentiles(values.sum(axis=0))[0] for name, values in costs.items()},
        savings={name: _percentiles(values) for name, values in savings.items()},
        savings_total={
            name: _percentiles(values.sum(axis=0))[0] for name, values in savings.items()
        },
    )


def simulate_fiscal_costs(
    comparison: Comparison, years: list[FiscalYear], draws: int, seed: int, block: int = _BLOCK
) -> dict[str, np.ndarray]:
    """Simulated cost of every plan [cents, float]: plan -> array of shape (fiscal years, draws).

    Years are rows so that each year's draws lie contiguous in memory for the percentiles. Draws
    are processed in blocks that fit in the processor cache, several times faster than all at
    once; the random numbers are drawn up front and each draw's fiscal years are summed from its
    own months alone, so the block size (``block`` draws) does not change the result, not even in
    its last bit.
    """
    scenario = comparison.scenario
    ranges = scenario.budget.uncertainty
    uniform = np.random.default_rng(seed).random((draws, 2 + len(scenario.plans)))
    staffing = Staffing.of(scenario.months, scenario.staffing)
    planned = Units.planned(staffing)
    # A fiscal year's months follow each other: its sum is one segment of each draw's row.
    year_starts = [year.month_indices[0] for year in years]
    prices = [PlanCharges(plan, staffing, scenario.horizon) for plan in scenario.plans]
    planned_charges = [price.charges(planned, np.ones((1, 1))) for price in prices]
    costs = {}
    for price in prices:
        lines = comparison.lines[price.plan.name]
        exact = [sum(lines[i].cost_cents for i in year.month_indices) for year in years]
        costs[price.plan.name] = np.repeat(np.array(exact, dtype=float)[:, None], draws, axis=1)
    for start in range(0, draws, block):
        block_uniform = uniform[start : start + block]
        drawn = Units(
            staffing,
            _factors(ranges.active_users, block_uniform[:, 0]),
            _factors(ranges.peak_concurrency, block_uniform[:, 1]),
        )
        for index, (price, base) in enumerate(zip(prices, planned_charges, strict=True)):
            if price.plan.name == scenario.baseline:
                rate_factor = np.ones((1, 1))
            else:
                rate_factor = _factors(ranges.rates, block_uniform[:, 2 + index])
            # One row per draw, or a single row when nothing drawn changes this plan (its
            # years then apply to every draw of the block).
            delta = price.charges(drawn, rate_factor) - base
            # Each draw's year is summed on its own, the same way whatever the block:
            # `reduceat` adds each row's segment by itself, while a matrix product's or a
            # sum's order depends on the block's shape (BLAS kernels, how many rows are summed
            # together), which changed the last bit of some draws. Three times faster than the
            # running sums it replaced.
            by_year = np.add.reduceat(delta, year_starts, axis=1).T
            costs[price.plan.name][:, start : start + len(block_uniform)] += 100.0 * by_year
    return costs


def _factors(change: RelativeRange, uniform: np.ndarray) -> np.ndarray:
    """``1 + low + (high - low) x U`` as a column [1]; exactly 1.0 when low = high = 0."""
    low, high = float(change.low), float(change.high)
    return (1.0 + low + (high - low) * uniform)[:, None]


def _percentiles(values: np.ndarray) -> list[Percentiles]:
    """P10/P50/P90 of each row [cents], rounded half away from zero."""
    points = linear_percentiles(values.reshape(-1, values.shape[-1]), PERCENTILES)
    rounded = np.sign(points) * np.floor(np.abs(points) + 0.5)
    return [
        Percentiles(int(p10), int(p50), int(p90))
        for p10, p50, p90 in zip(rounded[0], rounded[1], rounded[2], strict=True)
    ]


def linear_percentiles(rows: np.ndarray, percentiles: tuple[int, ...]) -> np.ndarray:
    """Each row's ``percentiles`` by numpy's default ("linear") method, bit for bit: shape
    (len(percentiles), rows).

    The q-th percentile of n sorted values ``v`` lies at position ``i = (n - 1) x q / 100``:
    ``v[floor(i)] + (v[floor(i) + 1] - v[floor(i)]) x g`` with ``g = i - floor(i)``, taken from
    the upper value (``v[floor(i) + 1] - difference x (1 - g)``) when ``g >= 0.5``, as numpy does.
    One sort of each row is about three times faster than ``np.percentile``, which selects each
    of the neighbours with a partition of its own.
    """
    ordered = np.sort(rows, axis=1)
    last = rows.shape[1] - 1
    points = []
    for percentile in percentiles:
        position = last * (percentile / 100)
        below = math.floor(position)
        gamma = position - below
        lower, upper = ordered[:, below], ordered[:, min(below + 1, last)]
        difference = upper - lower
        if gamma >= 0.5:
            points.append(upper - difference * (1 - gamma))
        else:
            points.append(lower + difference * gamma)
    return np.array(points)
