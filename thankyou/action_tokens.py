"""
Action tokens: what the render response lets this browser do afterwards.

Signed by the server (not the shop), bound to shop, order, page, revision,
variant and the blocks shown; writes are accepted only for those blocks.
"""

import time
from dataclasses import dataclass
from functools import lru_cache

import jwt
from django.conf import settings
from django.utils.crypto import salted_hmac

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
    return jwt.encode(claims, _key(), algorithm="HS256")


def verify(token):
    """Return the ActionClaims of a token this server issued."""
    try:
        claims = jwt.decode(token, _key(), algorithms=["HS256"], audience=AUDIENCE)
    except jwt.ExpiredSignatureError:
        raise InvalidToken("The action token has expired.", field="action_token") from None
    except jwt.InvalidTokenError:
        raise InvalidToken("The action token is invalid.", field="action_token") from None
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
