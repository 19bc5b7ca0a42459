"""Our HS256 tokens against PyJWT, the library a shop's backend would use."""

import time

import jwt
import pytest

from thankyou.core import jws

KEY = "k" * 32


def test_pyjwt_verifies_what_we_sign():
    claims = {"aud": "x", "exp": int(time.time()) + 60, "blocks": ["a", "ä"], "n": 1.5}
    token = jws.sign(claims, KEY, headers={"kid": "one"})
    assert jwt.decode(token, KEY, algorithms=["HS256"], audience="x") == claims
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT", "kid": "one"}


def test_we_verify_what_pyjwt_signs():
    claims = {"iss": "acme", "order": {"id": "A-1", "name": "Zoë <b>"}}
    token = jwt.encode(claims, KEY, algorithm="HS256", headers={"kid": "one"})
    jws.check_signature(token, KEY)
    assert jws.read(token) == ({"alg": "HS256", "typ": "JWT", "kid": "one"}, claims)


def test_another_key_or_a_changed_claim_is_a_bad_signature():
    token = jws.sign({"total": "49.90"}, KEY)
    with pytest.raises(jws.BadSignature):
        jws.check_signature(token, "other" * 8)
    header, _claims, signature = token.split(".")
    changed = jws.sign({"total": "0.01"}, KEY).split(".")[1]
    with pytest.raises(jws.BadSignature):
        jws.check_signature(f"{header}.{changed}.{signature}", KEY)


@pytest.mark.parametrize(
    ("token", "readable"),
    [
        ("", False),
        ("a.b", False),
        ("ä.ö.ü", False),
        ("eyJ9.e30.", False),
        ("e30=.e30.x", False),
        ("e30.W10.x", False),
        ("e30.eyJhIjoxfQ.x\u00e9", True),  # header and claims are JSON objects
    ],
)
def test_a_token_that_is_not_a_compact_jws_is_malformed_or_badly_signed(token, readable):
    if readable:
        assert jws.read(token) == ({}, {"a": 1})
    else:
        with pytest.raises(jws.MalformedToken):
            jws.read(token)
    with pytest.raises(jws.BadSignature):
        jws.check_signature(token, KEY)
