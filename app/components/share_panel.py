"""Share and save: the link that reproduces the scenario, and the scenario as a JSON file."""

from __future__ import annotations

import streamlit as st

from app import offers, state
from app.binding import Problems, show_problems, try_set, validate
from app.components.copy_link import copy_link_button
from app.components.download_button import download_button
from app.components.markdown import escape_markdown
from app.components.mode_switch import reopen_mode
from app.components.scenario_name import scenario_name_box
from app.fields import SCENARIO_LABELS
from app.reports import csv_filename
from app.share import link_too_long
from app.uploads import file_uploader, renew_uploader
from calculator import (
    MAX_SCENARIO_BYTES,
    Scenario,
    ScenarioFileError,
    example_scenario,
    parse_scenario_document,
    quote_value,
    scenario_to_json,
)

LOAD_FAILED = "This file could not be loaded:"
_PROBLEMS = "share__problems"  # (the scenario's revision, why the file was refused)
_UNCHANGED = "share__unchanged"  # a file holding the scenario shown was loaded: say so once
UNCHANGED = "This file holds the scenario already shown: nothing changed."
_LINK = "share_link"
_BEFORE_RESET = "share__before_reset"  # (the revision "Start again" made, the scenario before)
WHERE_THE_DOWNLOAD_IS = (
    'The download is on the Calculator page, in its sidebar under "Share and save".'
)
"""Said on the other pages beside a scenario too large for a link: only the calculator's sidebar
holds the scenario download."""


def load_scenario_file(data: bytes, name: str | None = None) -> Scenario | Problems:
    """Read an uploaded scenario file: the scenario, or the problems found (one per line).

    ``name`` is the file's name, said where the file is not JSON or not a saved scenario: the
    uploader is emptied once a file is refused, so the message is where the name remains."""
    what = f"scenario file {quote_value(name)}" if name else "scenario file"
    try:
        document = parse_scenario_document(data, what)
    except ScenarioFileError as exc:
        return Problems((str(exc),))
    return validate(Scenario, document, SCENARIO_LABELS)


def share_link(token: str) -> str | None:
    """The full address that reopens this scenario, when the browser's address is known and the
    scenario fits in a link (:func:`app.share.link_too_long`)."""
    base = st.context.url
    return None if not base or link_too_long(token) else f"{base.rstrip('/')}/?s={token}"


def page_link_box(key: str, label: str, link: str | None, *, help: str | None = None) -> None:
    """A page's own link with a "Copy link" button above it; for a scenario too large for a
    link, a warning that says where its file is instead."""
    too_long = link_too_long(state.share_token())
    if too_long:
        st.warning(f"{too_long} {WHERE_THE_DOWNLOAD_IS}", icon=":material/link_off:")
    elif link:
        copy_link_button(key)  # copies what the box below shows
        # Set on every run, like the sidebar's box: an edit is thrown away.
        st.session_state[key] = link
        st.text_input(label, key=key, on_change="ignore", help=help)


def share_panel() -> None:
    """Link, download, load from file, and back to the worked example."""
    scenario = state.get_scenario()
    st.subheader("Share and save")
    scenario_name_box(
        "share_name",
        help="The title of every report and the start of every file name; offers saved for "
        "side by side are listed by it.",
    )
    too_long = link_too_long(state.share_token())
    if too_long:
        st.warning(too_long, icon=":material/link_off:")
    else:
        st.write(
            "The address in your browser always holds this whole scenario: copy it to share the "
            "same numbers."
        )
    link = share_link(state.share_token())
    if link:
        link += offers.link_suffix()  # offers saved for side by side travel with the link
        # A text box rather than a code block: it takes keyboard focus and never scrolls the
        # sidebar sideways, and Ctrl+A, Ctrl+C copy the whole link. An edit is thrown away: the
        # box is set to the current link on every run and typing in it starts no run.
        st.session_state[_LINK] = link
        st.text_input(
            "Link to this scenario",
            key=_LINK,
            on_change="ignore",
            help="Click in the box, select all (Ctrl+A or ⌘A) and copy (Ctrl+C or ⌘C).",
        )
    download_button(
        st,
        "Download the scenario (JSON)",
        lambda: scenario_to_json(scenario),
        csv_filename(scenario.name, suffix=".json"),  # named like the page's other downloads
        "application/json",
        "share_download",
        width="content",
    )
    upload = file_uploader(
        "Load a scenario file",
        type=["json"],
        key="share_upload",
        max_upload_size=1,
        help=f"A file saved from this calculator, at most {MAX_SCENARIO_BYTES // 1024} kB.",
    )
    if upload is not None:
        renew_uploader("share_upload")  # loaded once; the same file picked again loads again
        loaded = load_scenario_file(upload.getvalue(), upload.name)
        if isinstance(loaded, Problems):
            st.session_state[_PROBLEMS] = (state.revision(), loaded)
            st.rerun()  # draws the new uploader
        else:
            st.session_state.pop(_PROBLEMS, None)
            reopen_mode()  # a seasonal file opens in the seasonal editor
            try_set(loaded)  # a new scenario reruns here
            st.session_state[_UNCHANGED] = True
            st.rerun()  # the same scenario: draws the new uploader, and says so
    if st.session_state.pop(_UNCHANGED, False):
        st.info(UNCHANGED, icon=":material/check:")
    refused = st.session_state.get(_PROBLEMS)
    if refused is not None and refused[0] == state.revision():
        show_problems(refused[1], intro=LOAD_FAILED)  # until the scenario changes
    if st.button("Start again from the worked example", key="share_reset"):
        before = scenario
        reopen_mode()
        state.set_scenario(example_scenario())
        st.session_state[_BEFORE_RESET] = (state.revision(), before)
        st.rerun()
    _undo_reset()


def _undo_reset() -> None:
    """After "Start again", a way back to the scenario it replaced, until the scenario changes:
    one click, perhaps a mistaken one, must not throw away a whole scenario."""
    kept = st.session_state.get(_BEFORE_RESET)
    if kept is None or kept[0] != state.revision():
        st.session_state.pop(_BEFORE_RESET, None)
        return
    before = kept[1]
    st.info(
        escape_markdown(
            f"Started again from the worked example; {quote_value(before.name)} "
            "can still be brought back."
        ),
        icon=":material/restart_alt:",
    )
    if st.button(
        escape_markdown(f"Bring back {quote_value(before.name)}"),
        key="share_undo_reset",
        icon=":material/undo:",
    ):
        st.session_state.pop(_BEFORE_RESET, None)
        reopen_mode()
        state.set_scenario(before)
        st.rerun()
