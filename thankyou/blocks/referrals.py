"""
Referrals: a customer's personal code, and the orders it brings.

A code is an HMAC of the customer's key (their customer id, the order id for
a guest) under the server's secret, keyed per shop: the same for the
customer's every order, unguessable, and without personal data in clear.
When a referral block is rendered for a customer, their code is kept with
that key (``ReferralCode``), so that a later order whose claims name the code
(``referral``) is credited to them: one ``ReferralConversion`` per order,
never for a test order nor for the referrer's own orders. Each conversion
sends the ``referral.converted`` webhook and counts in the analytics (metric
``referral``, with the order's value) of the referrer's page, block and variant.
"""

import base64
import logging

from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from thankyou.analytics.events import order_hash
from thankyou.analytics.models import Event, EventType
from thankyou.blocks.privacy import customer_erased
from thankyou.core.action_tokens import customer_key as email_key
from thankyou.core.action_tokens import customer_keys
from thankyou.webhooks.models import WebhookDelivery
from thankyou.webhooks.outbox import emit

logger = logging.getLogger(__name__)

BLOCK_TYPE = "referral"
EVENT = "referral.converted"
KNOWN_SECONDS = 24 * 3600  # a code seen this recently is not looked up again


def customer_key(customer, order):
    """The referrer as the shop knows them: its customer id, or the order for a guest."""
    if customer is not None and customer.id and not customer.is_guest:
        return f"customer:{customer.id}"
    return f"order:{order.id}"


def referral_code(shop, key):
    """16 lowercase letters and digits (80 bits of an HMAC-SHA256)."""
    digest = salted_hmac(f"thankyou.referral.{shop.key}", key, algorithm="sha256").digest()
    return base64.b32encode(digest[:10]).decode().lower()


class ReferralCode(models.Model):
    """A referrer's code, kept when their referral block was first rendered."""

    shop = models.ForeignKey(
        "thankyou.Shop", verbose_name=_("shop"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(_("code"), max_length=64)
    customer_key = models.CharField(_("referrer"), max_length=110)
    email_key = models.CharField(max_length=64, blank=True)  # to erase the customer's codes
    page_id = models.BigIntegerField()
    revision_id = models.BigIntegerField(null=True)
    block = models.CharField(max_length=64)
    variant = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("referral code")
        verbose_name_plural = _("referral codes")
        constraints = [
            models.UniqueConstraint(fields=["shop", "code"], name="unique_referral_code")
        ]

    def __str__(self):
        return self.code


class ReferralConversion(models.Model):
    """An order that came through a referrer's code (its id only as a keyed hash)."""

    shop = models.ForeignKey(
        "thankyou.Shop", verbose_name=_("shop"), on_delete=models.CASCADE, related_name="+"
    )
    order = models.CharField(max_length=22)  # keyed hash of the referred order's id
    referrer = models.ForeignKey(
        ReferralCode, verbose_name=_("referrer"), on_delete=models.CASCADE, related_name="+"
    )
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2, null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("referral conversion")
        verbose_name_plural = _("referral conversions")
        constraints = [
            models.UniqueConstraint(fields=["shop", "order"], name="unique_referral_conversion")
        ]

    def __str__(self):
        return f"{self.referrer} → {self.order}"


def observe(context, result):
    """After a render: keep the referrer's code, record the order's conversion."""
    if context.test:
        return
    try:
        block = next((b for b in result.assembly.blocks if b["type"] == BLOCK_TYPE), None)
        if block is not None:
            keep_code(context, result, block["id"])
        if context.referral:
            convert(context)
    except DatabaseError as exc:  # the page is shown all the same
        logger.warning("referral not recorded: %s", type(exc).__name__)


def keep_code(context, result, block_id):
    shop = context.shop
    key = customer_key(context.customer, context.order)
    code = referral_code(shop, key)
    known = f"referral:{shop.pk}:{code}"
    if cache.get(known):
        return
    ReferralCode.objects.get_or_create(
        shop_id=shop.pk,
        code=code,
        defaults={
            "customer_key": key,
            "email_key": email_key(context.customer.email),
            "page_id": result.page.pk,
            "revision_id": result.revision_id,
            "block": block_id,
            "variant": result.variant,
        },
    )
    cache.set(known, 1, KNOWN_SECONDS)


def convert(context):
    """Record the order's conversion once; return it if it is new, else None."""
    shop, order = context.shop, context.order
    referrer = ReferralCode.objects.filter(shop_id=shop.pk, code=context.referral).first()
    if referrer is None or referrer.customer_key == customer_key(context.customer, order):
        return None
    hashed = order_hash(shop.key, order.id)
    if ReferralConversion.objects.filter(shop_id=shop.pk, order=hashed).exists():
        return None  # a reload: the common case, without a failed INSERT
    try:
        with transaction.atomic():
            conversion = ReferralConversion.objects.create(
                shop_id=shop.pk,
                order=hashed,
                referrer=referrer,
                total=order.total,
                currency=order.currency,
            )
            Event.objects.create(
                received_at=conversion.created_at,
                shop_id=shop.pk,
                page_id=referrer.page_id,
                revision_id=referrer.revision_id,
                variant=referrer.variant,
                block=referrer.block,
                type=EventType.REFERRAL,
                order=hashed,
                total=order.total,
                currency=order.currency,
            )
            emit(shop, EVENT, payload(context, referrer, conversion))
    except IntegrityError:  # another request recorded it first
        return None
    return conversion


def payload(context, referrer, conversion):
    """Shaped as the answers' events are; ``data`` names the referrer as the shop knows them."""
    order = context.order
    kind, _sep, reference = referrer.customer_key.partition(":")
    return {
        "shop": context.shop.key,
        "test": False,
        "order": {
            "id": order.id,
            "total": None if order.total is None else str(order.total),
            "currency": order.currency,
        },
        "page": referrer.page_id,
        "block": referrer.block,
        "language": context.language,
        "occurred_at": conversion.created_at.isoformat(),
        "data": {
            "code": referrer.code,
            "referrer": {
                "customer_id": reference if kind == "customer" else None,
                "order_id": reference if kind == "order" else None,
            },
        },
    }


@receiver(customer_erased)
def erase(sender, email, shop, orders, **kwargs):
    """Forget the customer's codes (and what they brought) and their referred orders."""
    codes, referred = Q(pk__in=[]), Q(pk__in=[])
    if email:
        codes |= Q(email_key__in=customer_keys(email))
    for shop_key, order_id in orders:
        codes |= Q(shop__key=shop_key, customer_key=f"order:{order_id}")
        referred |= Q(shop__key=shop_key, order=order_hash(shop_key, order_id))
    codes = ReferralCode.objects.filter(codes)
    referred = ReferralConversion.objects.filter(referred)
    deliveries = WebhookDelivery.objects.filter(
        event=EVENT, payload__order__id__in=[order_id for _key, order_id in orders]
    )
    if shop is not None:
        codes, referred = codes.filter(shop=shop), referred.filter(shop=shop)
        deliveries = deliveries.filter(shop=shop)
    deliveries.delete()
    return {
        "referral conversions": referred.delete()[0],
        "referral codes": codes.delete()[1].get(ReferralCode._meta.label, 0),
    }
