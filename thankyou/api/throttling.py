"""
Rate limits for the public API: per client (IP) and per shop.

Fixed one-minute windows counted with atomic increments. With Redis, all of a
request's counters go in one pipelined round trip; other caches use add/incr.
When the cache is unreachable the request is let through: a broken cache must
not take the shops' pages down with it.
"""

import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from .. import caching
from ..context import read_unverified
from ..errors import ClientError

WINDOW = 60


class RateLimit(BaseThrottle):
    """Limit an endpoint per client and per shop (rates in THANKYOU["RATE_LIMITS"])."""

    endpoint = ""

    def allow_request(self, request, view):
        rates = settings.THANKYOU["RATE_LIMITS"]
        limits = [
            (f"{self.endpoint}_client", self.get_ident(request)),
            (f"{self.endpoint}_shop", self.shop_key(request)),
        ]
        limits = [(scope, ident) for scope, ident in limits if ident and rates.get(scope)]
        if not limits:
            return True
        now = time.time()
        window_start = int(now // WINDOW) * WINDOW
        keys = [f"throttle:{scope}:{ident}:{window_start}" for scope, ident in limits]
        try:
            counts = _count(keys)
        except Exception as exc:  # each cache backend raises its own errors
            caching.warn("rate limit", exc)
            return True
        self.wait_seconds = max(1, int(window_start + WINDOW - now))
        return all(
            count <= rates[scope] for count, (scope, _ident) in zip(counts, limits, strict=True)
        )

    def shop_key(self, request):
        return shop_key_of(request)

    def wait(self):
        return self.wait_seconds


def _count(keys):
    """Increment each counter once and return the new counts."""
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is None:  # not Redis: two calls per counter
        counts = []
        for key in keys:
            cache.add(key, 0, timeout=WINDOW + 5)
            counts.append(cache.incr(key))
        return counts
    pipeline = client(write=True).pipeline(transaction=False)
    for key in keys:
        full_key = cache.make_key(key)
        pipeline.incr(full_key)
        pipeline.expire(full_key, WINDOW + 5, nx=True)
    return pipeline.execute()[::2]


def shop_key_of(request):
    """Read the shop key the body's token claims, unverified (only for counting)."""
    data = request.data if isinstance(request.data, dict) else {}
    token = data.get("token") or data.get("action_token")  # shop-signed or ours
    if not isinstance(token, str) or len(token) > settings.THANKYOU["TOKEN_MAX_BYTES"]:
        return None
    try:
        claims = read_unverified(token)[1]
    except ClientError:
        return None
    issuer = claims.get("iss") or claims.get("shop")
    return issuer if isinstance(issuer, str) and len(issuer) <= 64 else None


def rate_limit(endpoint):
    """Return the throttle class for one endpoint ("render", "events", …)."""
    return type(f"{endpoint.title()}RateLimit", (RateLimit,), {"endpoint": endpoint})
