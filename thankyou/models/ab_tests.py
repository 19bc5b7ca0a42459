"""
Page variants and A/B tests.

A variant is an alternative body of a thank-you page, edited and published
with the page (its rows are part of the page's revisions). Traffic is split
between the original and its variants only while an A/B test runs: the test
fixes its goal, its arms' weights and its sample size when it starts, so
nobody decides on the evidence of an early peek.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..blocks.fields import BlocksField
from .analytics import EventType


def new_variant_key():
    return secrets.token_hex(3)


class ThankYouPageVariant(Orderable):
    """An alternative body of a thank-you page, for A/B tests."""

    page = ParentalKey("thankyou.ThankYouPage", on_delete=models.CASCADE, related_name="variants")
    key = models.CharField(max_length=12, default=new_variant_key, editable=False)
    name = models.CharField(_("name"), max_length=60, help_text=_("E.g. “Gift first”."))
    weight = models.PositiveSmallIntegerField(
        _("traffic share (%)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Share of orders that see this variant while a test runs; the original gets the rest."
        ),
    )
    body = BlocksField(blank=True, verbose_name=_("content"))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")


GOALS = [
    (EventType.CLICK, _("Clicks on a call to action")),
    (EventType.ANSWER, _("Answers (quiz or survey)")),
    (EventType.SIGNUP, _("Sign-ups")),
    (EventType.GIFT_REVEAL, _("Gift reveals")),
    (EventType.DOWNLOAD, _("Downloads")),
    (EventType.VIDEO_PLAY, _("Video plays")),
]


class ABTest(models.Model):
    """
    A test of a page's original against its variants on one goal.

    ``arms`` is fixed at the start: [{"key", "variant", "name", "weight"}],
    where ``variant`` is the variant's key ("" for the original). Events
    carry the label "<test id>-<arm key>", so each test counts only its own
    orders, and ``sample_size`` (orders per arm) is decided before any data.
    """

    shop = models.ForeignKey("thankyou.Shop", on_delete=models.CASCADE, related_name="ab_tests")
    page = models.ForeignKey(
        "thankyou.ThankYouPage", on_delete=models.CASCADE, related_name="ab_tests"
    )
    goal = models.CharField(_("goal"), max_length=16, choices=GOALS)
    arms = models.JSONField(default=list)
    baseline = models.DecimalField(
        _("expected conversion of the original (%)"), max_digits=5, decimal_places=2
    )
    effect = models.DecimalField(
        _("smallest difference worth detecting (percentage points)"),
        max_digits=5,
        decimal_places=2,
    )
    sample_size = models.PositiveIntegerField(_("orders per variant"))
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    winner = models.CharField(max_length=12, blank=True)

    class Meta:
        verbose_name = _("A/B test")
        verbose_name_plural = _("A/B tests")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=Q(ended_at=None), name="one_running_test_per_page"
            )
        ]

    def __str__(self):
        return f"{self.page.title}: {self.get_goal_display()}"

    @property
    def running(self):
        return self.ended_at is None

    def label(self, arm_key):
        """The variant label events of this arm carry."""
        return f"{self.pk}-{arm_key}"
