"""Entrypoint: page setup, the session's scenario, and routing. Pages live in app_pages/."""

import streamlit as st

from app import offers, state
from app.components.branding import show_branding
from app.components.focus_keeper import keep_focus
from app.components.page_style import PAGE_CSS
from app.components.side_by_side_inputs import read_link

APP_TITLE = "Seat savings calculator"

PAGES = [
    st.Page(
        "app_pages/calculator.py", title="Calculator", icon=":material/calculate:", default=True
    ),
    st.Page("app_pages/usage.py", title="Usage from logs", icon=":material/fact_check:"),
    st.Page("app_pages/budget.py", title="Budget", icon=":material/account_balance:"),
    st.Page("app_pages/side_by_side.py", title="Side by side", icon=":material/compare:"),
    st.Page("app_pages/presenter.py", title="Presenter view", icon=":material/co_present:"),
    st.Page("app_pages/method.py", title="Method", icon=":material/menu_book:"),
]

st.set_page_config(
    page_title=APP_TITLE,
    page_icon="🧮",  # an emoji is drawn in the page; a :material: icon is fetched from Google
    layout="wide",
    menu_items={
        "About": "What would we pay under named-seat, concurrent, active-user or "
        "logged-in-hours licensing, month by month, and why."
    },
)
state.init()
offers.init()
read_link()  # the side-by-side columns a link names, before a page switch drops the address
keep_focus(style=PAGE_CSS)  # first: always in the same place; the page style in its element
show_branding()
page = st.navigation(PAGES)
# The presenter view starts with the sidebar folded away for a shared screen; every other page
# asks for Streamlit's default again, so "Back to editing" brings the sidebar (currency, link)
# back. Streamlit acts on a change of this setting only, so it is one value per run. It is a
# second, later call because the page is known only now, and the first must come before the
# navigation: otherwise the browser fetches the page's :material: icon from Google as favicon.
# The tab's title names the page too: a person with several tabs, or a screen reader, tells
# them apart by it (WCAG 2.4.2).
st.set_page_config(
    page_title=f"{page.title} · {APP_TITLE}",
    initial_sidebar_state="collapsed" if page.url_path == "presenter" else "auto",
)
page.run()
state.sync_address()  # last: the browser's history update waits until the page is drawn
