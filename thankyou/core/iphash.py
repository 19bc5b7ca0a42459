"""
Keyed, rotating hashes of IP addresses (stored with newsletter sign-ups).

A plain hash of an IPv4 address is reversed by trying all 2^32 addresses.
Here the key is a random one per day, stored in the database and combined
with SECRET_KEY: a database dump alone reverses nothing, and once the day's
key is deleted (after IP_HASH_KEY_DAYS, by purge_personal_data) nobody can.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from thankyou.core.models import HashKey

_keys = {}


def ip_hash(ip, now=None):
    day = (now or timezone.now()).date()
    return hmac.new(_key(day), ip.encode(), hashlib.sha256).hexdigest()


def _key(day):
    if day not in _keys:
        key = HashKey.objects.filter(day=day).first()
        if key is None:
            try:
                with transaction.atomic():
                    key = HashKey.objects.create(day=day)
            except IntegrityError:
                key = HashKey.objects.get(day=day)
        _keys.clear()
        _keys[day] = salted_hmac("thankyou.iphash", key.secret, algorithm="sha256").digest()
    return _keys[day]


def forget_old_keys(now=None):
    """Delete the keys older than IP_HASH_KEY_DAYS; return how many."""
    cutoff = (now or timezone.now()).date() - timedelta(days=settings.THANKYOU["IP_HASH_KEY_DAYS"])
    _keys.clear()
    return HashKey.objects.filter(day__lt=cutoff).delete()[0]
