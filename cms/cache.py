"""
The Redis client under django-redis: it rests after a failure.

django-redis ignores Redis errors (the cache is then empty and writes are
lost), but each call to an unreachable or hung Redis still waits for its
socket timeout, and a render makes several calls. After a connection error or
a timeout this client fails at once for ``REST_SECONDS``, then tries again:
during an outage a process waits for Redis once every few seconds, not once
per call.
"""

import logging
import time

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

REST_SECONDS = 5

# Retrying a hung Redis would only multiply the wait.
NO_RETRY = Retry(NoBackoff(), 0)

logger = logging.getLogger(__name__)


def redis_cache(location, timeout, key_prefix=""):
    """The settings of a cache in Redis: errors read as misses, no call waits
    longer than `timeout` seconds, and a failure rests the client."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "REDIS_CLIENT_CLASS": "cms.cache.RestingRedis",
            "CONNECTION_POOL_KWARGS": {"retry": NO_RETRY},
        },
    }


class RestingRedis(redis.Redis):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.down_until = 0.0
        self.logged_at = None

    def execute_command(self, *args, **options):
        if time.monotonic() < self.down_until:
            raise redis.ConnectionError("Redis failed a moment ago; not asking it yet")
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            now = time.monotonic()
            self.down_until = now + REST_SECONDS
            if self.logged_at is None or now - self.logged_at >= 60:  # once a minute
                self.logged_at = now
                logger.warning("Redis failed, going on without it: %s: %s", type(exc).__name__, exc)
            raise
