"""Widget values a page keeps while the person visits another page.

Streamlit drops a widget's state at the end of a run that does not draw it, so a page left for
another comes back with its defaults: options set, seats entered, all gone. :func:`remember`
copies the values of the widgets drawn so far into a key Streamlit keeps, and :func:`restore`
puts them back before the page draws its widgets again. Only widgets whose value may be set
through the session belong here (not buttons, downloads or file uploaders).
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

_KEPT = "kept_widgets"  # page -> {widget key: value}


def restore(page: str) -> None:
    """Put back every remembered value of ``page`` whose widget Streamlit has dropped."""
    for key, value in st.session_state.get(_KEPT, {}).get(page, {}).items():
        if key not in st.session_state:
            st.session_state[key] = value


def remember(page: str, keys: Iterable[str]) -> None:
    """Keep the current values of the widgets ``keys`` of ``page`` (those drawn in this run)."""
    kept = st.session_state.setdefault(_KEPT, {}).setdefault(page, {})
    for key in keys:
        if key in st.session_state:
            kept[key] = st.session_state[key]


def forget(page: str, keys: Iterable[str]) -> None:
    """Stop keeping the widgets ``keys`` of ``page``: their next drawing starts afresh."""
    kept = st.session_state.get(_KEPT, {}).get(page, {})
    for key in keys:
        kept.pop(key, None)
