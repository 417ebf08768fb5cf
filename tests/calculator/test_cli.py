"""The command line, run as a real subprocess, exactly as a user types it."""

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calculator import cli, compare, example_scenario, scenario_to_json
from calculator._summary import render_text
from calculator.usage import sample_log_csv
from tests.calculator.test_validation import HOURS


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "calculator", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        check=False,
    )


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "s.json"
    result = run("example")
    assert result.returncode == 0
    path.write_text(result.stdout)
    return path


def test_example_prints_the_default_scenario():
    """`example` prints the worked example as a scenario file."""
    assert run("example").stdout == scenario_to_json(example_scenario())


def test_compare_shows_the_worked_example(example_file):
    """`compare` shows every figure of the worked example."""
    out = run("compare", str(example_file)).stdout
    for figure in (
        "$10,000.00",
        "$4,550.00",
        "$5,450.00",
        "54.5 %",
        "utilization 70 %",
        "volume effect $3,000.00",
        "rate effect $2,450.00",
    ):
        assert figure in out


def test_compare_json_money_as_strings(example_file):
    """`compare --json` gives totals, the savings split and monthly lines, money as strings."""
    data = json.loads(run("compare", str(example_file), "--json").stdout)
    assert [t["total"] for t in data["totals"]] == ["120000.00", "54600.00"]
    (split,) = data["savings"]
    assert (split["savings"], split["volume_effect"], split["rate_effect"]) == (
        "65400.00",
        "36000.00",
        "29400.00",
    )
    assert split["savings_pct"] == "54.500000"
    assert data["utilization"]["overall"] == "0.700000"
    assert len(data["monthly"]) == 24
    assert data["monthly"][0]["cost"] == "10000.00"


def test_compare_reads_stdin():
    """`compare -` reads the scenario from standard input."""
    result = run("compare", "-", "--json", stdin=scenario_to_json(example_scenario(1)))
    assert json.loads(result.stdout)["savings"][0]["savings"] == "5450.00"


def test_bad_value_exits_2_naming_month_field_value(tmp_path):
    """A broken month gives exit code 2 and one line naming the month, field and value."""
    data = json.loads(scenario_to_json(example_scenario()))
    data["staffing"][3]["active"] = 130
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = run("compare", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {path}: April 2027: active (130) must be <= provisioned (100); lower active or raise provisioned\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "scenario file is not valid JSON"),
        ('{"schema_version": 9}', "scenario file version 9 is not supported"),
    ],
)
def test_unreadable_file_exits_2_without_traceback(tmp_path, content, message):
    """Unreadable files give exit code 2, one line, no traceback."""
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = run("compare", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_missing_file(tmp_path):
    """A missing file is named in the message."""
    result = run("compare", str(tmp_path / "nope.json"))
    assert (result.returncode, result.stderr) == (
        2,
        f"error: {tmp_path / 'nope.json'}: no such file\n",
    )


def test_schema_is_json_schema():
    """`schema` prints the JSON Schema with the scenario's fields."""
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"staffing", "plans", "baseline", "schema_version"} <= set(schema["properties"])


def test_help_lists_every_command():
    """`--help` names every command of the table with its one-line help."""
    result = run("--help")
    assert result.returncode == 0
    listed = " ".join(result.stdout.split())
    for name, command in cli.COMMANDS.items():
        assert f"{name} {command.help}" in listed


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_each_command_has_help(name):
    """`COMMAND --help` exits 0 and shows that command's usage line and help."""
    result = run(name, "--help")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"usage: python -m calculator {name} ")
    assert " ".join(cli.COMMANDS[name].help.split()) in " ".join(result.stdout.split())


def _usage_invocation(tmp_path):
    log = tmp_path / "sample.csv"
    log.write_bytes(sample_log_csv())
    result = run("usage", str(log), "--json")
    months = json.loads(result.stdout)["months"]
    assert [month["month"] for month in months] == [f"2024-{m:02d}" for m in range(1, 7)]
    assert all(month["active"] >= month["peak_concurrent"] > 0 for month in months)
    return result


def _compare_invocation(tmp_path):
    result = run("compare", "-", stdin=scenario_to_json(example_scenario(1)))
    assert "saves $5,450 a month (54.5 %)" in result.stdout
    return result


INVOCATIONS = {
    "example": lambda tmp_path: run("example"),
    "compare": _compare_invocation,
    "schema": lambda tmp_path: run("schema"),
    "usage": _usage_invocation,
}


def test_every_command_has_a_real_invocation_test():
    """A command added to the table needs a real invocation below."""
    assert set(INVOCATIONS) == set(cli.COMMANDS)


@pytest.mark.parametrize("name", list(INVOCATIONS))
def test_each_command_runs(name, tmp_path):
    """One real invocation of each command succeeds, prints output and no error."""
    result = INVOCATIONS[name](tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip()


def test_no_command_is_required(capsys):
    """No command: exit code 2 and the usage line, no traceback."""
    with pytest.raises(SystemExit) as exit_info:
        cli.main([])
    assert exit_info.value.code == 2
    assert "usage: python -m calculator" in capsys.readouterr().err


def test_schema_command_writes_the_published_file():
    """`schema` prints the published schema byte for byte: the file is regenerated with
    `python -m calculator schema > schema/scenario.v2.schema.json`."""
    published = Path(__file__).resolve().parents[2] / "schema" / "scenario.v2.schema.json"
    assert run("schema").stdout == published.read_text(encoding="utf-8")


def test_compare_json_recommends_a_commitment_and_shows_lines(tmp_path):
    """`compare --json` lists each plan's lines and, for a committed plan, every level's total
    and what to sign: active 10, 20, 30 at $10 with a $16 overage -> commit to 20 ($760.00)."""
    from decimal import Decimal

    from calculator import MonthStaffing, Plan, PlanLine, Scenario

    committed = Plan(
        name="Committed",
        rule="active_user",
        rate=Decimal(10),
        committed_units=30,
        overage_rate=Decimal(16),
        lines=[PlanLine(name="Supervisors", rule="named_seat", rate=Decimal(1), quantity=2)],
    )
    scenario = Scenario(
        name="Commit",
        start_month="2027-01",
        staffing=[MonthStaffing(provisioned=n, active=n, peak_concurrent=n) for n in (10, 20, 30)],
        plans=[committed],
        baseline="Committed",
    )
    path = tmp_path / "commit.json"
    path.write_text(scenario_to_json(scenario))
    data = json.loads(run("compare", str(path), "--json").stdout)
    (advice,) = data["commitments"]
    assert (advice["plan"], advice["current"], advice["recommended"]) == ("Committed", 30, 20)
    # Two supervisor seats at $1 add $2.00 a month to every level: $760 + $6 = $766.00.
    assert advice["levels"][20] == {"level": 20, "total": "766.00"}
    assert advice["recommendation"].startswith("Commit to 20 active users: it costs $766.00")
    supervisors = [row["cost"] for row in data["lines"] if row["line"] == "Supervisors"]
    assert supervisors == ["2.00", "2.00", "2.00"]
    text = run("compare", str(path)).stdout
    assert f"Committed: {advice['recommendation']}" in text


def test_every_problem_of_a_file_at_once(tmp_path, capsys):
    """Three broken rules in different places: three lines, each with its month and a way on."""
    document = json.loads(scenario_to_json(example_scenario()))
    document["staffing"][1]["active"] = 150
    document["staffing"][3]["peak_concurrent"] = 90
    document["plans"].append({"name": "Hours", "rule": "logged_in_hours", "rate": "1"})
    path = tmp_path / "many.json"
    path.write_text(json.dumps(document))
    assert cli.main(["compare", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {path}: February 2027: active (150) must be <= provisioned (100); lower active or"
        " raise provisioned",
        f"error: {path}: April 2027: peak_concurrent (90) must be <= active (70); lower"
        " peak_concurrent or raise active",
        f"error: {path}: plan 'Hours' counts logged-in hours but January 2027 has no"
        f" logged_in_hours{HOURS}",
    ]


def test_text_report_of_a_free_plan_today_has_no_undefined_percentages():
    """Seats at $0: no "(n/a)" after the extra cost, and active users are never cheaper."""
    scenario = example_scenario()
    free = scenario.plans[0].model_copy(update={"rate": Decimal(0)})
    text = render_text(compare(scenario.model_copy(update={"plans": [free, *scenario.plans[1:]]})))
    assert "n/a" not in text
    assert "Active users is never cheaper: Named seats costs nothing" in text


def test_text_report_of_a_free_plan_today_says_so_in_the_savings_column():
    """Seats at $0: the savings cell says today's plan costs nothing after the figure, and the
    total still starts a column of its own."""
    scenario = example_scenario()
    free = scenario.plans[0].model_copy(update={"rate": Decimal(0)})
    text = render_text(compare(scenario.model_copy(update={"plans": [free, *scenario.plans[1:]]})))
    row = next(line for line in text.splitlines() if line.startswith("Active users  "))
    assert re.split(r" {2,}", row)[-2:] == [
        "-$4,550.00 (today's plan costs nothing)",
        "-$54,600.00",
    ]
