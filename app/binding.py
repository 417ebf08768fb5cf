"""One binding between a model and its widgets: a declarative table of fields, and everything
derived from it.

A :class:`Binding` lists a model's editable fields once: name, widget kind, label and unit, the
scale shown (a ratio shown as a percentage), and the widget's limits. The help text is the model's
own ``Field(description=...)``. From the table come the widgets' keys, the values that seed them,
the widgets themselves, the model data read back from them, and the labels that name the fields in
problem messages. Adding a term to a model is one line in the model and one line in its table.

Every change goes through :func:`validate` (or :func:`try_set` for the session's scenario): the
model, or the :class:`Problems` in plain words, shown the one way :func:`show_problems` shows them.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

import streamlit as st
from pydantic import TypeAdapter, ValidationError

from app import state
from app.browser_request import resend_if_unreported
from app.components.markdown import escape_markdown
from calculator import Scenario, TypedPercent, describe_validation_error

M = TypeVar("M")
MONTH_NAMES = list(calendar.month_name)[1:]
"""January to December, as month pickers show them."""
_CENT = Decimal("0.01")
_RATIO_PLACES = 6  # decimals a ratio keeps (calculator._types.Ratio and Change)
AS_KEPT_FORMAT = "%g"
"""The format of a box or table cell that shows a number as kept: every decimal, none added.
Streamlit formats in the browser, where ``%g`` prints the number's shortest form (``12.3456``,
``1234.567891``); a fixed ``%.2f`` showed a rate of 12.3456 as 12.35."""


def number_column(label: str, *, required: bool, whole: bool, help: str | None = None) -> Any:
    """A table column of numbers taken as typed, as the number boxes take them: no step and no
    limits, which the table would apply unseen (a whole-number column cut ``12.7`` to ``12``, a
    rate past its limit became the table's own "Invalid input"); the model refuses a fraction or
    a value out of range by name. Counts are shown plain, other numbers as kept."""
    return st.column_config.NumberColumn(
        label, required=required, format="plain" if whole else AS_KEPT_FORMAT, help=help
    )


class Kind(StrEnum):
    """How a field is entered, and how its widget value becomes the model's value."""

    TEXT = "text"  # text input, without surrounding spaces
    NAMES = "names"  # text input of names separated by commas: a list, None when empty
    CHOICE = "choice"  # select box over ``options``
    WHOLE = "whole"  # number input of whole numbers, shown as typed (see Field.as_typed)
    EXACT = "exact"  # number input, exactly as typed (money, rates, hours): never rounded here
    PERCENT = "percent"  # number input in %, an exact ratio; finer than six places is refused
    SHARE = "share"  # number input in %, a float ratio
    NUMBER = "number"  # number input, a float
    FLAG = "flag"  # check box
    MONTHS = "months"  # calendar months picked by name, 1 = January
    KEPT = "kept"  # no widget: a structured term (rate bands, lines) kept as the model holds it


_WIDE = 18  # [digits] above every field's range; quantizing such a value would overflow


def decimal_from_input(
    value: float | int | str | Decimal, *, scale: int = 1, places: int | None = None
) -> Decimal:
    """A number typed into an input as an exact decimal, divided by ``scale`` (100 for a
    percentage).

    Whole cents stay whole cents (``65.5 -> 65.50``); anything finer is kept exactly, or rounded
    half away from zero to ``places`` decimals when given. A float is read by its shortest repr,
    so ``0.1`` is ``Decimal("0.1")``, never the binary value. This is the app's one converter
    from a typed or tabled number to a Decimal.
    """
    exact = Decimal(str(value)) / scale
    if not exact.is_finite() or exact.adjusted() > _WIDE:
        return exact  # far outside every bound: the model refuses it by name, no rounding work
    cents = exact.quantize(_CENT)
    if cents == exact:
        return cents
    if places is None:
        return exact
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ratio_from_percent(value: float | int | str | Decimal) -> Decimal | TypedPercent:
    """A percentage typed into an input as the exact ratio it stands for (``2.5 -> 0.025000``).

    A ratio finer than the six places a model keeps stays the percentage as typed, which the
    model refuses in percent ("at most 4 decimal places in percent (got 3.123456 %)"):
    rounded, ``0.00001`` % became 0 without a word.
    """
    kept = decimal_from_input(value, scale=100, places=_RATIO_PLACES)
    if kept == decimal_from_input(value, scale=100):
        return kept
    return TypedPercent(Decimal(str(value)))


@dataclass(frozen=True)
class Field:
    """One editable field: its widget and how values pass between widget and model.

    ``name`` is the model's field name, dotted for a field of a nested model
    (``uncertainty.draws``). The widget's label is ``label + unit``; problems name the field by
    ``label`` alone, in lower case. ``column`` is the index of the page column it sits in.
    """

    name: str
    kind: Kind
    label: str
    unit: str = ""
    optional: bool = False  # the number input may be left empty (None)
    min_value: float | None = None
    max_value: float | None = None
    step: float | None = None
    format: str | None = None
    options: Sequence[Any] = ()
    format_func: Callable[[Any], str] | None = None
    max_chars: int | None = None
    column: int = 0
    key: str = ""  # the widget key's last part, when not the name with "_" for "."
    placeholder: str = ""  # an empty box's hint; a number box's is else "optional" or "required"
    help: str = ""
    """The widget's help, when the model's description does not fit the widget: a fraction [1]
    whose example would mislead in a box that takes percent."""

    @property
    def typed(self) -> bool:
        """Whether the number input takes any number and shows it as typed (``12.7``,
        ``95.555``); it may be emptied. The model then refuses, by name, what breaks its rules:
        a fraction of an agent, a value out of range, an empty required field. Nothing is
        clamped or rounded on the way: a whole-number box cut ``12.7`` to ``12``, a box with
        limits held a value out of range back without a word (a discount rate of 150 % kept the
        old rate), and a box cleared became its minimum (0 %).

        Every number but a :attr:`Kind.SHARE`, a float ratio whose limits the model could state
        only as a ratio ("must be 1 or less"): its box keeps its limits."""
        return self.kind is not Kind.SHARE

    @property
    def noun(self) -> str:
        """The label as a problem message names the field: ``"Active users" -> "active users"``."""
        text = self.label
        return text if text[1:2].isupper() else text[:1].lower() + text[1:]

    def to_widget(self, value: Any) -> Any:
        """The model's value as the widget shows it."""
        if value is None:
            return None
        if self.kind in (Kind.EXACT, Kind.WHOLE):
            return float(value)
        if self.kind in (Kind.PERCENT, Kind.SHARE):
            return float(value * 100)
        if self.kind is Kind.MONTHS:
            return [MONTH_NAMES[month - 1] for month in value]
        if self.kind is Kind.NAMES:
            return ", ".join(value)
        return value

    def from_widget(self, value: Any) -> Any:
        """The widget's value as the model takes it (still to be validated)."""
        if value is None:
            return None
        match self.kind:
            case Kind.WHOLE:
                # Through the float's shortest text: int(1e30) is 1e30's binary neighbour.
                whole = float(value).is_integer()
                return int(Decimal(repr(float(value)))) if whole else value
            case Kind.EXACT:
                return decimal_from_input(value)
            case Kind.PERCENT:
                # As typed: the model reads the ratio, and states its limits in percent too
                # ("must be 100 % or less (got 150 %)", not "1 or less (got 1.50)").
                return TypedPercent(Decimal(repr(value)).normalize())  # 150.0 is "150 %"
            case Kind.SHARE:
                return value / 100
            case Kind.NUMBER:
                return float(value)
            case Kind.MONTHS:
                return tuple(MONTH_NAMES.index(name) + 1 for name in value)
            case Kind.TEXT:
                return value.strip()
            case Kind.NAMES:
                return [name.strip() for name in value.split(",") if name.strip()] or None
        return value


def _fields_of(model: type) -> Mapping[str, Any]:
    fields = getattr(model, "model_fields", None)
    return fields if fields is not None else model.__pydantic_fields__


def description(model: type, name: str) -> str | None:
    """The model's ``Field(description=...)`` of ``name`` (dotted for nested models), without
    the unit in square brackets at its end."""
    *path, leaf = name.split(".")
    for part in path:
        model = _fields_of(model)[part].annotation
    text = _fields_of(model)[leaf].description
    return None if text is None else text.rsplit(" [", 1)[0]


def _get(instance: Any, name: str) -> Any:
    for part in name.split("."):
        instance = getattr(instance, part)
    return instance


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """``{"a.b": 1, "c": 2} -> {"a": {"b": 1}, "c": 2}``."""
    nested: dict[str, Any] = {}
    for name, value in flat.items():
        *path, leaf = name.split(".")
        target = nested
        for part in path:
            target = target.setdefault(part, {})
        target[leaf] = value
    return nested


@dataclass(frozen=True)
class Binding:
    """A model's field table, and the widgets derived from it (keys ``<prefix>_<name>``).

    ``labels_extra`` names parts of a location no single field stands for (a nested model, or
    ``""`` to leave a part out); see :func:`calculator.describe_validation_error`.
    """

    model: type
    prefix: str
    fields: tuple[Field, ...]
    labels_extra: Mapping[str, str] = field(default_factory=dict)

    def key(self, name: str, suffix: str = "") -> str:
        """The widget key of field ``name``; ``suffix`` tells apart several copies (plan 2)."""
        item = next(item for item in self.fields if item.name == name)
        return f"{self.prefix}{suffix}_{item.key or name.replace('.', '_')}"

    @property
    def shown(self) -> tuple[Field, ...]:
        """The fields that have a widget (all but :attr:`Kind.KEPT`)."""
        return tuple(item for item in self.fields if item.kind is not Kind.KEPT)

    def widget_keys(self, suffix: str = "") -> list[str]:
        """Every widget key of the table."""
        return [self.key(item.name, suffix) for item in self.shown]

    def widget_values(self, instance: Any, suffix: str = "") -> dict[str, Any]:
        """Widget key -> value shown, for ``instance`` (to seed the widgets)."""
        return {
            self.key(item.name, suffix): item.to_widget(_get(instance, item.name))
            for item in self.shown
        }

    def kept(self, instance: Any) -> dict[str, Any]:
        """The :attr:`Kind.KEPT` fields of ``instance`` as model data: what a form without
        their widgets must carry over unchanged."""
        dumped = instance.model_dump()
        return {item.name: dumped[item.name] for item in self.fields if item.kind is Kind.KEPT}

    def labels(self, within: str = "") -> dict[str, str]:
        """Field name -> how problems name it; ``within`` qualifies names for fields inside a
        list of the scenario (``"plans"``: ``plans.rate``)."""
        qualify = f"{within}." if within else ""
        leaves = [item.name.rsplit(".", 1)[-1] for item in self.fields]
        labels = {}
        for item, leaf in zip(self.fields, leaves, strict=True):
            if leaves.count(leaf) > 1:  # e.g. the low end of several ranges: see labels_extra
                continue
            labels[f"{qualify}{leaf}"] = item.noun
            if "_" in leaf:  # a name no other model uses: named so in any rule's message too
                labels[leaf] = item.noun
        return {**labels, **self.labels_extra}

    def show(
        self,
        places: Sequence[Any] | None = None,
        suffix: str = "",
        label_suffix: str = "",
        *,
        with_help: bool = True,
    ) -> dict[str, Any]:
        """Draw every widget (in ``places[field.column]``, else in the page) and return the
        model's data as entered: field name -> value, nested for dotted names.

        ``label_suffix`` follows each label, before the unit (``", 2027-03"`` for a month).
        ``with_help=False`` leaves out the help buttons, each a tab stop: rows of one table after
        the first repeat the first row's help.
        """
        entered = {}
        for item in self.shown:
            place = st if places is None else places[item.column]
            raw = _widget(
                place,
                item,
                self.key(item.name, suffix),
                _help_text(item, self.model) if with_help else None,
                label_suffix,
            )
            entered[item.name] = item.from_widget(raw)
        return nest(entered)

    def read(self, suffix: str = "") -> dict[str, Any]:
        """What :meth:`show` returns, from the values the session holds for the widgets, without
        drawing them: each widget's key must be in ``st.session_state`` (filled from a model,
        or the widget drawn in an earlier run)."""
        return nest(
            {
                item.name: item.from_widget(st.session_state[self.key(item.name, suffix)])
                for item in self.shown
            }
        )

    def data(self, instance: Any) -> dict[str, Any]:
        """The table's fields of ``instance`` as model data (nested for dotted names)."""
        return nest({item.name: _get(instance, item.name) for item in self.fields})


def _help_text(item: Field, model: type) -> str | None:
    """The field's help: its own, else the model's description; counts say they are whole."""
    text = item.help or description(model, item.name)
    if item.kind is Kind.WHOLE:
        return f"{text or ''} Whole numbers only.".strip()
    return text


def _widget(place: Any, item: Field, key: str, help_text: str | None, label_suffix: str) -> Any:
    label = item.label + label_suffix + item.unit
    resend_if_unreported(key)  # its value may be in the session only, filled in a run cut short
    common = {"key": key, "help": help_text}
    match item.kind:
        case Kind.TEXT | Kind.NAMES:
            hint = {"placeholder": item.placeholder} if item.placeholder else {}
            return place.text_input(label, max_chars=item.max_chars, **hint, **common)
        case Kind.CHOICE:
            extra = {"format_func": item.format_func} if item.format_func else {}
            return place.selectbox(label, list(item.options), **extra, **common)
        case Kind.FLAG:
            return place.checkbox(label, **common)
        case Kind.MONTHS:
            return place.multiselect(label, MONTH_NAMES, **common)
    if item.typed:
        return place.number_input(
            label,
            value=None,
            step=float(item.step if item.step is not None else 1),
            format=AS_KEPT_FORMAT,  # as typed: no fixed decimals that would hide a digit
            placeholder=item.placeholder or ("optional" if item.optional else "required"),
            **common,
        )
    limits = {
        name: float(value)
        for name, value in (
            ("min_value", item.min_value),
            ("max_value", item.max_value),
            ("step", item.step if item.step is not None else 1),
        )
        if value is not None
    }
    if item.format:
        limits["format"] = item.format
    elif item.kind in (Kind.EXACT, Kind.PERCENT):  # kept exactly, so shown exactly
        limits["format"] = AS_KEPT_FORMAT
    if item.optional:
        limits["value"] = None  # may be left empty; filled through the session key
    return place.number_input(label, **limits, **common)


@dataclass(frozen=True)
class Problems:
    """Why an entry was refused: one plain-language line per problem."""

    lines: tuple[str, ...]
    refused: frozenset[str] = frozenset()
    """The top-level fields whose own value broke a rule (what the other checks must skip)."""

    def __bool__(self) -> bool:
        return bool(self.lines)


@cache
def _adapter(model: type) -> TypeAdapter:
    return TypeAdapter(model)


def validate(model: type[M], data: Any, labels: Mapping[str, str] | None = None) -> M | Problems:
    """``data`` as a ``model``, or the problems, naming fields by ``labels``."""
    try:
        return _adapter(model).validate_python(data)
    except ValidationError as exc:
        refused = frozenset(str(error["loc"][0]) for error in exc.errors() if error["loc"])
        return Problems(tuple(describe_validation_error(exc, data, labels)), refused)


def try_set(
    data: Mapping[str, Any] | Scenario,
    labels: Mapping[str, str] | None = None,
    *,
    rerun: bool = True,
) -> Scenario | Problems:
    """Validate ``data`` as a scenario and, when valid and different, make it the session's.

    A change reruns the page at once (unless ``rerun`` is false), so every input is refilled
    from the new scenario before the user's next edit arrives. A :class:`Scenario` built
    elsewhere is validated again from its data, since copies skip validation.
    """
    raw = data.model_dump() if isinstance(data, Scenario) else data
    result = validate(Scenario, raw, labels)
    if isinstance(result, Problems) or result == state.get_scenario():
        return result
    state.set_scenario(result)
    if rerun:
        st.rerun()
    return result


def show_problems(problems: Problems | Iterable[str], *, intro: str = "", place: Any = st) -> None:
    """One error box listing every problem, so nothing scrolls away; ``intro`` goes first."""
    lines = problems.lines if isinstance(problems, Problems) else tuple(problems)
    if not lines:
        return
    body = "\n".join(f"- {escape_markdown(line)}" for line in lines)
    place.error(f"{escape_markdown(intro)}\n{body}" if intro else body, icon=":material/error:")
