"""The reports package stays pure: no Streamlit, so every export builds outside the app."""

import ast
from pathlib import Path

import pandas as pd

import app.reports
from app.reports._tables import months_kept_whole, table_from_frame

REPORTS = Path(app.reports.__file__).resolve().parent


def test_reports_never_import_streamlit():
    """No module of app/reports imports streamlit."""
    offenders = []
    for path in REPORTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def test_public_names_are_exported():
    """Everything in __all__ is importable from app.reports."""
    assert all(hasattr(app.reports, name) for name in app.reports.__all__)


def test_a_report_table_right_aligns_its_figures_in_any_currency():
    """Amounts in euros (``"EUR 1,234.00"``) are right-aligned like dollars; counts too; the
    row headers and labels are not."""
    table = table_from_frame(
        pd.DataFrame(
            {
                "Month": ["2027-01", "2027-02"],
                "Plan": ["Named seats", "Active users"],
                "Cost (EUR)": ["EUR 1,234.00", "-EUR 5.50"],
                "Agents": [1200, 70],
            }
        ),
        "Costs",
    )
    assert table.numeric == [False, False, True, True]
    assert table.rows[0] == ["2027-01", "Named seats", "EUR 1,234.00", "1,200"]


def test_a_bracketed_month_in_a_cell_is_kept_on_one_line_with_its_brackets():
    assert months_kept_whole("month 1 (2027-01)") == (
        'month 1 <span class="nowrap">(2027-01)</span>'
    )


def test_a_month_alone_in_a_cell_is_kept_on_one_line():
    assert months_kept_whole("2027-01") == '<span class="nowrap">2027-01</span>'


def test_a_cell_with_a_month_is_still_escaped():
    assert months_kept_whole("<b>&</b> (2027-01)") == (
        '&lt;b&gt;&amp;&lt;/b&gt; <span class="nowrap">(2027-01)</span>'
    )


def test_figures_that_are_not_months_are_left_as_they_are():
    """A day, a thirteenth month and a range of years are not months of the report."""
    for text in ("2027-01-15", "2027-13", "2026-2027", "$2,027-01"):
        assert months_kept_whole(text) == text, text
