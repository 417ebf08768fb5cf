"""Programs and funding as a table or as plain text, for people to edit; percentages, not shares.

Table rows (one per funding source of a program), as a spreadsheet or a data editor gives them::

    Program                 Workforce %   Funding source          Funding %
    Medicaid                40            Federal                 75
    Medicaid                              State general revenue   25
    SNAP                    40            Federal                 50
    ...

A program's workforce percentage is given on its first row; its later rows leave it empty or
repeat it. The same programs as text, one program a line (a keyboard-only alternative to a grid)::

    Medicaid | 40 | Federal = 75 | State general revenue = 25

Month-by-month workforce splits are rows with a ``Month`` (``YYYY-MM``) and one percentage per
program. Everything read here is user input: each problem comes back as one message naming the
row or line, the column and the value, and all problems are reported at once.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import TypeAdapter, ValidationError

from calculator._budget_settings import (
    MAX_FUNDING_SOURCES,
    MAX_MONTHLY_SHARES,
    MAX_PROGRAMS,
    FundingShare,
    MonthlyShares,
    Program,
)
from calculator._errors import describe_validation_error, quote_value
from calculator._types import Label

PROGRAM = "Program"
WORKFORCE = "Workforce %"
SOURCE = "Funding source"
FUNDING = "Funding %"
MONTH = "Month"
TABLE_COLUMNS = (PROGRAM, WORKFORCE, SOURCE, FUNDING)
MAX_TEXT_CHARS = 20_000
_MAX_ROWS = MAX_PROGRAMS * MAX_FUNDING_SOURCES
_PERCENT_PLACES = 4  # a share has six decimals, so a percentage has four
_MONTH_PATTERN = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_HUNDRED = Decimal(100)


class BudgetInputError(ValueError):
    """Programs or monthly shares could not be read; ``problems`` holds one message each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    return "" if _blank(value) else str(value).strip()


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def _percent(value: Any, where: str, column: str, problems: list[str]) -> Decimal | None:
    """A percentage 0-100 with at most four decimals, or ``None`` (and a problem) if not."""
    if isinstance(value, bool):
        problems.append(
            f"{where}, {column}: must be a number from 0 to 100 (got {quote_value(value)})"
        )
        return None
    # "35%" and "35 %" are the percentage as typed in a column headed "%".
    text = str(value).strip().removesuffix("%").rstrip()
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(text)
    except (InvalidOperation, ValueError):
        comma = "," in text and _is_number(text.replace(",", ".", 1))
        problems.append(
            f"{where}, {column}: must be a number from 0 to 100"
            + (", with a decimal point, not a comma" if comma else "")
            + f" (got {quote_value(value)})"
        )
        return None
    if not number.is_finite() or not 0 <= number <= 100:
        problems.append(
            f"{where}, {column}: must be a number from 0 to 100 (got {quote_value(value)})"
        )
        return None
    if number != number.quantize(Decimal(1).scaleb(-_PERCENT_PLACES)):
        problems.append(
            f"{where}, {column}: at most {_PERCENT_PLACES} decimal places (got {quote_value(value)})"
        )
        return None
    return number.normalize() if number else Decimal(0)


def percent_text(share: Decimal) -> str:
    """A share as the percentage a person types, every kept decimal and no more:
    ``Decimal("0.333333") -> "33.3333"``, ``Decimal("0.4") -> "40"`` [%]."""
    value = (share * 100).normalize()
    return f"{value:f}"


def program_rows(
    programs: Sequence[Program],
) -> list[tuple[str, Decimal | None, str, Decimal]]:
    """The programs as the table's rows (see the module docstring), as shares [1]: program,
    workforce share (on the program's first row only, ``None`` on its later rows), funding
    source and its share."""
    return [
        (program.name, program.share if index == 0 else None, source.source, source.share)
        for program in programs
        for index, source in enumerate(program.funding)
    ]


def programs_to_rows(programs: Sequence[Program]) -> list[dict[str, Any]]:
    """The programs as table rows (see the module docstring); percentages as floats."""
    return [
        {
            PROGRAM: name,
            WORKFORCE: None if workforce is None else float(workforce * 100),
            SOURCE: source,
            FUNDING: float(funding * 100),
        }
        for name, workforce, source, funding in program_rows(programs)
    ]


def programs_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Program]:
    """Programs from table rows; blank rows are skipped.

    Raises :class:`BudgetInputError` listing every problem, each naming the row (1-based).
    """
    rows = list(rows)
    if len(rows) > _MAX_ROWS:
        raise BudgetInputError([f"{len(rows)} rows; the limit is {_MAX_ROWS}"])
    numbers = list(range(1, len(rows) + 1))
    return _programs_from_rows(rows, numbers, _runs_of_a_program(rows), "row")


def _runs_of_a_program(rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """The run each table row is part of: rows one after another naming the same program are
    one run (blank rows between them do not end it); each other program starts the next."""
    runs = []
    run, previous = 0, None
    for row in rows:
        name = _text(row.get(PROGRAM))
        if name and name != previous:
            run, previous = run + 1, name
        runs.append(run)
    return runs


_LABEL = TypeAdapter(Label)


def _label_problem(value: str) -> str | None:
    """Why ``value`` cannot be a program or source name (too long, hidden characters), or
    ``None`` when it can."""
    try:
        _LABEL.validate_python(value)
    except ValidationError as exc:
        return f"{describe_validation_error(exc)[0]} (got {quote_value(value)})"
    return None


_KEEP_TOGETHER = {
    "row": "give each program once, its rows one after another",
    "line": "write each program once, on one line",
}
"""What to do about a program given twice, where the person typed it."""


def _programs_from_rows(
    rows: list[Mapping[str, Any]], numbers: list[int], runs: list[int], unit: str
) -> list[Program]:
    """Programs from rows, read the same way from the table and the text.

    ``numbers`` and ``unit`` name the place each row was typed ("row 3" in the table, "line 2"
    in the text, whose line gives a row per funding source), so every message points there.
    ``runs`` says which rows give one program together: a run of table rows, or a line. A
    program named again in a later run is a repeat, reported as such; its rows are not read, so
    it adds no funding that seems not to add up.
    """
    problems: list[str] = []
    order: list[str] = []
    workforce: dict[str, Decimal] = {}
    funding: dict[str, list[tuple[str, Decimal]]] = {}
    first_run: dict[str, int] = {}
    typed_on: dict[str, list[int]] = {}  # program -> the rows or lines that name it
    repeated: dict[str, None] = {}  # programs named again in a later run, in order
    bad_names: dict[str, int] = {}  # a name that cannot be one -> its message in problems
    for number, run, row in zip(numbers, runs, rows, strict=True):
        if all(_blank(row.get(column)) for column in TABLE_COLUMNS):
            continue
        place = f"{unit} {number}"
        name = _text(row.get(PROGRAM))
        if not name:
            problems.append(f"{place}, {PROGRAM}: a program name is required")
            continue
        if number not in typed_on.setdefault(name, []):
            typed_on[name].append(number)
        # A name that cannot be one is said once, naming every row or line that gives it (a
        # line gives a row per funding source); the rest of the row is still read, so its
        # other problems come in the same round, placed without the name.
        problem = _label_problem(name)
        if problem:
            places = f"{unit}{'s' if len(typed_on[name]) > 1 else ''} {_listed(typed_on[name])}"
            message = f"{places}, {PROGRAM}: {problem}"
            if name in bad_names:
                problems[bad_names[name]] = message
            else:
                bad_names[name] = len(problems)
                problems.append(message)
        if first_run.setdefault(name, run) != run:
            repeated[name] = None  # reported once, below
            continue
        where = place if problem else f"{place} ({name})"
        if name not in funding:
            same = next((known for known in order if known.casefold() == name.casefold()), None)
            if same is not None:
                problems.append(
                    f"{place}, {PROGRAM}: {name} differs from {same} only in capitals; write a "
                    "program's name the same way each time"
                )
                continue
            order.append(name)
            funding[name] = []
            if _blank(row.get(WORKFORCE)):
                first = " on its first row" if unit == "row" else ""
                problems.append(
                    f"{where}, {WORKFORCE}: give the program's workforce percentage{first}"
                )
        if not _blank(row.get(WORKFORCE)):
            share = _percent(row.get(WORKFORCE), where, WORKFORCE, problems)
            if share is not None:
                if name in workforce and workforce[name] != share:
                    problems.append(
                        f"{where}, {WORKFORCE}: {name} already has {workforce[name]:f} % on an "
                        f"earlier row (got {quote_value(row.get(WORKFORCE))})"
                    )
                workforce.setdefault(name, share)
        source = _text(row.get(SOURCE))
        if not source:
            problems.append(f"{where}, {SOURCE}: a funding source is required")
            continue
        if problem := _label_problem(source):
            problems.append(f"{where}, {SOURCE}: {problem}")
            continue
        same = next((k for k, _ in funding[name] if k.casefold() == source.casefold()), None)
        if same is not None:
            written = "" if same == source else f" (as {same})"
            problems.append(
                f"{where}, {SOURCE}: {source} is already a funding source of {name}{written}; "
                "name each source once"
            )
            continue
        if _blank(row.get(FUNDING)):
            problems.append(f"{where}, {FUNDING}: a percentage is required")
            continue
        part = _percent(row.get(FUNDING), where, FUNDING, problems)
        if part is not None:
            funding[name].append((source, part))
    problems += [
        f"{name} is on {unit}s {_listed(typed_on[name])}; {_KEEP_TOGETHER[unit]}"
        for name in repeated
    ]
    if not order and not problems:
        problems.append("add at least one program")
    if problems:
        raise BudgetInputError(problems)
    total = sum(workforce.values(), Decimal(0))
    if total != 100:
        listed = ", ".join(f"{name} {workforce[name]:f} %" for name in order)
        problems.append(f"workforce percentages add up to {total:f} %, not 100 % ({listed})")
    for name in order:
        part_total = sum((part for _, part in funding[name]), Decimal(0))
        if part_total != 100:
            listed = ", ".join(f"{source} {part:f} %" for source, part in funding[name])
            problems.append(
                f"{name}: funding percentages add up to {part_total:f} %, not 100 % ({listed})"
            )
    if problems:
        raise BudgetInputError(problems)
    try:
        return [
            Program(
                name=name,
                share=workforce[name] / _HUNDRED,
                funding=[
                    FundingShare(source=source, share=part / _HUNDRED)
                    for source, part in funding[name]
                ],
            )
            for name in order
        ]
    except ValidationError as exc:
        raise BudgetInputError(describe_validation_error(exc)) from None


def _listed(numbers: list[int]) -> str:
    """``[1, 2, 4] -> "1, 2 and 4"``."""
    *rest, last = numbers
    return f"{', '.join(map(str, rest))} and {last}" if rest else str(last)


def programs_to_text(programs: Sequence[Program]) -> str:
    """The programs as text, one program a line: ``Name | 40 | Federal = 75 | State = 25``."""
    lines = []
    for program in programs:
        parts = [program.name, percent_text(program.share)]
        parts += [f"{source.source} = {percent_text(source.share)}" for source in program.funding]
        lines.append(" | ".join(parts))
    return "\n".join(lines) + "\n"


def programs_from_text(text: str) -> list[Program]:
    """Programs from text written like :func:`programs_to_text`; blank lines are skipped.

    Raises :class:`BudgetInputError` listing every problem, each naming the line (1-based).
    """
    if len(text) > MAX_TEXT_CHARS:
        raise BudgetInputError(
            [f"the text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}"]
        )
    problems: list[str] = []
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []  # the line of each row
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) < 3:
            problems.append(
                f"line {number}: write 'Program | workforce % | Source = % | ...' (got {quote_value(line)})"
            )
            continue
        name, share, *sources = parts
        for index, source in enumerate(sources):
            source_name, equals, percent = source.rpartition("=")
            if not equals:
                problems.append(
                    f"line {number} ({name}): write each funding source as 'Source = %' "
                    f"(got {quote_value(source)})"
                )
                continue
            rows.append(
                {
                    PROGRAM: name,
                    WORKFORCE: share if index == 0 else None,
                    SOURCE: source_name.strip(),
                    FUNDING: percent.strip(),
                }
            )
            numbers.append(number)
    if problems:
        raise BudgetInputError(problems)
    return _programs_from_rows(rows, numbers, numbers, "line")  # one line, one program


def monthly_shares_to_rows(
    months: Sequence[str], programs: Sequence[Program], monthly: Sequence[MonthlyShares]
) -> list[dict[str, Any]]:
    """One row per month of ``months``: ``Month`` and each program's percentage that month."""
    by_month = {entry.month: entry.shares for entry in monthly}
    rows = []
    for month in months:
        shares = by_month.get(month, {p.name: p.share for p in programs})
        row: dict[str, Any] = {MONTH: month}
        for program in programs:
            row[program.name] = float(shares.get(program.name, Decimal(0)) * 100)
        rows.append(row)
    return rows


def monthly_shares_from_rows(
    rows: Iterable[Mapping[str, Any]], programs: Sequence[Program], months: Sequence[str]
) -> list[MonthlyShares]:
    """Month-by-month splits from rows with ``Month`` and one percentage column per program.

    Every month must be one of ``months``, the scenario's: a split for another month would be
    stored but never used. Months whose split equals the programs' constant shares are left out
    (they need no entry). Raises :class:`BudgetInputError` listing every problem, each naming
    the row and month.
    """
    rows = list(rows)
    if len(rows) > MAX_MONTHLY_SHARES:
        raise BudgetInputError([f"{len(rows)} months; the limit is {MAX_MONTHLY_SHARES}"])
    names = [program.name for program in programs]
    constant = {program.name: program.share for program in programs}
    period = f"{months[0]} to {months[-1]}" if months else "none"
    problems: list[str] = []
    result = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        month = _text(row.get(MONTH))
        where = f"row {number}" + (f" ({month})" if month else "")
        if not _MONTH_PATTERN.fullmatch(month):
            problems.append(
                f"{where}, {MONTH}: must be a month written YYYY-MM (got {quote_value(month)})"
            )
            continue
        # Refused here, where it is typed; a saved scenario keeps such months (moving its start
        # or shortening it must not make its split invalid) and its budget notes them as unused.
        if month not in months:
            problems.append(f"{where}, {MONTH}: not one of the scenario's months ({period})")
            continue
        if month in seen:
            problems.append(f"{where}, {MONTH}: {month} appears twice")
            continue
        seen.add(month)
        shares = {}
        for name in names:
            value = row.get(name)
            if _blank(value):
                problems.append(f"{where}, {name}: a percentage is required")
                continue
            percent = _percent(value, where, name, problems)
            if percent is not None:
                shares[name] = percent
        if len(shares) < len(names):
            continue
        total = sum(shares.values(), Decimal(0))
        if total != 100:
            problems.append(f"{where}: program percentages add up to {total:f} %, not 100 %")
            continue
        split = {name: shares[name] / _HUNDRED for name in names}
        if split != constant:
            result.append(MonthlyShares(month=month, shares=split))
    if problems:
        raise BudgetInputError(problems)
    return result


def replace_monthly_shares(
    saved: Sequence[MonthlyShares], edited: Sequence[MonthlyShares], months: Sequence[str]
) -> list[MonthlyShares]:
    """The split for ``months`` replaced by ``edited``, in month order; a saved entry for a month
    outside ``months`` is kept.

    The table and the text show the scenario's months only; a split saved for other months (the
    scenario moved or shortened since) waits there for the months to come back, so an edit of
    the months shown must not drop it.

    >>> old = MonthlyShares(month="2026-12", shares={"A": Decimal(1)})
    >>> new = MonthlyShares(month="2027-02", shares={"A": Decimal(1)})
    >>> [e.month for e in replace_monthly_shares([old], [new], ["2027-01", "2027-02"])]
    ['2026-12', '2027-02']
    """
    shown = set(months)
    kept = [entry for entry in saved if entry.month not in shown]
    return sorted([*kept, *edited], key=lambda entry: entry.month)


def monthly_shares_to_text(
    months: Sequence[str], programs: Sequence[Program], monthly: Sequence[MonthlyShares]
) -> str:
    """Month-by-month percentages as CSV text: a ``Month`` column, then one per program."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([MONTH, *(program.name for program in programs)])
    for row in monthly_shares_to_rows(months, programs, monthly):
        writer.writerow(
            [row[MONTH], *(percent_text(Decimal(repr(row[p.name])) / 100) for p in programs)]
        )
    return out.getvalue()


_NO_MONTH = (
    "the text holds no month: write one line per month under the header (the month, then each "
    "program's percentage)"
)


def monthly_shares_from_text(
    text: str, programs: Sequence[Program], months: Sequence[str]
) -> list[MonthlyShares]:
    """Month-by-month percentages from CSV text written like :func:`monthly_shares_to_text`.

    The header must name ``Month`` and every program; each month must be one of ``months``.
    Text with no month (empty, or a header alone) is refused rather than read as "no split":
    clearing the box by mistake must not throw a typed split away. Raises
    :class:`BudgetInputError`.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise BudgetInputError(
            [f"the text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}"]
        )
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise BudgetInputError([_NO_MONTH])
    try:
        table = list(csv.reader(lines, strict=True))
    except csv.Error as exc:
        raise BudgetInputError([f"the text cannot be read as CSV: {exc}"]) from None
    header = [cell.strip() for cell in table[0]]
    expected = [MONTH, *(program.name for program in programs)]
    if sorted(header) != sorted(expected):
        raise BudgetInputError(
            [
                f"the first line must name the columns {', '.join(expected)} (got {', '.join(header)})"
            ]
        )
    if len(table) == 1:
        raise BudgetInputError([_NO_MONTH])
    problems = []
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if len(cells) != len(header):
            problems.append(f"line {number}: {len(cells)} values, expected {len(header)}")
            continue
        rows.append(dict(zip(header, cells, strict=True)))
    if problems:
        raise BudgetInputError(problems)
    try:
        return monthly_shares_from_rows(rows, programs, months)
    except BudgetInputError as exc:
        # Row 1 of the rows is line 2 of the text (after the header).
        raise BudgetInputError(
            [
                re.sub(r"^row (\d+)", lambda m: f"line {int(m.group(1)) + 1}", p)
                for p in exc.problems
            ]
        ) from None
