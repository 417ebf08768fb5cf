"""Faults a person may meet: the server restarts mid-session, the connection drops, an upload is
lost or cut off half way. Each test drives a real browser; those that restart the server or drop
its connections have a server of their own.

Oracle: the worked example of docs/method.md#worked-example (100 seats at $100, 70 active users at $65: savings $5,450.00);
with 60 active users savings are 100 x $100 - 60 x $65 = $6,100.00, with 50 they are $6,750.00,
with 120 seats and 70 active users 120 x $100 - 70 x $65 = $7,450.00 (by hand).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from app.share import from_token
from calculator import Scenario, example_scenario
from calculator.usage import sample_log_csv
from tests.browser.calculator_page import (
    PAGE_LOAD_TIMEOUT,
    enter_value,
    metric_value,
    open_app,
    quick_input,
)
from tests.browser.conftest import start_server, stop_server, wait_for_app_idle

pytestmark = pytest.mark.slow

# Streamlit marks the connection on the stApp element. A MutationObserver notes every state other
# than CONNECTED, however briefly it lasted, so a quick reconnect is not missed.
_WATCH_CONNECTION = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    window.__lostConnection = false;
    if (!window.__connectionWatch) {
        window.__connectionWatch = new MutationObserver(() => {
            if (app.dataset.testConnectionState !== "CONNECTED") window.__lostConnection = true;
        });
        window.__connectionWatch.observe(app, {attributes: true});
    }
}"""
_RECONNECTED = """() => window.__lostConnection && document.querySelector(
    "[data-testid='stApp']").dataset.testConnectionState === 'CONNECTED'"""
LOG_NAME = "logins.csv"
QUIET_MS = 300  # [ms] without a frame before a run counts as the last one


class Server:
    """A server of a test's own, on a fixed loopback port so that it can be restarted there."""

    def __init__(self, *options: str) -> None:
        self.options = options
        self.url, self.process = start_server(*options)
        self.port = int(urlsplit(self.url).port)

    def restart(self, page: Page) -> None:
        """Stop the server, start it again on the same port; wait until ``page`` reconnected."""
        page.evaluate(_WATCH_CONNECTION)
        stop_server(self.process)
        _, self.process = start_server(*self.options, port=self.port)
        page.wait_for_function(_RECONNECTED, timeout=PAGE_LOAD_TIMEOUT)

    def stop(self) -> None:
        stop_server(self.process)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


def scenario_in_address(url: str) -> Scenario:
    return from_token(parse_qs(urlsplit(url).query)["s"][0])


def worked_example_with(active: int) -> Scenario:
    """The worked example with ``active`` users every month (what the quick inputs make of it)."""
    data = example_scenario().model_dump()
    data["staffing"] = [{**month, "active": active} for month in data["staffing"]]
    return Scenario.model_validate(data)


def test_first_edit_after_a_restart_is_applied(server, page):
    """After the server restarted under an open page, the next input counts (the box keeps it,
    the headline follows), and reloading the address shows exactly that scenario."""
    open_app(page, server.url)
    enter_value(page, "quick_active", 60)
    expect(metric_value(page, "Savings per month")).to_have_text("$6,100.00")

    server.restart(page)
    enter_value(page, "quick_active", 50)
    expect(metric_value(page, "Savings per month")).to_have_text(
        "$6,750.00", timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page)
    expect(quick_input(page, "quick_active")).to_have_value("50")
    page.wait_for_function("() => window.location.search.includes('s=')")
    assert scenario_in_address(page.url) == worked_example_with(50)

    open_app(page, page.url)
    expect(quick_input(page, "quick_active")).to_have_value("50")
    expect(metric_value(page, "Savings per month")).to_have_text("$6,750.00")
    assert scenario_in_address(page.url) == worked_example_with(50)
    assert page.get_by_test_id("stException").count() == 0


def test_mode_switch_after_a_restart_is_applied(server, page):
    """The first click after a restart may be the input mode: the page follows it, and the
    seasonal editor, which the page did not show before, is filled from the scenario (numbers
    unchanged, no error)."""
    open_app(page, server.url)
    server.restart(page)
    page.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    expect(page.locator(".st-key-quick_active")).to_have_count(0, timeout=PAGE_LOAD_TIMEOUT)
    wait_for_app_idle(page)
    expect(
        page.get_by_test_id("stRadio").get_by_role("radio", name="Seasonal plan")
    ).to_be_checked()
    expect(metric_value(page, "Savings per month")).to_have_text("$5,450.00")
    assert page.get_by_test_id("stAlertContentError").count() == 0
    assert scenario_in_address(page.url) == example_scenario()


def navigate(page: Page, title: str) -> None:
    """Open another page of the app from the sidebar (the same session, as a person would)."""
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)


def open_usage_with_log(page: Page, url: str) -> None:
    """Open the Usage page and upload the sample log; wait for its summary."""
    page.goto(f"{url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    upload_log(page)


def upload_log(page: Page) -> None:
    """Upload the sample log on the Usage page; wait for its summary."""
    page.locator(".st-key-usage_files input[type='file']").set_input_files(
        files=[{"name": LOG_NAME, "mimeType": "text/csv", "buffer": sample_log_csv()}]
    )
    expect(page.get_by_test_id("stMetric").filter(has_text="Agents who logged in")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )


def change_an_option(page: Page) -> None:
    """Open the options and change the minimum peak length: a rerun the person asked for."""
    page.get_by_text("Options: format, time zones, rules, months").click()
    box = page.locator(".st-key-usage_peak_min input")
    box.fill("5")
    box.press("Enter")


def test_upload_lost_in_a_restart_is_announced(server, page):
    """The uploaded log is gone after a restart: the page names it and asks for it again,
    instead of quietly showing the empty page as if nothing had been uploaded."""
    open_usage_with_log(page, server.url)
    server.restart(page)
    change_an_option(page)
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text=LOG_NAME)
    expect(warning).to_be_visible(timeout=PAGE_LOAD_TIMEOUT)
    expect(warning).to_contain_text("upload it again")
    assert page.get_by_test_id("stException").count() == 0


@pytest.fixture
def e2e_server() -> Iterator[Server]:
    """A server that honours ``window.streamlitDebug.disconnectWebsocket()`` (e2e test mode)."""
    running = Server("--global.e2eTest", "true")
    yield running
    running.stop()


class ScriptRuns:
    """Follows the page's WebSocket frames to tell when the server has answered the last run the
    browser asked for.

    The page's own marker (``data-test-script-state``) is not enough here: after a reconnect the
    browser asks for a run without changing the marker, so under load the page looks idle while
    the server has not started the run yet. Dropping the connection then stops that run half way
    (Streamlit stops a session's script when its connection closes) and leaves half a page: a
    person would have to click again, a test would find its input gone.

    The server ignores the events of a run it replaced, so the last run asked for is answered once
    a ``new_session`` has arrived after the request and a ``script_finished`` after that.

    Playwright may report the request's frame only after the test's next call: a run the test
    asks for (:meth:`press_enter`) is also counted at once, and is answered only once its request
    has been seen too.
    """

    def __init__(self, page: Page) -> None:
        self.events = 0
        self.asked = self.started = self.finished = -1
        self.requests_seen = 0  # rerun requests the browser sent
        self.requests_made = 0  # runs the test asked for
        page.on("websocket", self._follow)

    def press_enter(self, box: Locator) -> None:
        """Press Enter in ``box``, which asks for a run."""
        box.press("Enter")
        self.requests_made += 1

    def _follow(self, socket: WebSocket) -> None:
        socket.on("framesent", self._sent)
        socket.on("framereceived", self._received)

    def _sent(self, payload: bytes | str) -> None:
        if isinstance(payload, str):  # Streamlit's messages are binary protobuf
            return
        message = BackMsg()
        message.ParseFromString(payload)
        if message.WhichOneof("type") == "rerun_script":
            self.events += 1
            self.asked = self.events
            self.requests_seen += 1

    def _received(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.events += 1
            self.started = self.events
        elif kind == "script_finished":
            self.events += 1
            self.finished = self.events

    def answered(self) -> bool:
        seen = self.requests_seen >= self.requests_made
        return seen and self.asked < self.started < self.finished

    def wait(self, page: Page, timeout_ms: float = PAGE_LOAD_TIMEOUT) -> None:
        """Wait until the last run asked for has finished and no frame came for
        :data:`QUIET_MS` (a request the browser made on its own, such as on reconnecting, may be
        reported late too), then until the page marks the run finished."""
        deadline = time.monotonic() + timeout_ms / 1000
        seen = -1
        while not (self.answered() and self.events == seen):
            assert time.monotonic() < deadline, "the server did not answer the last run asked for"
            seen = self.events
            # Lets Playwright deliver the frames' events; once answered, watches for late ones.
            page.wait_for_timeout(QUIET_MS if self.answered() else 50)
        wait_for_app_idle(page, timeout=timeout_ms)


def drop_connection(page: Page, runs: ScriptRuns) -> None:
    """Once the server has answered every run asked for, close the page's WebSocket from the
    server side; wait until the page reconnected and the run it asks for on reconnecting (when
    it was waiting for one) has finished."""
    runs.wait(page)
    page.evaluate(_WATCH_CONNECTION)
    page.evaluate("window.streamlitDebug.disconnectWebsocket()")
    page.wait_for_function(_RECONNECTED, timeout=PAGE_LOAD_TIMEOUT)
    runs.wait(page)


def test_inputs_and_upload_survive_fifteen_dropped_connections(e2e_server, page):
    """The connection drops 15 times while a person keeps working on the Usage page: every
    input there is applied, the uploaded log stays, and the scenario entered on the calculator
    before is still there afterwards (boxes, headline and address)."""
    runs = ScriptRuns(page)
    open_app(page, e2e_server.url)
    enter_value(page, "quick_provisioned", 120)
    expect(metric_value(page, "Savings per month")).to_have_text("$7,450.00")
    navigate(page, "Usage from logs")
    upload_log(page)
    page.get_by_text("Options: format, time zones, rules, months").click()
    box = page.locator(".st-key-usage_peak_min input")
    summary = page.get_by_test_id("stMetric").filter(has_text="Agents who logged in")
    for drop in range(15):
        drop_connection(page, runs)
        box.fill(str(5 * (drop + 1)))
        runs.press_enter(box)
        runs.wait(page)
        expect(summary).to_be_visible()
    expect(box).to_have_value("75")
    expect(page.get_by_test_id("stAlertContentWarning").filter(has_text=LOG_NAME)).to_have_count(0)

    navigate(page, "Calculator")
    expect(quick_input(page, "quick_provisioned")).to_have_value("120", timeout=PAGE_LOAD_TIMEOUT)
    expect(metric_value(page, "Savings per month")).to_have_text("$7,450.00")
    page.wait_for_function("() => window.location.search.includes('s=')")
    assert {month.provisioned for month in scenario_in_address(page.url).staffing} == {120}
    assert page.get_by_test_id("stException").count() == 0


def test_upload_cut_off_half_way_leaves_the_page_usable(app_url, page):
    """The connection resets during an upload: the page says in words what the red mark means
    and what to do; removing the file and uploading it again works."""
    page.goto(f"{app_url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    page.route("**/_stcore/upload_file/**", lambda route: route.abort("connectionreset"))
    chooser = page.locator(".st-key-usage_files input[type='file']")
    chooser.set_input_files(
        files=[{"name": LOG_NAME, "mimeType": "text/csv", "buffer": sample_log_csv()}]
    )
    chip = page.locator(".st-key-usage_files").get_by_test_id("stFileChip")
    expect(chip.get_by_test_id("stFileChipIconError")).to_be_visible(timeout=PAGE_LOAD_TIMEOUT)
    expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text("did not finish uploading")
    assert page.get_by_test_id("stException").count() == 0

    page.unroute("**/_stcore/upload_file/**")
    chip.get_by_test_id("stFileChipDeleteBtn").click()
    expect(chip).to_have_count(0)
    chooser.set_input_files(
        files=[{"name": LOG_NAME, "mimeType": "text/csv", "buffer": sample_log_csv()}]
    )
    expect(page.get_by_test_id("stMetric").filter(has_text="Agents who logged in")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    assert page.get_by_test_id("stException").count() == 0


def test_a_file_over_the_size_limit_says_why_under_its_name(app_url, page):
    """A 1.5 MB file in the scenario box (1 MB at most) never reaches the app: Streamlit marks it
    red and gave its reason only in a tooltip and to screen readers. The reason is now shown
    under the file's name, in words a person can read without hovering."""
    open_app(page, app_url)
    chooser = page.locator(".st-key-share_upload input[type='file']")
    chooser.set_input_files(
        files=[{"name": "big.json", "mimeType": "application/json", "buffer": b" " * 1_500_000}]
    )
    chip = page.locator(".st-key-share_upload").get_by_test_id("stFileChip")
    reason = chip.get_by_role("alert")
    expect(reason).to_have_text("Error: File must be 1.0MB or smaller.", timeout=PAGE_LOAD_TIMEOUT)
    box = reason.bounding_box()
    assert box is not None
    assert box["width"] > 100  # not the 1 px clip that hid it
    assert box["height"] > 10
    assert page.get_by_test_id("stException").count() == 0
