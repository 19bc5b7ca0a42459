"""
Recording what an order does on the blocks that ask something.

A write names a block and carries the action token of the page it was shown
on; the token names shop, order, page revision and blocks, so answers can
only be given for blocks that page showed this order. Each action is stored
once per (shop, order, block); a replay returns the first result. Webhook
deliveries are written in the same transaction.
"""

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Revision

from thankyou.analytics import ab_testing
from thankyou.blocks.models import (
    GIFT,
    NEWSLETTER,
    QUIZ,
    SURVEY,
    BlockAnswer,
    GiftCode,
    GiftPool,
    Interaction,
    NewsletterSignup,
    QuizAnswer,
    QuizTally,
    SurveyAnswer,
)
from thankyou.blocks.quiz import feedback_text, outcome_of
from thankyou.blocks.survey import OTHER
from thankyou.core import action_tokens, caching, iphash
from thankyou.core.errors import ClientError, InvalidToken
from thankyou.core.models import cached_shop
from thankyou.webhooks import outbox

SPEC_SECONDS = 7 * 24 * 3600


DONE_SECONDS = 3600


def done_key(shop_key, order_id):
    return f"ty:done:{shop_key}:{order_id}"


def done_for(context):
    """What this order already did on the shop's blocks: {block_id: result}.

    Cached per order, so reloading the confirmation page asks the database
    nothing; recording an action forgets the cached answer after commit.
    Rendering calls this only for pages with such blocks."""
    shop_id, order_id = context.shop.pk, str(context.order.id)

    def compute():
        return dict(
            Interaction.objects.filter(shop_id=shop_id, order_id=order_id)
            .order_by()
            .values_list("block_id", "result")
        )

    if not settings.THANKYOU["CACHE"]:
        return compute()
    if context.done is not None:
        return context.done
    key = done_key(context.shop.key, order_id)
    done = caching.get(key)
    if done is None:
        done = compute()
        caching.set(key, done, DONE_SECONDS)
    return done


def forget_done(shop_key, order_id):
    transaction.on_commit(lambda: caching.delete(done_key(shop_key, order_id)))


@dataclass(frozen=True)
class Target:
    """A verified write: the order, the block and what the block asks."""

    claims: action_tokens.ActionClaims
    shop: object
    block_id: str
    spec: dict
    language: str

    def fields(self, kind):
        claims = self.claims
        return {
            "shop": self.shop,
            "order_id": str(claims.order),
            "block_id": self.block_id,
            "kind": kind,
            "page_id": claims.page,
            "revision_id": claims.revision,
            "variant": claims.variant,
            "language": self.language,
            "test": bool(claims.test),
            "customer_key": claims.customer,
        }


def target(action_token, block_id, action):
    """Verify the token and that it names this block, a block of this kind."""

    claims = action_tokens.verify(action_token)
    if block_id not in claims.blocks:
        raise ClientError(
            _("This block was not shown with this action token."),
            field="block",
            code="block_not_shown",
            status=403,
        )
    shop = cached_shop(claims.shop, caching.generation(claims.shop))
    if shop is None:
        raise InvalidToken(_("Unknown shop."), field="action_token", code="unknown_shop")
    if claims.revision is None:
        raise ClientError(
            _("Previews do not record answers."), field="action_token", code="preview"
        )
    page = caching.shared(
        f"ty:actions:v2:{claims.revision}:{claims.variant}",
        lambda: _page_spec(claims.revision, claims.variant),
        SPEC_SECONDS,
    )
    spec = page["blocks"].get(block_id) if page["page"] == claims.page else None
    if spec is None or spec["action"] != action:
        raise ClientError(
            _("This block does not take this kind of answer."),
            field="block",
            code="wrong_block",
        )
    return Target(claims, shop, block_id, spec, page["language"])


def _page_spec(revision_id, variant=""):
    """
    What a published revision's interactive blocks ask (revisions never change),
    in the body the order was shown: the A/B variant its label names, if any.
    """
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return {"page": None, "language": "", "blocks": {}}
    page = revision.as_object()
    language = page.locale.language_code
    blocks = {}
    with translation.override(language):  # standard texts in the page's language
        for child in ab_testing.body_shown(page, variant):
            action = getattr(child.block.meta, "action", None)
            if action:
                spec = child.block.action_spec(child.value)
                blocks[child.id] = {**spec, "action": action, "type": child.block_type}
    return {"page": int(revision.object_id), "language": language, "blocks": blocks}


def record(model, target, kind, fields, then):
    """
    Store the order's one action on this block and run ``then(row)`` in the
    same transaction; return (row, True). If the order already acted here,
    return (the first row, False) and change nothing.
    """
    try:
        with transaction.atomic():
            row = model.objects.create(**target.fields(kind), **fields)
            then(row)
            forget_done(target.shop.key, row.order_id)
            return row, True
    except IntegrityError:
        first = Interaction.objects.filter(
            shop=target.shop, order_id=str(target.claims.order), block_id=target.block_id
        ).first()
        if first is None:
            raise
        return first, False


def finish(target, row, result, event, data):
    """Keep what the customer gets back and tell the merchant's systems (``event``)."""
    row.result = result
    Interaction.objects.filter(pk=row.pk).update(result=result)
    outbox.emit(target.shop, event, event_payload(target, row, data))


def event_payload(target, row, data):
    claims = target.claims
    return {
        "shop": target.shop.key,
        "test": bool(claims.test),
        "order": {"id": str(claims.order), "total": claims.total, "currency": claims.currency},
        "page": claims.page,
        "block": target.block_id,
        "language": target.language,
        "occurred_at": row.created_at.isoformat(),
        "data": data,
    }


# Quiz


def answer_quiz(target, answers):
    questions = target.spec["questions"]
    if len(answers) != len(questions):
        raise ClientError(
            _("Answer each of the %(n)d questions with one option.") % {"n": len(questions)},
            field="answers",
        )
    for index, (answer, options) in enumerate(zip(answers, questions, strict=True)):
        if answer >= len(options):
            raise ClientError(_("There is no such option."), field=f"answers.{index}")
    outcome = outcome_of(
        [options[answer] for answer, options in zip(answers, questions, strict=True)]
    )

    def then(row):
        share = _count_answer(target, outcome)
        title = target.spec["outcomes"].get(outcome, {}).get("title", "")
        finish(
            target,
            row,
            {"outcome": outcome, "title": title, "share": share},
            "quiz.answered",
            {"answers": answers, "outcome": outcome},
        )

    row, created = record(QuizAnswer, target, QUIZ, {"answers": answers, "outcome": outcome}, then)
    outcome = target.spec["outcomes"].get(row.result["outcome"], {})
    with translation.override(target.language):
        feedback = feedback_text(row.result.get("share"))
    return {
        "outcome": row.result["outcome"],
        "title": outcome.get("title", ""),
        "text": outcome.get("text", ""),
        "share": row.result.get("share"),
        "feedback": str(feedback),
    }, created


def _count_answer(target, outcome):
    """Count the answer (test orders are not counted); return the share in percent
    of answers with this outcome, or None while fewer than the threshold exist."""
    keys = {"shop": target.shop, "block_id": target.block_id}
    if not target.claims.test:
        for key in ("", outcome):
            if not QuizTally.objects.filter(**keys, outcome=key).update(count=F("count") + 1):
                try:
                    with transaction.atomic():
                        QuizTally.objects.create(**keys, outcome=key, count=1)
                except IntegrityError:
                    QuizTally.objects.filter(**keys, outcome=key).update(count=F("count") + 1)
    counts = dict(
        QuizTally.objects.filter(**keys, outcome__in=["", outcome]).values_list("outcome", "count")
    )
    total = counts.get("", 0)
    if total < settings.THANKYOU["QUIZ_FEEDBACK_MIN_ANSWERS"]:
        return None
    return round(100 * counts.get(outcome, 0) / total)


# Survey


def answer_survey(target, option, other):
    options = target.spec["options"]
    if option not in options:
        raise ClientError(_("Choose one of the answers."), field="option")
    other = other.strip() if option == OTHER else ""
    if option == OTHER and not other:
        raise ClientError(_("Tell us in a few words, please."), field="other", code="other_missing")
    try:
        total = Decimal(target.claims.total) if target.claims.total else None
    except InvalidOperation:
        total = None
    fields = {
        "option": option,
        "option_label": options[option],
        "other_text": other,
        "total": total,
        "currency": target.claims.currency or "",
    }

    def then(row):
        finish(
            target,
            row,
            {"option": option},
            "survey.answered",
            {"option": option, "label": options[option], "other": other},
        )

    row, created = record(SurveyAnswer, target, SURVEY, fields, then)
    return {"option": row.result.get("option", option)}, created


# Designers' blocks


def answer(target, block, data):
    """Store an answer to a designer's block (``block.answer_serializer``'s data)."""
    data = _as_json(data)
    action = target.spec["action"]

    def then(row):
        result = _as_json(block.answer_result(target.spec, data))
        finish(target, row, result, f"{action}.answered", data)

    row, created = record(BlockAnswer, target, action, {"answer": data}, then)
    return row.result, created


def _as_json(value):
    """Dates and decimals as JSON has them (strings), as the stored answer keeps them."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


# Newsletter


def sign_up(target, email, consent, ip):
    if consent is not True:
        raise ClientError(_("Consent is needed to sign up."), field="consent")
    spec = target.spec
    now = timezone.now()
    fields = {
        "email": email,
        "consent_text": spec["consent_text"],
        "consent_version": spec["consent_version"],
        "ip_hash": iphash.ip_hash(ip, now) if ip else "",
        "created_at": now,
    }

    def then(row):
        consent = {
            "text": spec["consent_text"],
            "version": spec["consent_version"],
            "given_at": now.isoformat(),
        }
        finish(
            target,
            row,
            {"signed_up": True},
            "newsletter.signed_up",
            {"email": email, "consent": consent},
        )

    _row, created = record(NewsletterSignup, target, NEWSLETTER, fields, then)
    return {"signed_up": True}, created


# Gift codes


class PoolEmpty(Exception):
    pass


def reveal_gift(target):
    if target.claims.test:
        return reveal_sample_gift(target)

    def then(row):
        held = code_of_order(target.shop.pk, row.order_id) or hold_for_order(row)
        if held is not None:  # another gift block of the shop gave this order its one code
            row.result = {"code": held}
            Interaction.objects.filter(pk=row.pk).update(result=row.result)
            return
        code = claim_code(target.shop.pk, row)
        if code is None:
            raise PoolEmpty
        finish(target, row, {"code": code}, "gift.claimed", {"code": code})

    try:
        row, created = record(Interaction, target, GIFT, {}, then)
    except PoolEmpty:
        note_empty_pool(target.shop)
        raise ClientError(
            _("No gift code is left."), code="gift_codes_exhausted", status=409
        ) from None
    return {"code": row.result.get("code", "")}, created


def reveal_sample_gift(target):
    """
    A test order's gift: a sample code that is plainly one, in the page's
    language, kept like a real one (a reload shows it again); the pool gives
    nothing. The merchant's systems hear of it once per order, marked as a test.
    """

    def then(row):
        with translation.override(target.language):
            code = _("SAMPLE-TEST-ORDER")
        others = Interaction.objects.filter(
            shop=target.shop, order_id=row.order_id, kind=GIFT
        ).exclude(pk=row.pk)
        if others.exists():  # another gift block of the page revealed it already
            row.result = {"code": code}
            Interaction.objects.filter(pk=row.pk).update(result=row.result)
        else:
            finish(target, row, {"code": code}, "gift.claimed", {"code": code})

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


def claim_code(shop_id, claim):
    """
    Give one free code of the shop's pool to this claim; None if none is left.

    A conditional UPDATE (only while the code is still free) is atomic on
    SQLite and PostgreSQL alike; losing a race to another order just tries
    the next free code. On PostgreSQL, SKIP LOCKED spreads concurrent claims
    over different codes instead of queueing them on the same one; the
    candidate is a scalar subquery (``id = (SELECT … LIMIT 1)``), evaluated
    once, where ``id IN (…)`` let concurrent updates take several rows.
    """
    now = timezone.now()
    free = GiftCode.objects.filter(shop_id=shop_id, claimed_at__isnull=True)
    while True:
        candidate = free.order_by("pk").select_for_update(skip_locked=True).values("pk")[:1]
        if free.filter(pk=Subquery(candidate)).update(claimed_at=now, claim=claim):
            return GiftCode.objects.filter(claim=claim).values_list("code", flat=True).first()
        if not free.exists():
            return None


def note_empty_pool(shop):
    """Warn the merchant (admin): count customers who found the pool empty."""
    pool, _created = GiftPool.objects.get_or_create(shop=shop)
    GiftPool.objects.filter(pk=pool.pk).update(
        missed=F("missed") + 1, empty_since=pool.empty_since or timezone.now()
    )
