"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page, nor in the calculator's states.

The pages come from ``PAGES`` in the entrypoint (read from its source, so a new page is checked
without editing this file); a separate test checks that list against the app's own navigation.

Every test asserts that axe reports no violation at all: none is accepted as known.
"""

from __future__ import annotations

import ast

import pytest
from playwright.sync_api import Page, expect
from streamlit.source_util import page_icon_and_name

from tests.browser.calculator_page import (
    CHART_SECTIONS,
    enter_value,
    open_app,
    open_chart_sections,
    wait_for_page_drawn,
)
from tests.browser.conftest import ENTRYPOINT, run_axe


def page_url_paths() -> list[str]:
    """The URL path of every ``st.Page`` in the entrypoint's ``PAGES`` ("" for the default)."""
    tree = ast.parse(ENTRYPOINT.read_text(encoding="utf-8"))
    pages = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "PAGES" for target in node.targets)
    )
    paths = []
    for call in pages.elts:
        keywords = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
        if keywords.get("default"):
            paths.append("")
        elif "url_path" in keywords:
            paths.append(keywords["url_path"].strip("/"))
        else:
            # Streamlit infers the path from the file name, as for its pages/ directory.
            script = ENTRYPOINT.parent / ast.literal_eval(call.args[0])
            paths.append(page_icon_and_name(script)[1])
    return paths


PAGE_PATHS = page_url_paths()


def open_page(page: Page, url: str) -> None:
    """Open ``url`` and wait until it is fully drawn."""
    page.goto(url)
    wait_for_page_drawn(page)


def test_every_page_in_the_navigation_is_checked(app_url, page):
    """The pages read from ``PAGES`` are exactly the pages the app's navigation links to."""
    open_page(page, app_url)
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links).to_have_count(len(PAGE_PATHS))
    hrefs = links.evaluate_all("links => links.map(link => new URL(link.href).pathname)")
    assert sorted(href.strip("/") for href in hrefs) == sorted(PAGE_PATHS)


@pytest.mark.parametrize("path", PAGE_PATHS, ids=[path or "default" for path in PAGE_PATHS])
def test_page_has_no_violations(app_url, page, path):
    """A freshly opened page has no WCAG A/AA violation."""
    open_page(page, f"{app_url}/{path}")
    assert run_axe(page) == []


def test_calculator_with_an_input_error_has_no_violations(app_url, page):
    """The calculator showing a broken rule under its inputs has no WCAG A/AA violation."""
    open_app(page, app_url)
    enter_value(page, "quick_active", 200)
    expect(page.get_by_test_id("stAlertContentError")).to_be_visible()
    wait_for_page_drawn(page)
    assert run_axe(page) == []


def test_calculator_with_a_bad_link_has_no_violations(app_url, page):
    """The calculator warning about a damaged share link has no WCAG A/AA violation."""
    open_app(page, f"{app_url}/?s=v1.damaged")
    expect(page.get_by_test_id("stAlertContentWarning")).to_be_visible()
    assert run_axe(page) == []


def test_calculator_with_every_chart_and_table_open_has_no_violations(app_url, page):
    """With every chart section open and the waterfall's data table expanded, the calculator
    has no WCAG A/AA violation."""
    open_app(page, app_url)
    open_chart_sections(page)
    expanders = page.get_by_test_id("stExpander").filter(has_text="Numbers behind the chart")
    expect(expanders).to_have_count(1)
    expanders.first.locator("summary").click()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1 + len(CHART_SECTIONS))
    wait_for_page_drawn(page)
    assert run_axe(page) == []


def test_calculator_in_seasonal_mode_has_no_violations(app_url, page):
    """The calculator with the month-by-month editor shown has no WCAG A/AA violation."""
    open_app(page, app_url)
    page.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    expect(page.locator(".st-key-quick_active")).to_have_count(0)
    wait_for_page_drawn(page)
    assert run_axe(page) == []
