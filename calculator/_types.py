"""Constrained field types shared by every model of the calculator.

Kept free of other calculator imports, so any model module (the scenario, the budget settings)
can use them without an import cycle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

MAX_AGENTS = 1_000_000

FROZEN = ConfigDict(frozen=True, extra="forbid")
"""Models are immutable (hashable, safe to cache) and refuse unknown fields (typos)."""

Headcount = Annotated[int, Field(ge=0, le=MAX_AGENTS, strict=True)]
"""A number of agents or accounts [agents]; strict, so ``true`` and ``1.5`` are refused."""
MAX_NUMBER_TEXT = 32
"""Longest number accepted as text [characters]: ``"1000000000.00"`` needs 13."""
_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_NOT_FINITE = {"nan", "snan", "inf", "infinity"}
_WIDE = 18  # adjusted exponent past which a value is far outside every bound [digits]


@dataclass(frozen=True, slots=True)
class TypedPercent:
    """A number a person typed in percent for a field that holds a ratio: ``3`` for ``0.03``.

    Read as its ratio, exactly; a ratio needing more decimals than the field keeps is refused in
    percent, as typed ("at most 4 decimal places in percent (got 3.123456 %)"), not rounded.
    """

    percent: Decimal

    def __repr__(self) -> str:  # how a refusal quotes it: 0.00001 %, not 1E-5 %
        percent = self.percent
        written = percent.is_finite() and abs(percent.adjusted()) < _WIDE
        return f"{percent:,f} %" if written else f"{percent} %"


def _ratio_of(typed: TypedPercent, places: int) -> Decimal:
    """The ratio ``typed`` stands for, refused in percent if finer than ``places`` decimals."""
    ratio = typed.percent.scaleb(-2)
    if not ratio.is_finite() or ratio.adjusted() > _WIDE:
        return ratio  # refused by the checks that follow, by name
    kept = round(ratio, places)
    if ratio != kept:
        raise PydanticCustomError(
            "decimal_places",
            "must have at most {places} decimal places in percent",
            {"places": places - 2},
        )
    return kept  # every place the field keeps, as a ratio typed in the box always was


def _as_decimal(value: Any, places: int) -> Any:
    """Read one exact number, strictly, and bound the work any later step can do with it.

    Accepted: ``int``, finite ``float`` (read through its shortest ``repr``, so ``0.1`` is exactly
    ``0.1``), finite ``Decimal`` and text of ASCII digits with an optional ``-`` and decimal point
    (``"12.50"``). Refused: ``bool``, text with spaces, ``_`` or ``,`` separators, exponents or
    non-ASCII digits (``" 12 "``, ``"1_000"``, ``"1e3"``, ``"١٢"``), NaN and infinities.

    The result has at most ``places`` decimals and no positive exponent: ``0E-547012`` is read as
    ``0`` and ``1.5000000000`` as ``1.500000``, so pricing, which scales by ``10 ** places``, never
    sees a huge exponent. More significant decimals than ``places`` are refused. Values far above
    every bound are returned as they are, for the range check to refuse.
    """
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "must be a number, not true or false")
    if isinstance(value, TypedPercent):
        value = _ratio_of(value, places)
    if isinstance(value, str):
        if value.lower().lstrip("+-") in _NOT_FINITE:
            raise PydanticCustomError("finite_number", "Input should be a finite number")
        if len(value) > MAX_NUMBER_TEXT:
            raise PydanticCustomError(
                "number_text",
                "is {length} characters long; a number may have at most {limit} characters "
                "(and at most {places} decimal places)",
                {"length": f"{len(value):,}", "limit": MAX_NUMBER_TEXT, "places": places},
            )
        if not _NUMBER_TEXT.fullmatch(value):
            raise PydanticCustomError(
                "number_text",
                "must be a number written with the digits 0-9 and an optional decimal point, "
                "e.g. 12.50 (no spaces, separators or exponents)",
            )
        value = Decimal(value)
    elif isinstance(value, int):
        value = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PydanticCustomError("finite_number", "Input should be a finite number")
        value = Decimal(repr(value))
    if not isinstance(value, Decimal):
        return value  # not a number at all: the Decimal schema refuses it with its own message
    if not value.is_finite():
        raise PydanticCustomError("finite_number", "Input should be a finite number")
    if value.adjusted() > _WIDE:
        return value
    quantum = Decimal(1).scaleb(-places)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if exponent > 0:
        return value.quantize(Decimal(1))
    if exponent >= -places:
        return value
    rounded = value.quantize(quantum)
    if rounded != value:
        raise PydanticCustomError(
            "decimal_places", "must have at most {places} decimal places", {"places": places}
        )
    return rounded


def _exact(*, ge: Decimal | int, le: Decimal | int, places: int, gt: bool = False) -> Any:
    """An exact number type: ``ge``..``le`` (``gt``: above ``ge``), ``places`` decimals at most.

    The JSON Schema states the same bounds: a number in range, or a string of plain digits with
    at most ``places`` decimals.
    """
    low, high = Decimal(ge), Decimal(le)
    sign = "-?" if low < 0 else ""
    digits = len(str(int(max(abs(low), high))))
    whole = "[0-9]" if digits == 1 else f"[0-9]{{1,{digits}}}"
    decimals = rf"(\.[0-9]{{1,{places}}})?" if places else ""
    bound = {"exclusiveMinimum" if gt else "minimum": float(low), "maximum": float(high)}
    schema = {
        "anyOf": [
            {"type": "number", **bound},
            {"type": "string", "pattern": rf"^{sign}{whole}{decimals}$"},
        ]
    }
    # Whole bounds as int, so a message reads "at most 1000000000", not "Decimal('1E+9')".
    lowest, highest = (int(v) if v == int(v) else v for v in (low, high))
    limits = {"gt": lowest} if gt else {"ge": lowest}
    return Annotated[
        Decimal,
        BeforeValidator(lambda value: _as_decimal(value, places)),
        Field(**limits, le=highest, decimal_places=places),
        WithJsonSchema(schema, mode="validation"),
    ]


Money = _exact(ge=0, le=Decimal("1e9"), places=2)
"""An amount in whole cents, 0 to 1,000,000,000 [currency]."""
Rate = _exact(ge=0, le=Decimal("1e6"), places=6)
"""A price per unit, 0 to 1,000,000, with up to six decimals [currency/unit]."""
Ratio = _exact(ge=0, le=1, places=6)
"""A share between 0 and 1, with up to six decimals [1]."""
PositiveRatio = _exact(ge=0, le=1, places=6, gt=True)
"""A share above 0 and at most 1, with up to six decimals [1]."""
Change = _exact(ge=-1, le=10, places=6)
"""A relative change from -1 (-100 %) to 10 (+1000 %), with up to six decimals [1]."""
Hours = _exact(ge=0, le=Decimal("1e9"), places=4)
"""A number of hours, 0 to 1,000,000,000, with up to four decimals [h]."""

_REFUSED_IN_LABELS = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
"""Control, format (bidi overrides, zero-width), surrogate, private, unassigned, line breaks."""


_LABEL_PATTERN = (
    r"^[^\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]+$"
)
"""The same rule for JSON Schema readers: the common invisible and bidi characters refused."""


def _check_label(value: str) -> str:
    for position, char in enumerate(value, start=1):
        if unicodedata.category(char) in _REFUSED_IN_LABELS:
            raise PydanticCustomError(
                "label_character",
                "must not contain invisible or control characters (character {position} is {code})",
                {"position": position, "code": f"U+{ord(char):04X}"},
            )
    return value


Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60, strict=True),
    Field(json_schema_extra={"pattern": _LABEL_PATTERN}),
    AfterValidator(_check_label),
]
"""A short name shown to people: 1 to 60 visible characters; no control, bidi-override or
zero-width characters, which could disguise a name or reorder text in reports [text]."""


def _check_month(value: str) -> str:
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", value):
        raise PydanticCustomError("month_format", "must be a month written YYYY-MM, e.g. 2027-01")
    return value


MonthText = Annotated[
    str,
    Field(json_schema_extra={"pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"}),
    AfterValidator(_check_month),
]
"""A calendar month written ``YYYY-MM`` [month]."""
