"""The method page shows docs/method.md, section by section, as written.

What the document says, and that its worked example is what the calculator computes, is checked in
tests/test_docs.py; here, that the page shows exactly that document and nothing that disagrees.
"""

import re

from streamlit.testing.v1 import AppTest

from tests.app.helpers import plain
from tests.test_docs import METHOD, method_sections, table


def open_method(app: AppTest) -> AppTest:
    app.run()
    app.switch_page("app_pages/method.py").run()
    assert not app.exception
    return app


def document() -> tuple[str, list[tuple[str, str]]]:
    """The method's title line and each section as (heading, body)."""
    title = METHOD.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    return title, [(heading, body.strip()) for heading, body in method_sections().items()]


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
    """Every row of the worked example, whose figures tests/test_docs.py checks against the
    calculator and against the figures worked by hand, is on the page."""
    open_method(app)
    text = " ".join(plain(block.value) for block in app.markdown)
    _, *rows = table("Worked example")
    assert len(rows) == 7
    for figure, value in rows:
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
    """Each model is defined by what it counts; each default is shown with its source, or
    called illustrative."""
    open_method(app)
    text = " ".join(" ".join(plain(block.value).split()) for block in app.markdown)
    for model in ("Named seat", "Concurrent", "Active user", "Logged-in hours"):
        assert f"| {model} | " in text
    assert "| Peak concurrent / active agents, one shift | 75% | illustrative, no source |" in text
    assert "| SNAP administration: federal share | 50% | Food and Nutrition Act" in text
    assert "Every starting number is an example" in text


def test_dollar_signs_are_not_read_as_formulas(app: AppTest):
    """Streamlit reads $...$ as a formula; every dollar sign on the page is escaped."""
    open_method(app)
    unescaped = [block.value for block in app.markdown if re.search(r"(?<!\\)\$", block.value)]
    assert unescaped == []
    assert any("\\$10,000.00" in block.value for block in app.markdown)


def test_contract_rules_and_other_documents_are_on_the_page(app: AppTest):
    """Each further document's title opens its section; every section heading and body is shown."""
    from app.method_docs import MORE_FILES, sections

    open_method(app)
    assert [expander.label for expander in app.expander][-len(MORE_FILES) :] == [
        sections(path.read_text(encoding="utf-8"))[0] for path in MORE_FILES
    ]
    shown = [plain(block.value) for block in app.markdown]
    _, _, rules = sections(MORE_FILES[0].read_text(encoding="utf-8"))
    for heading, body in rules:
        assert f"### {heading}" in shown, heading
        assert body in shown, heading
