"""The entrypoint routes to every page and each renders without an exception."""

import pytest
from streamlit.testing.v1 import AppTest

PAGES = ["app_pages/calculator.py", "app_pages/method.py"]


def test_default_page_is_the_calculator_on_the_worked_example(app: AppTest):
    """Opening the app shows the worked example's savings: $5,450.00 a month, 54.5 %."""
    app.run()
    assert not app.exception
    values = {metric.label: metric.value for metric in app.metric}
    assert values["Savings per month: Active users"] == "$5,450.00"
    assert values["Savings in percent: Active users"] == "54.5 %"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app: AppTest, page: str):
    """Each page renders without an exception."""
    app.run()
    app.switch_page(page).run()
    assert not app.exception
