"""Offers: up to three scenarios saved beside the session's own, for the side-by-side view.

They live in the session (a non-widget key, so they survive page switches) and, while the whole
address stays within :data:`app.share.MAX_LINK_CHARS`, in the URL's ``?o=`` parameter, so a copied
address reopens them too. When they would not fit, they stay in the session only and
:func:`link_note` says so.
"""

from __future__ import annotations

import streamlit as st

from app import state
from app.components.markdown import escape_markdown
from app.share import (
    MAX_LINK_CHARS,
    MAX_OFFERS,
    link_fits,
    offers_from_token,
    offers_to_token,
    single_token,
)
from calculator import Scenario, ScenarioFileError

OFFERS_KEY = "offers"
"""Session key of the saved offers, a tuple of :class:`calculator.Scenario`."""
OFFERS_PARAM = "o"
"""Query parameter holding the offers' token."""
_TOKEN_KEY = "offers_token"  # the offers' token, or None without offers
_WARNING_KEY = "offers_link_warning"  # why the link's offers could not be opened, until changed


def init() -> None:
    """Read the offers from the link once, then keep ``?o=`` in step on every run.

    Offers that cannot be read are left out with a warning (on every page, until the offers
    change); the scenario itself still opens.
    """
    if OFFERS_KEY not in st.session_state:
        offers: tuple[Scenario, ...] = ()
        tokens = st.query_params.get_all(OFFERS_PARAM)
        if tokens:
            try:
                offers = tuple(offers_from_token(single_token(tokens, "sets of offers")))
            except ScenarioFileError as exc:
                st.session_state[_WARNING_KEY] = (
                    f"The offers in this link could not be opened: {exc}. The scenario opened "
                    "without them: ask for the link again, or add the offers from scenario "
                    "files on the Side by side page."
                )
        _store(offers)
    _sync_link()
    message = st.session_state.get(_WARNING_KEY)
    if message:
        st.warning(escape_markdown(message), icon=":material/link_off:")


def get_offers() -> tuple[Scenario, ...]:
    """The offers saved in this session, oldest first."""
    return st.session_state.get(OFFERS_KEY, ())


def save_offer(scenario: Scenario) -> str | None:
    """Keep ``scenario`` as an offer; a message instead when it cannot be kept."""
    offers = get_offers()
    if scenario in offers:
        return f"This scenario is already offer {offers.index(scenario) + 1}."
    if len(offers) >= MAX_OFFERS:
        return f"At most {MAX_OFFERS} offers can be kept: remove one first."
    _store((*offers, scenario))
    _sync_link()
    return None


def remove_offer(index: int) -> None:
    """Forget the offer at ``index`` (0-based)."""
    offers = get_offers()
    _store(offers[:index] + offers[index + 1 :])
    _sync_link()


def in_link() -> bool:
    """Whether the address holds the offers (true when there are none)."""
    token = st.session_state.get(_TOKEN_KEY)
    return token is None or link_fits(state.share_token(), token)


def link_note() -> str | None:
    """Why the offers are not in the link, when they are not."""
    token = st.session_state.get(_TOKEN_KEY)
    if token is None or in_link():
        return None
    length = len(state.share_token()) + len(token)
    return (
        f"The offers are kept in this session only: with them the link would be {length:,} "
        f"characters long, over the limit of {MAX_LINK_CHARS:,}. Remove an offer, or save the "
        "scenarios as files to send them."
    )


def link_suffix() -> str:
    """``&o=...`` to append to a share link, or nothing when the offers are not in the link."""
    token = st.session_state.get(_TOKEN_KEY)
    return f"&{OFFERS_PARAM}={token}" if token is not None and in_link() else ""


def _store(offers: tuple[Scenario, ...]) -> None:
    if OFFERS_KEY in st.session_state:
        st.session_state.pop(_WARNING_KEY, None)
    st.session_state[OFFERS_KEY] = offers
    st.session_state[_TOKEN_KEY] = offers_to_token(offers) if offers else None


def _sync_link() -> None:
    token = st.session_state.get(_TOKEN_KEY)
    wanted = token if token is not None and in_link() else None
    if st.query_params.get(OFFERS_PARAM) != wanted:
        if wanted is None:
            del st.query_params[OFFERS_PARAM]
        else:
            st.query_params[OFFERS_PARAM] = wanted
