"""File uploaders that say so when an uploaded file is gone, instead of dropping it silently.

Streamlit keeps uploaded files in the server's memory, per session. When the server restarts (or
drops a session after ``server.disconnectedSessionTTL``), the browser reconnects and still lists
the file under the uploader, and sends its name with every run; but the server no longer has it,
so ``st.file_uploader`` returns nothing and the page would carry on as if no file had been
given. :func:`file_uploader` compares the two and shows a warning naming each lost file.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app.browser_request import sent_widget_states
from app.components.markdown import escape_markdown

SMALL_UPLOAD_BYTES = 256 * 1024
"""Uploads up to this size, all files together as uploaded (the sample log is 118 kB), are
analysed in a fraction of a second: a spinner then, not a progress box, whose opening alone
holds the run for 50 ms (``st.status`` sleeps so that the browser draws it before its update)."""


def file_uploader(label: str, *, key: str, **options: Any) -> Any:
    """``st.file_uploader(label, key=key, **options)``, plus a warning under it for every file
    the browser lists that the server no longer holds. Returns what ``st.file_uploader`` does."""
    listed = browser_file_names(key)
    value = st.file_uploader(label, key=key, **options)
    received = [] if value is None else value if isinstance(value, list) else [value]
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


def browser_file_names(key: str) -> list[str]:
    """Names of the files the browser lists under the file uploader ``key`` in this run's request.

    Must be called before the uploader itself is drawn (see :func:`sent_widget_states`).
    """
    widget = sent_widget_states().get(key)
    if widget is None or widget.WhichOneof("value") != "file_uploader_state_value":
        return []
    return [info.name for info in widget.file_uploader_state_value.uploaded_file_info]
