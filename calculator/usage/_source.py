"""Uploaded bytes to documents: CSV text, JSON records or a workbook's sheet, with caps.

Accepted: a CSV, a Parquet file, a JSON export (:mod:`calculator.usage._records`) or an Excel
workbook (.xlsx, .xls), each plain, gzip-compressed, or in a zip (which may hold several files of
one export, each read as a file of its own; documents and images beside them, such as a
README.txt, are skipped and named in the notes, and macOS's ``__MACOSX/`` and dot files are left
out). Decompression is streamed and stops as soon as the output passes the cap (for a zip, the
total of its files), so a small bomb cannot fill memory.
Encodings: UTF-8 (with or without BOM), UTF-16 (BOM, or ASCII-range text without one) and
Windows-1252 when the bytes are not valid UTF-8; lines end with LF, CRLF or (old Mac text) a
carriage return alone. Anything else (NUL bytes, spreadsheets, PDFs, images, other archive
formats) is refused with a message that says what the file looks like.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, replace
from mmap import mmap

import numpy as np
import pyarrow as pa

from calculator.usage._errors import (
    LogFileError,
    NoTableInZipError,
    SingleColumnError,
    TooLargeError,
)
from calculator.usage._layouts import knows_headers
from calculator.usage._records import (
    HeaderTest,
    Records,
    is_json,
    read_json,
    read_parquet,
    workbook_sheets,
)

DEFAULT_MAX_BYTES = 1 << 30
"""Largest CSV accepted after decompression [bytes]: about 20 million sessions."""
MAX_FILES = 1000
"""Most files read together, zip members included: more pages should be fewer, larger files."""
_CHUNK = 1 << 20
_OUT_CHUNK = 1 << 20  # [bytes] most output one decompression step may produce
_HEADER_LIMIT = 64 * 1024
_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or other Office file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)


Raw = bytes | bytearray | mmap
"""File content: bytes, a read-only memory map of a file (no copy, no new memory), or the
bytearray a decompression filled (returned as it is: a copy would double the peak memory)."""


MAX_TITLE_ROWS = 20
"""Rows a report may carry above its header (a title, the period): searched for the header."""
LOG_HEADERS = HeaderTest(knows_headers, within=MAX_TITLE_ROWS + 1)
"""A log's sheets: a header some layout reads, below at most as many title rows as a CSV's."""


@dataclass(frozen=True)
class HeaderRow:
    """A row that could be the header: its line number, field separator and column names."""

    line: int
    delimiter: str
    headers: list[str]


@dataclass(frozen=True)
class TextFile:
    """A CSV file as UTF-8 bytes (BOM removed), how it was stored, and where its header is."""

    name: str
    data: Raw
    encoding: str
    compression: str | None
    header: HeaderRow
    candidates: tuple[HeaderRow, ...]
    """Rows that could be the header, first row first; the layout decides which one is."""
    container: str = "CSV"
    """What the text came from, in words: CSV, or a workbook's sheet."""
    notes: tuple[str, ...] = ()
    """How the upload was read, for the report (files of a zip or sheets of a workbook skipped)."""

    @property
    def delimiter(self) -> str:
        return self.header.delimiter

    @property
    def delimiter_name(self) -> str:
        return _DELIMITER_NAMES[self.delimiter]

    @property
    def headers(self) -> list[str]:
        return self.header.headers

    @property
    def header_line(self) -> int:
        """Line number of the header row (1 unless the file starts with a title)."""
        return self.header.line


@dataclass(frozen=True)
class RecordsFile:
    """A JSON export read as records."""

    name: str
    records: Records
    compression: str | None
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    """How the upload was read, for the report (e.g. files of a zip skipped)."""

    @property
    def container(self) -> str:
        return self.records.container


Document = TextFile | RecordsFile
_WORKBOOK = "xlsx"


def open_documents(
    raw: Raw,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    headers_known: HeaderTest = LOG_HEADERS,
) -> list[Document]:
    """The documents of one upload: one, or one per file of a zip; raises :class:`LogFileError`.

    ``headers_known`` tells a workbook's table sheets from its others (by default: a header some
    log layout reads)."""
    if not len(raw):
        raise LogFileError(f"{name}: the file is empty")
    head = bytes(raw[:64])
    skipped: list[str] = []
    if head.startswith(b"\x1f\x8b"):
        payloads = [(name, _gunzip(raw, name, max_bytes), "gzip")]
    elif head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        payloads, skipped = _unzip(raw, name, max_bytes)
    elif len(raw) > max_bytes:
        raise LogFileError(f"{name}: the file is {len(raw):,} bytes; the limit is {max_bytes:,}")
    else:
        payloads = [(name, raw, None)]
    documents = [
        document
        for part, data, compression in payloads
        for document in _documents(data, part, compression, headers_known)
    ]
    if skipped:
        note = f"{name}: skipped {_listed(skipped)} (documents and images in a zip are not logs)"
        documents[0] = replace(documents[0], notes=(*documents[0].notes, note))
    return documents


NOT_LOGS = (
    ".md", ".markdown", ".rst", ".rtf", ".pdf", ".doc", ".docx", ".odt", ".ppt",
    ".pptx", ".html", ".htm", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".svg", ".webp", ".tif",
    ".tiff", ".heic",
)  # fmt: skip
"""Endings of files in a zip that are documents or images (a README beside the export), not
logs: skipped, and named in the notes."""
TEXT_DOCUMENTS = ("readme", "read me", "read_me", "licen", "notes", "changelog", "manifest")
"""Starts of the names of ``.txt`` files in a zip that are documents: other ``.txt`` files are
read, as some platforms write their tab-separated exports as ``.txt``."""


def _is_log_member(info: zipfile.ZipInfo) -> bool:
    """Whether a zip member may be a log: not a document or an image by its name."""
    name = info.filename.lower().rsplit("/", 1)[-1]
    if name.endswith(".txt"):
        return not name.startswith(TEXT_DOCUMENTS)
    return not name.endswith(NOT_LOGS)


def _listed(names: list[str]) -> str:
    shown = ", ".join(name[:80] for name in names[:5])
    return shown + (f" and {len(names) - 5:,} more" if len(names) > 5 else "")


def _documents(
    raw: Raw, name: str, compression: str | None, headers_known: HeaderTest
) -> list[Document]:
    """The document of a file; a workbook's log sheets each as one of their own."""
    if compression == _WORKBOOK or bytes(raw[:8]).startswith(b"\xd0\xcf\x11\xe0"):
        return _workbook(raw, name, headers_known)
    ending = _workbook_ending(name)
    if not ending:
        return [_document(raw, name, compression)]
    # Named as a workbook, but not one (a CSV or a text file renamed): read as what it is if it
    # can be, and said; else the name, not the text's shape, is what to put right.
    head = bytes(raw[:64])
    what = next((what for signature, what in _SIGNATURES if head.startswith(signature)), "")
    try:
        document = _document(raw, name, compression)
    except LogFileError:
        raise LogFileError(
            f"{name}: the file is named {ending} but is not an Excel workbook (it is "
            f"{what or 'text that does not read as a table'}). Upload the export as it was "
            "downloaded: a CSV or text export keeps its .csv or .txt name; if it should be a "
            "workbook, open it in Excel and save it as Excel Workbook (.xlsx)"
        ) from None
    kind = "JSON" if isinstance(document, RecordsFile) else "CSV text"
    note = f"{name}: the file is named {ending} but is not an Excel workbook: read as {kind}"
    return [replace(document, notes=(*document.notes, note))]


_WORKBOOK_ENDINGS = (".xlsx", ".xlsm", ".xls")


def _workbook_ending(name: str) -> str:
    """``".xlsx"`` (as the name writes it) when a file is named as a workbook, else empty."""
    lower = name.lower()
    return next((name[-len(end) :] for end in _WORKBOOK_ENDINGS if lower.endswith(end)), "")


def _workbook(raw: Raw, name: str, headers_known: HeaderTest) -> list[Document]:
    """Each log sheet as a file read with the others, named ``book.xlsx/January`` when there
    are several (one sheet per month); the first carries the notes on the sheets skipped."""
    sheets, notes = workbook_sheets(bytes(raw), name, headers_known)
    documents: list[Document] = []
    for sheet, text in sheets:
        part = name if len(sheets) == 1 else f"{name}/{sheet[:40]}"
        try:
            decoded = _text_file(text, part, None)
        except LogFileError as exc:
            raise with_notes(exc, notes) from None
        documents.append(replace(decoded, container=f"Excel sheet '{sheet[:40]}'"))
    documents[0] = replace(documents[0], notes=(*documents[0].notes, *notes))
    return documents


def with_notes(error: LogFileError, notes: tuple[str, ...] | list[str]) -> LogFileError:
    """A file's error followed by the notes on how it was read (which sheet of a workbook)."""
    if not notes:
        return error
    return LogFileError(f"{error.problem.rstrip('.')}. {'. '.join(notes)}", error.to_name)


def _document(raw: Raw, name: str, compression: str | None) -> Document:
    head = bytes(raw[:64])
    if head.startswith(b"PAR1"):
        return RecordsFile(name, read_parquet(raw, name), compression)
    if compression and head.startswith((b"\x1f\x8b", b"PK\x03\x04")):
        raise LogFileError(f"{name}: holds another compressed file; compress the file only once")
    if is_json(head.removeprefix(codecs.BOM_UTF8)):
        body = raw[3:] if head.startswith(codecs.BOM_UTF8) else raw
        bad = _first_invalid_utf8(body)
        if bad is not None:
            raise LogFileError(
                f"{name}: byte {bad:,} (line {_row_at(body, bad)}) is not valid UTF-8; JSON "
                "exports are UTF-8, so the file is damaged"
            )
        return RecordsFile(name, read_json(body, name), compression)
    return _text_file(raw, name, compression)


def decode_file(
    raw: Raw,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    headers_known: HeaderTest = LOG_HEADERS,
) -> TextFile:
    """Decompress, decode and sniff ``raw``; raise :class:`LogFileError` when it is not a CSV."""
    documents = open_documents(raw, name, max_bytes, headers_known)
    if len(documents) != 1 or not isinstance(documents[0], TextFile):
        raise LogFileError(f"{name}: must be one CSV file or one workbook")
    return documents[0]


def table_texts(
    data: bytes, name: str, max_bytes: int, headers_known: HeaderTest
) -> list[tuple[str, str]]:
    """A table that is not a log (a staffing plan, say) as CSV text, read as the log reader
    reads its files: any encoding it takes, plain, gzip or in a zip, or a workbook. Of a
    workbook, the sheets with a header ``headers_known`` finds (the first sheet when none
    has); each table with what it came from in words: ``"CSV"`` or ``"Excel sheet 'Inputs'"``.
    Raises :class:`LogFileError` for a file that is neither text nor a workbook."""
    tables = []
    for document in open_documents(data, name, max_bytes, headers_known):
        if not isinstance(document, TextFile):
            raise LogFileError(
                f"{name}: must be a CSV file or a workbook, not {document.container}"
            )
        tables.append((document.container, bytes(document.data).decode("utf-8")))
    return tables


def _text_file(raw: Raw, name: str, compression: str | None) -> TextFile:
    head = bytes(raw[:64])
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise LogFileError(f"{name}: this is {what}, not a CSV file")
    data, encoding = _to_utf8(raw, name)
    del raw
    if not re.search(rb"\S", data):  # stops at the first visible byte: no copy of the file
        raise LogFileError(f"{name}: the file is empty")
    data, notes = _line_feeds(data, name)
    candidates = _header_candidates(data, name)
    return TextFile(
        name, data, encoding, compression, candidates[0], tuple(candidates), notes=notes
    )


def _line_feeds(data: Raw, name: str) -> tuple[Raw, tuple[str, ...]]:
    """Old Mac text ends its lines with a carriage return alone: when the first line does, every
    lone carriage return becomes a line feed (in a copy of the file); other files are returned
    as they are."""
    first = re.search(rb"\r\n?|\n", data)  # stops at the first line break
    if first is None or first.group() != b"\r":
        return data, ()
    note = f"{name}: lines end with a carriage return alone (old Mac text), read as line breaks"
    return re.sub(rb"\r(?!\n)", b"\n", bytes(data)), (note,)


def _gunzip(raw: Raw, name: str, max_bytes: int) -> bytearray:
    """The decompressed members of a gzip file. Output comes in slices of at most
    ``_OUT_CHUNK`` bytes, so memory peaks near the decompressed size even for a bomb."""
    out = bytearray()
    view = memoryview(raw)
    position = 0
    while position < len(raw):
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = b""
        while not inflater.eof:
            if not pending:
                if position >= len(raw):
                    raise LogFileError(f"{name}: the gzip data is truncated (the file is cut off)")
                pending = view[position : position + _CHUNK]
                position += len(pending)
            try:
                out += inflater.decompress(pending, min(_OUT_CHUNK, max_bytes + 1 - len(out)))
            except zlib.error:
                raise LogFileError(f"{name}: not a valid gzip file (corrupt data)") from None
            pending = inflater.unconsumed_tail
            _check_size(len(out), max_bytes, name)
        position -= len(inflater.unused_data)
        if not bytes(view[position : position + 2]).startswith(b"\x1f\x8b"):
            break  # trailing padding after the last member is ignored, as gzip does
    return out


def _unzip(
    raw: Raw, name: str, max_bytes: int
) -> tuple[list[tuple[str, Raw, str | None]], list[str]]:
    """Each file of a zip (one export in several files), or the zip itself if it is a workbook;
    and the names of the documents and images skipped."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))  # an mmap is not seekable before Python 3.13
    except (zipfile.BadZipFile, ValueError):
        raise LogFileError(f"{name}: not a valid zip file (corrupt or truncated)") from None
    with archive:
        names = archive.namelist()
        if "[Content_Types].xml" in names:
            _inflate_all(archive, archive.infolist(), name, max_bytes, keep=False)
            return [(name, raw, _WORKBOOK)], []
        files = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX/")
            and not info.filename.rsplit("/", 1)[-1].startswith(".")
        ]
        if not files:
            raise LogFileError(f"{name}: the zip holds no files")
        members: list[zipfile.ZipInfo] = []
        skipped: list[str] = []
        for info in files:
            if _is_log_member(info):
                members.append(info)
            else:
                skipped.append(info.filename)
        if not members:
            raise NoTableInZipError(name, _listed(skipped))
        if len(members) > MAX_FILES:
            raise LogFileError(
                f"{name}: the zip holds {len(members):,} files; at most {MAX_FILES:,} are read "
                "together (export longer periods per file)"
            )
        contents = _inflate_all(archive, members, name, max_bytes, keep=True)
    return [
        (name if len(members) == 1 else f"{name}/{member.filename[:80]}", content, "zip")
        for member, content in zip(members, contents, strict=True)
    ], skipped


def _inflate_all(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str, max_bytes: int, keep: bool
) -> list[bytearray]:
    """Each member decompressed under one cap for all; ``keep=False`` only checks (a workbook,
    read by its own reader afterwards, must not be a bomb either)."""
    _check_size(sum(member.file_size for member in members), max_bytes, name)
    contents: list[bytearray] = []
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise LogFileError(f"{name}: the zip is password-protected")
        out = bytearray()
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    _check_size(total, max_bytes, name)
                    if keep:
                        out += chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
            raise LogFileError(
                f"{name}: {member.filename[:60]} could not be decompressed"
            ) from None
        contents.append(out)
    return contents


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise TooLargeError(name, max_bytes)


def _to_utf8(raw: Raw, name: str) -> tuple[Raw, str]:
    head = bytes(raw[:4])
    if head.startswith(codecs.BOM_UTF8):
        data = raw[3:]
        bad = _first_invalid_utf8(data)
        if bad is not None:
            raise LogFileError(
                f"{name}: row {_row_at(data, bad)}: marked as UTF-8 but byte {bad:,} is not valid"
                " UTF-8"
            )
        _refuse_binary(data, name)
        return data, "utf-8 (with BOM)"
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return _transcode(raw, codec, name), codec.upper()
    nul = raw.find(b"\x00")
    if nul >= 0:
        codec = _utf16_without_bom(raw)
        if codec is None:
            raise LogFileError(
                f"{name}: contains binary data (a NUL byte at byte {nul:,}, row "
                f"{_row_at(raw, nul)}); this is not a CSV text file"
            )
        return _transcode(raw, codec, name), codec.upper()
    bad = _first_invalid_utf8(raw)
    if bad is None:
        _refuse_binary(raw, name)
        return raw, "utf-8"
    data = _transcode(raw, "cp1252", name)
    _refuse_binary(data, name)
    return data, "Windows-1252"


def _first_invalid_utf8(data: Raw) -> int | None:
    """Offset of the first byte that breaks UTF-8, or None; validated by Arrow at GB/s."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    array = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        array.cast(pa.large_string())
    except pa.ArrowInvalid:
        try:
            bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc.start
    return None


def _transcode(raw: Raw, codec: str, name: str) -> bytes:
    try:
        text = bytes(raw).decode(codec)
    except UnicodeDecodeError as exc:
        shown = "Windows-1252" if codec == "cp1252" else codec.upper()
        raise LogFileError(
            f"{name}: row {_row_at(raw, exc.start)}: byte {exc.start:,} (0x{raw[exc.start]:02X}) "
            f"is neither UTF-8 nor {shown}; save the file as UTF-8"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.encode("utf-8")


def _utf16_without_bom(raw: Raw) -> str | None:
    """UTF-16 text of mostly ASCII characters has a zero in every other byte."""
    sample = np.frombuffer(bytes(raw[: 4096 - 4096 % 2]), dtype=np.uint8)
    if len(sample) < 4:
        return None
    even_zero = np.mean(sample[0::2] == 0)
    odd_zero = np.mean(sample[1::2] == 0)
    if odd_zero > 0.9 and even_zero < 0.1:
        return "utf-16-le"
    if even_zero > 0.9 and odd_zero < 0.1:
        return "utf-16-be"
    return None


def _refuse_binary(data: Raw, name: str) -> None:
    """Text files have almost no control characters besides tab, CR and LF."""
    sample = np.frombuffer(bytes(data[:_HEADER_LIMIT]), dtype=np.uint8)
    control = (sample < 32) & (sample != 9) & (sample != 10) & (sample != 13)
    if np.count_nonzero(control) > max(8, len(sample) // 100):
        first = int(np.argmax(control))
        raise LogFileError(
            f"{name}: contains binary data (control characters from byte {first:,}, row "
            f"{_row_at(data, first)}); this is not a CSV text file"
        )


def _row_at(data: Raw, offset: int) -> int:
    """1-based line number of a byte offset."""
    return bytes(data[:offset]).count(b"\n") + 1


def head_lines(data: Raw) -> list[bytes]:
    """The whole lines among the file's first 64 KB (none when its first line is longer)."""
    head = bytes(data[:_HEADER_LIMIT])
    lines = head.split(b"\n")
    if len(data) > len(head):
        lines = lines[:-1]  # the last piece may be cut off at the 64 KB mark
    return lines


def _header_candidates(data: Raw, name: str) -> list[HeaderRow]:
    """Rows among the first few with at least two fields, each with its likely separator."""
    lines = head_lines(data)
    if not lines:
        raise LogFileError(f"{name}: the first row is longer than 64 KB; not a CSV file")
    candidates = []
    for number, raw_line in enumerate(lines[: MAX_TITLE_ROWS + 1], start=1):
        line = raw_line.rstrip(b"\r").decode("utf-8", errors="replace")
        counts = {delimiter: _count_outside_quotes(line, delimiter) for delimiter in _DELIMITERS}
        delimiter = max(_DELIMITERS, key=lambda d: counts[d])  # ties go to the comma
        if counts[delimiter]:
            try:
                headers = next(csv.reader([line], delimiter=delimiter))
            except csv.Error:  # e.g. a lone carriage return inside the line: not a header
                continue
            candidates.append(HeaderRow(number, delimiter, [header.strip() for header in headers]))
    if not candidates:
        first = lines[0].rstrip(b"\r").decode("utf-8", errors="replace")
        raise SingleColumnError(name, first)
    return candidates


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count
