"""The PDF's print copy of the charts: bar series told apart by marker shapes, not by colour
alone and not by fill patterns; the same figures as the screen copy."""

from __future__ import annotations

import json
import re

import pytest

from app import theme
from app.reports import html_report
from app.reports._print_charts import print_chart
from tests.app.reports.test_html_report import LARGEST, WORKED


def chart_specs(html: str) -> list[dict]:
    """The charts' Plotly specs from the report's JSON data block."""
    block = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html, re.S)
    assert block, "no chart data"
    return json.loads(block.group(1))


def legend_cues(spec: dict) -> list[tuple]:
    """What tells each legend entry apart besides its colour: a bar's fill pattern, a line's
    dash and a marker's shape."""
    cues = []
    groups = set()
    for trace in spec["data"]:
        if trace.get("showlegend") is False or trace.get("legendgroup") in groups:
            continue
        if trace.get("legendgroup"):
            groups.add(trace["legendgroup"])
        marker = trace.get("marker") or {}
        if trace.get("type") == "bar":
            cues.append(("bar", (marker.get("pattern") or {}).get("shape", "")))
            continue
        mode = trace.get("mode", "lines+markers")
        cues.append(
            (
                (trace.get("line") or {}).get("dash", "solid") if "lines" in mode else None,
                marker.get("symbol", "circle") if "markers" in mode else None,
            )
        )
    return cues


def bars_of(spec: dict) -> list[dict]:
    return [trace for trace in spec["data"] if trace.get("type") == "bar"]


@pytest.fixture(scope="module", params=["worked", "largest"])
def copies(request) -> tuple[list[dict], list[dict]]:
    """The screen and the print copy of a report's charts."""
    comparison = {"worked": WORKED, "largest": LARGEST}[request.param]
    return (
        chart_specs(html_report(comparison)),
        chart_specs(html_report(comparison, print_copy=True)),
    )


def test_every_multi_series_chart_differs_by_more_than_colour(copies):
    """In both copies no two legend entries of a chart share their non-colour cue."""
    for specs in copies:
        for spec in specs:
            cues = legend_cues(spec)
            assert len(set(cues)) == len(cues), (spec["id"], cues)


def test_print_copy_has_no_fill_patterns_and_a_shape_on_every_bar(copies):
    """Every bar series of a chart with several has a marker trace of its own, one point per
    bar, standing for it in the legend; no bar is filled with a pattern."""
    screen, printed = copies
    multi = 0
    for spec in printed:
        bars = bars_of(spec)
        for bar in bars:
            assert "pattern" not in (bar.get("marker") or {}), spec["id"]
        if len(bars) < 2:
            continue
        multi += 1
        for bar in bars:
            partners = [
                trace
                for trace in spec["data"]
                if trace.get("type") == "scatter" and trace.get("legendgroup") == bar["legendgroup"]
            ]
            assert len(partners) == 1, (spec["id"], bar.get("name"))
            markers = partners[0]
            assert markers["mode"] == "markers"
            assert markers["name"] == bar["name"]
            assert bar["showlegend"] is False
            assert len(markers["x"]) == len(markers["y"]) == len(bar["x"])
        symbols = [
            trace["marker"]["symbol"]
            for trace in spec["data"]
            if trace.get("legendgroup") in {bar["legendgroup"] for bar in bars}
            and trace["type"] == "scatter"
        ]
        assert len(set(symbols)) == len(bars)
    # The screen copy had patterns where the print copy has shapes.
    assert multi == sum(
        1 for spec in screen if any("pattern" in bar["marker"] for bar in bars_of(spec))
    )
    assert multi >= 2  # the estimate by fiscal year and at least one tornado


STYLE_KEYS = {"marker", "legendgroup", "showlegend", "offsetgroup"}


def is_print_marker(data: list[dict], index: int) -> bool:
    """Whether ``data[index]`` is the marker trace the print copy added after a bar."""
    trace, before = data[index], data[index - 1] if index else {}
    return (
        before.get("type") == "bar"
        and trace.get("mode") == "markers"
        and trace.get("legendgroup") == before.get("legendgroup")
    )


def test_print_copy_shows_the_same_figures(copies):
    """Same charts in the same order; every trace the same but for the bars' styling."""
    screen, printed = copies
    assert [spec["id"] for spec in screen] == [spec["id"] for spec in printed]
    for before, after in zip(screen, printed, strict=True):
        kept = [t for i, t in enumerate(after["data"]) if not is_print_marker(after["data"], i)]
        assert len(kept) == len(before["data"])
        for old, new in zip(before["data"], kept, strict=True):
            assert {k: v for k, v in old.items() if k not in STYLE_KEYS} == {
                k: v for k, v in new.items() if k not in STYLE_KEYS
            }
        for axis in ("xaxis", "yaxis"):
            assert before["layout"][axis] == after["layout"][axis]


def test_static_charts_carry_no_hover_data(copies):
    """The report's charts are static pictures: nothing only a hover label would show is
    embedded, in either copy (the tables beside the charts hold every figure)."""
    for specs in copies:
        for spec in specs:
            assert spec["config"]["staticPlot"] is True
            for trace in spec["data"]:
                assert not {"hovertemplate", "hovertext", "customdata"} & set(trace), spec["id"]


def test_marker_at_the_end_of_each_grouped_bar():
    """Grouped bars: each marker sits on its bar's top, in the bar's offset group; the bar
    colours of plans 1 and 2 give the plans' shapes."""
    first, second = theme.PLAN_COLORS[:2]
    data = [
        {
            "type": "bar",
            "name": "A",
            "x": ["FY1", "FY2"],
            "y": [3.0, 5.0],
            "marker": {"color": first, "pattern": {"shape": ""}},
        },
        {
            "type": "bar",
            "name": "B",
            "x": ["FY1", "FY2"],
            "y": [4.0, -1.0],
            "marker": {"color": second, "pattern": {"shape": "/"}},
        },
    ]
    layout = {"barmode": "group"}
    printed, printed_layout = print_chart(data, layout)
    assert [trace["type"] for trace in printed] == ["bar", "scatter", "bar", "scatter"]
    assert printed[1]["y"] == [3.0, 5.0]
    assert printed[3]["y"] == [4.0, -1.0]
    assert printed[1]["x"] == ["FY1", "FY2"]
    assert printed[1]["offsetgroup"] == printed[0]["offsetgroup"] != printed[2]["offsetgroup"]
    assert printed_layout["scattermode"] == "group"
    assert [printed[1]["marker"]["symbol"], printed[3]["marker"]["symbol"]] == list(
        theme.PLAN_MARKERS[:2]
    )
    # The figure it was given is left as it was.
    assert data[1]["marker"]["pattern"] == {"shape": "/"}
    assert "scattermode" not in layout


def test_marker_at_the_end_of_a_horizontal_bar_from_its_base():
    """A tornado's bars start at the base savings: the marker sits at base + length."""
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": f"Input {sign}20 %",
            "y": ["Rate", "Users"],
            "x": [-5.0, 2.0],
            "base": 100.0,
            "marker": {"color": color},
        }
        for sign, color in (("-", theme.PLAN_COLORS[0]), ("+", theme.PLAN_COLORS[1]))
    ]
    printed, layout = print_chart(data, {"barmode": "overlay"})
    assert printed[1]["x"] == [95.0, 102.0]
    assert printed[1]["y"] == ["Rate", "Users"]
    assert "offsetgroup" not in printed[1]
    assert "scattermode" not in layout


def test_stacked_markers_sit_in_the_middle_of_their_segment():
    data = [
        {"type": "bar", "name": name, "x": ["FY1"], "y": [value], "marker": {"color": "#123456"}}
        for name, value in (("Program A", 4.0), ("Program B", 6.0))
    ]
    printed, _ = print_chart(data, {"barmode": "stack"})
    assert printed[1]["y"] == [2.0]
    assert printed[3]["y"] == [7.0]
    # One colour for both: the shapes still differ.
    assert printed[1]["marker"]["symbol"] != printed[3]["marker"]["symbol"]


def test_one_bar_series_needs_no_marker():
    data = [{"type": "bar", "x": ["a"], "y": [1.0], "marker": {"pattern": {"shape": "x"}}}]
    printed, _ = print_chart(data, {})
    assert printed == [{"type": "bar", "x": ["a"], "y": [1.0], "marker": {}}]
