"""What a page does for the browser it is shown in: paint the answer first, warm the printer.

**Paint first.** Let the browser paint what the page has drawn so far before the rest is built.

Streamlit sends a run's elements to the browser as the script makes them. When the rest of the
page follows within a few milliseconds, the browser receives everything at once and lays out and
draws every chart before it paints any of them: the headline a person is watching waits for the
charts further down. A short pause after the part that answers the question sends that part on
its own, and the browser paints it in a frame of its own while the script goes on.

Measured with the timing of ``benchmarks/browser_latency.py`` (calculator, quick "active users",
five charts, quiet machine, interleaved in one run): the headline and the waterfall showed after
a median 126 ms with a pause after each, against 263 ms without, and the rerun ended about as
late (``benchmarks/README.md``). The pause costs no CPU (the script thread sleeps) and is
skipped when no browser is connected.

**Warm the printer.** The first PDF of a server process starts Chromium (2-8 s). A page that
offers a PDF starts it in the background as soon as a browser shows the page.
"""

from __future__ import annotations

import time

import streamlit as st

from app.reports import find_chromium, warm_up_printer

PAINT_PAUSE = 0.015
"""How long the script pauses [s]: about one of Streamlit's 10 ms send ticks plus the time the
browser needs to take the message, so that the next elements arrive after it started drawing."""


def browser_connected() -> bool:
    """Whether this run's session came from a browser: its request has headers, which a
    headless run (Streamlit's ``AppTest``) has not."""
    return bool(st.context.headers)


def paint_now() -> None:
    """Pause for :data:`PAINT_PAUSE` so the elements drawn so far are painted before the rest.

    Nothing happens without a browser (:func:`browser_connected`): there is nothing to paint,
    and tests stay fast.
    """
    if browser_connected():
        time.sleep(PAINT_PAUSE)


def pdf_chromium() -> str | None:
    """The Chromium that prints a page's PDF, or None when none is installed. When a browser
    shows the page, the server's printer is started in the background
    (:func:`app.reports.warm_up_printer`): a headless run never prints."""
    chromium = find_chromium()
    if chromium is not None and browser_connected():
        warm_up_printer(chromium)
    return chromium
