"""The field tables of a plan's structured contract terms: rate bands, the true-up and extra
priced lines (see :mod:`app.binding`), and the tables that edit them.

Rate bands and lines are edited as tables, one row per band or line; :func:`table_frame` shows a
list of models as such a table and :func:`rows_data` reads the rows back as model data, through
each column's :class:`app.binding.Field`, so a table cell is read exactly as the number input of
the same field would be. The model then refuses, by row and by label, whatever breaks its rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from app.binding import Binding, Field, Kind
from app.fields import COUNTED, PLAN, RATE
from calculator import Plan, PlanLine, Tier, TierMode, TrueUp

TIER = Binding(
    Tier,
    "tier",
    (
        Field(
            "up_to",
            Kind.WHOLE,
            "Up to",
            " (units, inclusive, 1 or more; empty for the last band)",
            optional=True,
            min_value=1,
        ),
        Field("rate", Kind.EXACT, "Rate", " per unit a month", optional=True, **RATE),
    ),
)
"""One rate band: a row of the rate-band table."""

TIER_MODE_WORDS = {
    TierMode.VOLUME: "Volume: every unit at the rate of the band the count falls in",
    TierMode.GRADUATED: "Graduated: each slice of the count at its own band's rate",
}
"""The ways rate bands apply, in plain words."""

TIER_MODE = Field(
    "tier_mode",
    Kind.CHOICE,
    "How rate bands apply",
    options=tuple(TierMode),
    format_func=lambda mode: TIER_MODE_WORDS[mode],
)

TRUE_UP = Binding(
    TrueUp,
    "seasonal_plan",
    (
        Field("period_months", Kind.WHOLE, "True-up period", ", months", min_value=1, max_value=12),
        Field(
            "premium",
            Kind.PERCENT,
            "True-up premium",
            ", % on the overage rate",
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            column=1,
        ),
        Field(
            "pooled",
            Kind.FLAG,
            "Pool the units over each period",
            help="For a variance measured over the period (for example yearly) or a prepaid "
            "pool of agent-months: the period bills only its units above the commitment net of "
            "the months under it, and nothing when the net is below it. Unticked, every month's "
            "units above the commitment are billed.",
        ),
    ),
)
"""The true-up's period, premium and pooling; keys ``seasonal_plan_<index>_true_up_<field>``."""

DEFAULT_TRUE_UP = TrueUp(period_months=3)
"""What the true-up inputs show while a plan has none: quarterly, no premium."""

LINE = Binding(
    PlanLine,
    "line",
    (
        Field("name", Kind.TEXT, "Line name", max_chars=60),
        COUNTED,
        Field("rate", Kind.EXACT, "Rate", " per unit a month", **RATE),
        Field("quantity", Kind.WHOLE, "Fixed quantity", " (optional)", optional=True, min_value=0),
        Field("above", Kind.WHOLE, "Counted above", " (units)", optional=True, min_value=0),
        Field("up_to", Kind.WHOLE, "Counted up to", " (optional)", optional=True, min_value=0),
        Field(
            "share",
            Kind.PERCENT,
            "Share of the count",
            ", % (optional)",
            optional=True,
            help="Counts this share of the units, rounded up to whole agents: 25 for the 25 % of "
            "agents on a premium license level, at the difference between the levels' rates.",
        ),
    ),
)
"""An extra priced line of a plan: a row of the lines table."""

LABELS = {
    **PLAN.labels(),
    "tiers": "rate band",
    "tiers.up_to": "up to",
    "tiers.rate": "rate",
    "up_to": "up to",
    "tier_mode": TIER_MODE.noun,
    "true_up": "true-up",
    "period_months": "period in months",
    "premium": "premium",
    "one_time_months": "months the one-time cost is spread over",
    "lines": "extra line",
    **{f"lines.{item.name}": item.noun for item in LINE.fields},
}
"""How problems with a plan and its contract terms name the fields: as the inputs are labelled,
rows of a table by their number ("rate band 2, up to")."""


def _empty(value: Any) -> bool:
    """A cell left empty: nothing, blank text, or a missing number (NaN, ``pd.NA``)."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def table_frame(binding: Binding, items: Iterable[Any]) -> pd.DataFrame:
    """``items`` (models of ``binding``) as a table: one row each, one column per field, values
    as the widgets show them (choices by their words)."""
    columns: dict[str, list[Any]] = {item.name: [] for item in binding.fields}
    for model in items:
        for item in binding.fields:
            value = item.to_widget(getattr(model, item.name))
            columns[item.name].append(item.format_func(value) if item.format_func else value)
    # Cells of any type: a row added with an empty cell must not change a column's type (pandas
    # refuses that), and a fraction typed where a whole number belongs is refused by name.
    return pd.DataFrame(columns, dtype="object")


def rows_data(binding: Binding, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The table's rows as model data, read as each field's widget would be; rows left wholly
    empty are dropped, an empty optional cell is left out (the model's default applies)."""
    data = []
    for row in rows:
        values = {item.name: row.get(item.name) for item in binding.fields}
        if all(_empty(value) for value in values.values()):
            continue
        entered: dict[str, Any] = {}
        for item in binding.fields:
            value = values[item.name]
            if _empty(value):
                if not item.optional:
                    entered[item.name] = None  # refused by name: "is empty; type a number"
                continue
            if item.format_func:
                words = {item.format_func(option): option for option in item.options}
                value = words.get(value, value)
            try:
                entered[item.name] = item.from_widget(value)
            except (TypeError, ValueError, ArithmeticError):
                entered[item.name] = value  # not a number: the model refuses it by name
        data.append(entered)
    return data


def tiers_data(rows: Sequence[Mapping[str, Any]], rate: Any) -> list[dict[str, Any]] | None:
    """The rate-band table as model data, or ``None`` without bands. A band's empty ``up_to``
    stays empty (the last band's must be); the first band's empty rate is the plan's ``rate``."""
    bands = rows_data(TIER, rows)
    for band in bands:
        band.setdefault("up_to", None)
    if bands and "rate" not in bands[0]:
        bands[0]["rate"] = rate
    return bands or None


def rate_with_bands(
    typed: Any, saved: Plan, tiers: list[dict[str, Any]] | None
) -> tuple[Any, list[dict[str, Any]] | None]:
    """The plan's rate and rate bands to save, from the rate box (``typed``) and the band table
    (``tiers``), for the plan now ``saved``. The first band's rate is the plan's rate, so
    whichever of the two was changed sets the other: a first band's rate typed in the table
    with the rate box left as saved sets the plan's rate (the table is the rate card), and a
    rate typed in the box with the first band's rate left as saved sets that band's. When both
    were changed, both stay as typed and the model refuses them if they differ, naming each."""
    if not tiers:
        return typed, tiers
    first = tiers[0].get("rate")
    kept_first = saved.tiers[0].rate if saved.tiers else None
    box_changed = typed != saved.rate
    band_changed = first != kept_first
    if band_changed and not box_changed and isinstance(first, Decimal):
        return first, tiers
    if box_changed and not band_changed and isinstance(typed, Decimal):
        return typed, [{**tiers[0], "rate": typed}, *tiers[1:]]
    return typed, tiers


EMPTIED_MEANS = {
    "overage_rate": "units above the commitment now cost the plan's rate",
    "concurrent_cap": "the plan now bills each month's peak concurrency",
}
"""What a plan's optional box means when saved empty."""
EMPTIED_HINT = (
    "If you typed a number in such a box, it could not be read (too large, or not a number): "
    "type it again and save."
)


def emptied_terms(before: Plan, after: Plan) -> list[str]:
    """The plan's optional boxes a save emptied, in words: ``"Overage rate above the commitment
    is now empty (it was 80): units above the commitment now cost the plan's rate"``."""
    emptied = []
    for item in PLAN.fields:
        old = getattr(before, item.name)
        if item.optional and old is not None and getattr(after, item.name) is None:
            emptied.append(f"{item.label} is now empty (it was {old}): {EMPTIED_MEANS[item.name]}")
    return emptied


def lines_data(
    rows: Sequence[Mapping[str, Any]], kept: Sequence[PlanLine], index: Sequence[Any]
) -> list[dict[str, Any]]:
    """The lines table as model data. A row standing for line ``i`` of ``kept`` (its ``index``
    label is ``i``) keeps that line's terms the table does not show (commitment, rate bands...)."""
    lines = []
    for label, row in zip(index, rows, strict=True):
        (entered,) = rows_data(LINE, [row]) or ({},)
        if not entered:
            continue
        earlier = kept[label].model_dump() if isinstance(label, int) and label < len(kept) else {}
        shown = {item.name for item in LINE.fields}
        lines.append({**{k: v for k, v in earlier.items() if k not in shown}, **entered})
    return lines


def months_data(chosen: Sequence[str], months: Sequence[str]) -> list[int] | None:
    """Month labels picked for the one-time cost as month numbers (1 = the start month), in
    order; ``None`` when none are picked (the cost falls in month 1)."""
    return sorted(months.index(label) + 1 for label in chosen) or None


def month_options(plan: Plan, months: Sequence[str]) -> list[str]:
    """The months the one-time cost may be spread over: the scenario's, and any month the plan
    already names beyond them (numbered), so nothing loaded is dropped unseen."""
    beyond = [f"month {n}" for n in plan.one_time_months or [] if n > len(months)]
    return [*months, *beyond]
