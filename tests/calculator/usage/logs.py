"""Helpers that write small logs (CSV text, zips) and read results back as plain tuples."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zoneinfo

from calculator.usage import UsageResult

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def utc_text(seconds: int) -> str:
    """Seconds since 1970 as ``YYYY-MM-DD HH:MM:SS`` (UTC)."""
    return (EPOCH + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def seconds(text: str, zone: str = "UTC") -> int:
    """``YYYY-MM-DD HH:MM[:SS]`` wall time in ``zone`` as seconds since 1970."""
    moment = dt.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return int(moment.timestamp())


def sessions_csv(rows: list[tuple[str, int, int]], header: str = "agent,login,logout") -> bytes:
    lines = [header] + [
        f"{agent},{utc_text(login)},{utc_text(logout)}" for agent, login, logout in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def month_start_seconds(label: str, zone: str, day: int = 1, hour: int = 0) -> int:
    """The billing month's start: day ``day`` of the month at ``hour``:00 in ``zone`` (a wall
    time the clocks skip or repeat read with Python's ``fold=0``, the offset before the change)."""
    year, month = (int(part) for part in label.split("-"))
    return int(dt.datetime(year, month, day, hour, tzinfo=zoneinfo.ZoneInfo(zone)).timestamp())


def next_label(label: str) -> str:
    year, month = (int(part) for part in label.split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def figures(result: UsageResult) -> list[tuple]:
    """(month, active, peak, peak held, hours) per month."""
    return [
        (m.month, m.active, m.peak_any_instant, m.peak_concurrent, m.logged_in_hours)
        for m in result.months
    ]


def monthly(result: UsageResult) -> list[tuple]:
    """(month, active, peak concurrent, logged-in hours) per month."""
    return [(m.month, m.active, m.peak_concurrent, m.logged_in_hours) for m in result.months]


def issues(result: UsageResult) -> dict[str, list[int]]:
    """Sample row numbers per data-quality reason."""
    return {issue.code: [sample.row for sample in issue.samples] for issue in result.quality.issues}


def zipped(members: list[tuple[str, bytes | str]]) -> bytes:
    """A zip archive holding ``(name, content)`` files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()
