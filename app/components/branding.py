"""The company's branding in the app: logo in the header, name and accent rule on every page.

Branding is configuration (``.streamlit/branding.toml`` or ``SEAT_SAVINGS_*`` variables, see
:mod:`app.reports`), read once per server process like Streamlit's own ``config.toml``. Settings
that cannot be used are reported on the page and the defaults are used instead.
"""

from __future__ import annotations

import html

import streamlit as st

from app.components.markdown import escape_markdown
from app.reports import Branding, BrandingError, load_branding
from app.reports._branding import DEFAULT_COMPANY_NAME


@st.cache_resource(show_spinner=False)
def _load() -> tuple[Branding, str | None]:
    try:
        return load_branding(), None
    except BrandingError as exc:
        return Branding(), f"The branding settings were not used: {exc}"


def current_branding() -> Branding:
    """The server's branding (the defaults when the settings could not be used)."""
    return _load()[0]


def show_branding() -> None:
    """Logo in the app header and, when a company is configured, its name over an accent rule."""
    branding, problem = _load()
    if problem:
        st.warning(escape_markdown(problem), icon=":material/palette:")
    if branding.logo_data_uri:
        st.logo(branding.logo_data_uri, size="large")
    if branding.company_name != DEFAULT_COMPANY_NAME:
        # The name is escaped; the colour is a validated #RRGGBB, so neither can inject markup.
        st.html(
            f'<div style="border-bottom: 4px solid {branding.accent_color}; padding-bottom: 4px;'
            f' font-weight: 700;">{html.escape(branding.company_name)}</div>'
        )
