"""A "Copy link" button: one click (or Enter) puts a link on the clipboard and says so.

Streamlit has no clipboard button of its own that takes keyboard focus (the copy icon of a code
block appears on hover only), so the button is a few lines of HTML in ``st.iframe``, which
Streamlit allows to write to the clipboard. The link is written into the script as a JSON string
with ``<`` escaped, so no text can end the script early. Where the clipboard is unavailable (a
page served over plain HTTP from another host) it says so and the link box beside it is used.
"""

from __future__ import annotations

import html
import json

import streamlit as st

from app import theme

_TEMPLATE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
body { margin: 0; font-family: __FONT__; color: __TEXT__; }
button { font: inherit; font-size: 1rem; padding: 0.45rem 0.9rem; border-radius: 0.5rem;
  border: 1px solid __PRIMARY__; background: #FFFFFF; color: __PRIMARY__; cursor: pointer; }
button:hover { background: #EEF4FB; }
button:focus-visible { outline: 3px solid __PRIMARY__; outline-offset: 2px; }
span { margin-left: 0.75rem; }
</style></head><body>
<button type="button" id="copy">__LABEL__</button><span id="status" role="status"></span>
<script>
const link = __LINK__;
const status = document.getElementById("status");
document.getElementById("copy").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = "Copied";
  } catch (error) {
    status.textContent = "Could not copy here: copy the link from the box instead";
  }
});
</script></body></html>"""

PRIMARY_COLOR = "#0B5CAD"  # primaryColor of .streamlit/config.toml: 6.7:1 on white


def copy_link_page(link: str, label: str = "Copy link") -> str:
    """The button's HTML document; ``link`` becomes a JSON string that no text can end early."""
    return (
        _TEMPLATE.replace("__FONT__", theme.FONT_FAMILY)
        .replace("__TEXT__", theme.TEXT_COLOR)
        .replace("__PRIMARY__", PRIMARY_COLOR)
        .replace("__LABEL__", html.escape(label))
        .replace("__LINK__", json.dumps(link).replace("<", "\\u003c"))
    )


def copy_link_button(link: str, *, label: str = "Copy link") -> None:
    """A button that copies ``link`` to the clipboard and announces "Copied"."""
    st.iframe(copy_link_page(link, label), height=48, alt=f"{label} button")
