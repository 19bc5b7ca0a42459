"""
"Reveal my gift": one code of the block's pool for this order.

A gift block draws from the codes uploaded for it; one without codes of its
own draws from the shop's shared pool (codes uploaded before pools existed).

The code is assigned when the customer asks for it, atomically, once per
order; a reload shows the same code. When the pool is empty the block says
so kindly and the merchant is warned in the admin.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks

from thankyou.blocks.answers import finish, record
from thankyou.blocks.interactive import DONE_HELP, InteractiveBlock
from thankyou.blocks.models import GIFT, GiftCode, GiftPool, Interaction
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.standard import StandardTextBlock
from thankyou.core.errors import ClientError


class GiftRequestSerializer(serializers.Serializer):
    """Nothing but the action token and the block: asking is the answer."""


class GiftCodeResultSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The order's gift code."))


class GiftCodeValueSerializer(serializers.Serializer):
    done = GiftCodeResultSerializer(allow_null=True, help_text=DONE_HELP)


class GiftCodeBlock(InteractiveBlock):
    value_serializer = GiftCodeValueSerializer
    answer_serializer = GiftRequestSerializer
    result_serializer = GiftCodeResultSerializer

    heading = PersonalCharBlock(label=_("Headline"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=600, required=False)
    button_label = StandardTextBlock(_("Reveal my gift"), label=_("Button text"), max_length=60)
    code_label = StandardTextBlock(_("Your code:"), label=_("Code label"), max_length=60)
    note = blocks.CharBlock(
        label=_("Small print"),
        max_length=240,
        required=False,
        help_text=_("E.g. how long the code is valid."),
    )
    empty_text = StandardTextBlock(
        _("All our gifts have found a home for now. Thank you for understanding!"),
        label=_("When no code is left"),
        max_length=240,
    )

    class Meta:
        icon = "pick"
        preview_result = {"code": "BOHNE-4F2A9C"}
        label = _("Gift code")
        template = "thankyou/blocks/gift_code.html"
        description = _("Customers reveal a code from the block's gift code pool.")
        action = "gift"
        event = "gift.claimed"
        event_label = _("Gift claimed")
        preview_translations = {
            "en": {
                "heading": "A gift for you, {first_name}",
                "text": "As a thank-you: a voucher for your next order.",
                "button_label": "Reveal your gift",
                "code_label": "Your code:",
                "note": "Valid until the end of March.",
                "empty_text": "All gifts are taken right now. Thank you for understanding!",
            }
        }
        preview_value = {
            "heading": "Ein Geschenk für dich, {first_name}",
            "text": "Als Dankeschön: ein Gutschein für deine nächste Bestellung.",
            "button_label": "Geschenk aufdecken",
            "code_label": "Dein Code:",
            "note": "Einlösbar bis Ende März.",
            "empty_text": "Alle Geschenke sind gerade vergeben. Danke für dein Verständnis!",
        }

    def answer(self, target, data):
        """Give the order its one code of the pool (a sample one to a test order)."""
        return reveal_gift(target, self.event)


class PoolEmpty(Exception):
    pass


def reveal_gift(target, event):
    if target.claims.test:
        return reveal_sample_gift(target, event)

    def then(row):
        held = code_of_order(target.shop.pk, row.order_id) or hold_for_order(row)
        if held is not None:  # another gift block of the shop gave this order its one code
            row.result = {"code": held}
            Interaction.objects.filter(pk=row.pk).update(result=row.result)
            return
        pool = pool_of(target.shop.pk, target.block_id)
        code = claim_code(target.shop.pk, row, pool)
        if code is None:
            raise PoolEmpty(pool)
        finish(target, row, {"code": code}, event, {"code": code})

    try:
        row, created = record(Interaction, target, GIFT, {}, then)
    except PoolEmpty as empty:
        note_empty_pool(target.shop, *empty.args)
        raise ClientError(
            gettext("No gift code is left."), code="gift_codes_exhausted", status=409
        ) from None
    return {"code": row.result.get("code", "")}, created


def reveal_sample_gift(target, event):
    """
    A test order's gift: a sample code that is plainly one, in the page's
    language, kept like a real one (a reload shows it again); the pool gives
    nothing. The merchant's systems hear of it once per order, marked as a test.
    """

    def then(row):
        with translation.override(target.language):
            code = gettext("SAMPLE-TEST-ORDER")
        others = Interaction.objects.filter(
            shop=target.shop, order_id=row.order_id, kind=GIFT
        ).exclude(pk=row.pk)
        if others.exists():  # another gift block of the page revealed it already
            row.result = {"code": code}
            Interaction.objects.filter(pk=row.pk).update(result=row.result)
        else:
            finish(target, row, {"code": code}, event, {"code": code})

    row, created = record(Interaction, target, GIFT, {}, then)
    return {"code": row.result.get("code", "")}, created


def code_of_order(shop_id, order_id):
    """The code the order already holds, if any: one per order, whichever block asked."""
    codes = GiftCode.objects.filter(shop_id=shop_id, claim__order_id=order_id)
    return codes.values_list("code", flat=True).first()


def hold_for_order(row):
    """
    Make this claim the one that holds the order's code; if a claim of another
    gift block (another tab) got there first, return that claim's code.

    The unique constraint decides: on PostgreSQL a second holder waits for the
    first one's transaction and fails once it commits (SQLite serialises the
    whole claim anyway).
    """
    try:
        with transaction.atomic():
            Interaction.objects.filter(pk=row.pk).update(holds_gift_code=True)
    except IntegrityError:
        return code_of_order(row.shop_id, row.order_id) or ""
    return None


def pool_of(shop_id, block_id):
    """The block's own pool once codes were uploaded for it, else the shop's shared one."""
    return block_id if GiftCode.objects.filter(shop_id=shop_id, pool=block_id).exists() else ""


def claim_code(shop_id, claim, pool=""):
    """
    Give one free code of the pool to this claim; None if none is left.

    A conditional UPDATE (only while the code is still free) is atomic on
    SQLite and PostgreSQL alike; losing a race to another order just tries
    the next free code. On PostgreSQL, SKIP LOCKED spreads concurrent claims
    over different codes instead of queueing them on the same one; the
    candidate is a scalar subquery (``id = (SELECT … LIMIT 1)``), evaluated
    once, where ``id IN (…)`` let concurrent updates take several rows.
    """
    now = timezone.now()
    free = GiftCode.objects.filter(shop_id=shop_id, pool=pool, claimed_at__isnull=True)
    while True:
        candidate = free.order_by("pk").select_for_update(skip_locked=True).values("pk")[:1]
        if free.filter(pk=Subquery(candidate)).update(claimed_at=now, claim=claim):
            return GiftCode.objects.filter(claim=claim).values_list("code", flat=True).first()
        if not free.exists():
            return None


def note_empty_pool(shop, pool):
    """Warn the merchant (admin): count customers who found the pool empty."""
    state, _created = GiftPool.objects.get_or_create(shop=shop, pool=pool)
    GiftPool.objects.filter(pk=state.pk).update(
        missed=F("missed") + 1, empty_since=state.empty_since or timezone.now()
    )
