"""
Cache access that survives the cache being down.

Rendering must go on without Redis (slower), and the log must say why: each
failure is logged at warning level, without keys' personal parts (there are
none: keys name shops, pages and revisions).
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

MISSING = object()


def get(key, default=None):
    try:
        return cache.get(key, default)
    except Exception as exc:  # each cache backend raises its own errors
        _warn("read", exc)
        return default


def set(key, value, timeout=None):  # noqa: A001  (mirrors the cache API)
    try:
        cache.set(key, value, timeout)
    except Exception as exc:
        _warn("write", exc)


def delete(key):
    try:
        cache.delete(key)
    except Exception as exc:
        _warn("delete", exc)


def _warn(action, exc):
    logger.warning("cache %s failed, going on without it: %s: %s", action, type(exc).__name__, exc)
