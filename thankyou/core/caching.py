"""
Caching for the render path, correct and still working when the cache is down.

Cached things are immutable and keyed by *generations*, so nothing stale is
served and nothing needs to be found and deleted. Changing the shop (its
settings, secrets or segments) starts a new shop generation: everything of
the shop is read anew. Publishing, unpublishing, moving or deleting a page
starts a new generation of the shop's page set: the choice of page is read
anew, while each page's rendering, keyed by its live revision, stays cached
unless that page changed. A warm render therefore asks the shared cache
(Redis) for two small values and finds the rest in this process's memory.

When the cache fails, rendering goes on from the database and the log says
why (once a minute, not once a request).

A request's other cache reads ride along with the rate limiter's round trip
to Redis (``read_ahead``): a warm render asks Redis once.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

LOCAL_MAX_ENTRIES = 512
_local = {}
_last_warning = {}


def get(key, default=None):
    value = _take_ahead(key)
    if value is _MISSING:
        return default
    if value is not None:
        return value
    try:
        return cache.get(key, default)
    except Exception as exc:  # each cache backend raises its own errors
        warn("read", exc)
        return default


def set(key, value, timeout=None):
    try:
        cache.set(key, value, timeout)
    except Exception as exc:
        warn("write", exc)


def delete(key):
    try:
        cache.delete(key)
    except Exception as exc:
        warn("delete", exc)


def generation_key(shop_key):
    return f"ty:gen:{shop_key}"


def pages_generation_key(shop_key):
    return f"ty:pages:{shop_key}"


def generation(shop_key):
    """Return the shop's current generation."""
    return _current(generation_key(shop_key))


def pages_generation(shop_key):
    """Return the current generation of the shop's set of live pages."""
    return _current(pages_generation_key(shop_key))


def _current(key):
    """Return a generation's current value; a lost one is replaced by a new one."""
    value = _take_ahead(key)
    if value is not None and value is not _MISSING:
        return value
    try:
        value = cache.get(key)
        if value is None:
            cache.add(key, time.time_ns(), None)
            value = cache.get(key)
    except Exception as exc:
        warn("read", exc)
        value = None
    return value if value is not None else f"uncached-{time.time_ns()}"


def new_generation(shop_key):
    set(generation_key(shop_key), time.time_ns(), None)


def new_pages_generation(shop_key):
    set(pages_generation_key(shop_key), time.time_ns(), None)


_ahead = threading.local()


def read_ahead(values):
    """
    Keep values this request read from the cache in a round trip it made
    anyway ({key: value}, None for missing); ``get`` and ``generation`` answer
    each from them once. Forgotten when the request ends.
    """
    _ahead.values = {key: _MISSING if value is None else value for key, value in values.items()}


_MISSING = object()


def forget_read_ahead(**kwargs):
    _ahead.values = {}


def _take_ahead(key):
    values = getattr(_ahead, "values", None)
    return values.pop(key, None) if values else None


def shared(key, compute, timeout):
    """
    Return the immutable value for a generation-keyed key: from this process's
    memory, else the shared cache, else ``compute()`` (and store it in both).
    """
    if not settings.THANKYOU["CACHE"]:
        return compute()
    if key in _local:
        return _local[key]
    value = get(key)
    if value is None:
        value = compute()
        set(key, value, timeout)
    if len(_local) >= LOCAL_MAX_ENTRIES:
        _local.clear()
    _local[key] = value
    return value


def forget_local():
    """Drop this process's copies and warning memory (tests start afresh)."""
    _local.clear()
    _last_warning.clear()


def warn(action, exc):
    """Log a cache failure, at most once a minute per kind of action."""
    now = time.monotonic()
    if now - _last_warning.get(action, -60) >= 60:
        _last_warning[action] = now
        logger.warning(
            "cache %s failed, going on without it: %s: %s", action, type(exc).__name__, exc
        )
