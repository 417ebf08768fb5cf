"""Hypothesis strategies for budget settings: shares that add up to exactly 1 by construction."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from hypothesis import strategies as st

from calculator import Scenario
from calculator.budget import (
    BudgetSettings,
    FundingShare,
    MonthlyShares,
    Program,
    RelativeRange,
    Uncertainty,
)
from tests.calculator.strategies import scenarios

MICRO = 1_000_000  # shares have six decimals


@st.composite
def shares(draw, count: int) -> list[Decimal]:
    """``count`` shares with six decimals that add up to exactly 1."""
    cuts = sorted(draw(st.lists(st.integers(0, MICRO), min_size=count - 1, max_size=count - 1)))
    edges = [0, *cuts, MICRO]
    return [Decimal(high - low) / MICRO for low, high in pairwise(edges)]


@st.composite
def programs(draw) -> list[Program]:
    count = draw(st.integers(1, 4))
    workforce = draw(shares(count))
    result = []
    for index, share in enumerate(workforce):
        sources = draw(st.integers(1, 3))
        split = draw(shares(sources))
        result.append(
            Program(
                name=f"Program {index + 1}",
                share=share,
                funding=[
                    FundingShare(source=f"Source {s + 1}", share=part)
                    for s, part in enumerate(split)
                ],
            )
        )
    return result


@st.composite
def ranges(draw, zero: bool = False) -> RelativeRange:
    if zero:
        return RelativeRange(low=Decimal(0), high=Decimal(0))
    low = draw(st.decimals(min_value=-1, max_value=1, places=2))
    high = draw(st.decimals(min_value=low, max_value=2, places=2))
    return RelativeRange(low=low, high=high)


@st.composite
def budget_scenarios(draw, zero_width: bool = False, max_months: int = 60, base=None) -> Scenario:
    """A generated scenario (drawn from ``base``, by default :func:`scenarios`) with generated
    programs, monthly shares and uncertainty ranges."""
    scenario = draw(base if base is not None else scenarios(max_months=max_months))
    chosen = draw(programs())
    overrides = draw(st.lists(st.sampled_from(scenario.months), unique=True, max_size=6))
    monthly = [
        MonthlyShares(
            month=month,
            shares=dict(zip([p.name for p in chosen], draw(shares(len(chosen))), strict=True)),
        )
        for month in overrides
    ]
    settings = BudgetSettings(
        fiscal_year_start_month=draw(st.integers(1, 12)),
        discount_rate=draw(st.decimals(min_value=0, max_value=Decimal("0.2"), places=3)),
        programs=chosen,
        monthly_shares=monthly,
        uncertainty=Uncertainty(
            active_users=draw(ranges(zero_width)),
            peak_concurrency=draw(ranges(zero_width)),
            rates=draw(ranges(zero_width)),
            draws=200,
            seed=draw(st.integers(0, 2**32 - 1)),
        ),
        appropriation=draw(
            st.none() | st.decimals(min_value=0, max_value=Decimal("1e9"), places=2)
        ),
    )
    return scenario.model_copy(update={"budget": settings})
