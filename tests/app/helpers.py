"""Small AppTest helpers shared by the app's tests."""

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import state
from app.components.seasonal_editor import plan_open_key
from calculator import MAX_PLANS


def metrics(at: AppTest) -> dict[str, str]:
    """Every metric on the page as label -> value text, as the reader sees them."""
    return {plain(metric.label): plain(metric.value) for metric in at.metric}


def click(at: AppTest, label: str, index: int = 0) -> AppTest:
    """Click the ``index``-th button labelled ``label`` and rerun."""
    buttons = [button for button in at.button if button.label == label]
    return buttons[index].click().run()


def keyed_block(at: AppTest, key: str):
    """The container created with ``st.container(key=key)``; its elements can be queried."""
    pending = [at._tree]
    while pending:
        node = pending.pop()
        proto_id = getattr(getattr(node, "proto", None), "id", "")
        if type(node).__name__ == "Block" and proto_id.endswith(f"-{key}"):
            return node
        pending.extend(getattr(node, "children", {}).values())
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
