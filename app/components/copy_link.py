"""A "Copy link" button: one click (or Enter) puts a link on the clipboard and says so.

Streamlit has no clipboard button of its own that takes keyboard focus (the copy icon of a code
block appears on hover only), so the button is a few lines of HTML in ``st.iframe``, which
Streamlit allows to write to the clipboard and to read the page it sits in (same origin). It
copies the value of the page's link box at the moment of copying, not a link written into it
when it was drawn: a click that leaves a box typed in without Enter starts a run that changes the
link, and the button waits for that run, from when the browser asks for it to its end. A busy
browser may ask late and a busy server start it late: when the box left shows "Press Enter to
apply" as the pointer goes down, the button waits up to ``START_WAIT_MS`` for the run to start.
The page marks the run over a little before the link box shows the run's link (the box takes its
new value in a later frame: 40 to 250 ms later in a browser slowed ten times), so after such a run
the button also waits up to ``CHANGE_WAIT_MS`` for the box to change.
The box's selector is written into the script as a JSON string with ``<`` escaped, so no text
can end the script early. Where the clipboard is
unavailable (a page served over plain HTTP from another host) it says so and the link box beside
it is used.
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
const source = __SOURCE__;
const status = document.getElementById("status");
const pause = (ms) => new Promise((done) => setTimeout(done, ms));
// A run asked for by the browser but not yet started by a busy server counts as running.
const BUSY = ["rerunRequested", "running", "stopRequested"];
function running() {
  const app = window.parent.document.querySelector("[data-testid='stApp']");
  return !!app && BUSY.includes(app.dataset.testScriptState);
}
// Whether the box that has the focus holds a value not yet sent: Streamlit then shows "Press
// Enter to apply" in it (a box with a length limit shows its count, such as 11/60, there too:
// that alone is no value pending). Asked as the pointer goes down, before the click takes the focus.
const BOXES = "[data-testid='stTextInput'],[data-testid='stNumberInput'],[data-testid='stTextArea']";
function unsent() {
  const box = window.parent.document.activeElement?.closest(BOXES);
  const words = box?.querySelector("[data-testid='InputInstructions']")?.textContent ?? "";
  return words.includes("Enter");
}
const linkBox = () => window.parent.document.querySelector(source);
let pending = false;
let before = null;
document.getElementById("copy").addEventListener("pointerdown", () => {
  pending = unsent();
  before = linkBox()?.value;
});
document.getElementById("copy").addEventListener("click", async () => {
  try {
    // The click may have taken the focus from a box typed in without Enter: the page then
    // runs again with that value. Copy the link the page shows once that run is over; a busy
    // browser may send the value late, so when a value was pending, wait for its run to start,
    // and after it for the link box to show the run's link, which it does a frame or more later.
    await pause(__SETTLE__);
    const waitForRun = pending;
    pending = false;
    if (waitForRun) for (const until = Date.now() + __START_WAIT__; !running() && Date.now() < until; ) await pause(50);
    for (const until = Date.now() + __BUSY_WAIT__; running() && Date.now() < until; ) await pause(50);
    if (waitForRun) for (const until = Date.now() + __CHANGE_WAIT__; linkBox().value === before && Date.now() < until; ) await pause(50);
    await navigator.clipboard.writeText(linkBox().value);
    status.textContent = "Copied";
  } catch (error) {
    status.textContent = "Could not copy here: copy the link from the box instead";
  }
});
</script></body></html>"""

PRIMARY_COLOR = "#0B5CAD"  # primaryColor of .streamlit/config.toml: 6.7:1 on white


SETTLE_MS = 300
"""How long after the click the button waits for a run the click may start [ms]: the browser
sends the value of a box the click took the focus from 10-50 ms after the click."""


START_WAIT_MS = 3000
"""Longest the button waits for that run to start when the box held a value not yet sent [ms]:
on a busy machine the browser may send it well after the click."""


BUSY_WAIT_MS = 5000
"""Longest the button then waits for that run to end before it copies what the box shows [ms]."""


CHANGE_WAIT_MS = 2000
"""Longest the button then waits for the link box to show a link other than the one it showed
as the pointer went down [ms]: the box takes the run's link a frame or more after the run ends.
A value typed that leaves the link as it was (a name typed again as it was) costs this wait."""


def copy_link_page(link_box: str, label: str = "Copy link") -> str:
    """The button's HTML document; it copies the value of the text box with widget key
    ``link_box``, which becomes a JSON string that no text can end early."""
    source = f".st-key-{link_box} input"
    return (
        _TEMPLATE.replace("__FONT__", theme.FONT_FAMILY)
        .replace("__TEXT__", theme.TEXT_COLOR)
        .replace("__PRIMARY__", PRIMARY_COLOR)
        .replace("__LABEL__", html.escape(label))
        .replace("__SETTLE__", str(SETTLE_MS))
        .replace("__START_WAIT__", str(START_WAIT_MS))
        .replace("__BUSY_WAIT__", str(BUSY_WAIT_MS))
        .replace("__CHANGE_WAIT__", str(CHANGE_WAIT_MS))
        .replace("__SOURCE__", json.dumps(source).replace("<", "\\u003c"))
    )


def copy_link_button(link_box: str, *, label: str = "Copy link") -> None:
    """A button that copies the link shown in the text box with widget key ``link_box`` to the
    clipboard and announces "Copied".

    The document is the same on every run, so the button is never replaced under a click that
    starts a run; it reads the link from the page once that run is over.
    """
    st.iframe(copy_link_page(link_box, label), height=48, alt=f"{label} button")
