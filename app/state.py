"""The one canonical scenario of a browser session, and its share link in the URL.

The scenario lives under a non-widget session key (widget state is dropped when a page stops
rendering it; this survives page switches). The URL's ``?s=`` parameter holds the same scenario
as a share token, so a copied address reproduces the numbers, and a session lost to a server
restart is rebuilt from the address bar. The address is written once the page is drawn
(:func:`sync_address`, the entrypoint's last step; again at the start of the next run should a
run end early): each write adds a history entry in the browser, which would otherwise hold up
the figures still to come.

After a restart the browser reconnects by itself and keeps the page on screen; its next input
starts a new session whose first run carries every widget's value as the person left it (see
:func:`kept_from_browser`). Editors then keep those values instead of filling the widgets from
the scenario, so that input is applied rather than silently replaced.
"""

from __future__ import annotations

import streamlit as st

from app.browser_request import note_reported_widgets, sent_widget_states
from app.components.markdown import escape_markdown
from app.share import from_link, to_token
from calculator import Scenario, ScenarioFileError, example_scenario

SCENARIO_KEY = "scenario"
"""Session key of the canonical :class:`calculator.Scenario`."""
SHARE_PARAM = "s"
"""Query parameter holding the share token."""
REVISION_KEY = "scenario_revision"
"""Session key of a counter bumped by every :func:`set_scenario` (editors re-seed on change)."""
LINK_WAY_FORWARD = (
    "Showing the worked example instead: ask for the link again, or load the scenario from a "
    "file under Share and save."
)
"""What to do when a share link cannot be opened."""
LINK_WARNING_KEY = "share_link_warning"
"""Session key of the message about a share link that could not be opened, if any."""
_KEPT_KEY = "widgets_kept_from_browser"  # keys of the widgets a resumed first run keeps
_TOKEN_KEY = "scenario_token"
_WARNING_SLOT_KEY = "share_link_warning_slot"  # this run's placeholder holding the warning


def init() -> None:
    """Load the session's scenario once, then keep the URL in step with it on every run.

    On a session's first run the scenario comes from the ``?s=`` share token, or is the worked
    example. A link that cannot be read, or that gives ``?s=`` twice with different scenarios,
    shows a warning (on every page, until the scenario is changed) and the worked example, never
    an error page.
    """
    note_reported_widgets()
    if SCENARIO_KEY not in st.session_state:
        kept = sent_widget_states() if _continues_earlier_page() else {}
        st.session_state[_KEPT_KEY] = frozenset(kept)
        scenario = example_scenario()
        tokens = st.query_params.get_all(SHARE_PARAM)
        if tokens:
            try:
                scenario = from_link(tokens)
            except ScenarioFileError as exc:
                st.session_state[LINK_WARNING_KEY] = (
                    f"This link could not be opened: {exc}. {LINK_WAY_FORWARD}"
                )
        set_scenario(scenario, keep_warning=True)
    else:
        st.session_state[_KEPT_KEY] = frozenset()
        sync_address()  # page switches may drop query parameters; a run may have ended early
    _show_link_warning()


def kept_from_browser(key: str) -> bool:
    """Whether widget ``key`` must keep the value the browser sent, not be filled from the scenario.

    True only in a session's first run asked for by a page an earlier session drew, for the
    widgets that page showed. That happens when the server restarted (or dropped the session after
    ``server.disconnectedSessionTTL``) while the page stayed open: the browser reconnects, keeps
    showing the page, and its next input starts a new session. Those widgets hold what the person
    sees, including that input, while the scenario (rebuilt from the address) is as it was before
    the input. Widgets the page did not show are filled from the scenario as usual.
    """
    return key in st.session_state.get(_KEPT_KEY, frozenset())


def _continues_earlier_page() -> bool:
    return names_previous_session(st.context.headers.get("Sec-WebSocket-Protocol", ""))


def names_previous_session(protocols: str) -> bool:
    """Whether a WebSocket handshake's ``Sec-WebSocket-Protocol`` names an earlier session.

    Streamlit's browser client sends "protocol, XSRF token, session id", the last only when it
    reconnects. On a session's first run a named session was one the server no longer held
    (one it still held would have been reused).
    """
    entries = [entry.strip() for entry in protocols.split(",")]
    return len(entries) >= 3 and entries[2] != ""


def get_scenario() -> Scenario:
    """The session's current scenario."""
    return st.session_state[SCENARIO_KEY]


def set_scenario(scenario: Scenario, *, keep_warning: bool = False) -> None:
    """Make ``scenario`` current with its share token; :func:`sync_address` puts the token in
    the URL.

    A successful change clears any warning about a bad share link unless ``keep_warning``.
    """
    token = to_token(scenario)
    st.session_state[SCENARIO_KEY] = scenario
    st.session_state[_TOKEN_KEY] = token
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1
    if not keep_warning and st.session_state.pop(LINK_WARNING_KEY, None):
        # The warning was drawn earlier in this run; take it off the page now.
        slot = st.session_state.pop(_WARNING_SLOT_KEY, None)
        if slot is not None:
            slot.empty()


def sync_address() -> None:
    """Put the current scenario's share token in the URL (``?s=``) if it is not there yet."""
    if st.query_params.get(SHARE_PARAM) != st.session_state[_TOKEN_KEY]:
        st.query_params[SHARE_PARAM] = st.session_state[_TOKEN_KEY]


def revision() -> int:
    """How many times the scenario was set in this session; changes whenever it changes."""
    return st.session_state.get(REVISION_KEY, 0)


def share_token() -> str:
    """The current scenario's share token (the value of ``?s=``)."""
    return st.session_state[_TOKEN_KEY]


def _show_link_warning() -> None:
    message = st.session_state.get(LINK_WARNING_KEY)
    if message:
        slot = st.empty()
        slot.warning(escape_markdown(message), icon=":material/link_off:")
        st.session_state[_WARNING_SLOT_KEY] = slot
