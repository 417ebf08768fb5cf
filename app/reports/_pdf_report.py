"""The PDF report: the HTML report printed by headless Chromium on the server.

Why Chromium and not WeasyPrint: the report's charts are Plotly figures drawn by JavaScript, which
WeasyPrint does not run; static images would need Kaleido, which downloads its own browser. Debian's
``chromium`` prints the very same HTML the user can download, so the two cannot disagree, and
its PDF is tagged (structure tree for screen readers, ``--export-tagged-pdf``) with a document
outline built from the headings (``--generate-pdf-document-outline``).

Chromium runs as a subprocess with a timeout, a throw-away profile, and every host name resolving
to nothing, so printing can make no network request even if the HTML asked for one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from app.reports._html_report import Paper, html_report
from calculator import Comparison

PDF_TIMEOUT = 90  # [s] generous: a 2-core machine drawing five charts under load
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # containers without user namespaces; the page is our own HTML
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no network, whatever the page asks for
    "--no-pdf-header-footer",
    "--export-tagged-pdf",
    "--generate-pdf-document-outline",
    "--virtual-time-budget=20000",  # [ms] let the chart script finish before printing
)


class PdfError(RuntimeError):
    """The PDF could not be made; the message says why and what to do."""


def find_chromium() -> str | None:
    """Path of a Chromium executable on ``PATH``, if any."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html: str, *, timeout: float = PDF_TIMEOUT, chromium: str | None = None) -> bytes:
    """Print an HTML document to PDF bytes with headless Chromium.

    The page size comes from the document's CSS ``@page`` rule (see ``paper`` in
    :func:`app.reports.html_report`). Raises :class:`PdfError` when Chromium is missing, fails,
    times out or writes no PDF.
    """
    executable = chromium or find_chromium()
    if executable is None:
        raise PdfError(
            "PDF export needs Chromium, which is not installed on this server: install Debian's "
            "'chromium' package (apt-get install chromium), or download the HTML report and "
            "print it from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="seat-savings-pdf-") as folder:
        work = Path(folder)
        page = work / "report.html"
        output = work / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={work / 'profile'}",
            f"--print-to-pdf={output}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, timeout=timeout, check=False, cwd=work
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"PDF export took longer than {timeout:.0f} s and was stopped; try again, or "
                "download the HTML report and print it from a browser"
            ) from None
        except OSError as exc:
            raise PdfError(f"PDF export could not start Chromium ({executable}): {exc}") from None
        if not output.is_file() or output.stat().st_size == 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            last = detail[-1] if detail else "no output"
            raise PdfError(
                f"Chromium did not write the PDF (exit code {result.returncode}): {last}"
            )
        data = output.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise PdfError("Chromium wrote a file that is not a PDF")
    return data


def pdf_report(comparison: Comparison, *, paper: Paper = "A4", **options: Any) -> bytes:
    """The report of ``comparison`` as PDF bytes on ``paper`` (``"A4"`` or ``"Letter"``).

    ``options`` are those of :func:`app.reports.html_report` (branding, views, date, link).
    """
    return html_to_pdf(html_report(comparison, paper=paper, **options))
