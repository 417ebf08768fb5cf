"""The report says which commitment to sign, with the signed and recommended levels' costs.

Oracle: :func:`calculator.recommend_commitment` on the same scenario.
"""

from datetime import date

from app.reports import html_report
from calculator import compare, example_scenario, format_money, recommend_commitment
from tests.app.reports.test_html_report import parse
from tests.app.views.test_commitment_views import committed_scenario


def _report(scenario) -> str:
    return html_report(compare(scenario), generated_on=date(2026, 11, 24))


def test_each_plan_with_a_commitment_has_its_sentence_and_table():
    scenario = committed_scenario()
    text = _report(scenario)
    elements = parse(text)
    captions = [e.text for e in elements if e.tag == "caption"]
    paragraphs = [e.text for e in elements if e.tag == "p"]
    for name in ("Active users", "Concurrent"):
        advice = recommend_commitment(scenario, name)
        assert advice.sentence in paragraphs
        assert f"Which commitment to sign: {name}" in captions
        recommended = format_money(advice.recommended_level.cost_cents, "USD")
        assert recommended in text
    assert [e.text for e in elements if e.tag == "h2"].count("Which commitment to sign") == 1


def test_no_commitment_no_section():
    elements = parse(_report(example_scenario()))
    assert "Which commitment to sign" not in [e.text for e in elements if e.tag == "h2"]
