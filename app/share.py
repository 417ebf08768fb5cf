"""Share links: the whole scenario in one URL-safe token, validated like any other input.

A token is ``v1.`` followed by the base64url (unpadded) zlib-compressed compact scenario JSON.
Reading a token is hostile-input handling: the token length is capped before decoding, the
decompressed size is capped while decompressing (a few kilobytes of zlib can expand to megabytes),
and the JSON goes through the same checks as an uploaded scenario file. Every failure is a
:class:`calculator.ScenarioFileError` whose message says what is wrong with the link.
"""

from __future__ import annotations

import base64
import binascii
import zlib

from pydantic import ValidationError

from calculator import (
    MAX_SCENARIO_BYTES,
    Scenario,
    ScenarioFileError,
    describe_validation_error,
    parse_scenario_document,
)

TOKEN_PREFIX = "v1."
# Browsers and proxies cope with URLs far longer than this, but many servers refuse request lines
# over 8 KiB; the largest valid scenario (60 months, 8 plans) compresses to well under this.
MAX_TOKEN_CHARS = 6_000
# Decompressed JSON may not exceed what a scenario file may hold.
MAX_JSON_BYTES = MAX_SCENARIO_BYTES
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def to_token(scenario: Scenario) -> str:
    """The scenario as a share token: ``v1.`` + base64url(zlib(compact JSON)) [text]."""
    data = zlib.compress(scenario.model_dump_json().encode("utf-8"), level=9)
    return TOKEN_PREFIX + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_token(token: str) -> Scenario:
    """Read a share token back into a validated scenario.

    Raises :class:`calculator.ScenarioFileError` with a message naming the problem: wrong
    version, too long, damaged or truncated, too big once expanded, or an invalid scenario (the
    message then lists each problem with its month, plan and field).
    """
    if len(token) > MAX_TOKEN_CHARS:
        raise ScenarioFileError(
            f"the share link is {len(token):,} characters long; the limit is {MAX_TOKEN_CHARS:,}"
        )
    if not token.startswith(TOKEN_PREFIX):
        raise ScenarioFileError(
            "the share link is not in a format this version understands (it should start with "
            f"'{TOKEN_PREFIX}')"
        )
    body = token.removeprefix(TOKEN_PREFIX)
    if not body or not set(body) <= _ALPHABET:
        raise ScenarioFileError("the share link is damaged: it contains characters it cannot hold")
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise ScenarioFileError("the share link is damaged or cut short") from None
    text = _inflate(compressed)
    data = parse_scenario_document(text)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(describe_validation_error(exc, data))
        raise ScenarioFileError(f"the share link holds an invalid scenario: {problems}") from None


def _inflate(compressed: bytes) -> bytes:
    """zlib-decompress at most ``MAX_JSON_BYTES``; refuse anything larger or incomplete."""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(compressed, MAX_JSON_BYTES)
    except zlib.error:
        raise ScenarioFileError("the share link is damaged or cut short") from None
    if inflater.unconsumed_tail:
        raise ScenarioFileError(
            f"the share link expands to more than {MAX_JSON_BYTES:,} bytes; the limit is "
            f"{MAX_JSON_BYTES:,} bytes"
        )
    if not inflater.eof:
        raise ScenarioFileError("the share link is damaged or cut short")
    return text
