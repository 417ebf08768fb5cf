"""The "Copy link" button in a page that stands in for Streamlit's, so that a slow run can be
played out step by step: the state the page's ``stApp`` element shows (``notRunning``, then
``rerunRequested`` while the server has not yet started the run, then ``running``), and the link
box that the run changes at its end or a little after it.

On a loaded server the run a click starts (the click takes the focus from a name box typed in
without Enter) can be asked for and still not be running when the button's pause ends; on a
loaded machine the browser may even ask for it after that pause.
"""

from __future__ import annotations

from playwright.sync_api import expect

from app.components.copy_link import CHANGE_WAIT_MS, SETTLE_MS, START_WAIT_MS, copy_link_page

ORIGIN = "http://localhost:9"  # never reached: every request is answered by the test
OLD_LINK = f"{ORIGIN}/?s=old"
NEW_LINK = f"{ORIGIN}/?s=new"

PARENT = f"""<!doctype html><html lang="en"><head><title>stand-in</title></head><body>
<div data-testid="stApp" data-test-script-state="notRunning">
  <div class="st-key-link"><input aria-label="Link" value="{OLD_LINK}"></div>
  <div data-testid="stTextInput"><input aria-label="Name" value="Offer for Acme">
    <div data-testid="InputInstructions"></div></div>
  <iframe title="Copy link button" src="{ORIGIN}/button"></iframe>
</div>
<script>
// A run asked for at once, started late and finished later still, and the link box showing the
// run's link ``shown`` after the run is over, as Streamlit's box does a frame or more later (ms).
window.slowRun = (started, finished, shown = 0, link = "{NEW_LINK}") => {{
  const app = document.querySelector("[data-testid='stApp']");
  app.dataset.testScriptState = "rerunRequested";
  setTimeout(() => {{ app.dataset.testScriptState = "running"; }}, started);
  setTimeout(() => {{ app.dataset.testScriptState = "notRunning"; }}, finished);
  setTimeout(() => {{ document.querySelector(".st-key-link input").value = link; }}, finished + shown);
}};
</script></body></html>"""


def _open(page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ORIGIN)
    documents = {"/": PARENT, "/button": copy_link_page("link")}
    page.route(
        f"{ORIGIN}/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body=documents[route.request.url.removeprefix(ORIGIN)],
        ),
    )
    page.goto(f"{ORIGIN}/")


def test_a_run_asked_for_but_not_yet_started_is_waited_for(page):
    """The run starts after the button's pause: the button waits for it, not only for a run
    already running, and copies the link that run leaves."""
    _open(page)
    frame = page.frame_locator("iframe[title='Copy link button']")
    # The run is asked for just before the click rather than after it: on a loaded machine the
    # test's next step can come later than the button's pause, and the button would rightly
    # find no run at all. However late the click lands, the button finds the run asked for,
    # running or done, and each must give the new link.
    page.evaluate(
        "([started, finished]) => window.slowRun(started, finished)", [SETTLE_MS * 2, SETTLE_MS * 3]
    )
    frame.get_by_role("button", name="Copy link").click()
    expect(frame.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == NEW_LINK


def test_with_no_run_the_link_shown_is_copied(page):
    """No run asked for: the link in the box is copied as it is."""
    _open(page)
    frame = page.frame_locator("iframe[title='Copy link button']")
    frame.get_by_role("button", name="Copy link").click()
    expect(frame.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == OLD_LINK


def _type_a_name_without_enter(page) -> None:
    """The name box has the focus and shows "Press Enter to apply", as Streamlit's does."""
    page.get_by_label("Name").focus()
    page.evaluate(
        """() => document.querySelector("[data-testid='InputInstructions']").textContent =
            "Press Enter to apply" """
    )


def test_a_run_asked_for_late_after_typing_is_waited_for(page):
    """The name box holds a name not yet sent ("Press Enter to apply") when the button is
    clicked, and the browser asks for the run only after the button's pause: the button waits
    for that run and copies the link it leaves, not the old one."""
    _open(page)
    _type_a_name_without_enter(page)
    frame = page.frame_locator("iframe[title='Copy link button']")
    frame.get_by_role("button", name="Copy link").click()
    page.evaluate(
        """([asked, started, finished]) => setTimeout(
            () => window.slowRun(started, finished), asked)""",
        [SETTLE_MS * 2, SETTLE_MS, SETTLE_MS * 2],
    )
    expect(frame.get_by_role("status")).to_have_text("Copied", timeout=START_WAIT_MS + 5_000)
    assert page.evaluate("() => navigator.clipboard.readText()") == NEW_LINK


def _copied_after_a_run(page, *, shown: int, link: str, wait: int) -> str:
    """What the button copies when clicked after a name typed without Enter, with a run that
    starts at once, ends after the button's pause and leaves ``link`` in the box ``shown`` ms
    after it is over."""
    _open(page)
    _type_a_name_without_enter(page)
    frame = page.frame_locator("iframe[title='Copy link button']")
    frame.get_by_role("button", name="Copy link").click()
    page.evaluate(
        "([finished, shown, link]) => window.slowRun(0, finished, shown, link)",
        [SETTLE_MS, shown, link],
    )
    expect(frame.get_by_role("status")).to_have_text("Copied", timeout=wait + 5_000)
    return page.evaluate("() => navigator.clipboard.readText()")


def test_a_link_shown_after_the_run_is_over_is_waited_for(page):
    """Streamlit marks the run over a frame or more before the link box shows the run's link
    (40 to 250 ms in a browser slowed ten times): after a name typed without Enter, the button
    waits for the box to change and copies the new link, not the one still shown."""
    copied = _copied_after_a_run(page, shown=SETTLE_MS * 2, link=NEW_LINK, wait=START_WAIT_MS)
    assert copied == NEW_LINK


def test_a_run_that_leaves_the_link_as_it_was_still_copies_it(page):
    """A name typed again as it was: the run leaves the link as it was, and the button copies
    it once its wait for a change is over."""
    copied = _copied_after_a_run(page, shown=0, link=OLD_LINK, wait=CHANGE_WAIT_MS)
    assert copied == OLD_LINK
