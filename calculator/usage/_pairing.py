"""Events to sessions, vectorized: sort by agent and time once, then look at neighbours.

Generic login/logout events: a login is closed by the agent's next event if that is a logout. If
the next event is another login, the session is closed there (or at the cap, if sooner); if there
is no next event, at the cap. A logout not preceded by a login has no known start and is rejected.

Activity events (Twilio TaskRouter): every activity but ``Offline`` is logged in. A session starts
where the agent goes from Offline (or from nothing) to any other activity and ends at the next
change to Offline. Changes between two online activities (Available -> Break) continue it.

Events at the same instant keep their order in the file; exact repeats of an event are counted
once. A session is in the group (team, routing profile, ...) of the event that starts it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calculator.usage._quality import QualityLedger, Reason


@dataclass
class Sessions:
    """Sessions with the rows they came from (``end_file`` -1: no logout row)."""

    codes: np.ndarray
    start: np.ndarray
    end: np.ndarray
    file: np.ndarray
    row: np.ndarray
    end_file: np.ndarray
    end_row: np.ndarray
    group: np.ndarray | None = None
    """Code of each session's group; None when the log has no group column."""

    def select(self, mask: np.ndarray) -> Sessions:
        return Sessions(
            *(getattr(self, name)[mask] for name in _FIELDS), group=_pick(self.group, mask)
        )

    @staticmethod
    def concat(parts: list[Sessions]) -> Sessions:
        if not parts:
            empty = np.empty(0, dtype=np.int64)
            return Sessions(empty, empty, empty, empty, empty, empty, empty)
        if len(parts) == 1:
            return parts[0]
        return Sessions(
            *(np.concatenate([getattr(part, name) for part in parts]) for name in _FIELDS),
            group=_joined([part.group for part in parts]),
        )


_FIELDS = ("codes", "start", "end", "file", "row", "end_file", "end_row")


@dataclass
class Events:
    codes: np.ndarray
    time: np.ndarray
    logged_in: np.ndarray
    file: np.ndarray
    row: np.ndarray
    logged_in_before: np.ndarray
    group: np.ndarray | None = None
    """Code of each event's group; None when the log has no group column."""

    def take(self, index: np.ndarray) -> Events:
        """The events at ``index`` (positions or a mask), in that order."""
        return Events(
            *(getattr(self, name)[index] for name in _EVENT_FIELDS),
            group=_pick(self.group, index),
        )

    @staticmethod
    def concat(parts: list[Events]) -> Events:
        return Events(
            *(np.concatenate([getattr(part, name) for part in parts]) for name in _EVENT_FIELDS),
            group=_joined([part.group for part in parts]),
        )


_EVENT_FIELDS = ("codes", "time", "logged_in", "file", "row", "logged_in_before")


def _pick(values: np.ndarray | None, index: np.ndarray) -> np.ndarray | None:
    return None if values is None else values[index]


def _joined(parts: list[np.ndarray | None]) -> np.ndarray | None:
    """The parts' group codes end to end; None when no part has any (all or none have them)."""
    if any(part is None for part in parts):
        assert all(part is None for part in parts), "every part or none has a group column"
        return None
    return np.concatenate(parts)


def _sorted_unique(events: Events, quality: QualityLedger) -> Events:
    """Sort by agent, time and file order; drop exact repeats (same agent, instant and state)."""
    order = np.lexsort((events.row, events.file, events.time, events.codes))
    sorted_events = events.take(order)
    codes, time, on = sorted_events.codes, sorted_events.time, sorted_events.logged_in
    repeat = np.zeros(len(codes), dtype=bool)
    repeat[1:] = (codes[1:] == codes[:-1]) & (time[1:] == time[:-1]) & (on[1:] == on[:-1])
    if repeat.any():
        quality.mark(Reason.DUPLICATE, sorted_events.file[repeat], sorted_events.row[repeat],
             repair=False)  # fmt: skip
        sorted_events = sorted_events.take(~repeat)
    return sorted_events


def pair_login_events(events: Events, cap: int, quality: QualityLedger) -> Sessions:
    """Generic login/logout events to sessions; ``cap`` closes a login with no logout [ticks]."""
    events = _sorted_unique(events, quality)
    codes, time, login = events.codes, events.time, events.logged_in
    count = len(codes)
    same_next = np.zeros(count, dtype=bool)
    same_next[:-1] = codes[1:] == codes[:-1]
    next_time = np.append(time[1:], 0)
    next_login = np.append(login[1:], False)
    closed = login & same_next & ~next_login
    relogin = login & same_next & next_login
    last = login & ~same_next
    after_login = np.zeros(count, dtype=bool)
    after_login[1:] = (codes[1:] == codes[:-1]) & login[:-1]
    orphan = ~login & ~after_login
    quality.mark(Reason.LOGOUT_WITHOUT_LOGIN, events.file[orphan], events.row[orphan], repair=False)
    quality.mark(Reason.LOGIN_BEFORE_LOGOUT, events.file[relogin], events.row[relogin],
         repair=True)  # fmt: skip
    quality.mark(Reason.MISSING_LOGOUT, events.file[last], events.row[last], repair=True)
    starts = np.flatnonzero(login)
    end = np.where(
        closed, next_time, np.where(relogin, np.minimum(time + cap, next_time), time + cap)
    )
    end_index = np.where(closed, np.arange(count) + 1, -1)
    return _sessions(events, starts, end[starts], end_index[starts], quality)


def pair_activity_events(events: Events, cap: int, quality: QualityLedger) -> Sessions:
    """Activity changes to sessions: logged in from leaving Offline until returning to it."""
    events = _sorted_unique(events, quality)
    codes, time, online = events.codes, events.time, events.logged_in
    count = len(codes)
    first = np.ones(count, dtype=bool)
    first[1:] = codes[1:] != codes[:-1]
    was_online = np.where(first, events.logged_in_before, np.append(False, online[:-1]))
    starts = online & (first | ~was_online)
    ends = ~online & ~first & was_online
    orphan = ~online & first & events.logged_in_before
    already = online & first & events.logged_in_before
    quality.mark(Reason.LOGOUT_WITHOUT_LOGIN, events.file[orphan], events.row[orphan], repair=False)
    quality.mark(Reason.ALREADY_LOGGED_IN, events.file[already], events.row[already], repair=True)
    changes = np.flatnonzero(starts | ends)
    is_start = starts[changes]
    start_at = np.flatnonzero(is_start)
    # Starts and ends of one agent alternate; a start's partner is the change right after it.
    partner = start_at + 1
    has_end = partner < len(changes)
    has_end[has_end] = codes[changes[partner[has_end]]] == codes[changes[start_at[has_end]]]
    start_rows = changes[start_at]
    end_index = np.full(len(start_rows), -1)
    end_index[has_end] = changes[partner[has_end]]
    unclosed = start_rows[~has_end]
    quality.mark(Reason.MISSING_LOGOUT, events.file[unclosed], events.row[unclosed], repair=True)
    end = np.where(has_end, time[np.maximum(end_index, 0)], time[start_rows] + cap)
    return _sessions(events, start_rows, end, end_index, quality)


def _sessions(
    events: Events,
    starts: np.ndarray,
    end: np.ndarray,
    end_index: np.ndarray,
    quality: QualityLedger,
) -> Sessions:
    start = events.time[starts]
    empty = end <= start
    if empty.any():
        quality.mark(Reason.ZERO_LENGTH, events.file[starts[empty]], events.row[starts[empty]],
             repair=False)  # fmt: skip
        closing = end_index[empty]
        closing = closing[closing >= 0]
        quality.mark(Reason.ZERO_LENGTH, events.file[closing], events.row[closing], repair=False)
        keep = ~empty
        starts, end, end_index = starts[keep], end[keep], end_index[keep]
        start = start[keep]
    has_end = end_index >= 0
    safe = np.maximum(end_index, 0)
    return Sessions(
        codes=events.codes[starts],
        start=start,
        end=end,
        file=events.file[starts],
        row=events.row[starts],
        end_file=np.where(has_end, events.file[safe], -1),
        end_row=np.where(has_end, events.row[safe], -1),
        group=_pick(events.group, starts),
    )
