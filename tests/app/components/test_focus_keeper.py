"""The script that gives the keyboard focus back is on every page, first and out of sight."""

import pytest

from app.components.focus_keeper import MARK, SCRIPT
from app.components.page_style import PAGE_CSS
from tests.app.conftest import open_page

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
    first = at.main.children[0]
    assert type(first).__name__ == "Html"
    assert first.value == SCRIPT


def test_the_element_takes_no_room():
    """Its element's container is hidden, so it takes no gap in the page either."""
    assert f'[data-testid="stElementContainer"]:has([{MARK}]) {{ display: none; }}' in PAGE_CSS
