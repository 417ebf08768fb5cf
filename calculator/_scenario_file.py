"""Scenario files: versioned JSON, exact round trip, size-capped and validated before use.

A file is the scenario's JSON with ``"schema_version": 2``. Money and rates are written as strings
(``"65.00"`` stays ``"65.00"``), so loading what was saved gives an equal scenario.

Version-1 files still load, with the same results: the only difference is a plan's
``seats_reducible``, read as ``seat_reduction`` (``true`` -> ``"monthly"``, ``false`` ->
``"contract_year_peak"``). Writing always produces version 2.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import partial
from typing import Any

from calculator._errors import ScenarioFileError, quote_value
from calculator._models import READABLE_VERSIONS, SCHEMA_VERSION, Scenario

MAX_SCENARIO_BYTES = 256 * 1024


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as pretty JSON text, version included."""
    return scenario.model_dump_json(indent=2) + "\n"


def parse_scenario_document(text: str | bytes, what: str = "scenario file") -> dict[str, Any]:
    """Parse JSON text into a dict and check its version; the result is not yet validated.

    Raises :class:`ScenarioFileError` when the text is too big, not JSON, not an object, or
    declares a version this release cannot read; ``what`` names the text in the message ("offer 2
    in the link" for a scenario that came in a link).
    """
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > MAX_SCENARIO_BYTES:
        raise ScenarioFileError(
            f"{what} is {size:,} bytes; the limit is {MAX_SCENARIO_BYTES:,} bytes"
        )
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=partial(_once_each, what))
    except (ValueError, RecursionError) as exc:
        raise ScenarioFileError(f"{what} is not valid JSON: {_json_problem(exc)}") from None
    if not isinstance(data, dict):
        raise ScenarioFileError(f"{what} must hold a JSON object")
    version = data.get("schema_version")
    if version is None:
        raise ScenarioFileError(
            f"{what} is not a scenario saved from this calculator: it lacks the "
            '"schema_version" field every saved scenario has'
        )
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        raise ScenarioFileError(
            f"{what} version {quote_value(version)} is not supported; this release reads "
            f"versions {readable}"
        )
    return data


def _once_each(what: str, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose every key appears once: JSON itself keeps the last of a repeated
    key, so a field edited by hand with its old line left in place would load without a word."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ScenarioFileError(
                f"{what} gives {quote_value(key)} twice in one object (values "
                f"{quote_value(data[key])} and {quote_value(value)}); keep one"
            )
        data[key] = value
    return data


def scenario_from_json(text: str | bytes) -> Scenario:
    """Read a scenario file. Raises :class:`ScenarioFileError` or pydantic ``ValidationError``."""
    return Scenario.model_validate(parse_scenario_document(text))


def scenario_json_schema() -> dict[str, Any]:
    """The published JSON Schema of scenario files."""
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://seat-savings.example/schema/scenario.v{SCHEMA_VERSION}.json"
    return schema


def _json_problem(exc: Exception) -> str:
    """Where and why the JSON reader stopped, in words a person can act on."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg[:1].lower()}{exc.msg[1:]} at line {exc.lineno}, column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return f"byte {exc.start + 1} is not UTF-8 text; save the file as UTF-8"
    if isinstance(exc, RecursionError):
        return "it is nested too deeply"
    if "digits" in str(exc):  # int() refuses integers of more than 4,300 digits
        return "a number in it is too long to read"
    return str(exc)
