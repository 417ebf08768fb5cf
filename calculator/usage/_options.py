"""What the user chooses about a log analysis: format, column mapping, time zones and rules."""

from __future__ import annotations

import re
import zoneinfo
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from calculator._models import MonthText

DEFAULT_CAP_HOURS = 12.0


class LogFormat(StrEnum):
    """Layouts the readers understand; ``auto`` detects the layout from the header row."""

    AUTO = "auto"
    SESSIONS = "sessions"
    """Generic sessions: one row per session with agent, login and logout."""
    EVENTS = "events"
    """Generic events: one row per login or logout with agent, timestamp and event."""
    AMAZON_CONNECT = "amazon-connect"
    """Amazon Connect Login/Logout report."""
    GENESYS = "genesys"
    """Genesys Cloud Agent Login-Logout Details report."""
    FIVE9 = "five9"
    """Five9 Agent Login-Logout report (times in the account's local time, Pacific by default)."""
    TWILIO = "twilio"
    """Twilio TaskRouter event callbacks logged as rows (activity ``Offline`` = logged out)."""
    AMAZON_CONNECT_EVENTS = "amazon-connect-events"
    """Amazon Connect agent event stream (LOGIN ... LOGOUT), as JSON records."""
    GENESYS_PRESENCE = "genesys-presence"
    """Genesys Cloud ``users/details/query`` responses: presence other than OFFLINE."""
    FIVE9_STATES = "five9-states"
    """Five9 Agent State Details: state changes from Login to Logout (Pacific by default)."""
    TWILIO_EVENTS = "twilio-events"
    """Twilio TaskRouter Events REST resource (JSON)."""
    CXONE = "cxone"
    """NICE CXone Agent State Log: one row per state, with its start and duration."""
    UCCX = "uccx"
    """Cisco UCCX Agent State Detail: state changes from Login to Logout."""
    AVAYA = "avaya"
    """Avaya login/logout report: login, logout and logon duration (dd:hh:mm:ss)."""
    DYNAMICS = "dynamics"
    """Microsoft Dynamics 365 ``msdyn_agentstatushistory`` (OData JSON)."""
    BRIGHT_PATTERN = "bright-pattern"
    """Bright Pattern login report (its "Login Time" is a duration)."""
    STATES = "states"
    """Generic state changes: agent, timestamp, state; every state but the logged-out ones is
    logged in."""


class Column(StrEnum):
    """What a column of a log holds."""

    AGENT = "agent"
    LOGIN = "login"
    LOGOUT = "logout"
    TIMESTAMP = "timestamp"
    EVENT = "event"
    ACTIVITY = "activity"
    PREVIOUS_ACTIVITY = "previous_activity"
    DURATION = "duration"
    """Length of a session or state, when there is no logout time."""
    DATE = "date"
    """The date, when the time columns hold only a time of day."""
    LOGOUT_DATE = "logout_date"
    """The logout's own date, when the logout column holds only a time of day and a session may
    end on a later day than it began (``Login Date``, ``Login Time``, ``Logout Date``, ``Logout
    Time``); without it a logout is on the date column's date, or the next day when it is earlier
    than the login."""
    SESSION_ID = "session_id"
    """The login session a state row belongs to (NICE CXone ``Agent_Session_ID``)."""
    EVENT_ID = "event_id"
    """A unique id per event: a repeated id is the same event delivered twice."""
    GROUP = "group"
    """The session's group (team, site, region, queue or routing profile), for figures per
    group; optional."""
    CREATED = "created"
    DEACTIVATED = "deactivated"


def _check_zone(value: str) -> str:
    if len(value) > 64 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*", value):
        raise PydanticCustomError("time_zone", "must be an IANA time zone such as America/New_York")
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise PydanticCustomError(
            "time_zone", "unknown time zone; use an IANA name such as America/New_York"
        ) from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_zone)]
HeaderName = Annotated[str, Field(min_length=1, max_length=200)]


class UsageOptions(BaseModel):
    """Choices for turning a login log into monthly billable quantities."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: LogFormat = Field(
        default=LogFormat.AUTO,
        description="Layout of the log; auto = detect from the header [format]",
    )
    columns: dict[Column, HeaderName] = Field(
        default_factory=dict,
        description="Header of the column that holds each field, for layouts not detected; "
        "group = the column whose values split the figures by team, site or region [text]",
    )
    tz: TimeZoneName = Field(
        default="UTC",
        description="Billing time zone: months start on its clock, at midnight on the 1st "
        "unless cycle_day or cycle_hour say otherwise [IANA zone]",
    )
    cycle_day: int = Field(
        default=1,
        ge=1,
        le=28,
        strict=True,
        description="Day of the month each billing month starts on; a billing month is named "
        "by the month it starts in (every month has days 1 to 28) [day]",
    )
    cycle_hour: int = Field(
        default=0,
        ge=0,
        le=23,
        strict=True,
        description="Hour of the day each billing month starts at, on the billing time zone's "
        "clock; Genesys Cloud's voice cycle starts at 7 in UTC [h]",
    )
    source_tz: TimeZoneName | None = Field(
        default=None,
        description="Zone of log times written without an offset; empty = the format's default "
        "(Five9: America/Los_Angeles, others: UTC) [IANA zone]",
    )
    logged_out_states: tuple[HeaderName, ...] | None = Field(
        default=None,
        max_length=50,
        description="Activities or states that mean logged out (case and punctuation ignored); "
        "empty = the format's default (Offline, for Twilio also a logout's words such as Logged Out; "
        "Logout for Five9 and UCCX states) [names]",
    )
    open_session_cap_hours: float = Field(
        default=DEFAULT_CAP_HOURS,
        gt=0,
        le=24 * 31,
        allow_inf_nan=False,
        description="A session with no logout is closed this long after its login [h]",
    )
    peak_min_minutes: int = Field(
        default=0,
        ge=0,
        le=24 * 60,
        strict=True,
        description="Ignore concurrency peaks held for less than this in total over the month; "
        "0 = the highest instant counts [min]",
    )
    start_month: MonthText | None = Field(
        default=None,
        description="First billing month to report, YYYY-MM; empty = from the data [month]",
    )
    end_month: MonthText | None = Field(
        default=None,
        description="Last billing month to report, YYYY-MM; empty = from the data [month]",
    )
    day_first: bool | None = Field(
        default=None,
        description="Dates like 03/04/2024: true = 3 April, false = 4 March, empty = decide from "
        "the data and assume month first when it cannot tell [yes/no]",
    )

    @model_validator(mode="after")
    def _month_order(self) -> Self:
        if self.start_month and self.end_month and self.end_month < self.start_month:
            raise PydanticCustomError(
                "month_range",
                "end_month ({end}) is before start_month ({start})",
                {"end": self.end_month, "start": self.start_month},
            )
        return self
