"""The reports package stays pure: no Streamlit, so every export builds outside the app."""

import ast
from pathlib import Path

import app.reports

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
