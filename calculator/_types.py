"""Constrained field types shared by every model of the calculator.

Kept free of other calculator imports, so any model module (the scenario, the budget settings)
can use them without an import cycle.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

MAX_AGENTS = 1_000_000

FROZEN = ConfigDict(frozen=True, extra="forbid")
"""Models are immutable (hashable, safe to cache) and refuse unknown fields (typos)."""

Headcount = Annotated[int, Field(ge=0, le=MAX_AGENTS, strict=True)]
"""A number of agents or accounts [agents]; strict, so ``true`` and ``1.5`` are refused."""
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e9"), decimal_places=2)]
"""An amount in whole cents [currency]."""
Rate = Annotated[Decimal, Field(ge=0, le=Decimal("1e6"), decimal_places=6)]
"""A price per unit with up to six decimals [currency/unit]."""
Ratio = Annotated[Decimal, Field(ge=0, le=1, decimal_places=6)]
"""A share between 0 and 1 [1]."""
Label = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=60, pattern=r"^[^\x00-\x1f\x7f]+$"
    ),
]
"""A short name shown to people: 1 to 60 characters, no control characters [text]."""


def _check_month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise PydanticCustomError("month_format", "must be a month written YYYY-MM, e.g. 2027-01")
    return value


MonthText = Annotated[
    str,
    Field(json_schema_extra={"pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}),
    AfterValidator(_check_month),
]
"""A calendar month written ``YYYY-MM`` [month]."""
