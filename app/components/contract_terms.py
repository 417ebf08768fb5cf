"""A plan's contract terms beyond its rates: rate bands, the true-up, the months a one-time cost
is spread over, and extra priced lines. Drawn inside the plan's form, so they are saved (and
validated, with the rest of the plan) together.

The two tables are ``st.data_editor`` widgets whose keys change with the plan
(:func:`tiers_key`, :func:`lines_key`), so a saved edit starts afresh from the saved plan while a
refused one stays on screen to be fixed, and an unsaved one stays while other parts of the
scenario change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import streamlit as st

from app.binding import Binding, Field, Kind, description, number_column
from app.components.seed import seed_widgets
from app.contract_fields import (
    DEFAULT_TRUE_UP,
    LINE,
    TIER,
    TIER_MODE,
    TRUE_UP,
    lines_data,
    month_options,
    months_data,
    table_frame,
    tiers_data,
)
from calculator import Plan

TERMS = Binding(Plan, "seasonal_plan", (TIER_MODE,))
"""The plan's own fields drawn here; keys ``seasonal_plan_<index>_<term>``."""

TRUE_UP_ON = "Usage above the commitment is trued up in arrears"
ONE_TIME_MONTHS = "Months the one-time cost is spread over"
MONTHS_CLEARED = (
    "The scenario's months changed, so the months above show this plan's saved ones again: any "
    "picked and not saved were cleared. Pick them again and save the plan."
)


def plan_version(plan: Plan) -> str:
    """A short digest of ``plan``'s terms: it changes when the plan is saved with a change,
    not when another part of the scenario changes (so an unsaved edit in its form stays)."""
    return hashlib.blake2b(plan.model_dump_json().encode(), digest_size=6).hexdigest()


def tiers_key(index: int, version: str) -> str:
    """The rate-band table's key for plan ``index`` at ``version`` (:func:`plan_version`); it
    changes with the plan."""
    return f"seasonal_plan_{index}_tiers_{version}"


def lines_key(index: int, version: str) -> str:
    """The extra-lines table's key for plan ``index`` at ``version`` (:func:`plan_version`); it
    changes with the plan."""
    return f"seasonal_plan_{index}_lines_{version}"


def true_up_key(index: int) -> str:
    """The key of the check box that gives plan ``index`` a true-up."""
    return f"seasonal_plan_{index}_true_up"


def months_key(index: int) -> str:
    """The key of the one-time cost's months for plan ``index``."""
    return f"seasonal_plan_{index}_one_time_months"


def months_cleared_key(index: int) -> str:
    """The session key that holds whether plan ``index``'s one-time months were refilled from
    the saved plan because the scenario's months changed (until the plan is saved again)."""
    return f"seasonal__terms_{index}_months_cleared"


def _column(item: Field) -> Any:
    # The header is the short label, the rest in its tooltip and the caption above the table:
    # a long header widens its column past a phone's width, and the numbers, drawn at the right
    # of their cells, go out of sight.
    label, help = item.label, item.label + item.unit + (f": {item.help}" if item.help else "")
    if item.kind is Kind.TEXT:
        return st.column_config.TextColumn(
            label, max_chars=item.max_chars, required=True, help=help
        )
    if item.kind is Kind.CHOICE:
        return st.column_config.SelectboxColumn(
            label,
            options=[item.format_func(option) for option in item.options],
            required=True,
            help=help,
        )
    return number_column(
        label, required=not item.optional, whole=item.kind is Kind.WHOLE, help=help
    )


def _table(binding: Binding, items: Sequence[Any], key: str, alt: str) -> Any:
    return st.data_editor(
        table_frame(binding, items),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        placeholder="",
        alt=alt,
        column_config={item.name: _column(item) for item in binding.fields},
    )


def contract_terms(index: int, plan: Plan, months: Sequence[str], rate: Any) -> dict[str, Any]:
    """Draw plan ``index``'s contract terms (now ``plan``'s) and return them as model data.

    ``months`` are the scenario's month labels; ``rate`` is the plan rate as entered, which an
    empty first band takes.
    """
    suffix = f"_{index}"
    true_up_suffix = f"{suffix}_true_up"
    options = month_options(plan, months)
    keys = [*TERMS.widget_keys(suffix), true_up_key(index), *TRUE_UP.widget_keys(true_up_suffix)]
    version = plan_version(plan)
    seed_widgets(
        f"seasonal__terms{suffix}_seeded",
        lambda: {
            **TERMS.widget_values(plan, suffix),
            true_up_key(index): plan.true_up is not None,
            **TRUE_UP.widget_values(plan.true_up or DEFAULT_TRUE_UP, true_up_suffix),
        },
        keys,
        version,
    )
    # The months' choices are the scenario's months: refilled when they change too. The browser
    # then draws a new box, so months picked in it and not saved are gone: say so until saved.
    marker = f"seasonal__terms{suffix}_months_seeded"
    before = st.session_state.get(marker)
    refilled = seed_widgets(
        marker,
        lambda: {months_key(index): [options[month - 1] for month in plan.one_time_months or []]},
        [months_key(index)],
        f"{version} {months[0] if months else ''} {len(months)}",
    )
    cleared = months_cleared_key(index)
    if refilled:  # by the months (not a save, nor a first draw): a pick may have been cleared
        same_plan = isinstance(before, str) and before.split()[0] == version
        st.session_state[cleared] = same_plan and before != st.session_state[marker]
    st.markdown("**Contract terms**")
    with st.container(border=True, key=f"seasonal_plan{suffix}_contract_terms"):
        st.caption(
            "Rate bands: one row per band, lowest first, each with its rate per unit a month; "
            "the last band's 'Up to' stays empty. "
            "The first band's rate is the plan's rate: change either and the other follows "
            "when saved (an empty first band's rate is the rate above). No rows: one rate for "
            "every unit."
        )
        tiers = _table(TIER, plan.tiers or [], tiers_key(index, version), "Rate bands (editable)")
        mode = TERMS.show(suffix=suffix)["tier_mode"]
        on = st.checkbox(TRUE_UP_ON, key=true_up_key(index), help=description(Plan, "true_up"))
        true_up = TRUE_UP.show(st.columns(2), true_up_suffix)
        chosen = st.multiselect(
            ONE_TIME_MONTHS,
            options,
            key=months_key(index),
            help=description(Plan, "one_time_months"),
            placeholder="Month 1 only",
        )
        # Said only for a plan with a one-time cost: elsewhere the months are not used, and the
        # note would follow every change of months.
        if st.session_state.get(cleared) and plan.one_time_cost:
            st.caption(MONTHS_CLEARED)
        st.caption(
            "Extra priced lines, each with its own counting rule and rate per unit a month: a "
            "fixed quantity (e.g. 10 supervisor seats), the units counted above and up to a "
            "number (e.g. concurrent overflow above 50), or a share of the count (e.g. the 25 % "
            "of active users on a premium license level, at the difference between the levels' "
            "rates)."
        )
        lines = _table(LINE, plan.lines, lines_key(index, version), "Extra priced lines (editable)")
    return {
        "tiers": tiers_data(tiers.to_dict("records"), rate),
        "tier_mode": mode,
        "true_up": true_up if on else None,
        "one_time_months": months_data(chosen, options),
        "lines": lines_data(lines.to_dict("records"), plan.lines, list(lines.index)),
    }
