"""Login/logout logs to monthly billable quantities: active agents, peak concurrency, hours.

Counting rules (see docs/method.md#counting-from-login-logs): sessions are half-open ``[login, logout)``;
one agent's overlapping or touching sessions are merged first; an agent is active in every billing
month in which they were logged in at any moment; the peak of a month is the most agents logged in
at one instant of it, counting sessions begun earlier. Rows that cannot be used are counted by
reason with example row numbers, never dropped silently.

>>> from calculator.usage import analyze_log
>>> log = b"agent,login,logout\\na1,2024-01-31 22:00:00,2024-02-01 02:00:00\\n"
>>> [(m.month, m.active, m.peak_concurrent, str(m.logged_in_hours)) for m in analyze_log(
...     "log.csv", log).months]
[('2024-01', 1, 1, '2.0000'), ('2024-02', 1, 1, '2.0000')]
"""

from calculator.usage._analyze import MAX_REPORT_MONTHS, analyze_log, analyze_logs
from calculator.usage._billing import GENESYS_MIN_PEAK_MINUTES
from calculator.usage._cycle import BillingCycle, cycle_sentence
from calculator.usage._engine import MonthlyCounts, monthly_counts
from calculator.usage._errors import (
    ColumnsToName,
    LogFileError,
    NoTableInZipError,
    SingleColumnError,
    TooLargeError,
)
from calculator.usage._insights import idle_accounts
from calculator.usage._options import DEFAULT_CAP_HOURS, Column, LogFormat, UsageOptions
from calculator.usage._records import HeaderTest
from calculator.usage._result import (
    AccountActivity,
    AgentMonths,
    DailyPeak,
    GroupMonth,
    HeatmapCell,
    IssueKind,
    LoadDuration,
    MonthCoverage,
    MonthsActiveCount,
    QualityIssue,
    QualityReport,
    RosterSummary,
    RowSample,
    SourceFile,
    UsageInsights,
    UsageMonth,
    UsageResult,
)
from calculator.usage._sample import SAMPLE_FILE_NAME, sample_log_csv
from calculator.usage._source import DEFAULT_MAX_BYTES, table_texts
from calculator.usage._staffing import (
    MAX_PAID_SEATS,
    StaffingHandover,
    check_paid_seats,
    empty_months_note,
    partly_covered_left_out,
    partly_covered_note,
    usage_to_staffing,
)
from calculator.usage._times import name_date_order_controls

__all__ = [
    "DEFAULT_CAP_HOURS",
    "DEFAULT_MAX_BYTES",
    "GENESYS_MIN_PEAK_MINUTES",
    "MAX_PAID_SEATS",
    "MAX_REPORT_MONTHS",
    "SAMPLE_FILE_NAME",
    "AccountActivity",
    "AgentMonths",
    "BillingCycle",
    "Column",
    "ColumnsToName",
    "DailyPeak",
    "GroupMonth",
    "HeaderTest",
    "HeatmapCell",
    "IssueKind",
    "LoadDuration",
    "LogFileError",
    "LogFormat",
    "MonthCoverage",
    "MonthlyCounts",
    "MonthsActiveCount",
    "NoTableInZipError",
    "QualityIssue",
    "QualityReport",
    "RosterSummary",
    "RowSample",
    "SingleColumnError",
    "SourceFile",
    "StaffingHandover",
    "TooLargeError",
    "UsageInsights",
    "UsageMonth",
    "UsageOptions",
    "UsageResult",
    "analyze_log",
    "analyze_logs",
    "check_paid_seats",
    "cycle_sentence",
    "empty_months_note",
    "idle_accounts",
    "monthly_counts",
    "name_date_order_controls",
    "partly_covered_left_out",
    "partly_covered_note",
    "sample_log_csv",
    "table_texts",
    "usage_to_staffing",
]
