"""Every expander of the app has a key. The browser draws an unkeyed expander anew, closed, when
an element above it comes or goes in a run (a warning, an error box, a prompt), so a table a
reader opened would shut when an appropriation is overrun; a keyed one keeps its place. The
browser test ``test_an_opened_table_stays_open_when_an_overrun_warning_appears`` shows it."""

import ast
from pathlib import Path

APP = Path(__file__).parents[2] / "app"


def expander_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "expander":
                calls.append((f"{path.relative_to(APP.parent)}:{node.lineno}", node))
    return calls


def test_the_app_has_expanders_to_check():
    assert len(expander_calls()) >= 10


def test_every_expander_has_a_key():
    unkeyed = [
        where for where, call in expander_calls() if "key" not in {k.arg for k in call.keywords}
    ]
    assert unkeyed == []
