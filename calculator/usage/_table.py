"""CSV text to typed columns with pyarrow, keeping track of file row numbers.

Two paths give the same columns:

- **fast**: multi-threaded, agent ids dictionary-encoded and ISO timestamps typed by the reader;
  used when a sample of the file looks clean: every time column's values in one ISO spelling
  (empty cells and words such as N/A are missing times). Any surprise (a ragged row, an odd
  timestamp) makes the reader fail, and the file is read again by
- **careful**: single-threaded so that every skipped row is known by number, all fields as text,
  timestamps parsed by :mod:`calculator.usage._times`.

Row numbers are the file's line numbers with the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from calculator.usage._errors import LogFileError
from calculator.usage._layouts import Resolved
from calculator.usage._options import Column
from calculator.usage._source import TextFile
from calculator.usage._times import MISSING_WORDS

TIME_COLUMNS = (Column.LOGIN, Column.LOGOUT, Column.TIMESTAMP, Column.CREATED, Column.DEACTIVATED)
MAX_BAD_ROWS = 10_000
_BLOCK = 16 << 20
_SAMPLE_BYTES = 256 * 1024
_ISO = (
    r"^\d{4}-\d{2}-\d{2}(?P<sep>[T ])\d{2}:\d{2}:\d{2}(?P<fraction>\.\d{1,6})?"
    r"(?P<zone>Z|[+-]\d{2}:\d{2})?$"
)
"""An ISO time as Arrow's reader types it, its spelling in named parts."""
_UTC_ZONES = ("Z", "+00:00")
"""Zones the fast reader types: the value it keeps (UTC) is then the time as written."""
_MISSING = pa.array(MISSING_WORDS)


@dataclass(frozen=True)
class TimeStyle:
    """How a column typed by the fast reader spelled its times (every value of the file's sample
    alike), so that a value is shown as written: ``2024-01-02T08:00:00Z``, not as Python prints
    the typed value (``2024-01-02 08:00:00+00:00``)."""

    separator: str = " "
    """Between the date and the clock: "T" or a space."""
    fraction_digits: int = 0
    """Digits after the seconds' point; 0 for whole seconds."""
    zone: str = ""
    """"" for times without a zone, else "Z" or "+00:00" (see :data:`_UTC_ZONES`)."""
    missing: str = ""
    """How the file writes a missing time (an open session's logout): empty, as the vendors'
    exports do, or one word such as N/A or NULL. One spelling for the whole file."""

    def text(self, value: datetime | None) -> str:
        if value is None:
            return self.missing
        clock = f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
        text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}{self.separator}{clock}"
        if self.fraction_digits:
            text += f".{value.microsecond:06d}"[: self.fraction_digits + 1]
        elif value.microsecond:  # a fraction further down the file than the sample
            text += f".{value.microsecond:06d}".rstrip("0")
        return text + self.zone


@dataclass
class RawTable:
    """The columns a layout needs, one entry per data row, and the rows that could not be read."""

    name: str
    """File name, for messages."""
    header_line: int
    """Line number of the header row; data starts on the next line."""
    resolved: Resolved
    columns: dict[Column, pa.Array]
    rows: int
    bad_rows: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    """Line numbers of rows with the wrong number of fields (skipped by the reader)."""
    bad_samples: list[tuple[int, str]] = field(default_factory=list)
    styles: dict[Column, TimeStyle] = field(default_factory=dict)
    """The spelling of each time column the fast reader typed."""

    def written(self, column: Column, row: int) -> object:
        """Row ``row``'s value in ``column`` as the file wrote it (a time the fast reader typed is
        spelled again in its column's style), or None when missing."""
        value = self.columns[column][row].as_py()
        style = self.styles.get(column)
        return value if style is None else style.text(value)

    def line_numbers(self, indices: np.ndarray) -> np.ndarray:
        """File line numbers (header = 1) of data rows given by their index in the columns."""
        indices = np.asarray(indices, dtype=np.int64)
        first_data_line = self.header_line + 1
        skipped = self.bad_rows
        good_before = skipped - first_data_line - np.arange(len(skipped))
        return indices + first_data_line + np.searchsorted(good_before, indices, side="right")


def read_table(text: TextFile, resolved: Resolved) -> RawTable:
    """Read the columns of ``resolved`` from ``text``; raise :class:`LogFileError` if unusable."""
    names = _unique(text.headers)
    wanted = {
        column: names[text.headers.index(header)] for column, header in resolved.columns.items()
    }
    quoted = text.data.find(b'"') >= 0
    if quoted:
        _refuse_multiline_values(text)
    styles = _fast_time_styles(text, names, wanted, quoted)
    time_types = None if styles is None else _time_types(styles, wanted)
    table = None
    if time_types is not None:
        missing = tuple({style.missing for style in styles.values()})  # one spelling, or none
        table = _read(text, names, wanted, quoted, time_types, careful=None, missing=missing)
        whole_seconds = any(kind.unit == "s" for kind in time_types.values())
        if table is None and whole_seconds:  # a fraction of a second further down the file
            finer = {name: pa.timestamp("us", kind.tz) for name, kind in time_types.items()}
            table = _read(text, names, wanted, quoted, finer, careful=None, missing=missing)
    typed = styles if table is not None and styles is not None else {}
    collector = _BadRows()
    if table is None:
        table = _read(text, names, wanted, quoted, {}, careful=collector)
    if table.num_rows == 0:
        if collector.count:
            raise LogFileError(
                f"{text.name}: no usable rows: "
                f"{'the one data row has' if collector.count == 1 else f'all {collector.count:,} data rows have'} "
                f"a different number of fields than the header ({len(text.headers)}); check the delimiter"
            )
        raise LogFileError(f"{text.name}: the file has a header row but no data rows")
    if collector.count > table.num_rows:
        raise LogFileError(
            f"{text.name}: {collector.count:,} rows have a different number of fields than the "
            f"header ({len(text.headers)}), first at row {collector.samples[0][0]}; check the "
            "delimiter and quotes"
        )
    columns = {column: _one_chunk(table.column(name)) for column, name in wanted.items()}
    return RawTable(
        name=text.name,
        header_line=text.header_line,
        resolved=resolved,
        columns=columns,
        rows=table.num_rows,
        bad_rows=np.array(sorted(collector.numbers), dtype=np.int64),
        bad_samples=collector.samples,
        styles=typed,
    )


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for index, header in enumerate(headers):
        name = header or f"column {index + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def _one_chunk(column: pa.ChunkedArray) -> pa.Array:
    if pa.types.is_dictionary(column.type) and column.num_chunks > 1:
        column = column.unify_dictionaries(memory_pool=pa.system_memory_pool())
    return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)


class _BadRows:
    """Invalid-row handler: counts rows with the wrong number of fields, keeps a few samples."""

    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.samples: list[tuple[int, str]] = []

    @property
    def count(self) -> int:
        return len(self.numbers)

    def __call__(self, row: pa_csv.InvalidRow) -> str:
        number = -1 if row.number is None else int(row.number)
        self.numbers.append(number)
        if len(self.samples) < 10:
            self.samples.append((number, row.text[:80]))
        return "error" if len(self.numbers) > MAX_BAD_ROWS else "skip"


def _read(
    text: TextFile,
    names: list[str],
    wanted: dict[Column, str],
    quoted: bool,
    time_types: dict[str, pa.DataType],
    careful: _BadRows | None,
    missing: tuple[str, ...] = (),
) -> pa.Table | None:
    """The fast path returns None on any failure; the careful path raises a clear error.
    ``missing`` are the fast path's spellings of a missing time (typed as null)."""
    if careful is None:
        types = {name: time_types.get(name, pa.string()) for name in wanted.values()}
        for column in (Column.AGENT, Column.GROUP):  # few distinct values, many rows
            if column in wanted:
                types[wanted[column]] = pa.dictionary(pa.int32(), pa.string())
        convert = pa_csv.ConvertOptions(
            column_types=types,
            include_columns=list(dict.fromkeys(wanted.values())),
            null_values=list(missing),
            strings_can_be_null=False,
        )
    else:
        convert = pa_csv.ConvertOptions(
            column_types={name: pa.string() for name in wanted.values()},
            include_columns=list(dict.fromkeys(wanted.values())),
            strings_can_be_null=False,
        )
    read = pa_csv.ReadOptions(
        column_names=names,
        skip_rows=text.header_line,
        block_size=_BLOCK,
        use_threads=careful is None,
    )
    parse = pa_csv.ParseOptions(
        delimiter=text.delimiter,
        quote_char='"' if quoted else False,
        ignore_empty_lines=False,
        invalid_row_handler=careful,
    )
    try:
        return pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(text.data)),
            read_options=read,
            parse_options=parse,
            convert_options=convert,
            memory_pool=pa.system_memory_pool(),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
        if careful is None:
            return None
        if careful.count > MAX_BAD_ROWS:
            rows = ", ".join(str(number) for number, _ in careful.samples[:5])
            raise LogFileError(
                f"{text.name}: more than {MAX_BAD_ROWS:,} rows have a different number of fields "
                f"than the header ({len(names)}), first at rows {rows}; check the delimiter"
            ) from None
        raise LogFileError(f"{text.name}: could not be read as CSV: {_short(exc)}") from None


def _short(exc: Exception) -> str:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return message.removeprefix("CSV parse error: ")[:200]


def _fast_time_styles(
    text: TextFile, names: list[str], wanted: dict[Column, str], quoted: bool
) -> dict[Column, TimeStyle] | None:
    """The spelling of each time column when a sample of the file spells every time in one ISO
    style (Arrow's reader types those), else None: the careful path keeps the text."""
    cut = text.data.rfind(b"\n", 0, _SAMPLE_BYTES)
    if cut <= 0:
        return None
    sample_text = replace(text, data=bytes(text.data[:cut]))
    collector = _BadRows()
    try:
        sample = _read(sample_text, names, wanted, quoted, {}, careful=collector)
    except LogFileError:
        return None
    if sample is None or collector.count or sample.num_rows == 0:
        return None
    styles: dict[Column, TimeStyle] = {}
    missing: set[str] = set()
    for column in TIME_COLUMNS:
        if column not in wanted:
            continue
        cells = sample.column(wanted[column]).combine_chunks()
        absent = pc.is_in(pc.utf8_lower(pc.utf8_trim_whitespace(cells)), _MISSING)
        missing.update(pc.unique(cells.filter(absent)).to_pylist())
        values = cells.filter(pc.invert(absent))
        if not len(values):
            styles[column] = TimeStyle()
            continue
        parts = pc.extract_regex(values, _ISO)
        if parts.null_count:
            return None
        spelled = [pc.unique(parts.field(name)) for name in ("sep", "fraction", "zone")]
        if any(len(kinds) != 1 for kinds in spelled):  # spelled more than one way
            return None
        separator, fraction, zone = (kinds[0].as_py() for kinds in spelled)
        if zone and zone not in _UTC_ZONES:
            return None
        styles[column] = TimeStyle(separator, max(len(fraction) - 1, 0), zone)
    if len(missing) > 1:  # typed as null, they could not be told apart again
        return None
    spelling = missing.pop() if missing else ""
    return {column: replace(style, missing=spelling) for column, style in styles.items()}


def _time_types(
    styles: dict[Column, TimeStyle], wanted: dict[Column, str]
) -> dict[str, pa.DataType]:
    """The reader's type of each time column: whole seconds pack into fewer bits later, and a
    sample with fractions needs microseconds."""
    return {
        wanted[column]: pa.timestamp(
            "us" if style.fraction_digits else "s", "UTC" if style.zone else None
        )
        for column, style in styles.items()
    }


def _refuse_multiline_values(text: TextFile) -> None:
    """Find a line break inside quotes (usually an unterminated quote) and name its row.

    Counts quotes before every line break, chunk by chunk, so memory stays small.
    """
    data = np.frombuffer(text.data, dtype=np.uint8)
    quotes_before = 0
    line = 1
    step = 16 << 20
    for begin in range(0, len(data), step):
        chunk = data[begin : begin + step]
        quote_at = np.flatnonzero(chunk == ord('"'))
        newline_at = np.flatnonzero(chunk == ord("\n"))
        parity = (np.searchsorted(quote_at, newline_at) + quotes_before) % 2
        inside = np.flatnonzero(parity)
        if len(inside):
            # The open quote is the last quote before that line break; report its line.
            breaking = newline_at[inside[0]]
            before = np.searchsorted(quote_at, breaking) - 1
            opener = quote_at[before] if before >= 0 else 0
            row = line + int(np.count_nonzero(newline_at < opener))
            raise LogFileError(
                f'{text.name}: row {row}: a quoted value is not closed (unterminated "), so '
                "the rest of the file would be read as one value; fix the quotes and try again"
            )
        quotes_before += len(quote_at)
        line += len(newline_at)
    if quotes_before % 2:
        raise LogFileError(
            f'{text.name}: row {line}: a quoted value is not closed (unterminated ") at the end '
            "of the file"
        )


def agent_codes(column: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Integer code per row (int32, -1 = no agent) and the distinct agent ids, trimmed.

    Works on the reader's dictionary-encoded column without expanding it to one string per row:
    only the distinct values are trimmed and re-encoded. When trimming changes nothing, the
    reader's indices are the codes, without a copy.
    """
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    trimmed = pc.dictionary_encode(pc.utf8_trim_whitespace(column.dictionary))
    empty = pc.equal(trimmed.dictionary, "").to_numpy(zero_copy_only=False)
    remap = trimmed.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    remap[empty[remap]] = -1
    indices = column.indices
    identity = np.array_equal(remap, np.arange(len(remap)))
    if identity and indices.null_count == 0:
        return indices.to_numpy(zero_copy_only=False).astype(
            np.int32, copy=False
        ), trimmed.dictionary
    # The last entry of the lookup table stands for a null row (index -1).
    lookup = np.append(remap, np.int32(-1))
    positions = indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return lookup[positions], trimmed.dictionary
