"""
Webhooks out: a shop's subscriptions and the outbox of their deliveries.

A delivery is written in the same transaction as what it reports, then sent
by background tasks that only drive these rows (attempts, next try, lease):
a worker killed mid-delivery leaves a lease that expires, and the delivery
is tried again with the same idempotency key.
"""

import secrets
import uuid

from django.contrib.admin.decorators import display
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thankyou.webhooks import errors
from thankyou.webhooks.events import event_choices

EVENTS = [
    ("newsletter.signed_up", _("Newsletter sign-up")),
    ("survey.answered", _("Survey answer")),
    ("quiz.answered", _("Quiz answer")),
    ("gift.claimed", _("Gift claimed")),
]


def new_webhook_secret():
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    shop = models.ForeignKey(
        "thankyou.Shop", verbose_name=_("shop"), on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(
        _("URL"),
        max_length=500,
        help_text=_("An https URL of the receiving system; redirects are not followed."),
    )
    events = models.JSONField(_("events"), default=list)
    description = models.CharField(_("description"), max_length=120, blank=True)
    secret = models.CharField(max_length=64, default=new_webhook_secret, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["shop", "pk"]

    def __str__(self):
        return self.description or self.url

    @display(description=_("events"))
    def event_names(self):
        names = dict(event_choices())
        return ", ".join(str(names.get(event, event)) for event in self.events)


class WebhookDelivery(models.Model):
    PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
    STATUSES = [
        (PENDING, _("pending")),
        (DELIVERED, _("delivered")),
        (FAILED, _("failed")),
    ]

    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    shop = models.ForeignKey(
        "thankyou.Shop", verbose_name=_("shop"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=40, choices=EVENTS)
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True)
    payload = models.JSONField()
    status = models.CharField(_("status"), max_length=16, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    lease = models.UUIDField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self):
        return f"{self.event} {self.idempotency_key}"

    @display(description=_("last error"))
    def last_error_text(self):
        return errors.describe(self.last_error)


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    started_at = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error}"

    def error_text(self):
        return errors.describe(self.error)
