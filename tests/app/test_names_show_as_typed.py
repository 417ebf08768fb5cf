"""Names a person types (the scenario's, its plans', their lines', the budget's programs and
funding sources) reach every page as typed: wherever Streamlit renders Markdown (alerts,
captions, labels, expander titles, radio options) or HTML (``st.html``), the name's markup is
escaped, so it is neither drawn (bold, a formula, a coloured word) nor made a link to a hidden
address.

Each page is walked whole, element by element, so a message added later is checked too."""

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from app.components.mode_switch import QUICK, SEASONAL
from app.share import to_token
from calculator import CountingRule, PlanLine, example_scenario
from calculator.budget import BudgetSettings, FundingShare, Program
from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import keyed_block, open_plan_sections, uploader

LINK = "[*Gold*](https://x.example)"
FORMULA = "$x^2$ :red[hot] <b>bold</b>"
MARKDOWN_MARKS = ("[*Gold*]", "$x^2$", ":red[hot]", "<b>")
"""Unescaped in Markdown, any of these would be drawn: a link, a formula, red text, bold."""
HTML_MARKS = ("<b>",)
"""Unescaped in HTML, this would be drawn bold (Markdown marks are plain text there)."""

MARKDOWN_FIELDS = {"body", "label", "help", "caption", "captions"}
"""The proto fields Streamlit renders as Markdown; ``options`` only in a radio (below)."""


def hostile_scenario():
    """The worked example with every name the pages show made of markup."""
    scenario = example_scenario()
    named, active = scenario.plans
    line = PlanLine(name=f"{FORMULA} line", rule=CountingRule.NAMED_SEAT, rate=Decimal(5))
    budget = BudgetSettings(
        appropriation=Decimal(10),
        programs=[
            Program(
                name=f"{LINK} program",
                share=Decimal(1),
                funding=[FundingShare(source=f"{FORMULA} fund", share=Decimal(1))],
            )
        ],
    )
    return scenario.model_copy(
        update={
            "name": f"{LINK} {FORMULA}",
            "baseline": f"{LINK} seats",
            "plans": [
                named.model_copy(update={"name": f"{LINK} seats"}),
                active.model_copy(update={"name": f"{FORMULA} users", "lines": [line]}),
            ],
            "budget": budget,
        }
    )


def shown_texts(node) -> list[tuple[str, str, str]]:
    """(element type, field, text) for every text the page renders as Markdown or HTML."""
    found = []
    pending = [node]
    while pending:
        node = pending.pop()
        pending.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if proto is None or type(node).__name__ in {"PlotlyChart", "Dataframe"}:
            continue  # a chart escapes its own HTML; a data grid renders no markup
        kind = type(node).__name__
        for field, text in _strings(proto):
            if field in MARKDOWN_FIELDS or (kind == "Radio" and field == "options"):
                found.append((kind, field, text))
    return found


def _strings(message):
    for descriptor, value in message.ListFields():
        single = isinstance(value, (str, bytes, int, float)) or hasattr(value, "ListFields")
        values = [value] if single else value
        for item in values:
            if isinstance(item, str):
                yield descriptor.name, item
            elif hasattr(item, "ListFields"):
                yield from _strings(item)


def unescaped(app: AppTest) -> list[tuple[str, str, str]]:
    """Every rendered text in which a name's markup would be drawn."""
    bad = []
    for kind, field, text in shown_texts(app._tree):
        marks = HTML_MARKS if kind == "Html" else MARKDOWN_MARKS
        if any(mark in text for mark in marks):
            bad.append((kind, field, text))
    return bad


@pytest.fixture
def hostile_app() -> AppTest:
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.query_params["s"] = to_token(hostile_scenario())
    app.run()
    assert not app.exception
    return app


def test_the_walk_finds_an_unescaped_name():
    """The check itself: an alert holding a raw name is found (so a pass means something)."""
    app = AppTest.from_string(f"import streamlit as st\nst.warning({LINK!r})")
    app.run()
    assert unescaped(app) == [("Warning", "body", LINK)]


@pytest.mark.parametrize("mode", [QUICK, SEASONAL])
def test_the_calculator(hostile_app: AppTest, mode: str):
    hostile_app.radio(key="mode_switch").set_value(mode).run()
    open_plan_sections(hostile_app).run()
    assert not hostile_app.exception
    assert unescaped(hostile_app) == []


@pytest.mark.parametrize(
    "page",
    ["app_pages/budget.py", "app_pages/side_by_side.py", "app_pages/presenter.py"],
)
def test_a_page(hostile_app: AppTest, page: str):
    hostile_app.switch_page(page).run()
    assert not hostile_app.exception
    assert unescaped(hostile_app) == []


def test_the_usage_page():
    """A login log whose file name, agents and sites are made of markup, split by site."""
    rows = [
        f"{LINK} agent,2024-06-03 08:00:00,2024-06-03 16:00:00,{FORMULA}",
        "bob,2024-06-03 09:00:00,2024-06-03 17:00:00,[Leeds](https://x.example)",
        f"{FORMULA},not a time,2024-06-03 17:00:00,{LINK}",  # a rejected row, quoted as read
    ]
    log = "\n".join(["agent,login,logout,Site", *rows]).encode()
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.run()
    app.switch_page("app_pages/usage.py").run()
    name = "[*Gold*](https://x.example).csv"
    uploader(app, "usage_files").set_value((name, log, "text/csv")).run()
    app.text_input(key="usage_map_group").set_value("Site").run()
    assert not app.exception
    assert keyed_block(app, "usage_groups_chart")  # the sites are shown
    assert unescaped(app) == []
