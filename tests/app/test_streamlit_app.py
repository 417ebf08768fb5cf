"""The entrypoint routes to every page and each renders without an exception."""

import ast

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import plain

PAGE_DIR = ENTRYPOINT.parent / "app_pages"
PAGES = sorted(
    f"app_pages/{path.name}" for path in PAGE_DIR.glob("*.py") if path.stem != "__init__"
)


def routed_pages() -> set[str]:
    """Page paths named in the entrypoint's st.Page(...) calls."""
    tree = ast.parse(ENTRYPOINT.read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_every_page_file_is_routed():
    """Each file in app_pages/ is reachable from the navigation, and nothing else is routed."""
    assert routed_pages() == set(PAGES)


def test_default_page_is_the_calculator_on_the_worked_example(app: AppTest):
    """Opening the app shows the worked example's savings: $5,450.00 a month, 54.5 %."""
    app.run()
    assert not app.exception
    values = {metric.label: plain(metric.value) for metric in app.metric}
    assert values["Savings per month: Active users"] == "$5,450.00"
    assert values["Savings in percent: Active users"] == "54.5 %"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app: AppTest, page: str):
    """Each page renders without an exception."""
    app.run()
    app.switch_page(page).run()
    assert not app.exception
