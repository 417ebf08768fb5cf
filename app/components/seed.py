"""Fill widgets from the scenario, once per scenario change.

Widgets are filled through their session keys (never ``value=``), and only when the scenario
changed since they were last filled, or when Streamlit dropped their state (a page switch). So a
value the user is still fixing stays on screen next to its error message. On the first run of a
session resumed after a server restart the widgets the page showed keep what the browser sent
(:func:`app.state.kept_from_browser`): the person's last input is applied, not replaced.

An edit applied without a second run (:func:`settle`) leaves the widgets drawn before it as they
are when they already show the new scenario; only then is the run not repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from app import state
from app.browser_request import resend_if_unreported


def seed_widgets(
    marker: str,
    values: Callable[[], Mapping[str, Any]],
    keys: list[str],
    version: str | None = None,
) -> bool:
    """Set the widget ``keys`` from ``values()`` if the scenario changed since the last time,
    or, given a ``version`` of the part they show, if that part changed.

    ``marker`` is a session key private to the caller. Returns whether the widgets were filled.
    Widgets filled in an earlier run that the browser does not show get their values sent again
    (:func:`app.browser_request.resend_if_unreported`). A form's widgets are refilled only when
    their own part changes: refilling them sends the browser the saved values, over whatever
    was typed in the form and not yet saved.
    """
    current = state.revision() if version is None else version
    if st.session_state.get(marker) == current and all(key in st.session_state for key in keys):
        for key in keys:
            resend_if_unreported(key)
        return False
    for key, value in values().items():
        if not state.kept_from_browser(key):
            st.session_state[key] = value
    st.session_state[marker] = current
    return True


def settle(marker: str, values: Mapping[str, Any]) -> bool:
    """After a change made in this run through widgets already drawn: when every widget shows
    what filling it from the current scenario would give (``values``), count the group ``marker``
    as filled from it, so the next run keeps what the person types next instead of refilling it.

    Returns False when some widget shows something else (a name typed with spaces around it);
    the caller then reruns so that it is filled from the scenario before the next edit.
    """
    if any(st.session_state.get(key) != value for key, value in values.items()):
        return False
    st.session_state[marker] = state.revision()
    return True


def settle_or_rerun(*groups: tuple[str, Mapping[str, Any]]) -> None:
    """:func:`settle` each ``(marker, values)`` group drawn before a change applied in this
    run; when one shows something else, run the page again so it is refilled from the scenario."""
    if not all(settle(marker, values) for marker, values in groups):
        st.rerun()
