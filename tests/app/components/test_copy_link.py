"""The copy-link button's page: the link box it reads is data in the script, never markup; the
page is the same whatever the link, so a run never replaces it under a click."""

import json
import re

from app.components.copy_link import copy_link_page


def script_source(page: str) -> str:
    (literal,) = re.findall(r"const source = (.*);", page)
    return json.loads(literal)


def test_the_link_box_is_found_by_its_widget_key():
    assert script_source(copy_link_page("presenter_link")) == ".st-key-presenter_link input"


def test_markup_in_a_key_cannot_end_the_script():
    """A key with '</script>' stays inside the JSON string."""
    key = 'x</script><script>alert(1)</script>"'
    page = copy_link_page(key)
    assert page.count("</script>") == 1
    assert script_source(page) == f".st-key-{key} input"


def test_the_page_does_not_hold_the_link():
    """Nothing of the link is in the page: a new link leaves the button's document unchanged."""
    assert "?s=" not in copy_link_page("presenter_link")


def test_the_label_is_text():
    assert "&lt;b&gt;Copy&lt;/b&gt;" in copy_link_page("presenter_link", "<b>Copy</b>")
