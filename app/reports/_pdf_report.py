"""The PDF report: the HTML report printed by headless Chromium on the server.

Why Chromium and not WeasyPrint: the report's charts are Plotly figures drawn by JavaScript, which
WeasyPrint does not run; static images would need Kaleido, which downloads its own browser. Debian's
``chromium`` prints the HTML report's print copy (``print_copy`` of
:func:`app.reports.html_report`): the same text, tables and figures as the HTML the user can
download, with bar series marked by shapes instead of fill patterns, which Chromium printed as
megabytes of tiles (:mod:`app.reports._print_charts`). Its PDF is tagged (structure tree for
screen readers) with a document outline built from the headings.

Starting Chromium costs seconds, so one Chromium is kept warm per server process
(:class:`WarmPrinter`): Playwright drives it from one worker thread, one report at a time, each in
a fresh browser context whose every network request is refused, and relaunches it if it died. When
it cannot start (Playwright missing, or the launch fails), a report is printed as before, by a
Chromium subprocess with a timeout, a throw-away profile and every host name resolving to nothing
(``--print-to-pdf``), so printing makes no network request even if the HTML asked for one.
"""

from __future__ import annotations

import atexit
import contextlib
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

from app.reports._html_report import Paper, html_report
from calculator import Comparison

PDF_TIMEOUT = 90  # [s] generous: a 2-core machine drawing five charts under load
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
BROWSER_FLAGS = (
    "--no-sandbox",  # containers without user namespaces; the page is our own HTML
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no network, whatever the page asks for
)
"""Flags of both ways of printing (Playwright adds ``--headless`` itself)."""
CHROMIUM_FLAGS = (
    "--headless",
    *BROWSER_FLAGS,
    "--no-pdf-header-footer",
    "--export-tagged-pdf",
    "--generate-pdf-document-outline",
    "--virtual-time-budget=20000",  # [ms] let the chart script finish before printing
)


PAGE_REPORTS = 25  # reports printed in one tab before it is replaced by a fresh one
RELAUNCH_PAUSE = 60.0  # [s] after a failed launch, print by subprocess for this long
_NETWORK_URL = re.compile(r"^(https?|wss?|ftp|file):", re.IGNORECASE)
_AWAIT_CHARTS = "() => window.chartsDrawn ? window.chartsDrawn.then(() => true) : false"
_CHARTS_DRAWN = (
    "() => !document.getElementById('chart-data')"
    " || document.documentElement.dataset.charts === 'ready'"
)


class PdfError(RuntimeError):
    """The PDF could not be made; the message says why and what to do."""


class PrinterUnavailableError(RuntimeError):
    """The warm Chromium cannot start here; print by subprocess instead."""


def _timed_out(timeout: float) -> PdfError:
    return PdfError(
        f"PDF export took longer than {timeout:.0f} s and was stopped; try again, or "
        "download the HTML report and print it from a browser"
    )


class WarmPrinter:
    """A headless Chromium kept running between reports, driven by Playwright.

    Playwright's synchronous API belongs to the thread that started it, so one worker thread owns
    Playwright and the browser and runs the jobs of every session in turn: one page at a time,
    thread-safe for callers. ``launches`` counts browser starts and ``printed`` the PDFs made.
    """

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.launches = 0
        self.printed = 0
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._failed_at: float | None = None
        self._page: Any = None  # the worker thread's tab, reused by the next report
        self._warming = False  # warm() was called

    def run(self, job: Callable[[Any], Any], timeout: float) -> Any:
        """Run ``job(browser)`` on the worker thread and return its result.

        Raises :class:`PrinterUnavailableError` when the browser cannot start, :class:`PdfError` when
        the job takes longer than ``timeout`` [s], and whatever ``job`` raised.
        """
        if not self._start_worker():
            raise PrinterUnavailableError("the warm Chromium failed to start recently")
        future: Future = Future()
        self._jobs.put((job, future))
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()
            raise _timed_out(timeout) from None

    def warm(self) -> None:
        """Start the browser and open its tab now, without waiting, so that the first report
        does not pay for it (2-8 s). Only the first call does anything; a browser that failed
        to start recently is not tried again here."""
        with self._lock:
            if self._warming:
                return
            self._warming = True
        if self._start_worker():
            self._jobs.put((self._tab, Future()))

    def _start_worker(self) -> bool:
        """Start the worker thread unless it runs; False while a failed launch is recent."""
        with self._lock:
            if self._failed_at is not None:
                if time.monotonic() - self._failed_at < RELAUNCH_PAUSE:
                    return False
                self._failed_at = None
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="pdf-printer", daemon=True)
                self._thread.start()
        return True

    def print_pdf(self, html: str, timeout: float) -> bytes:
        """``html`` printed to PDF bytes: tagged, with an outline, page size from its CSS."""
        return self.run(lambda browser: self._print(browser, html, timeout), timeout)

    def stop(self) -> None:
        """End the worker thread and close the browser (at interpreter exit)."""
        if self._thread is not None and self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout=10)

    def _tab(self, browser: Any) -> Any:
        """The worker's tab in ``browser``, opened if needed: a tab kept open between reports
        saves starting a renderer process for each. Every network request from it is refused."""
        page = self._page
        if page is None or page.is_closed() or page.context.browser is not browser:
            context = browser.new_context()
            context.route(_NETWORK_URL, lambda route: route.abort())
            page = self._page = context.new_page()
        return page

    def _print(self, browser: Any, html: str, timeout: float) -> bytes:
        page = self._tab(browser)
        try:
            page.set_default_timeout(timeout * 1000)
            page.goto("about:blank")  # a fresh document and window for every report
            page.set_content(html, wait_until="load")
            # Resolves the moment the last chart is drawn (no polling delay); the check after
            # it also covers a page whose chart script never ran.
            page.evaluate(_AWAIT_CHARTS)
            page.wait_for_function(_CHARTS_DRAWN, polling=50)
            data = page.pdf(
                prefer_css_page_size=True, print_background=True, tagged=True, outline=True
            )
        except BaseException:
            self._close_page()
            raise
        self.printed += 1
        if self.printed % PAGE_REPORTS == 0:
            self._close_page()
        return data

    def _close_page(self) -> None:
        page, self._page = self._page, None
        if page is not None and page.context.browser is not None:
            with contextlib.suppress(Exception):  # the browser is gone already: nothing to close
                page.context.close()

    def _work(self) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            self._fail_all(PrinterUnavailableError(f"Playwright is not installed: {exc}"))
            return
        with sync_playwright() as playwright:
            browser = None
            while True:
                item = self._jobs.get()
                if item is None:
                    break
                job, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if browser is None or not browser.is_connected():
                        browser = self._launch(playwright)
                    future.set_result(job(browser))
                except BaseException as exc:  # handed to the caller, whatever it is
                    future.set_exception(exc)
            self._close_page()
            if browser is not None and browser.is_connected():
                browser.close()

    def _launch(self, playwright: Any) -> Any:
        try:
            browser = playwright.chromium.launch(
                executable_path=self.executable, args=list(BROWSER_FLAGS)
            )
        except Exception as exc:
            with self._lock:
                self._failed_at = time.monotonic()
            raise PrinterUnavailableError(
                f"Chromium did not start ({self.executable}): {exc}"
            ) from exc
        self.launches += 1
        return browser

    def _fail_all(self, error: Exception) -> None:
        with self._lock:
            self._failed_at = time.monotonic()
        while True:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                return
            if item is not None and item[1].set_running_or_notify_cancel():
                item[1].set_exception(error)


_PRINTERS: dict[str, WarmPrinter] = {}
_PRINTERS_LOCK = threading.Lock()


def warm_printer(executable: str) -> WarmPrinter:
    """The server process's warm printer for the Chromium at ``executable`` (made on first use)."""
    with _PRINTERS_LOCK:
        printer = _PRINTERS.get(executable)
        if printer is None:
            printer = _PRINTERS[executable] = WarmPrinter(executable)
            atexit.register(printer.stop)
        return printer


def warm_up_printer(executable: str) -> None:
    """Start this server process's printer for the Chromium at ``executable`` in the background,
    so the first PDF a person asks for prints as fast as the next ones. Returns at once."""
    warm_printer(executable).warm()


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
    :func:`app.reports.html_report`). The warm Chromium prints it; a Chromium subprocess does when
    the warm one cannot start. Raises :class:`PdfError` when Chromium is missing, fails, times out
    or writes no PDF.
    """
    executable = chromium or find_chromium()
    if executable is None:
        raise PdfError(
            "PDF export needs Chromium, which is not installed on this server: install Debian's "
            "'chromium' package and a font for Chinese, Japanese and Korean names (apt-get "
            "install chromium fonts-wqy-microhei), or download the HTML report and print it from "
            "a browser"
        )
    try:
        data = warm_printer(executable).print_pdf(html, timeout)
    except PrinterUnavailableError:
        data = subprocess_pdf(html, executable, timeout)
    except PdfError:
        raise
    except Exception as exc:  # a Playwright error: the browser crashed or the page failed
        detail = str(exc).strip().splitlines()
        raise PdfError(
            f"Chromium could not print the PDF: {detail[0] if detail else type(exc).__name__}"
        ) from None
    if not data.startswith(b"%PDF-"):
        raise PdfError("Chromium wrote a file that is not a PDF")
    return data


def subprocess_pdf(html: str, executable: str, timeout: float = PDF_TIMEOUT) -> bytes:
    """``html`` printed to PDF bytes by a Chromium subprocess started for this one document."""
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
            raise _timed_out(timeout) from None
        except OSError as exc:
            raise PdfError(f"PDF export could not start Chromium ({executable}): {exc}") from None
        if not output.is_file() or output.stat().st_size == 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            last = detail[-1] if detail else "no output"
            raise PdfError(
                f"Chromium did not write the PDF (exit code {result.returncode}): {last}"
            )
        return output.read_bytes()


def pdf_report(comparison: Comparison, *, paper: Paper = "A4", **options: Any) -> bytes:
    """The report of ``comparison`` as PDF bytes on ``paper`` (``"A4"`` or ``"Letter"``).

    ``options`` are those of :func:`app.reports.html_report` (branding, views, date, link). The
    PDF is printed from the report's print copy: bar series differ by a marker shape, which
    prints as a few points, where the screen copy's fill patterns printed as megabytes.
    """
    return html_to_pdf(html_report(comparison, paper=paper, print_copy=True, **options))
