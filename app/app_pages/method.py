"""How the numbers are computed: ``docs/method.md``, shown section by section, then the
contract rules, the log insights, the budget method and the input limits, each in its own section.

The page has no text of its own, so it cannot disagree with the method as written; tests check the
documents' figures against what the calculator computes.
"""

import streamlit as st

from app.method_docs import METHOD_FILE, MORE_FILES, sections, shown_as_written

title, intro, body = sections(METHOD_FILE.read_text(encoding="utf-8"))
st.title(title)
st.markdown(shown_as_written(intro))
for heading, text in body:
    st.header(heading)
    st.markdown(shown_as_written(text))
for path in MORE_FILES:
    title, intro, body = sections(path.read_text(encoding="utf-8"))
    with st.expander(title, key=f"method_{path.stem}_section"):
        st.markdown(shown_as_written(intro))
        for heading, text in body:
            st.markdown(f"### {shown_as_written(heading)}")  # under the page's h2 sections
            st.markdown(shown_as_written(text))
