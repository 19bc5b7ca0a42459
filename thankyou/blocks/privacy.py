"""
Personal data we keep, and its deletion: after each shop's retention period,
and for one customer on request (by e-mail address).

Personal data here: newsletter sign-ups (e-mail, IP hash), free-text survey
answers, answers to designers' blocks (whatever they ask) and webhook
payloads (they carry the e-mail). After the retention period, quiz and survey
choices and gift claims stay for the statistics; erasing a customer deletes
those of their orders too.

Other apps that keep personal data of orders receive ``retention_reached``
and ``customer_erased`` and return counts of what they deleted.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from thankyou.blocks.answers import forget_done
from thankyou.blocks.models import BlockAnswer, Interaction, NewsletterSignup, SurveyAnswer
from thankyou.core import iphash
from thankyou.core.action_tokens import customer_keys
from thankyou.core.models import Shop
from thankyou.webhooks.models import WebhookDelivery

# Sent with ``now``: delete what is older than each shop's retention period.
retention_reached = Signal()
# Sent with ``email``, ``shop`` (or None) and ``orders``, a set of (shop key,
# order id): delete what is about that address or those orders.
customer_erased = Signal()


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
    for _receiver, theirs in retention_reached.send(sender=None, now=now):
        counts.update(theirs or {})
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
            Q(customer_key__in=customer_keys(email)) | Q(newslettersignup__email__iexact=email)
        )
    if orders:
        found |= Interaction.objects.filter(shop=shop, order_id__in=orders)
    if shop is not None:
        found = found.filter(shop=shop)
    acted, order_payloads, erased_orders = Q(pk__in=[]), Q(pk__in=[]), set()
    for shop_id, shop_key, order_id in set(found.values_list("shop_id", "shop__key", "order_id")):
        forget_done(shop_key, order_id)
        acted |= Q(shop_id=shop_id, order_id=order_id)
        order_payloads |= Q(shop_id=shop_id, payload__order__id=order_id)
        erased_orders.add((shop_key, order_id))
    if orders and shop is not None:  # asked for: other apps may know them without answers
        erased_orders |= {(shop.key, str(order_id)) for order_id in orders}
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
    for _receiver, theirs in customer_erased.send(
        sender=None, email=email, shop=shop, orders=erased_orders
    ):
        counts.update(theirs or {})
    return counts
