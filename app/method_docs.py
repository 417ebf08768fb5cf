"""The project's method documents as the Method page shows them: split into sections, with
dollar signs escaped. No Streamlit here, so tests read the documents the same way."""

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
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
