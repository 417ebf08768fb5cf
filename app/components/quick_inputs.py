"""Quick mode: the four numbers of the worked example, plus an optional concurrent plan.

The inputs describe one typical month; the scenario they write is that month repeated for twelve
months from the current scenario's start month, with named seats as today's plan.

The calculator reads the inputs before it draws them (:func:`read_quick_inputs`, then
:func:`draw_quick_inputs`): the session already holds what was typed, so the new figures go to
the browser first, ahead of the widgets, which look the same as before the edit.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app import state
from app.binding import Problems, show_problems, try_set, validate
from app.components.markdown import escape_markdown
from app.components.refused_entry import refused_values
from app.fields import QUICK, QuickValues
from app.quick import count_order_problems, is_quick_shaped, quick_data, quick_values_from
from calculator import CountingRule, quote_value

__all__ = ["QuickValues", "draw_quick_inputs", "quick_inputs", "read_quick_inputs"]

_SEEDED_FROM = "quick__seeded_from"  # revision of the scenario the widgets were filled from
_SEED_VALUES = "quick__seed_values"
_SEED_PEAK = "quick__seed_peak"  # the filled-from scenario's peak: an empty peak box keeps it
_RATE_EMPTIED = "quick__rate_emptied"  # (revision, rate) when an emptied box removed the plan


def quick_inputs() -> QuickValues | Problems:
    """Show the quick inputs; when the user changed them, write the new scenario.

    Returns the values shown, or the problems while they break a rule (shown under the inputs;
    the previous scenario stays current).
    """
    _seed()
    _note()
    places = st.columns(2)
    entered = _enter(QUICK.show(places))
    _kept_peak_note(places[0])
    if isinstance(entered, Problems):
        show_problems(entered)
    _emptied_rate_notice()
    return entered


def read_quick_inputs() -> QuickValues | Problems | None:
    """What :func:`quick_inputs` returns, read from the session without drawing anything; the
    widgets follow with :func:`draw_quick_inputs`.

    None in a resumed session's first run (:func:`app.state.kept_from_browser`): the session
    can read the values the browser kept only once their widgets are drawn, so
    :func:`quick_inputs` must be used instead.
    """
    _seed()
    if any(state.kept_from_browser(key) for key in QUICK.widget_keys()):
        return None
    return _enter(QUICK.read())


def draw_quick_inputs(entered: QuickValues | Problems) -> None:
    """The widgets of :func:`read_quick_inputs` (they show the values it read), and the
    problems it returned, if any, under them."""
    _note()
    places = st.columns(2)
    QUICK.show(places)
    _kept_peak_note(places[0])
    if isinstance(entered, Problems):
        show_problems(entered)
    _emptied_rate_notice()


def _kept_peak_note(place: Any) -> None:
    """Under an empty peak box while the concurrent plan is priced: the peak it is priced at.
    An empty box keeps the scenario's peak (at most the active users), which the box cannot
    show: a peak filled in for a prospect without a concurrent plan would refuse fewer active
    users than it, a number they never typed."""
    scenario = state.get_scenario()
    if st.session_state.get(QUICK.key("peak_concurrent")) is not None or not any(
        plan.rule is CountingRule.CONCURRENT for plan in scenario.plans
    ):
        return
    peak = scenario.staffing[0].peak_concurrent
    place.caption(
        f"Empty: the concurrent plan is priced at the scenario's peak of {peak:,} "
        f"agent{'' if peak == 1 else 's'} (never more than the active users). Type a peak to "
        "change it."
    )


def _emptied_rate_notice() -> None:
    """Say so when an emptied concurrent-rate box left the concurrent plan out, until the
    scenario changes again. A number the browser cannot read (``1e400``) reaches the page as an
    empty box, exactly as a deliberate clear does, while the box still shows what was typed."""
    revision, rate = st.session_state.get(_RATE_EMPTIED, (None, None))
    if revision != state.revision():
        return
    st.info(
        escape_markdown(
            f"Concurrent rate: the box is empty, so the concurrent plan (rate "
            f"{quote_value(rate.normalize())}) is left out. If you typed a rate, it could not be "
            "read (too large, or not a number): type it again to bring the plan back."
        ),
        icon=":material/info:",
    )


def _seed() -> None:
    """Fill the widgets from the scenario when it changed elsewhere (or on a first run)."""
    keys = QUICK.widget_keys()
    missing = any(key not in st.session_state for key in keys)
    if missing or st.session_state.get(_SEEDED_FROM) != state.revision():
        scenario = state.get_scenario()
        seed = quick_values_from(scenario)
        st.session_state[_SEED_PEAK] = scenario.staffing[0].peak_concurrent
        # What the calculator refused before a visit to another page comes back as typed.
        typed = {**QUICK.widget_values(seed), **refused_values(keys)}
        for key, value in typed.items():
            if not state.kept_from_browser(key):  # after a restart: the person's last input
                st.session_state[key] = value
        st.session_state[_SEED_VALUES] = seed
        st.session_state[_SEEDED_FROM] = state.revision()


def _note() -> None:
    if not is_quick_shaped(state.get_scenario()):
        st.info(
            "These numbers are the first month of your seasonal plan. Changing one replaces the "
            "plan with twelve months like it.",
            icon=":material/info:",
        )


def _enter(data: dict[str, Any]) -> QuickValues | Problems:
    """The values entered, written as the session's scenario when they changed, or the problems
    while they break a rule (the previous scenario stays current)."""
    values = validate(QuickValues, data, QUICK.labels())
    if isinstance(values, Problems):  # empty, a fraction of an agent, or not a number
        # With the counts that are valid compared now, every problem shows at once.
        return Problems((*values.lines, *count_order_problems(data, values.refused)))
    if values == st.session_state[_SEED_VALUES]:
        return values
    scenario = state.get_scenario()
    result = try_set(
        quick_data(
            values,
            name=scenario.name,
            start_month=scenario.start_month,
            budget=scenario.budget,
            currency=scenario.currency,
            kept_peak=st.session_state.get(_SEED_PEAK),
        ),
        QUICK.labels(),
        rerun=False,
    )
    if isinstance(result, Problems):
        return result
    previous = st.session_state[_SEED_VALUES]
    if previous.concurrent_rate is not None and values.concurrent_rate is None:
        st.session_state[_RATE_EMPTIED] = (state.revision(), previous.concurrent_rate)
    st.session_state[_SEED_VALUES] = values
    st.session_state[_SEEDED_FROM] = state.revision()
    return values
