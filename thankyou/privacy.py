"""
Personal data we keep, and its deletion: after each shop's retention period,
and for one customer on request (by e-mail address).

Personal data here: newsletter sign-ups (e-mail, IP hash), free-text survey
answers and webhook payloads (they carry the e-mail). After the retention
period, quiz and survey choices and gift claims stay for the statistics;
erasing a customer deletes those of their orders too.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import iphash
from .interactions import forget_done
from .models import Interaction, NewsletterSignup, Shop, SurveyAnswer, WebhookDelivery


@transaction.atomic
def purge(now=None):
    """Delete each shop's personal data older than its retention; return counts."""
    now = now or timezone.now()
    counts = {"sign-ups": 0, "free texts": 0, "webhook deliveries": 0}
    for shop in Shop.objects.all():
        cutoff = now - timedelta(days=shop.retention_days)
        counts["sign-ups"] += (
            NewsletterSignup.objects.filter(shop=shop, created_at__lt=cutoff)
            .delete()[1]
            .get(NewsletterSignup._meta.label, 0)
        )
        counts["free texts"] += (
            SurveyAnswer.objects.filter(shop=shop, created_at__lt=cutoff)
            .exclude(other_text="")
            .update(other_text="")
        )
        counts["webhook deliveries"] += (
            WebhookDelivery.objects.filter(shop=shop, created_at__lt=cutoff)
            .exclude(status=WebhookDelivery.PENDING)
            .delete()[1]
            .get(WebhookDelivery._meta.label, 0)
        )
    counts["IP hash keys"] = iphash.forget_old_keys(now)
    return counts


@transaction.atomic
def erase_customer(email, shop=None):
    """
    Delete what we hold about the customer with this address: their sign-ups,
    everything their orders did (answers, free texts, claims; a claimed code
    stays claimed) and the webhook payloads about them. Return counts.
    """
    email = email.strip()
    signups = NewsletterSignup.objects.filter(email__iexact=email)
    if shop is not None:
        signups = signups.filter(shop=shop)
    orders, order_payloads = Q(pk__in=[]), Q(pk__in=[])
    for shop_id, shop_key, order_id in signups.values_list("shop_id", "shop__key", "order_id"):
        forget_done(shop_key, order_id)
        orders |= Q(shop_id=shop_id, order_id=order_id)
        order_payloads |= Q(shop_id=shop_id, payload__order__id=order_id)
    deliveries = WebhookDelivery.objects.filter(
        Q(payload__data__email__iexact=email) | order_payloads
    )
    if shop is not None:
        deliveries = deliveries.filter(shop=shop)
    return {
        "webhook deliveries": deliveries.delete()[1].get(WebhookDelivery._meta.label, 0),
        "interactions": Interaction.objects.filter(orders)
        .delete()[1]
        .get(Interaction._meta.label, 0),
    }
