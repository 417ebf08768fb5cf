"""Errors of the calculator, and one-line messages for people.

::

    CalculatorError
    └── ScenarioFileError        a scenario file or link could not be read (size, JSON, version)

Validation problems in otherwise readable input are pydantic ``ValidationError``; turn them into
one line each with :func:`describe_validation_error`.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from calculator._types import TypedPercent

_ITEM_NAMES = {
    "lines": "line",
    "tiers": "rate band",
    "one_time_months": "one-time cost month",
    "programs": "program",
    "funding": "funding source",
}
"""How one item of these lists is named in a message."""
_GROUP_NAMES = {"budget": "budget settings", "uncertainty": "uncertainty ranges"}
"""Groups of fields, named when the group itself is wrong (a file gives ``"budget": null``) or
holds a field the calculator does not know."""
_STAFFING_FIELDS = {"provisioned", "active", "peak_concurrent", "logged_in_hours"}
MAX_QUOTED = 40
"""Longest excerpt of a bad value repeated in a message [characters]; a hostile value may be huge."""


class CalculatorError(Exception):
    """Base class of the calculator's own errors."""


class ScenarioFileError(CalculatorError):
    """A scenario file or share link could not be read; the message says why."""


def _where(
    loc: tuple[Any, ...], data: Any, labels: Mapping[str, str], unknown: bool = False
) -> str:
    """Where a problem is, in words; ``unknown`` when the last key is a field nobody knows."""
    parts: list[str] = []
    parent = ""  # the list the location is inside, e.g. "plans"
    index = 0
    while index < len(loc):
        key = loc[index]
        nxt = loc[index + 1] if index + 1 < len(loc) else None
        if key in {"staffing", "plans"} and isinstance(nxt, int):
            if labels.get(key) != "":
                parts.append(
                    _month_label(data, nxt)
                    if key == "staffing"
                    else f"plan {nxt + 1}{_plan_label(data, nxt)}"
                )
            parent = key
            index += 2
            continue
        if isinstance(key, str) and key not in {"function-after", "function-wrap"}:
            name = labels.get(f"{parent}.{key}", labels.get(key, _ITEM_NAMES.get(key, key)))
            if isinstance(nxt, int):  # a position in any other list: "programs 2", "line 2"
                parts.append(f"{_ITEM_NAMES.get(key, name)} {nxt + 1}")
                parent = key
                index += 2
                continue
            if name:
                parts.append(name)
            elif key in _GROUP_NAMES and len(loc) - index == (2 if unknown else 1):
                # A group whose fields are named alone ("discount rate", not "budget, discount
                # rate") is named itself when it is what is wrong ("budget settings: must be
                # ...") and when it holds an unknown field: "budget settings, bogus: is not ...".
                parts.append(_GROUP_NAMES[key])
        index += 1
    return ", ".join(parts)


def _name_fields(message: str, labels: Mapping[str, str]) -> str:
    """``message`` with the field names it mentions replaced by their ``labels``.

    A name with an underscore is replaced wherever it stands as a word; a plain word (``active``)
    only where a rule quotes the field's value right after it: ``active (150)``.
    """
    for name, label in labels.items():
        if not label or "." in name:
            continue
        follows = r"(?!\w)" if "_" in name else r"(?= \()"
        message = re.sub(rf"(?<![\w.']){re.escape(name)}{follows}", label, message)
    return message


def _month_label(data: Any, index: int) -> str:
    """``"March 2027"`` for the month at ``index``, or ``"month 3"`` when the start is unknown."""
    from calculator._models import month_labels  # local: keeps this module import-light

    try:
        return month_name(month_labels(str(data["start_month"]), index + 1)[-1])
    except (KeyError, TypeError, ValueError):
        return f"month {index + 1}"


def month_name(label: str) -> str:
    """``"2027-03" -> "March 2027"``: a billing month as people write it."""
    year, month = label.split("-")
    return f"{calendar.month_name[int(month)]} {int(year)}"


_NUMBERED_MONTH = re.compile(r"\bmonth \d+ \((\d{4}-\d{2})\)")

_WAY_FORWARD = {
    "missing_hours": "add logged-in hours in the staffing table, or pick another counting rule",
    "duplicate_plan": "give each plan its own name",
    "unknown_baseline": "pick one of the plans as the plan you pay for today",
}
"""What to do about a rule's problem, by the rule's error type."""
_WHOLE = {"int_type", "int_from_float"}
"""Rules a fraction breaks where a count is asked for (:data:`WHOLE_ONLY`)."""
WHOLE_ONLY = "accepts whole numbers only; {} was typed"
"""What a count says of a fraction typed into it, with the number as typed."""
_EMPTY = {"int_type", "decimal_type", "float_type", "int_from_float"}
"""Rules a number left empty breaks (it arrives as ``None``)."""
_CROSS_FIELD = {*_WAY_FORWARD, "staffing_order"}
_PATTERN_WORDS = {"^[A-Z]{3}$": "three capital letters, such as USD or EUR"}
"""Patterns a text must match, in words (a regular expression means nothing to most people)."""
_BOUND_WORDS = {
    "greater_than_equal": ("ge", "must be {} or more"),
    "greater_than": ("gt", "must be more than {}"),
    "less_than_equal": ("le", "must be {} or less"),
    "less_than": ("lt", "must be less than {}"),
}
"""Limits in plain words: "must be 0 or more", not the rule's "Input should be greater than or
equal to 0"."""
_PLAIN_TYPES = {
    "finite_number": "must be a finite number",
    "int_type": "must be a whole number",
    "decimal_type": "must be a number",
    "float_type": "must be a number",
    "int_parsing": "must be a whole number",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a group of named fields",
    "model_type": "must be a group of named fields",
    "missing": "is missing; it is required",
    "extra_forbidden": "is not a field this calculator knows; remove it",
}
"""Rules about a value's kind, in plain words (a scenario file edited by hand can break each)."""
_PLAIN_WITH_LIMIT = {
    "enum": "must be one of {expected}",
    "too_short": "must have at least {min_length:,} {entries} (has {actual_length:,})",
    "too_long": "must have at most {max_length:,} {entries} (has {actual_length:,})",
    "string_too_long": "must be at most {max_length:,} characters",
    "string_too_short": "must be at least {min_length:,} characters",
}
"""Rules whose words need the rule's own figures (pydantic's ``ctx``)."""


def _plain_rule(item: Mapping[str, Any], message: str) -> str:
    """A limit or a kind of value in plain words; any other rule's own message."""
    kind = item["type"]
    if kind in _BOUND_WORDS:
        name, words = _BOUND_WORDS[kind]
        limit = (item.get("ctx") or {}).get(name)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)  # "more than 0", not "more than 0.0"
        if isinstance(limit, int | float | Decimal) and not isinstance(limit, bool):
            if isinstance(item.get("input"), TypedPercent):  # the limit as the value was typed
                return words.format(f"{limit * 100:,} %")
            return words.format(f"{limit:,}")
    if kind in _PLAIN_WITH_LIMIT:
        ctx = dict(item.get("ctx") or {})
        ctx["entries"] = "entry" if ctx.get("min_length", ctx.get("max_length")) == 1 else "entries"
        try:
            return _PLAIN_WITH_LIMIT[kind].format(**ctx)
        except (KeyError, ValueError):
            return message
    if kind == "extra_forbidden":
        loc = tuple(item.get("loc") or ())
        if len(loc) == 3 and (loc[0], loc[2]) in _FIELDS_ELSEWHERE:
            return _FIELDS_ELSEWHERE[loc[0], loc[2]]
    return _PLAIN_TYPES.get(kind, message)


_FIELDS_ELSEWHERE = {
    ("plans", "share"): "is a term of a plan's extra lines, not of the plan: move it into a line",
}
"""Fields of one model given to another, by (list, field): where they belong instead."""


def _way_forward(item: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    kind = item["type"]
    if kind in _WAY_FORWARD:
        return _WAY_FORWARD[kind]
    ctx = item.get("ctx") or {}
    if kind == "staffing_order" and "other" in ctx:
        field, other = (labels.get(ctx[name], ctx[name]) for name in ("field", "other"))
        return f"lower {field} or raise {other}"
    return ""


def _plan_label(data: Any, index: int) -> str:
    try:
        name = data["plans"][index]["name"]
    except (KeyError, TypeError, IndexError):
        return ""
    if not isinstance(name, str) or not name.strip():
        return ""  # "plan 1", not "plan 1 '   '": a blank name tells no plan apart
    return f" '{name}'" if len(name) <= MAX_QUOTED else f" '{name[:MAX_QUOTED]}…'"


def quote_some(values: Sequence[Any], shown: int = 2) -> str:
    """The first ``shown`` values quoted (:func:`quote_value`), and how many more, so a message
    naming thousands of values stays one line: ``'A', 'B' and 3 more``."""
    quoted = [quote_value(value) for value in values[:shown]]
    rest = len(values) - shown
    if rest > 0:
        return f"{', '.join(quoted)} and {rest:,} more"
    return " and ".join(quoted)


def quote_value(value: Any, limit: int = MAX_QUOTED) -> str:
    """``repr(value)`` cut to ``limit`` characters with an ellipsis, so a message stays short;
    a number written out as the limits in messages are (:func:`written_number`).

    ``quote_value("x" * 200_000)`` is ``"'xxxxxxxx…' (200,000 characters)"``. Long values are not
    built whole: containers and huge numbers are described, not printed.
    """
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[:limit]!r}… ({len(value):,} characters)"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return written_number(value, limit)
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}…"


def written_number(value: int | float | Decimal, limit: int = MAX_QUOTED) -> str:
    """A number as a message quotes it: every digit kept, thousands separated, never in
    scientific notation, as the limits beside it are written.

    ``1000000000000.00 -> "1,000,000,000,000.00"``, ``1E-7 -> "0.0000001"``, a float by its
    shortest repr (``1e20 -> "100,000,000,000,000,000,000"``). A number of more than ``limit``
    digits is described (``"a 400-digit number"``) rather than built.
    """
    if isinstance(value, int):
        if value.bit_length() >= 60_000:
            return "a huge number"  # not even its digits are counted
        value = Decimal(value)  # counts digits past Python's limit on writing an int out
    elif isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        value = Decimal(repr(value))
    if not value.is_finite():
        return str(value)
    if value.adjusted() >= limit:
        return f"a {value.adjusted() + 1:,}-digit number"
    if value.adjusted() <= -limit:
        return str(value)  # a tiny fraction: its exponent says more than its zeros
    plain = format(value, "f")
    if len(plain.lstrip("-")) > limit:  # many decimals
        return f"{plain[:limit]}…"
    return format(value, ",f")


def describe_validation_error(
    error: ValidationError, data: Any = None, labels: Mapping[str, str] | None = None
) -> list[str]:
    """One line per problem: where (month, plan, field), the rule, the value given, and for a
    rule between fields what to do about it.

    ``data`` is the raw input, used to name months and plans. Example lines::

        March 2027, provisioned: must be 0 or more (got -5)
        March 2027, active: accepts whole numbers only; 12.7 was typed
        March 2027: active (120) must be <= provisioned (100); lower active or raise provisioned

    ``labels`` name fields the way the person entering them sees them: field name -> label,
    or ``"<list>.<field>"`` -> label for a field inside ``plans`` or ``staffing`` (``plans.name``
    apart from the scenario's ``name``). Field names in the rule's message are replaced too.
    A label ``""`` leaves the field out; ``{"staffing": ""}`` leaves months unnamed (for inputs
    that stand for every month alike).
    """
    labels = labels or {}
    lines = []
    for item in error.errors(include_url=False):
        where = _where(tuple(item["loc"]), data, labels, item["type"] == "extra_forbidden")
        message = item["msg"].removeprefix("Value error, ").replace(" after validation", "")
        if item.get("input") is None and item["type"] in _EMPTY:
            lines.append(f"{where}: is empty; type a number" if where else "a number is empty")
            continue
        if item["type"] == "string_too_short" and (item.get("ctx") or {}).get("min_length") == 1:
            # Names are stripped first: quoting back the spaces typed would blame them.
            lines.append(f"{where}: is empty; type a name" if where else "a name is empty")
            continue
        pattern = (item.get("ctx") or {}).get("pattern")
        if item["type"] == "string_pattern_mismatch" and pattern in _PATTERN_WORDS:
            message = f"must be {_PATTERN_WORDS[pattern]}"
        message = _plain_rule(item, message)
        if item["type"] in _WHOLE and isinstance(item.get("input"), float | Decimal):
            typed = quote_value(item["input"]).removesuffix(".0")
            lines.append(
                f"{where}: {WHOLE_ONLY.format(typed)}" if where else WHOLE_ONLY.format(typed)
            )
            continue
        place = (item.get("ctx") or {}).get("where")
        if labels.get("staffing") == "" and isinstance(place, str) and place.startswith("month "):
            message = message.removeprefix(f"{place}: ")
        message = _name_fields(message, labels)
        message = _NUMBERED_MONTH.sub(lambda match: month_name(match[1]), message)
        value = item.get("input")
        show_value = bool(item["loc"]) and not isinstance(value, dict | list)
        show_value &= not (value is None and item["type"] in _CROSS_FIELD)  # no single value
        suffix = f" (got {quote_value(value)})" if show_value else ""
        forward = _way_forward(item, labels)
        suffix += f"; {forward}" if forward else ""
        lines.append(f"{where}: {message}{suffix}" if where else f"{message}{suffix}")
    return list(dict.fromkeys(lines))  # months left unnamed may repeat one problem
