"""Data tables: figures right-aligned in the table Streamlit draws, everything else as it was."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.app.conftest import ENTRYPOINT


def _table_app() -> None:
    import pandas as pd

    from app.components.data_table import show_data_table

    show_data_table(
        pd.DataFrame({"Month": ["2027-01", "2027-02"], "Cost (USD)": ["10,000.00", "-3.50"]})
    )


def alignments(element) -> dict[str, str]:
    """Each column given an alignment, and that alignment, as the browser receives them."""
    config = json.loads(element.proto.columns or "{}")
    return {name: column["alignment"] for name, column in config.items() if "alignment" in column}


def test_figures_are_right_aligned_and_labels_keep_the_default():
    at = AppTest.from_function(_table_app).run()
    assert not at.exception
    assert alignments(at.dataframe[0]) == {"Cost (USD)": "right"}
    assert at.dataframe[0].value["Cost (USD)"].tolist() == ["10,000.00", "-3.50"]


def test_the_calculator_right_aligns_every_money_column_of_its_chart_tables():
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60).run()
    assert not at.exception
    money = [
        (name, aligned)
        for table in at.dataframe
        for name, aligned in alignments(table).items()
        if name.endswith("(USD)")
    ]
    assert len(money) >= 5
    assert {aligned for _, aligned in money} == {"right"}


def test_a_static_tables_key_marks_its_figure_columns_by_position():
    """Money, percentages and numbers are marked (from 1); names, and a column holding a
    sentence, are not. The page style right-aligns the marked columns."""
    import pandas as pd

    from app.components.data_table import static_table_key

    table = pd.DataFrame(
        {
            "Rank": [1, 2],
            "Plan": ["Active users", "Named seats (today)"],
            "Savings per month": ["$5,450.00", "–"],
            "Savings in percent": ["54.5 %", "–"],
            "Why": ["today's plan costs nothing", "–"],
        }
    )
    assert static_table_key("headline_ranked", table) == "headline_ranked-fig1-fig3-fig4-"


def test_the_page_style_right_aligns_each_marked_column():
    from app.components.page_style import PAGE_CSS

    for position in (1, 6, 12):
        rule = (
            f'[class*="-fig{position}-"] [data-testid="stTable"] :is(td, th):nth-child({position})'
        )
        assert rule in PAGE_CSS


def test_a_static_table_key_marks_the_columns_kept_on_one_line():
    """A column named as unbroken (a month range such as "2027-01 to 2027-12", which a browser
    would break after a hyphen) is marked by its position, after the figure columns."""
    import pandas as pd

    from app.components.data_table import static_table_key

    table = pd.DataFrame(
        {"Contract year": ["Year 1 (base)"], "Months": ["2027-01 to 2027-12"], "Planned": ["$1"]}
    )
    key = static_table_key("years", table, unbroken=("Months",))
    assert key == "years-fig3-whole2-"


def test_the_page_style_keeps_each_marked_column_on_one_line():
    from app.components.page_style import PAGE_CSS

    for position in (1, 2, 12):
        rule = f'[class*="-whole{position}-"] [data-testid="stTable"] td:nth-child({position}) p'
        assert rule in PAGE_CSS
