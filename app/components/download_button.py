"""A download button whose file is built when it is clicked, from the figures on the page."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.pending_run import pending_run_waiter

Build = Callable[[], bytes | str]
_BUILDS = "downloads__builds"  # download key -> the build registered by the latest run


def download_button(
    column,
    label: str,
    build: Build,
    file_name: str,
    mime: str,
    key: str,
    **options: object,
) -> None:
    """A download built only when clicked (``build`` runs then, not on every rerun), in
    ``column``; full width unless ``options`` say otherwise.

    The button calls the build of the latest run for ``key``, once the run the click may have
    started is over: a click on a button drawn by an earlier run (the page was still updating
    from a box the click just left) gets the file of the figures now on the page.
    """
    options.setdefault("width", "stretch")
    builds = st.session_state.setdefault(_BUILDS, {})
    builds[key] = build
    column.download_button(
        label,
        _latest_build(builds, key),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=":material/download:",
        **options,
    )


def _latest_build(builds: dict[str, Build], key: str) -> Build:
    wait_for_pending_run = pending_run_waiter()

    def build_latest() -> bytes | str:
        wait_for_pending_run()
        return builds[key]()

    return build_latest
