"""Log layouts: which header names hold which field, and how a layout is recognised.

Headers are compared after :func:`normalize_header` (case, spaces and punctuation ignored), so
``LOGIN TIMESTAMP``, ``Login Timestamp`` and ``login_timestamp`` are the same column. Vendor
column names come from the vendors' report documentation:

- Amazon Connect Login/Logout report: one row per session; user login, login time, logout time.
- Genesys Cloud Agent Login-Logout Details: ``User``, ``Start Time``, ``End Time``, ``Duration``;
  a time outside the report period shows as ``N/A``.
- Five9 Agent Login-Logout: ``AGENT``, ``DATE``, ``AGENT FIRST NAME``, ``AGENT LAST NAME``,
  ``LOGIN TIMESTAMP``, ``LOGOUT TIMESTAMP``, ``LOGIN TIME``; local time (Pacific by default).
- Twilio TaskRouter events: ``EventType``, ``Timestamp`` (epoch seconds), ``TimestampMs``,
  ``WorkerSid``, ``WorkerName``, ``WorkerActivityName``, ``WorkerPreviousActivityName``; the
  ``Offline`` activity means logged out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from calculator.usage._errors import LogFileError
from calculator.usage._options import Column, LogFormat


class Kind(StrEnum):
    """How rows become sessions."""

    SESSIONS = "sessions"
    """One row per session."""
    EVENTS = "events"
    """One row per login or logout event."""
    ACTIVITY = "activity"
    """One row per activity change; every activity but Offline counts as logged in."""


@dataclass(frozen=True)
class Layout:
    format: LogFormat | None
    label: str
    kind: Kind
    aliases: dict[Column, tuple[str, ...]]
    """Accepted normalized headers per field, most specific first."""
    optional: frozenset[Column] = frozenset()
    signature: tuple[str, ...] = ()
    """Normalized headers that must all be present for the layout to be detected."""
    signature_any: tuple[str, ...] = ()
    """If given, at least one of these must be present too."""
    source_tz: str = "UTC"
    """Zone of times written without an offset, unless the user chooses another."""


AGENT_ALIASES = (
    "agent",
    "agentid",
    "agentname",
    "agentlogin",
    "agentusername",
    "agentemail",
    "user",
    "userid",
    "username",
    "userlogin",
    "useremail",
    "login",
    "loginid",
    "email",
    "workersid",
    "workername",
    "employee",
    "employeeid",
)
LOGIN_ALIASES = (
    "logintime",
    "logintimestamp",
    "logindatetime",
    "logindate",
    "loginat",
    "loggedin",
    "loggedinat",
    "logontime",
    "signintime",
    "starttime",
    "starttimestamp",
    "sessionstart",
    "sessionstarttime",
    "start",
    "login",
)
LOGOUT_ALIASES = (
    "logouttime",
    "logouttimestamp",
    "logoutdatetime",
    "logoutdate",
    "logoutat",
    "loggedout",
    "loggedoutat",
    "logofftime",
    "signouttime",
    "endtime",
    "endtimestamp",
    "sessionend",
    "sessionendtime",
    "end",
    "logout",
)
TIMESTAMP_ALIASES = (
    "timestampms",
    "timestamp",
    "eventtimestamp",
    "eventtime",
    "eventdate",
    "datetime",
    "time",
)
EVENT_ALIASES = ("event", "eventtype", "eventname", "action", "type", "status", "state")

LAYOUTS: dict[LogFormat, Layout] = {
    LogFormat.TWILIO: Layout(
        format=LogFormat.TWILIO,
        label="Twilio TaskRouter worker activity events",
        kind=Kind.ACTIVITY,
        aliases={
            Column.AGENT: ("workersid", "workername"),
            Column.TIMESTAMP: ("timestampms", "timestamp", "eventdate"),
            Column.ACTIVITY: ("workeractivityname",),
            Column.PREVIOUS_ACTIVITY: ("workerpreviousactivityname",),
            Column.EVENT: ("eventtype",),
        },
        optional=frozenset({Column.PREVIOUS_ACTIVITY, Column.EVENT}),
        signature=("workeractivityname",),
    ),
    LogFormat.FIVE9: Layout(
        format=LogFormat.FIVE9,
        label="Five9 Agent Login-Logout report",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("agent", "agentname"),
            Column.LOGIN: ("logintimestamp",),
            Column.LOGOUT: ("logouttimestamp",),
        },
        signature=("agent", "logintimestamp", "logouttimestamp"),
        source_tz="America/Los_Angeles",
    ),
    LogFormat.GENESYS: Layout(
        format=LogFormat.GENESYS,
        label="Genesys Cloud Agent Login-Logout Details",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("user", "username", "agent"),
            Column.LOGIN: ("starttime",),
            Column.LOGOUT: ("endtime",),
        },
        signature=("user", "starttime", "endtime"),
    ),
    LogFormat.AMAZON_CONNECT: Layout(
        format=LogFormat.AMAZON_CONNECT,
        label="Amazon Connect Login/Logout report",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("userlogin", "agentlogin", "login", *AGENT_ALIASES),
            Column.LOGIN: ("logintime",),
            Column.LOGOUT: ("logouttime",),
        },
        signature=("logintime", "logouttime"),
        signature_any=("userlogin", "agentlogin", "login"),
    ),
    LogFormat.SESSIONS: Layout(
        format=LogFormat.SESSIONS,
        label="sessions (agent, login, logout)",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: AGENT_ALIASES,
            Column.LOGIN: LOGIN_ALIASES,
            Column.LOGOUT: LOGOUT_ALIASES,
        },
    ),
    LogFormat.EVENTS: Layout(
        format=LogFormat.EVENTS,
        label="events (agent, timestamp, login/logout)",
        kind=Kind.EVENTS,
        aliases={
            Column.AGENT: AGENT_ALIASES,
            Column.TIMESTAMP: TIMESTAMP_ALIASES,
            Column.EVENT: EVENT_ALIASES,
        },
    ),
}


def normalize_header(name: str) -> str:
    """``" LOGIN TIMESTAMP (UTC)"`` -> ``"logintimestamp"``: case, spaces, punctuation and
    bracketed notes such as a time zone are ignored."""
    without_notes = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", name)
    return re.sub(r"[\W_]+", "", without_notes.casefold()) or re.sub(r"[\W_]+", "", name.casefold())


@dataclass(frozen=True)
class Resolved:
    """A layout and the actual header of each field it uses in one file."""

    layout: Layout
    columns: dict[Column, str]
    detected: bool


def resolve_layout(
    headers: list[str], chosen: LogFormat, mapping: dict[Column, str], file: str
) -> Resolved:
    """Pick the layout (detected unless chosen) and find each field's column.

    Raises :class:`LogFileError` naming the columns found when a field cannot be matched.
    """
    normalized = [normalize_header(header) for header in headers]
    for column, header in mapping.items():
        if normalize_header(header) not in normalized:
            raise LogFileError(
                f"{file}: no column named '{header}' for {column.value}; the columns are "
                f"{_list(headers)}"
            )
    if chosen is not LogFormat.AUTO:
        return _fit(LAYOUTS[chosen], headers, normalized, mapping, file, detected=False)
    present = set(normalized)
    candidates = [  # vendor layouts whose signature matches first, then the generic ones
        layout
        for layout in LAYOUTS.values()
        if set(layout.signature) <= present
        and (not layout.signature_any or present & set(layout.signature_any))
    ]
    for layout in candidates:
        try:
            return _fit(layout, headers, normalized, mapping, file, detected=True)
        except LogFileError:
            continue
    raise LogFileError(
        f"{file}: could not recognise the columns {_list(headers)}. Expected sessions (agent, "
        "login, logout), events (agent, timestamp, event) or a supported vendor export; choose "
        "the format and name the columns (e.g. agent=..., login=..., logout=...)"
    )


def fit_layout(layout: Layout, headers: list[str], file: str) -> Resolved:
    """Find the columns of a given layout (used for rosters)."""
    normalized = [normalize_header(header) for header in headers]
    return _fit(layout, headers, normalized, {}, file, detected=True)


def _fit(
    layout: Layout,
    headers: list[str],
    normalized: list[str],
    mapping: dict[Column, str],
    file: str,
    detected: bool,
) -> Resolved:
    columns: dict[Column, str] = {}
    taken: set[int] = set()
    for column, header in mapping.items():
        index = normalized.index(normalize_header(header))
        columns[column] = headers[index]
        taken.add(index)
    for column, aliases in layout.aliases.items():
        if column in columns:
            continue
        index = next(
            (
                normalized.index(alias)
                for alias in aliases
                if alias in normalized and normalized.index(alias) not in taken
            ),
            None,
        )
        if index is None:
            if column in layout.optional:
                continue
            article = "an" if column.value[0] in "aeiou" else "a"
            raise LogFileError(
                f"{file}: the {layout.label} layout needs {article} {column.value} column; the "
                f"columns are {_list(headers)}. Name it with {column.value}=<column header>"
            )
        columns[column] = headers[index]
        taken.add(index)
    return Resolved(layout=layout, columns=columns, detected=detected)


def _list(headers: list[str]) -> str:
    shown = ", ".join(f"'{header[:40]}'" for header in headers[:12])
    return shown + (f" and {len(headers) - 12} more" if len(headers) > 12 else "")


ROSTER_LAYOUT = Layout(
    format=None,
    label="roster (agent, created, deactivated)",
    kind=Kind.SESSIONS,
    aliases={
        Column.AGENT: (*AGENT_ALIASES, "account", "accountid", "accountname", "id", "name"),
        Column.CREATED: (
            "created", "createdat", "createddate", "createdon", "datecreated", "creationdate",
            "provisioned", "provisionedat", "provisioneddate", "activated", "activatedat",
            "startdate", "start", "hiredate", "hired",
        ),
        Column.DEACTIVATED: (
            "deactivated", "deactivatedat", "deactivateddate", "deactivatedon", "datedeactivated",
            "deprovisioned", "deleted", "deletedat", "disabled", "disabledat", "removed",
            "enddate", "end", "terminated", "terminationdate",
        ),
    },
    optional=frozenset({Column.CREATED, Column.DEACTIVATED}),
)  # fmt: skip
