"""The copy-link button's page: the link is data in the script, never markup."""

import json
import re

from app.components.copy_link import copy_link_page


def script_link(page: str) -> str:
    (literal,) = re.findall(r"const link = (.*);", page)
    return json.loads(literal)


def test_the_link_is_copied_exactly():
    link = "https://calc.example/presenter/?s=v1.abc-_&o=o1.xyz"
    assert script_link(copy_link_page(link)) == link


def test_markup_in_a_link_cannot_end_the_script():
    """A host name or token with '</script>' stays inside the JSON string."""
    link = 'http://x/?s=</script><script>alert(1)</script>"'
    page = copy_link_page(link)
    assert page.count("</script>") == 1
    assert script_link(page) == link


def test_the_label_is_text():
    assert "&lt;b&gt;Copy&lt;/b&gt;" in copy_link_page("http://x/", "<b>Copy</b>")
