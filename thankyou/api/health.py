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
    """
    Answer 503 only when the database does not answer: events and answers are
    stored there. Without the cache the server still serves, slower and
    without rate limits: "degraded", and the log says why. A load balancer
    that dropped every host for it would take the shops' pages down with it.
    """
    database, cache_state = _check_database(), _check_cache()
    status = "ok" if cache_state == "ok" else "degraded"
    if database != "ok":
        status = "unavailable"
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_state},
        status=503 if status == "unavailable" else 200,
    )


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # any driver error means "not ready"
        logger.warning("readyz: database unreachable: %s: %s", type(exc).__name__, exc)
        return "unreachable"


def _check_cache():
    try:
        cache.set("thankyou:readyz", "1", 5)
        return "ok" if cache.get("thankyou:readyz") == "1" else "unreachable"
    except Exception as exc:
        logger.warning("readyz: cache unreachable: %s: %s", type(exc).__name__, exc)
        return "unreachable"
