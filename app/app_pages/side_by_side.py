"""Side by side: today's vendor against two offers, or this year's staffing against next year's."""

import streamlit as st

from app import offers, state
from app.components.branding import current_branding
from app.components.browser import pdf_chromium
from app.components.chart_view import show_chart_view
from app.components.data_table import show_data_table
from app.components.downloads import PAPERS, download_button, paper_picker, side_by_side_stem
from app.components.markdown import escape_markdown
from app.components.refused_entry import show_refused_notice
from app.components.share_panel import page_link_box
from app.components.side_by_side_inputs import (
    comparison_link,
    offer_label,
    side_by_side_inputs,
)
from app.reports import (
    contract_years_report_table,
    difference_sentences,
    differences_report_table,
    side_by_side_html,
    side_by_side_pdf,
    side_by_side_workbook,
    side_by_side_zip,
    totals_report_table,
)
from app.share import MAX_OFFERS
from app.views.side_by_side import side_by_side_views
from calculator import (
    MAX_SIDE_BY_SIDE,
    CalculatorError,
    format_money,
    format_percent,
    side_by_side,
)

_SAVE_MESSAGE = "side_by_side_offer_message"


def _save_offer() -> None:
    """Keep the session's scenario as an offer and show it in the next free column."""
    scenario = state.get_scenario()
    message = offers.save_offer(scenario)
    st.session_state[_SAVE_MESSAGE] = message
    column = len(offers.get_offers())
    if message is None and column < MAX_SIDE_BY_SIDE:
        st.session_state[f"side_by_side_{column}_source"] = offer_label(column - 1, scenario)


def offers_panel() -> None:
    """Save the session's scenario as an offer, list the offers kept, remove one."""
    saved = offers.get_offers()
    with st.container(key="side_by_side_offers", border=True):
        st.header("Offers in this session")
        st.write(
            f"Save up to {MAX_OFFERS} scenarios as offers: change the scenario on the "
            "calculator, save it here, and compare them without downloading files. Offers are "
            "kept in the link too while it stays short enough."
        )
        st.button(
            "Save this session's scenario as an offer",
            key="side_by_side_save_offer",
            on_click=_save_offer,
            icon=":material/bookmark_add:",
            disabled=len(saved) >= MAX_OFFERS,
            help=f"At most {MAX_OFFERS} offers." if len(saved) >= MAX_OFFERS else None,
        )
        message = st.session_state.pop(_SAVE_MESSAGE, None)
        if message:
            st.warning(escape_markdown(message), icon=":material/info:")
        for index, offer in enumerate(saved):
            # The button as wide as its words: a fixed column cut them to "Remo…" at 800 px.
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(escape_markdown(offer_label(index, offer)))
                st.button(
                    f"Remove offer {index + 1}",
                    key=f"side_by_side_remove_offer_{index}",
                    on_click=offers.remove_offer,
                    args=(index,),
                    width="content",
                )
        note = offers.link_note()
        if note:
            st.warning(escape_markdown(note), icon=":material/link_off:")


FILE_NOT_IN_LINK = (
    "A scenario file cannot travel in a link: the link opens its column waiting for the file. "
    "Send the file with it, or save it as an offer above, which the link holds."
)
"""Said under the link while a column shows a scenario file."""
ADD_A_COLUMN = (
    "Add a second column to see what switching would save: upload a scenario file saved from the "
    "calculator in column 2, save an offer above, or choose this session's scenario there to "
    "compare two of its plans."
)
"""What to do while only the reference column is in use."""

st.title("Side by side")
show_refused_notice()
st.write(
    "Compare up to three scenarios in one view: the scenario open in this session, offers saved "
    "in this session, or scenario "
    "files saved from the calculator (Share and save). The first column is the reference; "
    "months are matched by their position in each contract."
)
offers_panel()
columns = side_by_side_inputs()
if not columns:
    st.info("Choose a scenario for the first column to start.", icon=":material/info:")
    st.stop()
try:
    result = side_by_side(
        [column.scenario for column in columns],
        plans=[column.plan for column in columns],
        labels=[column.label for column in columns],
    )
except CalculatorError as exc:
    st.error(escape_markdown(str(exc)), icon=":material/error:")
    st.stop()

currency = result.currency
with st.container(key="side_by_side_headline"):
    for place, total in zip(st.columns(len(result.totals)), result.totals, strict=True):
        place.metric(
            f"{escape_markdown(total.label)}: per month (average)",
            format_money(total.average_monthly_cents, currency),
        )
        if not total.is_reference:
            place.metric(
                f"{escape_markdown(total.label)}: savings against {escape_markdown(result.reference)}",
                format_money(total.savings_cents, currency),
                None if total.ratio is None else format_percent(total.ratio),
            )
    for sentence in difference_sentences(result):
        st.markdown(escape_markdown(sentence))
    for note in result.notes:
        st.info(escape_markdown(note), icon=":material/info:")

tables = [totals_report_table(result)]
by_year = contract_years_report_table(result)  # only when a column runs past one year
if by_year is not None:
    tables.append(by_year)
if result.differences:
    tables.append(differences_report_table(result))
else:
    st.info(ADD_A_COLUMN, icon=":material/info:")
for table in tables:
    st.markdown(f"**{escape_markdown(table.caption)}**")
    show_data_table(table.to_frame())
for view in side_by_side_views(result):
    show_chart_view(view, key=f"side_by_side_chart_{view.slug}")

branding = current_branding()
stem = side_by_side_stem(result.labels)
with st.container(key="side_by_side_downloads"):
    st.header("Download and forward")
    paper_label = paper_picker("side_by_side_paper", currency)
    paper = PAPERS[paper_label]
    chromium = pdf_chromium()
    first, second = st.columns(2)
    download_button(
        first,
        "Tables (ZIP of CSV)",
        lambda: side_by_side_zip(result),
        f"{stem}.zip",
        "application/zip",
        "side_by_side_download_csv",
    )
    download_button(
        first,
        "Workbook (Excel)",
        lambda: side_by_side_workbook(result, branding=branding),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "side_by_side_download_xlsx",
    )
    download_button(
        second,
        "Report (HTML)",
        lambda: side_by_side_html(result, branding=branding),
        f"{stem}.html",
        "text/html",
        "side_by_side_download_html",
    )
    download_button(
        second,
        f"Report (PDF, {paper_label})",
        lambda: side_by_side_pdf(result, paper=paper, branding=branding),
        f"{stem}-{paper.lower()}.pdf",
        "application/pdf",
        "side_by_side_download_pdf",
        disabled=chromium is None,
    )
    link = comparison_link()
    page_link_box(
        "side_by_side_link",
        "Link to this comparison",
        link,
        help="Opens this page with the same columns, plans and labels.",
    )
    if link and any(column.from_file for column in columns):
        st.caption(FILE_NOT_IN_LINK)
