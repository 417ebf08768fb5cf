"""Recalculating a workbook with a real spreadsheet engine: LibreOffice Calc, headless.

The workbook is first re-saved by openpyxl, which keeps the formulas but drops every cached
result, and LibreOffice is told to recalculate on load; so every value read back was computed by
LibreOffice from the formulas, never copied from the file.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
RECALC_TIMEOUT = 120  # [s] the first start of a fresh profile is slow

# LibreOffice settings: always recalculate Excel and ODF files on load (the default for .xlsx
# is "never", which would show cached values).
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def require_libreoffice() -> str:
    """The soffice executable; skips locally, fails in CI (``CI`` set) when it is missing."""
    if SOFFICE is None:
        message = "LibreOffice Calc is not installed: run `bash scripts/test` to install it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SOFFICE


def without_cached_values(data: bytes) -> bytes:
    """The workbook re-saved by openpyxl: same formulas and names, no cached results."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def recalculate(books: list[bytes], folder: Path) -> list[openpyxl.Workbook]:
    """Open each workbook in LibreOffice (one start for all), recalculate, save, read back."""
    soffice = require_libreoffice()
    profile = folder / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS)
    sources = []
    for number, data in enumerate(books):
        source = folder / f"book{number}.xlsx"
        source.write_bytes(without_cached_values(data))
        sources.append(source)
    out = folder / "out"
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=RECALC_TIMEOUT,
    )
    return [openpyxl.load_workbook(out / source.name, data_only=True) for source in sources]
