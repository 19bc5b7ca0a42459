"""
The session token a Shopify checkout UI extension sends: a JWT that Shopify
signs (HS256) with the app's client secret.

Its ``dest`` names the shop's domain; the shop connected with that domain is
the one whose secret must have signed it and whose client ID must be its
``aud``. A token of one shop can therefore never speak for another.
"""

import jwt
from django.utils.translation import gettext as _

from thankyou.core.errors import InvalidToken
from thankyou.core.models import SHOPIFY_DOMAIN_RE, Shop

LEEWAY_SECONDS = 10  # Shopify's tokens live a minute; clocks differ by a few seconds
MAX_BYTES = 4096


def verify(token):
    """Return the connected shop and the token's claims, or raise InvalidToken."""
    if not isinstance(token, str) or not token or len(token) > MAX_BYTES:
        raise InvalidToken(
            _("A Shopify session token (string) is required."), field="session_token"
        )
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        raise InvalidToken(
            _("The session token is not a well-formed JWT."), field="session_token"
        ) from None
    shop = _shop_for(unverified.get("dest"))
    try:
        claims = jwt.decode(
            token,
            shop.shopify_client_secret,
            algorithms=["HS256"],
            audience=shop.shopify_client_id,
            leeway=LEEWAY_SECONDS,
            options={"require": ["dest", "aud", "exp", "nbf", "iat"]},
        )
    except jwt.ExpiredSignatureError:
        raise InvalidToken(
            _("The session token has expired."), field="exp", code="token_expired"
        ) from None
    except jwt.InvalidAudienceError:
        raise InvalidToken(
            _("The session token's 'aud' is not the shop's Shopify app."), field="aud"
        ) from None
    except jwt.InvalidSignatureError:
        raise InvalidToken(
            _("The session token's signature does not match the shop's Shopify app secret."),
            field="session_token",
            code="invalid_signature",
        ) from None
    except jwt.InvalidTokenError as error:
        raise InvalidToken(
            _("The session token is not valid: %(reason)s") % {"reason": error},
            field="session_token",
        ) from None
    dest = f"https://{shop.shopify_domain}"
    if claims["dest"] != dest:
        raise InvalidToken(_("The session token's 'dest' is not the shop's domain."), field="dest")
    if "iss" in claims and claims["iss"] != f"{dest}/admin":
        raise InvalidToken(_("The session token's 'iss' is not the shop's."), field="iss")
    return shop, claims


def _shop_for(dest):
    """The shop connected with the domain ``dest`` names (https://<domain>)."""
    domain = dest.removeprefix("https://") if isinstance(dest, str) else ""
    if not dest or not dest.startswith("https://") or not SHOPIFY_DOMAIN_RE.match(domain):
        raise InvalidToken(
            _("The session token's 'dest' must be https://<shop>.myshopify.com."), field="dest"
        )
    shop = Shop.objects.prefetch_related("secrets").filter(shopify_domain=domain).first()
    if shop is None or not shop.on_shopify:
        raise InvalidToken(
            _("No shop is connected with this Shopify domain."), field="dest", code="unknown_shop"
        )
    return shop
