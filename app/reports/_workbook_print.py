"""How the workbooks print: landscape, each sheet's name and "Page n of N" in the footer, and a
long table's headings at the top of every page.

A sheet is printed one page wide when it is narrow enough to stay readable so (a budget office
prints the Monthly sheet of two plans, 17 columns); a wider one runs over several pages across,
each with the sheet's first columns repeated, so every page still says which month a row is.
"""

from __future__ import annotations

from collections.abc import Collection

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

FOOTER = "&L&A&RPage &P of &N"
"""The sheet's name on the left, "Page 3 of 5" on the right (Excel's header and footer codes)."""

ONE_PAGE_WIDE_COLUMNS = 20
"""Most columns a sheet may have to be scaled to one page's width (landscape, about 60 %)."""


def set_up_printing(book: Workbook, wide: Collection[Worksheet] = ()) -> None:
    """Every sheet of ``book`` in landscape with :data:`FOOTER`, one page wide unless it is in
    ``wide`` (see :func:`print_headings`)."""
    for sheet in book.worksheets():
        sheet.set_landscape()
        sheet.set_footer(FOOTER)
        if sheet not in wide:
            sheet.fit_to_pages(1, 0)  # one page wide, as many pages long as it takes


def print_headings(sheet: Worksheet, rows: int, columns: int = 0, width: int = 0) -> bool:
    """Print the first ``rows`` rows of ``sheet`` at the top of every page. When the sheet is
    ``width`` columns wide, more than :data:`ONE_PAGE_WIDE_COLUMNS`, print its first ``columns``
    columns at the left of every page too, and say so (``True``: leave it out of the sheets
    scaled to one page's width)."""
    sheet.repeat_rows(0, rows - 1)
    if width > ONE_PAGE_WIDE_COLUMNS and columns:
        sheet.repeat_columns(0, columns - 1)
        return True
    return False
