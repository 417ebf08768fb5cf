"""How the numbers are computed: ``docs/method.md``, shown section by section, then the
contract rules, the log insights, the budget method and the input limits, each in its own section.

The page has no text of its own, so it cannot disagree with the method as written; tests check the
documents' figures against what the calculator computes.
"""

import re
from pathlib import Path

import streamlit as st

DOCS = Path(__file__).resolve().parents[2] / "docs"
METHOD_FILE = DOCS / "method.md"
MORE_FILES = [
    DOCS / "contract-rules.md",
    DOCS / "usage-insights.md",
    DOCS / "budget.md",
    DOCS / "input-limits.md",
]
"""Further documents, each shown whole in a section that opens on demand."""


def sections(markdown: str) -> tuple[str, str, list[tuple[str, str]]]:
    """The title, the introduction and each ``## `` section as (heading, body)."""
    head, *parts = re.split(r"^## ", markdown, flags=re.MULTILINE)
    title, _, intro = head.partition("\n")
    return (
        title.removeprefix("# ").strip(),
        intro.strip(),
        [
            (heading.strip(), body.strip())
            for heading, _, body in (p.partition("\n") for p in parts)
        ],
    )


def shown_as_written(markdown: str) -> str:
    """``markdown`` with dollar signs escaped: Streamlit would read ``$...$`` as a formula."""
    return re.sub(r"(?<!\\)\$", r"\\$", markdown)


title, intro, body = sections(METHOD_FILE.read_text(encoding="utf-8"))
st.title(title)
st.markdown(shown_as_written(intro))
for heading, text in body:
    st.header(heading)
    st.markdown(shown_as_written(text))
for path in MORE_FILES:
    title, intro, body = sections(path.read_text(encoding="utf-8"))
    with st.expander(title):
        st.markdown(shown_as_written(intro))
        for heading, text in body:
            st.markdown(f"#### {shown_as_written(heading)}")
            st.markdown(shown_as_written(text))
