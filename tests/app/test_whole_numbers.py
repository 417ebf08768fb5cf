"""Whole numbers only, loudly: every count input on every page refuses a fraction by name.

Typing 12.7 where a number of agents, months, draws or days is asked for gives "<field>:
accepts whole numbers only; 12.7 was typed", keeps 12.7 in the box and changes nothing else;
it is never cut to 12. The list of inputs below is checked against every whole-number field of
the app's field tables, so a new count cannot be left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import app.fields as fields
from app.binding import Binding, Kind
from app.components.mode_switch import SEASONAL
from calculator import WHOLE_ONLY, example_scenario
from calculator.usage import sample_log_csv
from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import click, current_scenario, errors, open_plan_sections, uploader

TYPED = 12.7
FIXTURES = Path(__file__).resolve().parents[1] / "calculator" / "usage" / "fixtures"


def _calculator(at: AppTest) -> None:
    at.run()


def _seasonal(radio: str = "", choice: str = "") -> Callable[[AppTest], None]:
    def open_it(at: AppTest) -> None:
        open_plan_sections(at).run()
        at.radio(key="mode_switch").set_value(SEASONAL).run()
        if radio:
            at.radio(key=radio).set_value(choice).run()

    return open_it


def _page(path: str, *uploads: tuple[str, str, bytes]) -> Callable[[AppTest], None]:
    def open_it(at: AppTest) -> None:
        at.run()
        at.switch_page(path).run()
        for key, name, data in uploads:
            uploader(at, key).set_value((name, data, "text/csv")).run()

    return open_it


_LOG = ("usage_files", "log.csv", (FIXTURES / "generic_sessions.csv").read_bytes())
_ROSTER = ("usage_roster", "roster.csv", (FIXTURES / "roster.csv").read_bytes())
_SAMPLE = ("usage_files", "sample.csv", sample_log_csv())


@dataclass(frozen=True)
class Count:
    """A count input: how to reach it, its key, the button that applies it, how it is named."""

    open: Callable[[AppTest], None]
    key: str
    label: str
    button: tuple[str, int] | None = None


GENERATOR = _seasonal("seasonal_curve_source", "Generator")
MONTHS = _seasonal("seasonal_edit_method", "Number inputs")
BUILD = ("Build the curve", 0)
APPLY = ("Apply these months", 0)
COUNTS = [
    Count(_calculator, "quick_provisioned", "provisioned seats"),
    Count(_calculator, "quick_active", "active users"),
    Count(_calculator, "quick_peak_concurrent", "peak concurrent agents"),
    Count(_seasonal(), "seasonal_horizon", "number of months"),
    Count(MONTHS, "seasonal_month_0_provisioned", "January 2027, provisioned seats", APPLY),
    Count(MONTHS, "seasonal_month_1_active", "February 2027, active users", APPLY),
    Count(MONTHS, "seasonal_month_2_peak_concurrent", "March 2027, peak concurrent agents", APPLY),
    Count(GENERATOR, "seasonal_generator_base_staff", "year-round agents", BUILD),
    Count(GENERATOR, "seasonal_generator_seasonal_staff", "seasonal agents", BUILD),
    Count(GENERATOR, "seasonal_generator_ramp_months", "ramp-up months before the season", BUILD),
    Count(
        GENERATOR,
        "seasonal_generator_part_time_months",
        "months a year each part-timer works",
        BUILD,
    ),
    Count(
        GENERATOR,
        "seasonal_generator_deprovisioning_lag",
        "months before a leaver's account is removed",
        BUILD,
    ),
    Count(GENERATOR, "seasonal_generator_training_accounts", "training and test accounts", BUILD),
    Count(_seasonal(), "seasonal_plan_1_committed_units", "committed units", ("Save this plan", 1)),
    Count(
        _seasonal(),
        "seasonal_plan_0_concurrent_cap",
        "concurrent seats bought up front",
        ("Save this plan", 0),
    ),
    Count(_page("app_pages/budget.py"), "budget_draws", "draws"),
    Count(_page("app_pages/budget.py"), "budget_seed", "random seed"),
    Count(
        _page("app_pages/usage.py", _SAMPLE),
        "usage_peak_min",
        "ignore concurrency peaks held less than",
    ),
    Count(_page("app_pages/usage.py", _SAMPLE), "usage_cycle_day", "billing month starts on day"),
    Count(_page("app_pages/usage.py", _SAMPLE), "usage_cycle_hour", "billing month starts at hour"),
    Count(_page("app_pages/usage.py", _SAMPLE), "usage_paid_seats", "seats you pay for today"),
    Count(_page("app_pages/usage.py", _LOG, _ROSTER), "usage_idle_days", "no login in the last"),
]


def test_every_count_of_the_field_tables_is_listed():
    """Each whole-number field of every binding has a case here (months by their first one)."""
    bindings = [value for value in vars(fields).values() if isinstance(value, Binding)]
    keys = {
        binding.key(item.name)
        for binding in bindings
        for item in binding.fields
        if item.kind is Kind.WHOLE
    }
    listed = {count.key for count in COUNTS}
    listed |= {key.replace("_0_", "_").replace("_1_", "_").replace("_2_", "_") for key in listed}
    assert keys <= listed


@pytest.mark.parametrize("count", COUNTS, ids=[count.key for count in COUNTS])
def test_a_fraction_is_refused_by_name_and_kept_on_screen(count: Count):
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    count.open(at)
    assert not at.exception
    box = at.number_input(key=count.key)
    assert box.format == "%g"  # shown as typed: no fixed decimals that would hide the fraction
    box.set_value(TYPED)
    if count.button:
        click(at, *count.button)
    else:
        at.run()
    assert not at.exception
    assert f"{count.label}: {WHOLE_ONLY.format(TYPED)}" in "\n".join(errors(at))
    assert at.number_input(key=count.key).value == TYPED
    assert current_scenario(at) == example_scenario()


def test_the_staffing_table_refuses_a_fraction_too():
    """A table cell edited to 12.7 (as the browser sends it) is refused, not cut to 12."""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    _seasonal()(at)
    key = f"seasonal_staffing_table_{at.session_state['scenario_revision']}"
    at.session_state[key] = {
        "edited_rows": {2: {"active": TYPED}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert errors(at) == [f"- March 2027, active users: {WHOLE_ONLY.format(TYPED)}"]
    assert current_scenario(at) == example_scenario()


def test_the_staffing_table_counts_have_no_step_or_limit_that_rounds():
    """The count columns carry no step (a step of 1 cuts 12.7 to 12 in the browser) and no
    limits (a value out of range would be dropped without a word): the scenario refuses them."""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    _seasonal()(at)
    (table,) = [
        frame.proto for frame in at.data_editor if frame.key.startswith("seasonal_staffing_table")
    ]
    config = json.loads(table.columns)
    for name in ("provisioned", "active", "peak_concurrent"):
        type_config = config[name]["type_config"]
        assert type_config == {"type": "number", "format": "plain"}
