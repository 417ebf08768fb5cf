"""Offers in the share link: an optional second token, exact round trip, capped, and a bad
token refused with a message that names the offer."""

import base64
import zlib
from decimal import Decimal

import pytest

from app.share import (
    MAX_LINK_CHARS,
    MAX_OFFERS,
    OFFERS_PREFIX,
    from_token,
    link_fits,
    offers_from_token,
    offers_to_token,
    to_token,
)
from calculator import CountingRule, Plan, ScenarioFileError, example_scenario


def offer(name: str, rate: int) -> object:
    return example_scenario().model_copy(
        update={
            "name": name,
            "plans": [Plan(name="Active", rule=CountingRule.ACTIVE_USER, rate=Decimal(rate))],
            "baseline": "Active",
        }
    )


def _token_of(payload: bytes) -> str:
    return "v1." + base64.urlsafe_b64encode(zlib.compress(payload)).rstrip(b"=").decode()


def _offers_token_of(payload: bytes) -> str:
    return OFFERS_PREFIX + base64.urlsafe_b64encode(zlib.compress(payload)).rstrip(b"=").decode()


def test_three_offers_round_trip_in_order():
    """Three offers come back equal and in the order saved."""
    offers = [offer("Vendor B", 60), offer("Vendor C", 55), example_scenario(24)]
    assert offers_from_token(offers_to_token(offers)) == offers


def test_offers_token_is_versioned_and_apart_from_the_scenario_token():
    """The offers' token has its own prefix; the scenario's token is unchanged by offers."""
    token = offers_to_token([offer("Vendor B", 60)])
    assert token.startswith("o1.")
    assert from_token(to_token(example_scenario())) == example_scenario()
    with pytest.raises(ScenarioFileError, match=r"should begin with v1\.\)"):
        from_token(token)


def test_more_than_three_offers_are_refused():
    """A hand-made link with four offers is refused, saying how many it holds."""
    token = offers_to_token([offer(f"Vendor {n}", 60) for n in range(MAX_OFFERS + 1)])
    with pytest.raises(ScenarioFileError, match="holds 4 offers; at most 3"):
        offers_from_token(token)


def test_an_invalid_offer_is_named():
    """The second offer has a negative rate: the message says which offer and what is wrong."""
    good = offer("Vendor B", 60).model_dump_json()
    bad = good.replace('"rate":"60"', '"rate":"-5"')
    assert bad != good
    with pytest.raises(ScenarioFileError, match="offer 2 in the link is not a valid scenario"):
        offers_from_token(_offers_token_of(f"{good}\n{bad}".encode()))


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            "{}",
            "offer 2 in the link is not a scenario saved from this calculator: it lacks the "
            '"schema_version" field every saved scenario has',
        ),
        ("{bad", "offer 2 in the link is not valid JSON: expecting property name"),
        ("[1]", "offer 2 in the link must hold a JSON object"),
    ],
)
def test_an_offer_that_is_not_a_scenario_is_named(second, message):
    """An offer that is not even a saved scenario (empty, not JSON) is named by its number, and
    as part of a link, not a file."""
    good = offer("Vendor B", 60).model_dump_json()
    with pytest.raises(ScenarioFileError) as refused:
        offers_from_token(_offers_token_of(f"{good}\n{second}".encode()))
    assert str(refused.value).startswith(message)


def test_a_link_whose_scenario_is_not_json_says_the_link():
    """The scenario of a hand-made link that is not JSON is named as the link's, not a file."""
    with pytest.raises(ScenarioFileError, match=r"^the link's scenario is not valid JSON: "):
        from_token(_token_of(b"{bad"))


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("v1.abc", r"should begin with o1\.\)"),
        ("", r"the link's offers are empty \(it may have been cut short\)"),
        ("o1.a*b", "characters it cannot hold"),
        ("o1.", "damaged or cut short"),
        (
            "o1.eJzLSM3JyQcABiwCFQ",
            'not valid JSON|lacks the "schema_version"|must hold a JSON object',
        ),
        ("o1." + "A" * MAX_LINK_CHARS, "the limit is 7,000"),
    ],
)
def test_damaged_offers_are_refused_with_a_reason(token, message):
    with pytest.raises(ScenarioFileError, match=message):
        offers_from_token(token)


def test_a_decompression_bomb_is_refused():
    """Offers that expand past three scenario files' size are refused before parsing."""
    with pytest.raises(ScenarioFileError, match="expands to more than"):
        offers_from_token(_offers_token_of(b" " * 2_000_000))


def test_link_fits_counts_both_tokens():
    """The cap is on the scenario's and the offers' tokens together."""
    assert link_fits("v" * 3_000, "o" * 4_000)
    assert not link_fits("v" * 3_000, "o" * 4_001)
