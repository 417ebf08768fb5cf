"""Every export downloaded from the running app, then opened: CSV, ZIP, Excel, JSON, HTML, PDF.

Oracle: the worked example of docs/method.md#worked-example, $10,000.00 against $4,550.00 a
month over twelve months ($120,000.00 and $54,600.00), savings $5,450 a month (54.5 %).
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import expect

from calculator import example_scenario, scenario_from_json, scenario_to_json
from tests.browser.calculator_page import open_app, wait_for_page_drawn
from tests.tools import require

DOWNLOADS = ".st-key-downloads"
DOWNLOAD_TIMEOUT = 60_000  # [ms] the PDF is printed by Chromium on the server


def download(page, label: str, tmp_path: Path) -> tuple[str, bytes]:
    """Click the download button ``label``; returns the suggested file name and the bytes."""
    button = page.locator(DOWNLOADS).get_by_role("button", name=label)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        button.click()
    item = info.value
    target = tmp_path / item.suggested_filename
    item.save_as(target)
    return item.suggested_filename, target.read_bytes()


@pytest.fixture
def calculator(app_url, page):
    open_app(page, app_url)
    return page


def test_monthly_csv(calculator, tmp_path):
    """The CSV parses back to 24 lines; month 1 of active users costs 4550.00."""
    name, data = download(calculator, "Monthly table (CSV)", tmp_path)
    assert name == "worked-example-monthly.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert len(table) == 24
    first = table[(table["plan"] == "Active users") & (table["month_number"] == "1")]
    assert first["cost"].tolist() == ["4550.00"]


def test_chart_tables_zip(calculator, tmp_path):
    """One CSV per chart, each readable."""
    _, data = download(calculator, "Chart tables (ZIP of CSV)", tmp_path)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert "monthly-cost-per-plan.csv" in archive.namelist()
    for member in archive.namelist():
        assert len(pd.read_csv(io.BytesIO(archive.read(member)), encoding="utf-8-sig")) > 0


def test_workbook(calculator, tmp_path):
    """The workbook opens, its totals are formulas, and their values are the app's."""
    name, data = download(calculator, "Workbook with formulas (Excel)", tmp_path)
    assert name == "worked-example.xlsx"
    formulas = openpyxl.load_workbook(io.BytesIO(data))["Summary"]
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Summary"]
    assert formulas["C6"].value.startswith("=Monthly!")
    assert (values["C6"].value, values["C7"].value) == (120_000, 54_600)


def test_scenario_json(calculator, tmp_path):
    """The scenario file reads back as the worked example."""
    _, data = download(calculator, "Scenario file (JSON)", tmp_path)
    assert scenario_from_json(data) == example_scenario()


def test_html_report_opens_offline(calculator, tmp_path):
    """The report opens from disk with its charts drawn and the headline shown."""
    name, _ = download(calculator, "Report (HTML)", tmp_path)
    path = tmp_path / name
    page = calculator.context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-charts='ready']", timeout=30_000)
    assert "saves $5,450 a month (54.5 %)" in page.inner_text("main")
    assert [url for url in requests if not url.startswith("file://")] == []
    page.close()


def test_pdf_report(calculator, tmp_path):
    """The PDF is a tagged US Letter document (dollar amounts default to Letter)."""
    require("pdfinfo")
    name, data = download(calculator, "Report (PDF, US Letter)", tmp_path)
    assert data.startswith(b"%PDF-")
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / name)], capture_output=True, text=True, check=True
    ).stdout
    assert "Tagged:          yes" in info
    assert "(letter)" in info


def test_table_toolbars_offer_no_raw_csv(calculator):
    """A table's own toolbar offers search and full screen but no CSV download: that file would
    carry names people typed raw (``disableDataExport`` in .streamlit/config.toml)."""
    page = calculator
    expander = page.get_by_test_id("stExpander").filter(has_text="Numbers behind the chart").first
    expander.locator("summary").click()
    table = expander.get_by_test_id("stDataFrame")
    table.hover()
    # Every chart's table has a toolbar; this one's sits in the expander with its table.
    toolbar = expander.get_by_test_id("stElementToolbar").filter(has=page.get_by_role("button"))
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible()
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)


def test_download_right_after_typing_holds_the_typed_value(calculator, tmp_path):
    """A number typed without Enter, then a download clicked at once: the click commits the
    number (the box loses focus, which starts a run) and the file holds it, not the figures of
    the run before. 60 active users x $65 = $3,900.00 in month 1 (the worked example's rate)."""
    page = calculator
    box = page.locator(".st-key-quick_active input")
    box.fill("60")  # no Enter: the download's click is what leaves the box
    _, data = download(page, "Monthly table (CSV)", tmp_path)
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    first = table[(table["plan"] == "Active users") & (table["month_number"] == "1")]
    assert first["cost"].tolist() == ["3900.00"]


def test_workbook_edited_in_excel_uploads_back(calculator, tmp_path):
    """Download the workbook, raise every month's active users on its Inputs sheet (as in
    Excel), upload it in the seasonal plan's "CSV or Excel": the headline prices the new months
    (80 active users at $65: $5,200.00 a month, saving $4,800.00)."""
    _, data = download(calculator, "Workbook with formulas (Excel)", tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(data))
    inputs = book["Inputs"]
    header = next(row for row in inputs.iter_rows() if row[3].value == "Active users")
    for row in inputs.iter_rows(min_row=header[0].row + 1, max_row=header[0].row + 12):
        row[3].value = 80
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    calculator.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    calculator.get_by_text("CSV or Excel (paste or upload)").click()
    calculator.locator(".st-key-seasonal_csv_file input[type='file']").set_input_files(edited)
    expect(calculator.get_by_text("edited.xlsx")).to_be_visible(timeout=DOWNLOAD_TIMEOUT)
    calculator.get_by_role("button", name="Use these months").click()
    expect(calculator.get_by_test_id("stMetricValue").first).to_have_text(
        "$4,800.00", timeout=DOWNLOAD_TIMEOUT
    )
    expect(calculator.get_by_test_id("stException")).to_have_count(0)


def test_a_refused_file_fixed_and_picked_again_is_read(calculator, tmp_path):
    """The browser starts no change when the same file is picked again in the same input, so
    a file refused, fixed and picked again would be ignored: the uploader is a new one after
    each use, and the second pick of the same path is read."""
    curve = tmp_path / "curve.csv"
    curve.write_text("month,provisioned,active,peak_concurrent\n2027-01,100,x,50\n")
    calculator.get_by_test_id("stRadio").get_by_text("Seasonal plan").click()
    calculator.get_by_text("CSV or Excel (paste or upload)").click()
    chooser = calculator.locator(".st-key-seasonal_csv_file input[type='file']")
    chooser.set_input_files(curve)
    expect(calculator.get_by_text("curve.csv")).to_be_visible(timeout=DOWNLOAD_TIMEOUT)
    calculator.get_by_role("button", name="Use these months").click()
    expect(calculator.get_by_test_id("stAlertContentError").first).to_contain_text(
        "row 1 (2027-01), active: must be a whole number (got 'x')", timeout=DOWNLOAD_TIMEOUT
    )
    curve.write_text("month,provisioned,active,peak_concurrent\n2027-01,100,80,50\n")
    chooser.set_input_files(curve)
    expect(calculator.get_by_text("curve.csv")).to_be_visible(timeout=DOWNLOAD_TIMEOUT)
    calculator.get_by_role("button", name="Use these months").click()
    expect(calculator.get_by_test_id("stMetricValue").first).to_have_text(
        "$4,800.00", timeout=DOWNLOAD_TIMEOUT
    )


def test_a_side_by_side_file_stays_over_a_visit_to_another_page(app_url, page, tmp_path):
    """A file loaded in column 2, the Budget page opened and this page again: the browser then
    sends no uploader state (a new input), which is not a removal, so the file's scenario still
    shows; removing the file from the uploader, or "Remove this file", takes it out."""
    offer = example_scenario().model_copy(
        update={"plans": [example_scenario().plans[1].model_copy(update={"rate": Decimal(60)})]}
    )
    offer = offer.model_copy(update={"baseline": offer.plans[0].name})
    path = tmp_path / "offer.json"
    path.write_text(scenario_to_json(offer))
    page.goto(f"{app_url}/side_by_side")
    wait_for_page_drawn(page)
    headline = page.locator(".st-key-side_by_side_headline")
    chooser = page.locator(".st-key-side_by_side_1_file input[type='file']")
    chooser.set_input_files(path)
    expect(headline).to_contain_text("$69,600.00", timeout=DOWNLOAD_TIMEOUT)
    page.get_by_role("link", name="Budget").click()
    expect(page.get_by_role("heading", name="Budget", exact=True)).to_be_visible()
    page.get_by_role("link", name="Side by side").click()
    expect(page.get_by_text("Showing 'offer.json', loaded earlier in this session.")).to_be_visible(
        timeout=DOWNLOAD_TIMEOUT
    )
    expect(headline).to_contain_text("$69,600.00")
    page.get_by_role("button", name="Remove this file").click()
    expect(headline).not_to_contain_text("$69,600.00", timeout=DOWNLOAD_TIMEOUT)
    chooser.set_input_files(path)
    expect(headline).to_contain_text("$69,600.00", timeout=DOWNLOAD_TIMEOUT)
    page.get_by_role("button", name="Remove offer.json").click()
    expect(headline).not_to_contain_text("$69,600.00", timeout=DOWNLOAD_TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
