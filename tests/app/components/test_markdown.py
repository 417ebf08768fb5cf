"""Markdown escaping for text shown in Streamlit labels, captions and alerts."""

from app.components.markdown import escape_markdown


def test_links_emphasis_and_html_are_escaped():
    """A crafted plan name keeps its characters but loses its meaning."""
    assert escape_markdown("[offer](http://x) *big* <b>") == (r"\[offer\](http://x) \*big\* \<b\>")


def test_a_text_directive_keeps_its_name():
    """Streamlit drew ":red[hi]" as a red "hi" even with its brackets escaped: its colon is
    escaped too ("\\:" renders as ":"), and a colon elsewhere is left alone."""
    assert escape_markdown(":red[hi] :red-background[x] a: b") == (
        r"\:red\[hi\] \:red\-background\[x\] a: b"
    )


def test_dollar_signs_cannot_start_a_formula():
    """'$5,450 ... $3,000' would otherwise be read as LaTeX between the dollars."""
    assert escape_markdown("$5,450 and $3,000") == r"\$5,450 and \$3,000"


def test_plain_words_are_unchanged():
    """Letters, digits, spaces, commas, dots and colons pass through."""
    assert escape_markdown("Named seats: 100 at 2, today") == "Named seats: 100 at 2, today"


def test_a_percentage_stays_on_one_line():
    """The space between a number and its "%" is a no-break space, so "(54.5 %)" never wraps
    before the sign; a "%" after a word (a column "SNAP %") keeps its space."""
    assert escape_markdown("saves $5 (54.5 %) at 2 % and SNAP %") == (
        "saves \\$5 (54.5\u00a0%) at 2\u00a0% and SNAP %"
    )


def test_a_static_table_escapes_its_text_cells_and_headers(monkeypatch):
    """st.table renders cells as Markdown: text cells (pandas' string columns as well as object
    ones) and headers are escaped; numbers pass as they are."""
    import pandas as pd

    from app.components import data_table

    shown = []
    monkeypatch.setattr(data_table.st, "table", lambda table, **_: shown.append(table))
    data_table.show_static_table(
        pd.DataFrame({"Plan (name)": ["[a](http://x)"], "Rank": [1], "Mixed": [None]}),
        key="plans",
    )
    (table,) = shown
    assert table.to_dict("list") == {
        "Plan (name)": [r"\[a\](http://x)"],
        "Rank": [1],
        "Mixed": [None],
    }


def test_shortcodes_and_entities_show_as_typed():
    """A plan "AT&amp;T :100: :material/home:" showed as "AT&T 💯 home" (an icon) in labels
    and titles, under another name than its charts and reports: the entity's "&" and each
    shortcode's colons are escaped, and a word joiner breaks the icon's pattern. Colons in
    sentences ("seats: 100") and addresses are left alone."""
    assert escape_markdown("AT&amp;T :100: ok :big_deal:") == r"AT\&amp;T \:100\: ok \:big\_deal\:"
    assert escape_markdown(":material/home:") == "\\:\u2060material/home\\:"
    assert escape_markdown("R&D: 5 & 6, https://x.org") == "R&D: 5 & 6, https://x.org"
