"""Codes and signed values for links without personal data (thankyou.core.links)."""

import re
from datetime import timedelta

import pytest

from thankyou.core import links
from thankyou.core.errors import ClientError


def test_a_keyed_code_is_stable_per_shop_value_and_purpose():
    code = links.keyed_code("acme", "A-1001", "referral")
    assert re.fullmatch(r"[a-z2-7]{12}", code)
    assert links.keyed_code("acme", "A-1001", "referral") == code
    assert links.keyed_code("other", "A-1001", "referral") != code
    assert links.keyed_code("acme", "A-1002", "referral") != code
    assert links.keyed_code("acme", "A-1001", "reference") != code
    assert "1001" not in code


def test_a_keyed_code_needs_the_servers_key(settings):
    code = links.keyed_code("acme", "A-1001")
    settings.SECRET_KEY = "another-key-" + "x" * 50
    assert links.keyed_code("acme", "A-1001") != code


def test_signed_values_come_back_unchanged():
    signed = links.sign("test.thing", {"d": 7, "b": "block-1", "p": True})
    assert links.unsign("test.thing", signed) == {"d": 7, "b": "block-1", "p": True}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda signed: signed[:-1] + ("A" if signed[-1] != "A" else "B"),
        lambda signed: "x" + signed,
        lambda signed: "not-signed",
    ],
)
def test_a_changed_signature_is_refused_naming_the_field(tamper):
    signed = tamper(links.sign("test.thing", {"d": 7}))
    with pytest.raises(ClientError) as refused:
        links.unsign("test.thing", signed, field="ref")
    assert refused.value.as_dict()["field"] == "ref"
    assert refused.value.code == "invalid_link"


def test_a_value_signed_for_one_purpose_is_refused_for_another():
    with pytest.raises(ClientError):
        links.unsign("test.other", links.sign("test.thing", {"d": 7}))


def test_an_expiring_value_is_refused_after_max_age(clock):
    signed = links.sign("test.thing", {"d": 7}, expires=True)
    assert links.unsign("test.thing", signed, max_age=timedelta(hours=1)) == {"d": 7}
    clock.advance(3601)
    with pytest.raises(ClientError) as refused:
        links.unsign("test.thing", signed, max_age=timedelta(hours=1))
    assert refused.value.code == "link_expired"
    # without an age limit it stays valid; a value signed without a time never passes one
    assert links.unsign("test.thing", signed) == {"d": 7}
    with pytest.raises(ClientError):
        links.unsign("test.thing", links.sign("test.thing", {"d": 7}), max_age=60)


def test_signatures_made_before_a_key_rotation_still_verify(settings):
    signed = links.sign("test.thing", {"d": 7})
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "another-key-" + "x" * 50
    settings.SECRET_KEY_FALLBACKS = [old]
    assert links.unsign("test.thing", signed) == {"d": 7}
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ClientError):
        links.unsign("test.thing", signed)


@pytest.mark.parametrize("values", [{"to": "anna@example.com"}, {"who": {"name": "Anna"}}, [1]])
def test_personal_or_structured_values_are_refused(values):
    with pytest.raises((TypeError, ValueError)):
        links.sign("test.thing", values)
