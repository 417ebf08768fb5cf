"""Seasonal plan editor: every part writes a validated scenario, or explains why not and keeps
what the user typed."""

import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from app.components.mode_switch import QUICK, SEASONAL
from app.reports import workbook_bytes
from app.share import to_token
from calculator import (
    CountingRule,
    CurveSpec,
    PlanLine,
    Scenario,
    SeatReduction,
    TrueUp,
    compare,
    example_scenario,
    generate_curve,
    preset_curve,
    scenario_to_json,
)
from tests.app.conftest import ENTRYPOINT
from tests.app.helpers import (
    click,
    count_runs,
    errors,
    metrics,
    open_plan_sections,
    plain,
    shown_table,
    uploader,
)
from tests.app.helpers import current_scenario as scenario
from tests.calculator.test_validation import HOURS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def seasonal(app: AppTest) -> AppTest:
    """The app in seasonal mode on the worked example, every plan's section open."""
    open_plan_sections(app).run()
    app.radio(key="mode_switch").set_value(SEASONAL).run()
    return app


@pytest.mark.parametrize("page", ["app_pages/method.py", "app_pages/budget.py"])
def test_the_ways_in_chosen_are_kept_while_another_page_is_visited(seasonal: AppTest, page):
    """The worked example is shaped like a quick estimate: back from another page, the
    calculator opened in the quick estimate and the table editor, not the seasonal plan and the
    number inputs chosen (Streamlit drops the state of widgets a run does not draw)."""
    seasonal.radio(key="seasonal_edit_method").set_value("Number inputs").run()
    seasonal.switch_page(page).run()
    seasonal.switch_page("app_pages/calculator.py").run()
    assert not seasonal.exception
    assert seasonal.radio(key="mode_switch").value == SEASONAL
    assert seasonal.radio(key="seasonal_edit_method").value == "Number inputs"


def test_a_loaded_scenario_chooses_the_way_in_afresh(seasonal: AppTest):
    """A scenario file shaped like a quick estimate opens in the quick estimate, whatever way in
    was kept for the scenario before."""
    seasonal.switch_page("app_pages/method.py").run()
    seasonal.switch_page("app_pages/calculator.py").run()
    uploader(seasonal, "share_upload").set_value(
        ("offer.json", scenario_to_json(example_scenario()).encode(), "application/json")
    ).run()
    seasonal.switch_page("app_pages/method.py").run()
    seasonal.switch_page("app_pages/calculator.py").run()
    assert seasonal.radio(key="mode_switch").value == QUICK


class TestPeriod:
    def test_start_month_relabels_the_months(self, seasonal: AppTest):
        """A fiscal year from July: months 2027-07 to 2028-06."""
        seasonal.text_input(key="seasonal_start_month").set_value("2027-07").run()
        assert scenario(seasonal).months[0] == "2027-07"
        assert scenario(seasonal).months[-1] == "2028-06"

    def test_bad_start_month_is_explained_and_kept_on_screen(self, seasonal: AppTest):
        """2027-13 is refused with the rule, naming the field by its label; the input still
        shows what was typed."""
        seasonal.text_input(key="seasonal_start_month").set_value("2027-13").run()
        assert errors(seasonal) == [
            "- first month: must be a month written YYYY-MM, e.g. 2027-01 (got '2027-13')"
        ]
        assert scenario(seasonal) == example_scenario()
        assert seasonal.text_input(key="seasonal_start_month").value == "2027-13"

    def test_a_start_month_in_year_9999_is_refused(self, seasonal: AppTest):
        """12 months from 9999-12 would run into a year 10000: refused with the years allowed."""
        seasonal.text_input(key="seasonal_start_month").set_value("9999-12").run()
        assert errors(seasonal) == [
            "- first month: must be in the years 1900 to 9994 (got '9999-12')"
        ]
        assert scenario(seasonal) == example_scenario()

    def test_longer_horizon_repeats_the_last_month(self, seasonal: AppTest):
        """24 flat months: the yearly cost is still 12 x $10,000."""
        seasonal.number_input(key="seasonal_horizon").set_value(24).run()
        assert scenario(seasonal).horizon == 24
        assert set(scenario(seasonal).staffing) == {example_scenario().staffing[0]}
        assert shown_table(seasonal.table[0]).iloc[0]["Cost per year"] == "$120,000.00"


class TestStaffing:
    def test_preset_replaces_the_curve(self, seasonal: AppTest):
        """Tax season over the current twelve months from 2027-01."""
        seasonal.radio(key="seasonal_curve_source").set_value("Preset").run()
        seasonal.selectbox(key="seasonal_preset").set_value("tax_season")
        click(seasonal, "Use this preset")
        assert scenario(seasonal).staffing == preset_curve("tax_season", "2027-01", 12)

    def test_generator_builds_the_curve(self, seasonal: AppTest):
        """60 seasonal agents in November and December on the 100 base staff."""
        seasonal.radio(key="seasonal_curve_source").set_value("Generator").run()
        seasonal.number_input(key="seasonal_generator_seasonal_staff").set_value(60)
        seasonal.multiselect(key="seasonal_generator_seasonal_months").set_value(
            ["November", "December"]
        )
        click(seasonal, "Build the curve")
        spec = CurveSpec(seasonal_staff=60, seasonal_months=(11, 12))
        assert scenario(seasonal).staffing == generate_curve(spec, "2027-01", 12)

    def test_generator_explains_a_season_without_months(self, seasonal: AppTest):
        """Seasonal staff need seasonal months; the message says so in the inputs' words and
        nothing changes."""
        seasonal.radio(key="seasonal_curve_source").set_value("Generator").run()
        seasonal.number_input(key="seasonal_generator_seasonal_staff").set_value(30)
        click(seasonal, "Build the curve")
        assert errors(seasonal) == ["- seasonal agents is 30 but no seasonal months are chosen"]
        assert scenario(seasonal) == example_scenario()

    def test_number_inputs_apply_together(self, seasonal: AppTest):
        """Month 2 with 60 active users: that month saves $6,100, the others $5,450."""
        seasonal.radio(key="seasonal_edit_method").set_value("Number inputs").run()
        seasonal.number_input(key="seasonal_month_1_active").set_value(60)
        click(seasonal, "Apply these months")
        assert [month.active for month in scenario(seasonal).staffing[:3]] == [70, 60, 70]

    def test_number_inputs_give_help_on_the_first_month_only(self, seasonal: AppTest):
        """A help button is a tab stop: on every month, 12 months took 48 of them. The first
        month's explain the four columns the later months repeat."""
        seasonal.radio(key="seasonal_edit_method").set_value("Number inputs").run()
        fields = ("provisioned", "active", "peak_concurrent", "logged_in_hours")
        first = [seasonal.number_input(key=f"seasonal_month_0_{name}").help for name in fields]
        assert all(first)
        assert first[0].endswith("Whole numbers only.")
        later = [
            seasonal.number_input(key=f"seasonal_month_{month}_{name}").help
            for month in range(1, 12)
            for name in fields
        ]
        assert set(later) == {""}

    def test_number_inputs_name_the_month_of_a_broken_rule(self, seasonal: AppTest):
        """150 active of 100 provisioned in month 1 is refused, naming 2027-01."""
        seasonal.radio(key="seasonal_edit_method").set_value("Number inputs").run()
        seasonal.number_input(key="seasonal_month_0_active").set_value(150)
        click(seasonal, "Apply these months")
        assert errors(seasonal) == [
            "- January 2027: active users (150) must be <= provisioned seats (100); lower active users "
            "or raise provisioned seats"
        ]
        assert scenario(seasonal) == example_scenario()

    def test_pasted_csv_sets_months_and_start(self, seasonal: AppTest):
        """Two pasted months from 2028-01 become the whole curve."""
        seasonal.radio(key="seasonal_edit_method").set_value("CSV or Excel (paste or upload)").run()
        seasonal.text_area(key="seasonal_csv_text").set_value(
            "month,provisioned,active,peak_concurrent\n2028-01,10,5,3\n2028-02,12,6,3\n"
        )
        click(seasonal, "Use these months")
        assert scenario(seasonal).months == ["2028-01", "2028-02"]
        assert [month.provisioned for month in scenario(seasonal).staffing] == [10, 12]

    def test_a_sheet_saved_by_a_spreadsheet_is_used_as_saved(self, seasonal: AppTest):
        """Excel's CSV of a formatted sheet: named headers, dates, thousands and a trailing
        delimiter."""
        seasonal.radio(key="seasonal_edit_method").set_value("CSV or Excel (paste or upload)").run()
        seasonal.text_area(key="seasonal_csv_text").set_value(
            "Month,Provisioned,Active,Peak Concurrent,\n"
            '2028-01-01,"1,200",900,600,\n'
            '2028-02-01,"1,250",950,620,\n'
        )
        click(seasonal, "Use these months")
        assert errors(seasonal) == []
        assert scenario(seasonal).months == ["2028-01", "2028-02"]
        assert [month.provisioned for month in scenario(seasonal).staffing] == [1200, 1250]

    def test_bad_csv_lists_each_problem(self, seasonal: AppTest):
        """A letter where a count belongs is named by row, month and column."""
        seasonal.radio(key="seasonal_edit_method").set_value("CSV or Excel (paste or upload)").run()
        seasonal.text_area(key="seasonal_csv_text").set_value(
            "month,provisioned,active,peak_concurrent\n2028-01,10,x,3\n"
        )
        click(seasonal, "Use these months")
        assert errors(seasonal) == ["- row 1 (2028-01), active: must be a whole number (got 'x')"]

    def test_uploaded_csv_is_used(self, seasonal: AppTest):
        """An uploaded file takes the place of the text box."""
        seasonal.radio(key="seasonal_edit_method").set_value("CSV or Excel (paste or upload)").run()
        data = b"provisioned,active,peak_concurrent\n200,150,100\n"
        uploader(seasonal, "seasonal_csv_file").set_value(("curve.csv", data, "text/csv"))
        click(seasonal, "Use these months")
        assert [month.active for month in scenario(seasonal).staffing] == [150]

    def test_the_apps_own_workbook_uploads_back(self, seasonal: AppTest):
        """The Excel download with its months edited (as a person would in Excel: the Inputs
        sheet's active users raised) sets the curve."""
        book = load_workbook(io.BytesIO(workbook_bytes(compare(scenario(seasonal)))))
        inputs = book["Inputs"]
        header = next(row for row in inputs.iter_rows() if row[3].value == "Active users")
        for row in inputs.iter_rows(min_row=header[0].row + 1, max_row=header[0].row + 12):
            row[3].value = 80
        edited = io.BytesIO()
        book.save(edited)
        seasonal.radio(key="seasonal_edit_method").set_value("CSV or Excel (paste or upload)").run()
        uploader(seasonal, "seasonal_csv_file").set_value(
            ("scenario.xlsx", edited.getvalue(), XLSX)
        )
        click(seasonal, "Use these months")
        assert errors(seasonal) == []
        assert [month.active for month in scenario(seasonal).staffing] == [80] * 12
        assert scenario(seasonal).months == example_scenario().months

    def test_table_edit_is_applied(self, seasonal: AppTest):
        """An edited cell in the table (as the browser sends it) changes that month."""
        key = f"seasonal_staffing_table_{seasonal.session_state['scenario_revision']}"
        seasonal.session_state[key] = {
            "edited_rows": {0: {"active": 60}},
            "added_rows": [],
            "deleted_rows": [],
        }
        seasonal.run()
        assert [month.active for month in scenario(seasonal).staffing[:2]] == [60, 70]

    def test_table_leaves_missing_hours_blank(self, seasonal: AppTest):
        """The worked example has no logged-in hours: the editable table shows those cells
        empty (placeholder ""), not the word "None" in every row."""
        (table,) = [
            frame.proto
            for frame in seasonal.data_editor
            if frame.key.startswith("seasonal_staffing_table")
        ]
        assert table.HasField("placeholder")
        assert table.placeholder == ""

    def test_logged_in_hours_show_all_four_decimals(self, seasonal: AppTest):
        """Hours are kept to four decimals; the table and the number inputs showed two."""
        (table,) = [e for e in seasonal.data_editor if e.key.startswith("seasonal_staffing_table")]
        hours = json.loads(table.proto.columns)["logged_in_hours"]["type_config"]
        seasonal.radio(key="seasonal_edit_method").set_value("Number inputs").run()
        box = seasonal.number_input(key="seasonal_month_0_logged_in_hours")
        assert (hours["format"], box.format) == ("%g", "%g")

    def test_staffing_download_is_offered(self, seasonal: AppTest):
        """The curve can be taken away as CSV."""
        labels = [button.label for button in seasonal.get("download_button")]
        assert "Download the staffing as CSV" in labels


class TestPlans:
    def test_changing_the_baseline(self, seasonal: AppTest):
        """With active users as today's plan, named seats cost $5,450 more (119.8 % more)."""
        seasonal.selectbox(key="seasonal_baseline").set_value("Active users").run()
        assert scenario(seasonal).baseline == "Active users"
        assert metrics(seasonal)["Savings per month: Named seats"] == "-$5,450.00"
        assert plain(seasonal.warning[0].value).startswith(
            "Paying for 100 seats instead of 70 active"
        )

    def test_saving_a_plan_with_a_new_rate(self, seasonal: AppTest):
        """Active users at $50: 70 x $50 = $3,500, saving $6,500 (65.0 %)."""
        seasonal.number_input(key="seasonal_plan_1_rate").set_value(50.0)
        click(seasonal, "Save this plan", index=1)
        assert scenario(seasonal).plans[1].rate == Decimal("50.00")
        assert metrics(seasonal)["Savings in percent: Active users"] == "65.0 %"

    def test_a_plan_form_says_edits_wait_for_save(self, seasonal: AppTest):
        """A rate typed in a plan's form changes nothing until saved, and the form says so."""
        captions = [caption.value for caption in seasonal.caption]
        assert "Changes to this plan take effect when you save it." in captions
        seasonal.number_input(key="seasonal_plan_1_rate").set_value(50.0).run()
        assert scenario(seasonal).plans[1].rate == Decimal("65")

    def test_renaming_today_s_plan_keeps_it_as_baseline(self, seasonal: AppTest):
        """The baseline follows its plan's new name."""
        seasonal.text_input(key="seasonal_plan_0_name").set_value("Seats today")
        click(seasonal, "Save this plan", index=0)
        assert scenario(seasonal).baseline == "Seats today"

    def test_invalid_plan_is_explained(self, seasonal: AppTest):
        """An hours plan needs logged-in hours in every month."""
        seasonal.selectbox(key="seasonal_plan_1_rule").set_value(CountingRule.LOGGED_IN_HOURS)
        click(seasonal, "Save this plan", index=1)
        assert errors(seasonal) == [
            "- plan 'Active users' counts logged-in hours but January 2027 has no "
            f"logged-in hours{HOURS}"
        ]
        assert scenario(seasonal) == example_scenario()

    @pytest.mark.parametrize(
        ("key", "named"),
        [
            ("seasonal_plan_1_escalator", "yearly price rise"),
            ("seasonal_plan_1_monthly_term_premium", "monthly-term premium"),
            ("seasonal_plan_1_true_up_premium", "true-up, premium"),
        ],
    )
    def test_a_percentage_finer_than_four_places_is_refused(self, seasonal: AppTest, key, named):
        """0.00001 % was kept as 0 without a word: the plan is refused, naming the term in
        percent as typed; the box keeps it and the scenario stays as it was."""
        seasonal.checkbox(key="seasonal_plan_1_true_up").check()
        seasonal.number_input(key=key).set_value(0.00001)
        click(seasonal, "Save this plan", index=1)
        assert errors(seasonal) == [
            f"- plan 'Active users': {named}: must have at most 4 decimal places in percent "
            "(got 0.00001 %)"
        ]
        assert seasonal.number_input(key=key).value == 0.00001
        assert scenario(seasonal) == example_scenario()

    def test_adding_asks_for_the_rate_and_adds_nothing_until_confirmed(self, seasonal: AppTest):
        """Without a rate nothing is added and the headline shows no figure; with the rule and
        rate chosen, confirming adds exactly that plan."""
        click(seasonal, "Add this plan")
        assert scenario(seasonal) == example_scenario()
        assert errors(seasonal) == ["- rate: type the new plan's rate before adding it"]
        assert not seasonal.metric
        seasonal.selectbox(key="seasonal_new_plan_rule").set_value(CountingRule.CONCURRENT)
        seasonal.number_input(key="seasonal_new_plan_rate").set_value(90.0)
        assert scenario(seasonal) == example_scenario()
        click(seasonal, "Add this plan")
        added = scenario(seasonal).plans[-1]
        assert (added.name, added.rule, added.rate) == ("Plan 3", CountingRule.CONCURRENT, 90)
        # 50 peak x $90 = $4,500 against $10,000: $5,500.
        assert metrics(seasonal)["Savings per month: Plan 3"] == "$5,500.00"
        assert seasonal.number_input(key="seasonal_new_plan_rate").value is None

    def test_a_new_named_seat_plan_bills_a_running_high_water_mark(self, seasonal: AppTest):
        """Seats added any month, reduced only at renewal: the new named-seat plan says so."""
        seasonal.selectbox(key="seasonal_new_plan_rule").set_value(CountingRule.NAMED_SEAT)
        seasonal.number_input(key="seasonal_new_plan_rate").set_value(95.0)
        click(seasonal, "Add this plan")
        added = scenario(seasonal).plans[-1]
        assert (added.rule, added.seat_reduction) == (
            CountingRule.NAMED_SEAT,
            SeatReduction.HIGH_WATER_MARK,
        )
        assert seasonal.selectbox(key="seasonal_plan_2_seat_reduction").value == (
            SeatReduction.HIGH_WATER_MARK
        )

    def test_adding_and_removing_plans(self, seasonal: AppTest):
        """A third plan appears, then removing the second leaves the first and the new one."""
        seasonal.number_input(key="seasonal_new_plan_rate").set_value(65.0)
        click(seasonal, "Add this plan")
        assert [plan.name for plan in scenario(seasonal).plans] == [
            "Named seats",
            "Active users",
            "Plan 3",
        ]
        click(seasonal, "Remove this plan", index=1)
        assert [plan.name for plan in scenario(seasonal).plans] == ["Named seats", "Plan 3"]


def test_seasonal_link_opens_in_seasonal_mode():
    """A scenario four numbers cannot describe opens in the seasonal editor."""
    curve = preset_curve("holiday_retail", "2027-01", 12)
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["s"] = to_token(example_scenario().model_copy(update={"staffing": curve}))
    at.run()
    assert at.radio(key="mode_switch").value == SEASONAL
    assert not at.exception


class TestOneRunPerEdit:
    """A valid change of the period is applied in the run that received it: the page runs
    once, and the next edit is kept, whichever input it is in."""

    def test_a_valid_horizon_edit_runs_the_page_once(self, seasonal, monkeypatch):
        runs = count_runs(monkeypatch)
        seasonal.number_input(key="seasonal_horizon").set_value(24).run()
        assert len(runs) == 1
        assert scenario(seasonal).horizon == 24
        assert len(seasonal.table[0].value) > 0  # the figures follow in the same run
        assert seasonal.query_params["s"] == to_token(scenario(seasonal))

    def test_the_next_edit_of_another_input_is_kept(self, seasonal: AppTest):
        seasonal.number_input(key="seasonal_horizon").set_value(24).run()
        seasonal.text_input(key="seasonal_name").set_value("Renewal 2027").run()
        assert (scenario(seasonal).horizon, scenario(seasonal).name) == (24, "Renewal 2027")
        assert seasonal.number_input(key="seasonal_horizon").value == 24

    def test_the_next_edit_of_the_same_input_is_kept(self, seasonal: AppTest):
        seasonal.number_input(key="seasonal_horizon").set_value(24).run()
        seasonal.number_input(key="seasonal_horizon").set_value(36).run()
        assert scenario(seasonal).horizon == 36
        assert seasonal.number_input(key="seasonal_horizon").value == 36

    def test_an_input_shown_otherwise_than_typed_is_refilled(self, seasonal, monkeypatch):
        """A name typed with spaces around it is kept without them: the page runs again so
        the input shows the name as kept."""
        runs = count_runs(monkeypatch)
        seasonal.text_input(key="seasonal_name").set_value("  Renewal  ").run()
        assert len(runs) == 2
        assert scenario(seasonal).name == "Renewal"
        assert seasonal.text_input(key="seasonal_name").value == "Renewal"

    def test_a_refused_edit_runs_once_and_keeps_the_text(self, seasonal, monkeypatch):
        runs = count_runs(monkeypatch)
        seasonal.text_input(key="seasonal_start_month").set_value("2027-13").run()
        assert len(runs) == 1
        assert seasonal.text_input(key="seasonal_start_month").value == "2027-13"
        assert scenario(seasonal) == example_scenario()


def test_a_plan_form_is_drawn_only_while_its_section_is_open(app: AppTest):
    """Closed, a plan's section holds no widget; opened, its form is there."""
    app.run()
    app.radio(key="mode_switch").set_value(SEASONAL).run()
    keys = {widget.key for widget in app.number_input}
    assert "seasonal_plan_1_rate" not in keys
    assert "seasonal_horizon" in keys
    app.session_state["seasonal_plan_1_open"] = True
    app.run()
    keys = {widget.key for widget in app.number_input}
    assert "seasonal_plan_1_rate" in keys
    assert "seasonal_plan_0_rate" not in keys


def test_removing_a_plan_keeps_the_other_sections_open_or_closed(app: AppTest):
    """Sections follow their plans when one is removed: the plan that moves into the removed
    plan's place keeps its closed section, the one after it keeps its open one."""
    app.run()
    app.radio(key="mode_switch").set_value(SEASONAL).run()
    app.number_input(key="seasonal_new_plan_rate").set_value(90.0)
    click(app, "Add this plan")
    names = [plan.name for plan in scenario(app).plans]
    assert len(names) == 3
    app.session_state["seasonal_plan_0_open"] = True
    app.session_state["seasonal_plan_2_open"] = True
    app.run()
    app.button(key="seasonal_plan_0_remove").click().run()
    assert not app.exception
    assert [plan.name for plan in scenario(app).plans] == names[1:]
    keys = {widget.key for widget in app.number_input}
    assert "seasonal_plan_0_rate" not in keys  # the old second plan: still closed
    assert "seasonal_plan_1_rate" in keys  # the old third plan: still open


def finely_priced():
    """The worked example with plan 2's terms kept to their last decimal: rates of six places,
    percentages of four (12.3456 %)."""
    plan = (
        example_scenario()
        .plans[1]
        .model_copy(
            update={
                "rate": Decimal("12.3456"),
                "overage_rate": Decimal("1234.567891"),
                "escalator": Decimal("0.031234"),
                "monthly_term_premium": Decimal("0.123456"),
                "true_up": TrueUp(period_months=3, premium=Decimal("0.031234")),
                "committed_units": 10,
                "lines": [
                    PlanLine(
                        name="Supervisors",
                        rule=CountingRule.NAMED_SEAT,
                        rate=Decimal("12.345678"),
                        quantity=10,
                    )
                ],
            }
        )
    )
    data = example_scenario().model_dump()
    data["plans"][1] = plan.model_dump()
    return Scenario.model_validate(data)


@pytest.fixture
def finely_priced_editor() -> AppTest:
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["s"] = to_token(finely_priced())
    open_plan_sections(at).run()
    assert at.radio(key="mode_switch").value == SEASONAL
    return at


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("seasonal_plan_1_rate", 12.3456),
        ("seasonal_plan_1_overage_rate", 1234.567891),
        ("seasonal_plan_1_escalator", 3.1234),
        ("seasonal_plan_1_monthly_term_premium", 12.3456),
        ("seasonal_plan_1_true_up_premium", 3.1234),
    ],
)
def test_a_plan_box_shows_the_term_as_kept(finely_priced_editor: AppTest, key, shown):
    """A rate of 12.3456 was shown as 12.35 (a fixed two decimals): the box holds the kept
    value and shows every decimal of it, none added."""
    box = finely_priced_editor.number_input(key=key)
    assert box.value == pytest.approx(shown, rel=1e-15)
    assert box.format == "%g"


@pytest.mark.parametrize("table", ["tiers", "lines"])
def test_a_rate_column_shows_and_takes_every_decimal(finely_priced_editor: AppTest, table):
    """The rate columns of the band and line tables had a step of 0.01, which cuts a typed
    12.345678 to 12.34 in the browser, and showed two decimals: they have no step and show a
    rate as kept."""
    (editor,) = [e for e in finely_priced_editor.data_editor if f"_plan_1_{table}_" in e.key]
    rate = json.loads(editor.proto.columns)["rate"]["type_config"]
    assert (rate["format"], rate.get("step")) == ("%g", None)


@pytest.mark.parametrize(("table", "column"), [("tiers", "up_to"), ("lines", "quantity")])
def test_a_count_column_takes_a_fraction_to_refuse_it(finely_priced_editor: AppTest, table, column):
    """A whole-number column with a step of 1 cut a typed 12.7 to 12 in the browser, without a
    word; and a limit became the table's own "Invalid input". Counts are taken as typed (no step,
    no limits), as the number boxes and the staffing table take them, for the plan to refuse by
    name."""
    (editor,) = [e for e in finely_priced_editor.data_editor if f"_plan_1_{table}_" in e.key]
    config = json.loads(editor.proto.columns)[column]["type_config"]
    assert config.get("format") == "plain"
    assert {"step", "min_value", "max_value"}.isdisjoint(config)


EMPTIED_HINT_TEXT = (
    "If you typed a number in such a box, it could not be read (too large, or not a number): "
    "type it again and save."
)


def test_a_save_that_empties_the_overage_rate_says_so(finely_priced_editor: AppTest):
    """A box the browser cannot read (1e400) reaches a form as an emptied box, and an empty
    overage rate means the plan's rate: the save says what was emptied and what it now means."""
    app = finely_priced_editor
    app.number_input(key="seasonal_plan_1_overage_rate").set_value(None)
    click(app, "Save this plan", index=1)
    assert scenario(app).plans[1].overage_rate is None
    assert [plain(box.value) for box in app.warning if "box now empty" in box.value] == [
        "Saved, with a box now empty:\n- Overage rate above the commitment is now empty (it was "
        "1234.567891): units above the commitment now cost the plan's rate\n\n" + EMPTIED_HINT_TEXT
    ]


def test_the_emptied_notice_goes_with_the_next_change(finely_priced_editor: AppTest):
    """Once the scenario changes again the notice no longer applies."""
    app = finely_priced_editor
    app.number_input(key="seasonal_plan_1_overage_rate").set_value(None)
    click(app, "Save this plan", index=1)
    app.number_input(key="seasonal_horizon").set_value(24).run()
    assert not [box for box in app.warning if "box now empty" in box.value]


def test_a_save_that_keeps_every_box_says_nothing_of_empty_boxes(finely_priced_editor: AppTest):
    app = finely_priced_editor
    app.number_input(key="seasonal_plan_1_rate").set_value(20.0)
    click(app, "Save this plan", index=1)
    assert scenario(app).plans[1].rate == Decimal(20)
    assert not [box for box in app.warning if "box now empty" in box.value]
