"""What a log analysis returns: monthly quantities, the workforce's part-time profile, data quality.

All models are frozen and refuse unknown fields; ``UsageResult.to_json_dict()`` is the stable JSON
form printed by ``python -m calculator usage --json`` (hours as decimal strings, times as ISO 8601
in the billing time zone).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from calculator._models import MonthText
from calculator.usage._options import Column, LogFormat, UsageOptions

_FROZEN = ConfigDict(frozen=True, extra="forbid")
Count = Annotated[int, Field(ge=0, strict=True)]


class IssueKind(StrEnum):
    REPAIRED = "repaired"
    """Used after a documented fix (e.g. a missing logout closed at the cap)."""
    REJECTED = "rejected"
    """Not usable (e.g. logout before login)."""
    IGNORED = "ignored"
    """Valid but not counted (duplicates, other event types, outside the chosen months)."""


class RowSample(BaseModel):
    """One example row of an issue."""

    model_config = _FROZEN

    file: str = Field(description="File name [text]")
    row: int = Field(description="Line in the file, the header being row 1 [row]")
    column: str | None = Field(
        default=None, description="Header of the column (or JSON key) at fault, if one is [text]"
    )
    value: str | None = Field(default=None, description="The offending text, shortened [text]")

    def text(self, with_file: bool = False, limit: int = 40) -> str:
        """For people: ``"row 4, Start Time: 'N/A'"``, ``"row 5, User: no value"``, or ``"row
        6"`` when no one column is at fault; the file first when several were read. The value
        is quoted (quotes inside escaped) and cut after ``limit`` characters."""
        where = f"{self.file} row {self.row}" if with_file else f"row {self.row}"
        if self.column is None:
            return where
        value = (self.value or "").removesuffix("...")
        if not value.strip():
            return f"{where}, {self.column}: no value"
        cut = value[:limit] + ("..." if len(value) > limit or self.value != value else "")
        return f"{where}, {self.column}: {cut!r}"


class QualityIssue(BaseModel):
    """Rows sharing one reason, how many, and the first few."""

    model_config = _FROZEN

    code: str = Field(description="Stable reason code, e.g. logout_before_login [code]")
    kind: IssueKind = Field(description="repaired, rejected or ignored [kind]")
    description: str = Field(description="What was wrong and what was done [text]")
    count: Count = Field(description="Rows with this reason [rows]")
    samples: list[RowSample] = Field(description="Up to ten example rows [rows]")


class QualityReport(BaseModel):
    """Every data row read is used (some repaired), rejected or ignored: nothing is dropped silently.

    ``rows_read == rows_used + rows_rejected + rows_ignored``; ``rows_repaired <= rows_used``.
    """

    model_config = _FROZEN

    rows_read: Count = Field(description="Data rows read, header excluded [rows]")
    rows_used: Count = Field(description="Rows that contributed to the counts [rows]")
    rows_repaired: Count = Field(description="Used rows that needed a fix [rows]")
    rows_rejected: Count = Field(description="Rows that could not be used [rows]")
    rows_ignored: Count = Field(description="Valid rows deliberately not counted [rows]")
    issues: list[QualityIssue] = Field(
        description="One entry per reason, most basic first [issues]"
    )
    notes: list[str] = Field(description="How the file was read: encoding, delimiter, dates [text]")


class SourceFile(BaseModel):
    """How one input file was read."""

    model_config = _FROZEN

    file: str = Field(description="File name as given [text]")
    format: LogFormat | None = Field(description="Layout used; empty for a roster [format]")
    layout: str = Field(description="Layout in words [text]")
    detected: bool = Field(description="Whether the layout was detected from the header [yes/no]")
    columns: dict[Column, str] = Field(
        description="Header of the column used for each field [text]"
    )
    encoding: str = Field(description="Text encoding found [encoding]")
    compression: str | None = Field(description="gzip, zip or none [format]")
    delimiter: str = Field(
        description="Field separator: comma, semicolon, tab or pipe; none for JSON [name]"
    )
    container: str = Field(
        default="CSV",
        description="How the rows are stored: CSV, an Excel sheet, JSON lines, a JSON array, "
        "concatenated JSON objects [text]",
    )
    source_tz: str = Field(description="Zone of times written without an offset [IANA zone]")

    @property
    def is_csv(self) -> bool:
        """Whether the file is delimited text: only then does its separator mean anything."""
        return self.container == "CSV"

    @property
    def is_text(self) -> bool:
        """Whether the file is text (CSV or JSON): only then does its encoding mean anything.
        A workbook's or a Parquet file's encoding is the reader's, not the file's."""
        return self.is_csv or "JSON" in self.container


class UsageMonth(BaseModel):
    """Billable quantities of one billing month."""

    model_config = _FROZEN

    month: MonthText = Field(description="Billing month, YYYY-MM, in the billing time zone [month]")
    provisioned: Count | None = Field(
        description="Accounts provisioned at any moment of the month, from the roster, plus "
        "agents who logged in without a roster entry; empty without a roster [agents]"
    )
    active: Count = Field(description="Agents logged in at any moment of the month [agents]")
    peak_concurrent: Count = Field(
        description="Most agents logged in at once, after the minimum-duration rule [agents]"
    )
    peak_any_instant: Count = Field(
        description="Most agents logged in at any single instant, no duration rule [agents]"
    )
    peak_at: str | None = Field(
        description="When the instantaneous peak was first reached, ISO 8601 in the billing "
        "time zone; empty when nobody logged in [time]"
    )
    logged_in_hours: Decimal = Field(
        decimal_places=4, description="Agent-hours logged in during the month [h]"
    )
    genesys_concurrent: Count | None = Field(
        default=None,
        description="Genesys Cloud concurrent billing: the peak after disregarding peaks held "
        "under 30 minutes in total over the month, per group, summed [agents]",
    )
    genesys_hours: Count | None = Field(
        default=None,
        description="Genesys Cloud hourly billing: agent-hours rounded up to a whole hour once "
        "per month, per group, summed [h]",
    )


class MonthsActiveCount(BaseModel):
    """How many agents were active in exactly this many months."""

    model_config = _FROZEN

    months_active: int = Field(ge=1, description="Months in which the agent was active [months]")
    agents: Count = Field(description="Agents with that many active months [agents]")


class RosterSummary(BaseModel):
    """What the roster adds: provisioned accounts and the accounts nobody used."""

    model_config = _FROZEN

    source: SourceFile = Field(description="How the roster file was read [file]")
    accounts: Count = Field(description="Distinct accounts in the roster [accounts]")
    never_logged_in: list[str] = Field(
        description="Accounts provisioned in the reported months with no login in them, sorted "
        "[accounts]"
    )
    unknown_agents: Count = Field(
        description="Agents who logged in but are not in the roster [agents]"
    )
    outside_roster_dates: Count = Field(
        description="Agent-months logged in while the roster says not provisioned; counted as "
        "provisioned [agent-months]"
    )
    quality: QualityReport = Field(description="What happened to each roster row [report]")


class GroupMonth(BaseModel):
    """One group's figures in one month (region, site, team, queue or routing profile)."""

    model_config = _FROZEN

    group: str = Field(description="The group's name as the log writes it [text]")
    month: MonthText = Field(description="Billing month, YYYY-MM [month]")
    active: Count = Field(description="Agents of the group logged in during the month [agents]")
    peak_any_instant: Count = Field(description="Most of them logged in at once [agents]")
    genesys_concurrent: Count = Field(
        description="Peak after disregarding peaks held under 30 minutes in total [agents]"
    )
    logged_in_hours: Decimal = Field(decimal_places=4, description="Agent-hours logged in [h]")
    genesys_hours: Count = Field(description="Agent-hours rounded up to a whole hour [h]")


class DailyPeak(BaseModel):
    """The most agents logged in at once during one day of the billing time zone."""

    model_config = _FROZEN

    day: str = Field(description="Date, YYYY-MM-DD, in the billing time zone [date]")
    peak: Count = Field(description="Most agents logged in at one instant of the day [agents]")
    logged_in_hours: Decimal = Field(
        decimal_places=4, description="Agent-hours logged in during the day [h]"
    )


class LoadDuration(BaseModel):
    """A month's load-duration curve: hours with at least N agents logged in, N = 1, 2, ..."""

    model_config = _FROZEN

    month: MonthText = Field(description="Billing month, YYYY-MM [month]")
    hours_at_least: list[Decimal] = Field(
        description="Entry N - 1: clock hours of the month in which at least N agents were "
        "logged in at the same time, up to the month's peak [h]"
    )


class HeatmapCell(BaseModel):
    """Concurrency in one hour of the week (e.g. Mondays 09:00-10:00) over the reported months."""

    model_config = _FROZEN

    weekday: int = Field(ge=0, le=6, description="Day of the week, 0 = Monday [day]")
    hour: int = Field(ge=0, le=23, description="Hour of the day on the billing clock [h]")
    average: Decimal = Field(
        decimal_places=2,
        description="Agents logged in on average during this hour of the week: agent-time in "
        "these hours divided by their length [agents]",
    )
    peak: Count = Field(description="Most agents logged in at once in any of them [agents]")


class AccountActivity(BaseModel):
    """When a roster account still provisioned at the end of the log last logged in."""

    model_config = _FROZEN

    account: str = Field(description="Account as the roster writes it [text]")
    last_logout: str | None = Field(
        description="End of its last session, ISO 8601 in the billing time zone; empty when it "
        "did not log in during the reported months [time]"
    )
    days_without_login: int | None = Field(
        ge=0,
        description="Whole days from its last logout to the end of the log; empty when it did "
        "not log in during the reported months [days]",
    )


class AgentMonths(BaseModel):
    """Logged-in hours per agent and month where not zero: three columns of equal length (row
    ``i`` is ``agent[i]`` in ``month[i]``), sorted by agent then month."""

    model_config = _FROZEN

    agent: list[str] = Field(description="Agent as the log writes it [text]")
    month: list[str] = Field(description="Billing month, YYYY-MM [month]")
    logged_in_hours: list[Decimal] = Field(description="Hours logged in, four decimals [h]")

    @model_validator(mode="after")
    def _same_length(self) -> Self:
        if not len(self.agent) == len(self.month) == len(self.logged_in_hours):
            raise ValueError("agent, month and logged_in_hours must have the same length")
        return self


class UsageInsights(BaseModel):
    """How the logged-in time is spread: by day, by level, by hour of the week, by group."""

    model_config = _FROZEN

    log_start: str | None = Field(
        description="First login in the reported months, ISO 8601 in the billing time zone [time]"
    )
    log_end: str | None = Field(
        description="Last logout in the reported months, ISO 8601 in the billing time zone [time]"
    )
    daily_peaks: list[DailyPeak] = Field(description="Every day of the reported months [days]")
    load_duration: list[LoadDuration] = Field(description="One curve per month [months]")
    heatmap: list[HeatmapCell] = Field(
        description="168 cells, Monday 00:00 first, averaged over the hours of the reported "
        "months from the log's first login to its last logout [cells]"
    )
    group_kind: str | None = Field(
        description="What the groups are (region, site, team, ...); empty without a group "
        "column in the log [text]"
    )
    groups: list[GroupMonth] = Field(
        description="Figures per group and month; empty without a group column [rows]"
    )
    accounts: list[AccountActivity] | None = Field(
        description="Roster accounts still provisioned at the end of the log, longest without "
        "a login first; empty without a roster [accounts]"
    )
    agent_months: AgentMonths = Field(
        description="Logged-in hours per agent and month, where not zero [table]"
    )


class MonthCoverage(BaseModel):
    """A first or last month the log covers only in part: its figures count only that part."""

    model_config = _FROZEN

    month: MonthText = Field(description="Billing month, YYYY-MM, in the billing time zone [month]")
    covered: Decimal = Field(
        ge=0,
        le=1,
        decimal_places=4,
        description="Share of the month between the log's first login and last logout [1]",
    )


class UsageResult(BaseModel):
    """Monthly billable quantities from login logs, and how they were obtained."""

    model_config = _FROZEN

    options: UsageOptions = Field(description="Options used [options]")
    sources: list[SourceFile] = Field(description="Log files read, in order [files]")
    months: list[UsageMonth] = Field(
        description="Consecutive billing months; empty if no data [months]"
    )
    months_active: list[MonthsActiveCount] = Field(
        description="Distribution of active months per agent: how part-time the workforce is "
        "[agents by months]"
    )
    agents: Count = Field(description="Distinct agents active in the reported months [agents]")
    sessions: Count = Field(description="Sessions counted, before merging [sessions]")
    merged_sessions: Count = Field(
        description="Sessions after merging each agent's overlapping or touching ones [sessions]"
    )
    quality: QualityReport = Field(description="What happened to every row of the logs [report]")
    partly_covered: list[MonthCoverage] = Field(
        default_factory=list,
        description="First and last reported months that the log, from its first login to its "
        "last logout, covers less than 90 % of; their figures count only that part [months]",
    )
    roster: RosterSummary | None = Field(
        default=None, description="Roster findings, if a roster was given [summary]"
    )
    insights: UsageInsights | None = Field(
        default=None,
        description="Daily peaks, load-duration curves, hour-of-week heatmap, groups, idle "
        "accounts and hours per agent; empty when no month is reported [insights]",
    )

    @property
    def highest_peak(self) -> int:
        """Highest monthly peak concurrency over the reported months [agents]."""
        return max((month.peak_concurrent for month in self.months), default=0)

    @property
    def total_logged_in_hours(self) -> Decimal:
        """Logged-in hours summed over the reported months [h]."""
        return sum((month.logged_in_hours for month in self.months), Decimal(0))

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON data; field order is stable."""
        return self.model_dump(mode="json")
