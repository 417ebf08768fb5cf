"""What the calculator page builds from the scenario is built once per scenario (app.scenario_cache):
a new input builds new figures, a rerun that leaves the scenario alone builds nothing again."""

import io
import zipfile
from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

import app.components.results as results
import app.reports._html_report as html_module
from app import report_parts, scenario_cache
from app.components import download_button
from app.reports import html_report, tables_zip
from app.views import budget as budget_views
from app.views import calculator as chart_views
from calculator import compare
from tests.app.conftest import open_page
from tests.app.helpers import current_scenario, figure_spec, metrics


def spy(monkeypatch, counts: Counter, module, name: str) -> None:
    """Count in ``counts[name]`` each call of ``module.name``, which still does its work."""
    original = getattr(module, name)

    def counted(*args, **kwargs):
        counts[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


@pytest.fixture
def builds(monkeypatch) -> Counter:
    """How often the page called the waterfall and staffing builders and the headline table."""
    counts: Counter = Counter()
    spy(monkeypatch, counts, chart_views, "waterfall_view")
    spy(monkeypatch, counts, chart_views, "staffing_view")
    spy(monkeypatch, counts, results, "headline_table")
    return counts


def test_a_new_input_builds_new_figures(app: AppTest, builds: Counter):
    """60 active users instead of 70: the waterfall and the headline are built again and show it."""
    app.run()
    before = figure_spec(app, "chart_waterfall")
    app.number_input(key="quick_active").set_value(60).run()
    after = figure_spec(app, "chart_waterfall")
    assert after["data"][0]["y"] != before["data"][0]["y"]
    assert after["layout"]["title"]["text"] != before["layout"]["title"]["text"]
    assert metrics(app)["Savings per month: Active users"] != "$5,450.00"
    assert builds["waterfall_view"] == 2
    assert builds["headline_table"] == 2


def test_a_rerun_that_keeps_the_scenario_builds_nothing_again(app: AppTest, builds: Counter):
    """Choosing a paper size reruns the page with the same scenario: the same figure, no build."""
    app.run()
    shown = figure_spec(app, "chart_waterfall")
    app.button_group(key="downloads_paper").set_value("A4").run()
    assert not app.exception
    assert figure_spec(app, "chart_waterfall") == shown
    assert builds["waterfall_view"] == 1
    assert builds["headline_table"] == 1


def test_a_value_typed_back_finds_its_figures(app: AppTest, builds: Counter):
    """60, 70, then 60 again: the last run shows the figure of the first 60 without building."""
    app.run()
    app.number_input(key="quick_active").set_value(60).run()
    first = figure_spec(app, "chart_waterfall")
    app.number_input(key="quick_active").set_value(70).run()
    built = builds["waterfall_view"]
    app.number_input(key="quick_active").set_value(60).run()
    assert figure_spec(app, "chart_waterfall") == first
    assert builds["waterfall_view"] == built


def test_a_value_typed_back_finds_its_figures_by_a_key_computed_once(app: AppTest, monkeypatch):
    """60, 70, then 60 again: the figures kept for the first 60 hold that visit's scenario, equal
    to the session's but another object. Its key (a share token) is computed once, not on each
    of the dozen look-ups of every later run."""
    tokens: Counter = Counter()
    spy(monkeypatch, tokens, scenario_cache, "to_token")
    app.run()
    for active in (60, 70, 60):
        app.number_input(key="quick_active").set_value(active).run()
    tokens.clear()
    app.button_group(key="downloads_paper").set_value("A4").run()
    assert not app.exception
    assert tokens == Counter()


def test_a_chart_section_follows_the_scenario_until_it_is_closed(app: AppTest, builds: Counter):
    """The staffing chart is built with the page, again for each new scenario, and no longer
    once its section is closed."""
    app.run()
    assert builds["staffing_view"] == 1
    before = figure_spec(app, "chart_staffing")
    app.number_input(key="quick_active").set_value(60).run()
    assert builds["staffing_view"] == 2
    assert figure_spec(app, "chart_staffing") != before
    app.session_state["chart_section_staffing"] = False  # as a click on its title would
    app.run()
    app.number_input(key="quick_active").set_value(50).run()
    assert builds["staffing_view"] == 2


def test_the_store_keeps_a_bounded_number_of_scenarios(app: AppTest):
    """Typing many different values keeps at most MAX_SCENARIOS scenarios' figures."""
    app.run()
    for active in range(50, 50 + scenario_cache.MAX_SCENARIOS + 4):
        app.number_input(key="quick_active").set_value(active).run()
    store = app.session_state[scenario_cache._STORE_KEY]
    assert len(store) == scenario_cache.MAX_SCENARIOS
    assert not app.exception


@pytest.fixture
def budget_page() -> AppTest:
    """The app on the Budget page with the worked example."""
    return open_page("app_pages/budget.py")


def test_the_budget_page_builds_once_per_scenario(budget_page: AppTest, monkeypatch):
    """Switching the ranges chart between cost and savings shows another chart but draws no new
    Monte Carlo estimate and builds no other chart again; a new discount rate is a new scenario,
    so its charts are built again, but not its estimates, which no discount rate changes; a new
    seed draws them again."""
    builds: Counter = Counter()
    spy(monkeypatch, builds, report_parts, "simulate")
    spy(monkeypatch, builds, report_parts, "tornado")
    spy(monkeypatch, builds, budget_views, "fiscal_year_view")
    before = figure_spec(budget_page, "budget_uncertainty")
    budget_page.radio(key="budget_measure").set_value("savings").run()
    assert not budget_page.exception
    assert figure_spec(budget_page, "budget_uncertainty") != before
    assert builds == Counter()
    budget_page.number_input(key="budget_discount_rate").set_value(0.05).run()
    assert builds == Counter({"fiscal_year_view": 1})
    budget_page.number_input(key="budget_seed").set_value(8).run()
    assert builds == Counter({"fiscal_year_view": 2, "simulate": 1, "tornado": 1})


@pytest.fixture
def report_builds(monkeypatch) -> Counter:
    """How often the budget, its estimate, its tornados and the waterfall were built, by a page
    or by a report."""
    counts: Counter = Counter()
    for module in (report_parts, html_module):
        for name in ("plan_budget", "simulate", "tornado"):
            spy(monkeypatch, counts, module, name)
    spy(monkeypatch, counts, chart_views, "waterfall_view")
    return counts


def clicked(at: AppTest, key: str):
    """What the download button with ``key`` gives when clicked (built then, as in a browser)."""
    return at.session_state[download_button._BUILDS][key]()


def test_a_report_from_the_budget_page_builds_its_budget_and_estimates_once(
    budget_page: AppTest, report_builds: Counter
):
    """The Budget page has built the budget, the Monte Carlo estimate and the tornados (and the
    calculator page, opened first, its charts): its HTML and PDF reports and its workbook take
    them, and the report reads as one built alone."""
    report = clicked(budget_page, "budget_reports_html")
    clicked(budget_page, "budget_reports_xlsx")
    assert report_builds == Counter()
    assert report == html_report(compare(current_scenario(budget_page)))


def test_a_report_keeps_what_it_built_for_the_next_one_and_the_pages(
    app: AppTest, report_builds: Counter
):
    """From the calculator, the first report builds the budget and its estimates, which the
    Budget page has not built yet; the second report and then the Budget page build none again."""
    app.run()
    assert report_builds == Counter({"waterfall_view": 1})
    clicked(app, "downloads_html")
    built = Counter({"waterfall_view": 1, "plan_budget": 1, "simulate": 1, "tornado": 1})
    assert report_builds == built
    clicked(app, "downloads_xlsx")
    app.switch_page("app_pages/budget.py").run()
    assert not app.exception
    assert report_builds == built


def test_the_chart_tables_zip_takes_the_charts_the_page_built(app: AppTest, report_builds: Counter):
    """The calculator has built its charts: the ZIP of their tables builds none again, and holds
    one CSV per chart, each the table the page shows."""
    app.run()
    assert report_builds == Counter({"waterfall_view": 1})
    archive = zipfile.ZipFile(io.BytesIO(clicked(app, "downloads_tables")))
    assert report_builds == Counter({"waterfall_view": 1})
    views = chart_views.all_chart_views(compare(current_scenario(app)))
    alone = zipfile.ZipFile(io.BytesIO(tables_zip({view.title: view.table for view in views})))
    assert len(archive.namelist()) == len(views)
    assert [archive.read(name) for name in archive.namelist()] == [
        alone.read(name) for name in alone.namelist()
    ]
