"""Small AppTest helpers shared by the app's tests."""

import json
import random
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import state
from app.components.seasonal_editor import plan_open_key
from calculator import MAX_PLANS, Scenario


def metrics(at: AppTest) -> dict[str, str]:
    """Every metric on the page as label -> value text, as the reader sees them."""
    return {plain(metric.label): plain(metric.value) for metric in at.metric}


def click(at: AppTest, label: str, index: int = 0) -> AppTest:
    """Click the ``index``-th button labelled ``label`` and rerun."""
    buttons = [button for button in at.button if button.label == label]
    return buttons[index].click().run()


def _is_keyed_block(node, key: str) -> bool:
    proto_id = getattr(getattr(node, "proto", None), "id", "")
    return type(node).__name__ == "Block" and proto_id.endswith(f"-{key}")


def keyed_block(at: AppTest, key: str):
    """The container created with ``st.container(key=key)``; its elements can be queried."""
    pending = [at._tree]
    while pending:
        node = pending.pop()
        if _is_keyed_block(node, key):
            return node
        pending.extend(getattr(node, "children", {}).values())
    raise KeyError(key)


def keyed_block_path(at: AppTest, key: str) -> tuple[int, ...]:
    """Where ``st.container(key=key)`` sits in the main area: its index in each block on the
    way down. The browser draws an element anew when this changes from one run to the next."""
    pending = [(at._tree.main, ())]
    while pending:
        node, path = pending.pop()
        for index, child in getattr(node, "children", {}).items():
            if _is_keyed_block(child, key):
                return (*path, index)
            pending.append((child, (*path, index)))
    raise KeyError(key)


def figure_spec(at: AppTest, key: str) -> dict:
    """The Plotly figure JSON of the chart shown in ``st.container(key=key)``."""
    block = keyed_block(at, key)
    (chart,) = [child for child in block.children.values() if hasattr(child.proto, "spec")]
    return json.loads(chart.proto.spec)


def plain(text: str) -> str:
    """Markdown-escaped text as the reader sees it: backslash escapes removed, and the no-break
    space that keeps a number with its "%" read as the space it shows as."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u00a0", " ")


def shown_table(table) -> pd.DataFrame:
    """A static table (``st.table``, whose text the app escapes for Markdown) as the reader sees
    it: every text cell and header unescaped."""
    frame = table.value.rename(columns=lambda name: plain(str(name)))
    for name in frame.columns:
        frame[name] = [plain(cell) if isinstance(cell, str) else cell for cell in frame[name]]
    return frame


def errors(at: AppTest) -> list[str]:
    """Every error box's text as the reader sees it."""
    return [plain(error.value) for error in at.error]


def current_scenario(at: AppTest):
    """The session's current scenario (:func:`app.state.get_scenario`)."""
    return at.session_state["scenario"]


def count_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time the app's script runs from the top (a rerun the
    script asks for included)."""
    runs: list[int] = []
    init = state.init

    def counted() -> None:
        runs.append(1)
        init()

    monkeypatch.setattr(state, "init", counted)
    return runs


def open_plan_sections(at: AppTest) -> AppTest:
    """Open every plan's section of the seasonal editor, as a person clicking each would: a
    plan's form is drawn only while its section is open."""
    for index in range(MAX_PLANS):
        at.session_state[plan_open_key(index)] = True
    return at


def recorded_download_names(monkeypatch) -> list[str]:
    """The file names of every download button drawn from now on, in order (the names are
    fixed when a button is drawn, and an AppTest button does not show them)."""
    from app.components import downloads

    names: list[str] = []
    real = downloads.download_button

    def recorded(place, label, data, file_name, *args, **kwargs):
        names.append(file_name)
        return real(place, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(downloads, "download_button", recorded)
    return names


def uploader(at: AppTest, key: str):
    """The file uploader ``key`` as drawn now: its widget key carries the generation
    (``app.uploads``), which moves on once its file has been used."""
    generation = (
        at.session_state["uploads__generations"].get(key, 0)
        if ("uploads__generations" in at.session_state)
        else 0
    )
    return at.file_uploader(key=f"{key}_{generation}")


def scenario_too_long_for_a_link() -> Scenario:
    """A valid scenario whose share token is over the link's limit: 60 months and 8 plans of 7
    lines, each with five rate bands, rates of six decimals and one-time costs in 30 months,
    drawn at random (seeded) so that little repeats and zlib has little to fold."""
    rng = random.Random(7)

    def rate() -> str:
        return f"{rng.randint(1, 10**8) / 10**6:.6f}"

    def priced(**fields) -> dict:
        first = rate()  # the first band's rate is the line's own rate
        bands = [{"up_to": up_to, "rate": rate()} for up_to in (2000, 5000, 10000)]
        tiers = [{"up_to": 1000, "rate": first}, *bands, {"up_to": None, "rate": rate()}]
        return {**fields, "rate": first, "tiers": tiers}

    staffing = []
    for _ in range(60):
        provisioned = rng.randint(50_000, 100_000)
        active = rng.randint(20_000, provisioned)
        staffing.append(
            {
                "provisioned": provisioned,
                "active": active,
                "peak_concurrent": rng.randint(1, active),
                "logged_in_hours": f"{rng.randint(1, 10**9) / 100:.2f}",
            }
        )
    rules = ["named_seat", "concurrent", "active_user"]
    plans = [
        priced(
            name=f"Offer {number}",
            rule=rules[number % 3],
            lines=[priced(name=f"Line {line}", rule=rules[line % 3]) for line in range(6)],
            one_time_cost="1000.00",
            one_time_months=sorted(rng.sample(range(1, 61), 30)),
        )
        for number in range(8)
    ]
    return Scenario.model_validate(
        {
            "name": "Too long for a link",
            "start_month": "2027-07",
            "staffing": staffing,
            "plans": plans,
            "baseline": "Offer 0",
        }
    )
