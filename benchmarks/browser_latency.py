"""Browser latency of the calculator: from Enter in an input to the new numbers on screen.

Usage: .venv/bin/python benchmarks/browser_latency.py [--interactions 40] [--warmup 4]

Starts ``streamlit run`` on a free loopback port, drives it with Debian's chromium through
Playwright, and types 60 and 70 active users in turn into the quick inputs. Each interaction is
timed in the page, with ``performance.now()``: from the Enter keydown to the first animation frame
in which the "Savings per month" metric *and* the waterfall chart (its title and its drawn values)
show the new scenario. It prints the median and p95 of that latency, of the metric alone and of the
page settling (the rerun finished, the previous chart's faded copy gone), and the server process's
CPU time per interaction (psutil, user + system, whole process, from Enter until the rerun ended).
Then it does the same for ``benchmarks/trivial_app.py`` (one number input, one metric) as the
floor, and compares. Targets: median <= 200 ms, p95 <= 300 ms, and at most 1.5x the floor.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
from playwright.sync_api import Page, sync_playwright

from app.components.results import headlines
from app.quick import build_quick_scenario, quick_values_from
from app.views.calculator import waterfall_view
from calculator import compare, example_scenario

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app" / "streamlit_app.py"
TRIVIAL_APP = ROOT / "benchmarks" / "trivial_app.py"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT = 30_000  # [ms] for page loads and each interaction
VALUES = (60, 70)  # [active users] typed in turn; the page opens at 70 (the worked example)

# Each rAF until both are shown: record when the metric first shows the new text, when some figure
# in the waterfall container shows the new title and values, and when exactly one figure is left.
# Returns the three times once the metric and a new figure are both shown and the page settled.
_SHOWN = """([scope, metricLabel, metricText, title, values]) => {
    const now = performance.now();
    const marks = window.__marks;
    const metric = [...document.querySelectorAll(`${scope} [data-testid='stMetric']`)]
        .find(m => m.textContent.includes(metricLabel));
    const value = metric && metric.querySelector("[data-testid='stMetricValue']");
    if (marks.metric === null && value && value.textContent.trim() === metricText) {
        marks.metric = now;
    }
    if (title !== null) {
        const figures = [...document.querySelectorAll(".st-key-chart_waterfall .js-plotly-plot")];
        const shows = gd => !!(gd.layout && gd._fullData && gd._fullData.length
            && gd.layout.title.text.includes(title)
            && Array.from(gd._fullData[0].y).every((y, i) => y === values[i])
            && Array.from(gd._fullData[0].y).length === values.length);
        if (marks.chart === null && figures.some(shows)) marks.chart = now;
        if (marks.settled === null && figures.length === 1 && shows(figures[0])) marks.settled = now;
    } else {
        marks.chart = marks.metric;
        marks.settled = marks.metric;
    }
    const app = document.querySelector("[data-testid='stApp']");
    const idle = app && app.dataset.testScriptState === "notRunning";
    if (marks.metric === null || marks.chart === null || marks.settled === null || !idle) {
        return false;
    }
    return {enter: marks.enter, metric: marks.metric, chart: marks.chart, settled: marks.settled};
}"""
_ARM = """() => {
    window.__marks = {enter: null, metric: null, chart: null, settled: null};
    if (!window.__listening) {
        document.addEventListener("keydown", event => {
            if (event.key === "Enter") window.__marks.enter = performance.now();
        }, true);
        window.__listening = true;
    }
}"""


@dataclasses.dataclass(frozen=True)
class Expected:
    """What the page must show once an interaction is done."""

    metric_scope: str  # CSS selector of the container holding the metric
    metric_label: str
    metric_text: str
    chart_title: str | None  # None: the app has no chart
    chart_values: list[float] | None


@dataclasses.dataclass(frozen=True)
class Target:
    """An app to time: its script, the input to type into, and what each value must show."""

    name: str
    script: Path
    input_key: str
    expected: Callable[[int], Expected]


@dataclasses.dataclass
class Result:
    """Per-interaction figures [ms]."""

    shown: list[float] = dataclasses.field(default_factory=list)  # metric and chart both
    metric: list[float] = dataclasses.field(default_factory=list)
    settled: list[float] = dataclasses.field(default_factory=list)
    cpu: list[float] = dataclasses.field(default_factory=list)  # server CPU, 10 ms ticks
    cpu_total: float = 0.0  # server CPU over all timed interactions, idle time included
    wall: list[float] = dataclasses.field(default_factory=list)  # press + wait, from Python


def calculator_expected(active: int) -> Expected:
    """The calculator's savings and waterfall for the worked example with ``active`` users, from
    the same functions the page uses."""
    example = example_scenario()
    values = dataclasses.replace(quick_values_from(example), active=active)
    scenario = build_quick_scenario(values, name=example.name, start_month=example.start_month)
    comparison = compare(scenario)
    saving = headlines(comparison)[1]
    view = waterfall_view(comparison)
    return Expected(
        metric_scope=".st-key-headline",
        metric_label="Savings per month",
        metric_text=saving.savings_per_month,
        chart_title=view.title,
        chart_values=[float(y) for y in view.figure.data[0].y],
    )


def trivial_expected(value: int) -> Expected:
    """The trivial app's metric for ``value``."""
    return Expected("[data-testid='stMain']", "Twice the value", f"{2 * value:,}", None, None)


TARGETS = (
    Target("calculator", APP, "quick_active", calculator_expected),
    Target("floor (trivial app)", TRIVIAL_APP, "value", trivial_expected),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(script: Path) -> Iterator[tuple[str, psutil.Process]]:
    """``streamlit run script`` on a free loopback port: its URL and its process."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT / 1000
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{script.name}: the server did not start") from None
                time.sleep(0.2)
        yield url, psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _arguments(expected: Expected) -> list:
    return [
        expected.metric_scope,
        expected.metric_label,
        expected.metric_text,
        expected.chart_title,
        expected.chart_values,
    ]


def cpu_ms(process: psutil.Process) -> float:
    """User + system CPU time of ``process`` so far [ms]."""
    times = process.cpu_times()
    return (times.user + times.system) * 1000


def interact(page: Page, target: Target, value: int, process: psutil.Process) -> dict:
    """Type ``value``, press Enter, wait until the page shows it; the in-page times and CPU."""
    expected = target.expected(value)
    box = page.locator(f".st-key-{target.input_key} input")
    box.fill(str(value))
    page.evaluate(_ARM)
    cpu_before = cpu_ms(process)
    start = time.perf_counter()
    box.press("Enter")
    marks = page.wait_for_function(
        _SHOWN,
        arg=_arguments(expected),
        polling="raf",
        timeout=TIMEOUT,
    ).json_value()
    wall = (time.perf_counter() - start) * 1000
    return {**marks, "wall": wall, "cpu": cpu_ms(process) - cpu_before}


def measure(target: Target, interactions: int, warmup: int, browser) -> Result:
    """Open the app in a fresh page and time ``interactions`` inputs after ``warmup`` untimed."""
    result = Result()
    with server(target.script) as (url, process):
        page = browser.new_page()
        page.goto(url)
        first = target.expected(VALUES[1])
        page.evaluate(_ARM)
        page.wait_for_function(
            _SHOWN,
            arg=_arguments(first),
            polling="raf",
            timeout=TIMEOUT,
        )
        for index in range(warmup + interactions):
            if index == warmup:
                cpu_start = cpu_ms(process)
            marks = interact(page, target, VALUES[index % 2], process)
            if index < warmup:
                continue
            if marks["enter"] is None:
                raise RuntimeError("the Enter keydown was not seen in the page")
            result.metric.append(marks["metric"] - marks["enter"])
            result.shown.append(max(marks["metric"], marks["chart"]) - marks["enter"])
            result.settled.append(marks["settled"] - marks["enter"])
            result.cpu.append(marks["cpu"])
            result.wall.append(marks["wall"])
        result.cpu_total = cpu_ms(process) - cpu_start
        page.close()
    return result


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def line(label: str, values: list[float]) -> str:
    return (
        f"  {label:<44} median {statistics.median(values):7.1f}   p95 {p95(values):7.1f}   "
        f"min {min(values):7.1f}   max {max(values):7.1f}"
    )


def report(name: str, result: Result) -> None:
    print(f"{name} ({len(result.shown)} interactions) [ms]")
    print(line("Enter -> metric and chart show the new value", result.shown))
    print(line("Enter -> metric shows the new value", result.metric))
    print(line("Enter -> page settled (rerun done, one chart)", result.settled))
    print(line("press + wait from Python (wall clock)", result.wall))
    print(line("server CPU per interaction (10 ms ticks)", result.cpu))
    mean = result.cpu_total / len(result.shown)
    print(f"  {'server CPU per interaction, whole loop':<44} mean   {mean:7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=40, help="timed interactions (>= 30)")
    parser.add_argument("--warmup", type=int, default=4, help="untimed interactions first")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("needs Debian's chromium: run `bash scripts/test` to install it")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for target in TARGETS:
                results[target.name] = measure(target, args.interactions, args.warmup, browser)
                report(target.name, results[target.name])
        finally:
            browser.close()
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    app, floor = results[TARGETS[0].name], results[TARGETS[1].name]
    median, tail = statistics.median(app.shown), p95(app.shown)
    ratio = median / statistics.median(floor.shown)
    tail_ratio = tail / p95(floor.shown)
    cpu_ratio = app.cpu_total / floor.cpu_total
    print("targets")
    print(f"  median <= 200 ms: {median:.1f} ms -> {'met' if median <= 200 else 'MISSED'}")
    print(f"  p95    <= 300 ms: {tail:.1f} ms -> {'met' if tail <= 300 else 'MISSED'}")
    print(
        f"  <= 1.5x the floor: median {ratio:.2f}x, p95 {tail_ratio:.2f}x -> "
        f"{'met' if ratio <= 1.5 and tail_ratio <= 1.5 else 'MISSED'}"
    )
    print(f"  server CPU per interaction: {cpu_ratio:.2f}x the floor (whole loop)")


if __name__ == "__main__":
    main()
