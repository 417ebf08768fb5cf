"""A small, realistic login log anyone can download to try the analysis.

Six months (January to June 2024) of a contact center with a tax-season peak: twelve year-round
agents, ten seasonal agents from February to April, and four part-timers working two half days a
week. An early shift starts between 06:00 and 07:30 and a late one between 14:00 and 15:30;
full days last about eight hours and some agents log out for lunch. Two rows show what the data-quality report catches: one session has no logout and one row
is repeated. Times are UTC. The same file every time (fixed random seed).
"""

from __future__ import annotations

import datetime as dt
import functools
import random

SAMPLE_FILE_NAME = "sample_login_log.csv"
_FIRST_DAY = dt.date(2024, 1, 1)
_LAST_DAY = dt.date(2024, 6, 30)


def _workdays() -> list[dt.date]:
    days = (_LAST_DAY - _FIRST_DAY).days + 1
    every = (_FIRST_DAY + dt.timedelta(days=offset) for offset in range(days))
    return [day for day in every if day.weekday() < 5]


def _shift(
    rng: random.Random, day: dt.date, late: bool, minutes: tuple[int, int]
) -> list[tuple[dt.datetime, dt.datetime]]:
    """One working day: one session, or two around a lunch break on a full day."""
    opening = dt.time(14) if late else dt.time(6)
    start = dt.datetime.combine(day, opening) + dt.timedelta(minutes=15 * rng.randrange(7))
    end = start + dt.timedelta(minutes=rng.randrange(*minutes))
    if minutes[0] >= 450 and rng.random() < 0.2:
        lunch = start + dt.timedelta(minutes=rng.randrange(210, 271))
        back = lunch + dt.timedelta(minutes=rng.randrange(30, 61))
        return [(start, lunch), (back, end)]
    return [(start, end)]


def sample_sessions() -> list[tuple[str, dt.datetime, dt.datetime | None]]:
    """The sample's rows in file order: (agent, login, logout or None)."""
    rng = random.Random(20240101)
    rows: list[tuple[str, dt.datetime, dt.datetime | None]] = []
    staff = [f"agent{n:02d}" for n in range(1, 13)]
    seasonal = [f"seasonal{n:02d}" for n in range(1, 11)]
    part_time = [f"parttime{n:02d}" for n in range(1, 5)]
    full_day, half_day = (450, 511), (210, 271)
    for day in _workdays():
        working = [(agent, full_day) for agent in staff if rng.random() < 0.85]  # days off
        if 2 <= day.month <= 4:
            working += [(agent, full_day) for agent in seasonal if rng.random() < 0.85]
        working += [
            (agent, half_day) for n, agent in enumerate(part_time) if day.weekday() in (n % 4, 4)
        ]
        for agent, minutes in working:
            late = int(agent[-2:]) % 2 == 0  # even-numbered agents work the late shift
            shift = _shift(rng, day, late, minutes)
            rows.extend((agent, login, logout) for login, logout in shift)
    rows.sort(key=lambda row: (row[1], row[0]))
    # What real exports contain: a session never logged out, and a row exported twice.
    agent, login, _ = rows[len(rows) // 3]
    rows[len(rows) // 3] = (agent, login, None)
    rows.insert(2 * len(rows) // 3, rows[2 * len(rows) // 3])
    return rows


@functools.cache
def sample_log_csv() -> bytes:
    """The sample as a CSV file: ``agent,login,logout`` with ISO times (UTC); built once."""
    lines = ["agent,login,logout"]
    for agent, login, logout in sample_sessions():
        end = "" if logout is None else logout.isoformat(sep=" ")
        lines.append(f"{agent},{login.isoformat(sep=' ')},{end}")
    return ("\n".join(lines) + "\n").encode()
