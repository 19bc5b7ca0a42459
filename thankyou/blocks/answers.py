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

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Revision

from thankyou.analytics import ab_testing
from thankyou.blocks.models import BlockAnswer, Interaction
from thankyou.core import action_tokens, caching
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
    ip: str = ""  # the client's, for a consent record (newsletter)

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


def target(action_token, block_id, action=None, ip=""):
    """Verify the token and that it names this block, a block that asks
    (of this kind, if ``action`` names one)."""

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
    if spec is None or action not in (None, spec["action"]):
        raise ClientError(
            _("This block does not take this kind of answer."),
            field="block",
            code="wrong_block",
        )
    return Target(claims, shop, block_id, spec, page["language"], ip)


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


# Blocks without a model of their own


def answer(target, block, data):
    """Store an answer as it is (``block.answer_serializer``'s data) and send
    it as the block's event; return what ``block.answer_result`` makes of it."""
    data = _as_json(data)
    action = target.spec["action"]

    def then(row):
        result = _as_json(block.answer_result(target.spec, data))
        finish(target, row, result, block.event, data)

    row, created = record(BlockAnswer, target, action, {"answer": data}, then)
    return row.result, created


def _as_json(value):
    """Dates and decimals as JSON has them (strings), as the stored answer keeps them."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
