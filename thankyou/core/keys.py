"""Keys of our own, one per purpose, derived from SECRET_KEY (they rotate with it)."""

from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac


def derived_key(purpose):
    """The 32-byte key for one purpose, e.g. "thankyou.action_tokens"."""
    return _derived(purpose, settings.SECRET_KEY)


def verifying_keys(purpose):
    """
    The purpose's keys that verify: from SECRET_KEY, then from each of
    SECRET_KEY_FALLBACKS, so that what was signed before a rotation still is.
    """
    return [_derived(purpose, key) for key in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)]


@lru_cache(maxsize=16)
def _derived(purpose, secret_key):
    return salted_hmac(purpose, "v1", secret=secret_key, algorithm="sha256").digest()
