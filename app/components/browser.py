"""What a page does for the browser it is shown in: paint the answer first, warm the printer.

**Paint first.** Let the browser paint what the page has drawn so far before the rest is built.

Streamlit sends a run's elements to the browser as the script makes them. When the rest of the
page follows within a few milliseconds, the browser receives everything at once and lays out and
draws every chart before it paints any of them: the headline a person is watching waits for the
charts further down. The calculator sends the headline and the waterfall first (its quick inputs
are read before they are drawn, :func:`app.components.quick_inputs.read_quick_inputs`) and then
pauses once, so that the browser draws them in a frame of their own while the script goes on.

Measured with the timing of ``benchmarks/browser_latency.py`` (calculator, quick "active users",
five charts, quiet machine, interleaved in one run, 6 rounds x 10 interactions): the headline and
the waterfall showed after a median 81.4 ms (p95 144.1) this way, against 120.9 ms (p95 271.2)
with the inputs first and a pause after the headline as well; the floor with a chart 49.3 ms. A
pause of 40 ms kept the median (77.8 against 80.4 ms for 15 ms) and cut the p95 (116.3 against
176.9 ms): the waterfall's first draw takes the browser about 30 ms, and elements arriving
during it hold it up. The rerun ends no later (``benchmarks/README.md``). The pause costs no
CPU (the script thread sleeps) and is skipped when no browser is connected.

**Warm the printer.** The first PDF of a server process starts Chromium (2-8 s). A page that
offers a PDF starts it in the background as soon as a browser shows the page.
"""

from __future__ import annotations

import time

import streamlit as st

from app.reports import find_chromium, warm_up_printer

PAINT_PAUSE = 0.040
"""How long the script pauses [s]: long enough for the browser to take the messages sent so far
and draw the waterfall (about 30 ms) before the next elements arrive."""


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
