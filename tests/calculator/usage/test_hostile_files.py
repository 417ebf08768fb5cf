"""Hostile and broken uploads: each gets one clear message (what, and which row), never a crash.

Well-formed files in other encodings and delimiters are read; the rest raise LogFileError with
the exact text asserted here. Decompression stops at the cap, so bombs cost bounded memory.
"""

from __future__ import annotations

import codecs
import gzip
import io
import tracemalloc
import zipfile

import pytest

from calculator.usage import LogFileError, analyze_log, analyze_logs
from calculator.usage._source import decode_file
from tests.calculator.usage.logs import issues, zipped

LOG = (
    "agent,login,logout\n"
    "José,2024-01-02 08:00:00,2024-01-02 09:00:00\n"
    "Zoë,2024-01-02 08:30:00,2024-01-02 10:00:00\n"
)
CAP = 1_000_000
# Byte offsets quoted in messages: where the bad byte sits in these inputs.
NOT_CP1252 = LOG.encode("cp1252").replace(b"Zo\xeb", b"Zo\x81")
BAD_BYTE_AT = NOT_CP1252.index(b"\x81")  # 66: two header/row lines before it
NUL_AT = len(LOG.encode())  # 110: right after the valid log


def agents_and_peak(data: bytes):
    result = analyze_log("log.csv", data, max_bytes=CAP)
    return result, (result.agents, result.months[0].peak_concurrent)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (LOG.encode(), "utf-8"),
        (codecs.BOM_UTF8 + LOG.encode(), "utf-8 (with BOM)"),
        (LOG.encode("utf-16"), "UTF-16"),
        (codecs.BOM_UTF16_BE + LOG.encode("utf-16-be"), "UTF-16"),
        (LOG.encode("utf-16-le"), "UTF-16-LE"),
        (LOG.encode("cp1252"), "Windows-1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be", "utf-16-no-bom", "windows-1252"],
)
def test_encodings_are_detected_and_names_kept(data, encoding):
    """Every encoding gives the same two agents, with accented names intact."""
    result, figures = agents_and_peak(data)
    assert (result.sources[0].encoding, figures) == (encoding, (2, 2))
    assert result.quality.rows_used == 2


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolon"), ("\t", "tab"), ("|", "pipe")])
def test_other_delimiters_are_detected(delimiter, name):
    """European Excel writes semicolons; tabs and pipes are read too."""
    result, figures = agents_and_peak(LOG.replace(",", delimiter).encode())
    assert (result.sources[0].delimiter, figures) == (name, (2, 2))


@pytest.mark.parametrize(
    ("ending", "notes"),
    [
        ("\n", []),
        ("\r\n", []),
        (
            "\r",
            ["log.csv: lines end with a carriage return alone (old Mac text), read as line breaks"],
        ),
    ],
    ids=["unix", "windows", "old-mac"],
)
def test_line_endings_of_every_system_are_read(ending, notes):
    """Line feeds, carriage return and line feed, or (old Mac text) a carriage return alone:
    the same two agents, and a bad row named by its line (row 3: an unreadable login)."""
    lines = LOG.splitlines()
    text = ending.join([*lines[:2], '"Ann, C.",yesterday,2024-01-02 09:00:00', lines[2]]) + ending
    for data in (text.encode(), text.encode("utf-16")):
        result, figures = agents_and_peak(data)
        assert (figures, result.quality.notes) == ((2, 2), notes)
        assert issues(result) == {"unparseable_timestamp": [3]}


def test_gzip_and_zip_are_read():
    """A .csv.gz and a .zip holding one CSV give the plain file's result."""
    for data, compression in (
        (gzip.compress(LOG.encode()), "gzip"),
        (zipped([("l.csv", LOG)]), "zip"),
    ):
        result, figures = agents_and_peak(data)
        assert (result.sources[0].compression, figures) == (compression, (2, 2))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "log.csv: the file is empty"),
        (b" \r\n\n", "log.csv: the file is empty"),
        (b"agent,login,logout\n", "log.csv: the file has a header row but no data rows"),
        (
            b"agent\nx\n",
            "log.csv: row 1 has a single column ('agent'); a log needs an agent column and time "
            "columns separated by commas, semicolons, tabs or pipes",
        ),
        (
            b'agent,login,logout\na,2024-01-02 08:00:00,"2024-01-02 09:00:00\n'
            b"b,2024-01-02 08:00:00,2024-01-02 09:00:00\n",
            'log.csv: row 2: a quoted value is not closed (unterminated "), so the rest of the '
            "file would be read as one value; fix the quotes and try again",
        ),
        (
            b"agent,login,logout\na,b\nc,d\n",
            "log.csv: no usable rows: all 2 data rows have a different number of fields than the "
            "header (3); check the delimiter",
        ),
        (
            b"agent,login,logout\na,b\n",
            "log.csv: no usable rows: the one data row has a different number of fields than the "
            "header (3); check the delimiter",
        ),
        (
            b"agent,login,logout\n" + b"a;b;c\n" * 10_001,
            "log.csv: more than 10,000 rows have a different number of fields than the header "
            "(3), first at rows 2, 3, 4, 5, 6; check the delimiter",
        ),
        (
            NOT_CP1252,
            f"log.csv: row 3: byte {BAD_BYTE_AT} (0x81) is neither UTF-8 nor Windows-1252; save "
            "the file as UTF-8",
        ),
        (
            LOG.encode() + b"\x00\x01junk",
            f"log.csv: contains binary data (a NUL byte at byte {NUL_AT}, row 4); this is not a "
            "CSV text file",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "log.csv: this is a PNG image, not a CSV file"),
        (b"%PDF-1.7\n", "log.csv: this is a PDF document, not a CSV file"),
        (
            b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11" * 10,
            "log.csv: contains binary data (control characters from byte 0, row 1); this is not "
            "a CSV text file",
        ),
        (
            b"foo,bar\n1,2\n",
            "log.csv: could not recognise the columns 'foo', 'bar'. Layouts tried: sessions "
            "(agent, login, logout) (needs an agent column); events (agent, timestamp, "
            "login/logout) (needs an agent column); 13 vendor exports (none of their columns). "
            "Name the fields, e.g. --format sessions --map agent=foo --map login=bar --map "
            'logout="<logout column>"',
        ),
    ],
    ids=[
        "empty",
        "whitespace-only",
        "header-only",
        "one-column",
        "unterminated-quote",
        "all-rows-ragged",
        "the-one-row-ragged",
        "ragged-flood",
        "not-utf8-nor-cp1252",
        "nul-bytes",
        "png-named-csv",
        "pdf-named-csv",
        "control-characters",
        "unknown-columns",
    ],
)
def test_unreadable_files_get_one_clear_message(data, message):
    """The message names the file, what is wrong and, where it can, the row."""
    with pytest.raises(LogFileError) as caught:
        analyze_log("log.csv", data, max_bytes=CAP)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zipped([]), "log.csv: the zip holds no files"),
        (
            zipped([("README.txt", "Weekly exports"), ("chart.png", b"\x89PNG")]),
            "log.csv: the zip holds no log, only documents or images (README.txt, chart.png); "
            "a log is a CSV, Excel, JSON or Parquet file",
        ),
        (
            zipped([("log.csv.gz", gzip.compress(LOG.encode()))]),
            "log.csv: holds another compressed file; compress the file only once",
        ),
        (
            zipped([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<w/>")]),
            "log.csv: the workbook could not be opened (Cannot detect file format); save it "
            "again from the spreadsheet program, or as CSV",
        ),
        (
            gzip.compress(LOG.encode())[:-12],
            "log.csv: the gzip data is truncated (the file is cut off)",
        ),
        (b"PK\x03\x04broken", "log.csv: not a valid zip file (corrupt or truncated)"),
    ],
    ids=[
        "zip-empty",
        "zip-documents-only",
        "zip-nested",
        "broken-xlsx",
        "gzip-truncated",
        "zip-corrupt",
    ],
)
def test_bad_archives_get_one_clear_message(data, message):
    """Archives must hold files, compressed once; a broken workbook says so."""
    with pytest.raises(LogFileError) as caught:
        analyze_log("log.csv", data, max_bytes=CAP)
    assert str(caught.value) == message


BOMB_MESSAGE = (
    "log.csv: decompresses to more than 1,000,000 bytes, the limit; refused: split the log into "
    "smaller files (a month each, say) and read them together"
)


@pytest.mark.parametrize(
    "bomb",
    [
        gzip.compress(b"0" * 50_000_000, compresslevel=9),
        zipped([("log.csv", b"0" * 50_000_000)]),
    ],
    ids=["gzip", "zip"],
)
def test_decompression_bombs_stop_at_the_cap_in_bounded_memory(bomb):
    """50 MB packed in ~50 kB: refused after about 1 MB, peak memory a few MB."""
    tracemalloc.start()
    try:
        with pytest.raises(LogFileError) as caught:
            analyze_log("log.csv", bomb, max_bytes=CAP)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value) == BOMB_MESSAGE
    assert peak < 8 * CAP


def test_plain_file_over_the_cap_is_refused_before_reading():
    """Size is checked before any parsing."""
    with pytest.raises(LogFileError) as caught:
        analyze_log("log.csv", b"x" * (CAP + 1), max_bytes=CAP)
    assert str(caught.value) == "log.csv: the file is 1,000,001 bytes; the limit is 1,000,000"


@pytest.mark.parametrize(
    "bomb",
    [
        gzip.compress(b'{"EventType":"LOGIN"}\n' * 2_500_000, compresslevel=9),
        zipped([(f"page{n}.json", b"[" + b"{}," * 1_000_000 + b"{}]") for n in range(3)]),
    ],
    ids=["gzip-json", "zip-of-pages"],
)
def test_json_bombs_stop_at_the_same_cap(bomb):
    """JSON is decompressed under the same cap as CSV; a zip's files count together."""
    with pytest.raises(LogFileError) as caught:
        analyze_log("log.csv", bomb, max_bytes=CAP)
    assert str(caught.value) == BOMB_MESSAGE


PAGE = (
    b'{"userDetails": [{"userId": "u%d", "primaryPresence": [{"startTime": '
    b'"2024-01-02T08:00:00Z", "endTime": "2024-01-02T09:00:00Z", "systemPresence": '
    b'"AVAILABLE"}]}], "totalHits": 10000}'
)


def test_ten_thousand_pages_in_one_file_are_read():
    """10,000 query responses written one after the other: 10,000 users, one hour each."""
    data = b"\n".join(PAGE % n for n in range(10_000))
    result = analyze_log("pages.json", data)
    month = result.months[0]
    assert (month.active, month.peak_concurrent, month.logged_in_hours) == (10_000, 10_000, 10_000)


def test_ten_thousand_files_get_a_clear_message():
    """Too many files at once (or in one zip) are refused before any is read."""
    with pytest.raises(LogFileError) as caught:
        analyze_logs([(f"page{n}.json", PAGE % n) for n in range(10_000)])
    assert str(caught.value) == (
        "10,000 files given; at most 1,000 are read together (export longer periods per file, "
        "or several pages per file)"
    )
    with pytest.raises(LogFileError) as caught:
        analyze_log("pages.zip", zipped([(f"p{n}.json", PAGE % n) for n in range(10_000)]))
    assert str(caught.value) == (
        "pages.zip: the zip holds 10,000 files; at most 1,000 are read together (export longer "
        "periods per file)"
    )


def test_a_workbook_bomb_stops_at_the_cap():
    """An .xlsx is a zip: its parts are inflated under the same cap before the reader sees it."""
    bomb = zipped(
        [("[Content_Types].xml", "<Types/>"), ("xl/worksheets/sheet1.xml", b" " * 5_000_000)]
    )
    with pytest.raises(LogFileError) as caught:
        analyze_log("log.csv", bomb, max_bytes=CAP)
    assert str(caught.value) == BOMB_MESSAGE


def test_deeply_nested_json_gets_a_clear_message():
    """Brackets nested a hundred thousand deep (the JSON parser would exhaust its stack), after
    a first record."""
    data = b'{"a": 1}{"b": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(LogFileError) as caught:
        analyze_log("log.json", data)
    assert str(caught.value) == (
        "log.json: objects or lists are nested more than 512 deep (in the 1st 16 MB of the "
        "file); a login export nests a few levels"
    )


def test_json_that_is_not_utf8_names_the_byte():
    """A damaged byte in a JSON export (JSON is UTF-8): its offset and line."""
    data = b'{"EventType": "LOGIN"}\n{"EventType": "LOG\xddIN"}\n'
    with pytest.raises(LogFileError) as caught:
        analyze_log("events.json", data)
    assert str(caught.value) == (
        "events.json: byte 41 (line 2) is not valid UTF-8; JSON exports are UTF-8, so the file "
        "is damaged"
    )


@pytest.mark.parametrize("container", ["gzip", "zip"])
def test_decompression_memory_stays_near_the_cap(container):
    """A bomb that expands past the cap is refused with memory near the cap, not twice it (the
    decompressed bytes were copied once more at the end, and one step could yield the whole cap)."""
    cap = 16 << 20
    payload = b"agent,login,logout\n" + b"a,2027-01-05 08:00:00,2027-01-05 09:00:00\n" * (cap // 40)
    if container == "gzip":
        raw = gzip.compress(payload, 1)
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("log.csv", payload)
        raw = buffer.getvalue()
    del payload
    tracemalloc.start()
    try:
        with pytest.raises(LogFileError, match="decompresses to more than 16,777,216 bytes"):
            decode_file(raw, "log", cap)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1.3 * cap
