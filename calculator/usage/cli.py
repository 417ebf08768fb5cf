"""``python -m calculator usage FILE [FILE ...]``: billable quantities per month from login logs.

Listed in :data:`calculator.cli.COMMANDS`. Bad input exits with code 2 and one
line per problem, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from calculator import cli
from calculator._errors import describe_validation_error
from calculator.usage._analyze import analyze_logs
from calculator.usage._cycle import cycle_sentence
from calculator.usage._engines import Engine
from calculator.usage._errors import LogFileError
from calculator.usage._options import DEFAULT_CAP_HOURS, Column, LogFormat, UsageOptions
from calculator.usage._result import QualityReport, UsageResult
from calculator.usage._source import DEFAULT_MAX_BYTES
from calculator.usage._times import name_date_order_controls

HELP = "monthly active agents, peak concurrency and logged-in hours from login/logout logs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="log file or folder: CSV, Parquet, Excel (.xlsx, .xls), JSON (array, object, JSON lines or concatenated "
        "objects), each plain, .gz or in a .zip (- = standard input); several files (pages of one "
        "export) are read together; a folder stands for its .parquet, .csv and .json files, in "
        "every subfolder (e.g. partitions by date)",
    )
    parser.add_argument(
        "--format",
        choices=[item.value for item in LogFormat],
        default=LogFormat.AUTO.value,
        help="layout of the log (default: detect from the header)",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="header of the column holding a field ("
        + ", ".join(item.value for item in Column)
        + "); repeat for each field",
    )
    parser.add_argument(
        "--logged-out-state",
        action="append",
        default=[],
        metavar="NAME",
        help="an activity or state that means logged out (default: the format's, e.g. Offline); "
        "repeat for each",
    )
    parser.add_argument("--roster", metavar="FILE", help="accounts with created/deactivated dates")
    parser.add_argument("--tz", default="UTC", help="billing time zone (IANA name, default UTC)")
    parser.add_argument(
        "--source-tz",
        help="zone of log times written without an offset (default: the format's; Five9 "
        "America/Los_Angeles, others UTC)",
    )
    parser.add_argument(
        "--cycle-day",
        type=int,
        default=1,
        metavar="DAY",
        help="day of the month each billing month starts on, 1-28 (default 1); a billing month "
        "is named by the month it starts in",
    )
    parser.add_argument(
        "--cycle-hour",
        type=int,
        default=0,
        metavar="HOUR",
        help="hour of the day each billing month starts at in the billing time zone, 0-23 "
        "(default 0; Genesys Cloud's voice cycle starts at 7 UTC)",
    )
    parser.add_argument(
        "--cap-hours",
        type=float,
        default=DEFAULT_CAP_HOURS,
        help=f"close a session with no logout after this many hours (default {DEFAULT_CAP_HOURS:g})",
    )
    parser.add_argument(
        "--peak-min-minutes",
        type=int,
        default=0,
        help="ignore concurrency peaks held less than this many minutes in total in the month",
    )
    parser.add_argument("--from", dest="start_month", metavar="YYYY-MM", help="first month")
    parser.add_argument("--to", dest="end_month", metavar="YYYY-MM", help="last month")
    parser.add_argument(
        "--day-first",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="read dates like 03/04/2024 as 3 April (default: decide from the data)",
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"largest file accepted, after decompression (default {DEFAULT_MAX_BYTES:,})",
    )
    parser.add_argument(
        "--engine",
        choices=[item.value for item in Engine],
        default=Engine.AUTO.value,
        help="where the sessions are counted: memory (numpy), duckdb (out of core, spills to "
        "disk), spark (a Spark job; local mode unless SPARK_MASTER is set) or auto (memory up to "
        "20 million sessions, duckdb beyond; the text report says which). Every engine gives the "
        "same figures. On a Parquet file or a folder of Parquet or CSV files in the sessions "
        "layout (agent, login, logout), duckdb (out of core) and spark read and check the rows "
        "themselves (see docs/usage-at-scale.md)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print months, quality report and options as JSON"
    )


def _group_lines(result: UsageResult) -> list[str]:
    """Figures per group and month, when the log has a group column."""
    insights = result.insights
    if insights is None or not insights.groups:
        return []
    kind = insights.group_kind or "group"
    names = [_printable(row.group)[:40] for row in insights.groups]
    width = max(len(kind), *(len(name) for name in names))
    lines = [
        "",
        f"Per {kind} (Genesys bills each {kind} and adds them; an agent who moves counts in each)",
        f"{kind:<{width}}  month    active   peak  logged-in hours  concurrent  hours",
    ]
    lines.extend(
        f"{name:<{width}}  {row.month}  {row.active:>6,}  {row.peak_any_instant:>5,}"
        f"  {row.logged_in_hours:>15,}  {row.genesys_concurrent:>10,}  {row.genesys_hours:>5,}"
        for name, row in zip(names, insights.groups, strict=True)
    )
    return lines


def _printable(text: str) -> str:
    """Text from a log with control characters (terminal escapes) shown as ``?``."""
    return "".join(character if character.isprintable() else "?" for character in text)


def _options(args: argparse.Namespace) -> UsageOptions:
    columns: dict[str, str] = {}
    for item in args.map:
        field, separator, header = item.partition("=")
        if not separator or not header.strip():
            raise cli.InputError(f"--map {item!r}: write FIELD=COLUMN, e.g. agent=User")
        columns[field.strip()] = header.strip()
    data = {
        "format": args.format,
        "columns": columns,
        "tz": args.tz,
        "source_tz": args.source_tz,
        "cycle_day": args.cycle_day,
        "cycle_hour": args.cycle_hour,
        "open_session_cap_hours": args.cap_hours,
        "peak_min_minutes": args.peak_min_minutes,
        "start_month": args.start_month,
        "end_month": args.end_month,
        "day_first": args.day_first,
        "logged_out_states": tuple(args.logged_out_state) or None,
    }
    try:
        return UsageOptions.model_validate(data)
    except ValidationError as exc:
        raise cli.InputError(*describe_validation_error(exc, data)) from None


def _source(path: str, limit: int) -> bytes | Path:
    """Standard input is read now; a file is read by the analysis, which frees it when parsed."""
    return cli.read_input_file(path, limit) if path == "-" else Path(path)


def run(args: argparse.Namespace) -> int:
    options = _options(args)
    if args.max_bytes < 1:
        raise cli.InputError("--max-bytes must be a positive number of bytes")
    files = [(path, _source(path, args.max_bytes)) for path in args.files]
    roster = None
    if args.roster:
        roster = (args.roster, _source(args.roster, args.max_bytes))
    engine_lines: list[str] = []
    try:
        result = analyze_logs(
            files,
            options,
            roster,
            max_bytes=args.max_bytes,
            progress=lambda fraction, message: engine_lines.extend(
                [message] if message.startswith("Counting with") else []
            ),
            engine=args.engine,
        )
    except LogFileError as exc:
        raise cli.InputError(_in_cli_words(str(exc))) from None
    if args.json:
        sys.stdout.write(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(result) + "".join(line + "\n" for line in engine_lines))
    if not result.months:
        raise cli.InputError(
            "no usable sessions: every row was rejected or ignored (see the data-quality report)"
        )
    return 0


def render_text(result: UsageResult) -> str:
    """A readable summary: sources, monthly table, part-time profile, data quality."""
    options = result.options
    lines = []
    for source in result.sources:
        how = "detected" if source.detected else "chosen"
        stored = source.delimiter if source.is_csv else source.container
        encoding = f"{source.encoding}, " if source.is_text else ""
        lines.append(
            f"{source.file}: {source.layout} ({how}); {encoding}{stored}"
            f"{', ' + source.compression if source.compression else ''}; times without offset "
            f"read as {source.source_tz}"
        )
    peak_rule = (
        f"peaks held under {options.peak_min_minutes} min ignored"
        if options.peak_min_minutes
        else "peak = highest instant"
    )
    lines.append(
        f"Billing time zone {options.tz}; sessions with no logout closed after "
        f"{options.open_session_cap_hours:g} h; {peak_rule}"
    )
    if (cycle := cycle_sentence(options)) is not None:
        lines.append(cycle)
    lines.append("")
    header = ("month", "provisioned", "active", "peak", "logged-in hours", "peak first reached")
    lines.append(
        f"{header[0]:<8} {header[1]:>11} {header[2]:>7} {header[3]:>6} {header[4]:>16}  {header[5]}"
    )
    for month in result.months:
        provisioned = "-" if month.provisioned is None else f"{month.provisioned:,}"
        lines.append(
            f"{month.month:<8} {provisioned:>11} {month.active:>7,} {month.peak_concurrent:>6,} "
            f"{month.logged_in_hours:>16,}  {month.peak_at or '-'}"
        )
    billed = [month for month in result.months if month.genesys_concurrent is not None]
    if billed:
        lines.append("")
        lines.append(
            "Genesys Cloud billing (concurrent: peaks held under 30 min in total ignored; "
            "hourly: hours rounded up per month)"
        )
        lines.extend(
            f"  {month.month}: {month.genesys_concurrent:,} concurrent, {month.genesys_hours:,} h"
            for month in billed
        )
    lines.extend(_group_lines(result))
    lines.append("")
    lines.append(
        f"Agents active: {result.agents:,}; sessions counted: {result.sessions:,} "
        f"({result.merged_sessions:,} after merging each agent's overlapping sessions)"
    )
    if result.months_active:
        profile = ", ".join(
            f"{item.months_active} month{'s' if item.months_active > 1 else ''}: {item.agents:,}"
            for item in result.months_active
        )
        lines.append(f"Agents by months active: {profile}")
    lines.extend(_quality_lines("Data quality", result.quality))
    if result.roster is not None:
        roster = result.roster
        never = ", ".join(roster.never_logged_in[:10])
        more = len(roster.never_logged_in) - 10
        lines.append("")
        lines.append(
            f"Roster {roster.source.file}: {roster.accounts:,} accounts; "
            f"{len(roster.never_logged_in):,} never logged in"
            + (f" ({never}{f' and {more:,} more' if more > 0 else ''})" if never else "")
        )
        lines.append(
            f"Agents not in the roster: {roster.unknown_agents:,}; agent-months logged in "
            f"outside roster dates: {roster.outside_roster_dates:,}"
        )
        lines.extend(_quality_lines("Roster data quality", roster.quality))
    return "\n".join(lines) + "\n"


def _quality_lines(title: str, quality: QualityReport) -> list[str]:
    lines = [
        "",
        f"{title}: {quality.rows_read:,} rows read, {quality.rows_used:,} used "
        f"({quality.rows_repaired:,} repaired), {quality.rows_rejected:,} rejected, "
        f"{quality.rows_ignored:,} ignored",
    ]
    for issue in quality.issues:
        several = len({sample.file for sample in issue.samples}) > 1
        rows = "; ".join(sample.text(with_file=several) for sample in issue.samples)
        lines.append(f"  {issue.kind.value:<8} {issue.count:>8,}  {issue.description} {rows}")
    lines.extend(f"  note: {_in_cli_words(note)}" for note in quality.notes)
    return lines


def _in_cli_words(text: str) -> str:
    """A note or error with its date-order choice named as this command's option."""
    return name_date_order_controls(
        text,
        day_first="give --day-first",
        month_first="give --no-day-first",
        either="give --day-first or --no-day-first",
    )
