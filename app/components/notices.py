"""Warnings that come and go with the scenario, drawn so that the page after them stays put."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from app.components.markdown import escape_markdown


def show_warnings(*groups: tuple[Iterable[str], str]) -> None:
    """Each group's messages (plain text: escaped here, so a plan's name in it shows as typed) as
    warnings with the group's icon, all in one container: however many there are, none
    included, what follows keeps its place in the page, so the browser keeps it (an open section,
    the keyboard focus, a click being handled) instead of drawing it anew. One container for
    every group: each block is one more message the browser handles on every run."""
    with st.container():
        for messages, icon in groups:
            for message in messages:
                st.warning(escape_markdown(message), icon=icon)
