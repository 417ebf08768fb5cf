"""The browser talks to the app's own server only: nothing about a visitor reaches another host."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.calculator_page import enter_value, metric_value, open_app


def test_opening_and_using_the_calculator_requests_no_other_host(app_url, page):
    """Loading the calculator and changing an input fetch nothing from another host (the
    favicon was a Google-hosted icon, fetched again on every input)."""
    host = urlsplit(app_url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if urlsplit(request.url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(request.url).netloc != host
            else None
        ),
    )
    open_app(page, app_url)
    enter_value(page, "quick_active", 60)
    expect(metric_value(page, "Savings per month")).to_have_text("$6,100.00")
    enter_value(page, "quick_active", 70)
    expect(metric_value(page, "Savings per month")).to_have_text("$5,450.00")
    assert elsewhere == []
