"""
Action tokens: what the render response lets this browser do afterwards.

Signed by the server (not the shop), bound to shop, order, page, revision,
variant and the blocks shown; writes are accepted only for those blocks.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings

from thankyou.core import jws
from thankyou.core.errors import InvalidToken
from thankyou.core.keys import derived_key, verifying_keys

AUDIENCE = "thankyou-action"


def _key():
    return derived_key("thankyou.action_tokens").hex()


def customer_key(email):
    """
    A keyed hash of the customer's e-mail address ("" without one): stored
    with what their orders do, so that erasing the customer finds it all.
    """
    return _customer_key(derived_key("thankyou.customer"), email)


def customer_keys(email):
    """
    The customer's keys under SECRET_KEY and each of SECRET_KEY_FALLBACKS:
    erasing must find what was recorded before a key rotation too.
    """
    return [
        key for key in (_customer_key(k, email) for k in verifying_keys("thankyou.customer")) if key
    ]


def _customer_key(key, email):
    email = email.strip().lower()
    if not email:
        return ""
    return hmac.new(key, email.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ActionClaims:
    shop: str
    order: str
    page: int
    revision: int | None
    variant: str
    blocks: tuple[str, ...]
    total: str
    currency: str
    test: bool
    customer: str = ""  # customer_key of the order's e-mail address
    channel: str = "embed"  # where the page was shown: "embed" or "hosted"


def issue(context, page, revision_id, variant, block_ids):
    now = int(time.time())
    lifetime = settings.THANKYOU["ACTION_TOKEN_MIN_LIFETIME"]
    claims = {
        "aud": AUDIENCE,
        "iat": now,
        "exp": max(context.expires_at, now + lifetime),
        "shop": context.shop.key,
        "order": context.order.id,
        "page": page.pk,
        "rev": revision_id,
        "var": variant,
        "blocks": list(block_ids),
        "total": str(context.order.total) if context.order.total is not None else "",
        "cur": context.order.currency,
        "test": context.test,
        "cust": customer_key(context.customer.email),
        "ch": context.channel,
    }
    return jws.sign(claims, _key())


def _check_signature(token):
    for key in verifying_keys("thankyou.action_tokens"):
        try:
            return jws.check_signature(token, key.hex())
        except jws.BadSignature:
            continue
    raise jws.BadSignature


def verify(token):
    """Return the ActionClaims of a token this server issued."""
    try:
        header, claims = jws.read(token)
        _check_signature(token)
    except (jws.MalformedToken, jws.BadSignature):
        claims = None
    if not claims or header.get("alg") != jws.ALGORITHM or claims.get("aud") != AUDIENCE:
        raise InvalidToken("The action token is invalid.", field="action_token")
    if claims["exp"] <= time.time():
        raise InvalidToken("The action token has expired.", field="action_token")
    return ActionClaims(
        shop=claims["shop"],
        order=claims["order"],
        page=claims["page"],
        revision=claims["rev"],
        variant=claims["var"],
        blocks=tuple(claims["blocks"]),
        total=claims["total"],
        currency=claims["cur"],
        test=claims["test"],
        customer=claims.get("cust", ""),  # tokens issued before it was added lack it
        channel=claims.get("ch", "embed"),
    )
