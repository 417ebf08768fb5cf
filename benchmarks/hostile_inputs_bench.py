"""Worst-case inputs on every scenario path: how long the calculator takes to answer each.

Usage: .venv/bin/python benchmarks/hostile_inputs_bench.py

Then logs: the plain session shape of benchmarks/usage_bench.py beside pathological logs of the
same size, in megabytes per second; no log shape may be slower per byte than the plain one by much.

Each case is answered by the same code the app and the CLI use: a scenario file read and priced
(`scenario_from_json`, `compare` and the JSON summary with its commitment searches, as
`python -m calculator compare --json` does), a share token read
(`app.share.from_token`, as a `?s=` link is) and priced. Printed: the slowest of five runs [ms]
and the answer (priced, or the first refusal). The limits are in docs/input-limits.md; every case
must be answered well inside one second.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from app.share import from_token, to_token
from calculator import (
    MAX_MONTHS,
    MAX_PLANS,
    MAX_SCENARIO_BYTES,
    MonthStaffing,
    Plan,
    Scenario,
    ScenarioFileError,
    compare,
    describe_validation_error,
    example_scenario,
    scenario_from_json,
    scenario_to_json,
)
from calculator._summary import comparison_to_dict

RUNS = 5


def _largest_scenario() -> Scenario:
    """60 months and 8 plans with every contract term set: the most work a valid file can ask."""
    base = example_scenario(months=MAX_MONTHS)
    plans = [
        plan.model_copy(update={"name": f"{plan.name} {copy}"})
        for copy in range(MAX_PLANS // len(base.plans) + 1)
        for plan in base.plans
    ][:MAX_PLANS]
    plans = [
        Plan.model_validate(
            {
                **plan.model_dump(),
                "committed_units": 40,
                "overage_rate": "123.456789",
                "minimum_monthly_charge": "999999.99",
                "one_time_cost": "1000000",
                "escalator": "0.123456",
            }
        )
        for plan in plans
    ]
    return base.model_copy(update={"plans": plans, "baseline": plans[0].name})


def _million_agents() -> Scenario:
    """The largest scenario at a peak of 1,000,000 agents: every commitment search is sampled."""
    largest = _largest_scenario()
    staffing = [
        MonthStaffing(
            provisioned=1_000_000 - i, active=999_000 - 7 * i, peak_concurrent=500_000 + i
        )
        for i in range(MAX_MONTHS)
    ]
    return largest.model_copy(update={"staffing": staffing})


def _with(field: str, value: str, literal: bool = False) -> str:
    document = json.loads(scenario_to_json(example_scenario(months=MAX_MONTHS)))
    document["plans"][0][field] = "@value@" if literal else value
    text = json.dumps(document)
    return text.replace('"@value@"', value) if literal else text


def _answer(read: Callable[[Any], Scenario], data: Any) -> str:
    try:
        scenario = read(data)
    except ScenarioFileError as error:
        return f"refused: {str(error)[:80]}"
    except ValidationError as error:
        return f"refused: {describe_validation_error(error)[0][:80]}"
    comparison = compare(scenario)
    comparison_to_dict(comparison)  # what `compare --json` prints: commitment searches included
    return f"priced: {len(comparison.lines)} plans x {len(scenario.staffing)} months"


def main() -> None:
    largest = _largest_scenario()
    junk = '{"schema_version": 1, "name": "' + "x" * (MAX_SCENARIO_BYTES - 100) + '"}'
    cases: list[tuple[str, Callable[[Any], Scenario], Any]] = [
        ("largest valid file", scenario_from_json, scenario_to_json(largest)),
        ("largest valid link", from_token, to_token(largest)),
        ("peak of 1,000,000 agents", scenario_from_json, scenario_to_json(_million_agents())),
        (
            "money '0E-547012' (text)",
            scenario_from_json,
            _with("minimum_monthly_charge", "0E-547012"),
        ),
        (
            "money 0E-547012 (number)",
            scenario_from_json,
            _with("minimum_monthly_charge", "0E-547012", True),
        ),
        ("rate 1E+547012 (number)", scenario_from_json, _with("rate", "1E+547012", True)),
        ("rate of 4,000 digits", scenario_from_json, _with("rate", "9" * 4000 + ".5", True)),
        ("rate 0.(5,000 zeros)1", scenario_from_json, _with("rate", "0." + "0" * 5000 + "1", True)),
        ("256 KB name", scenario_from_json, junk),
    ]
    print(f"{'case':<28} {'slowest of 5 [ms]':>18}  answer")
    for label, read, data in cases:
        slowest = 0.0
        answer = ""
        for _ in range(RUNS):
            start = time.perf_counter()
            answer = _answer(read, data)
            slowest = max(slowest, time.perf_counter() - start)
        print(f"{label:<28} {slowest * 1000:>18.1f}  {answer}")


LOG_ROWS = 300_000


def _log_shapes() -> dict[str, bytes]:
    """Logs of about the same row count: the benchmark's plain shape, then pathological ones."""
    import random

    rng = random.Random(7)
    header = "agent,login,logout\n"

    def session(agent: str, day: int, logout: bool = True) -> str:
        hour = rng.randint(0, 15)
        login = (
            f"2027-{day // 28 + 1:02d}-{day % 28 + 1:02d} {hour:02d}:{rng.randint(0, 59):02d}:00"
        )
        end = f"2027-{day // 28 + 1:02d}-{day % 28 + 1:02d} {hour + 8:02d}:00:00" if logout else ""
        return f"{agent},{login},{end}\n"

    plain = [
        session(f"agent_{rng.randint(0, 4999):05d}", rng.randint(0, 335)) for _ in range(LOG_ROWS)
    ]
    return {
        "plain sessions (reference)": (header + "".join(plain)).encode(),
        "every row a new agent": (
            header
            + "".join(session(f"agent_{n:07d}", rng.randint(0, 335)) for n in range(LOG_ROWS))
        ).encode(),
        "every timestamp unreadable": (header + "a,x,y\n" * LOG_ROWS).encode(),
        "no logouts (open sessions)": (
            header
            + "".join(
                session(f"a{rng.randint(0, 4999)}", rng.randint(0, 335), False)
                for _ in range(LOG_ROWS)
            )
        ).encode(),
        "the same row repeated": (header + plain[0] * LOG_ROWS).encode(),
        "200-character agent names": (
            header
            + "".join(line.replace("agent_", "x" * 194, 1) for line in plain[: LOG_ROWS // 4])
        ).encode(),
        "ragged rows": (header + "a,2027-01-01 08:00:00\n" * LOG_ROWS).encode(),
    }


def logs() -> None:
    """Bytes per second of hostile logs beside the plain shape, in one run."""
    from calculator.usage import LogFileError, analyze_log

    print(f"\n{'log':<30} {'MB':>6} {'seconds':>8} {'MB/s':>7} {'k rows/s':>9}  answer")
    for label, data in _log_shapes().items():
        start = time.perf_counter()
        try:
            result = analyze_log("log.csv", data)
            answer = f"{len(result.months)} months, {result.quality.rows_used:,} rows used"
        except LogFileError as error:
            answer = f"refused: {str(error)[:60]}"
        seconds = time.perf_counter() - start
        megabytes = len(data) / 1e6
        print(
            f"{label:<30} {megabytes:>6.1f} {seconds:>8.2f} {megabytes / seconds:>7.1f}  {answer}"
        )


if __name__ == "__main__":
    main()
    logs()
