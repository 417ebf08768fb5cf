"""The Budget page, run with AppTest: it renders, shows the numbers, and saves its settings."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.share import from_token, to_token
from calculator import example_scenario
from calculator.budget import BudgetSettings, MonthlyShares, example_programs
from tests.app.helpers import count_runs, errors, keyed_block, metrics, plain, shown_table

ENTRYPOINT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
PAGE = "app_pages/budget.py"
NOT_APPLIED = "Not applied: the figures on this page still use the settings before this change.\n"
"""First in the error box of refused settings, as a screen reader announces the box."""


@pytest.fixture
def budget_page() -> AppTest:
    """The app opened on the Budget page with the worked example (12 months from 2027-01)."""
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def table_with(app: AppTest, column: str):
    """The first data table on the page that has ``column``."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def static_table_with(app: AppTest, column: str):
    """The first static table on the page that has ``column``, as the reader sees it."""
    return next(shown_table(table) for table in app.table if column in shown_table(table).columns)


def shared_scenario(app: AppTest):
    """The scenario the share link in the address bar holds."""
    return from_token(app.query_params["s"])


def test_page_shows_returns_of_the_worked_example(budget_page):
    """Payback in month 1, no ROI without a one-time cost, NPV $64,522.28 at 3 %."""
    # NPV oracle: numpy_financial.npv(1.03 ** (1 / 12) - 1, [5450] * 12) = 64522.2823.
    assert metrics(budget_page) == {
        "Pays back in: Active users": "2027-01",
        "ROI: Active users": "n/a",
        "NPV: Active users": "$64,522.28",
        "Net savings: Active users": "$65,400.00",
    }


def test_fiscal_year_table_marks_partial_years_and_shows_not_to_exceed(budget_page):
    """July start: Jan-Jun 2027 is partial FY2027; active users not to exceed 6 x $6,500."""
    table = table_with(budget_page, "Not to exceed (USD)")
    row = table[table["Plan"] == "Active users"].iloc[0]
    assert row["Fiscal year"] == "FY2027 (partial: 6 of 12 months)"
    assert (row["Planned (USD)"], row["Not to exceed (USD)"]) == ("$27,300.00", "$39,000.00")


def open_budget(scenario) -> AppTest:
    """The Budget page opened on ``scenario`` from a share link."""
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.query_params["s"] = to_token(scenario)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def test_contract_years_are_the_base_year_and_option_years():
    """18 months from January 2027: active users $54,600.00 in the base year, $27,300.00 in
    option 1 (six months), $81,900.00 through it; not to exceed 100 x $65 a month."""
    app = open_budget(example_scenario(months=18))
    table = static_table_with(app, "Contract year")
    rows = table[table["Plan"] == "Active users"]
    assert rows[
        [
            "Contract year",
            "Months",
            "Planned (USD)",
            "Not to exceed (USD)",
            "Planned so far (USD)",
            "Not to exceed so far (USD)",
        ]
    ].values.tolist() == [
        [
            "Year 1 (base)",
            "2027-01 to 2027-12",
            "$54,600.00",
            "$78,000.00",
            "$54,600.00",
            "$78,000.00",
        ],
        [
            "Year 2 (option 1; partial: 6 of 12 months)",
            "2028-01 to 2028-06",
            "$27,300.00",
            "$39,000.00",
            "$81,900.00",
            "$117,000.00",
        ],
    ]
    assert rows["Savings (USD)"].tolist() == ["$65,400.00", "$32,700.00"]
    today = table[table["Plan"] == "Named seats (today)"]
    assert today["Savings (USD)"].tolist() == ["–", "–"]  # not $0.00: it is the reference
    [summary] = [m.value for m in app.markdown if m.value.startswith("Over the base year")]
    assert summary == (
        "Over the base year and 1 option year (18 months, the last partial), with every option "
        "exercised: Named seats (today) \\$180,000.00 (not to exceed \\$180,000.00); Active users "
        "\\$81,900.00 (not to exceed \\$117,000.00)."
    )


def test_fiscal_quarters_are_the_spend_plan():
    """The worked example, 12 months from January 2027 with a July fiscal year: FY2027 Q3
    (January to March) to FY2028 Q2, active users 3 x 70 x $65 = $13,650.00 a quarter."""
    app = open_budget(example_scenario())
    table = table_with(app, "Fiscal quarter")
    assert table.values.tolist() == [
        ["FY2027 Q3", "2027-01 to 2027-03", "$30,000.00", "$13,650.00"],
        ["FY2027 Q4", "2027-04 to 2027-06", "$30,000.00", "$13,650.00"],
        ["FY2028 Q1", "2027-07 to 2027-09", "$30,000.00", "$13,650.00"],
        ["FY2028 Q2", "2027-10 to 2027-12", "$30,000.00", "$13,650.00"],
    ]
    assert list(table.columns)[2:] == ["Named seats (today) (USD)", "Active users (USD)"]
    [summary] = [m.value for m in app.markdown if m.value.startswith("Planned cost over")]
    assert summary == (
        "Planned cost over 4 full quarters: Named seats (today) \\$30,000.00 in each; Active "
        "users \\$13,650.00 in each."
    )
    [note] = [c.value for c in keyed_block(app, "budget_fiscal_quarters").caption]
    assert note.startswith("Quarters of the fiscal year: Q1 is July to September")


def test_a_new_fiscal_year_start_moves_the_quarters():
    """An October year (the US federal one): January to March 2027 is FY2027 Q2."""
    scenario = example_scenario()
    settings = scenario.budget.model_copy(update={"fiscal_year_start_month": 10})
    app = open_budget(scenario.model_copy(update={"budget": settings}))
    table = table_with(app, "Fiscal quarter")
    assert table["Fiscal quarter"].tolist() == [
        "FY2027 Q2",
        "FY2027 Q3",
        "FY2027 Q4",
        "FY2028 Q1",
    ]


def test_a_plan_name_in_the_contract_years_sentence_shows_as_typed():
    """A plan named like a Markdown link is written as text in the sentences of the contract
    years and the quarters."""
    scenario = example_scenario()
    renamed = scenario.plans[1].model_copy(update={"name": "[*Gold*](https://x.example)"})
    app = open_budget(scenario.model_copy(update={"plans": [scenario.plans[0], renamed]}))
    [summary] = [m.value for m in app.markdown if m.value.startswith("Over the base year")]
    assert "; \\[\\*Gold\\*\\](https://x.example) \\$54,600.00" in summary
    assert summary.startswith("Over the base year alone (12 months): Named seats (today) ")
    [quarters] = [m.value for m in app.markdown if m.value.startswith("Planned cost over")]
    assert quarters.endswith("; \\[\\*Gold\\*\\](https://x.example) \\$13,650.00 in each.")


def test_estimate_is_labelled(budget_page):
    """The Monte Carlo table says its percentiles are estimates."""
    table = table_with(budget_page, "P50, estimate (USD)")
    assert set(table["Measure"]) == {"Cost", "Savings"}


def test_fiscal_year_start_is_saved_in_the_share_link(budget_page):
    """Choosing October moves Oct-Dec 2027 into FY2028 and the share link holds the choice."""
    budget_page.selectbox(key="budget_fiscal_start").set_value(10).run()
    assert not budget_page.exception
    assert shared_scenario(budget_page).budget.fiscal_year_start_month == 10
    table = table_with(budget_page, "Not to exceed (USD)")
    named = table[table["Plan"] == "Named seats (today)"]
    assert list(named["Fiscal year"]) == [
        "FY2027 (partial: 9 of 12 months)",
        "FY2028 (partial: 3 of 12 months)",
    ]
    assert list(named["Planned (USD)"]) == ["$90,000.00", "$30,000.00"]


def test_zero_discount_rate_makes_npv_the_net_savings(budget_page):
    """At 0 % a year the NPV equals the undiscounted net savings."""
    budget_page.number_input(key="budget_discount_rate").set_value(0.0).run()
    assert metrics(budget_page)["NPV: Active users"] == "$65,400.00"
    assert "NPV at 0.00 % a year (USD)" in table_with(budget_page, "ROI").columns


def test_programs_typed_as_text_split_the_cost(budget_page):
    """Medicaid 75/25 federal: the active-user plan's FY2027 Medicaid cost splits by source."""
    budget_page.text_area(key="budget_programs_text").set_value(
        "Medicaid | 100 | Federal = 75 | State = 25\n"
    )
    budget_page.button(key="FormSubmitter:budget_programs_form-Use these programs").click().run()
    assert not budget_page.exception
    assert [p.name for p in shared_scenario(budget_page).budget.programs] == ["Medicaid"]
    table = table_with(budget_page, "Federal (USD)")
    # By hand: FY2027 (6 months) x $4,550 = $27,300; 75 % = $20,475, 25 % = $6,825.
    row = table[(table["Program"] == "Medicaid")].iloc[0]
    assert (row["Federal (USD)"], row["State (USD)"], row["Total (USD)"]) == (
        "$20,475.00",
        "$6,825.00",
        "$27,300.00",
    )


def test_bad_program_text_shows_why_and_keeps_the_scenario(budget_page):
    """Funding that adds up to 90 % is refused with a message; the scenario is unchanged."""
    budget_page.text_area(key="budget_programs_text").set_value("SNAP | 100 | Federal = 90\n")
    budget_page.button(key="FormSubmitter:budget_programs_form-Use these programs").click().run()
    assert errors(budget_page) == [
        "- SNAP: funding percentages add up to 90 %, not 100 % (Federal 90 %)"
    ]
    assert shared_scenario(budget_page).budget == BudgetSettings()


def test_a_program_typed_twice_is_named_as_a_repeat_on_its_line(budget_page):
    """The page shows the repeat by line, not sums that do not add up; the text is kept."""
    text = "Medicaid | 50 | Federal = 100\nSNAP | 50 | Federal = 100\nMedicaid | 50 | State = 100\n"
    budget_page.text_area(key="budget_programs_text").set_value(text)
    budget_page.button(key="FormSubmitter:budget_programs_form-Use these programs").click().run()
    assert errors(budget_page) == [
        "- Medicaid is on lines 1 and 3; write each program once, on one line"
    ]
    assert budget_page.text_area(key="budget_programs_text").value == text
    assert shared_scenario(budget_page).budget == BudgetSettings()


def test_a_long_program_and_a_long_source_on_one_line_are_each_named_once(budget_page):
    """A program name of 117 characters on a line of two funding sources, the first of them 70
    characters long: the page names each name once, on its line, and keeps the text."""
    text = (
        "Supplemental Nutrition Assistance Program Employment and Training Component for "
        "Able-Bodied Adults Without Dependents | 50 | Federal Food and Nutrition Service "
        "Administrative Matching Grant Funds = 50 | State General Fund = 50\n"
        "Medicaid | 50 | Federal = 100\n"
    )
    use_programs_text(budget_page, text)
    assert errors(budget_page) == [
        "- line 1, Program: must be at most 60 characters (got 'Supplemental Nutrition "
        "Assistance Progra'… (117 characters))\n"
        "- line 1, Funding source: must be at most 60 characters (got 'Federal Food and "
        "Nutrition Service Admin'… (70 characters))"
    ]
    assert budget_page.text_area(key="budget_programs_text").value == text
    assert shared_scenario(budget_page).budget == BudgetSettings()


def test_a_long_program_name_in_the_table_is_named_once_with_its_rows(budget_page):
    """The table gives the program on each of its two rows: one message names both rows."""
    name = "Supplemental Nutrition Assistance Program Employment and Training Component"
    budget_page.session_state["budget_programs_table_1"] = {
        "edited_rows": {0: {"Program": name, "Workforce %": 100, "Funding %": 50}},
        "added_rows": [{"Program": name, "Funding source": "State", "Funding %": 50}],
        "deleted_rows": [],
    }
    budget_page.run()
    assert errors(budget_page) == [
        "- rows 1 and 2, Program: must be at most 60 characters (got 'Supplemental Nutrition "
        "Assistance Progra'… (75 characters))"
    ]
    assert shared_scenario(budget_page).budget == BudgetSettings()


def test_a_program_given_again_in_the_table_is_named_as_a_repeat_by_row(budget_page):
    """A program given again below another in the table is shown as a repeat by row, as the
    text shows it by line, not as funding adding up to 120 %."""
    budget_page.session_state["budget_programs_table_1"] = {
        "edited_rows": {0: {"Workforce %": 50}},
        "added_rows": [
            {"Program": "SNAP", "Workforce %": 50, "Funding source": "Federal", "Funding %": 100},
            {"Program": "All programs", "Funding source": "Grant", "Funding %": 20},
        ],
        "deleted_rows": [],
    }
    budget_page.run()
    assert errors(budget_page) == [
        "- All programs is on rows 1 and 3; give each program once, its rows one after another"
    ]
    assert shared_scenario(budget_page).budget == BudgetSettings()


def test_program_table_edit_that_breaks_the_sum_is_explained(budget_page):
    """A table edit leaving 50 % of the workforce unassigned shows the sum, not a traceback."""
    budget_page.session_state["budget_programs_table_1"] = {
        "edited_rows": {0: {"Workforce %": 50}},
        "added_rows": [],
        "deleted_rows": [],
    }
    budget_page.run()
    assert not budget_page.exception
    assert errors(budget_page) == [
        "- workforce percentages add up to 50 %, not 100 % (All programs 50 %)"
    ]


def test_illustrative_programs_button(budget_page):
    """The button loads Medicaid, SNAP and unemployment insurance."""
    budget_page.button(key="budget_example_programs").click().run()
    assert shared_scenario(budget_page).budget.programs == example_programs()


def test_zero_width_ranges_make_the_estimate_exact(budget_page):
    """With every range at 0 %, P10 = P50 = P90 = the exact cost."""
    for name in ("active_users", "peak_concurrency", "rates"):
        for end in ("low", "high"):
            budget_page.number_input(key=f"budget_{name}_{end}").set_value(0.0)
    budget_page.run()
    table = table_with(budget_page, "P50, estimate (USD)")
    cost = table[(table["Measure"] == "Cost") & (table["Plan"] == "Active users")]
    assert list(cost["P10, estimate (USD)"]) == list(cost["Planned, exact (USD)"])
    assert list(cost["P90, estimate (USD)"]) == ["$27,300.00", "$27,300.00"]


def test_settings_from_a_share_link_are_shown():
    """A link holding an October fiscal year and a 5 % rate opens with both on the page."""
    settings = BudgetSettings(fiscal_year_start_month=10, discount_rate=Decimal("0.05"))
    scenario = example_scenario().model_copy(update={"budget": settings})
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.query_params["s"] = to_token(scenario)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception
    assert app.selectbox(key="budget_fiscal_start").value == 10
    assert "NPV at 5.00 % a year (USD)" in table_with(app, "ROI").columns


def test_a_range_the_wrong_way_round_is_named_as_its_inputs(budget_page):
    """Lowest change 20 % above the highest 10 %: refused, naming the range and both ends by
    their labels; the scenario keeps its -10 % to 10 %."""
    budget_page.number_input(key="budget_active_users_low").set_value(20.0).run()
    assert errors(budget_page) == [
        f"{NOT_APPLIED}- active users (and their logged-in hours): lowest change (20 %) must be "
        "<= highest "
        "change (10 %)"
    ]
    assert shared_scenario(budget_page).budget == BudgetSettings()


def warnings(app: AppTest) -> list[str]:
    """Every warning as the reader sees it (Markdown escapes removed)."""
    return [plain(box.value) for box in app.warning]


def test_appropriation_starts_empty_and_flags_nothing(budget_page):
    assert budget_page.number_input(key="budget_appropriation").value is None
    assert warnings(budget_page) == []
    assert "Appropriation (USD)" not in table_with(budget_page, "Not to exceed (USD)").columns


def test_appropriation_flags_overruns_and_travels_in_the_share_link(budget_page):
    """$50,000 a fiscal year: named seats plan $60,000 in each half year (over by $10,000);
    active users plan $27,300 but could cost $39,000, within it."""
    budget_page.number_input(key="budget_appropriation").set_value(50_000.0).run()
    assert not budget_page.exception
    assert shared_scenario(budget_page).budget.appropriation == Decimal("50000")
    shown = warnings(budget_page)
    assert shown == [
        "Over the appropriation: the planned cost of Named seats is $60,000.00 in FY2027 (6 of its 12 months), "
        "$10,000.00 above the appropriation of $50,000.00.",
        "Over the appropriation: the planned cost of Named seats is $60,000.00 in FY2028 (6 of its 12 months), "
        "$10,000.00 above the appropriation of $50,000.00.",
    ]
    table = table_with(budget_page, "Appropriation (USD)")
    active = table[table["Plan"] == "Active users"]
    # Both fiscal years are halves: within only for the months the period covers.
    assert set(active["Against the appropriation"]) == {
        "within (6 months modeled), even at not to exceed"
    }


def test_october_start_names_the_months_each_partial_year_fits_for(budget_page):
    """October start, January to December 2027 at $200,000 a year: FY2027 holds 9 months and
    FY2028 3; each is within only for those months, in the table and in the sentence."""
    budget_page.selectbox(key="budget_fiscal_start").set_value(10).run()
    budget_page.number_input(key="budget_appropriation").set_value(200_000.0).run()
    assert not budget_page.exception
    table = table_with(budget_page, "Appropriation (USD)")
    named = table[table["Plan"] == "Named seats (today)"]
    assert list(named["Against the appropriation"]) == [
        "within (9 months modeled), even at not to exceed",
        "within (3 months modeled), even at not to exceed",
    ]
    sentence = keyed_block(budget_page, "budget_fiscal").get("caption")[0].value
    assert plain(sentence).endswith(
        "Every plan's planned cost fits the appropriation of $200,000.00 a year "
        "(FY2027 only for the 9 months modeled and FY2028 only for the 3 months modeled)."
    )


def test_a_plan_name_in_an_overrun_flag_shows_as_typed():
    """A plan named like a Markdown link is quoted in the flag as text, not drawn as a link to a
    hidden address, and its ``*`` do not start italics."""
    scenario = example_scenario()
    renamed = scenario.plans[1].model_copy(update={"name": "[*Gold*](https://x.example)"})
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.query_params["s"] = to_token(
        scenario.model_copy(update={"plans": [scenario.plans[0], renamed]})
    )
    app.run()
    app.switch_page(PAGE).run()
    app.number_input(key="budget_appropriation").set_value(10.0).run()
    assert not app.exception
    [flag, *_] = [box.value for box in app.warning if "[" in plain(box.value)]
    assert flag.startswith(
        r"Over the appropriation: the planned cost of \[\*Gold\*\](https://x.example) is "
    )


def test_appropriation_below_the_ceiling_warns_it_could_overrun(budget_page):
    budget_page.number_input(key="budget_appropriation").set_value(30_000.0).run()
    could = [w for w in warnings(budget_page) if w.startswith("Could overrun: Active users")]
    assert len(could) == 2
    assert "allows up to $39,000.00, $9,000.00 above it" in could[0]


def test_an_appropriation_out_of_range_is_refused_by_name(budget_page):
    budget_page.number_input(key="budget_appropriation").set_value(2e9).run()
    assert not budget_page.exception
    assert any("appropriation per fiscal year" in line for line in errors(budget_page))
    assert shared_scenario(budget_page).budget.appropriation is None


def test_cost_by_program_chart_and_table(budget_page):
    """With the illustrative programs the active-user plan's FY2027 ($27,300) splits 40/40/20."""
    budget_page.button(key="budget_example_programs").click().run()
    table = table_with(budget_page, "Share of the year")
    first = table[table["Fiscal year"] == "FY2027 (partial: 6 of 12 months)"]
    assert list(first["Cost (USD)"]) == ["$10,920.00", "$10,920.00", "$5,460.00"]
    assert list(first["Program"]) == ["Medicaid", "SNAP", "Unemployment insurance"]


def test_a_discount_rate_edit_runs_the_page_once(budget_page, monkeypatch):
    """The rate is applied in the run that received it: the figures and the link follow in
    that run."""
    runs = count_runs(monkeypatch)
    budget_page.number_input(key="budget_discount_rate").set_value(0.0).run()
    assert len(runs) == 1
    assert metrics(budget_page)["NPV: Active users"] == "$65,400.00"
    assert shared_scenario(budget_page).budget.discount_rate == 0


def test_edits_after_a_discount_rate_edit_are_kept(budget_page):
    """The next input, the same one or the currency drawn before it, is not refilled over."""
    budget_page.number_input(key="budget_discount_rate").set_value(0.0).run()
    budget_page.selectbox(key="scenario_currency").set_value("EUR").run()
    budget_page.number_input(key="budget_discount_rate").set_value(5.0).run()
    kept = shared_scenario(budget_page)
    assert (kept.currency, kept.budget.discount_rate) == ("EUR", Decimal("0.05"))
    assert budget_page.number_input(key="budget_discount_rate").value == 5.0
    assert budget_page.selectbox(key="scenario_currency").value == "EUR"


def test_the_reports_can_be_taken_from_the_budget_page(budget_page):
    """A budget officer prints from the Budget page: the workbook and both reports are there,
    the PDF on the currency's usual paper, each built from this page's scenario."""
    buttons = keyed_block(budget_page, "budget_reports").get("download_button")
    assert [button.label for button in buttons] == [
        "Workbook with formulas (Excel)",
        "Report (HTML)",
        "Report (PDF, US Letter)",
    ]


@pytest.mark.parametrize(
    ("key", "named"),
    [
        ("budget_discount_rate", "discount rate"),
        ("budget_rates_high", "rates of the alternative plans, highest change"),
        ("budget_tornado_change", "tornado: move each input by"),
    ],
)
def test_a_percentage_finer_than_four_places_is_refused_and_kept_on_screen(budget_page, key, named):
    """3.123456 % was rounded to 3.1235 % without a word: it is refused by name, in percent as
    typed; the box keeps it and the settings stay as they were."""
    budget_page.number_input(key=key).set_value(3.123456).run()
    assert errors(budget_page) == [
        f"{NOT_APPLIED}- {named}: must have at most 4 decimal places in percent (got 3.123456 %)"
    ]
    assert budget_page.number_input(key=key).value == 3.123456
    assert shared_scenario(budget_page).budget == BudgetSettings()


@pytest.mark.parametrize(
    ("key", "typed", "problem"),
    [
        ("budget_discount_rate", 150.0, "discount rate: must be 100 % or less (got 150 %)"),
        ("budget_discount_rate", -3.0, "discount rate: must be 0 % or more (got -3 %)"),
        ("budget_discount_rate", None, "discount rate: is empty; type a number"),
        (
            "budget_tornado_change",
            0.0,
            "tornado: move each input by: must be more than 0 % (got 0 %)",
        ),
        ("budget_draws", None, "draws: is empty; type a number"),
    ],
)
def test_a_setting_out_of_range_or_emptied_is_refused_by_name(budget_page, key, typed, problem):
    """A box with limits held 150 % back without a word (the old rate went on being used), and
    a box cleared became its minimum, 0 %: both are refused by name, in percent, and the
    settings stay as they were."""
    budget_page.number_input(key=key).set_value(typed).run()
    assert errors(budget_page) == [f"{NOT_APPLIED}- {problem}"]
    assert budget_page.number_input(key=key).value == typed
    assert shared_scenario(budget_page).budget == BudgetSettings()


def test_the_discount_rate_shows_every_decimal_kept(budget_page):
    """3.1234 % a year is kept exactly; the box showed it as 3.12."""
    budget_page.number_input(key="budget_discount_rate").set_value(3.1234).run()
    assert shared_scenario(budget_page).budget.discount_rate == Decimal("0.031234")
    assert budget_page.number_input(key="budget_discount_rate").format == "%g"


def test_a_program_s_later_rows_leave_its_workforce_empty(budget_page):
    """The illustrative programs give each program's workforce on its first row only; the
    cells below read empty (placeholder ""), not Streamlit's "None", and the column's help says
    what an empty cell means."""
    budget_page.button(key="budget_example_programs").click().run()
    (table,) = [e for e in budget_page.data_editor if e.key.startswith("budget_programs_table")]
    assert table.value["Workforce %"].isna().any()
    assert (table.proto.HasField("placeholder"), table.proto.placeholder) == (True, "")
    workforce = json.loads(table.proto.columns)["Workforce %"]
    assert workforce["help"].endswith("left empty on its later rows, which share it")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (-5.0, "must be 0 or more (got -5.00)"),
        (12.345, "must have at most 2 decimal places (got 12.345)"),
        # The value written as the limit is, every digit kept.
        (1e12, "must be 1,000,000,000 or less (got 1,000,000,000,000.00)"),
    ],
)
def test_a_bad_appropriation_is_refused_by_name_and_kept_on_screen(budget_page, typed, problem):
    """Below 0 the box's own minimum answered in Streamlit's words and the page kept the old
    figure unseen: the box takes what was typed, the settings refuse it by name and stay, and
    the error box says first that the page's figures are still those of the settings before."""
    budget_page.number_input(key="budget_appropriation").set_value(typed).run()
    assert errors(budget_page) == [f"{NOT_APPLIED}- appropriation per fiscal year: {problem}"]
    assert budget_page.number_input(key="budget_appropriation").value == typed
    assert shared_scenario(budget_page).budget == BudgetSettings()


def test_an_emptied_appropriation_box_says_what_it_removed(budget_page):
    """The browser sends an empty box for a number it cannot read (1e400) just as for a box
    emptied on purpose: the removed $1,000,000.00 is named, with both causes."""
    budget_page.number_input(key="budget_appropriation").set_value(1_000_000.0).run()
    budget_page.number_input(key="budget_appropriation").set_value(None).run()
    assert shared_scenario(budget_page).budget.appropriation is None
    assert [plain(box.value) for box in budget_page.warning][:1] == [
        "Appropriation per fiscal year: the box is empty, so the appropriation of $1,000,000.00 "
        "no longer applies. If you typed an amount, it could not be read (too large, or not a "
        "number): type it again, or restore $1,000,000.00."
    ]


def test_the_emptied_appropriation_is_restored_in_one_click(budget_page):
    """Restore puts the $1,000,000.00 back in the settings and in the box; the notice goes."""
    budget_page.number_input(key="budget_appropriation").set_value(1_000_000.0).run()
    budget_page.number_input(key="budget_appropriation").set_value(None).run()
    budget_page.button(key="budget_restore_appropriation").click().run()
    assert shared_scenario(budget_page).budget.appropriation == Decimal(1_000_000)
    assert budget_page.number_input(key="budget_appropriation").value == 1_000_000.0
    assert not [box for box in budget_page.warning if "the box is empty" in box.value]


def test_program_percentages_are_taken_as_typed_to_be_refused_by_name(budget_page):
    """With limits of 0-100 the table clamped a typed 150 to 100 in the browser, without a word:
    the percentages are taken as typed, for the programs to refuse 150 by row and column."""
    budget_page.button(key="budget_example_programs").click().run()
    (table,) = [e for e in budget_page.data_editor if e.key.startswith("budget_programs_table")]
    for name in ("Workforce %", "Funding %"):
        config = json.loads(table.proto.columns)[name].get("type_config", {})
        assert {"step", "min_value", "max_value"}.isdisjoint(config), name


USE_PROGRAMS = "FormSubmitter:budget_programs_form-Use these programs"
USE_SPLIT = "FormSubmitter:budget_monthly_form-Use this split"
SPLIT_HEADER = "Month,Medicaid,SNAP,Unemployment insurance\n"


def split_toggle(app: AppTest):
    """The "Split the workforce month by month" switch (its key ends with the revision)."""
    return next(toggle for toggle in app.toggle if toggle.key.startswith("budget_vary_monthly_"))


def with_a_split(app: AppTest) -> AppTest:
    """The illustrative programs with February 2027 split 60/30/10, applied as CSV text."""
    app.button(key="budget_example_programs").click().run()
    split_toggle(app).set_value(True).run()
    app.text_area(key="budget_monthly_text").set_value(SPLIT_HEADER + "2027-02,60,30,10\n")
    app.button(key=USE_SPLIT).click().run()
    assert [entry.month for entry in shared_scenario(app).budget.monthly_shares] == ["2027-02"]
    return app


def use_programs_text(app: AppTest, text: str) -> AppTest:
    app.text_area(key="budget_programs_text").set_value(text)
    return app.button(key=USE_PROGRAMS).click().run()


RENAMED = (
    "Medicaid | 40 | Federal = 75 | State general revenue = 25\n"
    "SNAP-Ed | 40 | Federal = 50 | State general revenue = 50\n"
    "Unemployment insurance | 20 | Federal = 100\n"
)
SPLIT_REMOVED = (
    "The month-by-month split was removed: it named the programs Medicaid, SNAP, Unemployment "
    "insurance, and the programs are now Medicaid, SNAP-Ed, Unemployment insurance. Turn on "
    '"Split the workforce month by month" to enter it again.'
)


def test_renaming_a_program_removes_the_split_and_says_so(budget_page):
    """SNAP renamed SNAP-Ed: the split named SNAP, so it goes, and the page says why."""
    use_programs_text(with_a_split(budget_page), RENAMED)
    assert shared_scenario(budget_page).budget.monthly_shares == []
    assert not split_toggle(budget_page).value
    assert SPLIT_REMOVED in [plain(shown) for shown in warnings(budget_page)]


def test_the_split_removed_notice_is_shown_once(budget_page):
    """The notice belongs to the change: the next run of the page does not repeat it."""
    use_programs_text(with_a_split(budget_page), RENAMED).run()
    assert SPLIT_REMOVED not in [plain(shown) for shown in warnings(budget_page)]


def test_new_percentages_of_the_same_programs_keep_the_split(budget_page):
    """Medicaid's funding moved to 80/20 and the workforce to 50/30/20: the split stays."""
    use_programs_text(
        with_a_split(budget_page),
        "Medicaid | 50 | Federal = 80 | State general revenue = 20\n"
        "SNAP | 30 | Federal = 50 | State general revenue = 50\n"
        "Unemployment insurance | 20 | Federal = 100\n",
    )
    settings = shared_scenario(budget_page).budget
    assert [program.share for program in settings.programs] == [
        Decimal("0.5"),
        Decimal("0.3"),
        Decimal("0.2"),
    ]
    assert [entry.month for entry in settings.monthly_shares] == ["2027-02"]
    assert split_toggle(budget_page).value
    assert warnings(budget_page) == []


def test_a_split_month_outside_the_scenario_is_refused_by_line(budget_page):
    """2030-01 in a 2027 scenario is refused; the text stays and the earlier split holds."""
    with_a_split(budget_page)
    typed = SPLIT_HEADER + "2030-01,50,50,0\n"
    budget_page.text_area(key="budget_monthly_text").set_value(typed)
    budget_page.button(key=USE_SPLIT).click().run()
    assert errors(budget_page) == [
        "- line 2 (2030-01), Month: not one of the scenario's months (2027-01 to 2027-12)"
    ]
    assert budget_page.text_area(key="budget_monthly_text").value == typed
    assert [e.month for e in shared_scenario(budget_page).budget.monthly_shares] == ["2027-02"]


def test_an_emptied_split_box_keeps_the_split_and_says_so(budget_page):
    """The CSV box cleared, then "Use this split": the split was thrown away without a word and
    the switch turned off. Now the text is refused and the split holds."""
    with_a_split(budget_page)
    budget_page.text_area(key="budget_monthly_text").set_value("")
    budget_page.button(key=USE_SPLIT).click().run()
    assert errors(budget_page) == [
        "- the text holds no month: write one line per month under the header (the month, then "
        "each program's percentage)"
    ]
    assert [e.month for e in shared_scenario(budget_page).budget.monthly_shares] == ["2027-02"]
    assert split_toggle(budget_page).value


def test_editing_the_split_keeps_a_saved_month_outside_the_horizon():
    """A link whose split names March 2026, before the scenario's first month (the scenario was
    moved since): typing February 2027's split keeps March 2026's, which the model allows and
    which applies again should the months come back."""
    earlier = MonthlyShares(
        month="2026-03",
        shares={"Medicaid": Decimal("0.5"), "SNAP": Decimal("0.5"), "Unemployment insurance": 0},
    )
    budget = BudgetSettings(programs=example_programs(), monthly_shares=[earlier])
    app = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    app.query_params["s"] = to_token(example_scenario().model_copy(update={"budget": budget}))
    app.run().switch_page(PAGE).run()
    app.text_area(key="budget_monthly_text").set_value(SPLIT_HEADER + "2027-02,60,30,10\n")
    app.button(key=USE_SPLIT).click().run()
    saved = shared_scenario(app).budget.monthly_shares
    assert [entry.month for entry in saved] == ["2026-03", "2027-02"]
    assert saved[0] == earlier
