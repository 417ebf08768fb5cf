"""The "Copy link" button in a page that stands in for Streamlit's, so that a slow run can be
played out step by step: the state the page's ``stApp`` element shows (``notRunning``, then
``rerunRequested`` while the server has not yet started the run, then ``running``), and the link
box that the run changes at its end.

On a loaded server the run a click starts (the click takes the focus from a name box typed in
without Enter) can be asked for and still not be running when the button's pause ends; on a
loaded machine the browser may even ask for it after that pause.
"""

from __future__ import annotations

from playwright.sync_api import expect

from app.components.copy_link import SETTLE_MS, START_WAIT_MS, copy_link_page

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
// A run asked for at once, started late and finished later still (times in ms).
window.slowRun = (started, finished) => {{
  const app = document.querySelector("[data-testid='stApp']");
  app.dataset.testScriptState = "rerunRequested";
  setTimeout(() => {{ app.dataset.testScriptState = "running"; }}, started);
  setTimeout(() => {{
    document.querySelector(".st-key-link input").value = "{NEW_LINK}";
    app.dataset.testScriptState = "notRunning";
  }}, finished);
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


def test_a_run_asked_for_late_after_typing_is_waited_for(page):
    """The name box holds a name not yet sent ("Press Enter to apply") when the button is
    clicked, and the browser asks for the run only after the button's pause: the button waits
    for that run and copies the link it leaves, not the old one."""
    _open(page)
    page.get_by_label("Name").focus()
    page.evaluate(
        """() => document.querySelector("[data-testid='InputInstructions']").textContent =
            "Press Enter to apply" """
    )
    frame = page.frame_locator("iframe[title='Copy link button']")
    frame.get_by_role("button", name="Copy link").click()
    page.evaluate(
        """([asked, started, finished]) => setTimeout(
            () => window.slowRun(started, finished), asked)""",
        [SETTLE_MS * 2, SETTLE_MS, SETTLE_MS * 2],
    )
    expect(frame.get_by_role("status")).to_have_text("Copied", timeout=START_WAIT_MS + 5_000)
    assert page.evaluate("() => navigator.clipboard.readText()") == NEW_LINK
