"""The side-by-side page: columns from this session or from files, totals, savings, exports.

Oracle: the worked example ($10,000.00 a month with named seats, $4,550.00 with active users)
and an offer of active users at $60 ($4,200.00 a month).
"""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from app.components.share_panel import WHERE_THE_DOWNLOAD_IS
from app.share import link_too_long, offers_from_token, offers_to_token, to_token
from calculator import CountingRule, Plan, example_scenario, scenario_to_json
from tests.app.helpers import (
    current_scenario,
    keyed_block,
    metrics,
    plain,
    recorded_download_names,
    scenario_too_long_for_a_link,
    uploader,
)

PAGE = "app_pages/side_by_side.py"
FILE_NOT_IN_LINK = (
    "A scenario file cannot travel in a link: the link opens its column waiting for the file. "
    "Send the file with it, or save it as an offer above, which the link holds."
)
ADD_A_COLUMN = (
    "Add a second column to see what switching would save: upload a scenario file saved from the "
    "calculator in column 2, save an offer above, or choose this session's scenario there to "
    "compare two of its plans."
)
OFFER = example_scenario().model_copy(
    update={
        "name": "Offer B",
        "plans": [Plan(name="Active 60", rule=CountingRule.ACTIVE_USER, rate=Decimal(60))],
        "baseline": "Active 60",
    }
)


def open_page(app: AppTest) -> AppTest:
    app.run()
    return app.switch_page(PAGE).run()


def shown(at: AppTest) -> dict[str, str]:
    """Metrics as the reader sees them (labels without Markdown escapes)."""
    return {plain(label): value for label, value in metrics(at).items()}


def upload(at: AppTest, column: int, data: bytes) -> AppTest:
    return (
        uploader(at, f"side_by_side_{column}_file")
        .set_value(("offer.json", data, "application/json"))
        .run()
    )


def test_first_column_is_this_sessions_scenario(app: AppTest):
    """Alone, the reference shows today's plan: $10,000.00 a month."""
    at = open_page(app)
    assert not at.exception
    assert shown(at) == {"Worked example: per month (average)": "$10,000.00"}


def test_alone_the_reference_says_how_to_add_a_second_column(app: AppTest):
    """With column 2 waiting for a file, the page says what each way to fill it is; once the
    second column is in use, the hint is gone."""
    at = open_page(app)
    hints = [box.value for box in at.info if box.value == ADD_A_COLUMN]
    assert hints == [ADD_A_COLUMN]
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    assert ADD_A_COLUMN not in [box.value for box in at.info]


def test_current_scenario_twice_compares_its_cheapest_plan(app: AppTest):
    """Column 2 = this session's scenario, automatic plan: active users save $65,400.00."""
    at = open_page(app)
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    figures = shown(at)
    assert figures["Worked example (2): per month (average)"] == "$4,550.00"
    assert figures["Worked example (2): savings against Worked example"] == "$65,400.00"
    assert at.metric[2].delta == "54.5 %"


def test_uploaded_offer(app: AppTest):
    """An offer file: 70 x $60 = $4,200.00 a month, saving $69,600.00 over the year."""
    at = upload(open_page(app), 1, scenario_to_json(OFFER).encode())
    assert not at.exception
    assert shown(at)["Offer B: savings against Worked example"] == "$69,600.00"
    headline = keyed_block(at, "side_by_side_headline")
    assert plain(headline.markdown[0].value) == (
        "Moving from Worked example to Offer B saves $69,600.00 over 12 months (58.0 %)."
    )


def test_labels_and_plans_can_be_chosen(app: AppTest):
    """A label replaces the name; the plan picker offers the scenario's plans."""
    at = open_page(app)
    at.text_input(key="side_by_side_0_label").input("Today").run()
    at.selectbox(key="side_by_side_0_plan").set_value("Active users").run()
    assert shown(at) == {"Today: per month (average)": "$4,550.00"}


def test_bad_file_is_explained(app: AppTest):
    """A file that is not a scenario leaves its column out and says why."""
    at = upload(open_page(app), 1, b"not json")
    assert not at.exception
    assert plain(at.error[0].value).startswith(
        "This file could not be loaded:\n- scenario file 'offer.json' is not valid JSON"
    )
    assert len(at.metric) == 1


def test_other_currency_is_refused_with_the_reason(app: AppTest):
    """A EUR offer beside a USD reference: the calculator's message, no traceback."""
    euros = OFFER.model_copy(update={"currency": "EUR"})
    at = upload(open_page(app), 1, scenario_to_json(euros).encode())
    assert not at.exception
    assert plain(at.error[0].value) == (
        "scenario 2 'Offer B' is in EUR but scenario 1 'Worked example' is in USD; side by "
        "side needs one currency"
    )


def test_charts_with_tables_and_downloads(app: AppTest):
    """Both charts with their tables, and the four exports."""
    at = upload(open_page(app), 1, scenario_to_json(OFFER).encode())
    for key in (
        "side_by_side_chart_side_by_side_totals",
        "side_by_side_chart_side_by_side_monthly",
    ):
        assert len(keyed_block(at, key).dataframe) == 1, key
    buttons = keyed_block(at, "side_by_side_downloads").get("download_button")
    assert [button.label for button in buttons] == [
        "Tables (ZIP of CSV)",
        "Workbook (Excel)",
        "Report (HTML)",
        "Report (PDF, US Letter)",
    ]


def captions_of_tables(at: AppTest) -> list[str]:
    """The bold captions the page writes above its tables."""
    return [plain(m.value) for m in at.markdown if m.value.startswith("**")]


def test_an_offer_of_several_years_is_shown_by_contract_year(app: AppTest):
    """A 30-month offer (70 x $60 = $4,200 a month) beside today's year: its base year, option
    1 and the six months of option 2, and today's year alone."""
    longer = OFFER.model_copy(update={"staffing": OFFER.staffing[:1] * 30})
    at = upload(open_page(app), 1, scenario_to_json(longer).encode())
    caption = "Cost by contract year, side by side (USD; Offer B's year 3: 6 of 12 months)"
    assert f"**{caption}**" in captions_of_tables(at)
    [table] = [d.value for d in at.dataframe if "Contract year" in d.value.columns]
    assert table.values.tolist() == [
        ["Year 1 (base)", "$120,000.00", "$50,400.00"],
        ["Year 2 (option 1)", "–", "$50,400.00"],
        ["Year 3 (option 2)", "–", "$25,200.00"],
    ]


def test_offers_of_one_year_need_no_table_by_contract_year(app: AppTest):
    at = upload(open_page(app), 1, scenario_to_json(OFFER).encode())
    assert not any("contract year" in caption for caption in captions_of_tables(at))
    assert not [d for d in at.dataframe if "Contract year" in d.value.columns]


def open_with_offers(app: AppTest, *offers) -> AppTest:
    app.query_params["o"] = offers_to_token(list(offers))
    return open_page(app)


def test_save_as_an_offer_keeps_it_in_the_session_and_the_link(app: AppTest):
    """Saving the session's scenario lists it, puts it in the link and in column 2."""
    at = open_page(app)
    assert "o" not in at.query_params
    at.button(key="side_by_side_save_offer").click().run()
    assert at.session_state["offers"] == (example_scenario(),)
    assert offers_from_token(at.query_params["o"]) == [example_scenario()]
    assert at.selectbox(key="side_by_side_1_source").value == "Offer 1: Worked example"
    assert shown(at)["Worked example (Offer 1): savings against Worked example (this session)"] == (
        "$65,400.00"
    )


def test_same_names_are_told_apart_by_where_they_come_from(app: AppTest):
    """Two scenarios named alike, one this session's and one an offer: each labelled by its
    origin, not numbered (before: "Worked example (2)", with no word on which was which). A
    label given wins; the same origin twice is still numbered."""
    at = open_page(app)
    at.button(key="side_by_side_save_offer").click().run()
    labels = [plain(m.label) for m in keyed_block(at, "side_by_side_headline").metric]
    assert labels[0] == "Worked example (this session): per month (average)"
    at.text_input(key="side_by_side_1_label").input("Proposal B").run()
    labels = [plain(m.label) for m in keyed_block(at, "side_by_side_headline").metric]
    assert labels[:2] == ["Worked example: per month (average)", "Proposal B: per month (average)"]
    at.text_input(key="side_by_side_1_label").input("").run()
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    labels = [plain(m.label) for m in keyed_block(at, "side_by_side_headline").metric]
    assert labels[:2] == [
        "Worked example: per month (average)",
        "Worked example (2): per month (average)",
    ]


def test_offers_in_the_link_open_in_the_columns(app: AppTest):
    """A link with an offer: the offer fills column 2 with no upload."""
    at = open_with_offers(app, OFFER)
    assert not at.exception
    assert shown(at)["Offer B: savings against Worked example"] == "$69,600.00"


def test_the_same_scenario_is_saved_once(app: AppTest):
    """Saving an unchanged scenario twice says it is already an offer."""
    at = open_page(app)
    at.button(key="side_by_side_save_offer").click().run()
    at.button(key="side_by_side_save_offer").click().run()
    assert len(at.session_state["offers"]) == 1
    assert [plain(w.value) for w in at.warning] == ["This scenario is already offer 1."]


def test_at_most_three_offers_and_one_can_be_removed(app: AppTest):
    """With three offers the save button is disabled; removing the second keeps the others."""
    others = [OFFER.model_copy(update={"name": f"Offer {n}"}) for n in "CD"]
    at = open_with_offers(app, OFFER, *others)
    assert at.button(key="side_by_side_save_offer").disabled
    at.button(key="side_by_side_remove_offer_1").click().run()
    assert [offer.name for offer in at.session_state["offers"]] == ["Offer B", "Offer D"]
    assert [o.name for o in offers_from_token(at.query_params["o"])] == ["Offer B", "Offer D"]
    assert not at.button(key="side_by_side_save_offer").disabled


def test_offers_too_long_for_the_link_stay_in_the_session_and_say_so(app: AppTest, monkeypatch):
    """Past the link's cap the offers leave the address, stay usable, and a warning says why."""
    monkeypatch.setattr("app.share.MAX_LINK_CHARS", 100)
    monkeypatch.setattr("app.offers.MAX_LINK_CHARS", 100)
    at = open_page(app)
    at.button(key="side_by_side_save_offer").click().run()
    assert "o" not in at.query_params
    assert len(at.session_state["offers"]) == 1
    note = [plain(w.value) for w in at.warning if "session only" in w.value]
    assert len(note) == 1
    assert "over the limit of 100" in note[0]


def test_a_damaged_offers_link_still_opens_the_scenario(app: AppTest):
    """Bad offers are left out with a warning; the scenario and the page work."""
    app.query_params["o"] = "o1.not-a-token"
    at = open_page(app)
    assert not at.exception
    assert any("offers in this link could not be opened" in w.value for w in at.warning)
    assert shown(at) == {"Worked example: per month (average)": "$10,000.00"}


def test_two_different_offers_parameters_open_neither(app: AppTest):
    """``?o=A&o=B`` (two links pasted together): neither set of offers is guessed at."""
    other = OFFER.model_copy(update={"name": "Offer C"})
    app.query_params["o"] = [offers_to_token([OFFER]), offers_to_token([other])]
    at = open_page(app)
    assert at.session_state["offers"] == ()
    assert [plain(w.value) for w in at.warning if "offers" in w.value] == [
        "The offers in this link could not be opened: the share link holds 2 different sets of "
        "offers, so which one was meant is unclear. The scenario opened without them: ask for the "
        "link again, or add the offers from scenario files on the Side by side page."
    ]


def test_the_same_offers_parameter_twice_opens_it(app: AppTest):
    """``?o=A&o=A`` leaves no doubt."""
    app.query_params["o"] = [offers_to_token([OFFER])] * 2
    at = open_page(app)
    assert at.session_state["offers"] == (OFFER,)
    assert not at.warning


LINK_NOTICE = (
    "Some column choices in this link could not be used, so those columns show their defaults: "
)
OFFER_C = OFFER.model_copy(update={"name": "Offer C"})


def link_notices(at: AppTest) -> list[str]:
    """The notices about the link's column choices, as the reader sees them."""
    return [plain(box.value) for box in at.info if plain(box.value).startswith(LINK_NOTICE)]


def column_params(at: AppTest) -> dict[str, str]:
    """The address's parameters other than the scenario and the offers."""
    return {name: value for name, value in at.query_params.items() if name not in ("s", "o")}


def choose_offers_as_columns(at: AppTest) -> AppTest:
    """Offer 1 as the reference, offer 2 in column 2 (column 3 keeps offer 2)."""
    at.selectbox(key="side_by_side_0_source").set_value("Offer 1: Offer B").run()
    return at.selectbox(key="side_by_side_1_source").set_value("Offer 2: Offer C").run()


def reopen(at: AppTest) -> AppTest:
    """A fresh session opened with ``at``'s address."""
    fresh = AppTest.from_file(at._script_path, default_timeout=30)
    for name, value in at.query_params.items():
        fresh.query_params[name] = value
    return open_page(fresh)


def test_chosen_columns_are_kept_in_the_address(app: AppTest):
    """Offer 1, offer 2, offer 2: ``?c=o1.o2.o2``."""
    at = choose_offers_as_columns(open_with_offers(app, OFFER, OFFER_C))
    assert column_params(at) == {"c": "o1.o2.o2"}


def test_a_copied_address_reopens_the_columns_chosen(app: AppTest):
    """The reference is offer 1 in the new session too, not this session's scenario."""
    at = choose_offers_as_columns(open_with_offers(app, OFFER, OFFER_C))
    again = reopen(at)
    assert not again.exception
    assert again.selectbox(key="side_by_side_0_source").value == "Offer 1: Offer B"
    assert shown(again) == shown(at)


def test_a_copied_address_reopens_a_columns_plan_and_label(app: AppTest):
    """Column 2 shows this session's scenario with named seats, labelled "Today"."""
    at = open_page(app)
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    at.selectbox(key="side_by_side_1_plan").set_value("Named seats").run()
    at.text_input(key="side_by_side_1_label").input("Today").run()
    assert column_params(at) == {"c": "s.s.x", "p2": "Named seats", "l2": "Today"}
    assert shown(reopen(at))["Today: savings against Worked example"] == "$0.00"


def test_columns_back_at_their_defaults_leave_the_address(app: AppTest):
    """Column 2 set to this session's scenario and back to a file: the link drops ``c``."""
    at = open_page(app)
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    assert column_params(at) == {"c": "s.s.x"}
    at.selectbox(key="side_by_side_1_source").set_value("A scenario file").run()
    assert column_params(at) == {}


def test_a_link_naming_an_offer_it_lacks_opens_the_defaults_and_says_so(app: AppTest):
    """``?c=o1`` without offers (they did not fit in the link): the reference is this session's
    scenario, a short notice says why, and the address drops the choice."""
    app.query_params["c"] = "o1"
    at = open_page(app)
    assert not at.exception
    assert shown(at) == {"Worked example: per month (average)": "$10,000.00"}
    assert link_notices(at) == [
        f"{LINK_NOTICE}column 1: the link names offer 1, and this session has no offers."
    ]
    assert column_params(at) == {}


def test_a_link_naming_an_offer_past_the_sessions_says_how_many_there_are(app: AppTest):
    """``?c=s.o2`` with one offer: column 2 keeps offer 1, and the notice counts the offers."""
    app.query_params["c"] = "s.o2"
    at = open_with_offers(app, OFFER)
    assert at.selectbox(key="side_by_side_1_source").value == "Offer 1: Offer B"
    assert link_notices(at) == [
        f"{LINK_NOTICE}column 2: the link names offer 2, and this session has 1 offer."
    ]


def test_a_link_naming_a_plan_the_scenario_lacks_keeps_the_automatic_plan(app: AppTest):
    app.query_params["p1"] = "No such plan"
    at = open_page(app)
    assert not at.exception
    assert at.selectbox(key="side_by_side_0_plan").value == "Automatic: today's plan"
    assert link_notices(at) == [
        f"{LINK_NOTICE}column 1: scenario 'Worked example' has no plan 'No such plan'."
    ]


def test_the_notice_names_every_choice_left_out_once(app: AppTest):
    """An unknown source in column 2 and too long a label in column 3: both, in column order."""
    app.query_params["c"] = "s.zz"
    app.query_params["l3"] = "y" * 61
    at = open_page(app)
    assert link_notices(at) == [
        f"{LINK_NOTICE}column 2: the link names 'zz', which is no scenario this page knows; "
        f"column 3: label '{'y' * 40}'… (61 characters) must be at most 60 characters."
    ]


def test_values_in_the_notice_show_as_typed(app: AppTest):
    """A plan named ``**Gold**`` is quoted with its asterisks, not drawn in bold."""
    app.query_params["p1"] = "**Gold**"
    at = open_page(app)
    [box] = [box for box in at.info if plain(box.value).startswith(LINK_NOTICE)]
    assert "'\\*\\*Gold\\*\\*'" in box.value


def test_the_notice_goes_once_a_column_is_chosen(app: AppTest):
    app.query_params["c"] = "zz"
    at = open_page(app)
    assert link_notices(at)
    at.run()  # the notice stays while the columns are as the link left them
    assert link_notices(at)
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    assert link_notices(at) == []


def test_the_links_columns_give_way_to_the_persons(app: AppTest):
    """The link's choice is applied once: the person's own choice stays on the next run."""
    app.query_params["c"] = "s.s"
    at = open_page(app)
    assert at.selectbox(key="side_by_side_1_source").value == "This session's scenario"
    at.selectbox(key="side_by_side_1_source").set_value("Not used").run()
    at.switch_page(PAGE).run()
    assert at.selectbox(key="side_by_side_1_source").value == "Not used"


def test_download_names_follow_the_column_labels(app: AppTest, monkeypatch):
    """Three columns of this session's scenario: each label, "(3)" included, is in the names."""
    names = recorded_download_names(monkeypatch)
    at = open_page(app)
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    names.clear()
    at.selectbox(key="side_by_side_2_source").set_value("This session's scenario").run()
    assert names[0] == "side-by-side-worked-example-worked-example-2-worked-example-3.zip"


def test_a_file_columns_plan_and_label_wait_for_the_file(app: AppTest):
    """``?p2=Active 60&l2=Vendor B`` with column 2 waiting for a file (a link cannot carry it):
    the choices were dropped from the address without a word. They now wait, said under the
    box and kept in the address, and apply once the file is loaded."""
    app.query_params["p2"] = "Active 60"
    app.query_params["l2"] = "Vendor B"
    at = open_page(app)
    assert (
        "The link chose plan 'Active 60' and label 'Vendor B' for this column: they apply "
        "once a scenario file is loaded." in [plain(caption.value) for caption in at.caption]
    )
    assert column_params(at) == {"p2": "Active 60", "l2": "Vendor B"}
    assert not link_notices(at)
    at = upload(at, 1, scenario_to_json(OFFER).encode())
    assert at.selectbox(key="side_by_side_1_plan").value == "Active 60"
    assert at.text_input(key="side_by_side_1_label").value == "Vendor B"
    assert shown(at)["Vendor B: savings against Worked example"] == "$69,600.00"


def with_a_known_address(monkeypatch) -> None:
    """The browser's address as a served page knows it (AppTest has none)."""
    monkeypatch.setattr(
        "app.components.side_by_side_inputs.share_link",
        lambda token: f"https://seats.example.org/side_by_side/?s={token}",
    )


def link_box(at: AppTest) -> str:
    return at.text_input(key="side_by_side_link").value


def test_the_link_box_reopens_the_same_comparison(app: AppTest, monkeypatch):
    """The box holds the scenario, the offers and every column's choice, a label with ``&``
    included, and a session opened with its parameters shows the same figures."""
    with_a_known_address(monkeypatch)
    at = choose_offers_as_columns(open_with_offers(app, OFFER, OFFER_C))
    at.text_input(key="side_by_side_1_label").input("Vendor B & C").run()
    link = urlsplit(link_box(at))
    assert link.path == "/side_by_side/"
    params = parse_qs(link.query)
    assert params == {
        "s": [at.query_params["s"]],
        "o": [at.query_params["o"]],
        "c": ["o1.o2.o2"],
        "l2": ["Vendor B & C"],
    }
    fresh = AppTest.from_file(at._script_path, default_timeout=30)
    for name, (value,) in params.items():
        fresh.query_params[name] = value
    again = open_page(fresh)
    assert not again.exception
    assert shown(again) == shown(at)
    assert "Vendor B & C: savings against Offer B" in shown(again)


def test_a_file_in_a_column_is_said_not_to_travel_in_the_link(app: AppTest, monkeypatch):
    with_a_known_address(monkeypatch)
    at = open_page(app)
    assert FILE_NOT_IN_LINK not in [caption.value for caption in at.caption]
    at = upload(at, 1, scenario_to_json(OFFER).encode())
    assert link_box(at)
    assert FILE_NOT_IN_LINK in [caption.value for caption in at.caption]


def test_a_scenario_too_large_for_a_link_says_where_its_file_is(app: AppTest, monkeypatch):
    """No link box then, and the warning sends the person to the calculator's sidebar, the one
    place that downloads the scenario."""
    with_a_known_address(monkeypatch)
    app.run()
    scenario = scenario_too_long_for_a_link()
    uploader(app, "share_upload").set_value(
        ("big.json", scenario_to_json(scenario).encode(), "application/json")
    ).run()
    at = app.switch_page(PAGE).run()
    assert not at.exception
    assert f"{link_too_long(to_token(scenario))} {WHERE_THE_DOWNLOAD_IS}" in [
        warning.value for warning in at.warning
    ]
    assert not [box for box in at.text_input if box.key == "side_by_side_link"]


def test_no_link_box_where_the_address_is_not_known(app: AppTest):
    """Without the browser's address there is no link to offer, and no empty box."""
    at = open_page(app)
    assert not [box for box in at.text_input if box.key == "side_by_side_link"]


def test_a_plan_for_a_column_not_used_is_named_in_the_notice(app: AppTest):
    """``?c=s.s.x&p3=Gold``: column 3 is not used, so its plan cannot apply, and the notice says
    so rather than dropping it."""
    app.query_params["c"] = "s.s.x"
    app.query_params["p3"] = "Gold"
    at = open_page(app)
    assert link_notices(at) == [
        f"{LINK_NOTICE}column 3: plan 'Gold' cannot apply to a column not used."
    ]


def visit_the_budget(at: AppTest) -> AppTest:
    at.switch_page("app_pages/budget.py").run()
    return at.switch_page(PAGE).run()


def test_a_visit_to_another_page_keeps_the_columns_choices(app: AppTest):
    """Column 2 set to this session's scenario, a plan and a label; the Budget page opened and
    this page again: the choices and the figures are as left (before, column 2 was back to
    waiting for a file)."""
    at = open_page(app)
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    at.selectbox(key="side_by_side_1_plan").set_value("Active users").run()
    at.text_input(key="side_by_side_1_label").input("Proposal B").run()
    before = shown(at)
    assert before["Proposal B: savings against Worked example"] == "$65,400.00"
    visit_the_budget(at)
    assert not at.exception
    assert at.selectbox(key="side_by_side_1_source").value == "This session's scenario"
    assert at.selectbox(key="side_by_side_1_plan").value == "Active users"
    assert at.text_input(key="side_by_side_1_label").value == "Proposal B"
    assert shown(at) == before


def test_a_kept_plan_the_scenario_no_longer_has_goes_back_to_automatic(app: AppTest):
    """The plan chosen for a column is gone from the scenario when the page is opened again:
    the column shows its automatic plan, no exception."""
    at = open_page(app)
    at.selectbox(key="side_by_side_1_source").set_value("This session's scenario").run()
    at.selectbox(key="side_by_side_1_plan").set_value("Active users").run()
    at.switch_page("app_pages/calculator.py").run()
    plans = example_scenario().plans
    renamed = example_scenario().model_copy(
        update={"plans": [plans[0], plans[1].model_copy(update={"name": "Active 65"})]}
    )
    data = scenario_to_json(renamed).encode()
    uploader(at, "share_upload").set_value(("s.json", data, "application/json")).run()
    assert current_scenario(at) == renamed
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.selectbox(key="side_by_side_1_plan").value.startswith("Automatic")


def test_a_file_loaded_in_a_column_stays_after_a_visit_to_another_page(app: AppTest):
    """The uploader is empty again after the visit, and the file's scenario still shows,
    named; "Remove this file" takes it out."""
    at = upload(open_page(app), 1, scenario_to_json(OFFER).encode())
    before = shown(at)
    visit_the_budget(at)
    assert not at.exception
    assert uploader(at, "side_by_side_1_file").value is None
    assert shown(at) == before
    assert "Showing 'offer.json', loaded earlier in this session." in [
        plain(caption.value) for caption in at.caption
    ]
    at.button(key="side_by_side_1_forget").click().run()
    assert "Offer B: savings against Worked example" not in shown(at)
    assert [box.value for box in at.info if box.value == ADD_A_COLUMN] == [ADD_A_COLUMN]


def test_removing_a_columns_file_takes_its_scenario_out(app: AppTest):
    """The file removed from the uploader: the column waits for a file again."""
    at = upload(open_page(app), 1, scenario_to_json(OFFER).encode())
    uploader(at, "side_by_side_1_file").set_value([]).run()
    assert not at.exception
    assert "Offer B: savings against Worked example" not in shown(at)
