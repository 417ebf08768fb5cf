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
a layout knows is turned into CSV text, one line per sheet row, so row numbers are the sheet's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json

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


@dataclass(frozen=True)
class Records:
    """A JSON file as a table: one row per record, nested fields flattened to dotted names."""

    table: pa.Table
    container: str
    """How the records were stored, in words (e.g. "JSON lines")."""

    @property
    def keys(self) -> list[str]:
        return self.table.column_names


def is_json(head: bytes) -> bool:
    """Whether a file starts like JSON: an object or an array, after white space."""
    stripped = head.lstrip(b" \t\r\n")
    return stripped.startswith((b"{", b"["))


def read_json(data: bytes | memoryview, name: str) -> Records:
    """Records of a JSON file; raises :class:`LogFileError` naming the byte where it breaks."""
    body = bytes(data).strip()
    container = "JSON"
    table = None
    if body.startswith(b"{"):
        concatenated = b"}{" in body
        lines = body.replace(b"}{", b"}\n{") if concatenated else body
        table = _arrow_lines(lines)
        if table is not None:
            container = (
                "concatenated JSON objects"
                if concatenated
                else ("JSON lines" if table.num_rows > 1 else "a JSON object")
            )
    if table is None:
        values, container = _parse_values(body, name)
        table = _table_of(values, name)
    table = _unnest(table, name)
    if table.num_rows == 0:
        raise LogFileError(f"{name}: the JSON holds no records")
    return Records(table, container)


def _arrow_lines(lines: bytes) -> pa.Table | None:
    """JSON lines read by Arrow, or None when they are not (one object per line, stable types)."""
    for block in (_BLOCK, len(lines) + 1):
        try:
            return pa_json.read_json(
                pa.BufferReader(pa.py_buffer(lines)),
                read_options=pa_json.ReadOptions(block_size=block),
                parse_options=pa_json.ParseOptions(newlines_in_values=False),
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


def _flatten(table: pa.Table) -> pa.Table:
    while any(pa.types.is_struct(field.type) for field in table.schema):
        table = table.flatten()
    return table


def _is_record_list(kind: pa.DataType) -> bool:
    return (pa.types.is_list(kind) or pa.types.is_large_list(kind)) and pa.types.is_struct(
        kind.value_type
    )


def _unnest(table: pa.Table, name: str) -> pa.Table:
    """Unnest the preferred list of records, level by level; drop the other lists."""
    for _ in range(MAX_JSON_DEPTH):
        table = _flatten(table)
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
        table = _explode(table, chosen)
    keep = [
        column
        for column, field in zip(table.column_names, table.schema, strict=True)
        if not (pa.types.is_list(field.type) or pa.types.is_large_list(field.type))
        and not pa.types.is_null(field.type)
    ]
    return table.select(keep)


def _explode(table: pa.Table, column: str) -> pa.Table:
    """One row per element of ``column``; the other scalar columns repeat; other lists drop."""
    values = table.column(column).combine_chunks()
    parents = pc.list_parent_indices(values)
    children = pc.list_flatten(values)
    prefix = column.rsplit(".", 1)[0] + "." if "." in column else ""
    child_fields = [field.name for field in children.type]
    others = [
        name
        for name, field in zip(table.column_names, table.schema, strict=True)
        if name != column
        and not _is_record_list(field.type)
        and name.removeprefix(prefix) not in child_fields
    ]
    columns = {name: table.column(name).take(parents) for name in others}
    for index, field in enumerate(children.type):
        columns[field.name] = children.field(index)
    return pa.table(columns)


def column_text(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """A JSON column as text (numbers as written, true/false) for the row checks."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column
    if pa.types.is_boolean(column.type):
        return pc.if_else(column, "true", "false")
    return column.cast(pa.string())


# Workbooks -------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\r\n\t]+")


def workbook_to_csv(data: bytes, name: str, headers_known: callable) -> tuple[bytes, str]:  # type: ignore[valid-type]
    """The first sheet whose header a layout knows (else the first sheet), as CSV bytes.

    ``headers_known`` tells whether a row of cells is a header some layout reads.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise LogFileError(
            f"{name}: the workbook could not be opened ({str(exc)[:120] or 'corrupt'}); save it "
            "again from the spreadsheet program, or as CSV"
        ) from None
    chosen: list[list[object]] | None = None
    chosen_sheet = ""
    for sheet_name in book.sheet_names:
        try:
            rows = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as exc:
            raise LogFileError(
                f"{name}: sheet '{sheet_name[:40]}' could not be read ({str(exc)[:120]})"
            ) from None
        if chosen is None:
            chosen, chosen_sheet = rows, sheet_name
        texts = [[_cell(value) for value in row] for row in rows[:21]]
        if any(headers_known([cell for cell in row if cell]) for row in texts):
            chosen, chosen_sheet = rows, sheet_name
            break
    if not chosen:
        raise LogFileError(f"{name}: the workbook has no rows")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in chosen:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode("utf-8"), chosen_sheet


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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _CONTROL.sub(" ", str(value)).strip()
