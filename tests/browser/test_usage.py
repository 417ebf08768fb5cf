"""The usage page in a real browser: upload the sample log, read the insights, hand over the curve.

Oracle for the handover: the worked example's plans (named seats at $100 as today's plan, active
users at $65) priced on the log's months with 40 seats paid for; the volume effect of a month is
the seats nobody used, (40 - active agents) x $100, and the waterfall shows their monthly average.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Page, WebSocketRoute, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from calculator.usage import (
    DEFAULT_CAP_HOURS,
    SAMPLE_FILE_NAME,
    UsageOptions,
    analyze_log,
    analyze_logs,
    sample_log_csv,
)
from tests.browser.calculator_page import PAGE_LOAD_TIMEOUT, wait_for_page_drawn, waterfall_figure
from tests.browser.conftest import run_axe, wait_for_app_idle

SEATS = 40
INSIGHT_CHARTS = (
    "usage_billing_chart",
    "usage_daily_chart",
    "usage_load_chart",
    "usage_heatmap_chart",
)


def count_charts_sent(page: Page) -> list[str]:
    """The keys of the charts the server sends to ``page`` from now on, in order (the list
    grows as they come; clear it to count from a later point)."""
    charts_sent: list[str] = []

    def note_charts(payload: str | bytes) -> None:
        if not isinstance(payload, bytes):
            return
        forward = ForwardMsg()
        forward.ParseFromString(payload)
        element = forward.delta.new_element
        if forward.WhichOneof("type") == "delta" and element.WhichOneof("type") == "plotly_chart":
            charts_sent.append(element.plotly_chart.id.rsplit("-", 1)[-1])

    page.on("websocket", lambda socket: socket.on("framereceived", note_charts))
    return charts_sent


def count_from_here(charts_sent: list[str]) -> None:
    """Check that the page drawn so far was counted (its last chart among those sent), then
    start the count again."""
    assert "usage_heatmap_chart_figure" in charts_sent
    charts_sent.clear()


def open_sample_log(app_url: str, page: Page) -> None:
    """The usage page with the sample log, every chart drawn and the app idle."""
    page.goto(f"{app_url}/usage")
    page.locator(".st-key-usage_try_sample label").click(timeout=PAGE_LOAD_TIMEOUT)
    expect(page.locator(".st-key-usage_heatmap_chart .js-plotly-plot")).to_have_count(
        1, timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)


def enter_number(page: Page, key: str, value: int) -> None:
    """Type ``value`` into the number box with key ``key`` and apply it with Enter."""
    box = page.locator(f".st-key-{key} input")
    box.fill(str(value))
    box.press("Enter")


def test_sample_log_insights_and_handover_with_seats(app_url: str, page: Page) -> None:
    """Upload the sample, see every insight chart with its table, give the seats paid for, use
    the log as the staffing curve, and see the unused seats as the volume effect."""
    page.goto(f"{app_url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    page.locator(".st-key-usage_files input[type='file']").set_input_files(
        files=[{"name": "sample.csv", "mimeType": "text/csv", "buffer": sample_log_csv()}]
    )
    for key in INSIGHT_CHARTS:
        chart = page.locator(f".st-key-{key}")
        expect(chart.locator(".js-plotly-plot")).to_have_count(1, timeout=PAGE_LOAD_TIMEOUT)
        expander = chart.get_by_test_id("stExpander")
        expect(expander).to_contain_text("Numbers behind the chart")
        expander.locator("summary").click()
        expect(expander.get_by_test_id("stDataFrame")).to_be_visible()
    expect(page.locator(".st-key-usage_daily_chart")).to_contain_text("The busiest day was")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)

    enter_number(page, "usage_paid_seats", SEATS)
    expect(page.get_by_text(f"You pay for {SEATS} seats today")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    button = page.get_by_role("button", name="Use as my staffing curve")
    expect(button).to_have_count(1)  # a rerun may briefly show the old copy beside the new
    button.click()

    expect(page.locator(".st-key-chart_waterfall .js-plotly-plot")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    months = analyze_log("sample.csv", sample_log_csv()).months
    unused = sum((SEATS - month.active) * 100 for month in months)
    volume = float(Decimal(unused) / len(months))
    figure = waterfall_figure(page)
    assert volume > 0
    assert figure["y"][0][1] == -volume


def test_usage_page_with_insights_has_no_accessibility_violation(app_url: str, page: Page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation once the sample's insights are drawn."""
    page.goto(f"{app_url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    page.locator(".st-key-usage_files input[type='file']").set_input_files(
        files=[{"name": "sample.csv", "mimeType": "text/csv", "buffer": sample_log_csv()}]
    )
    for key in INSIGHT_CHARTS:
        expect(page.locator(f".st-key-{key} .js-plotly-plot")).to_have_count(
            1, timeout=PAGE_LOAD_TIMEOUT
        )
    wait_for_page_drawn(page)
    assert run_axe(page) == []


class FirstRunCutShort:
    """Passes the page's WebSocket through, except that the first run's messages after the
    widget ``key`` never reach the browser, as when the next input cuts that run short.

    Streamlit clears what it has not yet sent of a run when the next run starts
    (``AppSession``, on ``SCRIPT_STARTED``), so a click that arrives while the first run is
    being sent leaves the browser with the start of the page only. Dropping the rest on the
    way gives the browser the same page at a moment the test chooses.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.runs = 0
        self.dropping = False
        self.dropped = 0

    def route(self, browser_side: WebSocketRoute) -> None:
        server_side = browser_side.connect_to_server()
        browser_side.on_message(server_side.send)
        server_side.on_message(lambda message: self._to_browser(browser_side, message))

    def _to_browser(self, browser_side: WebSocketRoute, message: str | bytes) -> None:
        if isinstance(message, bytes):
            forward = ForwardMsg()
            forward.ParseFromString(message)
            if forward.WhichOneof("type") == "new_session":  # a run starts
                self.runs += 1
                self.dropping = False
            elif self.dropping:
                self.dropped += 1
                return
            elif self.runs == 1 and self._draws_the_widget(forward):
                self.dropping = True
        browser_side.send(message)

    def _draws_the_widget(self, forward: ForwardMsg) -> bool:
        if forward.WhichOneof("type") != "delta":
            return False
        element = forward.delta.new_element
        kind = element.WhichOneof("type")
        widget_id = getattr(getattr(element, kind), "id", "") if kind else ""
        return widget_id.endswith(f"-{self.key}")


GENESYS_VOICE_LOG = (
    b"agent,login,logout\n"
    b"early,2026-03-01 05:00:00,2026-03-01 06:00:00\n"
    b"late,2026-03-01 08:00:00,2026-03-01 10:30:00\n"
)


def test_a_billing_cycle_from_7_utc_moves_the_early_login_to_february(
    app_url: str, page: Page
) -> None:
    """Genesys Cloud's voice cycle "begins and ends at 7:00 UTC": typed under Options, the
    login before 07:00 on 1 March moves to February's cycle in the monthly chart, and the page
    says how the months are cut."""
    page.goto(f"{app_url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    page.locator(".st-key-usage_files input[type='file']").set_input_files(
        files=[{"name": "log.csv", "mimeType": "text/csv", "buffer": GENESYS_VOICE_LOG}]
    )
    chart = page.locator(".st-key-usage_monthly_chart .js-plotly-plot")
    expect(chart).to_have_count(1, timeout=PAGE_LOAD_TIMEOUT)
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    active = "e => e.data.filter(t => t.name === 'Active agents').map(t => [t.x, t.y])[0]"
    assert chart.evaluate(active) == [["2026-03"], [2]]

    page.get_by_text("Options: format, time zones, rules, months").click()
    enter_number(page, "usage_cycle_hour", 7)
    expect(page.get_by_text("Billing months run from the 1st at 07:00")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    chart = page.locator(".st-key-usage_monthly_chart .js-plotly-plot")
    assert chart.evaluate(active) == [["2026-02", "2026-03"], [1, 1]]


def test_options_filled_in_a_run_cut_short_still_reach_the_browser(app_url: str, page: Page):
    """Clicking "Try it with the sample log" before the page has finished loading: the options
    box, filled on the server in the run the click cut short, still shows the options' values,
    and the next change to an option is applied, not refused as empty.

    Before the fix, the box showed a session cap of 0.25 (the input's minimum) and an empty
    peak-minutes field, and the next input was refused with "is empty; type a number".
    """
    cut = FirstRunCutShort("usage_try_sample")
    page.route_web_socket("**/_stcore/stream", cut.route)
    page.goto(f"{app_url}/usage")
    toggle = page.get_by_text("Try it with the sample log")
    toggle.wait_for(timeout=PAGE_LOAD_TIMEOUT)
    expect(page.get_by_text("Options: format, time zones, rules, months")).to_have_count(0)
    toggle.click()

    expect(page.locator(".st-key-usage_billing_chart .js-plotly-plot")).to_have_count(
        1, timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    assert cut.dropped > 0  # the first run really was cut short in the browser
    page.get_by_text("Options: format, time zones, rules, months").click()
    cap = page.locator(".st-key-usage_cap_hours input")
    assert float(cap.input_value()) == DEFAULT_CAP_HOURS
    assert page.locator(".st-key-usage_peak_min input").input_value() == "0"

    cap.fill("10")
    cap.press("Enter")
    capped = analyze_logs(
        [(SAMPLE_FILE_NAME, sample_log_csv())], UsageOptions(open_session_cap_hours=10)
    )
    expect(page.get_by_test_id("stMetric").filter(has_text="Logged-in hours")).to_contain_text(
        f"{capped.total_logged_in_hours:,.1f}", timeout=PAGE_LOAD_TIMEOUT
    )
    expect(page.get_by_text("is empty")).to_have_count(0)


def test_choosing_a_load_duration_month_redraws_that_curve_only(app_url: str, page: Page) -> None:
    """The month of the load-duration curve is chosen inside a fragment: the server sends the
    new curve and none of the page's other charts (a whole rerun would send all six again)."""
    charts_sent = count_charts_sent(page)
    result = analyze_log(SAMPLE_FILE_NAME, sample_log_csv())
    busiest = max(result.months, key=lambda month: month.peak_any_instant).month
    other = next(month.month for month in result.months if month.month != busiest)
    open_sample_log(app_url, page)
    chart = page.locator(".st-key-usage_load_chart")
    expect(chart).to_contain_text(f"Load-duration curve, {busiest}")
    count_from_here(charts_sent)

    month_box = page.locator(".st-key-usage_load_month").get_by_role("combobox")
    month_box.click()
    month_box.fill(other)
    expect(page.get_by_role("option", name=other, exact=True)).to_be_visible()
    month_box.press("Enter")  # the list can move under a pointer; the keyboard picks it alike
    expect(chart).to_contain_text(f"Load-duration curve, {other}", timeout=PAGE_LOAD_TIMEOUT)
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    assert charts_sent == ["usage_load_chart_figure"]


def test_another_number_of_idle_days_lists_the_accounts_again_only(app_url: str, page: Page):
    """The fixture log with its roster (see tests/calculator/usage/test_insights.py): with 30
    days zoe alone is idle, with 20 alice too (24 days since her last logout). The days box is
    inside a fragment: the new list comes without a single chart sent again."""
    charts_sent = count_charts_sent(page)
    fixtures = Path(__file__).parents[1] / "calculator" / "usage" / "fixtures"
    page.goto(f"{app_url}/usage")
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    for key, name in (("usage_files", "generic_sessions.csv"), ("usage_roster", "roster.csv")):
        page.locator(f".st-key-{key} input[type='file']").set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": (fixtures / name).read_bytes()}]
        )
        wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    section = page.get_by_text("Accounts nobody uses")
    expect(section).to_be_visible(timeout=PAGE_LOAD_TIMEOUT)
    expect(page.get_by_text("1 of 2 accounts still provisioned")).to_be_visible()
    count_from_here(charts_sent)

    enter_number(page, "usage_idle_days", 20)
    expect(page.get_by_text("2 of 2 accounts still provisioned")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    assert charts_sent == []


def test_typing_the_seats_paid_for_redraws_the_handover_only(app_url: str, page: Page) -> None:
    """The seats paid for, the boxes beside them and the button are a fragment: the sentence
    on what the staffing curve will assume comes back without a single chart sent again."""
    charts_sent = count_charts_sent(page)
    open_sample_log(app_url, page)
    count_from_here(charts_sent)

    enter_number(page, "usage_paid_seats", SEATS)
    expect(page.get_by_text(f"You pay for {SEATS} seats today")).to_be_visible(
        timeout=PAGE_LOAD_TIMEOUT
    )
    wait_for_app_idle(page, timeout=PAGE_LOAD_TIMEOUT)
    assert charts_sent == []
    expect(page.get_by_role("button", name="Use as my staffing curve")).to_be_enabled()
