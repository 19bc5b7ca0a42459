"""
Codes and signed values for links that carry no personal data.

``keyed_code`` turns a value (an order id, a block id) into a short code that
is the same every time for that shop and value and that nobody can compute
without this server's key: a referral code, a link's reference. ``sign`` and
``unsign`` put a few values into a link so that they come back unchanged; the
values are readable by anyone who sees the link (signed, not encrypted), so
they name things (a document, a block), never a person.

Both use keys derived from SECRET_KEY: after a rotation, codes change and
signatures made before verify while the old key is in SECRET_KEY_FALLBACKS.
"""

import base64
import hmac
from hashlib import sha256

from django.core import signing
from django.utils.translation import gettext as _

from thankyou.core.errors import ClientError
from thankyou.core.keys import derived_key

CODE_LENGTH = 12  # base32 characters: 60 bits


def keyed_code(shop, value, purpose="code", length=CODE_LENGTH):
    """
    A stable, unguessable code for ``value`` within ``shop`` (a Shop or its
    key): lowercase letters and digits 2-7, easy to type and case-insensitive.
    Different purposes give unrelated codes for the same value.
    """
    shop_key = getattr(shop, "key", shop)
    message = f"{shop_key}\x00{value}".encode()
    digest = hmac.new(derived_key(f"thankyou.links.{purpose}"), message, sha256).digest()
    return base64.b32encode(digest).decode().rstrip("=").lower()[:length]


def sign(purpose, values, expires=False):
    """
    ``values`` (a dict of numbers, booleans and short strings) signed for one
    purpose, URL-safe. With ``expires``, the signature carries its time so
    that ``unsign`` can refuse it after ``max_age``.
    """
    _check_values(values)
    signer = signing.TimestampSigner(salt=purpose) if expires else signing.Signer(salt=purpose)
    return signer.sign_object(values, compress=True)


def unsign(purpose, signed, max_age=None, field="link"):
    """
    The values of a ``sign``-ed string, or ClientError naming ``field`` when
    it was not signed here for this purpose or is older than ``max_age``
    (seconds or a timedelta; a value signed without ``expires`` never is).
    """
    timestamped = signed.count(signing.Signer().sep) > 1
    try:
        if timestamped:
            return signing.TimestampSigner(salt=purpose).unsign_object(signed, max_age=max_age)
        if max_age is not None:
            raise signing.BadSignature
        return signing.Signer(salt=purpose).unsign_object(signed)
    except signing.SignatureExpired:
        raise ClientError(_("This link has expired."), field=field, code="link_expired") from None
    except (signing.BadSignature, ValueError):
        raise ClientError(_("This link is not valid."), field=field, code="invalid_link") from None


def _check_values(values):
    if not isinstance(values, dict):
        raise TypeError("Signed link values must be a dict.")
    for key, value in values.items():
        if value is not None and not isinstance(value, (str, int, float, bool)):
            raise TypeError(f"Signed link value {key!r} must be a number, a boolean or a string.")
        if isinstance(value, str) and "@" in value:
            raise ValueError(f"Signed link value {key!r} looks like an e-mail address.")
