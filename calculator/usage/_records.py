"""JSON exports and Excel workbooks to tables of named columns, as a CSV would give.

JSON containers read: one object, an array of objects, JSON lines (one object per line) and
objects concatenated with no delimiter at all (``}{``, as Kinesis Data Firehose writes agent event
streams to S3). Nested objects become dotted column names (``CurrentAgentSnapshot.Configuration.
Username``); a list of records inside an object (``{"value": [...]}``, ``{"userDetails": [{"userId",
"primaryPresence": [...]}]}``) is unnested into one row per record, each row keeping the fields of
the objects around it (so a presence record keeps its ``userId``).

The fast path hands JSON lines to Arrow's multi-threaded reader; anything else (an array, a
pretty-printed object, a field whose type changes between records) is parsed with orjson first.
Row numbers of JSON are record numbers, the first record being 1.

Workbooks (.xlsx, .xls) are read with python-calamine: the first sheet whose rows contain a header
a layout knows, and every later sheet with the same header (one sheet per month), are each turned
into CSV text, one line per sheet row, so row numbers are the sheet's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import mmap
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from calculator.usage._errors import LogFileError

RECORD_LISTS = (
    "value",
    "events",
    "userDetails",
    "primaryPresence",
    "records",
    "Records",
    "items",
    "data",
    "results",
    "entities",
)
"""Names of lists that hold the records of a response, in order of preference."""
MAX_JSON_DEPTH = 4
"""Lists of records unnested at most this deep."""
_BLOCK = 16 << 20


_SAMPLE_BYTES = 1 << 20
"""JSON lines are first read from this much of the file, to learn the keys; then only the keys
the layout uses are read from the whole file (Arrow skips the rest several times faster)."""


@dataclass
class Records:
    """A JSON file as a table: one row per record, nested fields flattened to dotted names."""

    table: pa.Table
    """All records, or the first ones only (``lines`` is then the whole file to read)."""
    container: str
    name: str
    paths: dict[str, tuple[str, ...]]
    """Where each column is in a record: the keys from the top, lists passed through."""
    unnested: list[str]
    """The lists unnested, in order (column names at the time)."""
    lines: bytes | mmap.mmap | None = None
    table_schema: pa.Schema | None = None
    """Schema of the first records as read, before flattening (pruned for the full read)."""

    @property
    def keys(self) -> list[str]:
        return self.table.column_names

    def columns(self, keys: list[str]) -> dict[str, pa.Array]:
        """The named columns over all records (reading the whole file now if needed)."""
        if self.lines is not None and self.table_schema is not None:
            schema = _pruned(self.table_schema, [self.paths[key] for key in keys])
            table = _arrow_lines(self.lines, schema)
            if table is None:  # a type differs further down: read every value as text
                values, _ = _parse_values(bytes(self.lines).strip(), self.name)
                table = _table_of(values, self.name)
            self.table = _replay(table, self.unnested, self.name)
            self.lines = None
        return {key: self.table.column(key) for key in keys}


def is_json(head: bytes) -> bool:
    """Whether a file starts like JSON: an object or an array, after white space."""
    stripped = head.lstrip(b" \t\r\n")
    return stripped.startswith((b"{", b"["))


def read_json(data: bytes | mmap.mmap, name: str) -> Records:
    """Records of a JSON file; raises :class:`LogFileError` naming the byte where it breaks.

    ``data`` is not copied on the fast path: a memory-mapped file is read by Arrow in place."""
    _refuse_deep_nesting(data, name)
    head = bytes(data[:4096])
    start = len(head) - len(head.lstrip())
    if head.startswith(b"{", start):
        # Firehose writes every record without a delimiter: the first megabyte shows it.
        concatenated = data.find(b"}{", 0, _SAMPLE_BYTES) >= 0
        lines = bytes(data).replace(b"}{", b"}\n{") if concatenated else data
        cut = lines.find(b"\n", _SAMPLE_BYTES)
        partial = cut > 0 and lines.find(b"{", cut) >= 0
        sample = lines[:cut] if partial else lines
        table = _arrow_lines(sample)
        if table is not None:
            several = partial or table.num_rows > 1
            container = (
                "concatenated JSON objects"
                if concatenated
                else ("JSON lines" if several else "a JSON object")
            )
            return _records(table, container, name, lines if partial else None)
    body = bytes(data).strip()
    values, container = _parse_values(body, name)
    return _records(_table_of(values, name), container, name, None)


MAX_NESTING = 512
"""Deepest nesting of objects and lists read: logs nest a few levels; far deeper is hostile
(and would exhaust the parser's stack)."""
_STEPS = np.zeros(256, dtype=np.int8)
_STEPS[[ord("["), ord("{")]] = 1
_STEPS[[ord("]"), ord("}")]] = -1
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def _refuse_deep_nesting(data: bytes | mmap.mmap, name: str) -> None:
    """Depth of brackets, chunk by chunk: the brackets alone are kept (one C pass), then summed
    with numpy. Brackets inside strings count too, which can only raise the figure (balanced
    ones cancel)."""
    depth = 0
    step = 16 << 20
    for begin in range(0, len(data), step):
        brackets = data[begin : begin + step].translate(None, _NOT_BRACKETS)
        if not brackets:
            continue
        levels = np.cumsum(_STEPS[np.frombuffer(brackets, dtype=np.uint8)], dtype=np.int64)
        levels += depth
        if int(levels.max()) > MAX_NESTING:
            raise LogFileError(
                f"{name}: objects or lists are nested more than {MAX_NESTING} deep (in the "
                f"{_ordinal(begin // step + 1)} 16 MB of the file); a login export nests a few "
                "levels"
            )
        depth = int(levels[-1])


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _records(
    table: pa.Table, container: str, name: str, lines: bytes | mmap.mmap | None
) -> Records:
    schema = table.schema
    flat, paths, unnested = _unnest(table)
    if flat.num_rows == 0 and lines is None:
        raise LogFileError(f"{name}: the JSON holds no records")
    return Records(flat, container, name, paths, unnested, lines, table_schema=schema)


def _pruned(schema: pa.Schema, paths: list[tuple[str, ...]]) -> pa.Schema:
    """Only the fields on ``paths`` (lists passed through), unknown leaves as text."""

    def prune(kind: pa.DataType, suffixes: list[tuple[str, ...]]) -> pa.DataType:
        if pa.types.is_list(kind) or pa.types.is_large_list(kind):
            return pa.list_(prune(kind.value_type, suffixes))
        if pa.types.is_struct(kind):
            return pa.struct(
                [
                    pa.field(field.name, prune(field.type, subs))
                    for field in kind
                    if (subs := [s[1:] for s in suffixes if s and s[0] == field.name])
                ]
            )
        return pa.string() if pa.types.is_null(kind) else kind

    root = pa.struct(list(schema))
    return pa.schema(list(prune(root, paths)))


def _arrow_lines(lines: bytes | mmap.mmap, schema: pa.Schema | None = None) -> pa.Table | None:
    """JSON lines read by Arrow, or None when they are not (one object per line, stable types).

    With ``schema``, only its fields are built and every other key is skipped."""
    parse = pa_json.ParseOptions(
        newlines_in_values=False,
        explicit_schema=schema,
        unexpected_field_behavior="ignore" if schema is not None else "infer",
    )
    for block in (_BLOCK, len(lines) + 1):
        try:
            return pa_json.read_json(
                pa.BufferReader(pa.py_buffer(lines)),
                read_options=pa_json.ReadOptions(block_size=block),
                parse_options=parse,
            )
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
            # A line longer than a block (one big object) is read again as a single block.
            if block > _BLOCK or len(lines) <= _BLOCK or "straddling" not in str(exc):
                return None
    return None


def _parse_values(body: bytes, name: str) -> tuple[list[object], str]:
    """Every top-level JSON value, with orjson; several values may follow each other."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        if "after document" not in str(exc) and "trailing" not in str(exc).lower():
            raise _broken(name, body, exc.pos, 0, 0) from None
    else:
        if isinstance(value, list):
            return value, "a JSON array"
        return [value], "a JSON object"
    text = body.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    values: list[object] = []
    position = 0
    while position < len(text):
        try:
            item, end = decoder.raw_decode(text, position)
        except RecursionError:
            raise LogFileError(
                f"{name}: record {len(values) + 1:,} is nested too deeply to be a login record"
            ) from None
        except json.JSONDecodeError as exc:
            start = len(text[:position].encode())
            raise _broken(name, body, len(text[: exc.pos].encode()), start, len(values)) from None
        values.extend(item if isinstance(item, list) else [item])
        position = end
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
    return values, "concatenated JSON values"


_NEXT_RECORD = re.compile(rb"\}\s*\{")


def _broken(name: str, body: bytes, offset: int, start: int, records: int) -> LogFileError:
    """Where a JSON file breaks: cut off inside its last record, or invalid at a byte."""
    if _NEXT_RECORD.search(body, start) is None and offset >= start:
        line = body.count(b"\n", 0, start) + 1
        return LogFileError(
            f"{name}: the JSON is cut off: it ends inside record {records + 1:,} (which starts "
            f"at byte {start:,}, line {line}); export the file again or remove the broken part"
        )
    line = body.count(b"\n", 0, offset) + 1
    return LogFileError(
        f"{name}: not valid JSON at byte {offset:,} (line {line}), in record {records + 1:,}; "
        "export the file again or fix that part"
    )


def _table_of(values: list[object], name: str) -> pa.Table:
    """Parsed records as an Arrow table (values as text if a field changes type)."""
    for index, value in enumerate(values):
        if not isinstance(value, dict):
            raise LogFileError(
                f"{name}: JSON record {index + 1} is {_kind(value)}, not an object with named "
                "fields"
            )
    if not values:
        raise LogFileError(f"{name}: the JSON holds no records")
    lines = b"\n".join(orjson.dumps(value) for value in values)
    table = _arrow_lines(lines)
    if table is None:  # a field changes type between records: read every value as text
        lines = b"\n".join(orjson.dumps(_as_text(value)) for value in values)
        table = _arrow_lines(lines)
    if table is None:
        raise LogFileError(f"{name}: the JSON records could not be read as a table")
    return table


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {list: "a list", str: "a text", bool: "true or false"}.get(type(value), "a number")


def _as_text(value: object) -> object:
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return value if value is None or isinstance(value, str) else json.dumps(value)


Paths = dict[str, tuple[str, ...]]


def _flatten(table: pa.Table, paths: Paths) -> tuple[pa.Table, Paths]:
    """Struct columns to one column per field, ``a.b`` named, paths kept."""
    columns: dict[str, pa.ChunkedArray] = {}
    out: Paths = {}

    def add(name: str, column: pa.ChunkedArray, path: tuple[str, ...]) -> None:
        if pa.types.is_struct(column.type):
            parts = [chunk.flatten() for chunk in column.chunks]  # parent nulls kept
            for index, field in enumerate(column.type):
                child = pa.chunked_array([part[index] for part in parts], type=field.type)
                add(f"{name}.{field.name}", child, (*path, field.name))
            return
        columns[name] = column
        out[name] = path

    for name in table.column_names:
        add(name, table.column(name), paths.get(name, (name,)))
    return pa.table(columns) if columns else table.select([]), out


def _is_record_list(kind: pa.DataType) -> bool:
    return (pa.types.is_list(kind) or pa.types.is_large_list(kind)) and pa.types.is_struct(
        kind.value_type
    )


def _unnest(table: pa.Table) -> tuple[pa.Table, Paths, list[str]]:
    """Unnest the preferred list of records, level by level; drop the other lists."""
    paths: Paths = {}
    unnested: list[str] = []
    for _ in range(MAX_JSON_DEPTH):
        table, paths = _flatten(table, paths)
        lists = {
            column.rsplit(".", 1)[-1]: column
            for column, field in zip(table.column_names, table.schema, strict=True)
            if _is_record_list(field.type)
        }
        chosen = next((lists[key] for key in RECORD_LISTS if key in lists), None)
        if chosen is None and len(lists) == 1 and table.num_rows <= 1:
            chosen = next(iter(lists.values()))  # {"anything": [records]}
        if chosen is None:
            break
        table, paths = _explode(table, chosen, paths)
        unnested.append(chosen)
    table, paths = _flatten(table, paths)
    return _scalars(table), paths, unnested


def _replay(table: pa.Table, unnested: list[str], name: str) -> pa.Table:
    """Unnest the same lists as the first records did."""
    paths: Paths = {}
    for column in unnested:
        table, paths = _flatten(table, paths)
        if column not in table.column_names:
            raise LogFileError(f"{name}: the records change shape further down the file")
        table, paths = _explode(table, column, paths)
    table, _ = _flatten(table, paths)
    return _scalars(table)


def _scalars(table: pa.Table) -> pa.Table:
    keep = [
        column
        for column, field in zip(table.column_names, table.schema, strict=True)
        if not (pa.types.is_list(field.type) or pa.types.is_large_list(field.type))
        and not pa.types.is_null(field.type)
    ]
    return table.select(keep)


def _explode(table: pa.Table, column: str, paths: Paths) -> tuple[pa.Table, Paths]:
    """One row per element of ``column``; the other scalar columns repeat; other lists drop."""
    values = table.column(column).combine_chunks()
    parents = pc.list_parent_indices(values)
    children = pc.list_flatten(values)
    base = paths.get(column, (column,))
    prefix = column.rsplit(".", 1)[0] + "." if "." in column else ""
    child_fields = [field.name for field in children.type]
    others = [
        name
        for name, field in zip(table.column_names, table.schema, strict=True)
        if name != column
        and not _is_record_list(field.type)
        and name.removeprefix(prefix) not in child_fields
    ]
    columns = {name: _repeat(table.column(name), parents) for name in others}
    out = {name: paths.get(name, (name,)) for name in others}
    for index, field in enumerate(children.type):
        columns[field.name] = children.field(index)
        out[field.name] = (*base, field.name)
    return pa.table(columns), out


def _repeat(column: pa.ChunkedArray, parents: pa.Array) -> pa.Array:
    """A parent's value for each child row; text is dictionary-encoded first (few parents,
    many children: an id repeated per record costs an index, not a copy)."""
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        column = pc.dictionary_encode(column)
    return column.take(parents)


def read_parquet(data: bytes | mmap.mmap, name: str) -> Records:
    """A Parquet file as records: one row per row, nested fields flattened to dotted names.

    Typed columns become text for the same row checks as every other format (a timestamp as
    ISO 8601, with its zone when the file stores one)."""
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise LogFileError(f"{name}: not a readable Parquet file ({reason})") from None
    while any(pa.types.is_struct(field.type) for field in table.schema):
        table = table.flatten()
    return Records(
        table=table,
        container="Parquet",
        name=name,
        paths={column: (column,) for column in table.column_names},
        unnested=[],
    )


def column_text(column: pa.ChunkedArray | pa.Array, encode: bool = False) -> pa.Array:
    """A JSON column as text (numbers as written, true/false) for the row checks; ``encode``
    dictionary-encodes text first (an agent id: few values, many rows, no copy of each)."""
    if encode and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.dictionary_encode(column)
    if isinstance(column, pa.ChunkedArray):
        if pa.types.is_dictionary(column.type):
            column = column.unify_dictionaries()
        column = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    if pa.types.is_dictionary(column.type) and pa.types.is_string(column.type.value_type):
        return column
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column
    if pa.types.is_boolean(column.type):
        return pc.if_else(column, "true", "false")
    return column.cast(pa.string())


# Workbooks -------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\r\n\t]+")


@dataclass(frozen=True)
class HeaderTest:
    """How a workbook's table sheets are told from its other sheets: a row among the first
    ``within`` whose filled cells (as text) ``known`` accepts is the table's header."""

    known: Callable[[list[str]], bool]
    within: int = 21


def workbook_sheets(
    data: bytes, name: str, headers_known: HeaderTest
) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The log sheets of a workbook as CSV bytes, each with its name; and notes naming the
    sheets skipped.

    A log sheet has, within its first rows, a header some layout reads (``headers_known`` tells
    whether a row of cells is one). The first log sheet is read, and every later sheet with the
    same header (one sheet per month, say): together they are one log. Other sheets (a cover, a
    pivot, or another layout that may repeat the same sessions) are skipped and named. With no
    log sheet, the first sheet is returned (its columns may be named by hand; if not, the layout
    names the columns it lacks), with a note saying no sheet is a log.
    """
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except _READER_ERRORS as exc:
        _reraise_interrupts(exc)
        raise LogFileError(
            f"{name}: the workbook could not be opened ({str(exc)[:120] or 'corrupt'}); save it "
            "again from the spreadsheet program, or as CSV"
        ) from None
    first: tuple[str, list[list[object]]] | None = None
    header: list[str] | None = None
    logs: list[tuple[str, bytes]] = []
    other: list[str] = []
    different: list[str] = []
    for sheet_name in book.sheet_names:
        rows = _sheet_rows(book, sheet_name, name)
        found = _log_header(rows, headers_known)
        first = first or (sheet_name, rows if found is None else [])  # kept if no sheet is a log
        if found is None:
            other.append(sheet_name)
        elif header is None or found == header:
            header = found
            logs.append((sheet_name, _csv_bytes(rows)))
        else:
            different.append(sheet_name)
    if not logs:
        return _first_sheet(name, first, other)
    return logs, _skipped(name, logs[0][0], other, different)


def _first_sheet(
    name: str, first: tuple[str, list[list[object]]] | None, sheets: list[str]
) -> tuple[list[tuple[str, bytes]], list[str]]:
    """A workbook with no log sheet: its first sheet, and a note when there are others."""
    if first is None or not first[1]:
        raise LogFileError(f"{name}: the workbook has no rows")
    notes = []
    if len(sheets) > 1:
        notes.append(
            f"{name}: no sheet is a log ({_named(sheets, 'has', 'have')} no header row a layout "
            f"reads): the first, '{first[0][:40]}', was read"
        )
    return [(first[0], _csv_bytes(first[1]))], notes


def _skipped(name: str, read: str, other: list[str], different: list[str]) -> list[str]:
    """Notes naming the sheets not read beside the log sheets (the first of which is ``read``)."""
    notes = []
    if other:
        said = _named(other, "is not a log", "are not logs")
        notes.append(f"{name}: {said} (no row is a header a layout reads): skipped")
    if different:
        notes.append(
            f"{name}: {_named(different, 'has', 'have')} another header than sheet "
            f"'{read[:40]}': skipped (it may hold the same sessions again); save it as a file "
            "of its own to read it"
        )
    return notes


def _sheet_rows(book: Any, sheet_name: str, name: str) -> list[list[object]]:
    try:
        return book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except _READER_ERRORS as exc:
        _reraise_interrupts(exc)
        raise LogFileError(
            f"{name}: sheet '{sheet_name[:40]}' could not be read ({str(exc)[:120]})"
        ) from None


def _log_header(rows: list[list[object]], headers_known: HeaderTest) -> list[str] | None:
    """The first row among the first few that is a header the test finds, as its filled
    cells."""
    for row in rows[: headers_known.within]:
        cells = [text for text in (_cell(value) for value in row) if text]
        if headers_known.known(cells):
            return cells
    return None


def _named(sheets: list[str], one: str, several: str) -> str:
    """``sheet 'Cover' is not a log``, ``sheets 'Cover' and 'Pivot' are not logs`` (at most five
    named)."""
    quoted = [f"'{sheet[:40]}'" for sheet in sheets[:5]]
    if len(sheets) > 5:
        quoted[-1] = f"{len(sheets) - 4:,} others"
    if len(quoted) == 1:
        return f"sheet {quoted[0]} {one}"
    return f"sheets {', '.join(quoted[:-1])} and {quoted[-1]} {several}"


def _csv_bytes(rows: list[list[object]]) -> bytes:
    """A sheet's rows as CSV, one line per row, so row numbers are the sheet's."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


_READER_ERRORS = BaseException
"""The workbook reader is native code: a damaged file may make it panic, which Python sees as a
BaseException; every failure but an interrupt becomes a message."""


def _reraise_interrupts(exc: BaseException) -> None:
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
        raise exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    if isinstance(value, float):
        # As the spreadsheet shows it (15 significant digits): a sum such as 0.1 + 0.2 stored
        # as 0.30000000000000004 reads 0.3.
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    return _CONTROL.sub(" ", str(value)).strip()
