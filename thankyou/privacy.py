"""
Personal data we keep, and its deletion: after each shop's retention period,
and for one customer on request (by e-mail address).

Personal data here: newsletter sign-ups (e-mail, IP hash), free-text survey
answers, answers to designers' blocks (whatever they ask) and webhook
payloads (they carry the e-mail). After the retention period, quiz and survey
choices and gift claims stay for the statistics; erasing a customer deletes
those of their orders too.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import iphash
from .action_tokens import customer_key
from .demo import receiver
from .interactions import forget_done
from .models import (
    BlockAnswer,
    Interaction,
    NewsletterSignup,
    Shop,
    SurveyAnswer,
    WebhookDelivery,
)


@transaction.atomic
def purge(now=None):
    """Delete each shop's personal data older than its retention; return counts."""
    now = now or timezone.now()
    counts = {"sign-ups": 0, "free texts": 0, "block answers": 0, "webhook deliveries": 0}
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
        old_answers = BlockAnswer.objects.filter(shop=shop, created_at__lt=cutoff).exclude(
            answer={}
        )
        Interaction.objects.filter(pk__in=old_answers.values("pk")).update(result={})
        counts["block answers"] += old_answers.update(answer={})
        counts["webhook deliveries"] += (
            WebhookDelivery.objects.filter(shop=shop, created_at__lt=cutoff)
            .exclude(status=WebhookDelivery.PENDING)
            .delete()[1]
            .get(WebhookDelivery._meta.label, 0)
        )
    counts["IP hash keys"] = iphash.forget_old_keys(now)
    demo = Shop.objects.filter(key=receiver.DEMO_SHOP).first()
    if demo is not None:
        cutoff = (now - timedelta(days=demo.retention_days)).isoformat(timespec="seconds")
        counts["demo webhook log entries"] = receiver.forget(
            lambda line: receiver.received_at(line) >= cutoff
        )
    return counts


@transaction.atomic
def erase_customer(email="", shop=None, orders=()):
    """
    Delete what we hold about the customer with this address, or about these
    orders of the shop: their sign-ups, everything their orders did (answers,
    free texts, claims; a claimed code stays claimed) and the webhook payloads
    about them. Return counts.

    Orders are found by the address their token carried (``customer_key``,
    recorded with each action), and by the address of a sign-up.
    """
    email = email.strip()
    found = Interaction.objects.none()
    if email:
        found = Interaction.objects.filter(
            Q(customer_key=customer_key(email)) | Q(newslettersignup__email__iexact=email)
        )
    if orders:
        found |= Interaction.objects.filter(shop=shop, order_id__in=orders)
    if shop is not None:
        found = found.filter(shop=shop)
    acted, order_payloads, demo_orders = Q(pk__in=[]), Q(pk__in=[]), set()
    for shop_id, shop_key, order_id in set(found.values_list("shop_id", "shop__key", "order_id")):
        forget_done(shop_key, order_id)
        acted |= Q(shop_id=shop_id, order_id=order_id)
        order_payloads |= Q(shop_id=shop_id, payload__order__id=order_id)
        if shop_key == receiver.DEMO_SHOP:
            demo_orders.add(order_id)
    about_address = Q(payload__data__email__iexact=email) if email else Q(pk__in=[])
    deliveries = WebhookDelivery.objects.filter(about_address | order_payloads)
    if shop is not None:
        deliveries = deliveries.filter(shop=shop)
    counts = {
        "webhook deliveries": deliveries.delete()[1].get(WebhookDelivery._meta.label, 0),
        "interactions": Interaction.objects.filter(acted)
        .delete()[1]
        .get(Interaction._meta.label, 0),
    }
    if (email or demo_orders) and (shop is None or shop.key == receiver.DEMO_SHOP):
        counts["demo webhook log entries"] = receiver.forget(
            lambda line: not receiver.is_about(line, email, demo_orders)
        )
    return counts
