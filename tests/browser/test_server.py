"""The app starts from the README's entrypoint and serves its health check and first page."""

import time

import psutil

from tests.browser.conftest import start_server, stop_server, wait_for_app_idle


def test_first_page_renders_without_error(app_url, page):
    """Opening the app shows the calculator with no exception on the page."""
    page.goto(app_url)
    wait_for_app_idle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.title() != ""


def chromium_children(server: psutil.Process) -> list[str]:
    """Names of the Chromium processes started under ``server``."""
    return [child.name() for child in server.children(recursive=True) if "chrom" in child.name()]


def test_printer_starts_when_the_calculator_is_shown(page):
    """The first page a browser opens starts the server's PDF printer (a Chromium child of the
    server process) in the background, before anyone asks for a PDF."""
    url, process = start_server()
    try:
        server = psutil.Process(process.pid)
        assert chromium_children(server) == []
        page.goto(url)
        wait_for_app_idle(page)
        deadline = time.monotonic() + 60
        while not chromium_children(server) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert chromium_children(server)
    finally:
        stop_server(process)
