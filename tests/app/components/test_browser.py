"""What a page does for its browser: the headline and the waterfall sent first, the pause that
lets them paint before the charts below, and the PDF printer started early."""

from types import SimpleNamespace

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


def _sent_in_order(app: AppTest, monkeypatch, edit) -> list[str]:
    """What a calculator rerun sends, in order: each element by its type (``metric``,
    ``plotly_chart``, ``number_input``, ...), and ``PAUSE`` where the script paused for the
    browser to paint."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    sent: list[str] = []
    enqueue = ScriptRunContext.enqueue

    def record(self, msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            sent.append(msg.delta.new_element.WhichOneof("type"))
        return enqueue(self, msg)

    app.run()
    monkeypatch.setattr(browser, "browser_connected", lambda: True)
    # The module's own clock only: AppTest waits with time.sleep as well.
    monkeypatch.setattr(browser, "time", SimpleNamespace(sleep=lambda _: sent.append("PAUSE")))
    monkeypatch.setattr(ScriptRunContext, "enqueue", record)
    edit(app).run()
    assert not app.exception
    return sent


def test_calculator_sends_the_headline_and_the_waterfall_first(app: AppTest, monkeypatch):
    """After an edit, the headline's figures and the waterfall go out before anything else that
    takes the browser time, and the run pauses once, right after the waterfall's table: the
    inputs (unchanged on screen) and the four other charts follow."""
    sent = _sent_in_order(
        app, monkeypatch, lambda at: at.number_input(key="quick_active").set_value(60)
    )
    assert sent.count("PAUSE") == 1
    pause = sent.index("PAUSE")
    first_input = sent.index("number_input")
    assert pause < first_input
    assert sent[pause - 1] == "dataframe"  # the waterfall's table
    assert sent[:pause].count("plotly_chart") == 1  # the waterfall, and no other chart
    assert sent[:pause].count("metric") == 3  # savings, savings in percent, utilization
    assert sent[pause:].count("plotly_chart") == 4


def test_calculator_with_a_wrong_input_sends_what_to_fix_first(app: AppTest, monkeypatch):
    """While an input breaks a rule, the headline says what to fix before the inputs are sent
    again; the inputs still show the problem under them, and no pause is needed."""
    sent = _sent_in_order(
        app, monkeypatch, lambda at: at.number_input(key="quick_active").set_value(120)
    )
    assert "PAUSE" not in sent
    assert "plotly_chart" not in sent
    headline, under_inputs = [index for index, kind in enumerate(sent) if kind == "alert"]
    assert headline < sent.index("number_input") < under_inputs
    assert "active users (120) must be \\<= provisioned" in app.error[0].value  # escaped Markdown


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
