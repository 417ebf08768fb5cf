"""Choose up to three scenarios for the side-by-side view: this session's, an offer saved in the
session, or scenario files.

Each column picks its source (saved offers fill the second and third columns first), the plan to show and an optional label. Uploaded files are read
with the same size cap and validation as the Share panel; a file that cannot be read leaves its
column out and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app import offers, state
from app.binding import Problems, show_problems
from app.components.share_panel import LOAD_FAILED, load_scenario_file
from calculator import MAX_SCENARIO_BYTES, MAX_SIDE_BY_SIDE, Scenario

CURRENT = "This session's scenario"
FILE = "A scenario file"
UNUSED = "Not used"
AUTOMATIC = "Automatic"
MAX_LABEL_CHARS = 60


@dataclass(frozen=True, slots=True)
class Column:
    """One chosen column: a scenario, the plan to show (``None``: the reference's baseline or
    another column's cheapest plan) and the label (``None``: the scenario's name)."""

    scenario: Scenario
    plan: str | None
    label: str | None


def offer_label(index: int, scenario: Scenario) -> str:
    """How a saved offer is offered as a column's source: ``"Offer 1: Vendor B"``."""
    return f"Offer {index + 1}: {scenario.name}"


def _column(index: int, key: str) -> Column | None:
    """The widgets of column ``index`` (0-based); ``None`` when it is not used or unreadable."""
    saved = {offer_label(i, offer): offer for i, offer in enumerate(offers.get_offers())}
    options = [CURRENT, FILE, *saved] if index == 0 else [FILE, CURRENT, *saved, UNUSED]
    default = 0 if index < 2 else options.index(UNUSED)
    if 0 < index <= len(saved):
        default = options.index(list(saved)[index - 1])
    source_key = f"{key}_{index}_source"
    if st.session_state.get(source_key) not in options:
        # A saved offer fills its column through the session (an offer removed since is gone):
        # the default goes there too, as Streamlit warns about a widget given both.
        st.session_state[source_key] = options[default]
    source = st.selectbox(
        f"Column {index + 1}" + (" (the reference)" if index == 0 else ""),
        options,
        key=source_key,
    )
    scenario: Scenario | None = None
    if source == CURRENT:
        scenario = state.get_scenario()
    elif source in saved:
        scenario = saved[source]
    elif source == FILE:
        upload = st.file_uploader(
            "Scenario file",
            type=["json"],
            key=f"{key}_{index}_file",
            max_upload_size=1,
            help=f"A file saved from this calculator, at most {MAX_SCENARIO_BYTES // 1024} kB.",
        )
        if upload is None:
            return None
        loaded = load_scenario_file(upload.getvalue())
        if isinstance(loaded, Problems):
            show_problems(loaded, intro=LOAD_FAILED)
            return None
        scenario = loaded
    if scenario is None:
        return None
    automatic = f"{AUTOMATIC}: " + ("today's plan" if index == 0 else "the cheapest plan")
    plan = st.selectbox(
        "Plan to compare",
        [automatic, *(plan.name for plan in scenario.plans)],
        key=f"{key}_{index}_plan",
    )
    label = st.text_input(
        "Label (optional)",
        key=f"{key}_{index}_label",
        max_chars=MAX_LABEL_CHARS,
        placeholder=scenario.name,
    )
    return Column(
        scenario, None if plan is None or plan == automatic else plan, label.strip() or None
    )


def side_by_side_inputs(key: str = "side_by_side") -> list[Column]:
    """Up to three columns side by side; returns the ones in use, in order."""
    chosen = []
    # Keyed so that the page style can stack the boxes when a row of three is too narrow.
    with st.container(key=f"{key}_columns"):
        for index, place in enumerate(st.columns(MAX_SIDE_BY_SIDE)):
            with place, st.container(border=True):
                column = _column(index, key)
            if column is not None:
                chosen.append(column)
    return chosen
