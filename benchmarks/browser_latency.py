"""Browser latency of every page: from an input to the new numbers on screen, against two floors.

Usage: .venv/bin/python benchmarks/browser_latency.py [--interactions 40] [--warmup 4]
       [--pages 20] [--only NAME ...]

The widgets are found by key; every key the script uses is in the tables ``TARGETS`` and
``PAGES`` below, so a page whose widgets move keeps working once its keys are updated there. A
page whose widget is missing is reported as skipped, not as an error.

Starts ``streamlit run`` on a free loopback port, drives it with Debian's chromium through
Playwright, and types 60 and 70 active users in turn into the quick inputs. Each interaction is
timed in the page, with ``performance.now()``: from the Enter keydown to the first animation frame
in which the "Savings per month" metric *and* the waterfall chart (its title and its drawn values)
show the new scenario. It prints the median and p95 of that latency, of the metric alone and of the
page settling (the rerun finished, the previous chart's faded copy gone), and the server process's
CPU time per interaction (psutil, user + system, whole process, from Enter until the rerun ended).
Then it does the same for the two floors, ``benchmarks/trivial_app.py`` (one number input, one
metric) and ``benchmarks/chart_floor_app.py`` (the same plus one Plotly waterfall of the
calculator's waterfall's size, drawn afresh each run), and compares.

Then each page in ``PAGES`` with a representative input (a seasonal edit, a budget setting, a
side-by-side label, the usage options and load-duration month, switching to the presenter view):
from the input event to the first animation frame after the rerun in which nothing is stale, every
chart is drawn and the page shows the input's result (each step's ``shows``: the new NPV, the
sample log's logged-in hours for the new cap, the presenter's or the calculator's own element,
computed from the functions the pages use). A step whose result never shows is reported with the
reason.
It prints each page's median and p95, its ratio to the floor with a chart, and the server's CPU
per interaction; and the cold start: from ``streamlit run`` to the calculator's first number,
against the floor with a chart's cold start to its first number (target: at most 2x).
Targets, each against the floor with a chart in the same run: the calculator's median at most
1.2x, its p95 at most 1.3x and its server CPU per interaction at most 1.5x; every other page's
median at most 1.5x; the cold start at most 2x.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
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
from decimal import Decimal
from pathlib import Path

import psutil
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from app.components.results import headlines
from app.quick import build_quick_scenario, quick_values_from
from app.views.calculator import waterfall_view
from calculator import compare, example_scenario, format_money
from calculator.budget import plan_budget
from calculator.usage import SAMPLE_FILE_NAME, UsageOptions, analyze_logs, sample_log_csv

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app" / "streamlit_app.py"
TRIVIAL_APP = ROOT / "benchmarks" / "trivial_app.py"
CHART_FLOOR_APP = ROOT / "benchmarks" / "chart_floor_app.py"
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
WIDGET_WAIT = 15_000  # [ms] for a page's widget to appear before it counts as missing
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


# Any page: the input event's time, and the first frame after a rerun ended in which the script
# is idle, no element is stale and every Plotly chart is drawn. A rerun is seen as the app's
# script state leaving "running"; or, when the browser handled the whole run's messages in one go
# (a busy machine: React then never draws "running"), as the server's "script finished" message
# (ForwardMsg field 6, a varint) arriving after the input, and then a frame with no message since
# the previous one.
_WATCH_SOCKET = """(() => {
    window.__socket = {last: null, finished: null};
    const finishes = data => {  // whether a ForwardMsg has script_finished set (field 6, varint)
        if (!(data instanceof ArrayBuffer)) return false;
        const bytes = new Uint8Array(data);
        let at = 0;
        const varint = () => {
            let value = 0, shift = 0, byte;
            do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; }
            while (byte & 0x80 && at < bytes.length);
            return value;
        };
        while (at < bytes.length) {
            const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
            if (wire === 0) {
                const value = varint();
                if (field === 6) return value === 0 || value === 3;  // whole run or fragment run
            } else if (wire === 2) {
                const length = varint();  // read before at is: at += varint() adds to the old at
                at += length;
            }
            else if (wire === 1) at += 8;
            else if (wire === 5) at += 4;
            else return false;
        }
        return false;
    };
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", event => {
                const now = performance.now();
                window.__socket.last = now;
                if (finishes(event.data)) window.__socket.finished = now;
            });
        }
    };
})()"""
_ARM_RERUN = """() => {
    window.__rerun = {start: null, ran: null, seen: null};
    if (!window.__rerunObserver) {
        window.__rerunObserver = new MutationObserver(records => {
            const rerun = window.__rerun;
            if (rerun.start !== null && rerun.ran === null
                && records.some(r => r.oldValue === "running")) rerun.ran = performance.now();
        });
        window.__rerunObserver.observe(document.body, {
            subtree: true, attributes: true, attributeOldValue: true,
            attributeFilter: ["data-test-script-state"],
        });
        const mark = event => {
            if (window.__rerun.start === null && (event.type === "click" || event.key === "Enter")) {
                window.__rerun.start = performance.now();
            }
        };
        document.addEventListener("keydown", mark, true);
        document.addEventListener("click", mark, true);
    }
}"""
_RERUN_SHOWN = """([selector, text]) => {
    const rerun = window.__rerun;
    if (rerun.start === null) return false;
    if (rerun.ran === null) {
        const socket = window.__socket;
        if (!socket || socket.finished === null || socket.finished < rerun.start) return false;
        if (socket.last !== rerun.seen) {  // a message since the previous frame: wait a frame
            rerun.seen = socket.last;
            return false;
        }
    }
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.dataset.testScriptState !== "notRunning") return false;
    if (document.querySelector("[data-stale='true']")) return false;
    const plots = [...document.querySelectorAll(".js-plotly-plot")];
    if (!plots.every(gd => gd._fullData && gd._fullData.length)) return false;
    if (selector !== null
        && ![...document.querySelectorAll(selector)].some(e => e.textContent.includes(text))) {
        return false;
    }
    return {enter: rerun.start, shown: performance.now()};
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
        chart_title=view.figure.layout.title.text,  # as drawn: broken into lines
        chart_values=[float(y) for y in view.figure.data[0].y],
    )


def trivial_expected(value: int) -> Expected:
    """The trivial app's metric for ``value``."""
    return Expected("[data-testid='stMain']", "Twice the value", f"{2 * value:,}", None, None)


def chart_floor_expected(value: int) -> Expected:
    """The floor with a chart: its metric and its waterfall for ``value``."""
    return Expected(
        "[data-testid='stMain']",
        "Twice the value",
        f"{2 * value:,}",
        f"Waterfall for {value}",
        [10.0 * value, -1.0 * value, -2.0 * value, 0.0],
    )


CALCULATOR = "calculator"
FLOOR = "floor (trivial app)"
CHART_FLOOR = "floor with a chart"
TARGETS = (
    Target(CALCULATOR, APP, "quick_active", calculator_expected),
    Target(FLOOR, TRIVIAL_APP, "value", trivial_expected),
    Target(CHART_FLOOR, CHART_FLOOR_APP, "value", chart_floor_expected),
)


@dataclasses.dataclass(frozen=True)
class Step:
    """One input on a page: ``action`` on the widget with key ``key`` (or the link or text
    ``value`` for ``nav`` and ``open``).

    ``number`` and ``text`` type ``value`` and press Enter; ``choose`` types ``value`` into a
    select box and presses Enter on it; ``click`` clicks the text ``value`` inside the widget;
    ``nav`` clicks the sidebar link ``value``; ``open`` clicks a text that does not rerun the
    script (an expander's title). ``shows`` gives what the page must show once the step's rerun is
    done: an element matching a CSS selector whose text contains the given text (computed when the
    step is taken, from the functions the page uses). Without it, a rerun that ended early or
    showed a lighter page (the sample log gone, the previous page still up) would be timed as if it
    showed the result.
    """

    key: str | None
    action: str
    value: str
    shows: Callable[[], tuple[str, str]] | None = None

    @property
    def reruns(self) -> bool:
        return self.action != "open"


@dataclasses.dataclass(frozen=True)
class PageCase:
    """A page and a representative input on it: ``steps`` are taken in turn, one per
    interaction, after the untimed ``setup``."""

    name: str
    path: str  # the page's URL path
    steps: tuple[Step, ...]
    setup: tuple[Step, ...] = ()


METRIC = "[data-testid='stMetric']"
CAPTION = "[data-testid='stCaptionContainer']"


@functools.cache
def budget_npv(percent: str) -> tuple[str, str]:
    """The Budget page's NPV metric for the worked example at a discount rate of ``percent``."""
    example = example_scenario()
    settings = example.budget.model_copy(update={"discount_rate": Decimal(percent) / 100})
    scenario = example.model_copy(update={"budget": settings})
    (result,) = plan_budget(compare(scenario)).returns.values()
    return METRIC, f"NPV: {result.plan}{format_money(result.npv_cents, scenario.currency)}"


@functools.cache
def usage_hours(cap_hours: float) -> tuple[str, str]:
    """The usage page's logged-in hours for the sample log with a session cap of ``cap_hours``."""
    options = UsageOptions(open_session_cap_hours=cap_hours)
    result = analyze_logs([(SAMPLE_FILE_NAME, sample_log_csv())], options)
    return METRIC, f"Logged-in hours{result.total_logged_in_hours:,.1f}"


def load_curve_title(month: str) -> tuple[str, str]:
    """The usage page's load-duration chart, titled with ``month``."""
    return ".st-key-usage_load_chart", f"Load-duration curve, {month}"


# Every widget key the page benchmarks use. Update a key here when a page's widget moves.
PAGES = (
    PageCase(
        "calculator, seasonal edit (months in the plan)",
        "",
        (
            Step("seasonal_horizon", "number", "24", lambda: (CAPTION, "Over 24 months,")),
            Step("seasonal_horizon", "number", "36", lambda: (CAPTION, "Over 36 months,")),
        ),
        setup=(Step("mode_switch", "click", "Seasonal plan"),),
    ),
    PageCase(
        "budget, discount rate",
        "budget",
        (
            Step("budget_discount_rate", "number", "3.25", lambda: budget_npv("3.25")),
            Step("budget_discount_rate", "number", "3.50", lambda: budget_npv("3.50")),
        ),
        setup=(Step(None, "open", "Budget settings"),),
    ),
    PageCase(
        "side by side, a column's label",
        "side_by_side",
        (
            Step("side_by_side_0_label", "text", "Today A", lambda: (METRIC, "Today A: per")),
            Step("side_by_side_0_label", "text", "Today B", lambda: (METRIC, "Today B: per")),
        ),
    ),
    PageCase(
        "presenter view, open and back",
        "",
        (
            Step(
                None,
                "nav",
                "Presenter view",
                lambda: (".st-key-presenter_back", "Back to editing"),
            ),
            Step(
                "presenter_back",
                "click",
                "Back to editing",
                lambda: (f".st-key-headline {METRIC}", "Savings per month"),
            ),
        ),
    ),
    PageCase(
        "usage, session cap hours (sample log)",
        "usage",
        # One cap more than the page keeps analyses for (KEPT_ANALYSES), in turn: every input is
        # a cap not kept, so the log is analysed again each time, as for a cap not tried before.
        tuple(
            Step("usage_cap_hours", "number", f"{hours:.2f}", functools.partial(usage_hours, hours))
            for hours in (8.0, 9.0, 10.0, 11.0, 12.0)
        ),
        setup=(
            Step("usage_try_sample", "click", "Try it with the sample log"),
            Step(None, "open", "Options: format, time zones, rules, months"),
        ),
    ),
    PageCase(
        "usage, load-duration month (sample log)",
        "usage",
        tuple(
            Step("usage_load_month", "choose", month, functools.partial(load_curve_title, month))
            for month in ("2024-04", "2024-05")  # not the busiest month, shown first
        ),
        setup=(Step("usage_try_sample", "click", "Try it with the sample log"),),
    ),
)


def chromium_path() -> str:
    """Debian's Chromium, or exit saying how to install it (every browser benchmark needs it)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("needs Debian's chromium: run `bash scripts/test` to install it")
    return chromium


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


class MissingWidgetError(LookupError):
    """A key in ``PAGES`` that the page does not show (yet)."""


def _locate(page: Page, step: Step):
    if step.action in ("number", "text"):
        return page.locator(f".st-key-{step.key} input")
    if step.action == "choose":
        return page.locator(f".st-key-{step.key}").get_by_role("combobox")
    if step.action == "click":
        return page.locator(f".st-key-{step.key}").get_by_text(step.value, exact=True)
    if step.action == "nav":
        return page.locator("[data-testid='stSidebarNav'] a", has_text=step.value)
    return page.get_by_text(step.value, exact=True)


def _open_sidebar(page: Page) -> None:
    """Expand the sidebar when the page left it collapsed (the presenter view starts so), so
    its navigation can be clicked; untimed: it runs before the input is armed."""
    expand = page.locator("[data-testid='stExpandSidebarButton']")
    if expand.count() and expand.first.is_visible():
        expand.first.click()
        page.locator("[data-testid='stSidebarNav']").first.wait_for(
            state="visible", timeout=WIDGET_WAIT
        )


def take(page: Page, step: Step) -> dict | None:
    """Take ``step``; when it reruns the script, wait for the page to show the result and return
    the in-page times of the input and of the first frame showing it."""
    if step.action == "nav":
        _open_sidebar(page)
    target = _locate(page, step).first
    try:
        target.wait_for(state="visible", timeout=WIDGET_WAIT)
    except PlaywrightTimeout:
        raise MissingWidgetError(
            f"no {step.action} widget {step.key or step.value!r} on the page"
        ) from None
    if step.action in ("number", "text"):
        target.fill(step.value)
        # Enter applies the value only once the input has drawn it as changed ("Press Enter to
        # apply"); pressed before that redraw (a busy machine), it is ignored and no rerun comes.
        page.locator(
            f".st-key-{step.key} [data-testid='InputInstructions']", has_text="Press Enter"
        ).first.wait_for(state="attached", timeout=TIMEOUT)
    if step.action == "choose":
        target.click()
        target.fill(step.value)
        page.get_by_role("option", name=step.value, exact=True).wait_for(timeout=TIMEOUT)
    expectation = list(step.shows()) if step.shows is not None else [None, None]
    page.evaluate(_ARM_RERUN)
    if step.action in ("number", "text", "choose"):
        target.press("Enter")
    else:
        target.click()
    if not step.reruns:
        return None
    return page.wait_for_function(
        _RERUN_SHOWN, arg=expectation, polling="raf", timeout=TIMEOUT
    ).json_value()


def measure_page(case: PageCase, interactions: int, warmup: int, browser) -> Result | str:
    """Time ``interactions`` inputs on one page after ``warmup`` untimed; the reason instead when
    a widget is missing."""
    result = Result()
    step: Step | None = None  # the step being taken, for the reason when one times out
    with server(APP) as (url, process):
        page = browser.new_page()
        page.add_init_script(_WATCH_SOCKET)
        try:
            page.goto(f"{url}/{case.path}")
            # The app reads as idle before its first run starts: wait for the run's first
            # element, so the setup's first input does not land in the middle of that run.
            page.locator("[data-testid='stElementContainer']").first.wait_for(
                state="attached", timeout=TIMEOUT
            )
            page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
                timeout=TIMEOUT
            )
            for step in case.setup:
                take(page, step)
            # Every page case shows charts: without one the setup failed (the sample log not
            # loaded, say), and the page would time something much lighter than it should.
            try:
                page.locator(".js-plotly-plot").first.wait_for(timeout=TIMEOUT)
            except PlaywrightTimeout:
                return "no chart on the page after its setup"
            cpu_start = cpu_ms(process)
            for index in range(warmup + interactions):
                if index == warmup:
                    cpu_start = cpu_ms(process)
                cpu_before = cpu_ms(process)
                start = time.perf_counter()
                step = case.steps[index % len(case.steps)]
                marks = take(page, step)
                wall = (time.perf_counter() - start) * 1000
                if index < warmup or marks is None:
                    continue
                result.shown.append(marks["shown"] - marks["enter"])
                result.cpu.append(cpu_ms(process) - cpu_before)
                result.wall.append(wall)
            result.cpu_total = cpu_ms(process) - cpu_start
        except MissingWidgetError as missing:
            return str(missing)
        except PlaywrightTimeout:
            state = page.evaluate("() => JSON.stringify(window.__rerun || null)")
            if step is None:
                return f"the page did not load within {TIMEOUT / 1000:.0f} s"
            wanted = f", showing {step.shows()[1]!r}," if step.shows is not None else ""
            return (
                f"no rerun after {step.value!r}{wanted} within {TIMEOUT / 1000:.0f} s "
                f"(marks: {state})"
            )
        finally:
            page.close()
    return result


def cold_start(browser, script: Path = APP, metric: str = ".st-key-headline") -> float:
    """From ``streamlit run script`` to the first number of its metric inside ``metric`` on
    screen, in a fresh page [ms]."""
    start = time.perf_counter()
    with server(script) as (url, _):
        page = browser.new_page()
        page.goto(url)
        page.locator(f"{metric} [data-testid='stMetricValue']").first.wait_for(timeout=TIMEOUT)
        elapsed = (time.perf_counter() - start) * 1000
        page.close()
    return elapsed


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
    parser.add_argument("--pages", type=int, default=20, help="timed interactions on each page")
    parser.add_argument("--only", nargs="*", help="only the pages whose name starts so")
    args = parser.parse_args()
    chromium = chromium_path()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results: dict[str, Result] = {}
    pages: dict[str, Result | str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            # In turns, so both see the same load; the floor's is its first metric on screen.
            cold, cold_floor = [], []
            for _ in range(2):
                cold.append(cold_start(browser))
                cold_floor.append(cold_start(browser, CHART_FLOOR_APP, "[data-testid='stMain']"))
            for target in TARGETS:
                results[target.name] = measure(target, args.interactions, args.warmup, browser)
                report(target.name, results[target.name])
            for case in PAGES:
                if args.only and not any(case.name.startswith(name) for name in args.only):
                    continue
                pages[case.name] = measure_page(case, args.pages, 2, browser)
                print(f"page done: {case.name}", flush=True)
        finally:
            browser.close()
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    app, floor = results[CALCULATOR], results[CHART_FLOOR]
    floor_median, floor_p95 = statistics.median(floor.shown), p95(floor.shown)
    floor_cpu = floor.cpu_total / len(floor.shown)
    print("every page against the floor with a chart [ms]; CPU = server CPU per interaction")
    rows = [(CALCULATOR + ", quick active users", app), *pages.items()]
    for name, result in rows:
        if isinstance(result, str):
            print(f"  {name:<48} skipped: {result}")
            continue
        median, tail = statistics.median(result.shown), p95(result.shown)
        cpu = result.cpu_total / len(result.shown)
        print(
            f"  {name:<48} median {median:7.1f} ({median / floor_median:4.2f}x)   "
            f"p95 {tail:7.1f} ({tail / floor_p95:4.2f}x)   CPU {cpu:6.1f} ({cpu / floor_cpu:4.2f}x)"
        )
    print(
        f"  {'floor with a chart':<48} median {floor_median:7.1f}   p95 {floor_p95:7.1f}   CPU {floor_cpu:6.1f}"
    )
    print(
        f"cold start, streamlit run -> first number: {' / '.join(f'{c:.0f}' for c in cold)} ms, "
        f"floor with a chart {' / '.join(f'{c:.0f}' for c in cold_floor)} ms "
        f"({statistics.median(cold) / statistics.median(cold_floor):.2f}x; target <= 2x)"
    )
    median, tail = statistics.median(app.shown), p95(app.shown)
    ratio, tail_ratio = median / floor_median, tail / floor_p95
    cpu_ratio = app.cpu_total / floor.cpu_total
    print("targets, against the floor with a chart in this run")
    print(
        f"  calculator median <= 1.2x: {ratio:.2f}x -> {'met' if ratio <= 1.2 else 'MISSED'}; "
        f"p95 <= 1.3x: {tail_ratio:.2f}x -> {'met' if tail_ratio <= 1.3 else 'MISSED'}"
    )
    print(
        f"  calculator server CPU per interaction <= 1.5x: {cpu_ratio:.2f}x -> "
        f"{'met' if cpu_ratio <= 1.5 else 'MISSED'} "
        f"({app.cpu_total / results[FLOOR].cpu_total:.2f}x the trivial floor, whole loop)"
    )
    for name, result in pages.items():
        if not isinstance(result, str):
            page_ratio = statistics.median(result.shown) / floor_median
            verdict = "met" if page_ratio <= 1.5 else "MISSED"
            print(f"  {name} <= 1.5x: {page_ratio:.2f}x -> {verdict}")
    print(f"  (absolute, earlier targets: calculator median {median:.1f} ms, p95 {tail:.1f} ms)")


if __name__ == "__main__":
    main()
