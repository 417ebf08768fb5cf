"""The keyboard focus survives a run that takes away the element holding it (WCAG 2.4.3).

A person who types a value and leaves the box with Tab starts a run while the focus is already
on the next element. When that run takes the element away (a refused value hides the figures
that followed the box) or disables it (a button that needs a valid value), the browser drops the
focus to the page itself: a screen reader starts again from the top, and the next Tab from
wherever the browser guesses.

A small script, installed once per browser tab, remembers the element that last took the focus
from the keyboard and the one before it (the box just left). It looks five times a second: when
the focus is on the page because that element is gone, hidden or disabled, the focus goes to the
element drawn anew in its place (same key), or else back to the box just left, next to its
message. A person who moved the focus away (a click on the page) keeps it where they put it; a
mouse user's focus is left alone.

The same look lets the keyboard reach a static table that scrolls sideways inside its box (a
wide table on a phone): the box takes the focus (``tabindex="0"``) and is named as a region, so
the arrow keys scroll it (WCAG 2.1.1); a table that fits is no extra stop for the Tab key.

The script is the app's own text (nothing from a user), run by ``st.html`` with JavaScript
allowed, in a container the page style hides, first on every page so it never moves. Streamlit
runs it as an inline script: behind the proxy's Content-Security-Policy it runs because the
policy names its hash (:func:`policy_hash`).
"""

from __future__ import annotations

import base64
import hashlib

import streamlit as st

KEY = "focus_keeper"
"""The container's key; the page style hides it (:mod:`app.components.page_style`)."""

CODE = """
(() => {
  if (window.__seatFocusKeeper) return;  // once per tab: the pages share one document
  window.__seatFocusKeeper = true;
  const KEYED = "[class*='st-key-']";
  const keyOf = (el) => {
    const box = el.closest(KEYED);
    return box ? [...box.classList].find((name) => name.startsWith("st-key-")) : null;
  };
  // What last took the focus, and what held it before (the box a Tab left).
  let held = null;
  let before = null;
  document.addEventListener("focusin", (event) => {
    const el = event.target;
    if (held && held.el === el) return;
    const entry = { el, key: keyOf(el), tag: el.tagName, keyboard: el.matches(":focus-visible") };
    // Within one widget, or the same widget drawn anew, what came before stays what it was.
    if (!held || !entry.key || entry.key !== held.key) before = held;
    held = entry;
  });
  const usable = (el) =>
    el.isConnected && !el.disabled && !el.closest("[inert]") && el.getClientRects().length > 0;
  // The element itself, or the one drawn anew in its place: same key, same kind.
  const again = (entry) => {
    if (!entry) return null;
    if (usable(entry.el)) return entry.el;
    if (!entry.key) return null;
    const box = document.querySelector("." + CSS.escape(entry.key));
    return box ? [...box.querySelectorAll(entry.tag)].find(usable) || null : null;
  };
  const restore = () => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    // Still there: the reader moved the focus away. A mouse user's focus is theirs too.
    if (!held || !held.keyboard || usable(held.el)) return;
    const target = again(held) || again(before);
    if (target) target.focus();
  };
  // A static table wider than its box scrolls inside it: the keyboard must be able to reach it.
  const reachTables = () => {
    for (const table of document.querySelectorAll("[data-testid='stTable'] table")) {
      const box = table.parentElement;
      const scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls === box.hasAttribute("data-reachable")) continue;
      if (scrolls) {
        box.setAttribute("data-reachable", "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table, scrolls sideways");
      } else {
        for (const name of ["data-reachable", "tabindex", "role", "aria-label"]) {
          box.removeAttribute(name);
        }
      }
    }
  };
  // Look five times a second, whether a run is going on or not: a busy browser draws the end of
  // a run late (seconds after it ends), and moves the focus off a disabled element only as it
  // draws. A look costs next to nothing while the focus is on an element; watching every change
  // to the page instead would cost time on every chart drawn.
  setInterval(() => {
    restore();
    reachTables();
  }, 200);
})();
"""
"""The script's text. A Content-Security-Policy that forbids inline scripts allows it by its
hash (:func:`policy_hash`), as ``deploy/nginx.conf`` does."""

SCRIPT = f"<script>{CODE}</script>"


def policy_hash() -> str:
    """The script's source for a Content-Security-Policy: ``'sha256-…'`` of :data:`CODE`."""
    digest = hashlib.sha256(CODE.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def keep_focus(style: str = "") -> None:
    """Install the script (:data:`SCRIPT`); call once per run, before the page. ``style`` (the
    page's CSS, :data:`app.components.page_style.PAGE_CSS`) goes in the same element: every
    element is one more message that the browser handles on every run."""
    with st.container(key=KEY):
        st.html(style + SCRIPT, unsafe_allow_javascript=True)
