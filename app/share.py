"""Share links: the whole scenario in one URL-safe token, validated like any other input.

A token is ``v1.`` followed by the base64url (unpadded) zlib-compressed compact scenario JSON.
Offers saved beside the scenario (up to :data:`MAX_OFFERS` more scenarios, for the side-by-side
view) travel in a second, optional token: ``o1.`` and the same encoding of their compact JSON,
one scenario a line. A link without offers is exactly what it was before offers existed.
Reading a token is hostile-input handling: the token length is capped before decoding, the
decompressed size is capped while decompressing (a few kilobytes of zlib can expand to megabytes),
and the JSON goes through the same checks as an uploaded scenario file. Every failure is a
:class:`calculator.ScenarioFileError` whose message says what is wrong with the link.

The side-by-side columns travel as plain, short parameters (:func:`columns_to_params`): ``c``
holds each column's source (``c=o1.o2.x``: offer 1, offer 2, not used), left out while every
column shows its default; ``p1`` to ``p3`` a column's plan and ``l1`` to ``l3`` its label, each
only when chosen. :func:`columns_from_params` reads them back and leaves out, rather than refuses,
any value it cannot use: they only choose what the page shows. Each value left out comes back as
a :class:`ColumnProblem` naming its column and quoting the value, for the page to say which.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from pydantic import TypeAdapter, ValidationError

from calculator import (
    MAX_SCENARIO_BYTES,
    MAX_SIDE_BY_SIDE,
    Scenario,
    ScenarioFileError,
    describe_validation_error,
    parse_scenario_document,
    quote_some,
    quote_value,
)
from calculator._types import Label

TOKEN_PREFIX = "v1."
# Browsers and proxies cope with URLs far longer than this, but many servers refuse request lines
# over 8 KiB. Most scenarios compress to well under this, even 60 months and 8 plans, but not
# every valid one (8 plans of 7 banded lines and figures that do not repeat): such a scenario is
# offered no link (:func:`link_too_long`), rather than one this calculator would refuse to open.
MAX_TOKEN_CHARS = 6_000
# Decompressed JSON may not exceed what a scenario file may hold.
MAX_JSON_BYTES = MAX_SCENARIO_BYTES
OFFERS_PREFIX = "o1."
MAX_OFFERS = 3
"""Most offers a session and its link hold."""
MAX_LINK_CHARS = 7_000
"""The scenario's token and the offers' together [characters]: the whole address then stays
under the 8 KiB request line many servers accept."""
COLUMNS_PARAM = "c"
"""Query parameter holding the side-by-side columns' sources, e.g. ``s.o1.o2``."""
CURRENT_SOURCE = "s"
"""A column showing the session's scenario."""
FILE_SOURCE = "f"
"""A column waiting for a scenario file (a file cannot travel in a link)."""
UNUSED_SOURCE = "x"
"""A column not used (never the first)."""
COLUMN_SOURCES = (
    CURRENT_SOURCE,
    FILE_SOURCE,
    UNUSED_SOURCE,
    *(f"o{number}" for number in range(1, MAX_OFFERS + 1)),
)
"""Every source a column may name in ``?c=``: ``o1`` is the first offer."""
COLUMN_PARAMS = (
    COLUMNS_PARAM,
    *(f"p{number}" for number in range(1, MAX_SIDE_BY_SIDE + 1)),
    *(f"l{number}" for number in range(1, MAX_SIDE_BY_SIDE + 1)),
)
"""Every query parameter of the side-by-side columns."""
_LABEL = TypeAdapter(Label)
_CUT_SHORT = "the share link is damaged or cut short"
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def to_token(scenario: Scenario) -> str:
    """The scenario as a share token: ``v1.`` + base64url(zlib(compact JSON)) [text]."""
    data = zlib.compress(scenario.model_dump_json().encode("utf-8"), level=9)
    return TOKEN_PREFIX + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def link_too_long(token: str) -> str | None:
    """Why the scenario of ``token`` cannot be shared as a link, or None when it can: a link
    longer than :func:`from_token` opens is never offered."""
    if len(token) <= MAX_TOKEN_CHARS:
        return None
    return (
        f"This scenario is too large for a link: its link would be {len(token):,} characters "
        f"long, over the {MAX_TOKEN_CHARS:,} a link may hold. To send it, download the scenario "
        '(JSON) and send the file: it opens with "Load a scenario file".'
    )


def from_token(token: str) -> Scenario:
    """Read a share token back into a validated scenario.

    Raises :class:`calculator.ScenarioFileError` with a message naming the problem: empty,
    wrong version, too long, damaged or truncated, too big once expanded, or an invalid scenario
    (the message then lists each problem with its month, plan and field).
    """
    if len(token) > MAX_TOKEN_CHARS:
        raise ScenarioFileError(
            f"the share link is {len(token):,} characters long; the limit is {MAX_TOKEN_CHARS:,}"
        )
    if not token.strip():
        raise ScenarioFileError("the share link holds no scenario (it may have been cut short)")
    if not token.startswith(TOKEN_PREFIX):
        raise ScenarioFileError(
            "the share link was not made by this calculator, or by a version it cannot read "
            f"(the part after ?s= should begin with {TOKEN_PREFIX})"
        )
    text = _inflate(_decode(token.removeprefix(TOKEN_PREFIX)))
    return _scenario(text, "the share link holds an invalid scenario", "the link's scenario")


def from_link(tokens: Sequence[str]) -> Scenario:
    """The scenario of a link's ``?s=`` values: one token, or the same token repeated."""
    return from_token(single_token(tokens, "scenarios"))


def single_token(tokens: Sequence[str], holds: str) -> str:
    """The token of a link's parameter given once, or the same token repeated.

    Different tokens are refused (:class:`calculator.ScenarioFileError`), as a bad one is: opening
    either would show numbers the sender may not have meant, with no sign of the other. ``holds``
    names what the tokens hold, in the plural ("scenarios").
    """
    different = len(set(tokens))
    if different > 1:
        raise ScenarioFileError(
            f"the share link holds {different} different {holds}, so which one was meant is unclear"
        )
    return tokens[0]


def offers_to_token(offers: Sequence[Scenario]) -> str:
    """Offers as the link's optional second token: ``o1.`` + base64url(zlib(one compact
    scenario JSON a line)) [text]."""
    text = "\n".join(offer.model_dump_json() for offer in offers)
    data = zlib.compress(text.encode("utf-8"), level=9)
    return OFFERS_PREFIX + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def offers_from_token(token: str) -> list[Scenario]:
    """Read the offers' token back into validated scenarios (at most :data:`MAX_OFFERS`).

    Raises :class:`calculator.ScenarioFileError` naming the problem, and the offer, when one
    of them is not a valid scenario.
    """
    if len(token) > MAX_LINK_CHARS:
        raise ScenarioFileError(
            f"the offers in the link are {len(token):,} characters long; the limit is "
            f"{MAX_LINK_CHARS:,}"
        )
    if not token.strip():
        raise ScenarioFileError("the link's offers are empty (it may have been cut short)")
    if not token.startswith(OFFERS_PREFIX):
        raise ScenarioFileError(
            "the offers in the link were not made by this calculator, or by a version it cannot "
            f"read (the part after ?o= should begin with {OFFERS_PREFIX})"
        )
    text = _inflate(_decode(token.removeprefix(OFFERS_PREFIX)), MAX_JSON_BYTES * MAX_OFFERS)
    lines = text.split(b"\n")
    if len(lines) > MAX_OFFERS:
        raise ScenarioFileError(
            f"the link holds {len(lines)} offers; at most {MAX_OFFERS} can be kept"
        )
    return [
        _scenario(
            line,
            f"offer {number} in the link is not a valid scenario",
            f"offer {number} in the link",
        )
        for number, line in enumerate(lines, start=1)
    ]


def link_fits(token: str, offers_token: str) -> bool:
    """Whether a scenario's token and the offers' token together stay within the link's cap."""
    return len(token) + len(offers_token) <= MAX_LINK_CHARS


def _decode(body: str) -> bytes:
    """The bytes of a token's base64url body; refuse foreign characters or a cut-off body."""
    if not set(body) <= _ALPHABET:  # an empty body passes: it inflates to nothing, cut short
        raise ScenarioFileError("the share link is damaged: it contains characters it cannot hold")
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise ScenarioFileError(_CUT_SHORT) from None


def _scenario(text: bytes, problem: str, what: str) -> Scenario:
    """Scenario JSON checked like an uploaded file; ``what`` names it where it is not JSON or not
    a saved scenario, and ``problem`` starts the message where its fields are invalid."""
    # Imported here: app.fields imports app.state, which imports this module.
    from app.fields import SCENARIO_LABELS

    data = parse_scenario_document(text, what)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(describe_validation_error(exc, data, SCENARIO_LABELS))
        raise ScenarioFileError(f"{problem}: {problems}") from None


def _inflate(compressed: bytes, limit: int = MAX_JSON_BYTES) -> bytes:
    """zlib-decompress at most ``limit`` bytes; refuse anything larger or incomplete."""
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(compressed, limit)
    except zlib.error:
        raise ScenarioFileError(_CUT_SHORT) from None
    if inflater.unconsumed_tail:
        raise ScenarioFileError(
            f"the share link expands to more than {limit:,} bytes; the limit is {limit:,} bytes"
        )
    if not inflater.eof:
        raise ScenarioFileError(_CUT_SHORT)
    return text


@dataclass(frozen=True, slots=True)
class ColumnChoice:
    """One side-by-side column as the link keeps it.

    ``source`` is one of :data:`COLUMN_SOURCES` (``None``: the page's default), ``plan`` the
    plan's name (``None``: automatic) and ``label`` the column's label (``None``: the scenario's
    name).
    """

    source: str | None = None
    plan: str | None = None
    label: str | None = None


def columns_to_params(
    choices: Sequence[ColumnChoice], default_sources: Sequence[str]
) -> dict[str, str]:
    """The query parameters that reopen ``choices`` (each with its source): ``c`` only when a
    source differs from ``default_sources``, ``p``/``l`` + column number only when chosen."""
    params = {}
    sources = [choice.source or "" for choice in choices]
    if sources != list(default_sources):
        params[COLUMNS_PARAM] = ".".join(sources)
    for number, choice in enumerate(choices, start=1):
        if choice.plan is not None:
            params[f"p{number}"] = choice.plan
        if choice.label is not None:
            params[f"l{number}"] = choice.label
    return params


def with_column_params(link: str, params: dict[str, str]) -> str:
    """``link`` with the columns' parameters added, each encoded (a label may hold ``&``)."""
    return f"{link}&{urlencode(params)}" if params else link


@dataclass(frozen=True, slots=True)
class ColumnProblem:
    """A column choice from a link that could not be used: the column it is about (1 to
    :data:`calculator.MAX_SIDE_BY_SIDE`; ``None``: the link's list of columns as a whole) and
    what is wrong, in words that quote the value (``"plan '' is empty"``)."""

    column: int | None
    text: str

    def __str__(self) -> str:
        return self.text if self.column is None else f"column {self.column}: {self.text}"


def columns_from_params(
    params: Mapping[str, Sequence[str]],
) -> tuple[list[ColumnChoice], list[ColumnProblem]]:
    """The column choices a link's parameters hold (name -> every value given), one per column,
    and a :class:`ColumnProblem` for each value left out.

    A value left out (an unknown source, a reference that is "not used", more columns than the
    page has, a plan or label that is no valid label, or a parameter given twice with different
    values) leaves that choice at the page's default; nothing here raises.
    """
    problems: list[ColumnProblem] = []

    def single(name: str, column: int | None, what: str) -> str | None:
        values = list(dict.fromkeys(params.get(name, ())))
        if len(values) > 1:
            problems.append(
                ColumnProblem(
                    column, f"the link gives {len(values)} different {what} ({quote_some(values)})"
                )
            )
            return None
        return next(iter(values), None)

    sources: list[str | None] = [None] * MAX_SIDE_BY_SIDE
    text = single(COLUMNS_PARAM, None, "lists of columns")
    given = [] if text is None else text.split(".")
    if len(given) > MAX_SIDE_BY_SIDE:
        problems.append(
            ColumnProblem(
                None,
                f"the link lists {len(given):,} columns ({quote_value(text)}), and the page has "
                f"{MAX_SIDE_BY_SIDE}",
            )
        )
        given = []
    for index, source in enumerate(given):
        if index == 0 and source == UNUSED_SOURCE:
            problems.append(
                ColumnProblem(1, f"{quote_value(source)} (not used) cannot be the reference")
            )
        elif source in COLUMN_SOURCES:
            sources[index] = source
        else:
            problems.append(ColumnProblem(index + 1, _unknown_source(source)))
    choices = []
    for number, source in enumerate(sources, start=1):
        plan = _label(single(f"p{number}", number, "plans"), number, "plan", problems)
        label = _label(single(f"l{number}", number, "labels"), number, "label", problems)
        choices.append(ColumnChoice(source, plan, label))
    return choices, problems


def _unknown_source(source: str) -> str:
    """What is wrong with a column source no column can take: an offer past the last one a
    session keeps (``o4``), or something else."""
    if re.fullmatch(r"o[1-9][0-9]{0,2}", source):
        return f"the link names offer {source[1:]}, and a session keeps at most {MAX_OFFERS} offers"
    return f"the link names {quote_value(source)}, which is no scenario this page knows"


def _label(text: str | None, column: int, what: str, problems: list[ColumnProblem]) -> str | None:
    """A plan name or column label from a link, as the scenario's own rule (``Label``) reads
    it (``None``: none given, or left out with a problem added naming ``what`` it is)."""
    if text is None:
        return None
    try:
        return _LABEL.validate_python(text)
    except ValidationError as exc:
        empty = exc.errors()[0]["type"] == "string_too_short"
        rule = "is empty" if empty else describe_validation_error(exc)[0]
        problems.append(ColumnProblem(column, f"{what} {quote_value(text)} {rule}"))
        return None
