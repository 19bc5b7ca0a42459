"""
Action tokens: what the render response lets this browser do afterwards.

Signed by the server (not the shop), bound to shop, order, page, revision,
variant and the blocks shown; writes are accepted only for those blocks.
"""

import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac

from . import jws
from .errors import InvalidToken

AUDIENCE = "thankyou-action"


@lru_cache(maxsize=4)
def _key_for(secret_key):
    return salted_hmac(
        "thankyou.action_tokens", "v1", secret=secret_key, algorithm="sha256"
    ).hexdigest()


def _key():
    return _key_for(settings.SECRET_KEY)


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
    }
    return jws.sign(claims, _key())


def verify(token):
    """Return the ActionClaims of a token this server issued."""
    try:
        header, claims = jws.read(token)
        jws.check_signature(token, _key())
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
    )
