"""The container never changes the figures: the same records as CSV, JSON lines, a JSON array,
concatenated objects, an API page, gzip or zip give the same months, peaks and hours."""

from __future__ import annotations

import gzip
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.usage import LogFileError, analyze_log
from tests.calculator.usage.logs import issues, monthly, sessions_csv, utc_text, zipped

START = 1704067200  # 2024-01-01 00:00:00 UTC

sessions = st.lists(
    st.tuples(
        st.sampled_from(["ana", "ben", "chen", "dee"]),
        st.integers(0, 60 * 86400),
        st.integers(60, 30 * 3600),
    ),
    min_size=1,
    max_size=30,
)


def containers(rows: list[tuple[str, int, int]]) -> dict[str, bytes]:
    records = [
        {"agent": agent, "login": utc_text(START + at), "logout": utc_text(START + at + length)}
        for agent, at, length in rows
    ]
    csv = "agent,login,logout\n" + "".join(
        f"{r['agent']},{r['login']},{r['logout']}\n" for r in records
    )
    lines = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    return {
        "csv": csv.encode(),
        "json-lines": lines,
        "array": json.dumps(records, indent=1).encode(),
        "concatenated": b"".join(json.dumps(r, separators=(",", ":")).encode() for r in records),
        "page": json.dumps({"records": records, "total": len(records)}).encode(),
        "gzip": gzip.compress(lines),
        "zip": zipped([("part.json", lines)]),
    }


@settings(max_examples=40, deadline=None)
@given(sessions)
def test_every_container_gives_the_csv_figures(rows):
    """Random sessions of four agents over two months, in seven containers. Row numbers of
    JSON are record numbers: the CSV's line numbers less its header line."""
    results = {name: analyze_log("log", data) for name, data in containers(rows).items()}
    csv = results.pop("csv")
    records = {code: [row - 1 for row in rows] for code, rows in issues(csv).items()}
    for name, result in results.items():
        assert (name, monthly(result), issues(result)) == (name, monthly(csv), records)


def test_documents_beside_the_exports_in_a_zip_are_skipped_and_named():
    """A zip of weekly exports as a person packs it: a README.txt and a PDF beside the CSVs,
    macOS's __MACOSX/ and .DS_Store. The logs give the figures of the logs alone (ana 8 h on
    1 Jan, ben 2 h on 8 Jan); the documents are named in the notes, the macOS files are not."""
    week1 = sessions_csv([("ana", START + 8 * 3600, START + 16 * 3600)])
    week2 = sessions_csv([("ben", START + 7 * 86400, START + 7 * 86400 + 7200)])
    weeks = [("exports/2024-W01.csv", week1), ("exports/2024-W02.csv", week2)]
    packed = zipped(
        [
            *weeks,
            ("exports/README.txt", "Exported from the WFM tool on 2024-04-02"),
            ("exports/Notes.PDF", b"%PDF-1.4"),
            ("__MACOSX/exports/._2024-W01.csv", b"\x00\x05\x16\x07"),
            ("exports/.DS_Store", b"\x00\x00\x00\x01Bud1"),
        ]
    )
    result = analyze_log("weekly.zip", packed)
    alone = analyze_log("weekly.zip", zipped(weeks))
    assert monthly(result) == monthly(alone) == [("2024-01", 2, 1, Decimal("10.0000"))]
    assert [source.file for source in result.sources] == [
        "weekly.zip/exports/2024-W01.csv",
        "weekly.zip/exports/2024-W02.csv",
    ]
    assert result.quality.notes == [
        "weekly.zip: skipped exports/README.txt, exports/Notes.PDF (documents and images in a "
        "zip are not logs)"
    ]
    assert alone.quality.notes == []


def test_a_tab_separated_export_named_txt_in_a_zip_is_read():
    """Some platforms save tab-separated reports as .txt: in a zip such a file is a log, read
    as one; only a .txt named as a document (README, notes, licence) is skipped."""
    week = sessions_csv([("ana", START + 8 * 3600, START + 16 * 3600)]).replace(b",", b"\t")
    result = analyze_log("reports.zip", zipped([("agent_login.txt", week)]))
    assert monthly(result) == [("2024-01", 1, 1, Decimal("8.0000"))]
    assert result.quality.notes == []


NOT_A_WORKBOOK = (
    "the file is named {ending} but is not an Excel workbook (it is {what}). Upload the export "
    "as it was downloaded: a CSV or text export keeps its .csv or .txt name; if it should be a "
    "workbook, open it in Excel and save it as Excel Workbook (.xlsx)"
)


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("report.xlsx", b"Agent login report\nprinted 2024-02-01\n", "text that does not read "
         "as a table"),
        ("report.XLS", b"just a note\n", "text that does not read as a table"),
        ("report.xlsx", b"%PDF-1.7\n%binary", "a PDF document"),
    ],
)  # fmt: skip
def test_a_file_named_as_a_workbook_that_is_not_one_says_so(name, data, what):
    """A text file or a PDF renamed .xlsx (or .xls) is not described as a one-column CSV: the
    message says the name promises a workbook the file is not, and what to do."""
    with pytest.raises(LogFileError) as caught:
        analyze_log(name, data)
    ending = name[name.rindex(".") :]
    assert str(caught.value) == f"{name}: " + NOT_A_WORKBOOK.format(ending=ending, what=what)


def test_a_csv_named_xlsx_is_read_and_the_name_is_noted():
    """A CSV export saved under an .xlsx name reads as the CSV it is (a1 08-09: 1 h), and the
    notes say the file is not the workbook its name says."""
    result = analyze_log(
        "export.xlsx", b"agent,login,logout\na1,2024-01-01 08:00:00,2024-01-01 09:00:00\n"
    )
    assert monthly(result) == [("2024-01", 1, 1, Decimal("1.0000"))]
    assert result.sources[0].container == "CSV"
    assert result.quality.notes == [
        "export.xlsx: the file is named .xlsx but is not an Excel workbook: read as CSV text"
    ]
