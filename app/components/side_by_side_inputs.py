"""Choose up to three scenarios for the side-by-side view: this session's, an offer saved in the
session, or scenario files.

Each column picks its source (saved offers fill the second and third columns first), the plan to show and an optional label. Uploaded files are read
with the same size cap and validation as the Share panel; a file that cannot be read leaves its
column out and says why.

The choices are kept in the address too (:func:`app.share.columns_to_params`), so a copied address
reopens the same comparison: :func:`read_link` keeps the link's choices at the session's first
run, and the page's first drawing applies those it can use. A notice (:func:`link_notice`) names
each choice it cannot use, by column and value, until the person changes a column.

A visit to another page keeps the choices (:mod:`app.components.kept_widgets`) and the scenario
of each file loaded (the uploader itself is empty again), until the person removes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import streamlit as st

from app import offers, state
from app.binding import Problems, show_problems
from app.components.kept_widgets import remember, restore
from app.components.markdown import escape_markdown
from app.components.share_panel import LOAD_FAILED, load_scenario_file, share_link
from app.share import (
    COLUMN_PARAMS,
    CURRENT_SOURCE,
    FILE_SOURCE,
    UNUSED_SOURCE,
    ColumnChoice,
    ColumnProblem,
    columns_from_params,
    columns_to_params,
    with_column_params,
)
from app.uploads import file_uploader, refuse_upload, refused_upload, removed_upload
from calculator import MAX_SCENARIO_BYTES, MAX_SIDE_BY_SIDE, Scenario, quote_value

CURRENT = "This session's scenario"
FILE = "A scenario file"
UNUSED = "Not used"
AUTOMATIC = "Automatic"
MAX_LABEL_CHARS = 60
LINK_NOTICE = (
    "Some column choices in this link could not be used, so those columns show their defaults: {}."
)
"""What the page says when a link's column choices are left out: ``{}`` lists them."""
_FROM_LINK = "side_by_side_from_link"  # the link's column choices until the page applies them
_NOTICE = "side_by_side_link_notice"  # (the address it is about, the notice) while it is shown


@dataclass(frozen=True, slots=True)
class Column:
    """One chosen column: a scenario, the plan to show (``None``: the reference's baseline or
    another column's cheapest plan) and the label (``None``: the scenario's name)."""

    scenario: Scenario
    plan: str | None
    label: str | None
    origin: str = ""
    """Where the scenario comes from, in words: "this session", "Offer 1", "file 'b.json'"."""
    from_file: bool = False
    """Whether the scenario is a file's, which a link cannot carry (the link reopens its column
    waiting for the file)."""


def offer_label(index: int, scenario: Scenario) -> str:
    """How a saved offer is offered as a column's source: ``"Offer 1: Vendor B"``."""
    return f"Offer {index + 1}: {scenario.name}"


def link_notice(problems: Sequence[ColumnProblem]) -> str:
    """The notice naming each of a link's column choices left out, column by column (the list
    of columns as a whole first), each problem once."""
    ordered = sorted(dict.fromkeys(problems), key=lambda problem: problem.column or 0)
    return LINK_NOTICE.format("; ".join(str(problem) for problem in ordered))


def _missing_offer(column: int, source: str, saved: int) -> ColumnProblem:
    """A column whose link names an offer (``o2``) beyond the ``saved`` ones."""
    kept = "no offers" if saved == 0 else f"{saved} offer" + ("s" if saved > 1 else "")
    offer = source.removeprefix("o")
    return ColumnProblem(column, f"the link names offer {offer}, and this session has {kept}")


def _chosen_words(plan: str | None, label: str | None) -> str:
    """``"plan 'Gold' and label 'Vendor B'"``: what a link chose for a column."""
    parts = [f"plan {quote_value(plan)}"] if plan else []
    if label:
        parts.append(f"label {quote_value(label)}")
    return " and ".join(parts)


def _waiting_text(plan: str | None, label: str | None) -> str:
    """What a file column's link chose, waiting for the file."""
    they = "they apply" if plan and label else "it applies"
    return (
        f"The link chose {_chosen_words(plan, label)} for this column: {they} once a scenario "
        "file is loaded."
    )


def read_link() -> None:
    """Keep the column choices of the link a session opens with, for the page to apply once."""
    if _FROM_LINK not in st.session_state:
        params = {name: st.query_params.get_all(name) for name in COLUMN_PARAMS}
        st.session_state[_FROM_LINK] = columns_from_params(params) if any(params.values()) else None


def _sources(index: int, saved: list[str]) -> tuple[dict[str, str], str]:
    """Column ``index``'s options (shown text -> link source) and its default option."""
    offered = {label: f"o{number}" for number, label in enumerate(saved, start=1)}
    if index == 0:
        options = {CURRENT: CURRENT_SOURCE, FILE: FILE_SOURCE, **offered}
        return options, CURRENT
    options = {FILE: FILE_SOURCE, CURRENT: CURRENT_SOURCE, **offered, UNUSED: UNUSED_SOURCE}
    if index <= len(saved):
        return options, saved[index - 1]
    return options, FILE if index < 2 else UNUSED


def _column(
    index: int, key: str, wanted: ColumnChoice | None
) -> tuple[Column | None, ColumnChoice, str, list[ColumnProblem]]:
    """The widgets of column ``index`` (0-based), first set to the link's ``wanted`` choices
    where they fit: the column (``None`` when it is not used or unreadable), its choices as the
    link keeps them, its default source, and the wanted choices left out (an offer the session
    lacks, a plan the column's scenario lacks)."""
    wanted = wanted or ColumnChoice()
    left_out: list[ColumnProblem] = []
    waiting_key = f"{key}_{index}_waiting"
    if wanted.plan is not None or wanted.label is not None:
        st.session_state[waiting_key] = (wanted.plan, wanted.label)
    saved = {offer_label(i, offer): offer for i, offer in enumerate(offers.get_offers())}
    options, default = _sources(index, list(saved))
    source_key = f"{key}_{index}_source"
    if wanted.source is not None:
        shown = {source: text for text, source in options.items()}.get(wanted.source)
        if shown is None:  # only offers come and go: the link checked every other source
            left_out.append(_missing_offer(index + 1, wanted.source, len(saved)))
        else:
            st.session_state[source_key] = shown
    if st.session_state.get(source_key) not in options:
        # A saved offer fills its column through the session (an offer removed since is gone):
        # the default goes there too, as Streamlit warns about a widget given both.
        st.session_state[source_key] = default
    source = st.selectbox(
        f"Column {index + 1}" + (" (the reference)" if index == 0 else ""),
        list(options),
        key=source_key,
    )
    choice = ColumnChoice(options[source])
    scenario: Scenario | None = None
    origin = ""
    if source == CURRENT:
        scenario, origin = state.get_scenario(), "this session"
    elif source in saved:
        scenario, origin = saved[source], source.partition(":")[0]  # "Offer 1"
    elif source == FILE:
        scenario, origin = _file_column(f"{key}_{index}")
    if source != FILE:
        st.session_state.pop(f"{key}_{index}_loaded", None)  # see _file_column
    if scenario is None:
        # A link cannot carry a file: the plan and label it chose for the file's column wait,
        # in the session and in the address, until a file is loaded there.
        waiting = st.session_state.get(waiting_key) if source == FILE else None
        if waiting is None:
            dropped = st.session_state.pop(waiting_key, None)
            # Named only as the link is applied: a later change of source is the person's own.
            if source == UNUSED and dropped == (wanted.plan, wanted.label):
                text = f"{_chosen_words(*dropped)} cannot apply to a column not used"
                left_out.append(ColumnProblem(index + 1, text))
            return None, choice, options[default], left_out
        st.caption(escape_markdown(_waiting_text(*waiting)))
        return None, ColumnChoice(choice.source, *waiting), options[default], left_out
    wanted_plan, wanted_label = st.session_state.pop(waiting_key, (None, None))
    automatic = f"{AUTOMATIC}: " + ("today's plan" if index == 0 else "the cheapest plan")
    plans = [automatic, *(plan.name for plan in scenario.plans)]
    plan_key = f"{key}_{index}_plan"
    if wanted_plan is not None:
        if wanted_plan in plans[1:]:
            st.session_state[plan_key] = wanted_plan
        else:
            text = f"scenario {quote_value(scenario.name)} has no plan {quote_value(wanted_plan)}"
            left_out.append(ColumnProblem(index + 1, text))
    label_key = f"{key}_{index}_label"
    if wanted_label is not None:
        st.session_state[label_key] = wanted_label
    plan = st.selectbox("Plan to compare", plans, key=plan_key)
    label = st.text_input(
        "Label (optional)",
        key=label_key,
        max_chars=MAX_LABEL_CHARS,
        placeholder=scenario.name,
    )
    plan = None if plan is None or plan == automatic else plan
    label = label.strip() or None
    return (
        Column(scenario, plan, label, origin, from_file=source == FILE),
        ColumnChoice(choice.source, plan, label),
        options[default],
        left_out,
    )


def _file_column(key: str) -> tuple[Scenario | None, str]:
    """A file column's uploader: the scenario of the file uploaded, or of the one uploaded
    earlier in the session (the uploader is empty again after a visit to another page), until
    the person removes it or picks another; and the file in words ("file 'b.json'")."""
    file_key, loaded_key = f"{key}_file", f"{key}_loaded"
    upload = file_uploader(
        "Scenario file",
        type=["json"],
        key=file_key,
        max_upload_size=1,
        help=f"A file saved from this calculator, at most {MAX_SCENARIO_BYTES // 1024} kB.",
    )
    if removed_upload(file_key):
        st.session_state.pop(loaded_key, None)
    refused = refused_upload(file_key)
    if refused is not None:
        show_problems(refused, intro=LOAD_FAILED)
    if upload is not None:
        loaded = load_scenario_file(upload.getvalue(), upload.name)
        if isinstance(loaded, Problems):
            refuse_upload(file_key, loaded)  # said in a new uploader's run
        st.session_state[loaded_key] = (upload.name, loaded)
        return loaded, f"file {quote_value(upload.name)}"
    kept = st.session_state.get(loaded_key)
    if kept is None:
        return None, "a file"
    name, scenario = kept
    st.caption(escape_markdown(f"Showing {quote_value(name)}, loaded earlier in this session."))
    if st.button("Remove this file", key=f"{key}_forget", icon=":material/close:"):
        st.session_state.pop(loaded_key, None)
        st.rerun()
    return scenario, f"file {quote_value(name)}"


def side_by_side_inputs(key: str = "side_by_side") -> list[Column]:
    """Up to three columns side by side; returns the ones in use, in order.

    The first drawing in a session applies the column choices of the link the session opened
    with; every drawing then puts the choices in the address.
    """
    restore(key)  # the choices made before a visit to another page
    from_link = st.session_state.get(_FROM_LINK)
    st.session_state[_FROM_LINK] = None  # applied once: later drawings keep the person's choices
    wanted, left_out = from_link if from_link is not None else ([], [])
    chosen, choices, defaults = [], [], []
    # Keyed so that the page style can stack the boxes when a row of three is too narrow.
    with st.container(key=f"{key}_columns"):
        for index, place in enumerate(st.columns(MAX_SIDE_BY_SIDE)):
            with place, st.container(border=True):
                column, choice, default, dropped = _column(
                    index, key, wanted[index] if index < len(wanted) else None
                )
            left_out = [*left_out, *dropped]
            choices.append(choice)
            defaults.append(default)
            if column is not None:
                chosen.append(column)
    chosen = told_apart(chosen)
    remember(key, _widget_keys(key))
    params = columns_to_params(choices, defaults)
    if left_out:
        st.session_state[_NOTICE] = (params, link_notice(left_out))
    about, notice = st.session_state.get(_NOTICE, (None, ""))
    if about == params:  # until the person changes a column
        st.info(escape_markdown(notice), icon=":material/link_off:")
    else:
        st.session_state.pop(_NOTICE, None)
    _sync_link(params)
    return chosen


def comparison_link() -> str | None:
    """The address that reopens this comparison: the scenario, the offers while they fit in a
    link, and the columns' choices as the address holds them (:func:`side_by_side_inputs` puts
    them there). ``None`` when the browser's address is not known or the scenario is too large
    for a link."""
    link = share_link(state.share_token())
    if link is None:
        return None
    params = {name: st.query_params[name] for name in COLUMN_PARAMS if name in st.query_params}
    return with_column_params(link + offers.link_suffix(), params)


def told_apart(columns: list[Column]) -> list[Column]:
    """Columns of scenarios with the same name and no label of their own, labelled by where each
    comes from ("Worked example (Offer 1)" beside "Worked example (this session)") when that
    tells them apart; otherwise the calculator numbers them ("Worked example (2)")."""
    names = [column.scenario.name for column in columns if column.label is None]
    origins = [column.origin for column in columns]
    told = []
    for column in columns:
        name = column.scenario.name
        label = f"{name} ({column.origin})"
        if (
            column.label is None
            and names.count(name) > 1
            and origins.count(column.origin) == 1
            and len(label) <= MAX_LABEL_CHARS
        ):
            column = replace(column, label=label)
        told.append(column)
    return told


def _widget_keys(key: str) -> list[str]:
    """The keys of the columns' choices (source, plan, label), kept across pages."""
    return [
        f"{key}_{index}_{part}"
        for index in range(MAX_SIDE_BY_SIDE)
        for part in ("source", "plan", "label")
    ]


def _sync_link(params: dict[str, str]) -> None:
    """Put the columns' parameters in the address, and take out those no longer wanted."""
    for name in COLUMN_PARAMS:
        if name in st.query_params and name not in params:
            del st.query_params[name]
    changed = {
        name: value for name, value in params.items() if st.query_params.get_all(name) != [value]
    }
    if changed:
        st.query_params.update(changed)
