"""The HTML report, parsed: self-contained, every chart beside its table, no script from users."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pandas as pd
import plotly.graph_objects as go
import pytest
from markupsafe import escape  # as the report template escapes text
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from app.reports import html_report, make_branding
from app.reports._html_report import (
    BUNDLE_TRACE_TYPES,
    PLOTLY_BUNDLE,
    RENDERER_JS,
    headline,
    plotly_js,
    range_views,
    totals_table,
)
from app.views.budget import SAME_SPLIT_EVERY_MONTH, contract_year_summary, returns_table
from app.views.calculator import all_chart_views
from app.views.fiscal_quarters import fiscal_quarter_summary, fiscal_quarters_note
from calculator import (
    MAX_MONTHS,
    MAX_PLANS,
    Comparison,
    CountingRule,
    Plan,
    PlanLine,
    compare,
    example_scenario,
    format_money,
)
from calculator.budget import (
    BudgetSettings,
    MonthlyShares,
    plan_budget,
    programs_from_text,
    simulate,
    tornado,
)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
WORKED = compare(example_scenario(months=12))
LARGEST = compare(
    example_scenario(months=MAX_MONTHS).model_copy(
        update={
            "plans": [
                Plan(
                    name=f"Plan {number + 1}",
                    rule=list(CountingRule)[number % 3],
                    rate=Decimal("41.37") + number,
                    committed_units=10 * number,
                    minimum_monthly_charge=Decimal(500),
                    one_time_cost=Decimal(2500),
                    escalator=Decimal("0.035"),
                )
                for number in range(MAX_PLANS)
            ],
            "baseline": "Plan 1",
        }
    )
)
DAY = date(2026, 11, 24)


def every_term() -> Comparison:
    """60 months and 8 plans using every contract term, with programs and funding sources."""
    from tests.app.test_one_set_of_numbers import SCENARIOS, _scenario

    signed = SCENARIOS["contract rules as signed over 15 months"].plans
    three_year = SCENARIOS["every term over 36 months"]
    return compare(
        _scenario(
            "Every term",
            MAX_MONTHS,
            [*signed, *three_year.plans[1:3]],
            budget=three_year.budget,
        )
    )


@dataclass
class View:
    """Any object with a chart view's fields."""

    title: str
    figure: go.Figure
    table: pd.DataFrame
    summary: str


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


class Collector(HTMLParser):
    """Every start tag in document order with its attributes and the text directly inside; a
    table cell's text includes the text of the elements inside it (a month kept whole is in a
    span)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in {"meta", "img", "br", "link", "input"}:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop().tag == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1].text += data
        for element in self.open[:-1]:
            if element.tag in ("th", "td"):
                element.text += data


def parse(text: str) -> list[Element]:
    collector = Collector()
    collector.feed(text)
    collector.close()
    return collector.elements


def hostile_comparison():
    scenario = example_scenario(months=3)
    plans = [scenario.plans[0], scenario.plans[1].model_copy(update={"name": HOSTILE[:60]})]
    return compare(scenario.model_copy(update={"name": "<b>Bold</b> & co", "plans": plans}))


@pytest.fixture(scope="module")
def worked_html() -> str:
    return html_report(WORKED, generated_on=DAY, scenario_link="https://calc.example/?s=v1.abc")


class TestContent:
    def test_headline_and_explanation(self, worked_html):
        """The worked example's headline figures and its explanation sentence are on the page."""
        assert "$5,450.00" in worked_html
        assert "54.5 %" in worked_html
        assert (
            "Paying for 70 active users instead of 100 seats saves $5,450 a month (54.5 %): "
            "$3,000 from seats nobody used and $2,450 from the lower rate."
        ) in worked_html

    def test_date_link_assumptions_and_method(self, worked_html):
        """Date, scenario link, the inputs labelled illustrative, and the method section."""
        elements = parse(worked_html)
        headings = [e.text for e in elements if e.tag == "h2"]
        assert headings == [
            "Summary",
            "Charts and the numbers behind them",
            "Budget by fiscal year, quarter and contract year",
            "How sure: ranges (P10-P90) and what moves the savings most",
            "Assumptions",
            "Method",
        ]
        assert "Prepared 2026-11-24" in worked_html
        links = [e.attrs["href"] for e in elements if e.tag == "a"]
        assert links == ["https://calc.example/?s=v1.abc"]
        assert "they are illustrative" in worked_html

    def test_every_canvas_is_as_tall_as_its_figure(self, worked_html):
        """A chart taller than the default 400 px (the staffing chart's two panels) gets a
        canvas of its own height, so the printed figure is not cut off."""
        canvases = [e for e in parse(worked_html) if e.attrs.get("class") == "chart-canvas"]
        views = [*all_chart_views(WORKED), *range_views(WORKED, plan_budget(WORKED))]
        heights = [view.figure.layout.height for view in views]
        assert [c.attrs["style"] for c in canvases] == [f"height: {h}px" for h in heights]
        assert max(heights) > 400

    def test_every_chart_has_its_table(self, worked_html):
        """Each chart canvas is followed by its summary and a captioned table, before the next."""
        elements = parse(worked_html)
        views = [*all_chart_views(WORKED), *range_views(WORKED, plan_budget(WORKED))]
        canvases = [i for i, e in enumerate(elements) if e.attrs.get("class") == "chart-canvas"]
        assert len(canvases) == len(views)
        for view, start in zip(views, canvases, strict=True):
            following = elements[start:]
            table = next(i for i, e in enumerate(following) if e.tag == "table")
            assert following[0].attrs["aria-label"] == view.summary
            assert following[table + 1].tag == "caption"
            assert following[table + 1].text == f"Numbers behind the chart: {view.title}"

    def test_tables_have_captions_and_scoped_headers(self, worked_html):
        """Every table has a caption; every header cell says whether it heads a row or a column."""
        elements = parse(worked_html)
        tables = [i for i, e in enumerate(elements) if e.tag == "table"]
        assert all(elements[i + 1].tag == "caption" for i in tables)
        scopes = {e.attrs.get("scope") for e in elements if e.tag == "th"}
        assert scopes == {"col", "row"}

    def test_language_title_and_one_h1(self, worked_html):
        """The page states its language, has a title and a single top-level heading."""
        elements = parse(worked_html)
        assert elements[0].tag == "html"
        assert elements[0].attrs["lang"] == "en"
        assert [e.text for e in elements if e.tag == "title"] == [
            "Licensing cost comparison: Worked example | Seat savings calculator"
        ]
        assert [e.text for e in elements if e.tag == "h1"] == [
            "Licensing cost comparison: Worked example"
        ]

    def test_fiscal_year_table(self, worked_html):
        """Calendar 2027 under July fiscal years: FY2027 (6 months) and FY2028 (6 months), each
        marked partial in its own rows as on the page, and the start month named."""
        cells = [e.text for e in parse(worked_html) if e.tag in ("th", "td")]
        assert "FY2027 (partial: 6 of 12 months)" in cells
        assert "FY2028 (partial: 6 of 12 months)" in cells
        assert "Fiscal years start in July and are named by the calendar year" in worked_html

    def test_branding(self):
        """Company name, logo with its text alternative and the accent colour are used."""
        logo = "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="
        branding = make_branding(company_name="Example Telecom", accent_color="#7A1F5C", logo=logo)
        text = html_report(WORKED, branding=branding, generated_on=DAY)
        images = [e for e in parse(text) if e.tag == "img"]
        assert [(i.attrs["src"], i.attrs["alt"]) for i in images] == [
            (logo, "Example Telecom logo")
        ]
        assert "--accent: #7A1F5C;" in text

    @pytest.mark.parametrize(("paper", "rule"), [("A4", "size: A4;"), ("Letter", "size: Letter;")])
    def test_paper_size_for_printing(self, paper, rule):
        """A paper size fixes the @page size; without one the printer's default applies."""
        assert f"@page {{ {rule} }}" in html_report(WORKED, paper=paper, generated_on=DAY)
        assert "size: A4" not in html_report(WORKED, generated_on=DAY)


class TestSelfContained:
    def test_no_external_resources(self, worked_html):
        """No stylesheet, script, image or font is fetched: everything is inline."""
        elements = parse(worked_html)
        assert not [e for e in elements if e.tag in {"link", "iframe", "object", "embed"}]
        assert not [e for e in elements if e.tag in {"script", "img"} and "src" in e.attrs]
        assert "@import" not in worked_html
        assert "url(http" not in worked_html

    def test_plotly_is_embedded(self, worked_html):
        """Plotly's partial bundle is inlined, not the installed package's full one."""
        scripts = [e.text for e in parse(worked_html) if e.tag == "script"]
        assert str(plotly_js()) in scripts
        assert PLOTLY_BUNDLE.read_text(encoding="utf-8") in scripts
        assert get_plotlyjs() not in scripts

    @pytest.mark.parametrize("which", ["worked", "largest", "every term"])
    def test_report_stays_small(self, which):
        """The report of the worked example and of the largest scenarios (60 months, 8 plans;
        every contract term, programs and funding sources) stays under 1.5 MB, to mail or
        keep."""
        comparison = {"worked": WORKED, "largest": LARGEST, "every term": every_term()}[which]
        assert len(html_report(comparison, generated_on=DAY).encode("utf-8")) <= 1_500_000

    def test_bundle_matches_the_figures_plotly_version(self):
        """The partial bundle is of the major.minor plotly.js version that the Python package
        writes figures for."""
        first_line = PLOTLY_BUNDLE.read_text(encoding="utf-8")[:200]
        bundled = re.search(r"plotly\.js \(finance - minified\) v(\d+)\.(\d+)\.\d+", first_line)
        assert bundled is not None
        assert bundled.groups() == tuple(get_plotlyjs_version().split(".")[:2])

    @pytest.mark.parametrize("comparison", [WORKED, LARGEST], ids=["worked", "largest"])
    def test_bundle_draws_every_chart(self, comparison):
        """Every trace of every report chart is of a type the partial bundle holds."""
        types = {trace.type for view in all_chart_views(comparison) for trace in view.figure.data}
        assert types
        assert types <= BUNDLE_TRACE_TYPES

    def test_other_trace_types_get_the_full_bundle(self):
        """A chart of a type the partial bundle lacks still draws: the full bundle is inlined."""
        view = View(
            "Heat", go.Figure(go.Heatmap(z=[[1, 2], [3, 4]])), pd.DataFrame({"a": [1]}), "Hot."
        )
        text = html_report(WORKED, views=[view], generated_on=DAY)
        scripts = [e.text for e in parse(text) if e.tag == "script"]
        assert get_plotlyjs() in scripts


class TestSafety:
    def test_only_fixed_scripts(self):
        """With hostile names, the only scripts are the JSON data, Plotly and the renderer."""
        text = html_report(hostile_comparison(), generated_on=DAY)
        scripts = [e for e in parse(text) if e.tag == "script"]
        assert [s.attrs.get("type") for s in scripts] == ["application/json", None, None]
        assert scripts[1].text == str(plotly_js())
        assert scripts[2].text == RENDERER_JS

    def test_hostile_names_are_text(self):
        """Markup in names is escaped: no element from user text, no event handler attribute."""
        text = html_report(hostile_comparison(), generated_on=DAY)
        elements = parse(text)
        assert not [e for e in elements if e.tag == "b"]
        assert not [e for e in elements if e.tag == "img"]
        assert not [e for e in elements if any(a.startswith("on") for a in e.attrs)]
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in text

    def test_chart_data_cannot_close_its_script(self):
        """Inside the JSON block, < and / are escaped; parsed, the data holds the name as text."""
        text = html_report(hostile_comparison(), generated_on=DAY)
        data = next(e for e in parse(text) if e.attrs.get("type") == "application/json").text
        assert "</" not in data
        assert "<script" not in data
        names = {trace.get("name") for chart in json.loads(data) for trace in chart["data"]}
        assert any("&lt;script&gt;" in str(name) for name in names)

    @pytest.mark.parametrize(
        "link", ["javascript:alert(1)", "data:text/html,hi", "https://x.example/a b"]
    )
    def test_link_must_be_http(self, link):
        """A scenario link that is not a plain http(s) URL is refused."""
        with pytest.raises(ValueError, match="scenario link must be an http"):
            html_report(WORKED, scenario_link=link)


def test_any_chart_view_shaped_object():
    """The report accepts any object with title, figure, table and summary."""
    view = View("Custom", go.Figure(go.Bar(x=["a"], y=[1])), pd.DataFrame({"x": ["a"]}), "One bar.")
    text = html_report(WORKED, views=[view], generated_on=DAY)
    canvases = [e for e in parse(text) if e.attrs.get("class") == "chart-canvas"]
    ranges = range_views(WORKED, plan_budget(WORKED))
    labels = [c.attrs["aria-label"] for c in canvases]
    assert labels == ["One bar.", *(v.summary for v in ranges)]


def test_ranges_and_tornado_are_in_the_report(worked_html):
    """The P10-P90 table and each alternative's tornado table carry the app's figures."""
    simulation = simulate(WORKED)
    total = simulation.cost_total["Active users"]
    views = range_views(WORKED, plan_budget(WORKED))
    assert [view.title for view in views] == [
        "Cost per fiscal year: P10 to P90 (estimate, 10,000 draws)",
        "Active users: what moves the savings most (each input -/+20 %)",
    ]
    for view in views:
        assert f"Numbers behind the chart: {view.title}" in worked_html
    for cents in (total.p10_cents, total.p90_cents):  # in the sentence beside the chart
        assert format_money(cents) in worked_html
    for saved in simulation.savings["Active users"]:  # in its table, year by year
        assert format_money(saved.p10_cents) in worked_html
        assert format_money(saved.p90_cents) in worked_html
    chart = tornado(WORKED)["Active users"]
    for bar in chart.bars:
        assert format_money(bar.low_savings_cents) in worked_html


def test_the_returns_table_is_the_pages():
    """The report's returns have the budget page's columns and words: the discounted payback
    too, and the discount rate written as on the page (3.00 %)."""
    text = html_report(WORKED, generated_on=DAY)
    for column in returns_table(plan_budget(WORKED)).columns:
        assert f">{column}<" in text, column
    assert "NPV at 3.00 % a year (USD)" in text


def test_appropriation_overruns_are_flagged_in_the_report():
    """An appropriation of $50,000: named seats' July-December 2027 ($60,000) is over by
    $10,000, shown in the summary and the budget section, and as a column of the fiscal-year
    table."""
    scenario = WORKED.scenario
    settings = BudgetSettings(appropriation="50000")
    comparison = compare(scenario.model_copy(update={"budget": settings}))
    text = html_report(comparison, generated_on=DAY)
    flag = (
        "Over the appropriation: the planned cost of Named seats is $60,000.00 in FY2028 (6 of its 12 months), "
        "$10,000.00 above the appropriation of $50,000.00."
    )
    assert text.count(flag) == 2
    assert "Against the appropriation of $50,000.00" in text
    assert "over by $10,000.00" in text
    assert "Over the appropriation" not in html_report(WORKED, generated_on=DAY)


def october_years(appropriation: str) -> Comparison:
    """The worked example (January to December 2027) in fiscal years that start in October:
    FY2027 holds 9 of its months, FY2028 3."""
    settings = BudgetSettings(appropriation=appropriation, fiscal_year_start_month=10)
    return compare(WORKED.scenario.model_copy(update={"budget": settings}))


def test_a_partial_year_within_the_appropriation_reads_as_plain_words():
    """At $40,000 a year FY2028's 3 months fit, even at not to exceed: the fiscal-year table
    says so as the page does."""
    html = html_report(october_years("40000"), generated_on=DAY)
    rows = table_rows(html, "Cost by fiscal year (USD)")
    assert rows[0][-1] == "Against the appropriation of $40,000.00"
    assert [row[-1] for row in rows[1:] if row[0].startswith("FY2028")] == [
        "within (3 months modeled), even at not to exceed",
        "within (3 months modeled), even at not to exceed",
    ]


def test_each_appropriation_flag_is_labelled_once():
    """At $40,000 a year both plans are over in FY2027; each flag carries its own label ("Over
    the appropriation: ..."), in the summary and in the budget section, with no second label
    before it."""
    comparison = october_years("40000")
    flags = plan_budget(comparison).overrun_flags()
    assert [flag.split(": ", 1)[0] for flag in flags] == ["Over the appropriation"] * 2
    html = html_report(comparison, generated_on=DAY)
    shown = [e.text for e in parse(html) if e.attrs.get("class") == "note overrun"]
    assert shown == flags * 2


def test_payback_months_are_kept_on_one_line_in_the_returns_table():
    """Both payback columns read "month 1 (2027-01)", the bracketed month in one unbreakable
    span: a narrow column broke it as "(2027-" above "01)"."""
    html = html_report(october_years("40000"), generated_on=DAY)
    rows = table_rows(html, "Returns of switching from Named seats")
    columns = [rows[0].index("Payback month"), rows[0].index("Discounted payback month")]
    assert [rows[1][column] for column in columns] == ["month 1 (2027-01)"] * 2
    assert html.count('month 1 <span class="nowrap">(2027-01)</span>') == 2


def test_an_roi_of_n_a_is_explained_beside_the_returns():
    """The page says why ROI reads n/a in its figure's help; the report has no help to hover."""
    html = html_report(october_years("40000"), generated_on=DAY)
    rows = table_rows(html, "Returns of switching from Named seats")
    assert rows[1][rows[0].index("ROI")] == "n/a"
    notes = [e.text for e in parse(html) if e.attrs.get("class") == "note"]
    assert (
        "Returns of switching: net savings include one-time costs; ROI is net savings divided "
        "by the one-time cost (n/a without one); the NPV discounts the monthly savings at "
        "3.00 % a year."
    ) in notes


def test_contract_rules_are_stated_in_words():
    """Each plan's seat rule, rate bands, true-up and lines appear in the plans table's words."""
    from tests.app.reports.test_excel_export import NEW_RULES

    html = html_report(NEW_RULES)
    for words in (
        "seats can go up any month; they come down only at renewal",
        "fewer seats bill less from the next month",
        "rate bands (graduated): up to 40 at $140.00, above at $120.00",
        "units above the commitment trued up every 3 months at 20.0 % extra",
        "a fixed 10 units; plus line Agents: active user at $65.00",
    ):
        assert words in html, words


def test_a_pooled_true_up_is_stated():
    """A true-up measured over the period says so: unsaid, a reader would price every month's
    units above the commitment, which costs more."""
    from tests.app.reports.test_excel_export import NEW_RULES

    plans = [
        plan.model_copy(update={"true_up": plan.true_up.model_copy(update={"pooled": True})})
        if plan.true_up is not None
        else plan
        for plan in NEW_RULES.scenario.plans
    ]
    scenario = NEW_RULES.scenario.model_copy(update={"plans": plans})
    html = html_report(compare(scenario))
    assert "trued up every 3 months at 20.0 % extra, pooled over the period" in html


def test_each_lines_part_of_the_count_is_stated():
    """A line's fixed quantity, slice or share was left out of the words ("plus line Overflow:
    concurrent at $40.00"), so the table did not say what each line bills."""
    scenario = example_scenario()
    plan = scenario.plans[1].model_copy(
        update={
            "lines": [
                PlanLine(name="Supervisors", rule="named_seat", rate=Decimal(150), quantity=10),
                PlanLine(name="Overflow", rule="concurrent", rate=Decimal(40), above=50),
                PlanLine(name="Premium", rule="active_user", rate=Decimal(40), share="0.25"),
            ]
        }
    )
    html = html_report(compare(scenario.model_copy(update={"plans": [scenario.plans[0], plan]})))
    assert (
        "plus line Supervisors: named seat at $150.00 (a fixed 10 units); plus line Overflow: "
        "concurrent at $40.00 (counts units above 50); plus line Premium: active user at $40.00 "
        "(25 % of the count, rounded up)"
    ) in html


def test_a_report_shows_the_tornado_of_the_three_best_alternatives():
    """Eight plans: the three alternatives that save the most get a tornado, best first."""
    views = range_views(LARGEST, plan_budget(LARGEST))
    best = sorted(LARGEST.alternatives, key=lambda name: -LARGEST.savings[name].savings_cents)[:3]
    assert [view.title.split(":")[0] for view in views[1:]] == best


def test_each_savings_sentence_names_its_plan_when_there_are_several():
    """Two concurrent plans read alike ("Paying for concurrent seats instead of seats ..."):
    with several alternatives every sentence starts with its plan's name; with one it does not
    need to."""
    scenario = example_scenario(12)
    plans = [
        *scenario.plans,
        Plan(name="Concurrent", rule=CountingRule.CONCURRENT, rate=Decimal(120)),
        Plan(name="Concurrent 3-year", rule=CountingRule.CONCURRENT, rate=Decimal(110)),
    ]
    text = html_report(compare(scenario.model_copy(update={"plans": plans})), generated_on=DAY)
    sentences = [e.text for e in parse(text) if e.attrs.get("class") == "explanation"]
    assert [sentence.split(": ", 1)[0] for sentence in sentences] == [
        "Active users",
        "Concurrent",
        "Concurrent 3-year",
    ]
    single = [e.text for e in parse(html_report(WORKED, generated_on=DAY))]
    assert any(
        line.startswith("Paying for 70 active users instead of 100 seats") for line in single
    )


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The cells of each row of the table with ``caption``, header row first."""
    elements = parse(html)
    start = next(i for i, e in enumerate(elements) if e.tag == "caption" and e.text == caption)
    rows: list[list[str]] = []
    for element in elements[start + 1 :]:
        if element.tag in ("table", "caption"):
            break
        if element.tag == "tr":
            rows.append([])
        elif element.tag in ("th", "td"):
            rows[-1].append(element.text.strip())
    return rows


def split_in_march() -> Comparison:
    """The worked example with two programs of two funding sources each and a March split of
    55.5555 / 44.4445 %."""
    programs = programs_from_text(
        "Medicaid | 60 | Federal = 75 | State general revenue = 25\n"
        "SNAP | 40 | Federal = 50.5 | State general revenue = 49.5\n"
    )
    shares = {"Medicaid": Decimal("0.555555"), "SNAP": Decimal("0.444445")}
    settings = BudgetSettings(
        programs=programs, monthly_shares=[MonthlyShares(month="2027-03", shares=shares)]
    )
    return compare(WORKED.scenario.model_copy(update={"budget": settings}))


PROGRAMS = (
    "Programs and their funding, as entered. Workforce %: The program's share of the workforce, "
    "on its first row; left empty on its later rows, which share it."
)
"""The caption says, as the page's column help does, what an empty Workforce % cell means."""


def test_the_budget_states_the_programs_and_funding_shares_as_the_page_lays_them_out():
    """A finance office reading the report sees the shares behind the cost by program and
    funding source, with the decimals typed, in the rows of the page's table."""
    html = html_report(split_in_march(), generated_on=DAY)
    assert table_rows(html, PROGRAMS) == [
        ["Program", "Workforce %", "Funding source", "Funding %"],
        ["Medicaid", "60", "Federal", "75"],
        ["Medicaid", "", "State general revenue", "25"],
        ["SNAP", "40", "Federal", "50.5"],
        ["SNAP", "", "State general revenue", "49.5"],
    ]


def test_each_funding_source_is_added_over_the_programs_and_the_years():
    """The Budget page's "All programs" rows, for every plan and over the whole period: what
    each funder is asked for. By hand: named seats cost 6 x $10,000.00 in each partial fiscal
    year; Medicaid's 60 % is $36,000.00 (Federal 75 %: $27,000.00), SNAP's 40 % $24,000.00
    (Federal 50.5 %: $12,120.00): Federal $39,120.00 and the State $20,880.00 a year. Active
    users cost 6 x $4,550.00: Federal $12,285.00 + $5,514.60 = $17,799.60."""
    programs = programs_from_text(
        "Medicaid | 60 | Federal = 75 | State general revenue = 25\n"
        "SNAP | 40 | Federal = 50.5 | State general revenue = 49.5\n"
    )
    scenario = WORKED.scenario.model_copy(update={"budget": BudgetSettings(programs=programs)})
    html = html_report(compare(scenario), generated_on=DAY)
    partial = "(partial: 6 of 12 months)"
    assert table_rows(html, "Cost by funding source, all programs (USD)") == [
        ["Fiscal year", "Plan", "Federal", "State general revenue", "Total"],
        [f"FY2027 {partial}", "Named seats (today)", "$39,120.00", "$20,880.00", "$60,000.00"],
        [f"FY2028 {partial}", "Named seats (today)", "$39,120.00", "$20,880.00", "$60,000.00"],
        ["Whole period", "Named seats (today)", "$78,240.00", "$41,760.00", "$120,000.00"],
        [f"FY2027 {partial}", "Active users", "$17,799.60", "$9,500.40", "$27,300.00"],
        [f"FY2028 {partial}", "Active users", "$17,799.60", "$9,500.40", "$27,300.00"],
        ["Whole period", "Active users", "$35,599.20", "$19,000.80", "$54,600.00"],
    ]


def test_the_budget_states_the_month_by_month_split_with_the_pages_columns():
    html = html_report(split_in_march(), generated_on=DAY)
    rows = table_rows(html, "Workforce split between programs, month by month")
    assert rows[0] == ["Month", "Medicaid %", "SNAP %", "Split"]
    assert len(rows) == 1 + 12
    assert rows[3] == ["2027-03", "55.5555", "44.4445", "entered"]
    assert rows[1] == ["2027-01", "60", "40", "the programs' own shares"]
    assert "same shares every month" not in html


def test_without_a_month_by_month_split_the_report_says_the_shares_hold_every_month():
    html = html_report(WORKED, generated_on=DAY)
    assert SAME_SPLIT_EVERY_MONTH in html
    assert "Workforce split between programs, month by month" not in html


def free_today() -> Comparison:
    """The worked example with today's seats at $0: no percentage of today's cost exists."""
    scenario = WORKED.scenario
    free = scenario.plans[0].model_copy(update={"rate": Decimal(0)})
    return compare(scenario.model_copy(update={"plans": [free, *scenario.plans[1:]]}))


def test_a_free_plan_today_is_said_in_the_headline_percentage():
    """Seats at $0: the headline's percentage figure says today's plan costs nothing; a
    percentage of $0 is not a figure."""
    figures = {figure.label: figure.value for figure in headline(free_today()).figures}
    assert figures["Extra cost in percent"] == "today's plan costs nothing"


def test_a_free_plan_today_is_said_in_the_totals_percentage_column():
    """Seats at $0: the totals table's percentage cell says so, where it said "n/a"."""
    rows = totals_table(free_today()).rows
    assert [row[-1] for row in rows] == ["–", "today's plan costs nothing"]


def test_the_font_list_ends_with_one_for_chinese_japanese_and_korean_names(worked_html):
    """Chromium prints such names in the font the image installs (fonts-wqy-microhei), named
    after the generic family, so Latin text keeps its own font."""
    family = re.search(r"html \{ font-family: ([^;]+);", worked_html).group(1)
    assert family.endswith('sans-serif, "WenQuanYi Micro Hei"')


def test_the_budget_section_gives_each_contract_year_and_the_cost_through_it():
    """18 months of the worked example: the base year and option 1 (6 months) for each plan,
    with the sentence the page shows above its table."""
    comparison = compare(example_scenario(months=18))
    html = html_report(comparison, generated_on=DAY)
    rows = table_rows(html, "Cost by contract year: the base year and option years")
    assert rows[0][:4] == ["Contract year", "Months", "Plan", "Planned (USD)"]
    active = [
        (row[0], row[1], row[3], row[-2], row[-1]) for row in rows if row[2] == "Active users"
    ]
    assert active == [
        ("Year 1 (base)", "2027-01 to 2027-12", "$54,600.00", "$54,600.00", "$78,000.00"),
        (
            "Year 2 (option 1; partial: 6 of 12 months)",
            "2028-01 to 2028-06",
            "$27,300.00",
            "$81,900.00",
            "$117,000.00",
        ),
    ]
    assert contract_year_summary(plan_budget(comparison)) in html


def test_the_budget_section_gives_the_spend_plan_by_fiscal_quarter():
    """18 months of the worked example from January 2027 with a July fiscal year: six quarters,
    FY2027 Q3 to FY2028 Q4, each 3 x 70 x $65 = $13,650.00 for active users, with the page's
    note and sentence."""
    comparison = compare(example_scenario(months=18))
    html = html_report(comparison, generated_on=DAY)
    rows = table_rows(html, "Cost by fiscal quarter: the spend plan")
    assert rows[0] == [
        "Fiscal quarter",
        "Months",
        "Named seats (today) (USD)",
        "Active users (USD)",
    ]
    assert rows[1] == ["FY2027 Q3", "2027-01 to 2027-03", "$30,000.00", "$13,650.00"]
    assert [row[0] for row in rows[1:]] == [
        "FY2027 Q3",
        "FY2027 Q4",
        "FY2028 Q1",
        "FY2028 Q2",
        "FY2028 Q3",
        "FY2028 Q4",
    ]
    budget = plan_budget(comparison)
    assert str(escape(fiscal_quarter_summary(budget))) in html
    assert str(escape(fiscal_quarters_note(budget))) in html


def test_a_report_given_what_a_page_built_builds_none_of_it_again(monkeypatch):
    """A page that has shown the budget, its estimates and the charts hands them to the report:
    the report builds none of them again, and reads as the report that builds its own."""
    on = date(2027, 3, 1)
    given = {
        "views": all_chart_views(WORKED),
        "budget": plan_budget(WORKED),
        "simulation": simulate(WORKED),
        "tornadoes": tornado(WORKED),
    }
    own = html_report(WORKED, generated_on=on)

    def refused(*args, **kwargs):
        raise AssertionError("built again")

    for name in ("plan_budget", "simulate", "tornado"):
        monkeypatch.setattr(f"app.reports._html_report.{name}", refused)
    monkeypatch.setattr("app.views.calculator.all_chart_views", refused)
    assert html_report(WORKED, generated_on=on, **given) == own
