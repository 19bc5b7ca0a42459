"""
Rate limits for the public API: per client (IP) and per shop.

Fixed one-minute windows counted with an atomic cache increment (Redis in
production), so a busy shop costs two cache calls per request rather than a
growing list of timestamps. When the cache is unreachable the request is let
through: a broken cache must not take the shops' pages down with it.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from ..context import read_unverified
from ..errors import ClientError

logger = logging.getLogger(__name__)


class FixedWindowThrottle(BaseThrottle):
    scope = ""
    window = 60

    def __init__(self):
        self.limit = settings.THANKYOU["RATE_LIMITS"][self.scope]
        self.wait_seconds = None

    def get_key(self, request, view):
        raise NotImplementedError

    def allow_request(self, request, view):
        key = self.get_key(request, view)
        if key is None or not self.limit:
            return True
        now = time.time()
        window_start = int(now // self.window) * self.window
        cache_key = f"throttle:{self.scope}:{key}:{window_start}"
        try:
            cache.add(cache_key, 0, timeout=self.window + 5)
            count = cache.incr(cache_key)
        except Exception as exc:  # the cache backend's own errors vary
            logger.warning("rate limit skipped, cache unavailable: %s", type(exc).__name__)
            return True
        if count > self.limit:
            self.wait_seconds = max(1, int(window_start + self.window - now))
            return False
        return True

    def wait(self):
        return self.wait_seconds


class ClientThrottle(FixedWindowThrottle):
    """Requests per minute from one client address."""

    def get_key(self, request, view):
        return self.get_ident(request)


class ShopThrottle(FixedWindowThrottle):
    """Requests per minute for one shop, whichever clients send them."""

    def get_key(self, request, view):
        return shop_key_of(request)


def shop_key_of(request):
    """Read the shop key the body's token claims, unverified (only for counting)."""
    data = request.data if isinstance(request.data, dict) else {}
    token = data.get("token")
    if not isinstance(token, str) or len(token) > settings.THANKYOU["TOKEN_MAX_BYTES"]:
        return None
    try:
        issuer = read_unverified(token)[1].get("iss")
    except ClientError:
        return None
    return issuer if isinstance(issuer, str) and len(issuer) <= 64 else None


def throttles_for(endpoint):
    """Return the throttle classes of one endpoint ("render", "events", …)."""
    client = type(f"{endpoint}ClientThrottle", (ClientThrottle,), {"scope": f"{endpoint}_client"})
    shop = type(f"{endpoint}ShopThrottle", (ShopThrottle,), {"scope": f"{endpoint}_shop"})
    return [client, shop]
