"""CSV exports: parsed back they equal the table; formula-like text comes back as inert text."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.reports import (
    csv_filename,
    dataframe_to_csv,
    monthly_csv,
    monthly_export_table,
    neutralise,
    tables_zip,
)
from app.reports._safety import FORMULA_TRIGGERS
from app.views.calculator import all_chart_views
from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    Scenario,
    compare,
    example_scenario,
    is_figure_text,
)

WORKED = compare(example_scenario(months=3))


def parse(data: bytes) -> pd.DataFrame:
    """Read CSV bytes back as text, the way a careful reviewer would."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


class TestMonthlyCsv:
    def test_parsed_back_equals_the_table(self):
        """Every cell of the tidy monthly table survives the round trip as the same text."""
        table = monthly_export_table(WORKED)
        pd.testing.assert_frame_equal(parse(monthly_csv(WORKED)), table.astype(str))

    def test_starts_with_a_byte_order_mark_and_uses_crlf(self):
        """UTF-8 with BOM (Excel reads it as UTF-8) and CRLF line ends (RFC 4180)."""
        data = monthly_csv(WORKED)
        assert data.startswith(b"\xef\xbb\xbfmonth,month_number,plan,")
        assert data.count(b"\r\n") == 1 + 3 * 2  # header + 3 months x 2 plans

    def test_worked_example_money_as_decimal_strings(self):
        """Month 1: named seats cost 10000.00; active users 4550.00 and save 5450.00
        (3000.00 volume, 2450.00 rate), as in docs/method.md#worked-example."""
        table = parse(monthly_csv(WORKED))
        first = table[table["month_number"] == "1"].set_index("plan")
        assert first.loc["Named seats", "cost"] == "10000.00"
        assert first.loc[
            "Active users", ["cost", "savings", "volume_effect", "rate_effect"]
        ].tolist() == [
            "4550.00",
            "5450.00",
            "3000.00",
            "2450.00",
        ]

    def test_hours_are_written_exactly(self):
        """8400.5 logged-in hours are counted as 8400.5 and billed as 8401."""
        scenario = Scenario(
            name="Hours",
            start_month="2027-01",
            staffing=[
                MonthStaffing(
                    provisioned=100,
                    active=70,
                    peak_concurrent=50,
                    logged_in_hours=Decimal("8400.5"),
                )
            ],
            plans=[Plan(name="Hourly", rule=CountingRule.LOGGED_IN_HOURS, rate=Decimal("0.5"))],
            baseline="Hourly",
        )
        table = parse(monthly_csv(compare(scenario)))
        assert table[["counted_units", "billable_units", "cost"]].values.tolist() == [
            ["8400.5", "8401", "4200.50"]
        ]

    def test_escalated_rate_without_trailing_zeros(self):
        """$100 with a 3 % escalator is 103 in contract year 2 (month 13), written "103"."""
        scenario = example_scenario(months=13)
        plans = [
            scenario.plans[0].model_copy(update={"escalator": Decimal("0.03")}),
            scenario.plans[1],
        ]
        table = parse(monthly_csv(compare(scenario.model_copy(update={"plans": plans}))))
        named = table[table["plan"] == "Named seats"]
        assert named["unit_rate"].tolist()[-2:] == ["100", "103"]


class TestInjection:
    @pytest.mark.parametrize(
        "text",
        [
            "=1+1",
            '=HYPERLINK("http://evil.example","Click")',
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "\t=1+1",
            "\r=1+1",
            "-A1",
        ],
    )
    def test_formula_like_text_comes_back_with_a_quote(self, text):
        """Each trigger character gets a leading apostrophe; the rest of the text is kept."""
        table = pd.DataFrame({"plan": [text], "cost": [1.5]})
        assert rows(dataframe_to_csv(table))[1] == ["'" + text, "1.5"]

    def test_numbers_stay_numbers(self):
        """Negative numbers, money and percentages, as numbers or as text, are untouched."""
        table = pd.DataFrame(
            {
                "text": ["-12.50", "-$1,234.56", "-54.5 %", "+3", "-EUR 1,000.00"],
                "value": [-1.0, -2.5, 0.0, 3.0, -4.0],
            }
        )
        assert rows(dataframe_to_csv(table))[1:] == [
            ["-12.50", "-1.0"],
            ["-$1,234.56", "-2.5"],
            ["-54.5 %", "0.0"],
            ["+3", "3.0"],
            ["-EUR 1,000.00", "-4.0"],
        ]

    def test_headers_are_neutralised(self):
        """A column named after a hostile plan is neutralised too."""
        table = pd.DataFrame({"=1+1 (USD)": ["$1.00"]})
        assert rows(dataframe_to_csv(table))[0] == ["'=1+1 (USD)"]

    def test_hostile_plan_name_in_the_monthly_table(self):
        """A plan named '=1+1' appears as "'=1+1" in every row of its lines."""
        scenario = example_scenario(months=2)
        plans = [scenario.plans[0], scenario.plans[1].model_copy(update={"name": "=1+1"})]
        hostile = scenario.model_copy(update={"plans": plans})
        table = parse(monthly_csv(compare(hostile)))
        assert table["plan"].tolist() == ["Named seats"] * 2 + ["'=1+1"] * 2

    @given(st.text(max_size=40))
    def test_any_text_round_trips_neutralised(self, text):
        """Whatever the text, the CSV gives back exactly ``neutralise(text)``."""
        table = pd.DataFrame({"name": [text]})
        assert rows(dataframe_to_csv(table))[1] == [neutralise(text)]

    @given(st.text(min_size=1, max_size=40))
    def test_neutralised_text_never_starts_a_formula(self, text):
        """After neutralising, text starts with a trigger only if it is a plain number."""
        safe = neutralise(text)
        assert not safe.startswith(FORMULA_TRIGGERS) or is_figure_text(safe)


class TestChartTables:
    def test_every_chart_table_round_trips(self):
        """Each table shown beside a chart parses back to the same text."""
        for view in all_chart_views(WORKED):
            expected = view.table.astype(str)
            expected.columns = [str(c) for c in expected.columns]
            pd.testing.assert_frame_equal(parse(dataframe_to_csv(view.table)), expected)

    def test_zip_holds_one_csv_per_chart(self):
        """The bundle names each file after its chart title; duplicate titles are numbered."""
        views = all_chart_views(WORKED)
        tables = {view.title: view.table for view in views}
        data = tables_zip({**tables})
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert names == [csv_filename(view.title) for view in views]

    def test_duplicate_titles_do_not_overwrite(self):
        """Two tables whose titles give the same file name are both kept."""
        table = pd.DataFrame({"a": [1]})
        data = tables_zip({"Cost!": table, "Cost?": table})
        assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["cost.csv", "cost-2.csv"]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Monthly cost per plan", "monthly-cost-per-plan.csv"),
        ("Savings so far against Named seats", "savings-so-far-against-named-seats.csv"),
        ("../../etc/passwd", "etc-passwd.csv"),
        ("€€€", "table.csv"),
    ],
)
def test_file_names_are_safe(title, name):
    """File names keep only ASCII letters, digits and hyphens."""
    assert csv_filename(title) == name
