"""The optional roster: which accounts existed when, so provisioned seats can be counted.

A roster row is an account with a created and a deactivated date or time. Dates without a time
are read as midnight in the billing time zone; an account is provisioned from ``created`` up to,
not including, ``deactivated`` (an account deactivated on 1 March is not provisioned in March).
No created date: provisioned from the first reported month. No deactivated date: still active;
a deactivated date in the year 9999 (``9999-12-31``) is the usual way of writing none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from calculator.usage._layouts import ROSTER_LAYOUT, fit_layout
from calculator.usage._options import Column, UsageOptions
from calculator.usage._quality import Ledger, Reason
from calculator.usage._result import SourceFile
from calculator.usage._rows import choose_header
from calculator.usage._source import TextFile
from calculator.usage._table import agent_codes, read_table
from calculator.usage._times import parse_times

FAR_PAST = np.iinfo(np.int64).min // 4
FAR_FUTURE = np.iinfo(np.int64).max // 4


@dataclass
class Roster:
    ledger: Ledger
    source: SourceFile
    agents: pa.Array
    codes: np.ndarray
    created: np.ndarray
    """[us UTC]; FAR_PAST when unknown."""
    deactivated: np.ndarray
    """[us UTC]; FAR_FUTURE when still active."""


def read_roster(text: TextFile, options: UsageOptions) -> Roster:
    text, resolved = choose_header(
        text, lambda row: fit_layout(ROSTER_LAYOUT, row.headers, text.name)
    )
    table = read_table(text, resolved)
    source = SourceFile(
        file=text.name,
        format=None,
        layout=ROSTER_LAYOUT.label,
        detected=True,
        columns=resolved.columns,
        encoding=text.encoding,
        compression=text.compression,
        delimiter=text.delimiter_name,
        source_tz=options.tz,
    )
    ledger = Ledger(table)
    codes, agents = agent_codes(table.columns[Column.AGENT])
    ledger.reject(Reason.MISSING_AGENT, codes < 0, Column.AGENT)
    count = table.rows
    created = np.full(count, FAR_PAST, dtype=np.int64)
    deactivated = np.full(count, FAR_FUTURE, dtype=np.int64)
    for column, target, missing_reason in (
        (Column.CREATED, created, Reason.MISSING_CREATED),
        (Column.DEACTIVATED, deactivated, None),
    ):
        if column not in table.columns:
            if column is Column.CREATED:
                ledger.notes.append(
                    f"{text.name}: no created column: every account counts as provisioned from "
                    "the first reported month"
                )
            continue
        values = table.columns[column]
        where = f"{text.name}, column '{resolved.columns[column]}'"
        parsed = parse_times(values, options.tz, options.day_first, where)
        if column is Column.DEACTIVATED:  # 9999-12-31 means "not yet", as a logout in 9999 does
            parsed = parsed.open_ended()
        ledger.notes.extend(parsed.notes)
        ledger.reject(Reason.UNPARSEABLE_TIME, parsed.unparseable, column)
        ledger.reject(Reason.NONEXISTENT_TIME, parsed.nonexistent, column)
        ledger.reject(Reason.AMBIGUOUS_TIME, parsed.ambiguous, column)
        if missing_reason is not None:
            ledger.repair(missing_reason, parsed.missing, column)
        target[parsed.valid] = parsed.micros[parsed.valid]  # the roster is small: microseconds
    ledger.reject(Reason.DEACTIVATED_BEFORE_CREATED, deactivated <= created, Column.DEACTIVATED)
    used = np.flatnonzero(ledger.used)
    frame = pd.DataFrame({"code": codes[used], "on": created[used], "off": deactivated[used]})
    repeated = frame.duplicated(keep="first").to_numpy()
    ledger.reject(Reason.DUPLICATE, used[repeated])
    return Roster(ledger, source, agents, codes, created, deactivated)
