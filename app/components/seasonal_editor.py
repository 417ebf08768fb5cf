"""Seasonal plan: the period, the staffing curve (preset, generator or month by month), the plans.

Every edit is validated as a whole :class:`calculator.Scenario`; a rejected edit shows one message
per problem next to the inputs that caused it and leaves the current scenario (and the rest of the
user's work) as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import count
from typing import Any

import pandas as pd
import streamlit as st

from app import state
from app.binding import (
    Field,
    Kind,
    Problems,
    description,
    number_column,
    show_problems,
    try_set,
    validate,
)
from app.components.contract_terms import contract_terms, plan_version
from app.components.download_button import download_button
from app.components.markdown import escape_markdown
from app.components.refused_entry import refused_values
from app.components.seed import seed_widgets, settle_or_rerun
from app.contract_fields import EMPTIED_HINT, emptied_terms, rate_with_bands
from app.contract_fields import LABELS as TERM_LABELS
from app.fields import (
    CURVE,
    HORIZON,
    NEW_PLAN,
    NEW_PLAN_TERMS,
    PERIOD,
    PLAN,
    SCENARIO_LABELS,
    STAFFING,
    Horizon,
)
from app.scenario_edit import resize_staffing, rows_from_table, staffing_to_csv
from app.staffing_import import StaffingCsvError, parse_staffing_csv, parse_staffing_file
from app.uploads import file_uploader, refuse_upload, refused_upload, renew_uploader
from calculator import (
    MAX_PLANS,
    PRESETS,
    CountingRule,
    CurveSpec,
    Plan,
    Scenario,
    generate_curve,
    preset_curve,
    quote_value,
)

CURVE_SOURCES = ("Month by month", "Preset", "Generator")
EDIT_METHODS = ("Table", "Number inputs", "CSV or Excel (paste or upload)")
_GENERATOR_SPEC = "seasonal__generator_spec"
LABELS = SCENARIO_LABELS
"""How problems with the seasonal editor's scenario name its fields."""


_REFUSED = "seasonal__refused"  # this run's problems, for the headline


def seasonal_editor() -> Problems | None:
    """The whole seasonal editor; each part writes the scenario when its edit is valid.

    Returns every problem of this run's refused edits (the scenario stays the last valid one),
    or ``None`` when nothing was refused.
    """
    st.session_state[_REFUSED] = ()
    # The first two parts sit in containers of their own: a problem shown or cleared in one
    # leaves what follows in place, so the browser keeps it, and the keyboard focus in it,
    # instead of drawing it anew.
    with st.container():
        period_inputs()
    st.header("Staffing curve")
    with st.container():
        staffing_inputs()
    st.header("Plans")
    plan_inputs()
    refused = st.session_state.pop(_REFUSED, ())
    return Problems(refused) if refused else None


def refuse(problems: Problems) -> None:
    """Show ``problems`` next to the inputs that caused them, and keep them for the headline."""
    show_problems(problems)
    st.session_state[_REFUSED] = (*st.session_state.get(_REFUSED, ()), *problems.lines)


def apply(data: dict[str, Any], *, rerun: bool = True) -> Scenario | Problems:
    """Validate ``data`` as a scenario and make it current, or show why not. A change reruns
    the page unless ``rerun`` is false (the caller then makes sure every input drawn so far
    shows the new scenario)."""
    result = try_set(data, LABELS, rerun=rerun)
    if isinstance(result, Problems):
        refuse(result)
    return result


def _data(scenario: Scenario, **changes: Any) -> dict[str, Any]:
    return {**scenario.model_dump(), **changes}


# --- Period -------------------------------------------------------------------------------


_PERIOD_SEEDED = "seasonal__period_seeded"


def period_values(scenario: Scenario) -> dict[str, Any]:
    """The period inputs' widget values for ``scenario``."""
    return {
        **PERIOD.widget_values(scenario),
        **HORIZON.widget_values(Horizon(months=scenario.horizon)),
    }


def period_keys() -> list[str]:
    """The period inputs' widget keys: name, first month, number of months."""
    return [*PERIOD.widget_keys(), *HORIZON.widget_keys()]


def period_inputs() -> None:
    """Scenario name, first month and number of months.

    They are the editor's first inputs, so a valid change is applied in the same run: what is
    drawn after them is drawn from the new scenario, and the page runs again only when an input
    must show something other than what was typed (a name with spaces around it).
    """
    scenario = state.get_scenario()
    keys = period_keys()
    # What the calculator refused before a visit to another page comes back as typed.
    seed_widgets(_PERIOD_SEEDED, lambda: {**period_values(scenario), **refused_values(keys)}, keys)
    cols = st.columns(3)
    period = PERIOD.show(cols)
    horizon = validate(Horizon, HORIZON.show(cols), HORIZON.labels())
    if isinstance(horizon, Problems):
        refuse(horizon)
        return
    if period == PERIOD.data(scenario) and horizon.months == scenario.horizon:
        return
    staffing = resize_staffing(scenario.staffing, horizon.months)
    data = _data(scenario, **period, staffing=[month.model_dump() for month in staffing])
    result = apply(data, rerun=False)
    if isinstance(result, Scenario) and result != scenario:
        settle_or_rerun((_PERIOD_SEEDED, period_values(result)))


# --- Staffing -------------------------------------------------------------------------------


def staffing_inputs() -> None:
    """Choose how to build the curve, then build or edit it."""
    source = st.radio(
        "Build the curve",
        CURVE_SOURCES,
        horizontal=True,
        key="seasonal_curve_source",
    )
    if source == "Preset":
        preset_inputs()
    elif source == "Generator":
        generator_inputs()
    else:
        method = st.radio(
            "Edit the months with",
            EDIT_METHODS,
            horizontal=True,
            key="seasonal_edit_method",
            help="The table needs a mouse or touch; number inputs and CSV work with a keyboard "
            "and screen readers.",
        )
        if method == "Table":
            staffing_table()
        elif method == "Number inputs":
            staffing_number_inputs()
        else:
            staffing_csv_inputs()
    scenario = state.get_scenario()
    download_button(
        st,
        "Download the staffing as CSV",
        lambda: staffing_to_csv(scenario.start_month, scenario.staffing),
        "staffing.csv",
        "text/csv",
        "seasonal_staffing_download",
        width="content",
    )


def preset_inputs() -> None:
    """Replace the curve with a seasonal preset over the current period."""
    with st.form("seasonal_preset_form", border=True):
        name = st.selectbox(
            "Preset",
            list(PRESETS),
            format_func=lambda key: PRESETS[key][0],
            key="seasonal_preset",
        )
        st.caption("Presets are illustrative staffing patterns; adjust them month by month.")
        used = st.form_submit_button("Use this preset", icon=":material/check:")
    if used:
        scenario = state.get_scenario()
        staffing = preset_curve(name, scenario.start_month, scenario.horizon)
        apply(_data(scenario, staffing=[month.model_dump() for month in staffing]))


def generator_inputs() -> CurveSpec | Problems | None:
    """Build the curve from workforce facts (all defaults are illustrative); returns the facts
    used, the problems with them, or ``None`` until the button is pressed."""
    spec = st.session_state.get(_GENERATOR_SPEC, CurveSpec())
    if any(key not in st.session_state for key in CURVE.widget_keys()):
        for key, value in CURVE.widget_values(spec).items():
            st.session_state[key] = value
    with st.form("seasonal_generator_form", border=True):
        entered = CURVE.show(st.columns(3))
        st.caption("All generator defaults are illustrative.")
        built = st.form_submit_button("Build the curve", icon=":material/auto_graph:")
    if not built:
        return None
    spec = validate(CurveSpec, entered, CURVE.labels())
    if isinstance(spec, Problems):
        refuse(spec)
        return spec
    st.session_state[_GENERATOR_SPEC] = spec
    scenario = state.get_scenario()
    staffing = generate_curve(spec, scenario.start_month, scenario.horizon)
    apply(_data(scenario, staffing=[month.model_dump() for month in staffing]))
    return spec


def staffing_frame(scenario: Scenario) -> pd.DataFrame:
    """The curve as the editable table: month, then one column per staffing field."""
    return pd.DataFrame(
        {
            "month": scenario.months,
            **{
                item.name: [item.to_widget(getattr(m, item.name)) for m in scenario.staffing]
                for item in STAFFING.fields
            },
        }
    )


def _staffing_column(item: Field) -> Any:
    """A column of the staffing table, numbers taken as typed (see :func:`number_column`)."""
    whole = item.kind is Kind.WHOLE
    return number_column(
        item.label, required=not item.optional, whole=whole, help=_help(item) if whole else None
    )


def _help(item: Field) -> str:
    return f"{description(STAFFING.model, item.name) or item.label}. Whole numbers only."


def table_key() -> str:
    """The editable table's widget key; it changes with the scenario so edits start afresh."""
    return f"seasonal_staffing_table_{state.revision()}"


def staffing_table() -> None:
    """Edit the months in a spreadsheet-like table."""
    scenario = state.get_scenario()
    edited = st.data_editor(
        staffing_frame(scenario),
        key=table_key(),
        hide_index=True,
        num_rows="fixed",
        width="stretch",
        placeholder="",  # months without logged-in hours stay blank, not "None"
        alt="Staffing per month (editable)",
        column_config={
            "month": st.column_config.TextColumn("Month", disabled=True),
            **{item.name: _staffing_column(item) for item in STAFFING.fields},
        },
    )
    rows = rows_from_table(edited.to_dict("records"))
    if rows != [month.model_dump() for month in scenario.staffing]:
        apply(_data(scenario, staffing=rows))


def staffing_number_inputs() -> None:
    """Edit the months with one row of number inputs each, applied together."""
    scenario = state.get_scenario()
    suffixes = [f"_{index}" for index in range(scenario.horizon)]
    seed_widgets(
        "seasonal__months_seeded",
        lambda: {
            key: value
            for suffix, month in zip(suffixes, scenario.staffing, strict=True)
            for key, value in STAFFING.widget_values(month, suffix).items()
        },
        [key for suffix in suffixes for key in STAFFING.widget_keys(suffix)],
    )
    rows = []
    with st.form("seasonal_months_form", border=True):
        for index, (suffix, label) in enumerate(zip(suffixes, scenario.months, strict=True)):
            cols = st.columns([1, 2, 2, 2, 2], vertical_alignment="bottom")
            cols[0].markdown(f"**{label}**")
            # Help on the first month only: each help button is a tab stop (44 more for 12 months).
            rows.append(
                STAFFING.show(cols[1:], suffix, label_suffix=f", {label}", with_help=index == 0)
            )
        submitted = st.form_submit_button("Apply these months", icon=":material/check:")
    if submitted:
        apply(_data(scenario, staffing=rows))


_CSV_FILE = "seasonal_csv_file"


def staffing_csv_inputs() -> None:
    """Paste or upload the months as CSV (a header, then one row per month)."""
    scenario = state.get_scenario()
    seed_widgets(
        "seasonal__csv_seeded",
        lambda: {"seasonal_csv_text": staffing_to_csv(scenario.start_month, scenario.staffing)},
        ["seasonal_csv_text"],
    )
    with st.form("seasonal_csv_form", border=True):
        text = st.text_area(
            "Staffing as CSV",
            height=200,
            key="seasonal_csv_text",
            help="Columns: month (optional: 2027-01, Jan 2027, Jan-27 or a date in the "
            "month), provisioned, active, peak_concurrent, logged_in_hours (optional). One row "
            "per month, at most 60. A spreadsheet saved as CSV reads as saved: headers such as "
            "Peak Concurrent, 1,200 or 100.0 for whole numbers, a decimal comma for hours, "
            "title rows above the header.",
        )
        upload = file_uploader(
            "Or upload a CSV file or a workbook",
            key=_CSV_FILE,
            type=["csv", "txt", "xlsx", "xlsm", "xls", "ods"],
            max_upload_size=1,
            help="A workbook is read from the sheets whose header has provisioned, active and "
            "peak_concurrent, such as the Inputs sheet of this app's Excel download: edit the "
            "months there and upload the file.",
        )
        submitted = st.form_submit_button("Use these months", icon=":material/check:")
    refused = refused_upload(_CSV_FILE)
    if refused is not None:
        refuse(refused)
    if not submitted:
        return
    if upload:
        # Used once: whatever comes of it, the next run draws a new uploader, so the same
        # file, fixed, can be picked again.
        renew_uploader(_CSV_FILE)
    try:
        first_month, rows = (
            parse_staffing_file(upload.getvalue(), upload.name)
            if upload
            else parse_staffing_csv(text)
        )
    except StaffingCsvError as exc:
        result: Scenario | Problems = Problems(tuple(exc.problems))
    else:
        start = first_month or scenario.start_month
        result = try_set(_data(scenario, start_month=start, staffing=rows), LABELS)
    if isinstance(result, Problems):
        if upload:
            refuse_upload(_CSV_FILE, result)  # said in the new uploader's run
        refuse(result)


# --- Plans ----------------------------------------------------------------------------------


def _plan_data(scenario: Scenario, index: int, plan: dict[str, Any] | None) -> dict[str, Any]:
    """The scenario's data with plan ``index`` replaced by ``plan`` (removed when ``None``); the
    baseline follows its plan's new name, or moves to the first plan when its plan is removed."""
    old = scenario.plans[index]
    plans = [p.model_dump() for p in scenario.plans]
    if plan is None:
        del plans[index]
        baseline = plans[0]["name"] if old.name == scenario.baseline else scenario.baseline
    else:
        plans[index] = plan
        baseline = plan["name"] if old.name == scenario.baseline else scenario.baseline
    return _data(scenario, plans=plans, baseline=baseline)


def plan_inputs() -> None:
    """Today's plan, then one form per plan, and buttons to add or remove plans."""
    scenario = state.get_scenario()

    seed_widgets(
        "seasonal__plans_seeded",
        lambda: {"seasonal_baseline": scenario.baseline},
        ["seasonal_baseline"],
    )
    # Each plan's form is refilled only when that plan changes, so a value typed in it and not
    # yet saved stays while the months or another plan change.
    for index, plan in enumerate(scenario.plans):
        seed_widgets(
            f"seasonal__plan_{index}_seeded",
            lambda plan=plan, suffix=f"_{index}": PLAN.widget_values(plan, suffix),
            PLAN.widget_keys(f"_{index}"),
            plan_version(plan),
        )
    # After a removal, each section opens or closes as its plan's did: by index they would shift.
    for index, is_open in enumerate(st.session_state.pop(SECTIONS_AFTER_REMOVAL, [])):
        st.session_state[plan_open_key(index)] = is_open
    names = [plan.name for plan in scenario.plans]
    baseline = st.selectbox(
        "Plan you pay for today (the baseline)",
        names,
        key="seasonal_baseline",
        help="Savings are measured against this plan.",
    )
    if baseline != scenario.baseline:
        apply(_data(scenario, baseline=baseline))
    for index, plan in enumerate(scenario.plans):
        title = f"{plan.name} ({plan.rule.label.lower()})" + (
            ", today's plan" if plan.name == scenario.baseline else ""
        )
        saved = removed = None
        # Drawn only while open: a plan's form and contract terms are most of the editor's
        # widgets, and every widget drawn costs every run (opening one reruns the page).
        box = st.expander(escape_markdown(title), key=plan_open_key(index), on_change="rerun")
        if box.open:
            with box:
                saved = plan_form(index, plan, scenario.months)
                if isinstance(saved, Problems):
                    refuse(saved)
                emptied_notice(index, plan)
                removed = st.button(
                    "Remove this plan",
                    key=f"seasonal_plan_{index}_remove",
                    icon=":material/delete:",
                    disabled=len(scenario.plans) == 1,
                )
        if isinstance(saved, Plan):
            if emptied := emptied_terms(plan, saved):
                st.session_state[emptied_key(index)] = (plan_version(saved), None, emptied)
            apply(_plan_data(scenario, index, saved.model_dump()))
        if removed:
            # Read before the sections below are drawn: this run sets none of theirs.
            st.session_state[SECTIONS_AFTER_REMOVAL] = [
                bool(st.session_state.get(plan_open_key(other)))
                for other in range(len(scenario.plans))
                if other != index
            ]
            apply(_plan_data(scenario, index, None))
    add_plan_inputs(scenario)


def emptied_key(index: int) -> str:
    """Session key of the optional boxes plan ``index``'s last save emptied: (the saved plan's
    version, the scenario revision it is shown in, the words)."""
    return f"seasonal__plan_{index}_emptied"


def emptied_notice(index: int, plan: Plan) -> None:
    """Say which optional boxes the last save of plan ``index`` emptied, and what that means,
    until the scenario changes again: a number the browser cannot hold arrives as an empty box,
    so an emptied box may not be what was meant, and forms allow no callback to tell."""
    key = emptied_key(index)
    entry = st.session_state.get(key)
    if entry is None:
        return
    version, revision, emptied = entry
    if version != plan_version(plan) or revision not in (None, state.revision()):
        del st.session_state[key]
        return
    st.session_state[key] = (version, state.revision(), emptied)
    lines = "\n".join(f"- {escape_markdown(text)}" for text in emptied)
    st.warning(
        f"Saved, with a box now empty:\n{lines}\n\n{escape_markdown(EMPTIED_HINT)}",
        icon=":material/warning:",
    )


SECTIONS_AFTER_REMOVAL = "seasonal__sections_after_removal"
"""Session key: whether each plan's section is open once a plan is removed, in the new order."""


def plan_open_key(index: int) -> str:
    """The session key of whether plan ``index``'s section is open (its form is drawn)."""
    return f"seasonal_plan_{index}_open"


ADD_PLAN = "Add a plan"


def add_plan_inputs(scenario: Scenario) -> None:
    """Ask for the new plan's name, counting rule and rate; add it only when confirmed."""
    if len(scenario.plans) >= MAX_PLANS:
        st.caption(f"A scenario compares at most {MAX_PLANS} plans; remove one to add another.")
        return
    taken = {plan.name for plan in scenario.plans}
    if any(key not in st.session_state for key in NEW_PLAN.widget_keys()):
        name = next(f"Plan {n}" for n in count(len(taken) + 1) if f"Plan {n}" not in taken)
        st.session_state.update(
            NEW_PLAN.widget_values(Plan(name=name, rule=CountingRule.ACTIVE_USER, rate=Decimal(0)))
        )
        st.session_state[NEW_PLAN.key("rate")] = None
    with (
        st.expander(ADD_PLAN, icon=":material/add:", key="seasonal_add_plan_section"),
        st.form("seasonal_new_plan_form", border=False),
    ):
        entered = NEW_PLAN.show(st.columns(3))
        st.caption("Nothing is added until you confirm; set contract terms once it is added.")
        confirmed = st.form_submit_button("Add this plan", icon=":material/check:")
    if not confirmed:
        return
    if entered["rate"] is None:
        refuse(Problems(("rate: type the new plan's rate before adding it",)))
        return
    if entered["name"] in taken:
        refuse(
            Problems((f"plan name: '{entered['name']}' is taken; give the new plan its own name",))
        )
        return
    new = validate(Plan, {**NEW_PLAN_TERMS.get(entered["rule"], {}), **entered}, PLAN.labels())
    if isinstance(new, Problems):
        refuse(new)
        return
    for key in NEW_PLAN.widget_keys():  # the next plan asks afresh
        del st.session_state[key]
    apply(_data(scenario, plans=[*(p.model_dump() for p in scenario.plans), new.model_dump()]))


def plan_form(index: int, plan: Plan, months: Sequence[str] = ()) -> Plan | Problems | None:
    """The form of plan ``index`` (now ``plan``): the plan as entered when saved, the problems
    with it (each naming the plan), or ``None`` while not saved. Its contract terms (rate bands,
    true-up, one-time months, extra lines) are edited in the same form; ``months`` are the
    scenario's month labels. Rules between plans and months are checked with the scenario."""
    with st.form(f"seasonal_plan_{index}_form", border=False):
        entered = {**PLAN.kept(plan), **PLAN.show(st.columns(3), f"_{index}")}
        entered |= contract_terms(index, plan, months, entered["rate"])
        entered["rate"], entered["tiers"] = rate_with_bands(entered["rate"], plan, entered["tiers"])
        # A form sends nothing until saved: say so, or an edit left unsaved is lost unnoticed.
        st.caption("Changes to this plan take effect when you save it.")
        saved = st.form_submit_button("Save this plan", icon=":material/save:")
    if not saved:
        return None
    result = validate(Plan, entered, TERM_LABELS)
    if isinstance(result, Problems):
        return Problems(tuple(f"plan {quote_value(plan.name)}: {line}" for line in result.lines))
    return result
