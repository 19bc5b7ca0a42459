"""
Hosted order pages: a public page per order, for the link in the
confirmation e-mail (or a QR code on the packing slip).

The link carries no personal data: only the key of a ``HostedOrder`` row,
signed (``django.core.signing``), which holds the order context's verified
claims until it expires. The page signs a fresh, short-lived order token
from them with the shop's secret, and the embed script renders it as on
the shop: the same composition, action tokens and one answer per order.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from thankyou.blocks.privacy import customer_erased, retention_reached
from thankyou.core.action_tokens import customer_key, customer_keys
from thankyou.core.context import context_from_claims
from thankyou.core.errors import ClientError
from thankyou.core.signing import sign_claims
from thankyou.pages.models import HostedOrder

SALT = "thankyou.hosted-page"
# Set anew for each token the page signs: they need not outlive the visit.
REGISTERED = ("iat", "exp", "nbf", "jti", "channel")
TOKEN_SECONDS = 600


class Gone(Exception):
    """The link is not ours (``status`` 404) or has expired (410)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def link_for(context, claims):
    """The hosted page's absolute URL for the order of these verified claims."""
    stored = {name: value for name, value in claims.items() if name not in REGISTERED}
    # The claims are personal data: kept no longer than the shop keeps such data.
    days = min(settings.THANKYOU["HOSTED_PAGE_DAYS"], context.shop.retention_days)
    hosted, _created = HostedOrder.objects.update_or_create(
        shop=context.shop,
        order_id=context.order.id,
        defaults={
            "claims": stored,
            "customer_key": customer_key(context.customer.email),
            "expires_at": timezone.now() + timedelta(days=days),
        },
    )
    signed = signing.Signer(salt=SALT).sign(hosted.key)
    return settings.PUBLIC_URL + reverse("hosted-page", args=[signed])


def read(signed):
    """The HostedOrder a link names, or Gone."""
    try:
        key = signing.Signer(salt=SALT).unsign(signed)
    except signing.BadSignature:
        raise Gone(404) from None
    hosted = HostedOrder.objects.select_related("shop").filter(key=key).first()
    if hosted is None or hosted.expires_at <= timezone.now():
        raise Gone(410)
    return hosted


def order_token(hosted):
    """
    A fresh order token for the hosted page's embed and the order's language,
    or Gone if its claims no longer pass.
    """
    now = int(time.time())
    # The channel claim: what customers do here is counted apart from the shop's page.
    claims = {**hosted.claims, "iat": now, "exp": now + TOKEN_SECONDS, "channel": "hosted"}
    try:
        context = context_from_claims(hosted.shop, claims)
        return sign_claims(hosted.shop, claims), context.language
    except (ClientError, ValueError):  # claims the shop's contract refuses now, no secret left
        raise Gone(410) from None


@receiver(retention_reached)
def forget_expired(sender, now, **kwargs):
    deleted = HostedOrder.objects.filter(expires_at__lte=now).delete()[0]
    return {"hosted pages": deleted}


@receiver(customer_erased)
def forget_customer(sender, email, shop, orders, **kwargs):
    found = HostedOrder.objects.none()
    if email:
        found = HostedOrder.objects.filter(customer_key__in=customer_keys(email))
    for shop_key, order_id in orders:
        found |= HostedOrder.objects.filter(shop__key=shop_key, order_id=order_id)
    if shop is not None:
        found = found.filter(shop=shop)
    return {"hosted pages": found.delete()[0]}
