"""
Caching for the render path, correct and still working when the cache is down.

Cached things are immutable and keyed by the shop's *generation*: publishing
a page or changing the shop starts a new generation, so nothing stale is
served and nothing needs to be found and deleted. A warm render therefore
asks the shared cache (Redis) for one small value, the generation, and finds
the rest in this process's memory.

When the cache fails, rendering goes on from the database and the log says
why (once a minute, not once a request).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

LOCAL_MAX_ENTRIES = 512
_local = {}
_last_warning = {}


def get(key, default=None):
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


def generation(shop_key):
    """Return the shop's current generation; a lost one is replaced by a new one."""
    key = f"ty:gen:{shop_key}"
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
    set(f"ty:gen:{shop_key}", time.time_ns(), None)


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
