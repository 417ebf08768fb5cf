"""Seasonal plan: the period, the staffing curve (preset, generator or month by month), the plans.

Every edit is validated as a whole :class:`calculator.Scenario`; a rejected edit shows one message
per problem next to the inputs that caused it and leaves the current scenario (and the rest of the
user's work) as it was.
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from itertools import count
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from app import state
from app.components.markdown import escape_markdown
from app.components.quick_inputs import rate_from_input
from app.components.seed import seed_widgets
from app.scenario_edit import (
    StaffingCsvError,
    parse_staffing_csv,
    resize_staffing,
    rows_from_table,
    staffing_to_csv,
)
from calculator import (
    MAX_MONTHS,
    MAX_PLANS,
    PRESETS,
    CountingRule,
    CurveSpec,
    Plan,
    Scenario,
    ShiftPattern,
    describe_validation_error,
    generate_curve,
    preset_curve,
)

CURVE_SOURCES = ("Month by month", "Preset", "Generator")
EDIT_METHODS = ("Table", "Number inputs", "CSV (paste or upload)")
_SHIFT_LABELS = {
    ShiftPattern.ONE_SHIFT: "One shift",
    ShiftPattern.TWO_SHIFTS: "Two shifts",
    ShiftPattern.TWENTY_FOUR_SEVEN: "Around the clock (24x7)",
}
_MONTH_NAMES = list(calendar.month_name)[1:]
_GENERATOR_SPEC = "seasonal__generator_spec"


def seasonal_editor() -> None:
    """The whole seasonal editor; each part writes the scenario when its edit is valid."""
    period_inputs()
    st.subheader("Staffing curve")
    staffing_inputs()
    st.subheader("Plans")
    plan_inputs()


def apply(data: dict[str, Any]) -> None:
    """Validate ``data`` as a scenario and make it current, or show why not.

    A change reruns the page at once, so every input is refilled from the new scenario before
    the user's next edit arrives (an input refilled later would overwrite that edit).
    """
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        show_problems(describe_validation_error(exc, data))
        return
    if scenario != state.get_scenario():
        state.set_scenario(scenario)
        st.rerun()


def show_problems(lines: list[str]) -> None:
    """One error box listing every problem, so nothing scrolls away."""
    st.error("\n".join(f"- {escape_markdown(line)}" for line in lines), icon=":material/error:")


def _data(scenario: Scenario, **changes: Any) -> dict[str, Any]:
    return {**scenario.model_dump(), **changes}


# --- Period -------------------------------------------------------------------------------


def period_inputs() -> None:
    """Scenario name, first month and number of months."""
    scenario = state.get_scenario()
    seed_widgets(
        "seasonal__period_seeded",
        lambda: {
            "seasonal_name": scenario.name,
            "seasonal_start_month": scenario.start_month,
            "seasonal_horizon": scenario.horizon,
        },
        ["seasonal_name", "seasonal_start_month", "seasonal_horizon"],
    )
    cols = st.columns(3)
    name = cols[0].text_input("Scenario name", max_chars=60, key="seasonal_name")
    start = cols[1].text_input(
        "First month (YYYY-MM)",
        max_chars=7,
        key="seasonal_start_month",
        help="The first billing month, e.g. 2027-07 for a fiscal year starting in July.",
    )
    horizon = cols[2].number_input(
        "Number of months",
        min_value=1,
        max_value=MAX_MONTHS,
        step=1,
        key="seasonal_horizon",
        help="Extending the plan repeats the last month; shortening it drops months at the end.",
    )
    if (name, start, horizon) == (scenario.name, scenario.start_month, scenario.horizon):
        return
    staffing = resize_staffing(scenario.staffing, int(horizon))
    apply(
        _data(
            scenario,
            name=name,
            start_month=start.strip(),
            staffing=[month.model_dump() for month in staffing],
        )
    )


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
    st.download_button(
        "Download the staffing as CSV",
        staffing_to_csv(scenario.start_month, scenario.staffing),
        file_name="staffing.csv",
        mime="text/csv",
        key="seasonal_staffing_download",
        icon=":material/download:",
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


def _spec_values(spec: CurveSpec) -> dict[str, Any]:
    return {
        "seasonal_generator_base_staff": spec.base_staff,
        "seasonal_generator_seasonal_staff": spec.seasonal_staff,
        "seasonal_generator_seasonal_months": [_MONTH_NAMES[m - 1] for m in spec.seasonal_months],
        "seasonal_generator_ramp_months": spec.ramp_months,
        "seasonal_generator_part_time_share": spec.part_time_share * 100,
        "seasonal_generator_part_time_months": spec.part_time_months,
        "seasonal_generator_monthly_attrition": spec.monthly_attrition * 100,
        "seasonal_generator_deprovisioning_lag": spec.deprovisioning_lag,
        "seasonal_generator_training_accounts": spec.training_accounts,
        "seasonal_generator_shift_pattern": spec.shift_pattern,
        "seasonal_generator_concurrency_ratio": None
        if spec.concurrency_ratio is None
        else spec.concurrency_ratio * 100,
        "seasonal_generator_hours_per_active_agent": spec.hours_per_active_agent,
    }


def generator_inputs() -> None:
    """Build the curve from workforce facts (all defaults are illustrative)."""
    spec = st.session_state.get(_GENERATOR_SPEC, CurveSpec())
    values = _spec_values(spec)
    if any(key not in st.session_state for key in values):
        for key, value in values.items():
            st.session_state[key] = value
    with st.form("seasonal_generator_form", border=True):
        left, middle, right = st.columns(3)
        base = left.number_input(
            "Year-round agents", min_value=0, step=1, key="seasonal_generator_base_staff"
        )
        seasonal = left.number_input(
            "Seasonal agents", min_value=0, step=1, key="seasonal_generator_seasonal_staff"
        )
        season = left.multiselect(
            "Seasonal months", _MONTH_NAMES, key="seasonal_generator_seasonal_months"
        )
        ramp = left.number_input(
            "Ramp-up months before the season",
            min_value=0,
            max_value=3,
            step=1,
            key="seasonal_generator_ramp_months",
        )
        part_share = middle.number_input(
            "Part-timers, % of year-round agents",
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            key="seasonal_generator_part_time_share",
        )
        part_months = middle.number_input(
            "Months a year each part-timer works",
            min_value=1,
            max_value=12,
            step=1,
            key="seasonal_generator_part_time_months",
        )
        attrition = middle.number_input(
            "Agents leaving each month, %",
            min_value=0.0,
            max_value=50.0,
            step=0.5,
            key="seasonal_generator_monthly_attrition",
        )
        lag = middle.number_input(
            "Months before a leaver's account is removed",
            min_value=0,
            max_value=12,
            step=1,
            key="seasonal_generator_deprovisioning_lag",
        )
        training = right.number_input(
            "Training and test accounts",
            min_value=0,
            step=1,
            key="seasonal_generator_training_accounts",
        )
        shift = right.selectbox(
            "Shift pattern",
            list(ShiftPattern),
            format_func=lambda pattern: _SHIFT_LABELS[pattern],
            key="seasonal_generator_shift_pattern",
        )
        ratio = right.number_input(
            "Peak concurrent as % of active (optional, overrides the shift pattern)",
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            value=None,  # may be left empty
            key="seasonal_generator_concurrency_ratio",
        )
        hours = right.number_input(
            "Logged-in hours per active agent a month",
            min_value=0.0,
            max_value=672.0,
            step=10.0,
            key="seasonal_generator_hours_per_active_agent",
        )
        st.caption("All generator defaults are illustrative.")
        built = st.form_submit_button("Build the curve", icon=":material/auto_graph:")
    if not built:
        return
    raw = {
        "base_staff": int(base),
        "seasonal_staff": int(seasonal),
        "seasonal_months": tuple(_MONTH_NAMES.index(name) + 1 for name in season),
        "ramp_months": int(ramp),
        "part_time_share": part_share / 100,
        "part_time_months": int(part_months),
        "monthly_attrition": attrition / 100,
        "deprovisioning_lag": int(lag),
        "training_accounts": int(training),
        "shift_pattern": shift,
        "concurrency_ratio": None if ratio is None else ratio / 100,
        "hours_per_active_agent": hours,
    }
    try:
        spec = CurveSpec.model_validate(raw)
    except ValidationError as exc:
        show_problems(describe_validation_error(exc, raw))
        return
    st.session_state[_GENERATOR_SPEC] = spec
    scenario = state.get_scenario()
    staffing = generate_curve(spec, scenario.start_month, scenario.horizon)
    apply(_data(scenario, staffing=[month.model_dump() for month in staffing]))


def staffing_frame(scenario: Scenario) -> pd.DataFrame:
    """The curve as the editable table: month, then the four staffing columns."""
    return pd.DataFrame(
        {
            "month": scenario.months,
            "provisioned": [m.provisioned for m in scenario.staffing],
            "active": [m.active for m in scenario.staffing],
            "peak_concurrent": [m.peak_concurrent for m in scenario.staffing],
            "logged_in_hours": [
                None if m.logged_in_hours is None else float(m.logged_in_hours)
                for m in scenario.staffing
            ],
        }
    )


def table_key() -> str:
    """The editable table's widget key; it changes with the scenario so edits start afresh."""
    return f"seasonal_staffing_table_{state.revision()}"


def staffing_table() -> None:
    """Edit the months in a spreadsheet-like table."""
    scenario = state.get_scenario()
    count = {"min_value": 0, "max_value": 1_000_000, "step": 1, "format": "%d"}
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
            "provisioned": st.column_config.NumberColumn("Provisioned", required=True, **count),
            "active": st.column_config.NumberColumn("Active", required=True, **count),
            "peak_concurrent": st.column_config.NumberColumn(
                "Peak concurrent", required=True, **count
            ),
            "logged_in_hours": st.column_config.NumberColumn(
                "Logged-in hours", min_value=0, format="%.2f"
            ),
        },
    )
    rows = rows_from_table(edited.to_dict("records"))
    if rows != [month.model_dump() for month in scenario.staffing]:
        apply(_data(scenario, staffing=rows))


def _month_keys(index: int) -> dict[str, str]:
    return {
        field: f"seasonal_month_{index}_{field}"
        for field in ("provisioned", "active", "peak_concurrent", "logged_in_hours")
    }


def staffing_number_inputs() -> None:
    """Edit the months with one row of number inputs each, applied together."""
    scenario = state.get_scenario()
    keys = [key for i in range(scenario.horizon) for key in _month_keys(i).values()]

    def values() -> dict[str, Any]:
        filled = {}
        for index, month in enumerate(scenario.staffing):
            names = _month_keys(index)
            filled[names["provisioned"]] = month.provisioned
            filled[names["active"]] = month.active
            filled[names["peak_concurrent"]] = month.peak_concurrent
            filled[names["logged_in_hours"]] = (
                None if month.logged_in_hours is None else float(month.logged_in_hours)
            )
        return filled

    seed_widgets("seasonal__months_seeded", values, keys)
    rows = []
    with st.form("seasonal_months_form", border=True):
        for index, label in enumerate(scenario.months):
            names = _month_keys(index)
            cols = st.columns([1, 2, 2, 2, 2], vertical_alignment="bottom")
            cols[0].markdown(f"**{label}**")
            row = {}
            for col, (field, text) in zip(
                cols[1:4],
                [
                    ("provisioned", "Provisioned"),
                    ("active", "Active"),
                    ("peak_concurrent", "Peak concurrent"),
                ],
                strict=True,
            ):
                row[field] = col.number_input(
                    f"{text}, {label}", min_value=0, step=1, key=names[field]
                )
            row["logged_in_hours"] = cols[4].number_input(
                f"Logged-in hours, {label} (optional)",
                min_value=0.0,
                step=1.0,
                value=None,  # may be left empty
                key=names["logged_in_hours"],
            )
            rows.append(row)
        submitted = st.form_submit_button("Apply these months", icon=":material/check:")
    if submitted:
        apply(_data(scenario, staffing=rows_from_table(rows)))


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
            help="Columns: month (optional, YYYY-MM), provisioned, active, peak_concurrent, "
            "logged_in_hours (optional). One row per month, at most 60.",
        )
        upload = st.file_uploader(
            "Or upload a CSV file",
            type=["csv", "txt"],
            key="seasonal_csv_file",
            max_upload_size=1,
        )
        submitted = st.form_submit_button("Use this CSV", icon=":material/check:")
    if not submitted:
        return
    try:
        first_month, rows = parse_staffing_csv(upload.getvalue() if upload else text)
    except StaffingCsvError as exc:
        show_problems(exc.problems)
        return
    apply(_data(scenario, start_month=first_month or scenario.start_month, staffing=rows))


# --- Plans ----------------------------------------------------------------------------------

_RULES = list(CountingRule)


def _plan_keys(index: int) -> dict[str, str]:
    fields = (
        "name",
        "rule",
        "rate",
        "committed_units",
        "overage_rate",
        "minimum_monthly_charge",
        "one_time_cost",
        "escalator",
        "seats_reducible",
        "concurrent_cap",
    )
    return {field: f"seasonal_plan_{index}_{field}" for field in fields}


def _plan_values(scenario: Scenario) -> dict[str, Any]:
    values: dict[str, Any] = {"seasonal_baseline": scenario.baseline}
    for index, plan in enumerate(scenario.plans):
        keys = _plan_keys(index)
        values |= {
            keys["name"]: plan.name,
            keys["rule"]: plan.rule,
            keys["rate"]: float(plan.rate),
            keys["committed_units"]: plan.committed_units,
            keys["overage_rate"]: None if plan.overage_rate is None else float(plan.overage_rate),
            keys["minimum_monthly_charge"]: float(plan.minimum_monthly_charge),
            keys["one_time_cost"]: float(plan.one_time_cost),
            keys["escalator"]: float(plan.escalator * 100),
            keys["seats_reducible"]: plan.seats_reducible,
            keys["concurrent_cap"]: plan.concurrent_cap,
        }
    return values


def money_from_input(value: float) -> Decimal:
    """An amount typed into a number input, exactly as typed [currency]."""
    exact = Decimal(repr(value))
    cents = exact.quantize(Decimal("0.01"))
    return cents if cents == exact else exact


def plan_inputs() -> None:
    """Today's plan, then one form per plan, and buttons to add or remove plans."""
    scenario = state.get_scenario()
    keys = ["seasonal_baseline"] + [
        key for index in range(len(scenario.plans)) for key in _plan_keys(index).values()
    ]
    seed_widgets("seasonal__plans_seeded", lambda: _plan_values(scenario), keys)
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
        _plan_form(scenario, index, plan)
    if st.button(
        "Add a plan",
        key="seasonal_add_plan",
        icon=":material/add:",
        disabled=len(scenario.plans) >= MAX_PLANS,
        help=f"A scenario compares at most {MAX_PLANS} plans.",
    ):
        taken = {plan.name for plan in scenario.plans}
        name = next(f"Plan {n}" for n in count(len(taken) + 1) if f"Plan {n}" not in taken)
        new = Plan(name=name, rule=CountingRule.ACTIVE_USER, rate=Decimal(65))
        apply(_data(scenario, plans=[*(p.model_dump() for p in scenario.plans), new]))


def _plan_form(scenario: Scenario, index: int, plan: Plan) -> None:
    keys = _plan_keys(index)
    title = f"{plan.name} ({plan.rule.label.lower()})" + (
        ", today's plan" if plan.name == scenario.baseline else ""
    )
    with st.expander(escape_markdown(title), expanded=False):
        with st.form(f"seasonal_plan_{index}_form", border=False):
            left, middle, right = st.columns(3)
            name = left.text_input("Plan name", max_chars=60, key=keys["name"])
            rule = left.selectbox(
                "What is counted",
                _RULES,
                format_func=lambda rule: rule.label,
                key=keys["rule"],
            )
            rate = left.number_input(
                "Rate per unit a month (per hour for logged-in hours)",
                min_value=0.0,
                step=1.0,
                format="%.2f",
                key=keys["rate"],
            )
            committed = middle.number_input(
                "Committed units (paid every month)",
                min_value=0,
                step=1,
                key=keys["committed_units"],
            )
            overage = middle.number_input(
                "Overage rate above the commitment (optional)",
                min_value=0.0,
                step=1.0,
                format="%.2f",
                value=None,  # may be left empty
                key=keys["overage_rate"],
            )
            minimum = middle.number_input(
                "Minimum monthly charge",
                min_value=0.0,
                step=100.0,
                format="%.2f",
                key=keys["minimum_monthly_charge"],
            )
            one_time = right.number_input(
                "One-time cost in the first month",
                min_value=0.0,
                step=100.0,
                format="%.2f",
                key=keys["one_time_cost"],
            )
            escalator = right.number_input(
                "Yearly price rise, %",
                min_value=0.0,
                max_value=100.0,
                step=0.5,
                key=keys["escalator"],
            )
            reducible = right.checkbox(
                "Seats can be reduced within a contract year (named seat only)",
                key=keys["seats_reducible"],
            )
            cap = right.number_input(
                "Concurrent seats bought up front (concurrent only, optional)",
                min_value=0,
                step=1,
                value=None,  # may be left empty
                key=keys["concurrent_cap"],
            )
            saved = st.form_submit_button("Save this plan", icon=":material/save:")
        removed = st.button(
            "Remove this plan",
            key=f"seasonal_plan_{index}_remove",
            icon=":material/delete:",
            disabled=len(scenario.plans) == 1,
        )
        if saved:
            updated = {
                "name": name,
                "rule": rule,
                "rate": rate_from_input(rate),
                "committed_units": int(committed),
                "overage_rate": None if overage is None else rate_from_input(overage),
                "minimum_monthly_charge": money_from_input(minimum),
                "one_time_cost": money_from_input(one_time),
                "escalator": rate_from_input(escalator / 100),
                "seats_reducible": reducible,
                "concurrent_cap": None if cap is None else int(cap),
            }
            plans = [p.model_dump() for p in scenario.plans]
            plans[index] = updated
            baseline = name.strip() if plan.name == scenario.baseline else scenario.baseline
            apply(_data(scenario, plans=plans, baseline=baseline))
        if removed:
            plans = [p.model_dump() for i, p in enumerate(scenario.plans) if i != index]
            baseline = scenario.baseline
            if plan.name == baseline:
                baseline = plans[0]["name"]
            apply(_data(scenario, plans=plans, baseline=baseline))
