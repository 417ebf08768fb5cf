"""The method page shows docs/method.md, section by section, as written.

What the document says, and that its worked example is what the calculator computes, is checked in
tests/test_docs.py; here, that the page shows exactly that document and nothing that disagrees.
"""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.helpers import plain

METHOD = Path(__file__).resolve().parents[3] / "docs" / "method.md"


def open_method(app: AppTest) -> AppTest:
    app.run()
    app.switch_page("app_pages/method.py").run()
    assert not app.exception
    return app


def document() -> tuple[str, list[tuple[str, str]]]:
    """The title line and each ``## `` section as (heading, body), read independently."""
    text = METHOD.read_text(encoding="utf-8")
    title = text.splitlines()[0].removeprefix("# ")
    parts = text.split("\n## ")[1:]
    return title, [(part.partition("\n")[0], part.partition("\n")[2].strip()) for part in parts]


def test_page_shows_the_method_document(app: AppTest):
    """Title, every section heading in order, and each section's text as written."""
    open_method(app)
    title, sections = document()
    assert app.title[0].value == title
    assert [header.value for header in app.header] == [heading for heading, _ in sections]
    shown = [plain(block.value) for block in app.markdown]
    for heading, body in sections:
        assert body in shown, heading


def test_worked_example_figures_are_on_the_page(app: AppTest):
    """The worked example's figures, as the calculator computes them, are on the page."""
    open_method(app)
    text = " ".join(plain(block.value) for block in app.markdown)
    for figure, value in {
        "Named-seat cost a month": "$10,000.00",
        "Active-user cost a month": "$4,550.00",
        "Savings a month": "$5,450.00 (54.5 %)",
        "Utilization": "70 %",
        "Quick estimate = volume effect": "$3,000.00",
        "Rate effect": "$2,450.00",
        "Break-even utilization": "153.8 %: active users are cheaper at any utilization",
    }.items():
        assert f"| {figure} | {value} |" in text


def test_explanation_sentence(app: AppTest):
    """The one-sentence explanation of the worked example."""
    open_method(app)
    text = " ".join(plain(block.value) for block in app.markdown)
    assert (
        "Paying for 70 active users instead of 100 seats saves $5,450 a month (54.5 %): $3,000 "
        "from seats nobody used and $2,450 from the lower rate."
    ) in text


def test_counting_rules_and_illustrative_defaults_are_stated(app: AppTest):
    """Each model is defined by what it counts; defaults are called illustrative."""
    open_method(app)
    text = " ".join(" ".join(plain(block.value).split()) for block in app.markdown)
    for model in ("Named seat", "Concurrent", "Active user", "Logged-in hours"):
        assert f"| {model} | " in text
    assert "one shift 75%" in text
    assert "Every starting number is an example" in text


def test_dollar_signs_are_not_read_as_formulas(app: AppTest):
    """Streamlit reads $...$ as a formula; every dollar sign on the page is escaped."""
    open_method(app)
    unescaped = [block.value for block in app.markdown if re.search(r"(?<!\\)\$", block.value)]
    assert unescaped == []
    assert any("\\$10,000.00" in block.value for block in app.markdown)
