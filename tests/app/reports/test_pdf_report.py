"""The PDF report: printed by headless Chromium, tagged, on A4 or US Letter, with the same text."""

from __future__ import annotations

import http.server
import re
import socketserver
import subprocess
import threading
from collections import Counter
from datetime import date
from pathlib import Path

import pikepdf
import pytest

from app.reports import PdfError, html_report, html_to_pdf, pdf_report
from app.reports import _pdf_report as pdf_module
from app.reports._html_report import headline, totals_table
from calculator import Scenario, compare, example_scenario
from calculator.budget import example_programs
from tests.app.reports.test_html_report import LARGEST
from tests.tools import require

WORKED = compare(example_scenario(months=12))


def pdf_info(path: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        key.strip(): value.strip()
        for key, value in (line.split(":", 1) for line in output.stdout.splitlines() if ":" in line)
    }


@pytest.fixture(scope="module", params=["A4", "Letter"])
def printed(request, tmp_path_factory) -> tuple[str, Path]:
    """The worked example's report printed on each paper size."""
    require("chromium", "pdfinfo", "pdftotext")
    data = pdf_report(WORKED, paper=request.param, generated_on=date(2026, 11, 24))
    path = tmp_path_factory.mktemp("pdf") / f"report-{request.param}.pdf"
    path.write_bytes(data)
    return request.param, path


def test_page_size(printed):
    """A4 is 595 x 842 pt and US Letter 612 x 792 pt."""
    paper, path = printed
    expected = {"A4": "594.96 x 841.92 pts (A4)", "Letter": "612 x 792 pts (letter)"}
    assert pdf_info(path)["Page size"] == expected[paper]


def test_tagged_for_screen_readers(printed):
    """The PDF carries a structure tree (tagged PDF) and the report's title."""
    _, path = printed
    info = pdf_info(path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Licensing cost comparison: Worked example | Seat savings calculator"


def test_same_text_as_the_html(printed):
    """Headline, explanation and the method's heading are in the PDF's text."""
    _, path = printed
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Savings over 12 months" in flat
    assert "$65,400.00" in flat
    assert "saves $5,450 a month (54.5 %)" in flat
    assert "Method" in flat


def page_texts(path: Path) -> list[list[str]]:
    """Each page's non-empty lines, as pdftotext reads them (pages are split by form feeds)."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]


def page_numbers(path: Path) -> list[str]:
    """The "Page n of N" line of each page, in page order ("" for a page without one)."""
    pages = [page for page in page_texts(path) if page]  # the text ends with a form feed
    return [
        next((line for line in page if re.fullmatch(r"Page \d+ of \d+", line)), "")
        for page in pages
    ]


def test_every_page_is_numbered(printed):
    """A printed report that is dropped or handed round is put back in order by its numbers."""
    _, path = printed
    count = int(pdf_info(path)["Pages"])
    assert page_numbers(path) == [f"Page {n} of {count}" for n in range(1, count + 1)]


def test_the_ranges_start_a_page_and_the_footer_stays_whole(tmp_path):
    """A seasonal plan with the illustrative programs on US Letter: the ranges' heading and note
    were left at the foot of page 8, their chart on page 9. They start a page now, and the
    footer's two lines are on one page."""
    require("chromium", "pdftotext")
    data = example_scenario(months=12).model_dump()
    busy = {"provisioned": 150, "active": 140, "peak_concurrent": 100, "logged_in_hours": None}
    quiet = {"provisioned": 100, "active": 60, "peak_concurrent": 40, "logged_in_hours": None}
    data["staffing"] = [busy if month in (0, 1, 2, 10, 11) else quiet for month in range(12)]
    data["budget"]["programs"] = [program.model_dump() for program in example_programs()]
    data["budget"]["appropriation"] = "90000"
    path = tmp_path / "ranges.pdf"
    path.write_bytes(pdf_report(compare(Scenario.model_validate(data)), paper="Letter"))
    pages = page_texts(path)
    (starts,) = [page for page in pages if any(line.startswith("How sure") for line in page)]
    assert starts[0].startswith("How sure: ranges (P10-P90)")
    (footer,) = [
        page for page in pages if any(line.startswith("Amounts are exact") for line in page)
    ]
    assert any(line.startswith("Seat savings calculator · Licensing cost") for line in footer)


def struct_kids(node: pikepdf.Dictionary) -> list:
    """A structure element's children: elements, marked-content references and bare MCIDs."""
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def text_pages(node: pikepdf.Dictionary, numbers: dict, page=None) -> set[int]:
    """The pages [1-based] on which a structure element's marked content lies."""
    page = node.get("/Pg", page)
    found = set()
    for kid in struct_kids(node):
        if not isinstance(kid, pikepdf.Dictionary):  # a marked-content ID on the element's page
            found.add(numbers[page.objgen])
        elif kid.get("/Type") == "/MCR":
            found.add(numbers[kid.get("/Pg", page).objgen])
        elif "/S" in kid:
            found |= text_pages(kid, numbers, page)
    return found


def table_rows_by_page(path: Path) -> list[tuple[int, list[int]]]:
    """Each tagged table of the PDF, in order, as (page of its header row, page of each body
    row) [1-based pages], from the structure tree: Chromium tags a table's rows as TR with no
    THead or TBody, its first row the header, which repeats on each later page it spans.
    A row's page is the first on which its text lies."""
    pdf = pikepdf.open(path)
    numbers = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    tables = []

    def walk(node: pikepdf.Dictionary) -> None:
        for kid in struct_kids(node):
            if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                continue
            if kid["/S"] != "/Table":
                walk(kid)
                continue
            rows = [
                min(text_pages(row, numbers))
                for row in struct_kids(kid)
                if isinstance(row, pikepdf.Dictionary) and row.get("/S") == "/TR"
            ]
            tables.append((rows[0], rows[1:]))

    walk(pdf.Root.StructTreeRoot)
    return tables


def split_badly(path: Path) -> list[str]:
    """Each table a page break splits with a lone row (its first or last body row alone on a
    page) or with its header apart from every row."""
    found = []
    for number, (header, rows) in enumerate(table_rows_by_page(path), start=1):
        if not rows:
            continue
        per_page = Counter(rows)
        first, last = min(per_page), max(per_page)
        if header != first:
            found.append(f"table {number}: header on page {header}, its rows from page {first}")
        if first != last and 1 in (per_page[first], per_page[last]):
            found.append(f"table {number}: rows per page {dict(sorted(per_page.items()))}")
    return found


@pytest.mark.parametrize(
    ("months", "paper"),
    [
        (36, "A4"),  # a month table's first row was left alone at the foot of page 4
        (60, "A4"),  # the months' table ended with one row alone on page 5
        (None, "Letter"),  # 8 plans: a table with both ends alone
    ],
)
def test_no_table_row_is_left_alone_on_a_page(months, paper, tmp_path):
    """A table that runs over pages keeps at least two of its rows on each end, and its header
    with them: a lone row read without the rows around it (a total without the months it sums),
    and a header at the foot of a page heads nothing."""
    require("chromium")
    comparison = LARGEST if months is None else compare(example_scenario(months=months))
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_report(comparison, paper=paper, generated_on=date(2026, 11, 24)))
    assert split_badly(path) == []


def outline_titles(data: bytes) -> list[str]:
    """The titles of the PDF's outline entries (the document outline of the headings)."""
    assert re.search(rb"/Outlines \d+ 0 R", data), "no document outline"
    titles = re.findall(rb"/Title \(((?:[^()\\]|\\.)*)\)", data)
    return [title.decode("latin-1") for title in titles]


def test_outline_of_the_headings(printed):
    """The PDF has a document outline built from the report's headings."""
    _, path = printed
    titles = outline_titles(path.read_bytes())
    assert "Summary" in titles
    assert "Method" in titles
    assert "Charts and the numbers behind them" in titles


def pdf_text(path: Path) -> str:
    """The PDF's text, runs of white space made one space."""
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


@pytest.fixture(scope="module")
def largest_printed(tmp_path_factory) -> Path:
    """The report of the largest scenario (60 months, 8 plans) printed on A4."""
    require("chromium", "pdftotext")
    path = tmp_path_factory.mktemp("pdf") / "largest.pdf"
    path.write_bytes(pdf_report(LARGEST, generated_on=date(2026, 11, 24)))
    return path


def assert_tagged(data: bytes) -> None:
    """A structure tree for screen readers, and the catalog says the content is marked."""
    assert b"/StructTreeRoot" in data
    assert re.search(rb"/MarkInfo\s*<<[^>]*/Marked\s+true", data), "not marked as tagged"


def test_worked_example_is_tagged(printed):
    _, path = printed
    assert_tagged(path.read_bytes())


def test_largest_report_is_tagged_and_its_bars_have_no_pattern_fills(largest_printed):
    """The printed bars carry marker shapes, not tiled pattern fills (which made the PDF ten
    times as large); the PDF stays tagged."""
    data = largest_printed.read_bytes()
    assert_tagged(data)
    assert b"/PatternType" not in data
    assert re.search(rb"/Outlines \d+ 0 R", data)


@pytest.mark.parametrize("which", ["worked", "largest"])
def test_pdf_has_the_html_reports_headline_figures(which, printed, largest_printed):
    """Every headline figure of the HTML report, label and value, is in the PDF's text."""
    comparison, path = (WORKED, printed[1]) if which == "worked" else (LARGEST, largest_printed)
    html = html_report(comparison, generated_on=date(2026, 11, 24))
    text = pdf_text(path)
    figures = headline(comparison).figures
    assert len(figures) == 6
    for figure in figures:
        assert f'<span class="value">{figure.value}</span>' in html
        assert figure.value in text
        assert figure.label in text
    for row in totals_table(comparison).rows:  # each plan's cost and savings
        for cell in row:
            assert cell in text


def test_second_report_reuses_the_warm_browser():
    """Chromium is started once per server process: later reports reuse it."""
    require("chromium")
    printer = pdf_module.warm_printer(pdf_module.find_chromium())
    pdf_report(WORKED, generated_on=date(2026, 11, 24))
    launches, printed = printer.launches, printer.printed
    assert launches >= 1
    pdf_report(WORKED, generated_on=date(2026, 11, 24))
    assert (printer.launches, printer.printed) == (launches, printed + 1)


def test_warm_starts_the_browser_before_the_first_report():
    """``warm`` starts Chromium in the background, once however often it is called, and the
    first report then prints in the browser already running."""
    require("chromium")
    printer = pdf_module.WarmPrinter(pdf_module.find_chromium())
    try:
        printer.warm()
        printer.warm()
        printer.run(lambda browser: None, timeout=60)  # queued behind the warming
        assert printer.launches == 1
        assert printer.print_pdf("<html><h1>First</h1></html>", timeout=60).startswith(b"%PDF-")
        assert (printer.launches, printer.printed) == (1, 1)
    finally:
        printer.stop()


def test_reused_tab_keeps_nothing_of_the_last_report(tmp_path):
    """The warm tab prints each document afresh: nothing of the previous report is left."""
    require("chromium", "pdftotext")
    pdf_report(WORKED, generated_on=date(2026, 11, 24))
    path = tmp_path / "second.pdf"
    path.write_bytes(html_to_pdf("<html><head><title>Second</title></head><h1>Only me</h1></html>"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert " ".join(text.split()) == "Only me"


def test_browser_that_died_is_relaunched():
    """A warm Chromium that went away is started again for the next report."""
    require("chromium", "pdfinfo")
    printer = pdf_module.warm_printer(pdf_module.find_chromium())
    pdf_report(WORKED, generated_on=date(2026, 11, 24))
    launches = printer.launches
    printer.run(lambda browser: browser.close(), timeout=30)
    data = pdf_report(WORKED, generated_on=date(2026, 11, 24))
    assert printer.launches == launches + 1
    assert data.startswith(b"%PDF-")


def test_subprocess_when_the_warm_browser_cannot_start(monkeypatch, tmp_path):
    """Without a warm browser the report is printed by a Chromium subprocess, still tagged and
    with an outline."""
    require("chromium", "pdfinfo")

    class Unavailable:
        def print_pdf(self, html, timeout):
            raise pdf_module.PrinterUnavailableError("cannot start here")

    monkeypatch.setattr(pdf_module, "warm_printer", lambda executable: Unavailable())
    calls: list[str] = []
    real_subprocess_pdf = pdf_module.subprocess_pdf

    def counted(html, executable, timeout):
        calls.append(executable)
        return real_subprocess_pdf(html, executable, timeout)

    monkeypatch.setattr(pdf_module, "subprocess_pdf", counted)
    data = pdf_report(WORKED, generated_on=date(2026, 11, 24))
    assert calls == [pdf_module.find_chromium()]
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    assert pdf_info(path)["Tagged"] == "yes"
    assert "Summary" in outline_titles(data)
    count = int(pdf_info(path)["Pages"])
    assert page_numbers(path) == [f"Page {n} of {count}" for n in range(1, count + 1)]


def test_printing_makes_no_network_request():
    """An image or script the page asks for, even on this machine, is not fetched."""
    require("chromium")
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    with socketserver.TCPServer(("127.0.0.1", 0), Handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        address = f"http://127.0.0.1:{server.server_address[1]}"
        html = (
            f'<html><body><h1>Hi</h1><img src="{address}/image.png" alt="">'
            f'<script src="{address}/script.js"></script></body></html>'
        )
        try:
            data = html_to_pdf(html)
        finally:
            server.shutdown()
    assert data.startswith(b"%PDF-")
    assert requests == []


def test_missing_chromium_says_what_to_do(monkeypatch):
    """Without Chromium the error names the packages (the browser and the font for Chinese,
    Japanese and Korean names) and the alternative."""
    monkeypatch.setattr(pdf_module, "find_chromium", lambda: None)
    with pytest.raises(PdfError) as info:
        html_to_pdf("<p>hi</p>")
    assert str(info.value) == (
        "PDF export needs Chromium, which is not installed on this server: install Debian's "
        "'chromium' package and a font for Chinese, Japanese and Korean names (apt-get install "
        "chromium fonts-wqy-microhei), or download the HTML report and print it from a browser"
    )


def test_chromium_that_cannot_start(tmp_path):
    """A Chromium path that cannot run is reported, not raised as an OSError."""
    with pytest.raises(PdfError, match="PDF export could not start Chromium"):
        html_to_pdf("<p>hi</p>", chromium=str(tmp_path / "no-such-chromium"))


def test_timeout_is_reported():
    """A print that takes too long is stopped with a clear message."""
    require("chromium")
    with pytest.raises(PdfError) as info:
        html_to_pdf("<p>hi</p>", timeout=0.001)
    assert str(info.value) == (
        "PDF export took longer than 0 s and was stopped; try again, or download the HTML "
        "report and print it from a browser"
    )


@pytest.fixture(scope="module")
def split_printed(tmp_path_factory) -> Path:
    """The report of two programs with a March split, printed on A4."""
    from tests.app.reports.test_html_report import split_in_march

    require("chromium", "pdfinfo", "pdftotext")
    path = tmp_path_factory.mktemp("pdf") / "split.pdf"
    path.write_bytes(pdf_report(split_in_march(), generated_on=date(2026, 11, 24)))
    return path


def laid_out_lines(path: Path) -> list[str]:
    """The PDF's text as laid out, a table's row on one line, runs of spaces made one."""
    layout = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(line.split()) for line in layout.splitlines()]


def tagged_column_headers(path: Path, caption: str) -> list[str]:
    """The column headers (TH cells scoped to their column) of the tagged table whose caption
    starts with ``caption``, read from the PDF's structure tree."""
    tree = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    start = next(i for i, line in enumerate(tree) if line.strip().startswith(f'"{caption}'))
    assert tree[start - 3].strip() == "Table (block)", "the caption is not a table's"
    headers, scoped = [], False
    for line in tree[start + 1 :]:
        text = line.strip()
        if text == "/Scope /Row":  # the first body row: the header row is done
            break
        if text == "/Scope /Column":
            scoped = True
        elif scoped and text.startswith('"') and text != '""':
            headers.append(text.strip('"'))
            scoped = False
    return headers


def test_pdf_states_the_programs_as_the_page_lays_them_out(split_printed):
    """The shares behind the cost by program and funding source print with the report, a
    program's later rows with their workforce left empty."""
    lines = laid_out_lines(split_printed)
    assert "Medicaid 60 Federal 75" in lines
    assert "Medicaid State general revenue 25" in lines
    assert "SNAP 40 Federal 50.5" in lines


def test_pdf_programs_table_is_tagged_with_its_column_headers(split_printed):
    """A screen reader meets the programs as a table whose headers name each column."""
    assert tagged_column_headers(split_printed, "Programs and their funding, as entered") == [
        "Program",
        "Workforce %",
        "Funding source",
        "Funding %",
    ]


def test_pdf_states_the_month_by_month_split(split_printed):
    lines = laid_out_lines(split_printed)
    assert "Month Medicaid % SNAP % Split" in lines
    assert "2027-03 55.5555 44.4445 entered" in lines


@pytest.fixture(scope="module")
def returns_on_letter(tmp_path_factory) -> Path:
    """The worked example in fiscal years from October, $40,000 a year, on US Letter: its
    returns table's payback columns are narrow."""
    from tests.app.reports.test_html_report import october_years

    require("chromium", "pdftotext")
    path = tmp_path_factory.mktemp("pdf") / "returns-letter.pdf"
    path.write_bytes(
        pdf_report(october_years("40000"), paper="Letter", generated_on=date(2026, 11, 24))
    )
    return path


def test_pdf_keeps_each_payback_month_on_one_line(returns_on_letter):
    """Payback and discounted payback print "(2027-01)" whole, never "(2027-" above "01)"."""
    lines = laid_out_lines(returns_on_letter)
    start = lines.index("Returns of switching from Named seats")
    table = " ".join(lines[start : start + 8])
    assert "(2027-" not in table.replace("(2027-01)", "")
    assert table.count("(2027-01)") == 2


def test_pdf_keeps_each_month_of_a_wide_table_on_one_line(largest_printed):
    """Eight plans make the monthly tables narrow; a month row header prints whole."""
    lines = laid_out_lines(largest_printed)
    assert not [line for line in lines if re.search(r"\b\d{4}-(?!\d)", line)]


def test_cjk_names_print_with_a_font_that_has_their_glyphs(tmp_path):
    """A plan named 東京センター prints in a font with those characters (empty boxes before),
    and its text is the name."""
    require("chromium", "pdffonts", "pdftotext")
    scenario = WORKED.scenario
    plans = [scenario.plans[0], scenario.plans[1].model_copy(update={"name": "東京センター"})]
    comparison = compare(scenario.model_copy(update={"plans": plans}))
    path = tmp_path / "cjk.pdf"
    path.write_bytes(pdf_report(comparison, generated_on=date(2026, 11, 24)))
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"WenQuanYi|CJK|DroidSansFallback", fonts), fonts
    assert "東京センター" in pdf_text(path)
