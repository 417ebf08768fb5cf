"""The method page: counting rules, formulas and the worked example's numbers."""

from streamlit.testing.v1 import AppTest

from tests.app.helpers import plain


def test_worked_example_figures(app: AppTest):
    """The design notes' worked example, computed by the calculator, is on the page."""
    app.run()
    app.switch_page("app_pages/method.py").run()
    assert not app.exception
    figures = app.table[1].value.set_index("Figure")["Value"].to_dict()
    assert figures == {
        "Named-seat cost a month": "$10,000.00",
        "Active-user cost a month": "$4,550.00",
        "Savings a month": "$5,450.00 (54.5 %)",
        "Utilization": "70 %",
        "Quick estimate = volume effect": "$3,000.00",
        "Rate effect": "$2,450.00",
        "Break-even utilization": "153.8 %: active users are cheaper at any utilization",
    }


def test_explanation_sentence(app: AppTest):
    """The one-sentence explanation of the worked example."""
    app.run()
    app.switch_page("app_pages/method.py").run()
    assert plain(app.info[0].value) == (
        "Paying for 70 active users instead of 100 seats saves $5,450 a month (54.5 %): $3,000 "
        "from seats nobody used and $2,450 from the lower rate."
    )


def test_counting_rules_and_illustrative_defaults_are_stated(app: AppTest):
    """Each model is defined by what it counts; defaults are called illustrative."""
    app.run()
    app.switch_page("app_pages/method.py").run()
    rules = app.table[0].value
    assert list(rules["Model"]) == ["Named seat", "Concurrent", "Active user", "Logged-in hours"]
    text = " ".join(block.value for block in app.markdown)
    assert "one shift 75%" in text
    assert "Every starting number is an example" in text
