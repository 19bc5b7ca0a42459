"""
Rate limits for the public API: per client (IP) and per shop.

Fixed one-minute windows counted with atomic increments. With Redis, all of a
request's counters go in one command (a Lua script); other caches use add/incr.
When the cache is unreachable the request is let through: a broken cache must
not take the shops' pages down with it.

A shop's counter is taken back when the request's token turns out not to be
the shop's (``refund_shop``): anyone can name a shop, and forged tokens must
not use up its limit. An IPv6 client is its /64 network, which a single
subscriber usually holds whole. Counters are keyed by a keyed hash of the
client's address, not the address.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from thankyou.core import caching
from thankyou.core.context import read_unverified
from thankyou.core.errors import ClientError
from thankyou.core.keys import derived_key

WINDOW = 60


class RateLimit(BaseThrottle):
    """
    Limit an endpoint per client and per shop (rates in THANKYOU["RATE_LIMITS"]).

    With Redis, the round trip that counts also reads the keys the endpoint
    names (``read_ahead``); the view finds them in ``request.thankyou_read_ahead``
    ({key: value, None if missing}).
    """

    endpoint = ""
    read_ahead = staticmethod(lambda shop_key, claims: [])

    def allow_request(self, request, view):
        rates = settings.THANKYOU["RATE_LIMITS"]
        shop_key, claims = shop_of(request)
        limits = [
            (f"{self.endpoint}_client", self.get_ident(request)),
            (f"{self.endpoint}_shop", shop_key),
        ]
        limits = [(scope, ident) for scope, ident in limits if ident and rates.get(scope)]
        if not limits:
            return True
        now = time.time()
        window_start = int(now // WINDOW) * WINDOW
        keys = [f"throttle:{scope}:{_pseudonym(ident)}:{window_start}" for scope, ident in limits]
        request._request.thankyou_shop_counters = [
            key for key, (scope, _) in zip(keys, limits, strict=True) if scope.endswith("_shop")
        ]
        reads = self.read_ahead(shop_key, claims) if shop_key else []
        try:
            counts, request._request.thankyou_read_ahead = _count(keys, reads)
        except Exception as exc:  # each cache backend raises its own errors
            caching.warn("rate limit", exc)
            return True
        self.wait_seconds = max(1, int(window_start + WINDOW - now))
        return all(
            count <= rates[scope] for count, (scope, _ident) in zip(counts, limits, strict=True)
        )

    def wait(self):
        return self.wait_seconds

    def get_ident(self, request):
        ident = super().get_ident(request)
        if ":" not in ident:
            return ident
        try:
            address = ipaddress.IPv6Address(ident)
        except ValueError:
            return ident
        if address.ipv4_mapped:  # an IPv4 client of a dual-stack listener
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address)


def _pseudonym(ident):
    """The ident as the counter's key names it: no client address in the cache."""
    key = derived_key("thankyou.rate-limits")
    return hashlib.blake2b(ident.encode(), key=key, digest_size=12).hexdigest()


def refund_shop(request):
    """Take back the shop's counts of a request whose token was not the shop's."""
    for key in getattr(request, "thankyou_shop_counters", ()):
        try:
            cache.decr(key)
        except ValueError:  # its window has ended
            pass
        except Exception as exc:  # each cache backend raises its own errors
            caching.warn("rate limit", exc)


# Count each limit (its window expires after the first count) and read the
# other keys, as one command in one round trip.
COUNT_AND_READ = """
local limits = tonumber(ARGV[1])
local out = {}
for i = 1, limits do
  out[i] = redis.call('INCR', KEYS[i])
  if out[i] == 1 then redis.call('EXPIRE', KEYS[i], ARGV[2]) end
end
for i = limits + 1, #KEYS do
  out[i] = redis.call('GET', KEYS[i])
end
return out
"""
_scripts = {}


def _count(keys, reads=()):
    """
    Increment each counter once; return the new counts and, with Redis, the
    `reads` keys' values read in the same round trip ({} without Redis).
    """
    redis_client = getattr(cache, "client", None)
    if redis_client is None:  # not Redis: two calls per counter, nothing to save by reading ahead
        counts = []
        for key in keys:
            cache.add(key, 0, timeout=WINDOW + 5)
            counts.append(cache.incr(key))
        return counts, {}
    client = redis_client.get_client(write=True)
    script = _scripts.get(client)
    if script is None:
        script = _scripts[client] = client.register_script(COUNT_AND_READ)
    results = script(
        keys=[cache.make_key(key) for key in (*keys, *reads)], args=[len(keys), WINDOW + 5]
    )
    values = results[len(keys) :]
    read = {
        key: None if value is None else redis_client.decode(value)
        for key, value in zip(reads, values, strict=True)
    }
    return results[: len(keys)], read


def shop_of(request):
    """The shop key the body's token claims and its claims, unverified (for
    counting and reading ahead only); (None, {}) if there is none."""
    data = request.data if isinstance(request.data, dict) else {}
    token = data.get("token") or data.get("action_token")  # shop-signed or ours
    if not isinstance(token, str) or len(token) > settings.THANKYOU["TOKEN_MAX_BYTES"]:
        return None, {}
    try:
        claims = read_unverified(token)[1]
    except ClientError:
        return None, {}
    issuer = claims.get("iss") or claims.get("shop")
    return (issuer, claims) if isinstance(issuer, str) and len(issuer) <= 64 else (None, {})


def rate_limit(endpoint, read_ahead=None):
    """Return the throttle class for one endpoint ("render", "events", …);
    `read_ahead(shop_key, unverified claims)` names the cache keys to read with the count."""
    attributes = {"endpoint": endpoint}
    if read_ahead is not None:
        attributes["read_ahead"] = staticmethod(read_ahead)
    return type(f"{endpoint.title()}RateLimit", (RateLimit,), attributes)
