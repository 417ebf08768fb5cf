"""Uploaders that take the same file again (`app/uploads.py`): once a file has been used and is
not kept, or every file was removed, the next run draws a new, empty uploader, so a person who
fixes a refused file and picks it again has it read. (That the browser ignores a second pick of
the same file in one input is checked in `tests/browser/test_downloads.py`.)"""

from streamlit.testing.v1 import AppTest

from app.components.mode_switch import SEASONAL
from app.components.share_panel import UNCHANGED
from calculator import example_scenario, scenario_to_json
from tests.app.conftest import open_page
from tests.app.helpers import click, current_scenario, errors, plain, uploader

BAD_CSV = b"month,provisioned,active,peak_concurrent\n2027-01,100,x,50\n"
GOOD_CSV = b"month,provisioned,active,peak_concurrent\n2027-01,100,80,50\n"


def widget_keys(at: AppTest, key: str) -> list[str]:
    return [box.key for box in at.get("file_uploader") if box.key.startswith(f"{key}_")]


def seasonal_csv(app: AppTest) -> AppTest:
    app.run()
    app.radio(key="mode_switch").set_value(SEASONAL).run()
    return app.radio(key="seasonal_edit_method").set_value("CSV or Excel (paste or upload)").run()


def test_a_refused_staffing_file_leaves_a_new_uploader_and_says_why(app: AppTest):
    """The refusal is said in the run that draws the new uploader, and the fixed file read
    there is applied."""
    seasonal_csv(app)
    uploader(app, "seasonal_csv_file").set_value(("curve.csv", BAD_CSV, "text/csv"))
    click(app, "Use these months")
    assert errors(app) == ["- row 1 (2027-01), active: must be a whole number (got 'x')"]
    assert widget_keys(app, "seasonal_csv_file") == ["seasonal_csv_file_1"]
    assert uploader(app, "seasonal_csv_file").value is None
    uploader(app, "seasonal_csv_file").set_value(("curve.csv", GOOD_CSV, "text/csv"))
    click(app, "Use these months")
    assert errors(app) == []
    assert [month.active for month in current_scenario(app).staffing] == [80]


def test_a_refused_scenario_file_is_said_until_the_scenario_changes(app: AppTest):
    """In the sidebar: the reason stays under a new, empty uploader while the scenario is the
    same, and goes once it changes."""
    app.run()
    uploader(app, "share_upload").set_value(("s.json", b"not json", "application/json")).run()
    assert widget_keys(app, "share_upload") == ["share_upload_1"]
    assert plain(app.error[0].value).startswith("This file could not be loaded:")
    app.run()
    assert plain(app.error[0].value).startswith("This file could not be loaded:")
    app.number_input(key="quick_active").set_value(60).run()
    assert not app.error


def test_the_same_scenario_file_loads_again(app: AppTest):
    """A file loaded, then the worked example restored, then the same file picked again:
    loaded again (before, the uploader still held the file and nothing happened)."""
    app.run()
    month = example_scenario().staffing[0].model_copy(update={"active": 60})
    scenario = example_scenario().model_copy(update={"staffing": [month] * 12})
    data = scenario_to_json(scenario).encode()
    uploader(app, "share_upload").set_value(("s.json", data, "application/json")).run()
    assert current_scenario(app) == scenario
    click(app, "Start again from the worked example")
    assert current_scenario(app) == example_scenario()
    uploader(app, "share_upload").set_value(("s.json", data, "application/json")).run()
    assert current_scenario(app) == scenario


def test_a_file_of_the_scenario_shown_says_nothing_changed(app: AppTest):
    """Loading the scenario already shown changes nothing, says so once, and leaves a new,
    empty uploader (before, the file stayed in the uploader and the page said nothing)."""
    app.run()
    data = scenario_to_json(example_scenario()).encode()
    uploader(app, "share_upload").set_value(("s.json", data, "application/json")).run()
    assert widget_keys(app, "share_upload") == ["share_upload_1"]
    assert uploader(app, "share_upload").value is None
    assert [box.value for box in app.info] == [UNCHANGED]
    assert current_scenario(app) == example_scenario()
    app.run()
    assert not app.info


def test_removing_every_log_leaves_a_new_uploader():
    """On the usage page a log stays while it is analysed; removed, the uploader is new, so
    the same log fixed can be added again."""
    page = open_page("app_pages/usage.py")
    log = b"agent,login,logout\na1,2024-01-02 09:00:00,2024-01-02 17:00:00\n"
    uploader(page, "usage_files").set_value([("log.csv", log, "text/csv")]).run()
    assert widget_keys(page, "usage_files") == ["usage_files_0"]
    uploader(page, "usage_files").set_value([]).run()
    assert widget_keys(page, "usage_files") == ["usage_files_1"]
    assert not page.exception
