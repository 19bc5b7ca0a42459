"""
E-mail opens: an invisible image in the confirmation e-mail, only for shops
that count them (``Shop.email_open_tracking``, off by default).

The image's URL is signed and names no customer: the shop, page, revision
and variant, and the keyed hash of the order id. Its first request records
one ``email_open`` event for the order; the e-mail shown again records
nothing more.
"""

import base64

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from thankyou.analytics.events import order_hash
from thankyou.analytics.models import Channel, Event, EventType
from thankyou.core.models import Shop

SALT = "thankyou.email-open"
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def image_url(shop, order_id, page_id, revision_id, variant):
    """The absolute URL of the order's open-counting image."""
    payload = [shop.pk, page_id, revision_id, variant, order_hash(shop.key, order_id)]
    signed = signing.dumps(payload, salt=SALT, compress=True)
    return settings.PUBLIC_URL + reverse("email-open", args=[signed])


def record(signed):
    """Count the open a signed image URL names, once per order; False if the URL is not ours."""
    try:
        shop_id, page_id, revision_id, variant, order = signing.loads(signed, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    opens = Event.objects.filter(shop_id=shop_id, page_id=page_id, order=order)
    if opens.filter(type=EventType.EMAIL_OPEN).exists():
        return True
    # Turned off since the e-mail was sent: the merchant no longer counts opens.
    if Shop.objects.filter(pk=shop_id, email_open_tracking=True).exists():
        Event.objects.create(
            received_at=timezone.now(),
            shop_id=shop_id,
            page_id=page_id,
            revision_id=revision_id,
            variant=variant,
            channel=Channel.EMAIL,
            type=EventType.EMAIL_OPEN,
            order=order,
        )
    return True
