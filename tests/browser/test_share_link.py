"""Share links in a real browser: the address holds the scenario, and a bad link fails politely.

Oracle: the worked example, docs/method.md#worked-example (savings $5,450.00, 54.5 %); with 60
active users instead of 70, savings are 100 x $100 - 60 x $65 = $6,100.00, 61.0 % (by hand).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from app.share import from_token, offers_to_token, to_token
from app.state import LINK_WAY_FORWARD
from calculator import example_scenario
from tests.browser.calculator_page import enter_value, metric_value, open_app, quick_input
from tests.browser.conftest import wait_for_app_idle

_TOKEN_CHANGED = """initial => {
    const token = new URLSearchParams(window.location.search).get("s");
    return token !== null && token !== initial;
}"""


def share_token(url: str) -> str:
    """The ``?s=`` token of ``url``."""
    return parse_qs(urlsplit(url).query)["s"][0]


def change_to_sixty_active(page) -> str:
    """Enter 60 active users, wait until the address holds the new scenario; return the address."""
    before = share_token(page.url)
    enter_value(page, "quick_active", 60)
    expect(metric_value(page, "Savings per month")).to_have_text("$6,100.00")
    page.wait_for_function(_TOKEN_CHANGED, arg=before)
    return page.url


def test_address_holds_the_changed_scenario(app_url, page):
    """After an input changes, the ``?s=`` token in the address decodes to the new scenario."""
    open_app(page, app_url)
    url = change_to_sixty_active(page)
    scenario = from_token(share_token(url))
    assert {month.active for month in scenario.staffing} == {60}
    assert {month.provisioned for month in scenario.staffing} == {100}


def test_share_link_reopens_the_same_numbers(app_url, page, browser):
    """The address opened in a fresh browser context shows the same inputs and savings."""
    open_app(page, app_url)
    url = change_to_sixty_active(page)
    context = browser.new_context()
    try:
        other = context.new_page()
        open_app(other, url)
        expect(quick_input(other, "quick_active")).to_have_value("60")
        expect(metric_value(other, "Savings per month")).to_have_text("$6,100.00")
        expect(metric_value(other, "Savings in percent")).to_have_text("61.0 %")
    finally:
        context.close()


_COLUMNS_ARE = """expected => new URLSearchParams(window.location.search).get("c") === expected"""
_SIDE_BY_SIDE_LOAD = 30_000  # [ms] a cold first run imports pandas and plotly


def choose_column_source(page, column: int, option: str) -> None:
    """Pick ``option`` as the source of side-by-side column ``column`` (0-based)."""
    page.locator(f".st-key-side_by_side_{column}_source").get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app_idle(page)


def test_side_by_side_address_reopens_the_columns_chosen(app_url, page, browser):
    """Offer 1 as the reference and offer 2 beside it: the copied address opens in a fresh
    browser with the same columns, not this session's scenario first; the page's link box holds
    the same address."""
    offers = offers_to_token([example_scenario(24), example_scenario(18)])
    page.goto(f"{app_url}/side_by_side?s={to_token(example_scenario())}&o={offers}")
    wait_for_app_idle(page, timeout=_SIDE_BY_SIDE_LOAD)
    choose_column_source(page, 0, "Offer 1: Worked example")
    choose_column_source(page, 1, "Offer 2: Worked example")
    page.wait_for_function(_COLUMNS_ARE, arg="o1.o2.o2")
    wait_for_app_idle(page, timeout=_SIDE_BY_SIDE_LOAD)
    # The page's own link box holds what the address holds.
    link = page.get_by_role("textbox", name="Link to this comparison").input_value()
    assert urlsplit(link).path == urlsplit(page.url).path.rstrip("/") + "/"
    assert parse_qs(urlsplit(link).query) == parse_qs(urlsplit(page.url).query)
    context = browser.new_context()
    try:
        other = context.new_page()
        other.goto(page.url)
        wait_for_app_idle(other, timeout=_SIDE_BY_SIDE_LOAD)
        for column, source in enumerate(["Offer 1", "Offer 2", "Offer 2"]):
            box = other.locator(f".st-key-side_by_side_{column}_source").get_by_role("combobox")
            expect(box).to_have_value(f"{source}: Worked example", timeout=_SIDE_BY_SIDE_LOAD)
        expect(other.get_by_test_id("stException")).to_have_count(0)
    finally:
        context.close()


_VALID = to_token(example_scenario())


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        pytest.param(
            _VALID[: len(_VALID) // 2], "the share link is damaged or cut short", id="cut"
        ),
        pytest.param(
            _VALID[:-8] + "AAAAAAAA", "the share link is damaged or cut short", id="tampered"
        ),
        pytest.param(
            "v1.<script>alert(1)</script>",
            "the share link is damaged: it contains characters it cannot hold",
            id="markup",
        ),
        pytest.param(
            "v2." + _VALID[3:],
            "the share link was not made by this calculator, or by a version it cannot "
            "read (the part after ?s= should begin with v1.)",
            id="version",
        ),
    ],
)
def test_bad_link_warns_and_shows_the_worked_example(app_url, page, token, problem):
    """A damaged ``?s=`` shows a warning naming the problem, the default numbers, no traceback."""
    open_app(page, f"{app_url}/?s={token}")
    warning = page.get_by_test_id("stAlertContentWarning").get_by_test_id("stMarkdownContainer")
    expect(warning).to_have_text(f"This link could not be opened: {problem}. {LINK_WAY_FORWARD}")
    expect(metric_value(page, "Savings per month")).to_have_text("$5,450.00")
    expect(metric_value(page, "Savings in percent")).to_have_text("54.5 %")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_share_panel_box_holds_the_address(app_url, page):
    """The sidebar's "Link to this scenario" box holds the page's address, also after a change."""
    open_app(page, app_url)
    box = page.get_by_test_id("stSidebar").get_by_role("textbox", name="Link to this scenario")
    expect(box).to_have_value(page.url)
    url = change_to_sixty_active(page)
    expect(box).to_have_value(url)


def test_share_panel_box_is_copied_from_the_keyboard(app_url, page):
    """Tab into the link box, select all and copy: the clipboard holds the whole address."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_app(page, app_url)
    box = page.get_by_test_id("stSidebar").get_by_role("textbox", name="Link to this scenario")
    box.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("ControlOrMeta+c")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.url
