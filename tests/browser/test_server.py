"""The app starts from the README's entrypoint and serves its health check and first page."""

from tests.browser.conftest import wait_for_app_idle


def test_first_page_renders_without_error(app_url, page):
    """Opening the app shows the calculator with no exception on the page."""
    page.goto(app_url)
    wait_for_app_idle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.title() != ""
