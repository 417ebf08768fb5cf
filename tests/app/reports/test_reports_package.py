"""The reports package stays pure: no Streamlit, so every export builds outside the app."""

import ast
from pathlib import Path

import pandas as pd

import app.reports
from app.reports._tables import table_from_frame

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
