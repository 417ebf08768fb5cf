"""The browser talks to the app's own server only: nothing about a visitor reaches another host."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.browser.calculator_page import (
    enter_value,
    metric_value,
    open_app,
    wait_for_page_drawn,
)
from tests.browser.test_accessibility import PAGE_PATHS


def requests_elsewhere(page: Page, app_url: str) -> list[str]:
    """The URLs the page requests from any host but the app's, filled in as it goes."""
    host = urlsplit(app_url).netloc
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if urlsplit(request.url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(request.url).netloc != host
            else None
        ),
    )
    return elsewhere


def test_opening_and_using_the_calculator_requests_no_other_host(app_url, page):
    """Loading the calculator and changing an input fetch nothing from another host (the
    favicon was a Google-hosted icon, fetched again on every input)."""
    elsewhere = requests_elsewhere(page, app_url)
    open_app(page, app_url)
    enter_value(page, "quick_active", 60)
    expect(metric_value(page, "Savings per month")).to_have_text("$6,100.00")
    enter_value(page, "quick_active", 70)
    expect(metric_value(page, "Savings per month")).to_have_text("$5,450.00")
    assert elsewhere == []


def test_every_page_requests_no_other_host(app_url, page):
    """Opening each page, straight from its address, fetches nothing from another host: every
    page's icon in the navigation is a Google-hosted symbol, which must not become the favicon."""
    elsewhere = requests_elsewhere(page, app_url)
    for path in PAGE_PATHS:
        page.goto(f"{app_url}/{path}")
        wait_for_page_drawn(page)
    assert elsewhere == []
