"""``docs/method.md`` states the method; its figures are what the calculator computes.

The worked example's figures are checked twice: against the calculator (so the document and the
code cannot drift apart) and against the figures worked by hand (so both cannot drift together).
"""

import calendar
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from calculator import (
    CONCURRENCY_RATIO,
    PRESETS,
    CountingRule,
    CurveSpec,
    ShiftPattern,
    compare,
    example_scenario,
    explain_savings,
    format_money,
    format_percent,
    format_utilization,
)

ROOT = Path(__file__).resolve().parents[1]
METHOD = ROOT / "docs" / "method.md"
BUDGET = ROOT / "docs" / "budget.md"
# Installed packages, caches and test output: not the project's own files.
SKIPPED_DIRS = {
    ".git",
    ".venv",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    "__pycache__",
    "test-artifacts",
}


def method_sections(document: Path = METHOD) -> dict[str, str]:
    """Heading -> body of each ``## `` section of a document (the method by default)."""
    parts = re.split(r"^## ", document.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    return {part.partition("\n")[0].strip(): part.partition("\n")[2] for part in parts}


def anchor(heading: str) -> str:
    """The anchor a Markdown renderer such as GitHub's gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def table(section: str, document: Path = METHOD) -> list[list[str]]:
    """The rows of the first table in a section, header row first, separator left out."""
    body = method_sections(document)[section]
    rows = [line for line in body.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    return [row for row in cells if not set("".join(row)) <= set("-: ")]


def flat(text: str) -> str:
    return " ".join(text.split())


def repository_files():
    """Every file of the project, without virtual environments, packages and caches."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
        yield from (Path(folder) / name for name in files)


def test_no_file_cites_a_document_outside_the_repository():
    """No file names a design document the repository does not hold."""
    missing = "DESIGN" + ".md"
    hits = [
        str(path.relative_to(ROOT))
        for path in repository_files()
        if missing.encode() in path.read_bytes()
    ]
    assert hits == []


def test_citations_of_the_docs_name_their_sections():
    """Every section cited as ``docs/<file>.md#<section>``, or linked as ``(<file>.md#<section>)``
    from within docs/, is a heading of that document."""
    cited = set()
    for path in repository_files():
        if path.suffix not in {".py", ".md"}:
            continue
        text = path.read_text(encoding="utf-8")
        found = re.findall(r"docs/([\w-]+\.md)#([\w-]+)", text)
        if path.parent == ROOT / "docs":
            found += re.findall(r"\]\(([\w-]+\.md)#([\w-]+)\)", text)
        cited.update((str(path.relative_to(ROOT)), *match) for match in found)
    assert ("docs/budget.md", "method.md", "worked-example") in cited  # the check sees links
    broken = [
        (file, f"{document}#{name}")
        for file, document, name in sorted(cited)
        if not (ROOT / "docs" / document).is_file()
        or name not in {anchor(heading) for heading in method_sections(ROOT / "docs" / document)}
    ]
    assert broken == []


def test_links_between_documents_resolve():
    """Relative links in the README and docs/ point at files that exist."""
    broken = []
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", document.read_text()):
            if not (document.parent / target).exists():
                broken.append((document.name, target))
    assert broken == []


def worked_example_figures() -> dict[str, str]:
    """The worked example as the calculator computes it, formatted as the method shows it."""
    comparison = compare(example_scenario(months=1))
    split = comparison.savings["Active users"]
    (break_even,) = comparison.break_even
    return {
        "Named-seat cost a month": format_money(comparison.totals["Named seats"].cost_cents),
        "Active-user cost a month": format_money(comparison.totals["Active users"].cost_cents),
        "Savings a month": f"{format_money(split.savings_cents)} ({format_percent(split.ratio)})",
        "Utilization": format_utilization(comparison.utilization_overall),
        "Quick estimate = volume effect": format_money(comparison.quick_estimate_cents),
        "Rate effect": format_money(split.rate_effect_cents),
        "Break-even utilization": f"{format_percent(break_even.utilization)}: active users are "
        "cheaper at any utilization",
    }


def test_worked_example_figures_are_what_the_calculator_computes():
    """The method's worked-example table equals compare() on the built-in example."""
    header, *rows = table("Worked example")
    assert header == ["Figure", "Value"]
    assert dict(rows) == worked_example_figures()


def test_worked_example_figures_by_hand():
    """Oracle, worked by hand: 100 x $100 = $10,000.00; 70 x $65 = $4,550.00; savings $5,450.00
    = 54.5 %; volume (100 - 70) x $100 = $3,000.00; rate 70 x ($100 - $65) = $2,450.00;
    break-even $100 / $65 = 153.8 %."""
    _, *rows = table("Worked example")
    assert dict(rows) == {
        "Named-seat cost a month": "$10,000.00",
        "Active-user cost a month": "$4,550.00",
        "Savings a month": "$5,450.00 (54.5 %)",
        "Utilization": "70 %",
        "Quick estimate = volume effect": "$3,000.00",
        "Rate effect": "$2,450.00",
        "Break-even utilization": "153.8 %: active users are cheaper at any utilization",
    }


def test_explanation_sentence_is_the_calculators():
    """The sentence quoted in the worked example is the one the calculator writes."""
    sentence = explain_savings(compare(example_scenario(months=1)), "Active users")
    assert sentence == (
        "Paying for 70 active users instead of 100 seats saves $5,450 a month (54.5 %): $3,000 "
        "from seats nobody used and $2,450 from the lower rate."
    )
    assert f"\n> {sentence}\n" in method_sections()["Worked example"]


def test_counting_rules_name_every_model():
    """Each model is defined by what it counts, in the calculator's order of rules."""
    header, *rows = table("Counting rules")
    assert header == ["Model", "Counts in month m", "Typical contract"]
    assert [row[0] for row in rows] == [
        "Named seat",
        "Concurrent",
        "Active user",
        "Logged-in hours",
    ]
    assert [row[1].split(":")[0] for row in rows] == ["`P[m]`", "`C[m]`", "`A[m]`", "`H[m]`"]


def _percent(ratio) -> str:
    return f"{Decimal(str(ratio)) * 100:.0f}%"


def _code_defaults() -> dict[str, str]:
    """Default -> the value the calculator uses, written as the method's table writes it."""
    from calculator.budget import BudgetSettings, example_programs

    example = example_scenario()
    rates = {plan.rule: plan.rate for plan in example.plans}
    month = example.staffing[0]
    spec = CurveSpec()
    settings = BudgetSettings()
    ranges = settings.uncertainty
    programs = {program.name: program for program in example_programs()}

    def federal(name: str) -> str:
        return _percent(next(f.share for f in programs[name].funding if f.source == "Federal"))

    def both(part) -> str:
        low, high = part.low * 100, part.high * 100
        return f"{low:.0f}% and +{high:.0f}%"

    return {
        "Worked example: named seat rate": f"${rates[CountingRule.NAMED_SEAT]:.0f} a seat a month",
        "Worked example: active-user rate": (
            f"${rates[CountingRule.ACTIVE_USER]:.0f} an active user a month"
        ),
        "Worked example: provisioned accounts and active users": (
            f"{month.provisioned} and {month.active}"
        ),
        "Worked example: peak concurrent agents": str(month.peak_concurrent),
        "Currency": example.currency,
        "Peak concurrent / active agents, one shift": _percent(
            CONCURRENCY_RATIO[ShiftPattern.ONE_SHIFT]
        ),
        "Peak concurrent / active agents, two shifts": _percent(
            CONCURRENCY_RATIO[ShiftPattern.TWO_SHIFTS]
        ),
        "Peak concurrent / active agents, around the clock": _percent(
            CONCURRENCY_RATIO[ShiftPattern.TWENTY_FOUR_SEVEN]
        ),
        "Staffing generator: year-round agents": str(spec.base_staff),
        "Staffing generator: logged-in hours per active agent a month": (
            f"{spec.hours_per_active_agent:.0f}"
        ),
        "Staffing generator: months a year a part-timer works": str(spec.part_time_months),
        "Seasonal presets": "see below",
        "Fiscal year starts in": calendar.month_name[settings.fiscal_year_start_month],
        "Discount rate": f"{_percent(settings.discount_rate)} a year",
        "Appropriation per fiscal year": "none (empty)"
        if settings.appropriation is None
        else str(settings.appropriation),
        "Illustrative programs: workforce split Medicaid / SNAP / unemployment insurance": " / ".join(
            _percent(program.share) for program in programs.values()
        ),
        "Medicaid eligibility and enrollment: federal share": federal("Medicaid"),
        "SNAP administration: federal share": federal("SNAP"),
        "Unemployment insurance administration: federal share": federal("Unemployment insurance"),
        "Uncertainty: active users, lowest and highest change": both(ranges.active_users),
        "Uncertainty: peak concurrency, lowest and highest change": both(ranges.peak_concurrency),
        "Uncertainty: alternative plans' rates, lowest and highest change": both(ranges.rates),
        "Uncertainty: draws and seed": f"{ranges.draws:,} draws, seed {ranges.seed}",
        "Tornado: each input moved by": _percent(settings.tornado_change),
    }


def test_defaults_and_their_sources_are_the_codes():
    """Every default the calculator starts from is listed with the value it uses, in order, and
    with a source or "illustrative, no source"."""
    header, *rows = table("Defaults and their sources")
    assert header == ["Default", "Value", "Source"]
    assert {name: value for name, value, _ in rows} == _code_defaults()
    for name, _, source in rows:
        assert source.strip(), name
    sourced = {name: source for name, _, source in rows if source != "illustrative, no source"}
    assert "NCSL" in sourced["Fiscal year starts in"]
    assert "7 U.S.C. 2025" in sourced["SNAP administration: federal share"]
    assert "42 CFR 433.116" in sourced["Medicaid eligibility and enrollment: federal share"]
    assert "Title III" in sourced["Unemployment insurance administration: federal share"]
    starts = flat(method_sections(BUDGET)["Fiscal years"])
    assert "July (46 US states)" in starts  # the NCSL count the budget method gives


def test_illustrative_defaults_are_the_codes():
    """The defaults the method calls illustrative are the ones the calculator uses."""
    text = flat(method_sections()["Defaults and their sources"])
    spec = CurveSpec()
    for expected in (
        f"one shift | {CONCURRENCY_RATIO[ShiftPattern.ONE_SHIFT]:.0%}",
        f"two shifts | {CONCURRENCY_RATIO[ShiftPattern.TWO_SHIFTS]:.0%}",
        f"around the clock | {CONCURRENCY_RATIO[ShiftPattern.TWENTY_FOUR_SEVEN]:.0%}",
        f"year-round agents | {spec.base_staff} |",
        f"logged-in hours per active agent a month | {spec.hours_per_active_agent:.0f} |",
        "The seasonal presets: " + ", ".join(label for label, _ in PRESETS.values()) + ".",
        f"peak concurrent agents | {example_scenario().staffing[0].peak_concurrent} |",
    ):
        assert expected in text
    assert "Every starting number is an example" in text


@pytest.mark.parametrize(
    "section",
    [
        "Counting rules",
        "Contract terms",
        "Money",
        "Savings split",
        "Worked example",
        "Counting from login logs",
        "Defaults and their sources",
    ],
)
def test_method_has_section(section):
    """The method states each part: counting, contract terms, money, savings, the example, logs."""
    assert method_sections()[section].strip()


def test_log_counting_definitions_are_stated():
    """Sessions, merging, active, peak, minimum duration, hours and data quality are defined."""
    text = flat(method_sections()["Counting from login logs"])
    for term in (
        "half-open intervals `[login, logout)`",
        "**Merging.**",
        "**Active.**",
        "**Peak.**",
        "**Minimum duration.**",
        "**Hours.**",
        "**Data quality.**",
    ):
        assert term in text


def budget_example_figures() -> dict[str, str]:
    """The budget worked example as the calculator computes it, formatted as docs/budget.md."""
    from calculator.budget import BudgetSettings, example_programs, plan_budget

    scenario = example_scenario(months=18).model_copy(
        update={"budget": BudgetSettings(programs=example_programs())}
    )
    budget = plan_budget(compare(scenario))
    first, second = budget.years["Active users"]
    returns = budget.returns["Active users"]
    figures = {
        "FY2027 planned (January to June 2027, partial)": first.planned_cents,
        "FY2027 not-to-exceed": first.not_to_exceed_cents,
        "FY2028 planned": second.planned_cents,
        "FY2028 not-to-exceed": second.not_to_exceed_cents,
        "FY2028 savings": second.savings_cents,
    }
    figures |= {
        f"FY2028 {cell.program}, {cell.source}": cell.cents
        for cell in budget.funding
        if cell.plan == "Active users" and cell.fiscal_year == "FY2028"
    }
    figures["Net present value"] = returns.npv_cents
    base, option = budget.by_contract_year["Active users"]
    figures |= {
        "Year 1 (base, January to December 2027) planned": base.planned_cents,
        "Year 1 not-to-exceed": base.not_to_exceed_cents,
        "Year 2 (option 1, January to June 2028, partial) planned": option.planned_cents,
        "Planned through year 2 (every option exercised)": option.planned_through_cents,
        "Not-to-exceed through year 2": option.not_to_exceed_through_cents,
    }
    quarters = budget.by_fiscal_quarter["Active users"]
    figures |= {
        "FY2027 Q3 (January to March 2027) planned": quarters[0].planned_cents,
        "FY2027 Q3 not-to-exceed": quarters[0].not_to_exceed_cents,
        "FY2028 Q4 (April to June 2028) planned": quarters[-1].planned_cents,
    }
    shown = {figure: format_money(cents) for figure, cents in figures.items()}
    shown["Payback month"] = returns.payback_label
    return shown


def test_budget_worked_example_is_what_the_calculator_computes():
    """docs/budget.md's worked example equals plan_budget() on the same scenario."""
    from calculator.budget import contract_years, fiscal_quarters, fiscal_years

    header, *rows = table("Budget worked example", BUDGET)
    assert header == ["Figure", "Value"]
    assert dict(rows) == budget_example_figures()
    first, second = fiscal_years("2027-01", 18, 7)
    assert (first.label, first.months[0], first.months[-1], first.partial) == (
        "FY2027",
        "2027-01",
        "2027-06",
        True,
    )
    assert (second.label, second.partial) == ("FY2028", False)
    quarters = fiscal_quarters("2027-01", 18, 7)
    assert [(q.label, q.months[0], q.months[-1]) for q in (quarters[0], quarters[-1])] == [
        ("FY2027 Q3", "2027-01", "2027-03"),
        ("FY2028 Q4", "2028-04", "2028-06"),
    ]
    base, option = contract_years("2027-01", 18)
    assert (base.period, base.months[0], base.months[-1], base.partial) == (
        "base",
        "2027-01",
        "2027-12",
        False,
    )
    assert (option.period, option.months[0], option.months[-1], option.partial) == (
        "option 1",
        "2028-01",
        "2028-06",
        True,
    )


def test_budget_worked_example_by_hand():
    """Oracle, by hand: 6 x 70 x $65 = $27,300.00; 6 x 100 x $65 = $39,000.00; 12 x $4,550.00 =
    $54,600.00; 12 x 100 x $65 = $78,000.00; 12 x $5,450.00 = $65,400.00; Medicaid 40 % of
    $54,600.00 = $21,840.00, 75 % federal = $16,380.00."""
    _, *rows = table("Budget worked example", BUDGET)
    figures = dict(rows)
    assert {
        "FY2027 planned (January to June 2027, partial)": "$27,300.00",
        "FY2027 not-to-exceed": "$39,000.00",
        "FY2028 planned": "$54,600.00",
        "FY2028 not-to-exceed": "$78,000.00",
        "FY2028 savings": "$65,400.00",
        "FY2028 Medicaid, Federal": "$16,380.00",
    }.items() <= figures.items()


def test_fiscal_year_starts_are_the_codes():
    """The common fiscal-year starts the budget method lists are the calculator's."""
    from calculator.budget import FISCAL_YEAR_STARTS

    text = flat(method_sections(BUDGET)["Fiscal years"])
    for label in FISCAL_YEAR_STARTS.values():
        month, _, who = label.partition(": ")
        assert f"{month} ({who})" in text
