"""Dependencies point one way: app -> calculator -> its models; the core imports no UI library."""

import ast
import subprocess
import sys
from pathlib import Path

import calculator
import calculator.budget

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


def calculator_imports(path: Path, root: Path = ROOT) -> set[str]:
    """Full names of the ``calculator`` modules ``path`` imports, relative imports resolved."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] == "calculator"}


def module_path(name: str, root: Path) -> Path | None:
    base = root.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def import_closure(name: str, root: Path = ROOT) -> set[str]:
    """Every ``calculator`` module that importing ``name`` loads, following imports in the source."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        path = module_path(current, root)
        if current in seen or path is None:
            continue
        seen.add(current)
        todo.extend(calculator_imports(path, root))
        parts = current.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))  # parent packages run first
    return seen


def test_models_import_nothing_from_budget_or_usage():
    """The scenario models stand on their own: neither they nor anything they import reaches up
    into the budget or log-analysis packages, which build on them."""
    closure = import_closure("calculator._models")
    assert "calculator._budget_settings" in closure
    assert (
        sorted(m for m in closure if m.startswith(("calculator.budget", "calculator.usage"))) == []
    )


def test_import_closure_sees_upward_imports(tmp_path):
    """The closure follows plain, ``from`` and relative imports (so the test above can fail)."""
    files = {
        "calculator/__init__.py": "",
        "calculator/_models.py": "from calculator._types import Money\nimport calculator.usage\n",
        "calculator/_types.py": "from .budget import _settings\n",
        "calculator/budget/__init__.py": "",
        "calculator/budget/_settings.py": "from . import _fiscal\n",
        "calculator/budget/_fiscal.py": "",
        "calculator/usage/__init__.py": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert import_closure("calculator._models", tmp_path) == {
        "calculator",
        "calculator._models",
        "calculator._types",
        "calculator.budget",
        "calculator.budget._settings",
        "calculator.budget._fiscal",
        "calculator.usage",
    }


def test_importing_the_core_loads_neither_budget_nor_usage():
    """``import calculator`` loads the core only; the subpackages load when imported."""
    code = (
        "import sys, calculator\n"
        "print(sorted(m for m in sys.modules if m.startswith(('calculator.budget', "
        "'calculator.usage'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout == "[]\n"


def test_packages_are_plain_reexports():
    """No lazy loading: every public name is bound at import, and no module ``__getattr__`` hides
    a missing one."""
    for package in (calculator, calculator.budget):
        assert not hasattr(package, "__getattr__"), package.__name__
        assert [name for name in package.__all__ if name not in vars(package)] == []


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
