"""Session tables built by hand or by hypothesis, as every reader hands them to the insights."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from calculator.usage._timeline import SessionTable
from tests.calculator.usage.logs import month_start_seconds, next_label, seconds

MONTHS = ("2024-01", "2024-02")
JAN = month_start_seconds("2024-01", "UTC")
MAR = month_start_seconds("2024-03", "UTC")


def table(
    rows: list[tuple],
    months: tuple[str, ...] = ("2024-01",),
    zone: str = "UTC",
    roster: list[str] | None = None,
) -> SessionTable:
    """``rows`` of ``(agent, login, logout)`` or ``(agent, login, logout, group)``, times as
    ``YYYY-MM-DD HH:MM`` in ``zone``; ticks are seconds."""
    names = sorted({row[0] for row in rows} | set(roster or []))
    groups = sorted({row[3] for row in rows if len(row) > 3})
    bounds = [month_start_seconds(label, zone) for label in months]
    bounds.append(month_start_seconds(next_label(months[-1]), zone))
    return SessionTable(
        codes=np.array([names.index(row[0]) for row in rows], dtype=np.int32),
        starts=np.array([seconds(row[1], zone) for row in rows], dtype=np.int64),
        ends=np.array([seconds(row[2], zone) for row in rows], dtype=np.int64),
        bounds=np.array(bounds, dtype=np.int64),
        tick_us=1_000_000,
        months=months,
        zone=zone,
        agents=tuple(names),
        groups=np.array([groups.index(row[3]) for row in rows]) if groups else None,
        group_names=tuple(groups),
        group_kind="region",
        roster_accounts=None
        if roster is None
        else np.array([names.index(name) for name in roster], dtype=np.int64),
    )


@st.composite
def session_tables(draw: st.DrawFn, groups: int = 1) -> SessionTable:
    """Up to 30 sessions of up to 6 agents in January and February 2024 (UTC), lengths from one
    second to two days, often starting on the same few minutes so levels pile up; with
    ``groups`` > 1, agent ``k`` is in group ``k % groups``."""
    count = draw(st.integers(0, 30))
    anchors = draw(st.lists(st.integers(JAN, MAR - 2), min_size=1, max_size=4))
    codes, starts, ends, group = [], [], [], []
    for _ in range(count):
        start = draw(st.sampled_from(anchors)) + draw(st.integers(0, 3) | st.integers(0, 7200))
        start = min(start, MAR - 1)
        length = draw(st.integers(1, 3600) | st.integers(1, 2 * 86400))
        codes.append(draw(st.integers(0, 5)))
        starts.append(start)
        ends.append(min(start + length, MAR))
        group.append(codes[-1] % groups)  # an agent works in one region
    return SessionTable(
        codes=np.array(codes, dtype=np.int32),
        starts=np.array(starts, dtype=np.int64),
        ends=np.array(ends, dtype=np.int64),
        bounds=np.array([JAN, month_start_seconds("2024-02", "UTC"), MAR], dtype=np.int64),
        tick_us=1_000_000,
        months=MONTHS,
        zone="UTC",
        agents=tuple(f"agent{code}" for code in range(6)),
        groups=np.array(group, dtype=np.int64) if groups > 1 else None,
        group_names=tuple(f"region{index}" for index in range(groups)) if groups > 1 else (),
        group_kind="region",
    )
