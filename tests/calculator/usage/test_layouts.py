"""Layout detection from header rows, column mapping, and the messages when neither works."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.usage import (
    Column,
    ColumnsToName,
    LogFileError,
    LogFormat,
    UsageOptions,
    analyze_log,
)
from calculator.usage._layouts import (
    ROSTER_LAYOUT,
    duration_unit,
    fit_layout,
    guess_columns,
    normalize_header,
    resolve_layout,
)
from calculator.usage._values import ValueKind


@pytest.mark.parametrize(
    ("headers", "format", "columns"),
    [
        (
            ["AGENT", "DATE", "AGENT FIRST NAME", "LOGIN TIMESTAMP", "LOGOUT TIMESTAMP"],
            LogFormat.FIVE9,
            ("AGENT", "LOGIN TIMESTAMP", "LOGOUT TIMESTAMP"),
        ),
        (
            ["User", "Start Time", "End Time", "Duration"],
            LogFormat.GENESYS,
            ("User", "Start Time", "End Time"),
        ),
        (
            ["User login", "Login time", "Logout time", "Session duration"],
            LogFormat.AMAZON_CONNECT,
            ("User login", "Login time", "Logout time"),
        ),
        (
            ["Login", "Login Time (UTC)", "Logout Time (UTC)"],
            LogFormat.AMAZON_CONNECT,
            ("Login", "Login Time (UTC)", "Logout Time (UTC)"),
        ),
        (
            ["agent_id", "login_time", "logout_time"],
            LogFormat.SESSIONS,
            ("agent_id", "login_time", "logout_time"),
        ),
        (
            ["user_id", "session_start", "session_end"],
            LogFormat.SESSIONS,
            ("user_id", "session_start", "session_end"),
        ),
        # "Login" is also a word for an agent's login name: it is the agent only when no other
        # column is, so these were refused (the agent took "Login", leaving no login).
        (["Employee", "Login", "Logout"], LogFormat.SESSIONS, ("Employee", "Login", "Logout")),
        (["Email", "Login", "Logout"], LogFormat.SESSIONS, ("Email", "Login", "Logout")),
        (["Login ID", "Login", "Logout"], LogFormat.SESSIONS, ("Login ID", "Login", "Logout")),
        (["Name", "Login", "Logout"], LogFormat.SESSIONS, ("Name", "Login", "Logout")),
        (
            ["Employee Name", "Login", "Logout"],
            LogFormat.SESSIONS,
            ("Employee Name", "Login", "Logout"),
        ),
        (
            ["Login", "Login Time", "Logout Time"],
            LogFormat.AMAZON_CONNECT,
            ("Login", "Login Time", "Logout Time"),
        ),
        # Words of workforce and timekeeping exports, and German and Spanish exports.
        (["Staff", "Time In", "Time Out"], LogFormat.SESSIONS, ("Staff", "Time In", "Time Out")),
        (
            ["Rep Name", "Clock In", "Clock Out"],
            LogFormat.SESSIONS,
            ("Rep Name", "Clock In", "Clock Out"),
        ),
        (["Operator ID", "Start", "End"], LogFormat.SESSIONS, ("Operator ID", "Start", "End")),
        (
            ["Associate", "Punch In", "Punch Out"],
            LogFormat.SESSIONS,
            ("Associate", "Punch In", "Punch Out"),
        ),
        (
            ["Mitarbeiter", "Datum", "Anmeldung", "Abmeldung"],
            LogFormat.SESSIONS,
            ("Mitarbeiter", "Anmeldung", "Abmeldung"),
        ),
        (
            ["Agente", "Fecha", "Hora entrada", "Hora salida"],
            LogFormat.SESSIONS,
            ("Agente", "Hora entrada", "Hora salida"),
        ),
        (["agent", "timestamp", "event"], LogFormat.EVENTS, ("agent", "timestamp", "event")),
        (
            ["Username", "Event Time", "Status"],
            LogFormat.EVENTS,
            ("Username", "Event Time", "Status"),
        ),
    ],
)
def test_layouts_are_detected_from_headers(headers, format, columns):
    """Vendor exports by their column names; anything else by agent/login/logout words."""
    resolved = resolve_layout(headers, LogFormat.AUTO, {}, "log.csv")
    found = tuple(resolved.columns[c] for c in (Column.AGENT, *_time_columns(format)))
    assert (resolved.layout.format, found) == (format, columns)


def _time_columns(format):
    if format is LogFormat.EVENTS:
        return (Column.TIMESTAMP, Column.EVENT)
    return (Column.LOGIN, Column.LOGOUT)


def test_twilio_prefers_the_worker_sid_and_milliseconds():
    """WorkerSid identifies a worker (names change); TimestampMs is the finer time."""
    headers = ["EventType", "Timestamp", "TimestampMs", "WorkerSid", "WorkerName",
               "WorkerActivityName", "WorkerPreviousActivityName"]  # fmt: skip
    resolved = resolve_layout(headers, LogFormat.AUTO, {}, "events.csv")
    assert resolved.layout.format is LogFormat.TWILIO
    assert (resolved.columns[Column.AGENT], resolved.columns[Column.TIMESTAMP]) == (
        "WorkerSid",
        "TimestampMs",
    )


def test_headers_compare_without_case_spaces_punctuation_or_notes():
    """' LOGIN TIMESTAMP (UTC)' and 'login_timestamp' are the same column."""
    assert normalize_header(" LOGIN TIMESTAMP (UTC)") == normalize_header("login_timestamp")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("Duration (min)", 60),
        ("Duration (minutes)", 60),
        ("duration_mins", 60),
        ("DurationMinutes", 60),
        ("Duration (h)", 3600),
        ("Length [hours]", 3600),
        ("duration hrs", 3600),
        ("Duration (s)", 1),
        ("Duration (sec)", 1),
        ("Seconds", 1),
        ("Duration (ms)", 0.001),
        ("Duration", None),
        ("Logon Duration", None),
        ("Agent's duration", None),
        ("Duration (hh:mm:ss)", None),
        ("Duration (h or min)", None),
    ],
)
def test_a_duration_header_names_its_unit(header, seconds):
    """Only a unit named as a word of the header counts; two different units name none."""
    unit = duration_unit(header)
    assert (None if unit is None else unit / 1_000_000) == seconds


def test_a_mapping_names_unknown_columns():
    """Headers no layout knows are read once mapped."""
    resolved = resolve_layout(
        ["Who", "In", "Out"],
        LogFormat.SESSIONS,
        {Column.AGENT: "Who", Column.LOGIN: "In", Column.LOGOUT: "Out"},
        "log.csv",
    )
    assert resolved.columns == {Column.AGENT: "Who", Column.LOGIN: "In", Column.LOGOUT: "Out"}


def test_a_mapping_to_a_missing_column_is_refused():
    """The message lists the columns that exist."""
    with pytest.raises(LogFileError) as caught:
        resolve_layout(["a", "b"], LogFormat.AUTO, {Column.AGENT: "c"}, "log.csv")
    assert str(caught.value) == "log.csv: no column named 'c' for agent; the columns are 'a', 'b'"


def test_a_chosen_format_with_a_missing_field_says_how_to_name_it():
    """Choosing Genesys for a file without End Time names the field to map."""
    with pytest.raises(LogFileError) as caught:
        resolve_layout(["User", "Start Time"], LogFormat.GENESYS, {}, "log.csv")
    assert str(caught.value) == (
        "log.csv: the Genesys Cloud Agent Login-Logout Details layout needs a logout column; the "
        "columns are 'User', 'Start Time'. Name it with logout=<column header>"
    )


def test_an_unrecognised_layout_carries_the_columns_that_would_read_it():
    """The message's way forward is also a fact a front end can word its own way: the guessed
    header per field of the sessions layout; the message itself keeps the command line's."""
    headers = ["Medewerker", "Aanmelding", "Afmelding", "Duur (u)"]
    with pytest.raises(LogFileError) as caught:
        resolve_layout(headers, LogFormat.AUTO, {}, "log.csv")
    guessed = (
        (Column.AGENT, "Medewerker"),
        (Column.LOGIN, "Aanmelding"),
        (Column.LOGOUT, "Afmelding"),
    )
    assert caught.value.to_name == ColumnsToName(guessed, LogFormat.SESSIONS)
    assert str(caught.value) == (
        f"{caught.value.problem}. Name the fields, e.g. --format sessions --map agent=Medewerker "
        "--map login=Aanmelding --map logout=Afmelding"
    )


def test_a_missing_field_carries_the_field_to_name():
    with pytest.raises(LogFileError) as caught:
        resolve_layout(["User", "Start Time"], LogFormat.GENESYS, {}, "log.csv")
    assert caught.value.to_name == ColumnsToName(((Column.LOGOUT, None),))
    assert caught.value.problem.endswith("the columns are 'User', 'Start Time'")


def test_a_roster_without_its_agent_column_is_told_to_rename_it():
    """A roster's columns cannot be named (``--map`` and the page's boxes are the log's): the
    way forward is the header to give the column, on every front end."""
    with pytest.raises(LogFileError) as caught:
        fit_layout(ROSTER_LAYOUT, ["who", "created"], "roster.csv")
    assert caught.value.to_name is None
    assert str(caught.value) == (
        "roster.csv: the roster (agent, created, deactivated) layout needs an agent column; the "
        "columns are 'who', 'created'. Give that column the header 'agent' in the file"
    )


def test_a_length_header_is_guessed_as_the_duration_when_no_header_names_the_end():
    """Five9's "Agent Login-Logout" report without its ``LOGOUT TIMESTAMP`` (header from Pathlight
    tap-five9 ``schemas/agent_login_logout.json``): ``LOGIN TIME`` is a duration ``hh:mm:ss``, so
    it is the field to offer, not the next header left (``DATE``) as a logout."""
    headers = ["AGENT", "DATE", "LOGIN TIMESTAMP", "LOGIN TIME"]
    with pytest.raises(LogFileError) as caught:
        resolve_layout(headers, LogFormat.AUTO, {}, "agent_login_logout.csv")
    assert caught.value.to_name == ColumnsToName(
        (
            (Column.AGENT, "AGENT"),
            (Column.LOGIN, "LOGIN TIMESTAMP"),
            (Column.DURATION, "LOGIN TIME"),
        ),
        LogFormat.SESSIONS,
    )


@pytest.mark.parametrize(
    ("headers", "agent", "login", "logout"),
    [
        # A French export: "Fin" (the end) holds "in", which named it the login; "Date" was
        # then the logout as the next header left.
        (["Agent", "Date", "Début", "Fin"], "Agent", "Début", "Fin"),
        # Spanish, accents and all.
        (
            ["Agente", "Fecha", "Inicio de sesión", "Fin de sesión"],
            "Agente",
            "Inicio de sesión",
            "Fin de sesión",
        ),
        # "Déconnexion" holds "connexion": it is the logout, not the login.
        (["Utilisateur", "Déconnexion", "Connexion"], "Utilisateur", "Connexion", "Déconnexion"),
        # A time clock's words, in English.
        (["Date", "Employee", "Clock in", "Clock out"], "Employee", "Clock in", "Clock out"),
        (["UserId", "LoginTime", "LogoutTime"], "UserId", "LoginTime", "LogoutTime"),
        # A workforce tool's words: "Sign Off Time" was offered as a duration (it holds "time").
        (
            ["Employee Name", "Sign On Time", "Sign Off Time"],
            "Employee Name",
            "Sign On Time",
            "Sign Off Time",
        ),
        (["Agent", "Logged on", "Logged off"], "Agent", "Logged on", "Logged off"),
        (["Worker", "Started", "Finished"], "Worker", "Started", "Finished"),
    ],
)
def test_headers_in_other_words_and_languages_are_guessed(headers, agent, login, logout):
    """Files no layout recognises, as exported in other languages or by a time clock: the
    columns offered to name are the ones that hold each field."""
    assert guess_columns(headers) == (
        (Column.AGENT, agent),
        (Column.LOGIN, login),
        (Column.LOGOUT, logout),
    )


def test_the_guess_for_a_french_export_reads_it():
    """Following the guess for the French export gives its one session."""
    data = "Agent;Date;Début;Fin\nann;2024-06-03;2024-06-03 08:00;2024-06-03 16:00\n".encode()
    with pytest.raises(LogFileError) as caught:
        analyze_log("export.csv", data)
    columns = {column.value: header for column, header in caught.value.to_name.fields}
    result = analyze_log(
        "export.csv", data, UsageOptions(format=LogFormat.SESSIONS, columns=columns)
    )
    assert [(month.month, month.logged_in_hours) for month in result.months] == [("2024-06", 8)]


M, D, C, L, T = (
    ValueKind.MOMENT,
    ValueKind.DATE,
    ValueKind.CLOCK,
    ValueKind.LENGTH,
    ValueKind.TEXT,
)


@pytest.mark.parametrize(
    ("headers", "kinds", "expected"),
    [
        # "Close Time" holds "time", which made it the duration; it holds dates and times.
        (
            ["Agent", "Open Time", "Close Time"],
            [T, M, M],
            ((Column.AGENT, "Agent"), (Column.LOGIN, "Open Time"), (Column.LOGOUT, "Close Time")),
        ),
        # A date column before the times was the login, as the next header left; the times
        # are times of day, so the date column is offered as their date.
        (
            ["Agent", "Date", "Began", "Ended"],
            [T, D, C, C],
            (
                (Column.AGENT, "Agent"),
                (Column.LOGIN, "Began"),
                (Column.LOGOUT, "Ended"),
                (Column.DATE, "Date"),
            ),
        ),
        # A header naming a unit, holding numbers, is the length.
        (
            ["Agent", "Start", "Hours"],
            [T, M, L],
            ((Column.AGENT, "Agent"), (Column.LOGIN, "Start"), (Column.DURATION, "Hours")),
        ),
        # Five9's LOGIN TIME (hh:mm:ss) reads as a time of day too: the length comes first.
        (
            ["AGENT", "DATE", "LOGIN TIMESTAMP", "LOGIN TIME"],
            [T, D, M, C],
            (
                (Column.AGENT, "AGENT"),
                (Column.LOGIN, "LOGIN TIMESTAMP"),
                (Column.DURATION, "LOGIN TIME"),
            ),
        ),
        # A 10-digit agent number reads as epoch seconds; with no other name left it is the agent.
        (
            ["Agent ID", "Login Time", "Logout Time"],
            [M, M, M],
            (
                (Column.AGENT, "Agent ID"),
                (Column.LOGIN, "Login Time"),
                (Column.LOGOUT, "Logout Time"),
            ),
        ),
        # The agent is the one column that is not a time, wherever it stands.
        (
            ["Opened", "Closed", "Who"],
            [M, M, T],
            ((Column.AGENT, "Who"), (Column.LOGIN, "Opened"), (Column.LOGOUT, "Closed")),
        ),
    ],
)
def test_the_guess_goes_by_what_the_columns_hold(headers, kinds, expected):
    """With the first values' kinds, each field is offered a column whose values fit it."""
    assert guess_columns(headers, dict(zip(headers, kinds, strict=True))) == expected


def test_without_values_the_guess_goes_by_headers_alone():
    """The two first cases above, without values: the guesses the headers alone give."""
    assert guess_columns(["Agent", "Open Time", "Close Time"])[2] == (
        Column.DURATION,
        "Close Time",
    )
    assert guess_columns(["Agent", "Date", "Began", "Ended"])[1] == (Column.LOGIN, "Date")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "shifts.csv",
            b"Agent,Open Time,Close Time\r\nann,2024-06-03 08:00,2024-06-03 16:00\r\n"
            b"bo,2024-06-03 09:00,2024-06-03 13:30\r\n",
        ),
        (
            "shifts.json",
            b'[{"User": "ann", "Day": "2024-06-03", "Open": "2024-06-03T08:00:00Z", '
            b'"Closed": "2024-06-03T16:00:00Z"}, {"User": "bo", "Day": "2024-06-03", '
            b'"Open": "2024-06-03T09:00:00Z", "Closed": "2024-06-03T13:30:00Z"}]',
        ),
        (
            # A title above the header, and the date apart from the times of day.
            "shifts.csv",
            b"Shift report\nEmployee;Date;Began;Ended\nann;2024-06-03;08:00;16:00\n"
            b"bo;2024-06-03;9:00 AM;1:30 PM\n",
        ),
        (
            # Dutch headers, and a date column no layout knows by name: offered as the date
            # of the times of day (bo's shift ends past midnight).
            "diensten.csv",
            b"Medewerker;Dag;Aanmelding;Afmelding\nann;03.06.2024;08:00;16:00\n"
            b"bo;03.06.2024;22:00;02:30\n",
        ),
    ],
)
def test_following_the_guess_reads_the_file(name, data):
    """A file no layout knows, read with the columns the refusal offers: 8 + 4.5 hours."""
    with pytest.raises(LogFileError) as caught:
        analyze_log(name, data)
    assert caught.value.to_name is not None
    columns = {column.value: header for column, header in caught.value.to_name.fields}
    result = analyze_log(name, data, UsageOptions(format=LogFormat.SESSIONS, columns=columns))
    assert [(month.month, month.logged_in_hours) for month in result.months] == [("2024-06", 12.5)]


_CELLS = st.one_of(
    st.sampled_from(["ann", "2024-06-03", "2024-06-03 08:00", "08:00", "8:00 PM", "480", ""]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdefgh XYZ_", min_size=1, max_size=10), min_size=2, max_size=5),
    st.lists(st.lists(_CELLS, min_size=1, max_size=6), max_size=8),
    st.sampled_from([",", ";", "\t"]),
)
def test_any_table_gets_a_result_or_a_way_to_name_its_columns(headers, rows, delimiter):
    """Odd headers and cells of every kind: a result, or a refusal whose offered columns are
    the file's own headers; never another exception."""
    lines = [delimiter.join(headers), *(delimiter.join(row) for row in rows)]
    try:
        analyze_log("log.csv", ("\n".join(lines) + "\n").encode())
    except LogFileError as exc:
        offered = [header for _, header in exc.to_name.fields] if exc.to_name else []
        assert {header for header in offered if header} <= {h.strip() for h in headers}
