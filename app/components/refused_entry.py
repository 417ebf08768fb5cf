"""An entry the calculator refused, told on the other pages and kept for the way back.

While an entry on the calculator breaks a rule, the calculator shows no figures: the session's
scenario is still the last valid one, and its numbers would pass for the new entry's. The other
pages show that same scenario, so a person who typed 200 active users against 100 seats and
opened Budget saw the figures of the 70 before without a word, and back on the calculator the
boxes showed 70 again, the 200 and its message gone. Now the calculator keeps what it refused
(:func:`note_entry`), Budget, Side by side and the presenter view say so above their figures
(:func:`show_refused_notice`), and the boxes come back with what was typed (:func:`refused_values`),
its message with them: the quick estimate's, and the seasonal editor's name, first month and
number of months.

The entry belongs to the scenario it was refused against: once the scenario changes (a file
loaded, a log's staffing used, a name typed), it is dropped, as the boxes are filled from the new
scenario.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from app import state
from app.binding import Problems
from app.components.markdown import escape_markdown

_KEY = "refused_entry"
CALCULATOR_PAGE = "app_pages/calculator.py"


@dataclass(frozen=True)
class RefusedEntry:
    """What the calculator refused and against which scenario."""

    lines: tuple[str, ...]
    """Why, one plain-language line per problem (as the calculator shows them)."""
    revision: int
    """The scenario's revision (:func:`app.state.revision`) when it was refused."""
    values: Mapping[str, Any]
    """Widget key -> the value typed, put back when the page is drawn again."""


def note_entry(entered: object, keys: Iterable[str]) -> None:
    """Keep ``entered`` when it is :class:`~app.binding.Problems`, with the values of the widgets
    ``keys`` as typed; forget any earlier refusal when the entry was valid."""
    if isinstance(entered, Problems):
        values = {key: st.session_state[key] for key in keys if key in st.session_state}
        st.session_state[_KEY] = RefusedEntry(entered.lines, state.revision(), values)
    else:
        st.session_state.pop(_KEY, None)


def refused_entry() -> RefusedEntry | None:
    """The calculator's refused entry, or ``None`` when there is none or the scenario has changed
    since (a stale entry is left for the calculator's next run to replace or drop)."""
    entry = st.session_state.get(_KEY)
    return entry if entry is not None and entry.revision == state.revision() else None


def refused_values(keys: Iterable[str]) -> dict[str, Any]:
    """The values typed into the widgets ``keys`` in the calculator's refused entry ({} when
    there is none, or it was refused in other widgets: those of the other mode)."""
    entry = refused_entry()
    if entry is None:
        return {}
    return {key: entry.values[key] for key in keys if key in entry.values}


def show_refused_notice(*, link: bool = True) -> None:
    """On a page that shows the scenario's figures: what the calculator refused, that the figures
    are the last valid entry's, and a link back (unless ``link`` is false: the page has its own).
    Drawn in a place of its own, so the elements after it keep theirs when it comes or goes."""
    place = st.empty()
    entry = refused_entry()
    if entry is None:
        return
    with place.container():
        problems = "\n".join(f"- {escape_markdown(line)}" for line in entry.lines)
        st.warning(
            "**Your last entry on the calculator was not applied**, so the figures here are "
            f"those of the last valid entry:\n{problems}",
            icon=":material/edit_off:",
        )
        if link:
            st.page_link(CALCULATOR_PAGE, label="Back to the calculator", icon=":material/edit:")
