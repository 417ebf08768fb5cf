"""Exports and reports people can forward: CSV, Excel with live formulas, HTML and PDF.

Pure functions from a :class:`calculator.Comparison` (or a side-by-side result) to bytes or text;
nothing here imports Streamlit, so every export can be built and tested without the app.
"""

from app.reports._branding import (
    BRANDING_FILE,
    Branding,
    BrandingError,
    load_branding,
    make_branding,
)
from app.reports._csv_export import (
    csv_filename,
    dataframe_to_csv,
    monthly_csv,
    monthly_export_table,
    tables_zip,
)
from app.reports._excel_export import workbook_bytes
from app.reports._html_report import Paper, html_report, plans_table, staffing_table
from app.reports._pdf_report import (
    PdfError,
    find_chromium,
    html_to_pdf,
    pdf_report,
    warm_up_printer,
)
from app.reports._safety import neutralise
from app.reports._side_by_side_report import (
    contract_years_report_table,
    difference_sentences,
    differences_report_table,
    side_by_side_html,
    side_by_side_pdf,
    side_by_side_tables,
    side_by_side_workbook,
    side_by_side_zip,
    totals_report_table,
)
from app.reports._tables import ReportTable

__all__ = [
    "BRANDING_FILE",
    "Branding",
    "BrandingError",
    "Paper",
    "PdfError",
    "ReportTable",
    "contract_years_report_table",
    "csv_filename",
    "dataframe_to_csv",
    "difference_sentences",
    "differences_report_table",
    "find_chromium",
    "html_report",
    "html_to_pdf",
    "load_branding",
    "make_branding",
    "monthly_csv",
    "monthly_export_table",
    "neutralise",
    "pdf_report",
    "plans_table",
    "side_by_side_html",
    "side_by_side_pdf",
    "side_by_side_tables",
    "side_by_side_workbook",
    "side_by_side_zip",
    "staffing_table",
    "tables_zip",
    "totals_report_table",
    "warm_up_printer",
    "workbook_bytes",
]
