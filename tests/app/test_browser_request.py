"""Widgets filled through the session get their values sent again while the browser does not
report them (:func:`app.browser_request.resend_if_unreported`).

A run cut short by the next input loses the part Streamlit had not yet sent; the browser then
never received the widgets filled in it and reports nothing for them. AppTest reports every
widget of its last run, so these tests play the cut-short run by making the request report no
widget (:func:`app.browser_request.sent_widget_states` patched to return nothing). What the
browser would draw is in the widget's message: ``set_value`` tells it to show the value sent,
else it draws the widget's default (a number input's minimum). The real cut, in a browser, is in
``tests/browser/test_usage.py``.
"""

import pytest
from streamlit.testing.v1 import AppTest

from app import browser_request
from app.components.currency import currency_label
from calculator.usage import DEFAULT_CAP_HOURS
from tests.app.conftest import ENTRYPOINT, open_page


@pytest.fixture
def usage_page() -> AppTest:
    """The app opened on the usage page: the options box filled on its first run."""
    return open_page("app_pages/usage.py")


def cut_short(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Run again as after a run the browser never received: the request reports no widget."""
    monkeypatch.setattr(browser_request, "sent_widget_states", dict)
    at.run()
    assert not at.exception
    return at


def test_a_filled_number_is_sent_with_its_widget_in_the_run_that_fills_it(usage_page):
    cap = usage_page.number_input(key="usage_cap_hours")
    assert cap.proto.set_value
    assert cap.proto.value == DEFAULT_CAP_HOURS


def test_a_widget_the_browser_reports_is_not_sent_again(usage_page):
    """The browser shows the value already: sending it again would only redraw the widget."""
    assert not usage_page.run().number_input(key="usage_cap_hours").proto.set_value


def test_filled_numbers_the_browser_did_not_report_are_sent_again(usage_page, monkeypatch):
    """Else the browser draws the cap at its minimum, 0.25, and the peak minutes empty, and
    sends those back with the next input."""
    at = cut_short(usage_page, monkeypatch)
    cap = at.number_input(key="usage_cap_hours")
    assert cap.proto.set_value
    assert cap.proto.value == DEFAULT_CAP_HOURS
    peak = at.number_input(key="usage_peak_min")
    assert peak.proto.set_value
    assert peak.proto.value == 0


def test_the_value_the_person_entered_is_the_one_sent_again(usage_page, monkeypatch):
    usage_page.number_input(key="usage_cap_hours").set_value(10.0).run()
    cap = cut_short(usage_page, monkeypatch).number_input(key="usage_cap_hours")
    assert cap.proto.set_value
    assert cap.proto.value == 10.0


def test_a_choice_filled_from_the_scenario_is_sent_again(monkeypatch):
    """The currency: a widget drawn outside the binding, filled by ``seed_widgets``."""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=60).run()
    assert not at.run().selectbox(key="scenario_currency").proto.set_value
    currency = cut_short(at, monkeypatch).selectbox(key="scenario_currency")
    assert currency.proto.set_value
    assert currency.proto.raw_value == currency_label("USD")  # the option as shown
