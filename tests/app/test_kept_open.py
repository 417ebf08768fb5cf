"""Every expander and every set of tabs of the app has a key. The browser draws an unkeyed one
anew when an element above it comes or goes in a run (a warning, an error box, a prompt): an
expander the reader opened closes, and tabs go back to the first (a screen reader user working in
a "Text" tab is sent back to the table). A keyed one keeps its state. The browser test
``test_opened_sections_stay_open_when_the_name_prompt_goes`` shows it on the presenter view."""

import ast
from pathlib import Path

APP = Path(__file__).parents[2] / "app"


def stateful_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in {
                "expander",
                "tabs",
            }:
                calls.append((f"{path.relative_to(APP.parent)}:{node.lineno}", node))
    return calls


def test_the_app_has_expanders_and_tabs_to_check():
    kinds = [call.func.attr for _, call in stateful_calls()]
    assert kinds.count("expander") >= 10
    assert kinds.count("tabs") >= 2


def test_every_expander_and_set_of_tabs_has_a_key():
    unkeyed = [
        where for where, call in stateful_calls() if "key" not in {k.arg for k in call.keywords}
    ]
    assert unkeyed == []
