"""Shared helpers for the app's AppTest tests: the entrypoint's absolute path."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ENTRYPOINT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"


@pytest.fixture
def app() -> AppTest:
    """The whole app, not yet run (first runs import pandas and plotly: allow time)."""
    return AppTest.from_file(str(ENTRYPOINT), default_timeout=30)


def open_page(page: str) -> AppTest:
    """The whole app run once, then switched to ``page`` (e.g. ``"app_pages/budget.py"``)."""
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.run()
    app.switch_page(page).run()
    assert not app.exception
    return app
