"""
What customers did on the blocks that ask something: answers, sign-ups, gifts.

Every one-time action is an Interaction, unique per shop, order and block, so
a replay or a double click finds the first one instead of a second. Its
``result`` is what the customer was shown, shown again when the page reloads.
"""

import json

from django.contrib.admin.decorators import display
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thankyou.blocks.registry import get_block_types
from thankyou.core import rules

QUIZ, SURVEY, NEWSLETTER, GIFT = "quiz", "survey", "newsletter", "gift"
KINDS = [
    (QUIZ, _("Quiz answer")),
    (SURVEY, _("Survey answer")),
    (NEWSLETTER, _("Newsletter sign-up")),
    (GIFT, _("Gift claim")),
]


class Interaction(models.Model):
    shop = models.ForeignKey(
        "thankyou.Shop", verbose_name=_("shop"), on_delete=models.CASCADE, related_name="+"
    )
    order_id = models.CharField(_("order"), max_length=rules.ORDER_ID_MAX_LENGTH)
    block_id = models.CharField(_("block"), max_length=rules.KEY_MAX_LENGTH)
    kind = models.CharField(_("kind"), max_length=16, choices=KINDS)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision_id = models.BigIntegerField(null=True)
    variant = models.CharField(max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    test = models.BooleanField(_("test order"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    result = models.JSONField(default=dict)
    # Who, for erasure only: action_tokens.customer_key of the order's e-mail address.
    customer_key = models.CharField(max_length=64, blank=True, editable=False)
    # The order's one gift claim that holds its code; the others show that code.
    holds_gift_code = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "order_id", "block_id"], name="one_action_per_order_and_block"
            ),
            models.UniqueConstraint(
                fields=["shop", "order_id"],
                condition=models.Q(holds_gift_code=True),
                name="one_gift_code_per_order",
            ),
        ]
        indexes = [models.Index(fields=["customer_key"], name="interaction_customer")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.order_id}"


class QuizAnswer(Interaction):
    answers = models.JSONField(_("answers"), default=list)
    outcome = models.CharField(_("outcome"), max_length=40)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")

    @display(description=_("outcome"))
    def outcome_title(self):
        """The outcome's title as the customer read it (its key for answers stored before)."""
        return self.result.get("title") or self.outcome


class SurveyAnswer(Interaction):
    option = models.CharField(_("option"), max_length=40)
    option_label = models.CharField(_("answer"), max_length=120)
    other_text = models.TextField(_("other (free text)"), blank=True)
    total = models.DecimalField(_("order total"), max_digits=14, decimal_places=2, null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")


class BlockAnswer(Interaction):
    """An answer to a block of a designer's own (``InteractiveBlock.answer_serializer``)."""

    answer = models.JSONField(_("answer"), default=dict)

    class Meta:
        verbose_name = _("answer to another block")
        verbose_name_plural = _("answers to other blocks")

    @display(description=_("answer"))
    def answer_text(self):
        return json.dumps(self.answer, ensure_ascii=False, sort_keys=True)

    @display(description=_("block"))
    def block_label(self):
        """The answered block type's name, as editors know it (else its action)."""

        labels = {
            block.meta.action: block.meta.label
            for _name, block in get_block_types()
            if getattr(block.meta, "action", None)
        }
        return str(labels.get(self.kind, self.kind))


class NewsletterSignup(Interaction):
    email = models.EmailField(_("e-mail"), max_length=rules.EMAIL_MAX_LENGTH)
    consent_text = models.TextField(_("consent text"))
    consent_version = models.CharField(_("consent version"), max_length=40)
    ip_hash = models.CharField(
        _("IP hash"),
        max_length=64,
        blank=True,
        help_text=_("Keyed hash of the IP address; the key changes daily and is deleted later."),
    )

    class Meta:
        verbose_name = _("newsletter sign-up")
        verbose_name_plural = _("newsletter sign-ups")


class QuizTally(models.Model):
    """Answers per outcome of a quiz, counted on write ("" counts all of them)."""

    shop = models.ForeignKey("thankyou.Shop", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=rules.KEY_MAX_LENGTH)
    outcome = models.CharField(max_length=40, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "block_id", "outcome"], name="one_tally_per_outcome"
            )
        ]

    def __str__(self):
        return f"{self.block_id} {self.outcome or '*'}: {self.count}"


class GiftCode(models.Model):
    """
    A code of a shop's pool; claimed by at most one order, at most one per order.

    ``pool`` is the id of the gift block the code was uploaded for, or "" for
    the shop's shared pool, which serves gift blocks without codes of their own.
    """

    shop = models.ForeignKey(
        "thankyou.Shop", verbose_name=_("shop"), on_delete=models.CASCADE, related_name="+"
    )
    pool = models.CharField(_("pool"), max_length=rules.KEY_MAX_LENGTH, blank=True, default="")
    code = models.CharField(_("code"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claim = models.OneToOneField(
        Interaction,
        verbose_name=_("claim"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gift_code",
    )

    class Meta:
        verbose_name = _("gift code")
        verbose_name_plural = _("gift codes")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["shop", "code"], name="unique_gift_code_per_shop")
        ]
        indexes = [models.Index(fields=["shop", "pool", "claimed_at"], name="gift_code_free")]

    def __str__(self):
        return self.code

    @property
    @display(description=_("order"))
    def order_id(self):
        return self.claim.order_id if self.claim_id else ""


class GiftPool(models.Model):
    """A pool's state (a gift block's, or the shop's shared one, ``pool`` ""):
    customers who found it empty warn the merchant until codes are uploaded to it."""

    shop = models.ForeignKey("thankyou.Shop", on_delete=models.CASCADE, related_name="+")
    pool = models.CharField(max_length=rules.KEY_MAX_LENGTH, blank=True, default="")
    missed = models.PositiveIntegerField(default=0)
    empty_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "pool"], name="one_state_per_gift_pool")
        ]

    def __str__(self):
        return f"{self.shop_id} {self.pool or '*'}"
