"""Which commitment to sign: for each plan with a commitment or a concurrent cap, the advice's
sentence, and the cost of every level as a chart with its table.

Pricing every level is up to :data:`calculator._commitment.MAX_LEVELS` priced horizons per plan, so
the advice is computed once per scenario and kept in the session's scenario cache:
reruns that do not change the scenario (opening a section, switching the currency shown elsewhere)
reuse it.
"""

from __future__ import annotations

import streamlit as st

from app.components.chart_view import show_chart_view
from app.components.markdown import escape_markdown
from app.scenario_cache import cached
from app.views.commitment import commitment_advice, commitment_view
from calculator import CommitmentAdvice, Scenario


def cached_advice(scenario: Scenario) -> list[CommitmentAdvice]:
    """:func:`app.views.commitment.commitment_advice` of ``scenario``, computed once per scenario."""
    return cached(scenario, "commitment_advice", lambda: commitment_advice(scenario))


def show_commitment_advice(scenario: Scenario, *, key_prefix: str = "") -> None:
    """A "Which commitment to sign" section per plan with a commitment or a cap: the sentence,
    then (in an expander built only while open) the chart of every level with its table, in
    ``st.container(key=f"{key_prefix}commitment_<plan index>")``."""
    advice = cached_advice(scenario)
    if not advice:
        return
    st.header("Which commitment to sign")
    names = [plan.name for plan in scenario.plans]
    for item in advice:
        index = names.index(item.plan)
        st.info(escape_markdown(item.sentence), icon=":material/handshake:")
        section = st.expander(
            escape_markdown(f"Cost of every level: {item.plan}"),
            key=f"{key_prefix}commitment_section_{index}",
            on_change="rerun",
        )
        if section.open:
            with section:
                show_chart_view(
                    commitment_view(item, scenario.currency),
                    key=f"{key_prefix}commitment_{index}",
                    table_in_expander=False,
                )
