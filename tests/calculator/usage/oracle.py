"""A brute-force reference for the usage counts, written for clarity rather than speed.

It never merges sessions: at every instant it asks, for each agent, "does any of this agent's
sessions contain this instant?". Between two consecutive session endpoints nothing changes, so
checking the first instant of each such piece is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class OracleMonth:
    active: int
    peak: int
    peak_at: int | None
    peak_held: int
    logged_in: int


def covers(session: tuple[object, int, int], instant: int) -> bool:
    """Half-open: a session [login, logout) contains its login, not its logout."""
    _, login, logout = session
    return login <= instant < logout


def oracle_months(
    sessions: list[tuple[object, int, int]], bounds: list[int], min_held: int = 0
) -> list[OracleMonth]:
    """Per month ``[bounds[m], bounds[m + 1])``: active, peak, peak instant, peak held, time."""
    result = []
    for month_start, month_end in pairwise(bounds):
        points = {month_start}
        for _, login, logout in sessions:
            points.update(t for t in (login, logout) if month_start <= t < month_end)
        points = sorted(points)
        pieces = list(zip(points, [*points[1:], month_end], strict=True))
        agents_at = []
        for piece_start, _ in pieces:
            agents_at.append({s[0] for s in sessions if covers(s, piece_start)})
        active = set().union(*agents_at)
        levels = [len(agents) for agents in agents_at]
        lengths = [end - start for start, end in pieces]
        peak = max(levels)
        peak_at = pieces[levels.index(peak)][0] if peak > 0 else None
        peak_held = 0
        for level in range(1, peak + 1):
            time_at_or_above = sum(
                length for length, lvl in zip(lengths, levels, strict=True) if lvl >= level
            )
            if time_at_or_above >= max(min_held, 1):
                peak_held = level
        result.append(
            OracleMonth(
                active=len(active),
                peak=peak,
                peak_at=peak_at,
                peak_held=peak if min_held == 0 else peak_held,
                logged_in=sum(lvl * length for lvl, length in zip(levels, lengths, strict=True)),
            )
        )
    return result
