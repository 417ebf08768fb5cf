"""Presenter view for customer calls: big headline numbers, the sentence that explains them, the
inputs folded away, and one click back to editing."""

import html

import streamlit as st

from app import state
from app.components.branding import current_branding
from app.components.chart_view import show_chart_view
from app.components.markdown import escape_markdown
from app.components.results import headlines
from app.reports import plans_table, staffing_table
from app.views.calculator import waterfall_view
from calculator import best_alternative, compare

comparison = compare(state.get_scenario())
scenario = comparison.scenario
branding = current_branding()

if st.button("Back to editing", key="presenter_back", icon=":material/edit:", type="primary"):
    st.switch_page("app_pages/calculator.py")

st.title(escape_markdown(scenario.name))
rows = headlines(comparison)
today = rows[0]
figures = [(f"{today.plan} (today), per month", today.per_month)]
for row in rows[1:]:
    figures += [
        (f"{row.plan}, per month", row.per_month),
        (f"Savings per month with {row.plan}", row.savings_per_month),
        (f"Savings per year with {row.plan}", row.savings_per_year),
        (f"Savings in percent with {row.plan}", row.savings_percent),
    ]
items = "".join(
    f'<div style="border-left: 8px solid {branding.accent_color}; padding: 4px 16px;">'
    f'<p style="margin: 0; font-size: 1.15rem; color: #374151;">{html.escape(label)}</p>'
    f'<p style="margin: 0; font-size: 3.4rem; font-weight: 700; line-height: 1.1;">'
    f"{html.escape(value or '–')}</p></div>"
    for label, value in figures
)
# Labels and values are escaped; the accent colour is a validated #RRGGBB.
st.html(
    '<div role="group" aria-label="Headline figures" style="display: grid; '
    "grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 24px; margin: 8px 0 24px;"
    f'">{items}</div>'
)
for row in rows[1:]:
    st.html(
        f'<p style="font-size: 1.7rem; line-height: 1.35; margin: 0 0 16px;">'
        f"{html.escape(row.explanation or '')}</p>"
    )

best = best_alternative(comparison)
if best is not None:
    show_chart_view(waterfall_view(comparison, best.plan), key="presenter_waterfall")

with st.expander("Inputs (illustrative unless taken from your contracts)", expanded=False):
    for table in (plans_table(comparison), staffing_table(comparison)):
        st.markdown(f"**{escape_markdown(table.caption)}**")
        st.dataframe(table.to_frame(), hide_index=True, width="stretch")
