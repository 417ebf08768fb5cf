"""Page-wide CSS for narrow screens and print: nothing scrolls sideways, the first answer comes
first, and a printed page holds the page alone.

A metric's label wraps instead of ending in an ellipsis: "Offer B: savings against Worked
example" cut to "Offer B: savings against…" no longer says against what.

The side-by-side page's three column boxes stand in a row only while each select shows its choice
whole; in a narrower row (a half-screen window with the sidebar open) they are stacked. The
rule asks the row's own width (a container query), as the room left by the sidebar (open,
closed or dragged wider) matters, not the window's width alone.

At 640 px and narrower (phones): titles are smaller; the calculator's results are shown above
its inputs (the block that holds the ``headline`` container lays its columns out bottom-up, so
the inputs follow right under the answer they change); tables use a smaller font and tighter
cells so every column fits the screen. In print, the sidebar and the top bar are left out: a
printed page holds the page's own content (the reports are the documents made for paper). Each
chart is scaled down to the paper's width as a whole, and a folded expander prints open when
paper can show what it holds.

A static table's figure columns are right-aligned, so digits line up as in a data grid: its
container's key marks them by position (``-fig2-``, see
:func:`app.components.data_table.static_table_key`). The columns it marks ``-whole2-`` keep each
cell on one line.

A formula or example block in the Method page's text wraps its long lines: a block wider than
its box scrolled sideways in a region the keyboard cannot reach.

Side by side's headline amounts shrink with their column (a container query) rather than end in
an ellipsis: three columns in a half-screen window showed "$150,60…".

On a touch screen (no hover), Streamlit shows a data grid's toolbar (show or hide columns,
search, full screen) at all times, 44 px tall and 44 px above the grid: it hid the end of the
line above, which is a chart's summary sentence. The grid moves down by what the toolbar
overlaps (:data:`TOOLBAR_OVERLAP_PX`); a mouse user sees the toolbar on hover only, over the
grid's own top.

A file an uploader refuses in the browser (over its size limit, so it never reaches the app)
said why only in a tooltip and to screen readers, under a red mark on the file: the reason
("Error: File must be 1.0MB or smaller.") is shown under the file's name.

The container of the script that keeps the keyboard focus (:mod:`app.components.focus_keeper`)
takes no room. The style travels in that script's element (``keep_focus(style=PAGE_CSS)``): a
message fewer on every run, since the browser handles each message of a run for a few
milliseconds.

The rules match Streamlit's own test ids and the keys of the app's containers, never generated
class names.
"""

from __future__ import annotations

from app.components.focus_keeper import KEY as FOCUS_KEEPER

PHONE_MAX_WIDTH = 640
"""Widest screen treated as a phone [px]."""

SIDE_BY_SIDE_ROW_REM = 50
"""Narrowest row [rem] that holds the side-by-side page's three column boxes side by side: each
select then shows "Automatic: the cheapest plan" whole (about 190 px of text, 35 px of arrow and
padding, 34 px of box padding and border; three boxes and two 16 px gaps make 794 px)."""

GRID_NOT_PRINTED = (
    "Table not printed: a browser prints only the rows of this grid in view, or none. The "
    "page's report or download holds its numbers in full."
)
"""What paper shows in place of a data grid (see the print rules of :data:`PAGE_CSS`)."""

STATIC_TABLE_MAX_COLUMNS = 12
"""Most columns of a static table whose cells the page style marks (the widest has 8)."""

RIGHT_ALIGNED_CELLS = ",\n".join(
    f'[class*="-fig{n}-"] [data-testid="stTable"] :is(td, th):nth-child({n})'
    for n in range(1, STATIC_TABLE_MAX_COLUMNS + 1)
)
"""The cells of each marked column (``st.table`` sets ``text-align`` on each cell itself)."""

UNBROKEN_CELLS = ",\n".join(
    f'[class*="-whole{n}-"] [data-testid="stTable"] td:nth-child({n}) p'
    for n in range(1, STATIC_TABLE_MAX_COLUMNS + 1)
)
"""The text of each column marked to keep its cells on one line."""

METRIC_VALUE_CQI = 14
"""Side by side's headline amounts at most this share [%] of their column's width: three columns
in a half-screen window cut "$150,600.00" to "$150,60…"; an amount of 11 characters takes about
5.6 times its font size, so it fits whole at 14 % (and at Streamlit's 2.25rem once there is room)."""

GRID_ELEMENT = (
    '[data-testid="stElementContainer"]:has('
    '> [data-testid="stFullScreenFrame"] [data-testid="stDataFrame"])'
)
"""The element that holds a data grid (``st.dataframe``, ``st.data_editor``)."""

TOOLBAR_OVERLAP_PX = 28
"""How far a data grid's toolbar reaches over the element above on a touch screen [px]: it is
44 px tall and 44 px above the grid, and Streamlit's gap between elements is 16 px."""

REFUSED_FILE_COLOUR = "#9B1C1C"
"""The reason a file was refused, in dark red: 7.4:1 on the refused file's pink (#FFF1F2)."""

PAGE_CSS = f"""<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-{FOCUS_KEEPER}) {{ display: none; }}
{RIGHT_ALIGNED_CELLS} {{ text-align: right !important; }}
{UNBROKEN_CELLS} {{ white-space: nowrap; }}
[data-testid="stFileChip"][aria-invalid="true"] {{ flex-wrap: wrap; }}
[data-testid="stFileChip"][aria-invalid="true"] span[role="alert"] {{
  position: static !important; width: auto !important; height: auto !important;
  clip: auto !important; overflow: visible !important; white-space: normal !important;
  margin: 0.25rem 0 0 !important; flex-basis: 100%; font-size: 0.875rem;
  color: {REFUSED_FILE_COLOUR}; }}
[data-testid="stMarkdownContainer"] pre, [data-testid="stMarkdownContainer"] pre code {{
  white-space: pre-wrap !important; overflow-wrap: anywhere; }}
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p {{ white-space: normal !important; overflow: visible !important; }}
.st-key-side_by_side_headline [data-testid="stColumn"] {{ container-type: inline-size; }}
.st-key-side_by_side_headline [data-testid="stMetricValue"] {{
  font-size: min(2.25rem, {METRIC_VALUE_CQI}cqi); }}
.st-key-side_by_side_columns {{ container: side-by-side-columns / inline-size; }}
@container side-by-side-columns (width < {SIDE_BY_SIDE_ROW_REM}rem) {{
  .st-key-side_by_side_columns [data-testid="stHorizontalBlock"] {{ flex-direction: column; }}
  .st-key-side_by_side_columns [data-testid="stColumn"] {{
    width: 100% !important; flex: 1 1 auto !important; }}
}}
@media (max-width: {PHONE_MAX_WIDTH}px) {{
  h1 {{ font-size: 1.9rem !important; line-height: 1.2 !important; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-headline) {{ flex-direction: column-reverse; }}
  [data-testid="stHorizontalBlock"]:has(.st-key-headline) > [data-testid="stColumn"] {{
    width: 100% !important; flex: 1 1 auto !important; }}
  [data-testid="stTable"] table {{ font-size: 0.75rem; }}
  [data-testid="stTable"] th, [data-testid="stTable"] td {{
    padding: 0.25rem 0.2rem !important; hyphens: auto; }}
}}
@media (hover: none) {{
  {GRID_ELEMENT} {{ margin-top: {TOOLBAR_OVERLAP_PX}px; }}
}}
@media print {{
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] {{
    display: none !important; }}
  /* Plotly draws a chart in px at the screen's width, and printing runs no script to draw it
     again: on paper, narrower than a laptop's screen, its right part was cut off. Each layer of
     the drawing (an svg whose width attribute is the drawn width) is scaled to the chart's box,
     never enlarged, and the first layer keeps its place in the flow so that the box takes the
     scaled height instead of the screen's. */
  [data-testid="stPlotlyChart"] {{ container-type: inline-size; }}
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]),
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) > *,
  [data-testid="stPlotlyChart"], [data-testid="stPlotlyChart"] div {{
    height: auto !important; }}
  [data-testid="stPlotlyChart"] div > svg {{ zoom: min(1, calc(100cqw / attr(width px))); }}
  [data-testid="stPlotlyChart"] div > svg:first-child {{ position: relative !important; }}
  /* A folded expander prints open when paper can show what it holds (text, metrics, static
     tables): Chromium shows a closed details element's content through ::details-content. Not
     one holding nothing (a section drawn only while open), a data grid (script draws it on a
     canvas only once shown: it would print as an empty box) or inputs (empty boxes). */
  [data-testid="stExpander"]:has(
      [data-testid="stExpanderDetails"] [data-testid="stElementContainer"]
    ):not(:has([data-testid="stDataFrame"], input, textarea)) details::details-content {{
    content-visibility: visible; }}
  /* An opened "Numbers behind the chart" is a data grid drawn on a canvas in a box as tall as
     its rows: it printed as that box, empty or with the rows in view only. It gives way to a
     line saying where its numbers print in full. */
  [data-testid="stExpanderDetails"] {GRID_ELEMENT} > * {{
    display: none !important; }}
  [data-testid="stExpanderDetails"] {GRID_ELEMENT}::after {{
    content: "{GRID_NOT_PRINTED}"; display: block; font-size: 0.875rem; }}
}}
</style>"""
