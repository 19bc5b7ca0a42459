"""
The order context: a JWT the shop signs, verified and turned into plain data.

The contract is in DESIGN.md ("Order context"). Every failure is a ClientError
whose message names the claim and reveals nothing about other shops.
"""

import base64
import binascii
import json
import re
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

import jwt
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import caching
from .claims import validate_claims
from .errors import ClientError, InvalidToken

AUDIENCE = "thankyou"
SHOP_KEY_RE = re.compile(r"^[-a-zA-Z0-9_]{1,64}$")
ALGORITHM = "HS256"


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
    issued_at: int = 0
    expires_at: int = 0
    generation: object = None  # of the shop's cached data, when read from the cache


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
    header, unverified = read_unverified(token)
    if header.get("alg") != ALGORITHM:
        raise InvalidToken(_("Only HS256-signed tokens are accepted."), field="alg")

    shop, generation = _shop_for(unverified.get("iss"))
    claims = _verify_signature(token, header, shop)
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

    Only says whom the token claims to come from; PyJWT verifies it. Read
    here with the standard library, as PyJWT checks each character in Python
    and a shop's token with its items is long.
    """
    try:
        header, payload, _signature = token.split(".")
        parts = [json.loads(_base64url(segment)) for segment in (header, payload)]
    except (ValueError, binascii.Error, RecursionError):
        raise InvalidToken(_("The token is not a well-formed JWT."), field="token") from None
    if not all(isinstance(part, dict) for part in parts):
        raise InvalidToken(_("The token is not a well-formed JWT."), field="token")
    return parts[0], parts[1]


_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")  # unpadded, as JWTs are


def _base64url(segment):
    if not _BASE64URL.fullmatch(segment):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _shop_for(iss):
    if not isinstance(iss, str) or not SHOP_KEY_RE.match(iss):
        raise InvalidToken(_("The 'iss' claim must name the shop key."), field="iss")
    from .models.shop import cached_shop

    generation = caching.generation(iss)
    shop = cached_shop(iss, generation)
    if shop is None:
        raise InvalidToken(_("Unknown shop."), field="iss", code="unknown_shop")
    return shop, generation


def _verify_signature(token, header, shop):
    secrets = list(shop.secrets.all())
    kid = header.get("kid")
    if kid is not None:
        secrets = [s for s in secrets if s.kid == kid]
        if not secrets:
            raise InvalidToken(_("Unknown key id for this shop."), field="kid")
    for index, secret in enumerate(secrets):
        try:
            return jwt.decode(
                token,
                secret.secret,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=shop.key,
                options={"require": ["iss", "aud", "iat", "exp"], "verify_iat": False},
            )
        except jwt.InvalidSignatureError:
            if index == len(secrets) - 1:
                raise InvalidToken(
                    _("The signature does not match the shop's secret."),
                    field="token",
                    code="invalid_signature",
                ) from None
        except jwt.ExpiredSignatureError:
            raise InvalidToken(
                _("The token has expired."), field="exp", code="token_expired"
            ) from None
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidToken(
                _("The '%(claim)s' claim is required.") % {"claim": exc.claim},
                field=exc.claim,
            ) from None
        except jwt.InvalidAudienceError:
            raise InvalidToken(_("The 'aud' claim must be \"thankyou\"."), field="aud") from None
        except jwt.InvalidIssuerError:
            raise InvalidToken(_("The 'iss' claim is invalid."), field="iss") from None
        except jwt.ImmatureSignatureError:
            raise InvalidToken(
                _("The token is not valid yet."), field="nbf", code="token_not_yet_valid"
            ) from None
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(_("The token is invalid: %(reason)s") % {"reason": exc}) from None
    raise InvalidToken(_("The shop has no signing secret."), field="iss")


def _check_lifetime(claims, limits):
    iat, exp = claims["iat"], claims["exp"]
    if not _is_number(iat):
        raise InvalidToken(_("The 'iat' claim must be a number."), field="iat")
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
        issued_at=int(data["iat"]),
        expires_at=int(data["exp"]),
    )


def language_for(locale, shop):
    """Map a locale such as "de-DE" to a configured language, else the shop's."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = locale.replace("_", "-").split("-")[0].lower()
    return language if language in codes else shop.default_locale
