"""
Caching for the render path, correct and still working when the cache is down.

Cached things are immutable and keyed by *generations*, so nothing stale is
served and nothing needs to be found and deleted. Changing the shop (its
settings, secrets or segments) starts a new shop generation: everything of
the shop is read anew. Publishing, unpublishing, moving or deleting a page
starts a new generation of the shop's page set: the choice of page is read
anew, while each page's rendering, keyed by its live revision, stays cached
unless that page changed.

The generations live in the database (``Generation``), which is the
authority: each process reads a shop's generations at most every
THANKYOU["CACHE_CHECK_SECONDS"] seconds, so a change committed there reaches
every process within that time, with or without Redis, and whatever Redis
lost or kept during an outage. A warm render asks the database nothing in
between, and finds the rest in this process's memory or the shared cache.

When the cache fails, rendering goes on from the database and the log says
why (once a minute, not once a request).
"""

import logging
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

LOCAL_MAX_ENTRIES = 512
# The generations' key for what every shop shares (e.g. all shops' origins).
EVERY_SHOP = "*"
_local = {}
_known = {}  # shop key -> (when read, data generation, pages generation)
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
    """Return the shop's current generation."""
    return _generations(shop_key)[0]


def pages_generation(shop_key):
    """Return the current generation of the shop's set of live pages."""
    return _generations(shop_key)[1]


def _generations(shop_key):
    """The shop's (data, pages) generations, read anew once they are CACHE_CHECK_SECONDS old."""
    now = time.time()
    known = _known.get(shop_key)
    if known is None or not 0 <= now - known[0] < settings.THANKYOU["CACHE_CHECK_SECONDS"]:
        Generation = apps.get_model("thankyou", "Generation")  # models import this module
        row = Generation.objects.filter(key=shop_key).values_list("data", "pages").first()
        if len(_known) >= LOCAL_MAX_ENTRIES:
            _known.clear()
        known = _known[shop_key] = (now, *(row or (0, 0)))
    return known[1:]


def new_generation(shop_key):
    _renew(shop_key, "data")


def new_pages_generation(shop_key):
    _renew(shop_key, "pages")


def _renew(shop_key, field):
    """
    Give the shop a new generation in the database, in the transaction that
    changes what it names (other processes see both together). This process
    reads it anew at once, and again once committed.
    """
    Generation = apps.get_model("thankyou", "Generation")  # models import this module
    Generation.objects.bulk_create(
        [Generation(key=shop_key, **{field: secrets.randbits(62)})],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=[field],
    )
    _known.pop(shop_key, None)
    transaction.on_commit(lambda: _known.pop(shop_key, None))


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
    _known.clear()
    _last_warning.clear()


def warn(action, exc):
    """Log a cache failure, at most once a minute per kind of action."""
    now = time.monotonic()
    if now - _last_warning.get(action, -60) >= 60:
        _last_warning[action] = now
        logger.warning(
            "cache %s failed, going on without it: %s: %s", action, type(exc).__name__, exc
        )
