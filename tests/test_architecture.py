"""Dependencies point one way: app -> calculator; the core imports no UI library."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_CORE = {"streamlit", "plotly", "app"}
FORBIDDEN_ANYWHERE = {"pickle", "marshal", "shelve"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_calculator_imports_no_ui():
    """No module of calculator/ imports streamlit, plotly or the app."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & FORBIDDEN_IN_CORE)
        for path in (ROOT / "calculator").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_pickle_or_eval_anywhere():
    """No source module unpickles data or evaluates strings."""
    offenders = []
    for path in [*(ROOT / "calculator").rglob("*.py"), *(ROOT / "app").rglob("*.py")]:
        if imported_modules(path) & FORBIDDEN_ANYWHERE:
            offenders.append(str(path.relative_to(ROOT)))
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"eval", "exec"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
