"""The session's scenario and its share link: a copied address reproduces the numbers, and a bad
link shows a warning and the worked example, never an error page."""

from streamlit.testing.v1 import AppTest

from app.share import MAX_TOKEN_CHARS, to_token
from app.state import LINK_WAY_FORWARD
from calculator import example_scenario
from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import metrics, plain

WORKED_SAVINGS = "$5,450.00"  # 100 x $100 - 70 x $65: docs/method.md#worked-example


def open_link(token: str | list[str]) -> AppTest:
    """A fresh session (a new browser) opening the app with ``?s=token`` (``?s=a&s=b`` for a
    list)."""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["s"] = token
    return at.run()


def test_first_visit_puts_the_scenario_in_the_address(app: AppTest):
    """Without a link, the worked example is loaded and written to ``?s=``."""
    app.run()
    assert app.query_params["s"] == to_token(example_scenario())


def test_the_address_follows_every_change(app: AppTest):
    """After an edit the link holds the edited scenario."""
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    assert app.query_params["s"] == to_token(app.session_state["scenario"])


def test_the_address_changes_after_the_page_is_drawn(app: AppTest, monkeypatch):
    """The new ``?s=`` reaches the browser after the run's last element: each change of the
    address adds a history entry there, which would hold up the figures still to come."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    sent: list[str] = []
    enqueue = ScriptRunContext.enqueue

    def record(self, msg):
        if msg.WhichOneof("type") == "page_info_changed":
            sent.append(msg.page_info_changed.query_string)
        elif msg.WhichOneof("type") == "delta":
            sent.append("element")
        return enqueue(self, msg)

    app.run()
    monkeypatch.setattr(ScriptRunContext, "enqueue", record)
    app.number_input(key="quick_active").set_value(60).run()
    token = to_token(app.session_state["scenario"])
    changes = [index for index, what in enumerate(sent) if what != "element"]
    assert [sent[index] for index in changes] == [f"s={token}"]
    assert changes == [len(sent) - 1]
    assert sent.count("element") > 40  # the whole page came before it


def test_share_link_round_trip_reproduces_the_numbers(app: AppTest):
    """A link copied after changing active users to 60 opens on $6,100.00 (61.0 %) elsewhere."""
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    copied = app.query_params["s"]
    other = open_link(copied)
    assert not other.exception
    assert not other.warning
    assert metrics(other)["Savings per month: Active users"] == "$6,100.00"
    assert metrics(other)["Savings in percent: Active users"] == "61.0 %"
    assert other.number_input(key="quick_active").value == 60
    assert other.session_state["scenario"] == app.session_state["scenario"]


def test_tampered_link_warns_and_shows_the_default():
    """A damaged token gives a plain warning and the worked example."""
    at = open_link("v1.garbage")
    assert not at.exception
    assert [plain(warning.value) for warning in at.warning] == [
        "This link could not be opened: the share link is damaged or cut short. " + LINK_WAY_FORWARD
    ]
    assert "ask for the link again" in LINK_WAY_FORWARD
    assert metrics(at)["Savings per month: Active users"] == WORKED_SAVINGS


def test_empty_link_says_it_holds_no_scenario():
    """``?s=`` with nothing after it (an address cut at the equals sign) is called empty, not a
    format this version does not understand."""
    at = open_link("")
    assert [plain(warning.value) for warning in at.warning] == [
        "This link could not be opened: the share link holds no scenario (it may have been cut "
        "short). " + LINK_WAY_FORWARD
    ]
    assert at.session_state["scenario"] == example_scenario()


def test_truncated_link_warns_and_shows_the_default():
    """Half a real token (cut off in an e-mail) is refused the same way."""
    token = to_token(example_scenario().model_copy(update={"name": "Cut"}))
    at = open_link(token[: len(token) // 2])
    assert "damaged or cut short" in plain(at.warning[0].value)
    assert at.session_state["scenario"] == example_scenario()


def test_oversized_link_warns_and_shows_the_default():
    """A token over the cap is refused by length and the default scenario loads."""
    at = open_link("v1." + "A" * MAX_TOKEN_CHARS)
    assert not at.exception
    assert plain(at.warning[0].value) == (
        f"This link could not be opened: the share link is {MAX_TOKEN_CHARS + 3:,} characters "
        f"long; the limit is {MAX_TOKEN_CHARS:,}. {LINK_WAY_FORWARD}"
    )
    assert metrics(at)["Savings per month: Active users"] == WORKED_SAVINGS


def test_link_starting_in_year_9999_warns_and_shows_the_default():
    """A link is checked like any entry: a first month past the years allowed is named."""
    scenario = example_scenario().model_copy(update={"start_month": "9999-12"})  # unchecked
    at = open_link(to_token(scenario))
    assert [plain(warning.value) for warning in at.warning] == [
        "This link could not be opened: the share link holds an invalid scenario: first month: "
        f"must be in the years 1900 to 9994 (got '9999-12'). {LINK_WAY_FORWARD}"
    ]
    assert at.session_state["scenario"] == example_scenario()


def test_link_with_two_different_scenarios_opens_neither():
    """``?s=A&s=B`` (two links pasted together): neither is guessed at; the warning says why and
    the address then holds the scenario shown."""
    first, second = (
        to_token(example_scenario().model_copy(update={"name": name}))
        for name in ("First", "Second")
    )
    at = open_link([first, second])
    assert [plain(warning.value) for warning in at.warning] == [
        "This link could not be opened: the share link holds 2 different scenarios, so which one "
        f"was meant is unclear. {LINK_WAY_FORWARD}"
    ]
    assert at.session_state["scenario"] == example_scenario()
    assert at.query_params["s"] == to_token(example_scenario())


def test_link_giving_the_same_scenario_twice_opens_it():
    """``?s=A&s=A`` leaves no doubt: scenario A opens without a warning."""
    token = to_token(example_scenario().model_copy(update={"name": "Twice"}))
    at = open_link([token, token])
    assert not at.warning
    assert at.session_state["scenario"].name == "Twice"


def test_bad_link_is_replaced_in_the_address():
    """After a bad link the address holds the scenario actually shown."""
    at = open_link("v1.garbage")
    assert at.query_params["s"] == to_token(example_scenario())


def test_link_warning_goes_away_after_the_first_change():
    """Once the user edits, the warning about the old link no longer applies."""
    at = open_link("v1.garbage")
    at.number_input(key="quick_active").set_value(60).run()
    assert not at.warning


def test_link_warning_is_shown_on_other_pages_too():
    """Opening a bad link and switching page keeps the explanation visible."""
    at = open_link("v1.garbage")
    at.switch_page("app_pages/method.py").run()
    assert "could not be opened" in plain(at.warning[0].value)
