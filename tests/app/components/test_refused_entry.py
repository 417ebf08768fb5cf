"""An entry the calculator refused is told on the pages that show figures, and kept for the way
back: the other pages show the last valid scenario, which the calculator hides so that its
numbers do not pass for the refused entry's.

The worked example has 100 seats; 200 active users breaks "active users <= provisioned seats".
"""

import pytest
from streamlit.testing.v1 import AppTest

from app.components.refused_entry import CALCULATOR_PAGE
from tests.app.helpers import errors, metrics, plain

ACTIVE = "quick_active"
RULE = "active users (200) must be <= provisioned seats (100)"
FIGURE_PAGES = ["app_pages/budget.py", "app_pages/side_by_side.py", "app_pages/presenter.py"]


def warnings(at: AppTest) -> list[str]:
    return [plain(warning.value) for warning in at.warning]


def refused_notices(at: AppTest) -> list[str]:
    return [text for text in warnings(at) if "was not applied" in text]


def with_refused_entry(app: AppTest) -> AppTest:
    app.run()
    app.number_input(key=ACTIVE).set_value(200).run()
    assert any(RULE in line for line in errors(app))
    return app


@pytest.mark.parametrize("page", FIGURE_PAGES)
def test_a_page_with_figures_says_they_are_the_last_valid_entrys(app, page):
    """Budget, Side by side and the presenter show the scenario of 70 active users; they say
    that the 200 typed was not applied and why."""
    with_refused_entry(app).switch_page(page).run()
    assert not app.exception
    (notice,) = refused_notices(app)
    assert "figures here are those of the last valid entry" in notice
    assert RULE in notice


def test_no_notice_while_the_entry_is_valid(app):
    app.run()
    app.number_input(key=ACTIVE).set_value(80).run()
    app.switch_page("app_pages/budget.py").run()
    assert refused_notices(app) == []


def back_links(at: AppTest) -> list:
    return [link for link in at.get("page_link") if link.proto.label == "Back to the calculator"]


def test_the_budget_page_links_back_to_the_calculator(app):
    with_refused_entry(app).switch_page("app_pages/budget.py").run()
    (link,) = back_links(app)
    assert link.proto.page_script_hash  # a page of the app, not an address


def test_the_presenter_has_no_second_way_back(app):
    """Its "Back to editing" button is right above the notice."""
    with_refused_entry(app).switch_page("app_pages/presenter.py").run()
    assert refused_notices(app)
    assert back_links(app) == []


def test_back_on_the_calculator_the_box_holds_what_was_typed(app):
    """The refused 200 comes back with its message, not the 70 of the last valid entry, and
    still no figures are shown."""
    with_refused_entry(app).switch_page("app_pages/budget.py").run()
    app.switch_page(CALCULATOR_PAGE).run()
    assert app.number_input(key=ACTIVE).value == 200
    assert any(RULE in line for line in errors(app))
    assert "Savings per month: Active users" not in metrics(app)


def test_fixing_the_entry_ends_the_notice(app):
    with_refused_entry(app).switch_page("app_pages/budget.py").run()
    app.switch_page(CALCULATOR_PAGE).run()
    app.number_input(key=ACTIVE).set_value(90).run()
    assert metrics(app)["Savings per month: Active users"] == "$4,150.00"  # 10,000 - 90 x 65
    app.switch_page("app_pages/budget.py").run()
    assert refused_notices(app) == []


def test_a_new_scenario_drops_the_refused_entry(app):
    """A change of the scenario elsewhere (here the currency) fills the boxes from it: what was
    refused against the old one is not brought back."""
    with_refused_entry(app).switch_page("app_pages/budget.py").run()
    app.selectbox(key="scenario_currency").set_value("EUR").run()
    assert refused_notices(app) == []
    app.switch_page(CALCULATOR_PAGE).run()
    assert app.number_input(key=ACTIVE).value == 70
    assert errors(app) == []


def test_a_refused_seasonal_entry_is_told_too(app):
    """The seasonal editor's number of months at 0: Budget says it was not applied."""
    app.run()
    app.radio(key="mode_switch").set_value("Seasonal plan").run()
    app.number_input(key="seasonal_horizon").set_value(0).run()
    assert errors(app)
    app.switch_page("app_pages/budget.py").run()
    (notice,) = refused_notices(app)
    assert "number of months" in notice


def with_refused_months(app: AppTest) -> AppTest:
    app.run()
    app.radio(key="mode_switch").set_value("Seasonal plan").run()
    app.number_input(key="seasonal_horizon").set_value(0).run()
    assert any("number of months" in line for line in errors(app))
    return app


def test_back_in_the_seasonal_editor_the_number_of_months_holds_what_was_typed(app):
    """The refused 0 months comes back with its message after a visit to Budget, and still no
    figures are shown (the editor's period boxes are kept like the quick estimate's)."""
    with_refused_months(app).switch_page("app_pages/budget.py").run()
    app.switch_page(CALCULATOR_PAGE).run()
    assert app.number_input(key="seasonal_horizon").value == 0
    assert any("number of months" in line for line in errors(app))
    assert not any(label.startswith("Savings per month") for label in metrics(app))
    app.number_input(key="seasonal_horizon").set_value(24).run()
    assert errors(app) == []
    app.switch_page("app_pages/budget.py").run()
    assert refused_notices(app) == []


def test_a_refusal_in_one_mode_does_not_come_back_in_the_other(app):
    """0 months refused, then the quick estimate (valid) and back to the seasonal plan: the
    box shows the scenario's 12 months, not the 0 of the entry the quick estimate replaced."""
    with_refused_months(app)
    app.radio(key="mode_switch").set_value("Quick estimate").run()
    assert errors(app) == []
    app.radio(key="mode_switch").set_value("Seasonal plan").run()
    assert app.number_input(key="seasonal_horizon").value == 12
    assert errors(app) == []
