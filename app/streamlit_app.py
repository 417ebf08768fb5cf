"""Entrypoint: page setup, the session's scenario, and routing. Pages live in app_pages/."""

import streamlit as st

from app import state

PAGES = [
    st.Page(
        "app_pages/calculator.py", title="Calculator", icon=":material/calculate:", default=True
    ),
    st.Page("app_pages/budget.py", title="Budget", icon=":material/account_balance:"),
    st.Page("app_pages/method.py", title="Method", icon=":material/menu_book:"),
]

st.set_page_config(
    page_title="Seat savings calculator",
    page_icon=":material/calculate:",
    layout="wide",
    menu_items={
        "About": "What would we pay under named-seat, concurrent, active-user or "
        "logged-in-hours licensing, month by month, and why."
    },
)
state.init()
st.navigation(PAGES).run()
