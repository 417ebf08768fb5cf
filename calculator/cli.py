"""Command line: ``python -m calculator {example,compare,schema,usage}``.

Every command is listed in :data:`COMMANDS` (name -> help, arguments, handler), the one table the
command line reads; no import is allowed to fail quietly. Bad input exits with code 2 and one line per
problem on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

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


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """The command takes no arguments."""


def _example(args: argparse.Namespace) -> int:
    sys.stdout.write(scenario_to_json(example_scenario()))
    return 0


def _compare_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="scenario JSON file, or - for stdin")
    parser.add_argument(
        "--json", action="store_true", help="print totals, savings split and monthly lines as JSON"
    )


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


def _usage_cli() -> ModuleType:
    # Imported when the command is set up or run, not at the top: calculator.usage.cli imports
    # this module for InputError and read_input_file.
    from calculator.usage import cli as usage_cli

    return usage_cli


def _usage_arguments(parser: argparse.ArgumentParser) -> None:
    _usage_cli().add_arguments(parser)


def _usage(args: argparse.Namespace) -> int:
    return _usage_cli().run(args)


@dataclass(frozen=True)
class Command:
    """One subcommand: its one-line help, what it adds to its parser, and what runs it."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    """Returns the exit code; raises :class:`InputError` for bad input."""


COMMANDS: dict[str, Command] = {
    "example": Command(
        "print the default scenario (the worked example) as JSON", _no_arguments, _example
    ),
    "compare": Command("compare the plans of a scenario file", _compare_arguments, _compare),
    "schema": Command("print the JSON Schema of scenario files", _no_arguments, _schema),
    "usage": Command(
        "monthly active agents, peak concurrency and logged-in hours from login/logout logs",
        _usage_arguments,
        _usage,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="What would we pay under named-seat, concurrent, active-user or "
        "logged-in-hours licensing, month by month, and why.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        command.add_arguments(
            commands.add_parser(name, help=command.help, description=command.help)
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except InputError as exc:
        for line in exc.args:
            print(f"error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
