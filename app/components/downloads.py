"""Download buttons for every export: monthly CSV, chart tables, Excel, HTML and PDF, scenario JSON.

Files are built only when a button is clicked (``st.download_button`` accepts a callable, run on
its own thread), so the page's reruns stay fast however many exports there are. A click builds
from the latest run's figures (:func:`app.components.download_button.download_button`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from app import state
from app.components.branding import current_branding
from app.components.browser import pdf_chromium
from app.components.download_button import download_button
from app.components.share_panel import share_link
from app.report_parts import chart_views_part, report_parts
from app.reports import (
    csv_filename,
    html_report,
    monthly_csv,
    pdf_report,
    tables_zip,
    workbook_bytes,
)
from calculator import Comparison, scenario_to_json

PAPERS = {"A4": "A4", "US Letter": "Letter"}
NO_CHROMIUM_HELP = (
    "PDF export needs Chromium on the server, which is not installed here. Download the HTML "
    "report and print it from your browser instead."
)


def default_paper(currency: str) -> str:
    """US Letter for amounts in US or Canadian dollars, A4 everywhere else."""
    return "US Letter" if currency in {"USD", "CAD"} else "A4"


def paper_picker(key: str, currency: str) -> str:
    """The PDF's paper size, picked under ``key``: :func:`default_paper` of ``currency`` until
    the person picks one. A size nobody picked follows the currency: switched from USD to EUR,
    the calculator kept offering US Letter while the side-by-side page, drawn afresh, offered
    A4."""
    default = default_paper(currency)
    shown_for = f"{key}__default"  # the default the control was last drawn with
    before = st.session_state.get(shown_for)
    if key not in st.session_state or (
        before not in (None, default) and st.session_state.get(key) in (before, None)
    ):
        # Through the session only: Streamlit warns when a widget is given a default too.
        st.session_state[key] = default
    st.session_state[shown_for] = default
    return st.segmented_control("Paper size of the PDF report", list(PAPERS), key=key) or default


def file_stem(name: str) -> str:
    """A safe file name stem from a scenario name: ``"Worked example" -> "worked-example"``."""
    return csv_filename(name, suffix="")


COLUMN_SLUG_CHARS = 30
"""Most characters each side-by-side column's label takes in a file name."""


def side_by_side_stem(labels: Sequence[str]) -> str:
    """The side-by-side files' name stem: ``side-by-side-`` and every column's label as shown,
    each cut to :data:`COLUMN_SLUG_CHARS` but keeping the number that tells alike labels apart
    (``"Worked example (3)" -> "worked-example-3"``)."""
    parts = []
    for position, label in enumerate(labels, start=1):
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or f"column-{position}"
        number = re.search(r"\((\d+)\)\s*$", label)
        tail = f"-{number[1]}" if number and slug.endswith(f"-{number[1]}") else ""
        head = slug.removesuffix(tail)[: COLUMN_SLUG_CHARS - len(tail)].strip("-")
        parts.append(head + tail)
    return "-".join(["side-by-side", *parts])


@st.fragment
def show_downloads(comparison: Comparison, *, key: str = "downloads") -> None:
    """Every export of ``comparison`` as a download button, inside ``st.container(key=key)``.

    A fragment: choosing the paper size reruns this section only. Any change to the scenario
    reruns the whole page, so ``comparison`` is always the current one.
    """
    scenario = comparison.scenario
    stem = file_stem(scenario.name)
    with st.container(key=key):
        st.header("Download and forward")
        st.caption(
            "Each file holds the numbers above. The Excel workbook recalculates when a rate or a "
            "month's staffing is changed on its Inputs sheet; the HTML report opens offline."
        )
        paper_label = paper_picker(f"{key}_paper", scenario.currency)
        views = chart_views_part(comparison)  # what the chart sections built already
        first, second, third = st.columns(3)
        download_button(
            first,
            "Monthly table (CSV)",
            lambda: monthly_csv(comparison),
            f"{stem}-monthly.csv",
            "text/csv",
            f"{key}_csv",
        )
        download_button(
            first,
            "Chart tables (ZIP of CSV)",
            lambda: tables_zip({view.title: view.table for view in views()}),
            f"{stem}-chart-tables.zip",
            "application/zip",
            f"{key}_tables",
        )
        report_buttons(comparison, key, paper_label, places=(second, third, third))
        download_button(
            second,
            "Scenario file (JSON)",
            lambda: scenario_to_json(scenario),
            f"{stem}.json",
            "application/json",
            f"{key}_json",
        )


def report_buttons(comparison: Comparison, key: str, paper_label: str, *, places) -> None:
    """The workbook, the HTML report and the PDF report of ``comparison``, in ``places`` (one
    each, in that order): every figure of the calculator and the budget pages, to print or
    forward."""
    scenario = comparison.scenario
    branding = current_branding()
    link = share_link(state.share_token())
    stem = file_stem(scenario.name)
    workbook_in, html_in, pdf_in = places
    parts = report_parts(comparison)  # what this page built already
    download_button(
        workbook_in,
        "Workbook with formulas (Excel)",
        lambda: workbook_bytes(comparison, branding=branding, **parts(views=False)),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{key}_xlsx",
    )
    download_button(
        html_in,
        "Report (HTML)",
        lambda: html_report(comparison, branding=branding, scenario_link=link, **parts()),
        f"{stem}-report.html",
        "text/html",
        f"{key}_html",
    )
    chromium = pdf_chromium()
    paper = PAPERS[paper_label]
    download_button(
        pdf_in,
        f"Report (PDF, {paper_label})",
        lambda: pdf_report(
            comparison, paper=paper, branding=branding, scenario_link=link, **parts()
        ),
        f"{stem}-report-{paper.lower()}.pdf",
        "application/pdf",
        f"{key}_pdf",
        disabled=chromium is None,
        help=NO_CHROMIUM_HELP if chromium is None else "Tagged PDF for screen readers.",
    )


def show_report_downloads(comparison: Comparison, *, key: str) -> None:
    """The reports and the workbook alone, on one row, for a page that is not the calculator's
    (the budget page): a budget officer prints from there. The PDF takes the currency's usual
    paper (:func:`default_paper`); the calculator's downloads offer the other."""
    with st.container(key=key):
        st.header("Print or forward")
        st.caption(
            "The reports and the workbook hold every figure on this page (fiscal years, returns, "
            "programs and funding sources, ranges) beside the calculator's. The PDF is tagged for "
            "screen readers; the HTML report opens offline."
        )
        report_buttons(
            comparison, key, default_paper(comparison.scenario.currency), places=st.columns(3)
        )
