"""
The account prompt's link to the shop's registration page.

It carries no personal data: the order number (the order id when the context
has none), an expiry time and an HMAC-SHA256 of them under the shop's newest
signing secret, so the shop's backend can trust the order number and prefill
the e-mail address it knows for that order. The shop verifies::

    message = f"{shop_key}.{order}.{expires}"
    hmac_sha256(secret_with_kid, message).hexdigest() == signature and now < expires
"""

import hmac
import time
from hashlib import sha256
from urllib.parse import quote, urlencode

from django.conf import settings

PLACEHOLDERS = ("order", "expires", "kid", "signature")


def signature(secret, shop_key, order, expires):
    message = f"{shop_key}.{order}.{expires}".encode()
    return hmac.new(secret.encode(), message, sha256).hexdigest()


def registration_link(template, shop, order, now=None):
    """Fill in (or append) the signed parameters for this order."""
    if not template or shop.pk is None:  # an unsaved sample shop: block previews
        return template
    secret = next(iter(shop.secrets.all()), None)  # newest first
    if secret is None:
        return ""
    reference = str(order.number or order.id)
    expires = int(now or time.time()) + settings.THANKYOU["ACCOUNT_LINK_LIFETIME"]
    values = {
        "order": reference,
        "expires": str(expires),
        "kid": secret.kid,
        "signature": signature(secret.secret, shop.key, reference, expires),
    }
    if not any("{%s}" % name in template for name in PLACEHOLDERS):  # noqa: UP031
        return template + ("&" if "?" in template else "?") + urlencode(values)
    for name, value in values.items():
        template = template.replace("{%s}" % name, quote(value, safe=""))  # noqa: UP031
    return template


def verify(shop, order, expires, kid, given, now=None):
    """True if a link's parameters were signed for this shop and have not expired."""
    try:
        expires = int(expires)
    except (TypeError, ValueError):
        return False
    if expires < (now or time.time()):
        return False
    for secret in shop.secrets.all():
        if secret.kid == kid and hmac.compare_digest(
            signature(secret.secret, shop.key, str(order), expires), str(given)
        ):
            return True
    return False
