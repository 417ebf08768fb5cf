"""Branding in the app: the company name over the accent rule; bad settings are explained."""

import pytest
from streamlit.testing.v1 import AppTest

from app.components import branding
from tests.app.helpers import plain


@pytest.fixture
def fresh_branding(monkeypatch):
    """Branding is read once per process: start from no cached settings and clean up after."""
    monkeypatch.delenv("SEAT_SAVINGS_COMPANY_NAME", raising=False)
    monkeypatch.delenv("SEAT_SAVINGS_ACCENT_COLOR", raising=False)
    branding._load.clear()
    yield monkeypatch
    branding._load.clear()


def test_company_name_and_accent_on_every_page(app: AppTest, fresh_branding):
    """A configured company name is shown above the page with its accent colour."""
    fresh_branding.setenv("SEAT_SAVINGS_COMPANY_NAME", "Example <Telecom>")
    fresh_branding.setenv("SEAT_SAVINGS_ACCENT_COLOR", "#7A1F5C")
    app.run()
    [bar] = [e.value for e in app.get("html") if "border-bottom: 4px solid" in e.value]
    assert "border-bottom: 4px solid #7A1F5C" in bar
    assert "Example &lt;Telecom&gt;" in bar


def test_unusable_settings_are_explained(app: AppTest, fresh_branding):
    """A too-light accent colour is reported and the defaults are used."""
    fresh_branding.setenv("SEAT_SAVINGS_ACCENT_COLOR", "#FFFF00")
    app.run()
    assert not app.exception
    assert plain(app.warning[0].value) == (
        "The branding settings were not used: accent_color #FFFF00 has a contrast of 1.07:1 "
        "against white; it needs at least 3:1 (WCAG 2.1, 1.4.11) to be seen: choose a darker "
        "colour"
    )


def test_default_branding_adds_nothing(app: AppTest, fresh_branding):
    """Without settings there is no company bar."""
    app.run()
    assert not [e for e in app.get("html") if "border-bottom: 4px solid" in e.value]
