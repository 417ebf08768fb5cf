"""The downloads component: every export as a button, built on click, PDF paper by currency."""

import pytest
from streamlit.testing.v1 import AppTest

from app.components import browser, downloads
from tests.app.helpers import keyed_block

LABELS = [
    "Monthly table (CSV)",
    "Chart tables (ZIP of CSV)",
    "Workbook with formulas (Excel)",
    "Scenario file (JSON)",
    "Report (HTML)",
]


def buttons(at: AppTest) -> list:
    return keyed_block(at, "downloads").get("download_button")


def test_every_export_on_the_calculator_page(app: AppTest):
    """CSV, chart tables, Excel, JSON, HTML and PDF buttons follow the charts."""
    app.run()
    assert [button.label for button in buttons(app)] == [*LABELS, "Report (PDF, US Letter)"]


def test_paper_size_choice_renames_the_pdf(app: AppTest):
    """Choosing A4 changes the PDF button."""
    app.run()
    app.button_group(key="downloads_paper").set_value("A4").run()
    assert buttons(app)[-1].label == "Report (PDF, A4)"


def test_a_paper_size_nobody_picked_follows_the_currency(app: AppTest):
    """Switched from USD to EUR, the calculator kept offering US Letter while the side-by-side
    page offered A4."""
    app.run()
    app.selectbox(key="scenario_currency").set_value("EUR").run()
    assert app.button_group(key="downloads_paper").value == "A4"
    assert buttons(app)[-1].label == "Report (PDF, A4)"


def test_the_paper_size_follows_the_currency_without_a_warning(app: AppTest, caplog):
    """The picker was given a default and a value through the session, which Streamlit warns
    about in the server's log on every change of currency."""
    app.run()
    with caplog.at_level("WARNING"):
        app.selectbox(key="scenario_currency").set_value("EUR").run()
    assert app.button_group(key="downloads_paper").value == "A4"
    assert not [r for r in caplog.records if "downloads_paper" in r.getMessage()]


def test_a_paper_size_picked_stays_when_the_currency_changes(app: AppTest):
    app.run()
    app.button_group(key="downloads_paper").set_value("A4").run()
    app.selectbox(key="scenario_currency").set_value("CAD").run()
    assert buttons(app)[-1].label == "Report (PDF, A4)"


def test_pdf_is_disabled_without_chromium(app: AppTest, monkeypatch):
    """Without Chromium the PDF button is disabled and says why; the others stay."""
    monkeypatch.setattr(browser, "find_chromium", lambda: None)
    app.run()
    pdf = buttons(app)[-1]
    assert pdf.proto.disabled is True
    assert pdf.proto.help == downloads.NO_CHROMIUM_HELP
    assert not any(button.proto.disabled for button in buttons(app)[:-1])


@pytest.mark.parametrize(
    ("currency", "paper"), [("USD", "US Letter"), ("CAD", "US Letter"), ("EUR", "A4")]
)
def test_default_paper_follows_the_currency(currency, paper):
    """Dollar amounts default to US Letter, everything else to A4."""
    assert downloads.default_paper(currency) == paper


def test_file_stem_is_safe():
    """Scenario names become lower-case hyphenated file names."""
    assert downloads.file_stem("Worked example / FY2028") == "worked-example-fy2028"


def test_side_by_side_stem_keeps_the_number_of_a_long_label():
    """Long labels are cut to 30 characters each, keeping the "(2)" that tells them apart."""
    long = "Contact centre renewal offer with every option included"
    stem = downloads.side_by_side_stem([long, f"{long} (2)"])
    assert stem == "side-by-side-contact-centre-renewal-offer-w-contact-centre-renewal-offer-2"
