import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Answer while the process runs."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Answer 200 only when the database and the cache are reachable."""
    checks = {"database": _check_database(), "cache": _check_cache()}
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # any driver error means "not ready"
        logger.warning("readyz: database unreachable: %s", type(exc).__name__)
        return "unreachable"


def _check_cache():
    try:
        cache.set("thankyou:readyz", "1", 5)
        return "ok" if cache.get("thankyou:readyz") == "1" else "unreachable"
    except Exception as exc:
        logger.warning("readyz: cache unreachable: %s", type(exc).__name__)
        return "unreachable"
