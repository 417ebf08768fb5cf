"""Share tokens: exact round trip, and every kind of bad link refused with a clear message."""

import base64
import json
import re
import zlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.components import share_panel
from app.share import (
    MAX_JSON_BYTES,
    MAX_TOKEN_CHARS,
    TOKEN_PREFIX,
    from_token,
    link_too_long,
    to_token,
)
from calculator import (
    CountingRule,
    MonthStaffing,
    Plan,
    Scenario,
    ScenarioFileError,
    example_scenario,
)
from tests.app.helpers import scenario_too_long_for_a_link


def _token_of(payload: bytes) -> str:
    """A token carrying arbitrary bytes, built the way to_token builds real ones."""
    return TOKEN_PREFIX + base64.urlsafe_b64encode(zlib.compress(payload)).rstrip(b"=").decode()


def test_round_trip_of_the_worked_example():
    """Reading a token gives back an equal scenario."""
    scenario = example_scenario()
    assert from_token(to_token(scenario)) == scenario


def test_token_is_versioned_and_url_safe():
    """Tokens start with the version and use only URL-safe base64 characters."""
    token = to_token(example_scenario())
    assert token.startswith("v1.")
    assert set(token[3:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@given(
    provisioned=st.integers(0, 1_000_000),
    active_share=st.fractions(0, 1),
    rate=st.decimals(min_value=0, max_value=10_000, places=2),
)
def test_round_trip_keeps_every_value_exact(provisioned, active_share, rate):
    """Any valid scenario survives the link exactly, rates to the cent included."""
    active = int(provisioned * active_share)
    scenario = Scenario(
        name="Round trip",
        start_month="2030-11",
        staffing=[MonthStaffing(provisioned=provisioned, active=active, peak_concurrent=0)],
        plans=[Plan(name="Seats", rule=CountingRule.NAMED_SEAT, rate=rate)],
        baseline="Seats",
    )
    assert from_token(to_token(scenario)) == scenario


def test_largest_plausible_scenario_fits_in_a_link():
    """Sixty months and eight plans with full contract terms stay under the length cap."""
    staffing = [
        MonthStaffing(
            provisioned=100_000 + 997 * i,
            active=90_000 + 991 * i,
            peak_concurrent=40_000 + 983 * i,
            logged_in_hours=Decimal(f"{10_000_000 + 12_345 * i}.25"),
        )
        for i in range(60)
    ]
    plans = [
        Plan(
            name=f"Concurrent plan number {i} with a long descriptive name",
            rule=CountingRule.CONCURRENT,
            rate=Decimal("123.456789"),
            committed_units=1000 + i,
            overage_rate=Decimal("150.123456"),
            minimum_monthly_charge=Decimal("99999.99"),
            one_time_cost=Decimal("250000.00"),
            escalator=Decimal("0.035"),
            concurrent_cap=200_000 + i,
        )
        for i in range(8)
    ]
    scenario = Scenario(
        name="Big", start_month="2027-07", staffing=staffing, plans=plans, baseline=plans[0].name
    )
    token = to_token(scenario)
    assert len(token) < MAX_TOKEN_CHARS
    assert from_token(token) == scenario


def test_a_scenario_too_large_for_a_link_is_told_so():
    """Not every valid scenario fits in a link: one that does not is told so, with its length,
    the limit and the file to send instead."""
    token = to_token(scenario_too_long_for_a_link())
    assert len(token) == 6_101
    assert link_too_long(token) == (
        "This scenario is too large for a link: its link would be 6,101 characters long, over "
        "the 6,000 a link may hold. To send it, download the scenario (JSON) and send the file: "
        'it opens with "Load a scenario file".'
    )


def test_a_link_is_offered_only_when_it_opens(monkeypatch):
    """The link offered (on the page and in the reports) is one the calculator opens: none for a
    scenario whose token it would refuse as too long."""
    page = SimpleNamespace(context=SimpleNamespace(url="https://seats.example.org/"))
    monkeypatch.setattr(share_panel, "st", page)
    fits = to_token(example_scenario())
    assert link_too_long(fits) is None
    assert share_panel.share_link(fits) == f"https://seats.example.org/?s={fits}"
    assert from_token(fits) == example_scenario()
    too_long = to_token(scenario_too_long_for_a_link())
    assert share_panel.share_link(too_long) is None
    with pytest.raises(ScenarioFileError, match="6,101 characters long; the limit is 6,000"):
        from_token(too_long)


def test_wrong_version_is_refused():
    """A token from another format version says so."""
    token = "v2." + to_token(example_scenario())[3:]
    with pytest.raises(ScenarioFileError, match=r"should begin with v1\.\)"):
        from_token(token)


def test_truncated_link_is_refused():
    """A link cut short in a chat message is reported as damaged."""
    token = to_token(example_scenario())
    with pytest.raises(ScenarioFileError) as info:
        from_token(token[: len(token) // 2])
    assert str(info.value) == "the share link is damaged or cut short"


def test_tampered_characters_are_refused():
    """Characters outside URL-safe base64 are refused before decoding."""
    with pytest.raises(ScenarioFileError) as info:
        from_token("v1.abc$%^")
    assert str(info.value) == "the share link is damaged: it contains characters it cannot hold"


def test_flipped_bytes_are_refused():
    """Changing a character in the middle breaks the compressed data's checksum."""
    token = to_token(example_scenario())
    middle = len(token) // 2
    tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    with pytest.raises(ScenarioFileError, match="damaged or cut short"):
        from_token(tampered)


def test_empty_token_is_refused():
    """``?s=v1.`` with nothing after the version is cut short (it holds no foreign character),
    not the default."""
    with pytest.raises(ScenarioFileError) as info:
        from_token("v1.")
    assert str(info.value) == "the share link is damaged or cut short"


def test_oversized_link_is_refused_before_decoding():
    """A token longer than the cap is refused by its length alone."""
    with pytest.raises(ScenarioFileError) as info:
        from_token("v1." + "A" * MAX_TOKEN_CHARS)
    assert str(info.value) == (
        f"the share link is {MAX_TOKEN_CHARS + 3:,} characters long; "
        f"the limit is {MAX_TOKEN_CHARS:,}"
    )


def test_decompression_bomb_is_refused():
    """A short link that would expand past the JSON cap is stopped while decompressing."""
    token = _token_of(b"{" + b" " * (4 * MAX_JSON_BYTES) + b"}")
    assert len(token) < MAX_TOKEN_CHARS  # short enough to pass the length check
    with pytest.raises(ScenarioFileError) as info:
        from_token(token)
    assert str(info.value) == (
        f"the share link expands to more than {MAX_JSON_BYTES:,} bytes; "
        f"the limit is {MAX_JSON_BYTES:,} bytes"
    )


def test_link_holding_non_json_is_refused():
    """Valid compression around text that is not JSON is reported as such."""
    with pytest.raises(ScenarioFileError, match="not valid JSON"):
        from_token(_token_of(b"hello"))


def test_link_holding_an_invalid_scenario_names_the_problem():
    """A link whose scenario breaks a rule names the month, field and values."""
    data = example_scenario().model_dump_json().replace('"active":70', '"active":170', 1)
    with pytest.raises(ScenarioFileError) as info:
        from_token(_token_of(data.encode()))
    assert str(info.value) == (
        "the share link holds an invalid scenario: January 2027: active users (170) must be <= "
        "provisioned seats (100); lower active users or raise provisioned seats"
    )


def test_link_with_a_plan_named_as_tables_name_today_s_is_refused():
    """A second plan named "Named seats (today)" would take the baseline's column in every table,
    which names the baseline so: the link is refused with both names."""
    data = (
        example_scenario()
        .model_dump_json()
        .replace('"name":"Active users"', '"name":"Named seats (today)"', 1)
    )
    with pytest.raises(ScenarioFileError) as info:
        from_token(_token_of(data.encode()))
    assert str(info.value) == (
        "the share link holds an invalid scenario: plan 'Named seats (today)' would read as "
        "today's plan 'Named seats', which tables name 'Named seats (today)'; give each plan its "
        "own name"
    )


def test_link_with_an_unknown_field_is_refused():
    """Extra keys are refused, like in scenario files."""
    data = (
        example_scenario().model_dump_json().replace('{"schema_version"', '{"x":1,"schema_version"')
    )
    with pytest.raises(ScenarioFileError) as info:
        from_token(_token_of(data.encode()))
    assert str(info.value) == (
        "the share link holds an invalid scenario: x: is not a field this calculator knows; "
        "remove it (got 1)"
    )


@pytest.mark.parametrize("value", ['"0E-547012"', '"0e-100000000"', '"1_000"', '"\uff11\uff12"'])
def test_link_with_a_number_written_to_hold_the_server_is_refused(value):
    """A link whose money is written with a huge exponent or odd digits is refused by field; such
    a value once took minutes of CPU to price, or crashed the page on every reload."""
    scenario = example_scenario()
    text = scenario.model_dump_json().replace(
        '"minimum_monthly_charge":"0"', f'"minimum_monthly_charge":{value}', 1
    )
    with pytest.raises(ScenarioFileError, match=r"plan 1 '[^']+', minimum monthly charge: must be"):
        from_token(_token_of(text.encode()))


def test_link_with_a_zero_written_with_a_huge_exponent_reads_as_zero():
    """The JSON number 0E-547012 is exactly 0: the link opens, priced like a plain 0."""
    scenario = example_scenario()
    text = scenario.model_dump_json().replace(
        '"minimum_monthly_charge":"0"', '"minimum_monthly_charge":0E-547012', 1
    )
    assert "0E-547012" in text
    assert from_token(_token_of(text.encode())) == scenario


def _broken(change) -> bytes:
    """The worked example's JSON with ``change`` applied to its data."""
    data = json.loads(example_scenario().model_dump_json())
    change(data)
    return json.dumps(data).encode()


HOSTILE = {
    "peak over active": lambda d: d["staffing"][2].update(peak_concurrent=90),
    "fraction of an agent": lambda d: d["staffing"][1].update(active=12.7),
    "negative seats": lambda d: d["staffing"][0].update(provisioned=-1),
    "hours without hours": lambda d: d["plans"][1].update(rule="logged_in_hours"),
    "cap on a seat plan": lambda d: d["plans"][0].update(concurrent_cap=5),
    "two plans one name": lambda d: d["plans"][1].update(name=d["plans"][0]["name"]),
    "a plan named as tables name today's": lambda d: d["plans"][1].update(
        name=d["plans"][0]["name"] + " (today)"
    ),
    "unknown baseline": lambda d: d.update(baseline="nope"),
    "negative terms": lambda d: d["plans"][1].update(
        committed_units=-3, minimum_monthly_charge="-1", monthly_term_premium="-1"
    ),
    "one-time months": lambda d: d["plans"][1].update(one_time_months=[0, 99]),
    "true-up": lambda d: d["plans"][1].update(true_up={"period_months": 0, "premium": "x"}),
    "lines": lambda d: d["plans"][1].update(
        lines=[{"name": "", "rule": "concurrent", "rate": "-1", "above": -2}]
    ),
    "budget": lambda d: d["budget"].update(
        fiscal_year_start_month=13, discount_rate="-1", appropriation="-5", tornado_change="0"
    ),
    "draws and seed": lambda d: d["budget"]["uncertainty"].update(draws=5, seed=-1),
    "monthly split": lambda d: d["budget"].update(
        monthly_shares=[{"month": "2030-01", "shares": {"Z": "2"}}]
    ),
    "currency": lambda d: d.update(currency="dollars"),
}
INTERNAL = re.compile(
    r"\b[a-z]+_[a-z_]+\b"
    r"|\b(?:active|provisioned) \("
    r"|(?:^|: |, )(?:active|provisioned|name|budget|uncertainty|seed)[:,]"
    r"|month \d+ \(|[{^$]"
)
"""A field or rule named as the code names it (``peak_concurrent``, ``active (70)``,
``February 2027, active:``), a month by its position, or a pattern or structure shown raw."""


@pytest.mark.parametrize("change", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_links_are_explained_in_the_pages_words(change):
    """A link, an offer in a link and a file, each holding a broken scenario: every warning on
    the page names fields as the pages label them, months as "March 2027", and says what to do."""
    from streamlit.testing.v1 import AppTest

    from app.components.share_panel import load_scenario_file
    from app.share import OFFERS_PREFIX
    from tests.app.conftest import ENTRYPOINT
    from tests.app.helpers import plain

    text = _broken(change)
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=60)
    at.query_params["s"] = _token_of(text)
    good = example_scenario().model_dump_json()
    at.query_params["o"] = OFFERS_PREFIX + _token_of(f"{good}\n{text.decode()}".encode())[3:]
    at.run()
    assert not at.exception
    warnings = [plain(warning.value) for warning in at.warning]
    assert any(w.startswith("This link could not be opened") for w in warnings)
    assert any(w.startswith("The offers in this link could not be opened") for w in warnings)
    assert all("ask for the link again" in w for w in warnings[:2])
    problems = load_scenario_file(text).lines
    for shown in [*warnings, *problems]:
        assert not INTERNAL.search(shown), shown
