"""Every example written in a docstring (``>>>``) is run, so the examples stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import app
import calculator

# Scripts run when imported (page scripts draw the page; ``__main__`` parses the command line);
# their docstrings hold no examples.
_NOT_IMPORTED = ("app.app_pages", "app.streamlit_app", "calculator.__main__")


def _examples() -> list[doctest.DocTest]:
    found = []
    for package in (calculator, app):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.startswith(_NOT_IMPORTED):
                continue
            module = importlib.import_module(info.name)
            tests = doctest.DocTestFinder().find(module, module.__name__)
            found += [test for test in tests if test.examples and test.name.startswith(info.name)]
    return sorted(found, key=lambda test: test.name)


EXAMPLES = _examples()


def test_the_examples_are_found():
    """The finder sees the examples of the budget package and of the seat-reduction rule."""
    names = {test.name for test in EXAMPLES}
    assert "calculator.budget" in names
    assert "calculator._pricing.reduce_seats" in names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda test: test.name)
def test_docstring_example_holds(example: doctest.DocTest):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(example)
    assert runner.failures == 0, f"{example.name}: {runner.failures} example(s) failed"
