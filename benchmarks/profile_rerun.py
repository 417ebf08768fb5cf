"""Where a calculator rerun spends its time on the server: cProfile of AppTest reruns.

Usage: .venv/bin/python benchmarks/profile_rerun.py [--reruns 30] [--top 25] [--distinct]

Runs the calculator page headless (Streamlit's AppTest: the whole script, widgets, elements and
their serialisation, no browser), types 60 and 70 active users in turn, and profiles the reruns.
With ``--distinct`` every rerun types a value not typed before in the last eight, so nothing
comes from the per-scenario store (``app/scenario_cache.py``): a first look at each scenario.
Prints the median rerun [ms], the share of time in each part of the page (by the module whose
functions the time is spent in, cumulative), and the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
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
}


def profiled_script_runs(profile: cProfile.Profile) -> None:
    """Profile the script itself: it runs in AppTest's script thread, which cProfile of the main
    thread does not see."""
    original = script_runner.exec_func_with_error_handling

    def run(func, ctx):
        profile.enable()
        try:
            return original(func, ctx)
        finally:
            profile.disable()

    script_runner.exec_func_with_error_handling = run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--distinct", action="store_true", help="a new value on every rerun")
    args = parser.parse_args()
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.number_input(key="quick_active").set_value(60).run()  # warm caches
    times = []
    profile = cProfile.Profile()
    profiled_script_runs(profile)
    for index in range(args.reruns):
        value = 20 + index % 60 if args.distinct else 70 if index % 2 else 60
        box = app.number_input(key="quick_active").set_value(value)
        start = time.perf_counter()
        box.run()
        times.append((time.perf_counter() - start) * 1000)
    if app.exception:
        raise SystemExit(f"the page raised: {app.exception}")
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
