"""File uploaders that say so when an uploaded file is gone, and that take the same file again.

Streamlit keeps uploaded files in the server's memory, per session. When the server restarts (or
drops a session after ``server.disconnectedSessionTTL``), the browser reconnects and still lists
the file under the uploader, and sends its name with every run; but the server no longer has it,
so ``st.file_uploader`` returns nothing and the page would carry on as if no file had been
given. :func:`file_uploader` compares the two and shows a warning naming each lost file.

A browser's file input starts no change when the file picked is the one it already holds, and
Streamlit's uploader (1.67) keeps the last pick in its input even after the file is removed: a
person who fixes a refused file and picks it again would see nothing happen. So each uploader is
drawn under its key and a generation number. Once its file has been used and is not kept
(:func:`renew_uploader`: loaded, applied, or refused), or the person removed every file, the next
run draws an empty uploader with a new input, which takes any file. A container keyed ``key``
holds it, so the page (and a test) finds it by the same name in every generation.
"""

from __future__ import annotations

from typing import Any, NoReturn

import streamlit as st
from streamlit.proto.WidgetStates_pb2 import WidgetState

from app.binding import Problems
from app.browser_request import sent_widget_states
from app.components.markdown import escape_markdown

SMALL_UPLOAD_BYTES = 256 * 1024
"""Uploads up to this size, all files together as uploaded (the sample log is 118 kB), are
analysed in a fraction of a second: a spinner then, not a progress box, whose opening alone
holds the run for 50 ms (``st.status`` sleeps so that the browser draws it before its update)."""
KEPT_UPLOAD_BYTES = 20 * 1024 * 1024
"""Files larger than this together keep no analysis beyond the one shown (the usage page keeps a
few with other options for smaller files): an analysis holds about half its log's size (5.4 MB
for a 10 MB log of 200,000 sessions), and a session keeping four of a 200 MB log's would hold
the server's memory."""


_GENERATIONS = "uploads__generations"  # uploader key -> its generation
_HOLDING = "uploads__holding"  # keys of the uploaders that held a file in the last run
_REFUSED = "uploads__refused"  # uploader key -> why its last file was refused
_DRAWN = "uploads__drawn"  # uploader key -> the generation drawn in the latest run
_REMOVED = "uploads__removed"  # keys of the uploaders whose files the person removed


def renew_uploader(key: str) -> None:
    """From the next run on, the uploader ``key`` is a new, empty one (the one after the
    generation drawn in this run, however often this is called)."""
    generations = st.session_state.setdefault(_GENERATIONS, {})
    drawn = st.session_state.get(_DRAWN, {}).get(key, generations.get(key, 0))
    generations[key] = drawn + 1
    st.session_state.setdefault(_HOLDING, set()).discard(key)


def refuse_upload(key: str, problems: Problems) -> NoReturn:
    """The file of the uploader ``key`` was refused: say why in the next run
    (:func:`refused_upload`), which draws a new uploader, so the file fixed can be picked
    again."""
    st.session_state.setdefault(_REFUSED, {})[key] = problems
    renew_uploader(key)
    st.rerun()


def removed_upload(key: str) -> bool:
    """Whether the person removed every file of the uploader ``key`` (said once, in the run
    right after); leaving the page for another and coming back is not removing."""
    removed = st.session_state.get(_REMOVED, set())
    if key in removed:
        removed.discard(key)
        return True
    return False


def refused_upload(key: str) -> Problems | None:
    """Why the last file of the uploader ``key`` was refused, in the run right after (once)."""
    return st.session_state.get(_REFUSED, {}).pop(key, None)


def file_uploader(label: str, *, key: str, **options: Any) -> Any:
    """``st.file_uploader(label, **options)`` in its current generation, plus a warning under it
    for every file the browser lists that the server no longer holds. Returns what
    ``st.file_uploader`` does."""
    generation = st.session_state.get(_GENERATIONS, {}).get(key, 0)
    st.session_state.setdefault(_DRAWN, {})[key] = generation
    widget_key = f"{key}_{generation}"
    sent = sent_widget_states().get(widget_key)  # None when coming back from another page
    listed = browser_file_names(sent)
    with st.container(key=key):
        value = st.file_uploader(label, key=widget_key, **options)
    received = [] if value is None else value if isinstance(value, list) else [value]
    holding = st.session_state.setdefault(_HOLDING, set())
    if received:
        holding.add(key)
    elif key in holding and not listed:
        holding.discard(key)
        if sent is not None:  # every file removed: a new input for the next pick
            st.session_state.setdefault(_REMOVED, set()).add(key)
            renew_uploader(key)
            st.rerun()
    held = [upload.name for upload in received]
    lost = []
    for name in listed:
        if name in held:
            held.remove(name)
        else:
            lost.append(name)
    if lost:
        names = ", ".join(f'"{escape_markdown(name)}"' for name in lost)
        verb, pronoun = ("is", "it") if len(lost) == 1 else ("are", "them")
        st.warning(
            f"{names} {verb} no longer on the server (it was restarted, or this page was left "
            f"too long), so nothing was read. Remove {pronoun} from the list above and upload "
            f"{pronoun} again.",
            icon=":material/cloud_off:",
        )
    return value


def browser_file_names(widget: WidgetState | None) -> list[str]:
    """Names of the files the browser lists under a file uploader, from the uploader's state in
    this run's request (:func:`sent_widget_states`, read before the uploader is drawn)."""
    if widget is None or widget.WhichOneof("value") != "file_uploader_state_value":
        return []
    return [info.name for info in widget.file_uploader_state_value.uploaded_file_info]
