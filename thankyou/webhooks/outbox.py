"""
The webhook outbox: deliveries are rows, and tasks only drive the rows.

``emit`` writes one delivery per matching subscription inside the caller's
transaction. ``drive`` claims due rows one at a time with a lease (a
conditional UPDATE), sends, and records the outcome under that lease. A
worker killed mid-delivery leaves its lease to expire; the row is then due
again and sent with the same idempotency key. Nothing lives only in a task.

A subscription deactivated or deleted sends nothing more: its deliveries are
not claimed, and one claimed just before is checked again right before it
goes out. Deliveries of an inactive subscription wait until it is active
again (deleting it deletes them).
"""

import json
import logging
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from thankyou.webhooks import errors, sending
from thankyou.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)


def emit(shop, event, payload):
    """Queue the event for each of the shop's active subscriptions to it."""
    subscriptions = [
        subscription
        for subscription in WebhookSubscription.objects.filter(shop=shop, active=True)
        if event in subscription.events
    ]
    if not subscriptions:
        return []
    now = timezone.now()
    deliveries = []
    for subscription in subscriptions:
        key = uuid.uuid4()
        deliveries.append(
            WebhookDelivery(
                subscription=subscription,
                shop=shop,
                event=event,
                idempotency_key=key,
                payload={"id": str(key), "event": event, **payload},
                next_attempt_at=now,
            )
        )
    WebhookDelivery.objects.bulk_create(deliveries)
    transaction.on_commit(kick)
    return deliveries


@task()
def deliver_due():
    """Send every webhook delivery that is due; the rows hold all the state."""
    return drive()


def kick(run_after=None):
    """Ask a worker to drive the outbox (now, or at ``run_after``)."""
    task = deliver_due.using(run_after=run_after) if run_after else deliver_due
    try:
        task.enqueue()
    except Exception as exc:  # the rows stay due; the periodic job kicks again
        logger.warning("could not enqueue webhook delivery: %s", type(exc).__name__)


def _due(now):
    return WebhookDelivery.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        status=WebhookDelivery.PENDING,
        next_attempt_at__lte=now,
    )


def _sendable(now):
    """Due, for an active subscription: an inactive one's deliveries wait, unsent."""
    return _due(now).filter(subscription__active=True)


def has_due():
    return _sendable(timezone.now()).exists()


def claim(now=None):
    """Lease the next due delivery (or None); the lease counts as an attempt."""
    now = now or timezone.now()
    lease_seconds = settings.THANKYOU["WEBHOOK_LEASE_SECONDS"]
    candidates = _sendable(now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)
    for pk in candidates[:20]:
        lease = uuid.uuid4()
        # The row's own columns only: a join would make the UPDATE a subquery
        # that two workers could both pass.
        if (
            _due(now)
            .filter(pk=pk)
            .update(
                lease=lease,
                lease_until=now + timedelta(seconds=lease_seconds),
                attempts=F("attempts") + 1,
            )
        ):
            delivery = WebhookDelivery.objects.filter(pk=pk).first()
            if delivery is not None:  # else deleted with its subscription meanwhile
                return delivery
    return None


def drive(limit=200):
    """Send due deliveries until none is due (or ``limit`` were tried); return how many."""
    tried = 0
    while tried < limit:
        delivery = claim()
        if delivery is None:
            break
        attempt(delivery)
        tried += 1
    return tried


def body_of(delivery):
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()


def attempt(delivery):
    """Send a leased delivery once and record the outcome (if the lease still holds)."""
    options = settings.THANKYOU
    # Read now, not at the claim: deactivated or deleted since, it sends nothing.
    subscription = WebhookSubscription.objects.filter(
        pk=delivery.subscription_id, active=True
    ).first()
    if subscription is None:
        release(delivery)
        return False
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "thankyou-webhooks/1",
        "Idempotency-Key": str(delivery.idempotency_key),
        "Thankyou-Event": delivery.event,
        sending.SIGNATURE_HEADER: sending.signature(subscription.secret, timestamp, body),
    }
    started, clock = timezone.now(), time.monotonic()
    status, error = None, ""
    try:
        status = sending.post(subscription.url, body, headers, options["WEBHOOK_TIMEOUT_SECONDS"])
        if not 200 <= status < 300:
            error = errors.http_status(status)
    except sending.Refused as exc:
        error = errors.refused(exc)
    except TimeoutError:
        error = errors.TIMEOUT
    except (OSError, ValueError) as exc:
        error = errors.connection_failed(exc)
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery,
        started_at=started,
        duration_ms=int((time.monotonic() - clock) * 1000),
        status_code=status,
        error=error,
    )
    if error:  # the subscription by id: its URL may carry a token
        logger.warning(
            "webhook delivery %s (subscription %s, %s) attempt %s failed: %s",
            delivery.pk,
            delivery.subscription_id,
            delivery.event,
            delivery.attempts,
            error,
        )
    mine = WebhookDelivery.objects.filter(pk=delivery.pk, lease=delivery.lease)
    outcome = {"lease": None, "lease_until": None, "last_status_code": status, "last_error": error}
    if not error:
        mine.update(status=WebhookDelivery.DELIVERED, delivered_at=now, **outcome)
    elif delivery.attempts >= options["WEBHOOK_MAX_ATTEMPTS"]:
        mine.update(status=WebhookDelivery.FAILED, **outcome)
    else:
        next_at = now + backoff(delivery.attempts)
        if mine.update(next_attempt_at=next_at, **outcome):
            kick(next_at)
    return not error


def release(delivery):
    """Give back a lease unused: the claim counted an attempt that was never made."""
    WebhookDelivery.objects.filter(pk=delivery.pk, lease=delivery.lease).update(
        lease=None, lease_until=None, attempts=F("attempts") - 1
    )


def backoff(attempts):
    """Wait before the next try: base · 2^(attempts-1), at most WEBHOOK_RETRY_MAX_SECONDS."""
    options = settings.THANKYOU
    seconds = options["WEBHOOK_RETRY_BASE_SECONDS"] * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, options["WEBHOOK_RETRY_MAX_SECONDS"]))


def retry(deliveries):
    """Send these deliveries again soon (the admin's manual retry)."""
    count = deliveries.exclude(status=WebhookDelivery.DELIVERED).update(
        status=WebhookDelivery.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease=None,
        lease_until=None,
    )
    if count:
        transaction.on_commit(kick)
    return count
