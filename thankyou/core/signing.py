"""Sign order contexts the way a shop backend does (CLI, demo and tests)."""

import jwt

from thankyou.core.context import ALGORITHM


def sign_claims(shop, claims, secret=None):
    """Return a JWT of the claims, signed with the shop's newest secret."""
    secret = secret or shop.secrets.order_by("-created_at", "-pk").first()
    if secret is None:
        raise ValueError(f"Shop {shop.key!r} has no signing secret.")
    return jwt.encode(claims, secret.secret, algorithm=ALGORITHM, headers={"kid": secret.kid})
