"""Usage from login logs: upload a platform's login/logout export, get exact monthly quantities
(active agents, peak concurrency, logged-in hours) and use them as the calculator's staffing curve.

All counting is done by :mod:`calculator.usage`; this page asks, shows and hands the curve over.
The analysis runs once per upload and set of options; only its small result is kept in the session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from app import state
from app.binding import Problems, show_problems, try_set, validate
from app.components.chart_view import show_chart_view
from app.components.data_table import show_static_table
from app.components.kept_widgets import remember, restore
from app.components.log_handover import log_scenario_name, remember_log_handover
from app.components.markdown import escape_markdown
from app.components.mode_switch import reopen_mode
from app.fields import IDLE_DAYS, PAID_SEATS, SCENARIO_LABELS, USAGE_OPTIONS, UsageAnswers
from app.uploads import KEPT_UPLOAD_BYTES, SMALL_UPLOAD_BYTES, file_uploader
from app.usage_charts import (
    agent_months_csv,
    billing_view,
    daily_peak_view,
    group_view,
    heatmap_view,
    load_duration_view,
    monthly_usage_view,
    months_active_view,
    sources_table,
)
from calculator import EXAMPLE_NAME, CalculatorError, counted, month_labels
from calculator.usage import (
    SAMPLE_FILE_NAME,
    Column,
    LogFileError,
    LogFormat,
    UsageInsights,
    UsageOptions,
    UsageResult,
    analyze_logs,
    cycle_sentence,
    empty_months_note,
    idle_accounts,
    name_date_order_controls,
    partly_covered_left_out,
    partly_covered_note,
    sample_log_csv,
    usage_to_staffing,
)

MAX_UPLOAD_MB = 200
"""Largest upload per file [MB], checked by Streamlit while uploading and here before reading."""
MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024
"""Largest log after decompression [bytes]: about ten million sessions."""
LOG_TYPES = ("csv", "txt", "json", "ndjson", "jsonl", "xlsx", "xls", "gz", "zip")
"""File types the log uploader accepts (by the name's last extension: ``log.csv.gz`` is gz)."""
ROSTER_TYPES = ("csv", "txt", "gz", "zip")
"""File types the roster uploader accepts."""
NO_LOG_YET = 'Upload a log, or switch on "Try it with the sample log" to see how it works.'


def _types(types: tuple[str, ...]) -> str:
    return ", ".join(f".{kind}" for kind in types[:-1]) + f" or .{types[-1]}"


UPLOAD_REFUSED = (
    "If a file above shows a red sign, it was not read. Remove it with its × button, then, by "
    "the words beside it:\n"
    f'- "File must be … or smaller": a file may have at most {MAX_UPLOAD_MB} MB. Compress it (.gz '
    "or .zip) or export fewer months per file; several files are read together.\n"
    f'- "… files are not allowed": a log must be {_types(LOG_TYPES)}; a roster '
    f"{_types(ROSTER_TYPES)}. Export it again as one of these.\n"
    "- Other words (a network error): it did not finish uploading because the connection was "
    "cut. Upload it again."
)
"""Streamlit marks a refused or failed upload with an icon and its own few words only (for a
file too large, of a type not accepted, or cut off); this says what to do about each."""
NOT_USED = "The log's months could not become the staffing curve:"
GENESYS_FORMATS = frozenset({LogFormat.GENESYS, LogFormat.GENESYS_PRESENCE})
"""Genesys Cloud's own exports: for these the Genesys billing figures are what the user is billed."""
PAGE = "usage"  # the page's name for the widget values it keeps (app.components.kept_widgets)
_ANALYSIS = "usage__analysis"  # {"key": ..., "result": UsageResult | None, "problems": [...]}
_ANALYSES = "usage__analyses"  # key -> the analyses of the same files with other options
KEPT_ANALYSES = 4
"""Analyses of the files on the page kept for other options: an option tried and set back (a
session cap, a time zone) shows its figures again without reading the files again; only while
the files are small enough (:data:`app.uploads.KEPT_UPLOAD_BYTES`)."""
_SUGGESTED = "usage__suggested"  # {field: header} last filled in by "Read it with these ..."
_FORMATS = {
    LogFormat.AUTO: "Detect from the header",
    LogFormat.SESSIONS: "Sessions: agent, login, logout",
    LogFormat.EVENTS: "Events: agent, timestamp, login/logout",
    LogFormat.STATES: "State changes: agent, timestamp, state",
    LogFormat.AMAZON_CONNECT: "Amazon Connect Login/Logout report",
    LogFormat.GENESYS: "Genesys Cloud Agent Login-Logout Details",
    LogFormat.FIVE9: "Five9 Agent Login-Logout report",
    LogFormat.TWILIO: "Twilio TaskRouter worker activity events",
}
ZONES = (
    "UTC",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)
DATE_ORDER_LABEL = "Dates written like 03/04/2024"
_DAY_ORDER = {
    "Decide from the data": None,
    "Month first (03/04 = March 4)": False,
    "Day first (03/04 = 3 April)": True,
}
_MAPPED = {
    Column.AGENT: ("Agent", "The agent's name, login or id (every layout)."),
    Column.LOGIN: ("Login", "When the session began (sessions)."),
    Column.LOGOUT: ("Logout", "When the session ended (sessions)."),
    Column.DURATION: (
        "Duration",
        "How long the session lasted, for sessions with no logout column: hh:mm:ss, dd:hh:mm:ss, "
        "or a number in the unit the column's name gives. For a plain number, add the unit after "
        "the name: Length (s), Length (min) or Length (h).",
    ),
    Column.DATE: (
        "Date",
        "The date, when the other time columns hold only a time of day such as 08:00 (every "
        "layout). A logout earlier than the login is then on the next day.",
    ),
    Column.TIMESTAMP: (
        "Timestamp",
        "When the event or change of state happened (events, state changes).",
    ),
    Column.EVENT: ("Event", "Login or logout (events)."),
    Column.ACTIVITY: (
        "State",
        "The state or activity the agent changed to, e.g. Available, Lunch, Offline (state "
        "changes).",
    ),
}
"""The column-name boxes: each field's label and help, naming the layouts that use it."""


def option_keys() -> list[str]:
    """The widget keys of :func:`option_inputs` and the sample toggle, kept across pages."""
    return [
        "usage_format",
        "usage_tz",
        "usage_source_tz",
        "usage_day_first",
        *USAGE_OPTIONS.widget_keys(),
        *(f"usage_map_{column}" for column in _MAPPED),
        "usage_map_group",
        "usage_try_sample",
    ]


def earlier_analysis(entered: dict[str, Any]) -> dict[str, Any] | None:
    """The session's last analysis, when the options entered are still those it used: files are
    not kept once the person leaves the page, but what was found from them is."""
    stored = st.session_state.get(_ANALYSIS)
    if stored is None or stored.get("result") is None or stored["key"][2] != _options_key(entered):
        return None
    return stored


def _options_key(entered: dict[str, Any]) -> str:
    return repr(sorted(entered.items()))


def option_inputs() -> dict[str, Any]:
    """The analysis options as entered (validated later by :class:`UsageOptions`)."""
    if any(key not in st.session_state for key in USAGE_OPTIONS.widget_keys()):
        st.session_state.update(USAGE_OPTIONS.widget_values(UsageOptions()))
    with st.expander("Options: format, time zones, rules, months", key="usage_options_section"):
        left, right = st.columns(2)
        log_format = left.selectbox(
            "Log format",
            list(_FORMATS),
            format_func=_FORMATS.__getitem__,
            key="usage_format",
            help="Detected from the column names unless you choose one. State changes (one row "
            "per change of state: Available, Lunch, Offline) are never detected: choose them here.",
        )
        zone = right.selectbox(
            "Billing time zone",
            ZONES,
            key="usage_tz",
            accept_new_options=True,
            help="Months start at midnight on the 1st in this zone. Type any IANA zone name.",
        )
        source = left.selectbox(
            "Time zone of times written without an offset",
            ["The format's default", *ZONES],
            key="usage_source_tz",
            accept_new_options=True,
            help="Five9 exports Pacific time by default; the other formats are read as UTC.",
        )
        day_order = right.selectbox(DATE_ORDER_LABEL, list(_DAY_ORDER), key="usage_day_first")
        entered = USAGE_OPTIONS.show((left, right))
        st.caption("Leave the months empty to report every month the log covers.")
        st.markdown("**Column names**, for a layout that is not detected (leave empty to detect)")
        boxes = [box for _ in range(3) for box in st.columns(3)]
        mapping = {
            column.value: box.text_input(label, key=f"usage_map_{column}", help=help_text)
            for (column, (label, help_text)), box in zip(_MAPPED.items(), boxes, strict=False)
        }
        mapping[Column.GROUP.value] = boxes[-1].text_input(
            "Group column (optional)",
            key="usage_map_group",
            help="The column whose values split the figures by team, site or region, e.g. "
            "Site. Empty = no breakdown, except NICE CXone teams and Amazon Connect routing "
            "profiles, which are used when the export has them.",
        )
    return {
        "format": log_format,
        "tz": zone,
        "source_tz": None if source == "The format's default" else source,
        "day_first": _DAY_ORDER[day_order],
        **entered,
        "start_month": entered["start_month"] or None,
        "end_month": entered["end_month"] or None,
        "columns": {field: header.strip() for field, header in mapping.items() if header.strip()},
    }


@dataclass(frozen=True)
class SampleUpload:
    """The built-in sample log, shaped like an uploaded file for :func:`analyse`."""

    name: str = SAMPLE_FILE_NAME
    file_id: str = "built-in sample"

    def getvalue(self) -> bytes:
        return sample_log_csv()

    @property
    def size(self) -> int:
        return len(self.getvalue())


def _too_big(files: list[Any]) -> list[str]:
    limit = MAX_UPLOAD_MB * 1024 * 1024
    return [
        f"{upload.name}: {upload.size:,} bytes is more than the {MAX_UPLOAD_MB} MB upload limit"
        for upload in files
        if upload.size > limit
    ]


def analyse(uploads: list[Any], roster: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Run the analysis once per upload and options; later reruns reuse the stored result, and
    the files' last :data:`KEPT_ANALYSES` analyses with other options are kept too."""
    key = (
        tuple(upload.file_id for upload in uploads),
        roster.file_id if roster is not None else None,
        _options_key(data),
    )
    stored = st.session_state.get(_ANALYSIS)
    if stored is not None and stored["key"] == key:
        return stored
    # Only these files' analyses are kept: other files' would hold memory for nothing.
    kept = {
        kept_key: outcome
        for kept_key, outcome in st.session_state.get(_ANALYSES, {}).items()
        if kept_key[:2] == key[:2]
    }
    st.session_state[_ANALYSES] = kept
    if key in kept:
        found = kept[key] = kept.pop(key)  # moved to the end: now the most recent
        st.session_state[_ANALYSIS] = found
        return found
    files = [*uploads, *([roster] if roster else [])]
    names = [upload.name for upload in files]
    outcome: dict[str, Any] = {"key": key, "names": names, "result": None, "problems": []}
    options = validate(UsageOptions, data, USAGE_OPTIONS.labels())
    if isinstance(options, Problems):
        outcome["problems"] = list(options.lines)
    else:
        outcome["problems"] = _too_big(files)
        if not outcome["problems"]:
            outcome.update(_run(uploads, roster, options))
    st.session_state[_ANALYSIS] = outcome
    if outcome["result"] is not None and sum(upload.size for upload in files) <= KEPT_UPLOAD_BYTES:
        kept[key] = outcome
        while len(kept) > KEPT_ANALYSES:
            del kept[next(iter(kept))]
    return outcome


def _run(uploads: list[Any], roster: Any, options: UsageOptions) -> dict[str, Any]:
    files = [*uploads, *([roster] if roster is not None else [])]
    if sum(upload.size for upload in files) <= SMALL_UPLOAD_BYTES:
        with st.spinner("Analysing the log..."):
            outcome, _ = _analysed(uploads, roster, options, None)
        return outcome
    with st.status("Analysing the log...", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        outcome, failed = _analysed(
            uploads, roster, options, lambda fraction, text: bar.progress(fraction, text=text)
        )
        if failed:
            status.update(label=failed, state="error")
        else:
            status.update(label="Analysis complete", state="complete", expanded=False)
    return outcome


def _analysed(
    uploads: list[Any], roster: Any, options: UsageOptions, progress: Any
) -> tuple[dict[str, Any], str | None]:
    """The analysis outcome, and what went wrong in a few words (``None`` when nothing did)."""
    try:
        result = analyze_logs(
            [(upload.name, upload.getvalue()) for upload in uploads],
            options,
            (roster.name, roster.getvalue()) if roster is not None else None,
            max_bytes=MAX_DECOMPRESSED_BYTES,
            progress=progress,
        )
    except LogFileError as exc:
        outcome = {"problems": [log_problem(exc)], "suggested": suggested_columns(exc)}
        return outcome, "The log could not be read"
    except (MemoryError, OverflowError, ValueError) as exc:
        problem = f"The log could not be analysed ({type(exc).__name__})."
        return {"problems": [problem]}, "The log could not be analysed"
    return {"result": result}, None


def in_page_words(text: str) -> str:
    """A note or error with its date-order choice pointing at the box that makes it."""
    where = f'under "Options", in "{DATE_ORDER_LABEL}"'
    label = {day_first: label for label, day_first in _DAY_ORDER.items()}
    return name_date_order_controls(
        text,
        day_first=f'choose "{label[True]}" {where}',
        month_first=f'choose "{label[False]}" {where}',
        either=f"choose the order {where}",
    )


def log_problem(error: LogFileError) -> str:
    """Why a file could not be read, with the way forward in the page's words: the column-name
    boxes under Options, where the command line names its ``--map`` options."""
    fix = error.to_name
    if fix is None:
        return in_page_words(str(error))
    if any(column not in _MAPPED for column, _ in fix.fields):
        return f"{error.problem}."  # a field the page has no box for
    where = 'Open "Options" and, under "Column names",'
    if fix.format is not None:  # the fields are guessed: a layout was not recognised
        named = ", ".join(
            f"{_MAPPED[column][0]} = {header or f'(the {column.value} {fix.noun})'}"
            for column, header in fix.fields
        )
        guess = suggested_columns(error)
        click = f' Or click "{guess.button}".' if guess else ""
        return f"{error.problem}. {where} name the {fix.noun}s, e.g. {named}.{click}"
    boxes = [
        f'the {fix.noun} that holds the {column.value} in the "{_MAPPED[column][0]}" box'
        for column, _ in fix.fields
    ]
    return f"{error.problem}. {where} type the name of {', or of '.join(boxes)}."


@dataclass(frozen=True)
class SuggestedColumns:
    """The column names (or JSON keys) guessed for a log no layout recognised."""

    names: dict[str, str]
    """Each field's guessed header, by field (``"agent"``)."""
    noun: str = "column"

    @property
    def button(self) -> str:
        return f"Read it with these {self.noun}s"


def suggested_columns(error: LogFileError) -> SuggestedColumns | None:
    """The names guessed from the headers of a log no layout recognised, when every field has
    a guess and a box on the page: what the button of :func:`offer_suggested_columns` fills in."""
    fix = error.to_name
    if fix is None or fix.format is None:
        return None  # a field of a chosen layout is missing: nothing was guessed
    if any(header is None or column not in _MAPPED for column, header in fix.fields):
        return None
    names = {column.value: header.strip() for column, header in fix.fields if header}
    return SuggestedColumns(names, fix.noun)


def offer_suggested_columns(suggested: SuggestedColumns | None) -> None:
    """One click to do what the message says: fill the column-name boxes with the guess and
    read the log again. A prospect should not have to type three headers to see a result."""
    if suggested:
        st.button(
            suggested.button,
            key="usage_use_suggested",
            on_click=_fill_column_boxes,
            args=(suggested.names,),
            icon=":material/table_view:",
            help='Fills the boxes under "Options", "Column names" with the names above; you '
            "can change them there.",
        )


def _fill_column_boxes(suggested: dict[str, str]) -> None:
    for column in _MAPPED:
        st.session_state[f"usage_map_{column}"] = suggested.get(column.value, "")
    st.session_state[_SUGGESTED] = suggested


def guessed_columns_note(entered_columns: dict[str, str]) -> None:
    """While the log is read with the guessed column names, say which: a guess can be wrong,
    and the figures then are too."""
    suggested = st.session_state.get(_SUGGESTED)
    named = {field: header for field, header in entered_columns.items() if field != "group"}
    if not suggested or named != suggested:
        return
    names = ", ".join(f"{_MAPPED[Column(field)][0]} = {header}" for field, header in named.items())
    st.info(
        f"Read with the column names guessed from its headers and first rows: "
        f'{escape_markdown(names)}. A guess can be wrong: check them under "Options", '
        '"Column names".',
        icon=":material/table_view:",
    )


def show_summary(result: UsageResult) -> None:
    months = result.months
    first, second, third, fourth = st.columns(4)
    first.metric("Months", f"{len(months)}", help=f"{months[0].month} to {months[-1].month}")
    second.metric("Agents who logged in", f"{result.agents:,}")
    third.metric("Highest peak concurrency", f"{result.highest_peak:,}")
    fourth.metric("Logged-in hours", f"{result.total_logged_in_hours:,.1f}")
    if (cycle := cycle_sentence(result.options)) is not None:
        st.caption(cycle)


def show_quality(result: UsageResult) -> None:
    """Every row read: used, repaired, rejected or ignored, by reason with example rows."""
    quality = result.quality
    st.header("Data quality")
    columns = st.columns(5)
    for box, label, value in zip(
        columns,
        ("Rows read", "Used", "Repaired", "Rejected", "Ignored"),
        (
            quality.rows_read,
            quality.rows_used,
            quality.rows_repaired,
            quality.rows_rejected,
            quality.rows_ignored,
        ),
        strict=True,
    ):
        box.metric(label, f"{value:,}")
    if quality.issues:
        several = len(result.sources) > 1
        show_static_table(  # static: its reasons are sentences, which a data grid would cut
            pd.DataFrame(
                {
                    "What happened": [issue.kind.value for issue in quality.issues],
                    "Rows": [f"{issue.count:,}" for issue in quality.issues],
                    "Reason": [issue.description for issue in quality.issues],
                    "Example rows": [
                        "; ".join(sample.text(with_file=several) for sample in issue.samples)
                        for issue in quality.issues
                    ],
                }
            ),
            key="usage_quality_issues",
        )
    else:
        st.success("Every row was used as read.", icon=":material/check_circle:")
    for note in quality.notes:
        st.caption(escape_markdown(in_page_words(note)))
    with st.expander("How the files were read", key="usage_sources_section"):
        st.dataframe(sources_table(result.sources), hide_index=True, width="stretch")


def show_roster(result: UsageResult) -> None:
    roster = result.roster
    if roster is None:
        return
    st.header("Roster")
    never = roster.never_logged_in
    st.write(
        f"{counted(roster.accounts, 'account')} in the roster; {len(never):,} never logged in "
        f"during the reported months; {counted(roster.unknown_agents, 'agent')} logged in without "
        "a roster entry."
    )
    if never:
        with st.expander(
            f"Accounts that never logged in ({len(never):,})", key="usage_never_logged_in_section"
        ):
            st.dataframe(pd.DataFrame({"Account": never}), hide_index=True, width="stretch")


def _cached(name: str, build: Callable[[], Any]) -> Any:
    """A chart or download built once per analysis and kept with it, not on every rerun."""
    stored = st.session_state.get(_ANALYSIS)
    if stored is None:
        return build()
    views = stored.setdefault("views", {})
    if name not in views:
        views[name] = build()
    return views[name]


def billed_by_genesys(result: UsageResult) -> bool:
    """Whether the log is a Genesys Cloud export, so Genesys Cloud's billing rules are what the
    user is billed by; for any other log its figures are only a comparison."""
    return all(source.format in GENESYS_FORMATS for source in result.sources if source.format)


def show_billing(result: UsageResult) -> None:
    """The Genesys Cloud billing quantities computed from the log, beside the raw peak: what
    Genesys would bill for a Genesys Cloud export, a comparison for any other log."""
    if billed_by_genesys(result):
        st.header("What Genesys Cloud would bill")
    else:
        st.header("For comparison: what Genesys Cloud's rules would bill")
        st.caption(
            "This log was not read as a Genesys Cloud export: your platform may bill otherwise. "
            "Genesys Cloud publishes how it counts concurrent and hourly users, so these are the "
            "same logins counted by its rules, to compare with."
        )
    st.caption(
        "Concurrent billing: the month's peak of agents logged in at once, ignoring peaks held "
        "for under 30 minutes in total over the month. Hourly billing: agent-hours rounded up to "
        "a whole hour once a month. When the log has a group column (team, site or region), "
        "each group is billed separately and the groups are added."
    )
    show_chart_view(_cached("billing", lambda: billing_view(result)), key="usage_billing_chart")


def show_insights(result: UsageResult) -> None:
    """Daily peaks, load-duration curve, hour-of-week heatmap, groups, idle accounts, CSV."""
    insights = result.insights
    if insights is None:
        return
    st.header("When agents are logged in")
    show_chart_view(_cached("daily", lambda: daily_peak_view(insights)), key="usage_daily_chart")
    show_load_duration(result, insights)
    show_chart_view(_cached("heatmap", lambda: heatmap_view(insights)), key="usage_heatmap_chart")
    comparison = not billed_by_genesys(result)
    groups = _cached("groups", lambda: group_view(insights, comparison=comparison))
    if groups is not None:
        show_chart_view(groups, key="usage_groups_chart")
    show_idle_accounts(insights)
    st.download_button(
        "Download hours per agent and month (CSV)",
        data=_cached("agent csv", lambda: agent_months_csv(insights)),
        file_name="hours-per-agent-and-month.csv",
        mime="text/csv",
        icon=":material/download:",
        key="usage_agent_csv",
    )


@st.fragment
def show_load_duration(result: UsageResult, insights: UsageInsights) -> None:
    """The month's load-duration curve and its month. A fragment: choosing another month
    redraws this curve only, not the page's other charts and tables; a new analysis reruns the
    whole page, so ``result`` is the current one."""
    labels = [month.month for month in result.months]
    busiest = max(range(len(labels)), key=lambda index: result.months[index].peak_any_instant)
    month = st.selectbox(
        "Month of the load-duration curve",
        labels,
        index=busiest,
        key="usage_load_month",
        help="Hours of the month with at least N agents logged in, for every N.",
    )
    show_chart_view(
        _cached(f"load {month}", lambda: load_duration_view(insights, month)),
        key="usage_load_chart",
    )


@st.fragment
def show_idle_accounts(insights: UsageInsights) -> None:
    """Roster accounts with no login in the last N days: candidates to deprovision. A fragment:
    another number of days lists the accounts again, not the page's charts; a new analysis
    reruns the whole page, so ``insights`` is the current one."""
    if insights.accounts is None:
        return
    st.subheader("Accounts nobody uses")
    if "usage_idle_days" not in st.session_state:
        st.session_state.update(IDLE_DAYS.widget_values(UsageAnswers()))
    answer = validate(UsageAnswers, IDLE_DAYS.show(), IDLE_DAYS.labels())
    if isinstance(answer, Problems):
        show_problems(answer)
        return
    days = answer.idle_days
    idle = idle_accounts(insights, days)
    st.caption(
        escape_markdown(
            f"{len(idle):,} of {counted(len(insights.accounts), 'account')} still provisioned "
            f"when the log ends had no login in the last {counted(days, 'day')}: candidates to "
            "deprovision."
        )
    )
    if idle:
        st.dataframe(
            pd.DataFrame(
                {
                    "Account": [row.account for row in idle],
                    "Last logout": [row.last_logout or "none in the log" for row in idle],
                    "Days without a login": [row.days_without_login for row in idle],
                }
            ),
            hide_index=True,
            width="stretch",
            key="usage_idle_table",
        )


def seats_input(result: UsageResult) -> int | Problems | None:
    """Without a roster, ask how many seats are paid for today (a log cannot tell): the answer,
    the problems with it, or ``None`` while not answered."""
    if result.roster is not None:
        return None
    answer = validate(UsageAnswers, PAID_SEATS.show(), PAID_SEATS.labels())
    if isinstance(answer, Problems):
        show_problems(answer)
        return answer
    return answer.paid_seats


def show_partly_covered(result: UsageResult) -> bool:
    """Name the months the log covers only in part; where some would be left out of the staffing
    curve, ask whether to keep them. Returns whether to keep them."""
    empty = empty_months_note(result)
    if empty is not None:
        st.warning(escape_markdown(empty), icon=":material/event_busy:")
    note = partly_covered_note(result)
    if note is None:
        return False
    st.warning(escape_markdown(note), icon=":material/date_range:")
    if not partly_covered_left_out(result):
        return False
    return st.checkbox(
        "Keep the months the log barely covers in the staffing curve",
        key="usage_keep_partly_covered",
    )


def genesys_billing_input(result: UsageResult) -> bool:
    """For a Genesys Cloud export, whether the staffing curve takes the concurrency and hours
    Genesys Cloud bills (ticked at first) rather than the figures as counted; False for any
    other log."""
    if not billed_by_genesys(result):
        return False
    # Seeded, not given as the widget's value: a value kept from an earlier visit is restored
    # into the session, and a widget given both warns on the page.
    st.session_state.setdefault("usage_genesys_billing", True)
    return st.checkbox(
        "Use what Genesys Cloud bills in the staffing curve",
        key="usage_genesys_billing",
        help="Peak concurrent agents and logged-in hours as Genesys Cloud bills them: peaks held "
        "under 30 minutes in total over the month ignored, hours rounded up to a whole hour, "
        "each group (region) billed and added. Unticked: the figures as counted above (the "
        "highest instant, or the peak held for the minutes chosen under Options; hours exact).",
    )


def handover_note(result: UsageResult, seats: int | None, keep: bool, genesys: bool) -> None:
    """What the staffing curve will assume, in plain words, before the button is pressed."""
    try:
        handover = usage_to_staffing(
            result, seats, keep_partly_covered=keep, genesys_billing=genesys
        )
    except CalculatorError as exc:
        # "Seats you pay for today: needed ..." (a "Before using the log:" prefix made two colons).
        text = str(exc)
        st.caption(escape_markdown(f"{text[:1].upper()}{text[1:]}."))
        return
    st.caption(escape_markdown(handover.assumption))


@st.fragment
def show_handover(result: UsageResult) -> None:
    """What the log hands to the calculator: the months it barely covers, Genesys Cloud's billing,
    the seats paid for, what the curve will assume, and the button. A fragment: typing the seats
    or ticking a box redraws this part only, not the page's charts; a new analysis reruns the
    whole page, so ``result`` is the current one, and the button's page switch reruns the app."""
    keep_partly_covered = show_partly_covered(result)
    genesys_billing = genesys_billing_input(result)
    paid_seats = seats_input(result)
    remember(
        PAGE, [*PAID_SEATS.widget_keys(), "usage_keep_partly_covered", "usage_genesys_billing"]
    )
    if not isinstance(paid_seats, Problems):
        handover_note(result, paid_seats, keep_partly_covered, genesys_billing)
    if st.button(
        "Use as my staffing curve",
        type="primary",
        icon=":material/trending_up:",
        key="usage_use_curve",
        help="Replaces the scenario's months and staffing with these figures and opens the "
        "calculator.",
        disabled=isinstance(paid_seats, Problems),
    ):
        use_as_staffing(result, paid_seats, keep_partly_covered, genesys_billing)


def use_as_staffing(result: UsageResult, seats: int | None, keep: bool, genesys: bool) -> None:
    """Replace the scenario's staffing curve and start month with the log's, then open it."""
    try:
        handover = usage_to_staffing(
            result, seats, keep_partly_covered=keep, genesys_billing=genesys
        )
    except CalculatorError as exc:
        show_problems((str(exc),))
        return
    data = state.get_scenario().model_dump()
    data.update(
        start_month=handover.start_month,
        staffing=[month.model_dump() for month in handover.staffing],
    )
    if data["name"] == EXAMPLE_NAME:
        # Still the worked example's name: the figures are the log's now, so is the name.
        months = month_labels(handover.start_month, len(handover.staffing))
        data["name"] = log_scenario_name(months[0], months[-1])
    updated = try_set(data, SCENARIO_LABELS, rerun=False)
    if isinstance(updated, Problems):
        show_problems(updated, intro=NOT_USED)
        return
    remember_log_handover(handover.assumption)
    # The calculator chooses its input mode from the scenario's shape on the next visit.
    reopen_mode()
    st.switch_page("app_pages/calculator.py")


restore(PAGE)
st.title("Usage from your login logs")
st.write(
    "Upload the login/logout export your contact-center platform already produces, as it "
    "exported it (Amazon Connect agent event stream or Login/Logout report, Genesys Cloud user "
    "details or Agent Login-Logout Details, Five9, Twilio TaskRouter, NICE CXone, Cisco UCCX, "
    "Avaya, Dynamics 365, Bright Pattern, or any table with agent, login and logout columns; CSV, "
    "Excel, JSON, gzip or zip). You get exact monthly active agents, peak concurrency and "
    "logged-in hours, and can use them as the calculator's staffing curve. The file is analysed "
    "in memory and not stored."
)
st.download_button(
    "Download a sample log",
    data=sample_log_csv(),
    file_name=SAMPLE_FILE_NAME,
    mime="text/csv",
    icon=":material/download:",
    key="usage_sample",
    help="Six months of a small contact center with a tax-season peak, in the sessions layout.",
)
uploads = file_uploader(
    "Login/logout log: CSV, Excel, JSON, each plain, .gz or .zip (several files or pages are "
    "read together)",
    type=list(LOG_TYPES),
    accept_multiple_files=True,
    key="usage_files",
    max_upload_size=MAX_UPLOAD_MB,
)
roster_upload = file_uploader(
    "Roster (optional): accounts with created and deactivated dates",
    type=list(ROSTER_TYPES),
    key="usage_roster",
    max_upload_size=MAX_UPLOAD_MB,
    help="Gives provisioned accounts per month and the accounts that never logged in.",
)
try_sample = st.toggle(
    "Try it with the sample log",
    key="usage_try_sample",
    help="Analyses the sample log above without uploading anything.",
)
entered = option_inputs()
remember(PAGE, option_keys())
if not uploads and try_sample:
    uploads = [SampleUpload()]
if uploads:
    analysis = analyse(list(uploads), roster_upload, entered)
elif (earlier := earlier_analysis(entered)) is not None:
    analysis = earlier
    st.info(
        f"Showing what was found earlier in this session in "
        f"{escape_markdown(', '.join(earlier['names']))}. "
        "Files are not kept when you leave this page: upload them again to change the options "
        "or to analyse other files.",
        icon=":material/history:",
    )
else:
    st.info(
        f"{NO_LOG_YET}\n\n{UPLOAD_REFUSED}",
        icon=":material/upload:",
    )
    st.stop()
if analysis["problems"]:
    show_problems(analysis["problems"])
    offer_suggested_columns(analysis.get("suggested"))
    st.stop()
guessed_columns_note(entered["columns"])
usage: UsageResult = analysis["result"]
if not usage.months:
    show_problems(("No usable sessions: every row was rejected or ignored (see below).",))
    show_quality(usage)
    st.stop()
show_summary(usage)
show_handover(usage)
show_chart_view(_cached("monthly", lambda: monthly_usage_view(usage)), key="usage_monthly_chart")
show_chart_view(
    _cached("months active", lambda: months_active_view(usage)), key="usage_months_active_chart"
)
show_billing(usage)
show_insights(usage)
show_quality(usage)
show_roster(usage)
