"""
Cache access that survives the cache being down.

Rendering must go on without Redis (slower), and the log must say why: each
failure is logged at warning level, without keys' personal parts (there are
none: keys name shops, pages and revisions).
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

MISSING = object()


def get(key, default=None):
    try:
        return cache.get(key, default)
    except Exception as exc:  # each cache backend raises its own errors
        _warn("read", exc)
        return default


def set(key, value, timeout=None):
    try:
        cache.set(key, value, timeout)
    except Exception as exc:
        _warn("write", exc)


def delete(key):
    try:
        cache.delete(key)
    except Exception as exc:
        _warn("delete", exc)


def generation(shop_id):
    """
    Return the shop's current generation of live pages.

    Cached renderings are keyed by it; publishing anything of the shop starts a
    new one, so nothing stale is served and nothing needs to be found and
    deleted. A generation lost from the cache is replaced by a new one.
    """
    key = f"ty:gen:{shop_id}"
    value = get(key)
    if value is None:
        value = time.time_ns()
        try:
            cache.add(key, value, None)
            value = cache.get(key, value)
        except Exception as exc:
            _warn("write", exc)
    return value


def new_generation(shop_id):
    set(f"ty:gen:{shop_id}", time.time_ns(), None)


def _warn(action, exc):
    logger.warning("cache %s failed, going on without it: %s: %s", action, type(exc).__name__, exc)
