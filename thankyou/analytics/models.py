"""
Analytics storage: raw events in, daily counts out.

Raw events are appended in bulk by the events endpoint and pruned after the
retention period; the roll-up turns them into DailyCount rows, which are all
the dashboard ever reads. Nothing here holds personal data: an order is
known only by a keyed hash of its id, and no address, name or browser
detail is stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    VIEW = "view", _("Views")
    BLOCK_VIEW = "block_view", _("Block views")
    CLICK = "click", _("Clicks")
    ANSWER = "answer", _("Answers")
    SIGNUP = "signup", _("Sign-ups")
    GIFT_REVEAL = "gift_reveal", _("Gift reveals")
    DOWNLOAD = "download", _("Downloads")
    VIDEO_PLAY = "video_play", _("Video plays")
    SHARE = "share", _("Shares")
    COPY = "copy", _("Copies")
    REFERRAL = "referral", _("Referred orders")  # recorded by the server, not sent
    EMAIL_OPEN = "email_open", _("E-mail opens")  # recorded by the tracking image


SERVER_EVENTS = frozenset({EventType.REFERRAL, EventType.EMAIL_OPEN})


class Channel(models.TextChoices):
    """Where the customer saw the page: in the shop, in the e-mail, on our hosted page."""

    EMBED = "embed", _("Shop page")
    EMAIL = "email", _("E-mail")
    HOSTED = "hosted", _("Hosted page")


class Event(models.Model):
    """One thing a customer did on a thank-you page (append-only)."""

    received_at = models.DateTimeField(db_index=True)
    shop = models.ForeignKey(
        "thankyou.Shop", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    page_id = models.BigIntegerField()
    revision_id = models.BigIntegerField(null=True)
    variant = models.CharField(max_length=32, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMBED)
    block = models.CharField(max_length=64, blank=True)
    type = models.CharField(max_length=16, choices=EventType.choices)
    detail = models.CharField(max_length=64, blank=True)
    order = models.CharField(max_length=22)  # keyed hash of the shop's order id
    total = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    currency = models.CharField(max_length=3, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.type} {self.block or self.page_id}"


class DailyCount(models.Model):
    """
    Counts of one metric per shop-local day, page, variant and block.

    Rows with an empty block count the whole page; rows with a detail (an
    answer's choice) count that choice within its block. ``orders`` counts
    each order once, on the day and in the channel where it first did this
    (so channels add up); ``value`` sums those orders' totals (for answers
    weighted by order value).
    """

    shop = models.ForeignKey("thankyou.Shop", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    page_id = models.BigIntegerField()
    variant = models.CharField(max_length=32, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMBED)
    block = models.CharField(max_length=64, blank=True)
    block_type = models.CharField(max_length=64, blank=True)
    metric = models.CharField(max_length=16, choices=EventType.choices)
    detail = models.CharField(max_length=64, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    events = models.PositiveBigIntegerField(default=0)
    orders = models.PositiveBigIntegerField(default=0)
    value = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "shop",
                    "day",
                    "page_id",
                    "variant",
                    "channel",
                    "block",
                    "metric",
                    "detail",
                    "currency",
                ],
                name="unique_daily_count",
            )
        ]
        indexes = [models.Index(fields=["shop", "day"], name="daily_count_shop_day")]

    def __str__(self):
        return f"{self.day} {self.metric} {self.block or self.page_id}: {self.events}"


class OrderSeen(models.Model):
    """That an order already counted for a page, metric, block and choice."""

    page_id = models.BigIntegerField()
    order = models.CharField(max_length=22)
    metric = models.CharField(max_length=16)
    block = models.CharField(max_length=64, blank=True)
    detail = models.CharField(max_length=64, blank=True)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page_id", "order", "metric", "block", "detail"],
                name="unique_order_seen",
            )
        ]

    def __str__(self):
        return f"{self.metric} {self.block or self.page_id}"


class RollupState(models.Model):
    """How far the roll-up has read the raw events (one row)."""

    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"rolled up to event {self.last_event_id}"


# A/B tests. Traffic is split between a page's original and its variants only
# while a test runs: the test fixes its goal, its arms' weights and its sample
# size when it starts, so nobody decides on the evidence of an early peek.

GOALS = [
    (EventType.CLICK, _("Clicks on a call to action")),
    (EventType.ANSWER, _("Answers (quiz or survey)")),
    (EventType.SIGNUP, _("Sign-ups")),
    (EventType.GIFT_REVEAL, _("Gift reveals")),
    (EventType.DOWNLOAD, _("Downloads")),
    (EventType.VIDEO_PLAY, _("Video plays")),
    (EventType.SHARE, _("Shares")),
    (EventType.COPY, _("Copies (of a code or link)")),
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
