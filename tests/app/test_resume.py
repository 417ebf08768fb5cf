"""A session's first run knows whether a page from an earlier session asked for it."""

import pytest

from app.state import names_previous_session


@pytest.mark.parametrize(
    ("protocols", "names"),
    [
        ("", False),  # AppTest and clients without subprotocols
        ("streamlit", False),
        ("streamlit, 2|a40c4dfe|58f84a60", False),  # a page's first connection
        ("streamlit, 2|a40c4dfe|58f84a60, ", False),
        ("streamlit, 2|5926ffb7|a5d2f829, 2815eb9a-eaed-4e0d-9633-da679bf1b7e1", True),
        ("streamlit, , 2815eb9a-eaed-4e0d-9633-da679bf1b7e1", True),  # XSRF protection off
    ],
)
def test_only_a_reconnecting_page_names_a_previous_session(protocols, names):
    assert names_previous_session(protocols) is names
