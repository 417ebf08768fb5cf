"""The groups of an analysis (team, site, region, queue or routing profile) as one code table.

A file's group column is the vendor's (NICE CXone ``Team_No``, Amazon Connect
``CurrentAgentSnapshot.Configuration.RoutingProfile.Name``) or the column the user names as
``group``. Each session is in the group of the row that starts it; a row with an empty group, or
a file without the column when another file has it, is in the group "(no team)" (named after the
kind of group). Groups change no total: they only split the per-group figures and the billing
that a vendor computes per group.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from calculator.usage._errors import LogFileError
from calculator.usage._options import Column
from calculator.usage._rows import FileRows

MAX_GROUPS = 1000
"""Most distinct groups read: a team, site or region column has a few dozen values; one with
thousands is another column (an id, a time) and would make thousands of tiny breakdowns."""


@dataclass(frozen=True)
class SharedGroups:
    """One group code table for every file of an analysis."""

    codes: list[np.ndarray]
    """Per file, the group code of every row (always a group: rows without one are in the
    "(no ...)" group)."""
    names: tuple[str, ...]
    """Group name of each code, in name order, the "(no ...)" group last [text]."""
    kind: str
    """What the groups are, in words ("team", "routing profile", "site") [text]."""


def shared_groups(parts: list[FileRows]) -> SharedGroups | None:
    """The groups of all files; None when no file has a group column."""
    grouped = [part for part in parts if part.groups is not None]
    if not grouped:
        return None
    kind = grouped[0].group_kind
    dictionaries = [
        part.groups if part.groups is not None else pa.array([], pa.string()) for part in parts
    ]
    codes = [
        part.group_codes
        if part.group_codes is not None
        else np.full(len(part.codes), -1, dtype=np.int32)
        for part in parts
    ]
    combined, mapped = combine_codes(dictionaries, codes)
    if len(combined) > MAX_GROUPS:
        return _too_many(grouped, len(combined))
    order = pc.array_sort_indices(combined).to_numpy(zero_copy_only=False)
    names: list[str] = combined.take(pa.array(order)).to_pylist()
    rank = np.empty(len(order) + 1, dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    if any((file_codes < 0).any() for file_codes in mapped):
        none = f"(no {kind})"
        if none not in names:
            names.append(none)
        rank[-1] = names.index(none)  # what code -1 (no group) maps to
    return SharedGroups([rank[file_codes] for file_codes in mapped], tuple(names), kind)


def _too_many(grouped: list[FileRows], count: int) -> None:
    """A column the user named fails with a message; a vendor's own column is left out with a
    note, so its export still reads."""
    first = grouped[0]
    header = first.source.columns[Column.GROUP]
    what = f"{first.source.file}: the group column '{header[:60]}' holds {count:,} different values"
    if first.group_mapped:
        raise LogFileError(
            f"{what}; at most {MAX_GROUPS:,} groups are shown (a team, site or region column has "
            "a few dozen). Name another column as the group, or none"
        )
    first.ledger.notes.append(
        f"{what}, more than the {MAX_GROUPS:,} groups shown: the figures are not split by group"
    )


def combine_codes(
    dictionaries: list[pa.Array], codes: list[np.ndarray]
) -> tuple[pa.Array, list[np.ndarray]]:
    """One dictionary for several: the distinct values of all ``dictionaries`` in order of first
    appearance, and each ``codes`` array (indices into its own dictionary, -1 = none) mapped to
    it, -1 kept."""
    combined = pc.dictionary_encode(pa.concat_arrays([d.cast(pa.string()) for d in dictionaries]))
    lookup = combined.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    mapped = []
    offset = 0
    for own, dictionary in zip(codes, dictionaries, strict=True):
        # The appended -1 is what code -1 (none) maps to.
        mapped.append(np.append(lookup[offset : offset + len(dictionary)], np.int32(-1))[own])
        offset += len(dictionary)
    return combined.dictionary, mapped
