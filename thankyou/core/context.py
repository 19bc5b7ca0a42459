"""
The order context: a JWT the shop signs, verified and turned into plain data.

The contract is in docs/integrating.md ("The order context"). Every failure
is a ClientError whose message names the claim and reveals nothing about
other shops.
"""

import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from thankyou.core import caching, jws, rules
from thankyou.core.claims import validate_claims
from thankyou.core.errors import ClientError, InvalidToken
from thankyou.core.models import cached_shop

AUDIENCE = "thankyou"
is_shop_key = rules.matcher(rules.KEY_PATTERN)
ALGORITHM = jws.ALGORITHM
REQUIRED_CLAIMS = ("iss", "aud", "iat", "exp")


@dataclass(frozen=True)
class Item:
    sku: str = ""
    name: str = ""
    category: str = ""
    quantity: int = 1
    price: Decimal | None = None


@dataclass(frozen=True)
class Order:
    id: str
    number: str = ""
    created_at: datetime | None = None
    currency: str = ""
    total: Decimal | None = None
    items: tuple[Item, ...] = ()
    shipping_country: str = ""
    shipping_method: str = ""

    @property
    def categories(self):
        return {item.category for item in self.items if item.category}

    @property
    def skus(self):
        return {item.sku for item in self.items if item.sku}


@dataclass(frozen=True)
class Customer:
    id: str = ""
    first_name: str = ""
    email: str = ""
    is_guest: bool | None = None
    newsletter: bool | None = None
    orders_count: int | None = None
    total_spent: Decimal | None = None
    first_order_at: datetime | None = None


@dataclass(frozen=True)
class OrderContext:
    shop: "Shop"  # noqa: F821  (imported lazily: models import personas)
    order: Order
    customer: Customer = field(default_factory=Customer)
    locale: str = ""  # as sent, e.g. "de-DE"
    language: str = ""  # a configured language code, e.g. "de"
    test: bool = False
    referral: str = ""  # the code of the referral link that brought the customer
    channel: str = "embed"  # "hosted" on our hosted order page
    issued_at: int = 0
    expires_at: int = 0
    generation: object = None  # of the shop's cached data, when read from the cache
    done: dict | None = None  # what the order did, when the rate limiter read it from Redis


def verify_order_token(token):
    """Verify a shop-signed order token and return its OrderContext."""
    limits = settings.THANKYOU
    if not isinstance(token, str) or not token:
        raise ClientError(_("A token (string) is required."), field="token")
    if len(token.encode()) > limits["TOKEN_MAX_BYTES"]:
        raise ClientError(
            _("The token is larger than %(n)d bytes.") % {"n": limits["TOKEN_MAX_BYTES"]},
            field="token",
            code="token_too_large",
            status=413,
        )
    header, claims = read_unverified(token)
    if header.get("alg") != ALGORITHM:
        raise InvalidToken(_("Only HS256-signed tokens are accepted."), field="alg")
    if "crit" in header:  # RFC 7515: extensions we do not understand must be refused
        raise InvalidToken(_("Critical header extensions are not supported."), field="crit")

    shop, generation = _shop_for(claims.get("iss"))
    _verify_signature(token, header, shop)  # from here on, the claims are the shop's
    _check_registered_claims(claims)
    _check_lifetime(claims, limits)
    return replace(context_from_claims(shop, claims), generation=generation)


def context_from_claims(shop, claims):
    """Validate claims already known to come from the shop; build the context."""
    data, fields = validate_claims(claims, settings.THANKYOU["TOKEN_MAX_ITEMS"])
    if fields:
        first = next(iter(fields))
        raise ClientError(
            _("Claim %(claim)s: %(error)s") % {"claim": first, "error": fields[first][0]},
            fields=fields,
            code="invalid_context",
        )
    return build_context(shop, data)


@lru_cache(maxsize=64)
def read_unverified(token):
    """
    Return a token's header and claims without checking them (memoised: the
    rate limiter reads the shop key from the same token first).
    """
    try:
        return jws.read(token)
    except jws.MalformedToken:
        raise InvalidToken(_("The token is not a well-formed JWT."), field="token") from None


def _shop_for(iss):
    if not isinstance(iss, str) or not is_shop_key(iss):
        raise InvalidToken(_("The 'iss' claim must name the shop key."), field="iss")

    generation = caching.generation(iss)
    shop = cached_shop(iss, generation)
    if shop is None:
        raise InvalidToken(_("Unknown shop."), field="iss", code="unknown_shop")
    return shop, generation


def _verify_signature(token, header, shop):
    """Raise InvalidToken unless one of the shop's secrets (the header's kid) signed the token."""
    secrets = list(shop.secrets.all())
    kid = header.get("kid")
    if kid is not None:
        secrets = [s for s in secrets if s.kid == kid]
        if not secrets:
            raise InvalidToken(_("Unknown key id for this shop."), field="kid")
    if not secrets:
        raise InvalidToken(_("The shop has no signing secret."), field="iss")
    for secret in secrets:
        try:
            jws.check_signature(token, secret.secret)
            break
        except jws.BadSignature:
            continue
    else:
        raise InvalidToken(
            _("The signature does not match the shop's secret."),
            field="token",
            code="invalid_signature",
        )


def _check_registered_claims(claims):
    """Check what RFC 7519 says of the claims the contract requires (iss was
    checked when the shop was found by it; iat's limits with the lifetime)."""
    for claim in REQUIRED_CLAIMS:
        if claim not in claims:
            raise InvalidToken(
                _("The '%(claim)s' claim is required.") % {"claim": claim}, field=claim
            )
    audience = claims["aud"]
    if audience != AUDIENCE and not (isinstance(audience, list) and AUDIENCE in audience):
        raise InvalidToken(_("The 'aud' claim must be \"thankyou\"."), field="aud")
    now = time.time()
    for claim in ("iat", "exp", "nbf"):
        if claim in claims and not _is_number(claims[claim]):
            raise InvalidToken(
                _("The '%(claim)s' claim must be a number.") % {"claim": claim}, field=claim
            )
    if claims["exp"] <= now:
        raise InvalidToken(_("The token has expired."), field="exp", code="token_expired")
    if claims.get("nbf", now) > now:
        raise InvalidToken(
            _("The token is not valid yet."), field="nbf", code="token_not_yet_valid"
        )


def _check_lifetime(claims, limits):
    iat, exp = claims["iat"], claims["exp"]
    if iat > time.time() + limits["TOKEN_CLOCK_SKEW"]:
        raise InvalidToken(
            _("The 'iat' claim is in the future."), field="iat", code="token_not_yet_valid"
        )
    if exp - iat > limits["TOKEN_MAX_LIFETIME"]:
        raise InvalidToken(_("The token may live at most 24 hours ('exp' - 'iat')."), field="exp")


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def build_context(shop, data):
    """Turn validated claims into an OrderContext."""
    order = data["order"]
    shipping = order.get("shipping") or {}
    customer = data.get("customer") or {}
    zone = ZoneInfo(shop.timezone)
    for claims, name in ((order, "created_at"), (customer, "first_order_at")):
        if claims.get(name) and timezone.is_naive(claims[name]):
            claims[name] = claims[name].replace(tzinfo=zone)
    locale = data.get("locale", "")
    return OrderContext(
        shop=shop,
        order=Order(
            id=order["id"],
            number=order.get("number", ""),
            created_at=order.get("created_at"),
            currency=order.get("currency", ""),
            total=order.get("total"),
            items=tuple(Item(**item) for item in order.get("items", ())),
            shipping_country=shipping.get("country", ""),
            shipping_method=shipping.get("method", ""),
        ),
        customer=Customer(**customer),
        locale=locale,
        language=language_for(locale, shop),
        test=data.get("test", False),
        referral=data.get("referral", ""),
        channel=data.get("channel", "embed"),
        issued_at=int(data["iat"]),
        expires_at=int(data["exp"]),
    )


def language_for(locale, shop):
    """Map a locale such as "de-DE" to a configured language, else the shop's."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = locale.replace("_", "-").split("-")[0].lower()
    return language if language in codes else shop.default_locale
