"""Presenter view for customer calls: the best plan's savings big, the contract's totals, cap
warnings, the link and the PDF one click away, and a "what if" slider that saves nothing."""

import html

import streamlit as st

from app import offers, state, theme
from app.components.branding import current_branding
from app.components.browser import pdf_chromium
from app.components.chart_view import show_chart_view
from app.components.data_table import show_data_table, show_static_table
from app.components.downloads import (
    NO_CHROMIUM_HELP,
    PAPERS,
    default_paper,
    download_button,
    file_stem,
)
from app.components.markdown import escape_markdown, keep_percent_with_number
from app.components.notices import show_warnings
from app.components.refused_entry import show_refused_notice
from app.components.results import headline_table
from app.components.scenario_name import scenario_name_box
from app.components.share_panel import page_link_box, share_link
from app.report_parts import report_parts
from app.reports import pdf_report, plans_table, staffing_table
from app.scenario_cache import cached, comparison_of
from app.views.calculator import waterfall_view
from app.views.presenter import TONE_WORDS, BigFigure, call_figures, today_percent, what_if
from calculator import cap_warnings, example_scenario, explain_savings

NAME_KEY = "presenter_name"
TONE_COLORS = {"saving": theme.SAVING_TEXT_COLOR, "loss": theme.LOSS_TEXT_COLOR}


def _tiles(figures: list[BigFigure], size: str, label: str) -> str:
    """Figures as a grid of tiles; savings coloured and worded (never colour alone)."""
    items = []
    for figure in figures:
        color = TONE_COLORS.get(figure.tone or "", theme.TEXT_COLOR)
        word = (
            ""
            if figure.tone is None
            else f'<p style="margin: 0; font-size: 1.15rem; font-weight: 700; color: {color};">'
            f"{TONE_WORDS[figure.tone]}</p>"
        )
        items.append(
            f'<div style="border-left: 8px solid {color}; padding: 4px 16px; min-width: 0;">'
            f'<p style="margin: 0; font-size: 1.15rem; color: #374151;">'
            f"{keep_percent_with_number(html.escape(figure.label))}</p>{word}"
            f'<p style="margin: 0; font-size: {size}; font-weight: 700; line-height: 1.1; '
            f'color: {color}; overflow-wrap: anywhere;">{html.escape(figure.value)}</p></div>'
        )
    # Labels and values are escaped; colours are constants of app.theme.
    return (
        f'<div role="group" aria-label="{label}" style="display: grid; '
        "grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr)); gap: 24px; "
        f'margin: 8px 0 24px;">{"".join(items)}</div>'
    )


comparison = comparison_of(state.get_scenario())
scenario = comparison.scenario
branding = current_branding()

if st.button("Back to editing", key="presenter_back", icon=":material/edit:", type="primary"):
    st.switch_page("app_pages/calculator.py")

st.title(escape_markdown(scenario.name))
show_refused_notice(link=False)  # "Back to editing" is above
# What the page shows above the copy button only now and then sits in a place of its own (an
# empty slot, a container), so the button stays the same element on every run: a click on it
# that starts a run (a name typed without Enter) is not lost with a frame drawn anew.
name_prompt = st.empty()
if scenario.name == example_scenario().name:
    name_prompt.info(
        "Name this scenario for your customer before sharing the screen: the name is the title "
        "here and on every report.",
        icon=":material/badge:",
    )
scenario_name_box(NAME_KEY)

figures = call_figures(comparison)
with st.container(key="presenter_figures"):
    if figures.savings:
        st.html(_tiles(figures.savings, "clamp(2.2rem, 9vw, 3.4rem)", "Savings"))
    if figures.plan is not None:
        st.html(
            '<p style="font-size: 1.5rem; line-height: 1.35; margin: 0 0 16px;">'
            f"{keep_percent_with_number(html.escape(explain_savings(comparison, figures.plan)))}</p>"
        )
    st.html(_tiles(figures.costs, "clamp(1.6rem, 6vw, 2.2rem)", "Contract totals"))
show_warnings((cap_warnings(comparison), ":material/block:"))

link = share_link(state.share_token())
paper_label = default_paper(scenario.currency)
paper = PAPERS[paper_label]
chromium = pdf_chromium()
parts = report_parts(comparison)  # what the calculator and the Budget page built already
with st.container(key="presenter_actions"):
    download_button(
        st,
        f"Report (PDF, {paper_label})",
        lambda: pdf_report(
            comparison, paper=paper, branding=branding, scenario_link=link, **parts()
        ),
        f"{file_stem(scenario.name)}-report-{paper.lower()}.pdf",
        "application/pdf",
        "presenter_pdf",
        width="content",
        type="primary",
        disabled=chromium is None,
        help=NO_CHROMIUM_HELP if chromium is None else "Tagged PDF for screen readers.",
    )
    page_link_box(
        "presenter_link",
        "Link to this scenario",
        None if link is None else link + offers.link_suffix(),
    )

if figures.plan is not None:
    waterfall = cached(
        comparison, ("waterfall", figures.plan), lambda: waterfall_view(comparison, figures.plan)
    )
    show_chart_view(waterfall, key="presenter_waterfall")

today = today_percent(comparison)
if today is not None:
    with st.container(key="presenter_what_if", border=True):
        st.header("What if utilization were different?")
        percent = st.slider(
            "Utilization: active users / provisioned accounts",
            min_value=0,
            max_value=100,
            value=today,
            step=1,
            format="%d %%",
            key="presenter_what_if_percent",
            help=f"Today: {today} %. Moving the slider changes nothing in the scenario.",
        )
        answer = what_if(comparison, percent)
        st.markdown(escape_markdown(answer.sentence))
        st.caption(
            "One typical month at the scenario's average staffing, every month alike: no "
            "seasonal peaks (so no minimum commitment comes into play), no yearly price rise, "
            "no one-time cost, and seats that can come down. For a seasonal plan it therefore "
            "differs from the average month above, even at today's utilization. Nothing here "
            "is saved: the scenario and its link stay as they are."
        )
        show_data_table(answer.table)

with st.expander("Every plan: cost and savings", key="presenter_every_plan_section"):
    show_static_table(
        cached(comparison, "headline_table", lambda: headline_table(comparison)),
        key="presenter_every_plan",
    )
with st.expander(
    "Inputs (illustrative unless taken from your contracts)", key="presenter_inputs_section"
):
    for table in (plans_table(comparison), staffing_table(comparison)):
        st.markdown(f"**{escape_markdown(table.caption)}**")
        show_data_table(table.to_frame())
