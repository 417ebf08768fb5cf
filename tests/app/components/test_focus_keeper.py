"""The script that gives the keyboard focus back is on every page, first and out of sight."""

from pathlib import Path

import pytest

from app.components.focus_keeper import KEY, SCRIPT, policy_hash
from app.components.page_style import PAGE_CSS
from tests.app.conftest import open_page
from tests.app.helpers import keyed_block, keyed_block_path

ROOT = Path(__file__).resolve().parents[3]

PAGES = [
    "app_pages/calculator.py",
    "app_pages/usage.py",
    "app_pages/budget.py",
    "app_pages/side_by_side.py",
    "app_pages/presenter.py",
    "app_pages/method.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_the_script_first_in_its_main_area(page):
    """First, so that nothing drawn above it moves it (the browser would run it again)."""
    at = open_page(page)
    assert keyed_block_path(at, KEY) == (0,)
    [script] = keyed_block(at, KEY).get("html")
    assert script.value == PAGE_CSS + SCRIPT  # the page style in the same element


def test_the_container_takes_no_room():
    """Its wrapper is hidden, not the container alone: the wrapper took a gap of 16 px."""
    assert f'[data-testid="stLayoutWrapper"]:has(> .st-key-{KEY}) {{ display: none; }}' in PAGE_CSS


def test_the_proxy_allows_the_script_as_it_is_now():
    """The proxy's Content-Security-Policy names the script by the hash of its text: a changed
    script with the old hash would not run behind the proxy. (The proxy test checks the served
    header, where a container engine is at hand; this reads the file everywhere.)"""
    policy = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert policy_hash() in policy
