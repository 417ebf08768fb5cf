"""Where a page's rerun spends its time on the server: cProfile of AppTest reruns.

Usage: .venv/bin/python benchmarks/profile_rerun.py [--page quick] [--reruns 30] [--top 25]
       [--distinct]

Runs a page headless (Streamlit's AppTest: the whole script, widgets, elements and their
serialisation, no browser), types two values in turn into the page's input (``--page``, one of
``CASES`` below: the calculator's quick input by default, or the input ``browser_latency.py``
times on that page), and profiles the reruns. With ``--distinct`` (quick inputs only) every
rerun types a value not typed before in the last eight, so nothing comes from the per-scenario
store (``app/scenario_cache.py``): a first look at each scenario. Prints the median rerun [ms],
how many times the script ran per input (a rerun the script asks for runs it again), the share
of time in each part of the page (cumulative), the project's functions by cumulative time and
the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app" / "streamlit_app.py"
# Cumulative time of these functions, each a part of the rerun [function name in file].
PARTS = {
    "compare() (the pricing core)": ("calculator/_compare.py", "compare"),
    "charts built (waterfall view)": ("app/views/calculator.py", "waterfall_view"),
    "st.plotly_chart (figure to JSON and proto)": (
        "streamlit/elements/plotly_chart.py",
        "plotly_chart",
    ),
    "st.dataframe (tables to Arrow)": ("streamlit/elements/arrow.py", "dataframe"),
    "headline metrics": ("app/components/results.py", "show_headline"),
    "downloads panel": ("app/components/downloads.py", "show_downloads"),
    "share panel (link token)": ("app/components/share_panel.py", "share_panel"),
    "quick inputs": ("app/components/quick_inputs.py", "quick_inputs"),
    "seasonal editor": ("app/components/seasonal_editor.py", "seasonal_editor"),
    "calculator chart sections": ("app/components/results.py", "show_charts"),
    "commitment advice": ("app/components/commitment.py", "show_commitment_advice"),
    "chart views shown (chart, table, summary)": (
        "app/components/chart_view.py",
        "show_chart_view",
    ),
    "st.data_editor (editable tables)": (
        "streamlit/elements/widgets/data_editor.py",
        "data_editor",
    ),
    "scenario set (share token)": ("app/state.py", "set_scenario"),
    "budget planned (plan_budget)": ("calculator/budget/_budget.py", "plan_budget"),
    "usage options": ("app/app_pages/usage.py", "option_inputs"),
    "usage analysis": ("app/app_pages/usage.py", "analyse"),
}


@dataclasses.dataclass(frozen=True)
class Case:
    """A page to profile: its script path (``None``: the calculator), what to do first, and the
    number or text input typed into, with the two values typed in turn."""

    page: str | None
    setup: Callable[[AppTest], object]
    kind: str  # "number" or "text"
    key: str
    values: tuple


def _seasonal(app: AppTest) -> object:
    return app.radio(key="mode_switch").set_value("Seasonal plan").run()


def _sample_log(app: AppTest) -> object:
    return app.toggle(key="usage_try_sample").set_value(True).run()


CASES = {
    "quick": Case(None, lambda app: app, "number", "quick_active", (60, 70)),
    "seasonal": Case(None, _seasonal, "number", "seasonal_horizon", (24, 36)),
    "budget": Case(
        "app_pages/budget.py", lambda app: app, "number", "budget_discount_rate", (3.25, 3.5)
    ),
    "side_by_side": Case(
        "app_pages/side_by_side.py",
        lambda app: app,
        "text",
        "side_by_side_0_label",
        ("Today A", "Today B"),
    ),
    "usage": Case("app_pages/usage.py", _sample_log, "number", "usage_cap_hours", (10.0, 12.0)),
}


def profiled_script_runs(profile: cProfile.Profile, runs: list[int]) -> None:
    """Profile the script itself: it runs in AppTest's script thread, which cProfile of the main
    thread does not see. ``runs`` grows by one per script run."""
    original = script_runner.exec_func_with_error_handling

    def run(func, ctx):
        runs.append(1)
        profile.enable()
        try:
            return original(func, ctx)
        finally:
            profile.disable()

    script_runner.exec_func_with_error_handling = run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", choices=list(CASES), default="quick")
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--distinct", action="store_true", help="a new value on every rerun")
    args = parser.parse_args()
    case = CASES[args.page]
    if args.distinct and args.page != "quick":
        parser.error("--distinct is for the quick inputs")
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    if case.page is not None:
        app.switch_page(case.page).run()
    case.setup(app)

    def widget():
        return getattr(app, f"{case.kind}_input")(key=case.key)

    widget().set_value(case.values[0]).run()  # warm caches
    times = []
    runs: list[int] = []
    profile = cProfile.Profile()
    profiled_script_runs(profile, runs)
    for index in range(args.reruns):
        value = 20 + index % 60 if args.distinct else case.values[(index + 1) % 2]
        box = widget().set_value(value)
        start = time.perf_counter()
        box.run()
        times.append((time.perf_counter() - start) * 1000)
    if app.exception:
        raise SystemExit(f"the page raised: {app.exception}")
    print(f"page: {args.page}, input {case.key!r}")
    print(f"script runs per input: {len(runs) / args.reruns:.2f}")
    stats = pstats.Stats(profile)
    print(f"AppTest rerun, {args.reruns} reruns: median {statistics.median(times):.1f} ms")
    print(f"script time per rerun (profiled): {stats.total_tt / args.reruns * 1000:.1f} ms")
    print("cumulative time per rerun, by part of the page [ms]")
    for label, (path, name) in PARTS.items():
        cumulative = sum(
            entry[3]
            for (filename, _, function), entry in stats.stats.items()
            if filename.endswith(path) and function == name
        )
        print(f"  {label:<46} {cumulative / args.reruns * 1000:7.1f}")
    print("\nthe project's functions by cumulative time per rerun [ms]")
    ours = sorted(
        (
            (entry[3], filename, function)
            for (filename, _, function), entry in stats.stats.items()
            if str(ROOT) in filename and "/.venv/" not in filename
        ),
        reverse=True,
    )
    for cumulative, filename, function in ours[: args.top]:
        where = Path(filename).relative_to(ROOT)
        print(f"  {cumulative / args.reruns * 1000:7.1f}  {where}:{function}")
    print(f"\ntop {args.top} functions by own time")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
