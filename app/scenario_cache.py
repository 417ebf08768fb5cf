"""What a page builds from a scenario, built once per scenario and kept for the session.

A rerun that does not change the scenario (a paper size, an expander, a download, a chart's plan
picker) then builds no chart, table or file again, and typing a value back (60, then 70, then 60
active users) finds the earlier figures. Entries are keyed by the scenario's share token: the
compact JSON of the whole scenario, so two scenarios that differ in anything have different keys.

Values are kept as built, not copied (``st.cache_data`` would pickle them on every hit), so they
must be treated as frozen: :class:`app.views.ChartView` figures and tables are only read by
``st.plotly_chart``, ``st.dataframe`` and the exports. The store lives in the session's state and
holds the last :data:`MAX_SCENARIOS` scenarios, so memory stays flat however long a session runs,
and it goes with the session.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from app import state
from app.share import to_token
from calculator import Comparison, Scenario, compare

T = TypeVar("T")

MAX_SCENARIOS = 8
"""Scenarios whose built objects a session keeps; the one used longest ago goes first."""

_STORE_KEY = "scenario_cache__store"
_KEYS = "scenario_cache__keys"  # id(scenario) -> (scenario, its key), the latest few


def scenario_key(scenario: Scenario) -> str:
    """The cache key of ``scenario``: its share token, computed once per scenario change for the
    session's own scenario (see :func:`app.state.share_token`), and once per object for the
    others. A comparison kept from an earlier visit holds that visit's scenario object, equal to
    the session's but not the same, and a page asks for its key a dozen times a run."""
    current = st.session_state.get(state.SCENARIO_KEY)
    if scenario is current:
        return state.share_token()
    keys: OrderedDict[int, tuple[Scenario, str]] = st.session_state.setdefault(_KEYS, OrderedDict())
    known = keys.get(id(scenario))
    if known is not None:  # the pair holds the object, so no other object has its id meanwhile
        return known[1]
    key = to_token(scenario)
    keys[id(scenario)] = (scenario, key)
    while len(keys) > 2 * MAX_SCENARIOS:
        keys.popitem(last=False)
    return key


def cached(scenario: Scenario | Comparison, name: Hashable, build: Callable[[], T]) -> T:
    """``build()`` for ``scenario`` (or a comparison's scenario), or what it returned the last
    time it was asked for under ``name`` for the same scenario in this session.

    ``name`` must tell apart everything else the value depends on, e.g. ``("waterfall", plan)``.
    """
    return kept(scenario_entry(scenario), name, build)


def scenario_entry(scenario: Scenario | Comparison) -> dict[Hashable, Any]:
    """What this session keeps for ``scenario`` (or a comparison's scenario): name -> value.

    A plain dict that needs no Streamlit call to read: a download built when clicked runs
    outside the page's run, and takes what the page built through :func:`kept`."""
    if isinstance(scenario, Comparison):
        scenario = scenario.scenario
    return keyed_entry(scenario_key(scenario))


def keyed_entry(key: str) -> dict[Hashable, Any]:
    """:func:`scenario_entry` of the scenario whose :func:`scenario_key` is ``key``, for a caller
    that keeps the key rather than compute it again."""
    store: OrderedDict[str, dict[Hashable, Any]] = st.session_state.setdefault(
        _STORE_KEY, OrderedDict()
    )
    entry = store.get(key)
    if entry is None:
        entry = store[key] = {}
        while len(store) > MAX_SCENARIOS:
            store.popitem(last=False)
    else:
        store.move_to_end(key)
    return entry


def kept(entry: dict[Hashable, Any], name: Hashable, build: Callable[[], T]) -> T:
    """``entry[name]``, built by ``build()`` and kept there when missing."""
    if name not in entry:
        entry[name] = build()
    return entry[name]


def comparison_of(scenario: Scenario) -> Comparison:
    """:func:`calculator.compare` of ``scenario``, once per scenario in this session."""
    return cached(scenario, "comparison", lambda: compare(scenario))
