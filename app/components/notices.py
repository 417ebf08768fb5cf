"""Warnings that come and go with the scenario, drawn so that the page after them stays put."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from app.components.markdown import escape_markdown


def show_warnings(messages: Iterable[str], icon: str) -> None:
    """Each message (plain text: escaped here, so a plan's name in it shows as typed) as a
    warning with ``icon``, all in one container: however many there are, none included, what
    follows keeps its place in the page, so the browser keeps it (an open section, the keyboard
    focus, a click being handled) instead of drawing it anew."""
    with st.container():
        for message in messages:
            st.warning(escape_markdown(message), icon=icon)
