"""The container never changes the figures: the same records as CSV, JSON lines, a JSON array,
concatenated objects, an API page, gzip or zip give the same months, peaks and hours."""

from __future__ import annotations

import gzip
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.usage import analyze_log
from tests.calculator.usage.logs import issues, monthly, utc_text, zipped

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
