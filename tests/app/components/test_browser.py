"""What a page does for its browser: the pauses that let the headline and the waterfall paint
before the charts below, and the PDF printer started early."""

from streamlit.testing.v1 import AppTest

from app.components import browser


def _connected_script() -> None:
    import streamlit as st

    from app.components.browser import browser_connected

    st.write(f"connected={browser_connected()}")


def test_a_headless_run_has_no_browser():
    """AppTest runs have no request headers, so the pause is skipped there."""
    app = AppTest.from_function(_connected_script).run()
    assert not app.exception
    assert app.markdown[0].value == "connected=False"


def test_pauses_only_with_a_browser(monkeypatch):
    """With a browser the script sleeps PAINT_PAUSE once per call; without one it never sleeps."""
    slept: list[float] = []
    monkeypatch.setattr(browser.time, "sleep", slept.append)
    monkeypatch.setattr(browser, "browser_connected", lambda: False)
    browser.paint_now()
    assert slept == []
    monkeypatch.setattr(browser, "browser_connected", lambda: True)
    browser.paint_now()
    assert slept == [browser.PAINT_PAUSE]


def test_calculator_pauses_after_the_headline_and_after_the_waterfall(app: AppTest, monkeypatch):
    """On the calculator the pauses come right after the headline's last figure and right after
    the waterfall's table: the two things a person watches are sent, and painted, first."""
    import streamlit as st

    monkeypatch.setattr(browser, "browser_connected", lambda: True)
    monkeypatch.setattr(browser.time, "sleep", lambda _: st.markdown("PAUSE"))
    app.run()
    assert not app.exception
    # Iterating the main area walks every element depth-first, in page order.
    order = [
        "PAUSE"
        if type(node).__name__ == "Markdown" and node.value == "PAUSE"
        else getattr(node, "key", None) or type(node).__name__
        for node in app.main
    ]
    first = order.index("PAUSE")
    second = order.index("PAUSE", first + 1)
    assert "PAUSE" not in order[second + 1 :]
    assert order.index("headline") < first
    assert order[first - 1] == "Metric"
    assert order[first + 1] == "chart_waterfall"
    assert order[second - 1] == "Dataframe"  # the waterfall's table
    assert order.index("chart_monthly_cost") > second


def test_printer_is_warmed_only_for_a_browser(monkeypatch):
    """A page shown in a browser starts the printer; a headless run never does."""
    started: list[str] = []
    monkeypatch.setattr(browser, "find_chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(browser, "warm_up_printer", started.append)
    monkeypatch.setattr(browser, "browser_connected", lambda: False)
    assert browser.pdf_chromium() == "/usr/bin/chromium"
    assert started == []
    monkeypatch.setattr(browser, "browser_connected", lambda: True)
    assert browser.pdf_chromium() == "/usr/bin/chromium"
    assert started == ["/usr/bin/chromium"]


def test_no_printer_without_chromium(monkeypatch):
    """Without Chromium there is nothing to start, browser or not."""
    started: list[str] = []
    monkeypatch.setattr(browser, "find_chromium", lambda: None)
    monkeypatch.setattr(browser, "warm_up_printer", started.append)
    monkeypatch.setattr(browser, "browser_connected", lambda: True)
    assert browser.pdf_chromium() is None
    assert started == []
