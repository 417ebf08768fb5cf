"""The load a sales team brings: many people changing the calculator's inputs at once.

Each simulated person is a :class:`~tests.load.stream_client.StreamSession` with numbers of their
own: person ``i`` of ``n`` first sets the provisioned seats to ``100,000 + i``, then keeps typing
active users ``FIRST_ACTIVE + i + n * k`` for ``k = 0, 1, ...``, pausing a moment between inputs.
No two people ever type the same pair, so a headline showing anyone else's numbers is caught.
After every input the person checks what came back: no exception and no error box, the headline
"Savings per month" equal to the figure computed here, independently of the app, with
:func:`calculator.compare`, and a share token in the address holding their own numbers.

:func:`drive` runs a warm-up (every person types a few values), measures the server's memory
(the plateau), runs the load for a given time, notes the memory once 300 inputs were handled and
at the end, closes every session, waits out ``server.disconnectedSessionTTL`` and measures again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import statistics
import threading
import time
from collections.abc import Callable
from urllib.parse import parse_qs

import psutil
from playwright.sync_api import Page

from app.share import from_token
from calculator import Scenario, compare, example_scenario, format_money
from tests.browser.calculator_page import HEADLINE, enter_value, open_app
from tests.load.stream_client import StreamSession

BASE_SEATS = 100_000  # [seats] person i has BASE_SEATS + i provisioned seats
FIRST_ACTIVE = 100  # [users] above the worked example's peak concurrency (50)
WARMUP_INPUTS = 5  # inputs per person before the memory plateau is measured
RERUNS_FOR_MEMORY = 300  # inputs handled under load before the memory is compared
THINK = (0.2, 1.0)  # [s] pause between one person's inputs, uniform
SAVINGS_LABEL = "Savings per month: "
BROWSER_SEATS = 100  # [seats] the browser keeps the worked example's seats: no client has them
BROWSER_VALUES = range(51, 100)  # active users the browser types in turn
START_TIMEOUT = 120.0  # [s] until the clients' load starts, generous: CI machines are shared

# performance.now() in the first animation frame that shows ``text`` in the metric, else false.
_SHOWS = """([scope, label, text]) => {
    const metric = [...document.querySelectorAll(`${scope} [data-testid='stMetric']`)]
        .find(m => m.textContent.includes(label));
    const value = metric && metric.querySelector("[data-testid='stMetricValue']");
    return value && value.textContent.trim() === text ? performance.now() : false;
}"""


def expected_savings(provisioned: int, active: int) -> dict[str, str]:
    """The headline "Savings per month" per plan for the worked example with these two numbers,
    computed with the calculator package alone: metric label -> text."""
    example = example_scenario()
    data = example.model_dump()
    data["staffing"] = [
        {**month, "provisioned": provisioned, "active": active} for month in data["staffing"]
    ]
    comparison = compare(Scenario.model_validate(data))
    months = len(data["staffing"])
    shown = {}
    for plan, split in comparison.savings.items():
        if plan == comparison.baseline:
            continue
        per_month, remainder = divmod(split.savings_cents, months)
        assert remainder == 0, "every month is alike, so the average is exact"
        shown[f"{SAVINGS_LABEL}{plan}"] = format_money(per_month, example.currency)
    return shown


@dataclasses.dataclass
class Person:
    """One simulated person's session and what they saw."""

    index: int
    session: StreamSession
    provisioned: int
    latencies: list[float] = dataclasses.field(default_factory=list)  # [s] input -> headline
    problems: list[str] = dataclasses.field(default_factory=list)  # errors on the page
    foreign: list[str] = dataclasses.field(default_factory=list)  # numbers that were not theirs
    inputs: int = 0  # inputs counted in the current phase
    typed: int = 0  # active-user values typed so far, warm-up included

    async def type_value(self, key: str, value: int, active: int) -> None:
        """Enter ``value`` in the box ``key``; check the page against ``active`` users."""
        run = await self.session.change(key, value)
        self.inputs += 1
        self.latencies.append(run.seconds)
        self.problems += [f"person {self.index}: {problem}" for problem in run.problems()]
        shown = {k: v for k, v in run.metrics().items() if k.startswith(SAVINGS_LABEL)}
        wanted = expected_savings(self.provisioned, active)
        if shown != wanted:
            self.foreign.append(f"person {self.index} typed {active}: saw {shown}, not {wanted}")
        token = parse_qs(self.session.query_string).get("s", [""])[0]
        staffing = from_token(token).staffing
        if {(m.provisioned, m.active) for m in staffing} != {(self.provisioned, active)}:
            self.foreign.append(f"person {self.index} typed {active}: the address holds others")


@dataclasses.dataclass
class LoadReport:
    """What a load run measured. Memory is the server process's resident set size [bytes]."""

    people: list[Person]
    seconds: float  # length of the load phase
    rss_plateau: int = 0  # after the warm-up, every session open
    rss_after_reruns: int | None = None  # once RERUNS_FOR_MEMORY inputs were handled under load
    rss_end: int = 0  # at the end of the load
    rss_closed: int = 0  # after every session closed and the disconnected-session TTL passed
    browser_latencies: list[float] = dataclasses.field(default_factory=list)  # [s], if any
    browser_problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def latencies(self) -> list[float]:
        return [value for person in self.people for value in person.latencies]

    @property
    def problems(self) -> list[str]:
        found = [problem for person in self.people for problem in person.problems]
        return found + self.browser_problems

    @property
    def foreign(self) -> list[str]:
        return [item for person in self.people for item in person.foreign]

    @property
    def inputs(self) -> int:
        return sum(person.inputs for person in self.people)

    def lines(self) -> list[str]:
        """The figures, for stdout."""
        mib = 1024 * 1024
        out = [
            f"{len(self.people)} sessions, {self.seconds:.0f} s of load, {self.inputs} inputs "
            f"({self.inputs / self.seconds:.1f} per second)",
            f"errors on the page: {len(self.problems)}; "
            f"headlines or addresses with another session's numbers: {len(self.foreign)}",
            "change -> headline [ms] (WebSocket clients): " + summary(self.latencies),
        ]
        if self.browser_latencies:
            out.append(
                "change -> headline [ms] (browser beside them): " + summary(self.browser_latencies)
            )
        after = "n/a" if self.rss_after_reruns is None else f"{self.rss_after_reruns / mib:.1f}"
        out.append(
            f"server RSS [MiB]: plateau {self.rss_plateau / mib:.1f}, after "
            f"{RERUNS_FOR_MEMORY} inputs {after}, end of load {self.rss_end / mib:.1f}, "
            f"sessions closed {self.rss_closed / mib:.1f}"
        )
        return out


def summary(seconds: list[float]) -> str:
    if len(seconds) < 2:
        return "too few samples"
    milliseconds = [value * 1000 for value in seconds]
    p95 = statistics.quantiles(milliseconds, n=100, method="inclusive")[94]
    return (
        f"p50 {statistics.median(milliseconds):.0f}, p95 {p95:.0f}, "
        f"max {max(milliseconds):.0f} ({len(milliseconds)} inputs)"
    )


def rss(process: psutil.Process) -> int:
    return process.memory_info().rss


async def drive(
    url: str,
    server: psutil.Process,
    *,
    sessions: int,
    seconds: float,
    session_ttl: float,
    loading: threading.Event | None = None,
) -> LoadReport:
    """Run the whole load against the server at ``url`` (loopback) and report.

    ``loading``, if given, is set while the load phase runs (a browser beside the clients works
    then) and cleared when it ends.
    """
    rng = random.Random(20_260_601)
    people = [Person(index, StreamSession(url), BASE_SEATS + index) for index in range(sessions)]
    await asyncio.gather(*(person.session.connect() for person in people))
    await asyncio.gather(*(_open(person) for person in people))
    for _ in range(WARMUP_INPUTS):
        await asyncio.gather(*(_work(person, sessions, rng) for person in people))
    for person in people:  # the warm-up's figures are not the load's
        person.latencies.clear()
        person.inputs = 0
    report = LoadReport(people, seconds, rss_plateau=rss(server))
    # Load for ``seconds``; on a slow machine go on (up to three times as long) until enough
    # inputs were handled to judge the memory.
    started = time.monotonic()

    def going() -> bool:
        elapsed = time.monotonic() - started
        return elapsed < seconds or (report.inputs < RERUNS_FOR_MEMORY and elapsed < 3 * seconds)

    watch = asyncio.create_task(_watch_memory(report, server))
    if loading is not None:
        loading.set()
    try:
        await asyncio.gather(*(_keep_working(person, sessions, rng, going) for person in people))
    finally:
        if loading is not None:
            loading.clear()
        watch.cancel()
    report.seconds = time.monotonic() - started
    report.rss_end = rss(server)
    await asyncio.gather(*(person.session.close() for person in people))
    await asyncio.sleep(session_ttl + 3)  # the server drops closed sessions after the TTL
    report.rss_closed = rss(server)
    return report


async def _open(person: Person) -> None:
    run = await person.session.run()
    person.problems += [f"person {person.index}: {problem}" for problem in run.problems()]
    await person.type_value("quick_provisioned", person.provisioned, example_active())


def example_active() -> int:
    return example_scenario().staffing[0].active


async def _work(person: Person, sessions: int, rng: random.Random) -> None:
    """Type the next active-user value of ``person``, check the page, pause a moment."""
    active = FIRST_ACTIVE + person.index + sessions * person.typed
    person.typed += 1
    await person.type_value("quick_active", active, active)
    await asyncio.sleep(rng.uniform(*THINK))


async def _keep_working(
    person: Person, sessions: int, rng: random.Random, going: Callable[[], bool]
) -> None:
    while going():
        await _work(person, sessions, rng)


async def _watch_memory(report: LoadReport, server: psutil.Process) -> None:
    while report.rss_after_reruns is None:
        if report.inputs >= RERUNS_FOR_MEMORY:
            report.rss_after_reruns = rss(server)
        await asyncio.sleep(0.05)


def run_with_browser(
    url: str, server: psutil.Process, page: Page, *, sessions: int, seconds: float, ttl: float
) -> LoadReport:
    """:func:`drive` in a thread of its own while ``page`` (a real browser) types beside it.

    The browser's latencies and anything wrong it saw go into the report.
    """
    loading = threading.Event()
    outcome: dict[str, object] = {}

    def clients() -> None:
        try:
            outcome["report"] = asyncio.run(
                drive(
                    url,
                    server,
                    sessions=sessions,
                    seconds=seconds,
                    session_ttl=ttl,
                    loading=loading,
                )
            )
        except BaseException as exc:  # raised again in the caller's thread below
            outcome["error"] = exc
            loading.clear()

    # The page is drawn before the load starts: a first page load competing with twenty new
    # sessions measures the machine, not the app.
    open_app(page, url)
    thread = threading.Thread(target=clients, name="load-clients")
    thread.start()
    latencies: list[float] = []
    try:
        wrong = browser_person(page, url, loading, latencies)
    finally:
        thread.join()
    if "error" in outcome:
        raise outcome["error"]
    report = outcome["report"]
    report.browser_latencies = latencies
    report.browser_problems = wrong
    return report


def browser_person(page: Page, url: str, loading: threading.Event, latencies: list) -> list[str]:
    """Type active users in an open calculator page while ``loading`` is set; what looked wrong."""
    wrong = []
    if not loading.wait(START_TIMEOUT):
        return ["browser: the load never started"]
    typed = 0
    while loading.is_set():
        active = BROWSER_VALUES[typed % len(BROWSER_VALUES)]
        typed += 1
        ((label, text),) = expected_savings(BROWSER_SEATS, active).items()
        started = page.evaluate("performance.now()")
        enter_value(page, "quick_active", active)
        shown = page.wait_for_function(
            _SHOWS, arg=[HEADLINE, label, text], polling="raf", timeout=60_000
        ).json_value()
        latencies.append((shown - started) / 1000)
        for test_id in ("stException", "stAlertContentError"):
            if page.get_by_test_id(test_id).count():
                wrong.append(f"browser: {test_id} on the page after typing {active}")
    return wrong
