"""Command line: ``python -m calculator {example,compare,schema}``.

Bad input exits with code 2 and one line per problem on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from calculator._compare import compare
from calculator._errors import CalculatorError, describe_validation_error
from calculator._example import example_scenario
from calculator._models import Scenario
from calculator._scenario_file import (
    MAX_SCENARIO_BYTES,
    parse_scenario_document,
    scenario_json_schema,
    scenario_to_json,
)
from calculator._summary import comparison_to_dict, render_text

EXIT_BAD_INPUT = 2

# Further subcommands register here: name -> (help, add_arguments, run). run returns an exit code.
Command = tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
EXTRA_COMMANDS: dict[str, Command] = {}


class InputError(Exception):
    """Bad input for the CLI; each argument is one line of the message."""


def read_input_file(path: str, limit: int) -> bytes:
    """The bytes of ``path`` (``-`` = stdin), refusing files larger than ``limit`` bytes."""
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        file = Path(path)
        if not file.is_file():
            raise InputError(f"{path}: no such file")
        with file.open("rb") as handle:
            data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{path}: file is larger than the limit of {limit:,} bytes")
    return data


def load_scenario_file(path: str) -> Scenario:
    data = read_input_file(path, MAX_SCENARIO_BYTES)
    try:
        document = parse_scenario_document(data)
        return Scenario.model_validate(document)
    except CalculatorError as exc:
        raise InputError(f"{path}: {exc}") from None
    except ValidationError as exc:
        raise InputError(
            *(f"{path}: {line}" for line in describe_validation_error(exc, document))
        ) from None


def _example(args: argparse.Namespace) -> int:
    sys.stdout.write(scenario_to_json(example_scenario()))
    return 0


def _compare(args: argparse.Namespace) -> int:
    comparison = compare(load_scenario_file(args.file))
    if args.json:
        sys.stdout.write(json.dumps(comparison_to_dict(comparison), indent=2) + "\n")
    else:
        sys.stdout.write(render_text(comparison))
    return 0


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(scenario_json_schema(), indent=2) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="What would we pay under named-seat, concurrent, active-user or "
        "logged-in-hours licensing, month by month, and why.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("example", help="print the default scenario (the worked example) as JSON")
    compare_parser = commands.add_parser("compare", help="compare the plans of a scenario file")
    compare_parser.add_argument("file", help="scenario JSON file, or - for stdin")
    compare_parser.add_argument(
        "--json", action="store_true", help="print totals, savings split and monthly lines as JSON"
    )
    commands.add_parser("schema", help="print the JSON Schema of scenario files")
    for name, (help_text, add_arguments, _) in EXTRA_COMMANDS.items():
        add_arguments(commands.add_parser(name, help=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _register_extra_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    runners = {"example": _example, "compare": _compare, "schema": _schema}
    runners.update({name: run for name, (_, _, run) in EXTRA_COMMANDS.items()})
    try:
        return runners[args.command](args)
    except InputError as exc:
        for line in exc.args:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _register_extra_commands() -> None:
    """Import modules that add subcommands; each registers itself in ``EXTRA_COMMANDS``."""
    import importlib

    for module in ("calculator.usage.cli", "calculator.budget.cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name not in {module, module.rsplit(".", 1)[0]}:
                raise
