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
  ``Offline`` activity means logged out; ``Sid`` identifies an event (retries repeat it).
- Twilio TaskRouter Events REST resource (JSON): ``sid``, ``event_type``, ``event_date``,
  ``event_date_ms``, ``resource_sid`` and ``event_data`` holding the worker fields.
- Amazon Connect agent event stream ("Agent event streams data model"): ``AgentARN``,
  ``EventId``, ``EventTimestamp``, ``EventType`` (``LOGIN``, ``LOGOUT``, ``STATE_CHANGE``,
  ``HEART_BEAT``), ``CurrentAgentSnapshot.Configuration.Username`` and the agent's routing
  profile ``CurrentAgentSnapshot.Configuration.RoutingProfile.Name`` (the group).
- Genesys Cloud ``POST /api/v2/analytics/users/details/query``: ``userDetails[].userId`` and
  ``primaryPresence[]`` records with ``startTime``, ``endTime`` and ``systemPresence``.
- Five9 Agent State Details: ``AGENT``, ``TIME``, ``STATE`` (``Login`` ... ``Logout``).
- NICE CXone Agent State Log: ``Agent_No``, ``Agent_Name``, ``Team_No`` (the group),
  ``Start_Date``, ``Duration`` (a plain number of seconds).

The group of a session (team, site, region, queue or routing profile) is the vendor's column
named here when the export has it, or any column the user names as ``group``.
- Cisco UCCX Agent State Detail: ``Agent Name``, ``State Transition Time``, ``Agent State``.
- Avaya: ``Agent Login Id``, ``Login Timestamp``, ``Logon Duration`` (``dd:hh:mm:ss``),
  ``Logout Timestamp`` (empty while the session is open).
- Microsoft Dynamics 365 ``msdyn_agentstatushistory``: ``_msdyn_agentid_value``,
  ``msdyn_starttime``, ``msdyn_endtime``, ``_msdyn_presenceid_value``.
- Bright Pattern login report: ``Agent``, ``Login``, ``Logout``, ``Logout Type`` and ``Login
  Time``, which is a duration, not the login.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from calculator.usage._errors import ColumnsToName, LogFileError
from calculator.usage._options import Column, LogFormat
from calculator.usage._values import ValueKind


class Kind(StrEnum):
    """How rows become sessions."""

    SESSIONS = "sessions"
    """One row per session."""
    EVENTS = "events"
    """One row per login or logout event."""
    ACTIVITY = "activity"
    """One row per activity change; every activity but the logged-out ones counts as logged in."""


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
    logged_out: tuple[str, ...] = ("offline",)
    """Normalized activities or states that mean logged out, unless the user chooses others."""
    detectable: bool = True
    """Whether auto-detection may pick this layout (generic state changes must be chosen)."""
    group_kind: str = "group"
    """What the layout's own group column holds, in words ("team", "routing profile")."""
    duration_unit: int | None = None
    """Unit of a duration written as a plain number, when the vendor's export has one and the
    header does not name it (NICE CXone: seconds) [us]; None: the header must name it."""


RENAMED_OFFLINE = ("offline", "loggedout", "logout", "logoff", "loggedoff", "signedout")
"""Normalized names of a logged-out activity a customer may have given Twilio's Offline."""

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
    "loginid",
    "email",
    "workersid",
    "workername",
    "employee",
    "employeeid",
    "employeename",
    *(
        f"{word}{part}"
        for word in ("staff", "rep", "representative", "operator", "advisor", "associate")
        for part in ("", "id", "name")
    ),
    "mitarbeiter",  # German: employee
    "agente",  # Spanish, Italian, Portuguese
    "name",
    "login",
)
"""Tried in order: ``login`` (an agent's login name) last, since a column named ``Login`` is more
often the session's start (``Employee, Login, Logout``). Words a workforce or timekeeping export
uses (``Staff``, ``Rep Name``, ``Operator``) and the common German and Spanish ones come before
the bare ``name``."""
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
    "timein",
    "clockin",
    "clockintime",
    "punchin",
    "anmeldung",  # German
    "anmeldezeit",
    "entrada",  # Spanish
    "horaentrada",
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
    "timeout",
    "clockout",
    "clockouttime",
    "punchout",
    "abmeldung",  # German
    "abmeldezeit",
    "salida",  # Spanish
    "horasalida",
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
STATE_ALIASES = ("state", "status", "agentstate", "activity", "presence", "statename", "event")
SECOND = 1_000_000
"""[us]"""
DURATION_UNITS = {
    **dict.fromkeys(("ms", "msec", "msecs", "millisecond", "milliseconds"), SECOND // 1000),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), SECOND),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), 60 * SECOND),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600 * SECOND),
}
"""Words a duration's header may use to name the unit of its plain numbers [us per unit]."""
_DURATION_BASES = ("duration", "sessionduration", "logonduration", "loginduration")
DURATION_ALIASES = (
    *_DURATION_BASES,
    *(f"{base}{unit}" for base in _DURATION_BASES for unit in DURATION_UNITS),
    "seconds",
    "minutes",
    "hours",
)
DATE_ALIASES = ("date", "day", "sessiondate", "workdate", "datum", "fecha")
"""``Datum`` (German), ``Fecha`` (Spanish)."""
SESSION_DATE_ALIASES = (*DATE_ALIASES, "logindate", "logondate", "startdate", "sessionstartdate")
"""A session's date; the login's date when the logout has its own (a login column named ``Login
Date`` that holds times is the login: it is found first)."""
LOGOUT_DATE_ALIASES = ("logoutdate", "logoffdate", "enddate", "sessionenddate")
AMAZON_CONNECT_AGENT = ("agentarn", "currentagentsnapshotconfigurationusername")
SESSION_END = frozenset({Column.LOGOUT, Column.DURATION})
"""A sessions layout needs one of these: the logout, or the duration."""

LAYOUTS: dict[LogFormat, Layout] = {
    LogFormat.AMAZON_CONNECT_EVENTS: Layout(
        format=LogFormat.AMAZON_CONNECT_EVENTS,
        label="Amazon Connect agent event stream",
        kind=Kind.EVENTS,
        aliases={
            Column.AGENT: AMAZON_CONNECT_AGENT,
            Column.TIMESTAMP: ("eventtimestamp",),
            Column.EVENT: ("eventtype",),
            Column.EVENT_ID: ("eventid",),
            Column.GROUP: ("currentagentsnapshotconfigurationroutingprofilename",),
        },
        optional=frozenset({Column.EVENT_ID, Column.GROUP}),
        signature=("eventtype", "eventtimestamp"),
        signature_any=AMAZON_CONNECT_AGENT,
        group_kind="routing profile",
    ),
    LogFormat.GENESYS_PRESENCE: Layout(
        format=LogFormat.GENESYS_PRESENCE,
        label="Genesys Cloud user details (presence)",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("userid",),
            Column.LOGIN: ("starttime",),
            Column.LOGOUT: ("endtime",),
            Column.ACTIVITY: ("systempresence",),
        },
        optional=frozenset({Column.LOGOUT}),
        signature=("userid", "starttime", "systempresence"),
    ),
    LogFormat.DYNAMICS: Layout(
        format=LogFormat.DYNAMICS,
        label="Microsoft Dynamics 365 agent status history",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("msdynagentidvalue",),
            Column.LOGIN: ("msdynstarttime",),
            Column.LOGOUT: ("msdynendtime",),
            Column.ACTIVITY: (
                "msdynpresenceidvalueodatacommunitydisplayv1formattedvalue",
                "msdynpresenceidvalue",
            ),
        },
        optional=frozenset({Column.LOGOUT, Column.ACTIVITY}),
        signature=("msdynagentidvalue", "msdynstarttime"),
    ),
    LogFormat.TWILIO_EVENTS: Layout(
        format=LogFormat.TWILIO_EVENTS,
        label="Twilio TaskRouter Events resource",
        kind=Kind.ACTIVITY,
        aliases={
            Column.AGENT: ("eventdataworkersid", "resourcesid", "eventdataworkername"),
            Column.TIMESTAMP: ("eventdatems", "eventdate"),
            Column.ACTIVITY: ("eventdataworkeractivityname",),
            Column.PREVIOUS_ACTIVITY: ("eventdataworkerpreviousactivityname",),
            Column.EVENT: ("eventtype",),
            Column.EVENT_ID: ("sid",),
        },
        optional=frozenset({Column.PREVIOUS_ACTIVITY, Column.EVENT, Column.EVENT_ID}),
        signature=("eventdataworkeractivityname",),
        # Activity names are the customer's own (defaults Offline, Unavailable, Available):
        # the offline one is often renamed, so the words of a logout count as well.
        logged_out=RENAMED_OFFLINE,
    ),
    LogFormat.FIVE9_STATES: Layout(
        format=LogFormat.FIVE9_STATES,
        label="Five9 Agent State Details",
        kind=Kind.ACTIVITY,
        aliases={
            Column.AGENT: ("agent", "agentname"),
            Column.TIMESTAMP: ("time", "timestamp"),
            Column.ACTIVITY: ("state",),
            Column.DATE: ("date",),
        },
        optional=frozenset({Column.DATE}),
        signature=("agent", "time", "state"),
        source_tz="America/Los_Angeles",
        logged_out=("logout",),
    ),
    LogFormat.UCCX: Layout(
        format=LogFormat.UCCX,
        label="Cisco UCCX Agent State Detail",
        kind=Kind.ACTIVITY,
        aliases={
            Column.AGENT: ("agentname", "agentid"),
            Column.TIMESTAMP: ("statetransitiontime",),
            Column.ACTIVITY: ("agentstate",),
        },
        signature=("agentname", "statetransitiontime", "agentstate"),
        logged_out=("logout",),
    ),
    LogFormat.CXONE: Layout(
        format=LogFormat.CXONE,
        label="NICE CXone Agent State Log",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("agentno", "agentname"),
            Column.LOGIN: ("startdate",),
            Column.DURATION: ("duration",),
            Column.SESSION_ID: ("agentsessionid",),
            Column.GROUP: ("teamno",),
        },
        optional=frozenset({Column.GROUP}),
        signature=("agentno", "startdate", "duration", "logstate"),
        logged_out=("loggedout", "logout"),
        group_kind="team",
        duration_unit=SECOND,
    ),
    LogFormat.AVAYA: Layout(
        format=LogFormat.AVAYA,
        label="Avaya agent login/logout",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("agentloginid", "agentdisplayname"),
            Column.LOGIN: ("logintimestamp",),
            Column.LOGOUT: ("logouttimestamp",),
            Column.DURATION: ("logonduration",),
        },
        optional=frozenset({Column.DURATION}),
        signature=("agentloginid", "logintimestamp", "logonduration"),
    ),
    LogFormat.BRIGHT_PATTERN: Layout(
        format=LogFormat.BRIGHT_PATTERN,
        label="Bright Pattern agent login report",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("agent",),
            Column.LOGIN: ("login",),
            Column.LOGOUT: ("logout",),
            Column.DURATION: ("logintime",),
        },
        optional=frozenset({Column.DURATION}),
        signature=("agent", "login", "logout", "logouttype"),
    ),
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
            Column.EVENT_ID: ("sid",),
        },
        optional=frozenset({Column.PREVIOUS_ACTIVITY, Column.EVENT, Column.EVENT_ID}),
        signature=("workeractivityname",),
        # Activity names are the customer's own (defaults Offline, Unavailable, Available):
        # the offline one is often renamed, so the words of a logout count as well.
        logged_out=RENAMED_OFFLINE,
    ),
    LogFormat.FIVE9: Layout(
        format=LogFormat.FIVE9,
        label="Five9 Agent Login-Logout report",
        kind=Kind.SESSIONS,
        aliases={
            Column.AGENT: ("agent", "agentname"),
            Column.LOGIN: ("logintimestamp",),
            Column.LOGOUT: ("logouttimestamp",),
            Column.DATE: ("date",),
            Column.DURATION: ("logintime",),
        },
        optional=frozenset({Column.DATE, Column.DURATION}),
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
            Column.DURATION: ("duration",),
        },
        optional=frozenset({Column.DURATION}),
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
            Column.DURATION: DURATION_ALIASES,
            Column.DATE: SESSION_DATE_ALIASES,
            Column.LOGOUT_DATE: LOGOUT_DATE_ALIASES,
        },
        optional=frozenset({Column.LOGOUT, Column.DURATION, Column.DATE, Column.LOGOUT_DATE}),
    ),
    LogFormat.EVENTS: Layout(
        format=LogFormat.EVENTS,
        label="events (agent, timestamp, login/logout)",
        kind=Kind.EVENTS,
        aliases={
            Column.AGENT: AGENT_ALIASES,
            Column.TIMESTAMP: TIMESTAMP_ALIASES,
            Column.EVENT: EVENT_ALIASES,
            Column.DATE: DATE_ALIASES,
        },
        optional=frozenset({Column.DATE}),
    ),
    LogFormat.STATES: Layout(
        format=LogFormat.STATES,
        label="state changes (agent, timestamp, state)",
        kind=Kind.ACTIVITY,
        aliases={
            Column.AGENT: AGENT_ALIASES,
            Column.TIMESTAMP: TIMESTAMP_ALIASES,
            Column.ACTIVITY: STATE_ALIASES,
            Column.DATE: DATE_ALIASES,
        },
        optional=frozenset({Column.DATE}),
        logged_out=("offline", "logout", "loggedout", "logoff", "loggedoff"),
        detectable=False,
    ),
}


def normalize_header(name: str) -> str:
    """``" LOGIN TIMESTAMP (UTC)"`` -> ``"logintimestamp"``: case, spaces, punctuation and
    bracketed notes such as a time zone are ignored."""
    without_notes = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", name)
    return re.sub(r"[\W_]+", "", without_notes.casefold()) or re.sub(r"[\W_]+", "", name.casefold())


def duration_unit(header: str) -> int | None:
    """The unit a duration's header names for its plain numbers [us per unit]: ``"Duration
    (min)"``, ``"duration_minutes"`` and ``"DurationMins"`` -> 60,000,000, ``"Length (h)"`` ->
    3,600,000,000, ``"Seconds"`` -> 1,000,000. None when it names no unit, or more than one."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", re.sub(r"['\u2019]s\b", "", header))
    words = re.split(r"[\W_]+", spaced.casefold())
    units = {DURATION_UNITS[word] for word in words if word in DURATION_UNITS}
    return units.pop() if len(units) == 1 else None


@dataclass(frozen=True)
class Resolved:
    """A layout and the actual header of each field it uses in one file."""

    layout: Layout
    columns: dict[Column, str]
    detected: bool


def resolve_layout(
    headers: list[str],
    chosen: LogFormat,
    mapping: dict[Column, str],
    file: str,
    what: str = "columns",
    kinds: Callable[[], Mapping[str, ValueKind]] | None = None,
) -> Resolved:
    """Pick the layout (detected unless chosen) and find each field's column.

    ``what`` names the headers in messages: "columns" of a table, "keys" of JSON records.
    ``kinds`` gives what each column's first values look like, for the columns offered when no
    layout fits (:func:`guess_columns`); it is called only then.
    Raises :class:`LogFileError` naming the headers found, the layouts tried and why each did not
    fit, and the columns that would read the file (:class:`ColumnsToName`).
    """
    normalized = [normalize_header(header) for header in headers]
    for column, header in mapping.items():
        if normalize_header(header) not in normalized:
            raise LogFileError(
                f"{file}: no {what[:-1]} named '{header}' for {column.value}; the {what} are "
                f"{_list(headers)}"
            )
    if chosen is not LogFormat.AUTO:
        return _fit(LAYOUTS[chosen], headers, normalized, mapping, file, detected=False, what=what)
    present = set(normalized)
    near: list[str] = []
    far = 0
    generic: list[str] = []
    for layout in LAYOUTS.values():
        if not layout.detectable:
            continue
        missing = signature_missing(layout, present, what[:-1])
        if missing:
            if present & set(layout.signature + layout.signature_any):
                near.append(f"{layout.label} (no {missing})")
            else:
                far += 1
            continue
        try:
            return _fit(layout, headers, normalized, mapping, file, detected=True, what=what)
        except LogFileError as exc:
            why = exc.problem.split("; ", 1)[0].split(" layout ", 1)[-1]
            (generic if not layout.signature else near).append(f"{layout.label} ({why})")
    tried = near + generic
    if far:
        other = "other " if near else ""
        tried.append(f"{far} {other}vendor exports (none of their {what})")
    raise LogFileError(
        f"{file}: could not recognise the {what} {_list(headers)}. Layouts tried: "
        f"{'; '.join(tried)}",
        ColumnsToName(
            guess_columns(headers, kinds() if kinds else None), LogFormat.SESSIONS, noun=what[:-1]
        ),
    )


def signature_missing(layout: Layout, present: set[str], noun: str = "column") -> str:
    """The first signature header a file lacks, in words; empty when the signature matches."""
    missing = [header for header in layout.signature if header not in present]
    if missing:
        return f"'{missing[0]}' {noun}"
    if layout.signature_any and not present & set(layout.signature_any):
        return "'" + "' or '".join(layout.signature_any) + f"' {noun}"
    return ""


def knows_headers(headers: list[str]) -> bool:
    """Whether some vendor layout or the generic sessions or events layout reads these headers."""
    normalized = [normalize_header(header) for header in headers]
    for layout in LAYOUTS.values():
        if not layout.detectable or signature_missing(layout, set(normalized)):
            continue
        try:
            _fit(layout, headers, normalized, {}, "", detected=True, what="columns")
        except LogFileError:
            continue
        return True
    return False


_GUESSES = (
    (
        Column.AGENT,
        (
            *("agent", "user", "name", "employee", "login", "id", "worker"),
            # German, French, Spanish, Portuguese, Italian, Dutch
            *("mitarbeiter", "benutzer", "utilisateur", "nom", "agente", "usuario", "nombre"),
            *("empleado", "funcionario", "operatore", "medewerker"),
        ),
    ),
    (
        Column.LOGIN,
        (
            *("start", "login", "logon", "signon", "in", "on", "begin", "from"),
            *("anmeldung", "beginn", "connexion", "debut", "inicio", "entrada", "ingreso"),
            *("conexion", "accesso", "aanmelding"),
        ),
    ),
    (
        Column.LOGOUT,
        (
            *("end", "logout", "logoff", "signoff", "out", "off", "stop", "finish"),
            *("to", "until"),
            *("abmeldung", "ende", "deconnexion", "fin", "salida", "desconexion", "fim"),
            *("uscita", "afmelding"),
        ),
    ),
)
"""Words a field's header may hold, tried in order; a log exported in another language often
names its columns in that language (``Début``, ``Fin``; ``Inicio de sesión``), and a time clock or
workforce tool in its own words (``Clock in``, ``Sign On Time``, ``Finish``)."""
_DURATION_WORDS = (
    *("duration", "length", "elapsed", "time", "hours", "minutes", "seconds"),
    *("dauer", "duree", "duracion"),
)
"""A session's length, when no header names its end: Five9's ``LOGIN TIME`` is a duration."""
_SHORT_WORD = 3
"""Words this short match a whole word of a header only: ``in`` is in ``Clock in``, not in
``Fin`` (French for the end); longer ones anywhere in it (``login`` in ``LOGINTIMESTAMP``)."""


def guess_columns(
    headers: list[str], kinds: Mapping[str, ValueKind] | None = None
) -> tuple[tuple[Column, str | None], ...]:
    """The sessions layout's fields, each with the header that probably holds it (``None``
    when no header is left to guess).

    A field's words are looked for in the headers not yet taken (a login's not in a header that
    also names a logout: ``Déconnexion`` holds ``connexion``); with none found, the next header
    left is taken in order (a file in another language often lists agent, login, logout) — except
    for the session's end: a header that reads as a length (``LOGIN TIME``, ``Duration``) is
    offered as the duration first, since the next header left may be a date or a name.

    ``kinds`` (header -> :class:`ValueKind` of its first values) puts first the headers whose
    values fit the field: a date and time or a time of day for a login or logout, a length for a
    duration, and for the agent anything but a date or a time. ``Close Time`` holding
    ``2024-06-03 16:00`` is then the logout, not a duration, and a ``Date`` column is never taken
    for a login. A header whose values fit no field is still offered when nothing else is left.
    When the login or the session's end holds times of day only (``08:00``), the first column of
    dates left is offered as their date.
    """
    left = [header for header in headers if header]
    known = kinds or {}

    def fitting(column: Column) -> list[str]:
        return [header for header in left if header not in known or known[header] in _FITS[column]]

    logout_words = dict(_GUESSES)[Column.LOGOUT]
    chosen: list[tuple[Column, str | None]] = []
    for column, words in _GUESSES:
        taken = {header for _, header in chosen}
        naming_logout = (
            {header for header in left if _holds_any(header, logout_words)}
            if column is Column.LOGIN
            else set()
        )
        tries: list[tuple[Column, tuple[str, ...], list[str], set[str]]] = [
            (column, words, fitting(column), taken | naming_logout)
        ]
        if column is Column.LOGOUT:
            tries.append((Column.DURATION, _DURATION_WORDS, fitting(Column.DURATION), taken))
        tries += [
            (column, (), fitting(column), taken),
            (column, words, left, taken | naming_logout),
            (column, (), left, taken),
        ]
        chosen.append(next(_picks(tries), (column, None)))
    taken = {header for _, header in chosen}
    times_of_day = any(
        column in (Column.LOGIN, Column.LOGOUT) and known.get(header) is ValueKind.CLOCK
        for column, header in chosen
    )
    date = next((h for h in left if known.get(h) is ValueKind.DATE and h not in taken), None)
    if times_of_day and date is not None:
        chosen.append((Column.DATE, date))
    return tuple(chosen)


_FITS = {
    Column.AGENT: {ValueKind.LENGTH, ValueKind.TEXT},
    Column.LOGIN: {ValueKind.MOMENT, ValueKind.CLOCK},
    Column.LOGOUT: {ValueKind.MOMENT, ValueKind.CLOCK},
    Column.DURATION: {ValueKind.LENGTH, ValueKind.CLOCK},
}
"""The kinds of values each guessed field can hold (a header whose values are unknown fits every
field)."""


def _picks(
    tries: list[tuple[Column, tuple[str, ...], list[str], set[str]]],
) -> Iterator[tuple[Column, str]]:
    """Each try's pick, in order: the first header among its candidates not avoided that holds one
    of its words (no words: the first such header)."""
    for column, words, candidates, avoid in tries:
        pick = (
            _first_with(words, candidates, avoid)
            if words
            else next((header for header in candidates if header not in avoid), None)
        )
        if pick is not None:
            yield column, pick


def _first_with(words: tuple[str, ...], headers: list[str], taken: set[str]) -> str | None:
    """The first header not taken that holds one of ``words``, the words tried in order."""
    return next(
        (h for word in words for h in headers if h not in taken and _holds_any(h, (word,))),
        None,
    )


def _holds_any(header: str, words: tuple[str, ...]) -> bool:
    """Whether ``header`` holds one of ``words``: a short one as a whole word, a longer one
    anywhere; case, accents, spaces and punctuation aside."""
    plain = unicodedata.normalize("NFKD", header)
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", plain).casefold()
    whole = set(re.split(r"[\W_]+", spaced))
    joined = normalize_header(plain)
    return any(word in whole if len(word) <= _SHORT_WORD else word in joined for word in words)


def fit_layout(layout: Layout, headers: list[str], file: str) -> Resolved:
    """Find the columns of a given layout (used for rosters, whose columns cannot be named as a
    log's can: a missing one is to be renamed in the file)."""
    normalized = [normalize_header(header) for header in headers]
    try:
        return _fit(layout, headers, normalized, {}, file, detected=True, what="columns")
    except LogFileError as exc:
        if exc.to_name is None:
            raise
        column = exc.to_name.fields[0][0]
        raise LogFileError(
            f"{exc.problem}. Give that column the header '{column.value}' in the file"
        ) from None


def _fit(
    layout: Layout,
    headers: list[str],
    normalized: list[str],
    mapping: dict[Column, str],
    file: str,
    detected: bool,
    what: str,
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
                f"{file}: the {layout.label} layout needs {article} {column.value} {what[:-1]}; "
                f"the {what} are {_list(headers)}",
                ColumnsToName(((column, None),), noun=what[:-1]),
            )
        columns[column] = headers[index]
        taken.add(index)
    either_end = {Column.LOGOUT, Column.DURATION} <= layout.optional
    if layout.kind is Kind.SESSIONS and either_end and not SESSION_END & set(columns):
        raise LogFileError(
            f"{file}: the {layout.label} layout needs a logout or a duration {what[:-1]}; the "
            f"{what} are {_list(headers)}",
            ColumnsToName(
                ((Column.LOGOUT, None), (Column.DURATION, None)), either=True, noun=what[:-1]
            ),
        )
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
