"""Budget: what to request per fiscal year and quarter, split by program and funding source, the
most it could cost, its contract years, when switching pays back, and how sure the figures are.

The settings on this page are the scenario's ``budget`` field, so they travel in the scenario file
and the share link. Every number comes from :mod:`calculator.budget`; this page only asks and shows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app import state
from app.binding import Problems, number_column, show_problems, try_set
from app.components.chart_view import show_chart_view
from app.components.currency import KEY as CURRENCY_KEY
from app.components.currency import SEEDED as CURRENCY_SEEDED
from app.components.currency import currency_selector
from app.components.data_table import show_data_table, show_static_table
from app.components.downloads import show_report_downloads
from app.components.markdown import escape_markdown
from app.components.notices import show_warnings
from app.components.refused_entry import show_refused_notice
from app.components.seed import seed_widgets, settle_or_rerun
from app.fields import BUDGET_FISCAL, BUDGET_UNCERTAINTY
from app.report_parts import budget_of, estimates_of
from app.scenario_cache import cached, comparison_of
from app.views import budget as budget_charts
from app.views.calculator import cumulative_savings_view
from app.views.fiscal_quarters import (
    fiscal_quarter_summary,
    fiscal_quarter_table,
    fiscal_quarters_note,
)
from calculator import (
    Comparison,
    Scenario,
    format_money,
    format_percent,
    to_cents,
)
from calculator.budget import (
    TABLE_COLUMNS,
    Budget,
    BudgetInputError,
    BudgetSettings,
    MonthlyShares,
    Program,
    example_programs,
    monthly_shares_from_rows,
    monthly_shares_from_text,
    monthly_shares_to_rows,
    monthly_shares_to_text,
    programs_from_rows,
    programs_from_text,
    programs_to_rows,
    programs_to_text,
    replace_monthly_shares,
)

LABELS = {"budget": "", **BUDGET_FISCAL.labels(), **BUDGET_UNCERTAINTY.labels()}
"""How problems with the budget settings name their fields (the settings are the scenario's)."""
APPROPRIATION_LABEL = next(
    item.label for item in BUDGET_FISCAL.fields if item.name == "appropriation"
)


NOT_APPLIED = "Not applied: the figures on this page still use the settings before this change."
"""Said first in the error box of refused settings, whose box keeps what was typed while the
figures do not; inside the box, a screen reader announces it with the problems."""


def apply(settings: dict[str, Any] | BudgetSettings, *, rerun: bool = True) -> Scenario | None:
    """Validate new budget settings and make them current, or show why not; the scenario when
    they were valid. A change reruns the page unless ``rerun`` is false."""
    # Copies made with model_copy skip validation; validating their data checks every rule.
    data = settings.model_dump() if isinstance(settings, BudgetSettings) else settings
    result = try_set({**state.get_scenario().model_dump(), "budget": data}, LABELS, rerun=rerun)
    if isinstance(result, Problems):
        show_problems(result, intro=NOT_APPLIED)
        return None
    return result


_FISCAL_SEEDED = "budget__fiscal_seeded"


def fiscal_inputs(settings: BudgetSettings) -> None:
    """Fiscal-year start month, the discount rate and the appropriation.

    Only the currency choice is drawn before them, so a valid change is applied in the same
    run: the rest of the page is drawn from the new scenario, and the page runs again only when
    an input drawn so far must show something other than what it shows.
    """
    seed_widgets(
        _FISCAL_SEEDED,
        lambda: BUDGET_FISCAL.widget_values(settings),
        BUDGET_FISCAL.widget_keys(),
    )
    changed = BUDGET_FISCAL.show(st.columns(3))
    if changed == BUDGET_FISCAL.data(settings):
        return
    scenario = apply({**settings.model_dump(), **changed}, rerun=False)
    if scenario is None or scenario.budget == settings:
        return
    if settings.appropriation is not None and scenario.budget.appropriation is None:
        st.session_state[_APPROPRIATION_EMPTIED] = (state.revision(), settings.appropriation)
    settle_or_rerun(
        (_FISCAL_SEEDED, BUDGET_FISCAL.widget_values(scenario.budget)),
        (CURRENCY_SEEDED, {CURRENCY_KEY: scenario.currency}),
    )


_APPROPRIATION_EMPTIED = "budget__appropriation_emptied"
"""The appropriation an emptied box removed, with the scenario revision that removed it."""


def emptied_appropriation_notice(settings: BudgetSettings, currency: str) -> None:
    """Say so when the appropriation box was emptied, with the appropriation it removed and a
    button that restores it, until the scenario changes again.

    A number input whose text the browser cannot read as a finite number (``1e400``, ``1e``)
    sends no value at all, exactly as an emptied box does, so the page cannot tell an
    appropriation typed too large from one deliberately removed: it says both.
    """
    revision, previous = st.session_state.get(_APPROPRIATION_EMPTIED, (None, None))
    if revision != state.revision() or settings.appropriation is not None:
        return
    amount = format_money(to_cents(previous), currency)
    st.warning(
        escape_markdown(
            f"{APPROPRIATION_LABEL}: the box is empty, so the appropriation of {amount} no "
            "longer applies. If you typed an amount, it could not be read (too large, or not a "
            f"number): type it again, or restore {amount}."
        ),
        icon=":material/warning:",
    )
    if st.button(escape_markdown(f"Restore {amount}"), key="budget_restore_appropriation"):
        st.session_state.pop(_APPROPRIATION_EMPTIED)
        apply(settings.model_copy(update={"appropriation": previous}))


_SPLIT_REMOVED = "budget__split_removed"
"""The notice that new programs removed the month-by-month split, shown on the run after."""


def use_programs(settings: BudgetSettings, programs: list[Program]) -> None:
    """Make ``programs`` current; when that removes the month-by-month split, say so once on
    the run that follows, since the change itself reruns the page."""
    changed = settings.with_programs(programs)
    if settings.monthly_shares and not changed.monthly_shares:
        before = ", ".join(program.name for program in settings.programs)
        after = ", ".join(program.name for program in programs)
        st.session_state[_SPLIT_REMOVED] = (
            f"The month-by-month split was removed: it named the programs {before}, and the "
            f'programs are now {after}. Turn on "Split the workforce month by month" to enter '
            "it again."
        )
    if apply(changed) is None:  # refused: nothing was removed
        st.session_state.pop(_SPLIT_REMOVED, None)


def program_inputs(settings: BudgetSettings) -> None:
    """Programs and their funding: a table, or the same as text for keyboard and screen reader."""
    table, text = st.tabs(
        ["Table", "Text (keyboard and screen reader friendly)"], key="budget_programs_tabs"
    )
    with table:
        edited = st.data_editor(
            pd.DataFrame(programs_to_rows(settings.programs), columns=list(TABLE_COLUMNS)),
            key=f"budget_programs_table_{state.revision()}",
            hide_index=True,
            num_rows="dynamic",
            width="stretch",
            placeholder="",  # a program's later rows leave its workforce empty, not "None"
            column_config={
                "Program": st.column_config.TextColumn("Program", max_chars=60),
                # Percentages as typed: a value past 0-100 is refused by name, not clamped.
                "Workforce %": number_column(
                    "Workforce %",
                    required=False,
                    whole=False,
                    help=budget_charts.WORKFORCE_HELP,
                ),
                "Funding source": st.column_config.TextColumn("Funding source", max_chars=60),
                "Funding %": number_column("Funding %", required=False, whole=False),
            },
        )
        try:
            programs = programs_from_rows(edited.to_dict("records"))
        except BudgetInputError as exc:
            show_problems(exc.problems)
        else:
            if programs != settings.programs:
                use_programs(settings, programs)
    with text:
        seed_widgets(
            "budget__programs_text_seeded",
            lambda: {"budget_programs_text": programs_to_text(settings.programs)},
            ["budget_programs_text"],
        )
        with st.form("budget_programs_form", border=True):
            typed = st.text_area(
                "Programs, one a line: Program | workforce % | Source = % | Source = %",
                height=140,
                key="budget_programs_text",
            )
            submitted = st.form_submit_button("Use these programs", icon=":material/check:")
        if submitted:
            try:
                programs = programs_from_text(typed)
            except BudgetInputError as exc:
                show_problems(exc.problems)
            else:
                use_programs(settings, programs)
    if st.button(
        "Use the illustrative state-agency programs",
        key="budget_example_programs",
        help="Medicaid 40 % (75 % federal), SNAP 40 % (50 % federal), unemployment insurance "
        "20 % (federal); illustrative, check your current match rates.",
    ):
        use_programs(settings, example_programs())
    # Below the programs, where they were just changed, and above the split's switch.
    removed = st.session_state.pop(_SPLIT_REMOVED, None)
    if removed:
        st.warning(escape_markdown(removed), icon=":material/warning:")


def monthly_inputs(scenario: Scenario) -> None:
    """An optional month-by-month workforce split, as a table or as CSV text."""
    settings = scenario.budget
    vary = st.toggle(
        "Split the workforce month by month",
        value=bool(settings.monthly_shares),
        key=f"budget_vary_monthly_{state.revision()}",
    )
    if not vary:
        if settings.monthly_shares:
            apply(settings.model_copy(update={"monthly_shares": []}))
        return
    programs = settings.programs
    table, text = st.tabs(
        ["Table", "CSV text (keyboard and screen reader friendly)"], key="budget_monthly_tabs"
    )
    with table:
        rows = monthly_shares_to_rows(scenario.months, programs, settings.monthly_shares)
        edited = st.data_editor(
            pd.DataFrame(rows),
            key=f"budget_monthly_table_{state.revision()}",
            hide_index=True,
            num_rows="fixed",
            width="stretch",
            column_config={
                "Month": st.column_config.TextColumn("Month", disabled=True),
                **{
                    program.name: number_column(f"{program.name} %", required=True, whole=False)
                    for program in programs
                },
            },
        )
        try:
            monthly = monthly_shares_from_rows(edited.to_dict("records"), programs, scenario.months)
        except BudgetInputError as exc:
            show_problems(exc.problems)
        else:
            # Compare with the table as shown, so merely viewing it changes nothing.
            if monthly != monthly_shares_from_rows(rows, programs, scenario.months):
                apply_monthly(scenario, monthly)
    with text:
        seed_widgets(
            "budget__monthly_text_seeded",
            lambda: {
                "budget_monthly_text": monthly_shares_to_text(
                    scenario.months, programs, settings.monthly_shares
                )
            },
            ["budget_monthly_text"],
        )
        with st.form("budget_monthly_form", border=True):
            typed = st.text_area(
                "Month, then each program's percentage of the workforce that month",
                height=200,
                key="budget_monthly_text",
            )
            submitted = st.form_submit_button("Use this split", icon=":material/check:")
        if submitted:
            try:
                monthly = monthly_shares_from_text(typed, programs, scenario.months)
            except BudgetInputError as exc:
                show_problems(exc.problems)
            else:
                apply_monthly(scenario, monthly)


def apply_monthly(scenario: Scenario, edited: list[MonthlyShares]) -> None:
    """Make ``edited`` the split of the scenario's months, keeping any saved for other months."""
    settings = scenario.budget
    monthly = replace_monthly_shares(settings.monthly_shares, edited, scenario.months)
    apply(settings.model_copy(update={"monthly_shares": monthly}))


def uncertainty_inputs(settings: BudgetSettings) -> None:
    """Ranges of the Monte Carlo estimate, its draws and seed, and the tornado's step."""
    seed_widgets(
        "budget__uncertainty_seeded",
        lambda: BUDGET_UNCERTAINTY.widget_values(settings),
        BUDGET_UNCERTAINTY.widget_keys(),
    )
    # Each range's lowest and highest change side by side, then draws, seed and the step.
    changed = BUDGET_UNCERTAINTY.show([*st.columns(2), *st.columns(3)])
    if changed != BUDGET_UNCERTAINTY.data(settings):
        data = settings.model_dump()
        apply({**data, **changed, "uncertainty": {**data["uncertainty"], **changed["uncertainty"]}})


def returns_section(budget: Budget, comparison: Comparison) -> None:
    """Payback month, ROI and NPV of switching to each alternative."""
    currency = budget.scenario.currency
    rate = format_percent(budget.settings.discount_rate, 2)
    for result in budget.returns.values():
        plan = escape_markdown(result.plan)  # a metric's label is Markdown
        cols = st.columns(4)
        cols[0].metric(
            f"Pays back in: {plan}",
            result.payback_label or "not in the period",
            help="The first month from which savings so far, one-time costs included, stay at "
            "or above zero to the end of the period.",
        )
        cols[1].metric(
            f"ROI: {plan}",
            format_percent(result.roi),
            help="Net savings over the period divided by the plan's one-time cost; n/a without "
            "a one-time cost.",
        )
        cols[2].metric(
            f"NPV: {plan}",
            format_money(result.npv_cents, currency),
            help=f"Monthly net savings discounted at {rate} a year (its monthly equivalent); "
            "the first month is not discounted.",
        )
        cols[3].metric(f"Net savings: {plan}", format_money(result.net_savings_cents, currency))
    returns = cached(comparison, "returns_table", lambda: budget_charts.returns_table(budget))
    show_data_table(returns)
    savings = cached(comparison, "savings", lambda: cumulative_savings_view(comparison))
    show_chart_view(savings, key="budget_cumulative")


st.title("Budget")
show_refused_notice()
st.write(
    "What to request for each fiscal year and quarter, split by program and funding source; the "
    "most each plan could cost under its contract; its cost in the base year and each option "
    "year; when switching pays back; and how sure the figures are. "
    "Defaults are illustrative."
)
with st.expander(
    "Budget settings", expanded=False, icon=":material/tune:", key="budget_settings_section"
):
    # Each part sits in a container of its own: a message that comes or goes in one part (a
    # refused value, an emptied appropriation) leaves the parts after it in place, so the
    # browser keeps them, and the keyboard focus in them, instead of drawing them anew.
    st.subheader("Fiscal year and discounting")
    with st.container():
        currency_selector(st.columns(3)[0])
        fiscal_inputs(state.get_scenario().budget)
        emptied_appropriation_notice(state.get_scenario().budget, state.get_scenario().currency)
    # A fiscal change is applied in this run: what follows is drawn from the scenario as it is now.
    st.subheader("Programs and funding sources")
    with st.container():
        program_inputs(state.get_scenario().budget)
    with st.container():
        monthly_inputs(state.get_scenario())
    st.subheader("Uncertainty")
    uncertainty_inputs(state.get_scenario().budget)

scenario = state.get_scenario()
comparison = comparison_of(scenario)
budget = budget_of(comparison)
for note in budget.notes:
    st.info(note, icon=":material/info:")

st.header("Fiscal years: planned and not to exceed")
st.caption(
    "Not to exceed: the most each plan could cost under its contract if every provisioned account "
    "logged in every month (active users), all at once (concurrent, unless seats are capped) and "
    "around the clock (logged-in hours). Commitments, minimums, escalators and one-time costs "
    "apply as planned."
)
show_chart_view(
    cached(comparison, "fiscal", lambda: budget_charts.fiscal_year_view(budget)),
    key="budget_fiscal",
)
show_warnings((budget.overrun_flags(), ":material/warning:"))

with st.container(key="budget_fiscal_quarters"):
    st.header("Fiscal quarters: the spend plan")
    st.caption(fiscal_quarters_note(budget))
    summary = cached(comparison, "quarter_summary", lambda: fiscal_quarter_summary(budget))
    st.write(escape_markdown(summary))  # plan names are the user's text
    show_data_table(cached(comparison, "quarters", lambda: fiscal_quarter_table(budget)))

with st.container(key="budget_contract_years"):
    st.header("Contract years: base and option periods")
    st.caption(budget_charts.CONTRACT_YEARS_NOTE)
    summary = cached(
        comparison, "contract_summary", lambda: budget_charts.contract_year_summary(budget)
    )
    st.write(escape_markdown(summary))  # plan names are the user's text
    # Static: its eight columns fit the page with their headers wrapped, and a partial year's
    # label wraps too, where a data grid needed a sideways scroll at 1366 px and cuts text.
    show_static_table(
        cached(comparison, "contract_years", lambda: budget_charts.contract_year_table(budget)),
        key="budget_contract_years_table",
        unbroken=("Months",),  # "2027-01 to 2027-12" on one line
    )

if budget.returns:
    st.header("Switching: payback, ROI and NPV")
    returns_section(budget, comparison)

st.header("By program and funding source")
plans = [plan.name for plan in scenario.plans]
default = plans.index(comparison.alternatives[0]) if comparison.alternatives else 0
funded = st.selectbox("Plan", plans, index=default, key="budget_funding_plan")
show_chart_view(
    cached(comparison, ("program", funded), lambda: budget_charts.program_view(budget, funded)),
    key="budget_program",
)
show_chart_view(
    cached(comparison, ("funding", funded), lambda: budget_charts.funding_view(budget, funded)),
    key="budget_funding",
)

st.header("How sure: ranges (estimate)")
simulation, tornados = estimates_of(comparison)
st.caption(
    f"Estimate: {simulation.draws:,} random draws (seed {simulation.seed}). Each draw scales "
    "active users, peak concurrency and each alternative plan's rates by one value from their "
    "ranges for the whole period. P10: 1 draw in 10 comes out lower; P90: 1 in 10 higher."
)
measure = st.radio(
    "Show",
    ["cost", "savings"] if comparison.alternatives else ["cost"],
    horizontal=True,
    format_func=str.capitalize,
    key="budget_measure",
)
show_chart_view(
    cached(
        comparison,
        ("uncertainty", measure),
        lambda: budget_charts.uncertainty_view(simulation, budget, measure),
    ),
    key="budget_uncertainty",
)
if tornados:
    st.subheader("What moves the savings most")
    chosen = st.selectbox("Plan", list(tornados), key="budget_tornado_plan")
    show_chart_view(
        cached(
            comparison,
            ("tornado", chosen),
            lambda: budget_charts.tornado_view(tornados[chosen], scenario.currency),
        ),
        key="budget_tornado",
    )

show_report_downloads(comparison, key="budget_reports")
