"""
The experience check: a page, seen by each persona, against the post-purchase
principles (docs/editing.md, "What a thank-you page is for").

Right after buying, customers doubt their decision and look for reasons. A
good thank-you page confirms the purchase, says what happens next, speaks to
this customer and asks at most one thing. The check warns (it never refuses
to save) when, for a persona, the page:

- asks for more than one thing (calls to action beyond the first);
- sells: an upsell or discount block (``Meta.upsell``) or text that reads
  like one;
- has no next steps (no block with ``Meta.next_steps``);
- has nothing personal: neither targeted to a segment the customer is in nor
  greeting them by name or order number;
- puts too much before the next steps;
- asks a first order to recommend the shop (``Meta.promotes``): customers
  promote a shop they came back to, not one they have just tried.

It works on the blocks' values, targeting and whether each block leaves
itself out for the order, without rendering, so it is cheap enough to run
for every persona whenever the editor opens.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.personal import CUSTOMER_PLACEHOLDERS, PLACEHOLDERS, placeholders_in
from thankyou.render.pipeline import order_block_context
from thankyou.targeting.visibility import SHOWN, plan, rules_for

MAX_BLOCKS_BEFORE_NEXT_STEPS = 2
MAX_WORDS_BEFORE_NEXT_STEPS = 80
SELLING = re.compile(
    r"\d+\s?%\s?(?:off|rabatt|discount)|\b(?:rabatt\w*|discount\w*|coupon\w*|voucher\w*|"
    r"gutscheincode\w*|promo code|you (?:may|might) also like|customers also bought|"
    r"das könnte dir auch gefallen|kunden kauften auch|buy now|shop now|add to cart|"
    r"jetzt kaufen|in den warenkorb)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class PageCheck:
    applies: bool  # False when the page is for a segment the customer is not in
    warnings: tuple[Warning, ...] = ()
    note: str = ""


def check(page, context, audience):
    """Check the page as the order in ``context`` would see it."""
    if page.segment_id and not audience.is_in(page.segment_id):
        return PageCheck(
            False,
            note=_("Not for this customer: the page is for %(segment)s.")
            % {"segment": audience.name_of(page.segment_id) or _("(deleted segment)")},
        )
    children = list(page.body)
    decisions = plan(rules_for(page.body), audience, page.cta_limit, _not_shown(page, context))
    visible = [
        (child, decision)
        for child, decision in zip(children, decisions, strict=True)
        if decision.state == SHOWN
    ]
    warnings = [
        *_calls_to_action(decisions),
        *_selling(visible),
        *_next_steps(visible),
        *_promoting(visible, context.customer),
    ]
    if not _is_personal(page, visible, audience, context):
        warnings.append(
            Warning(
                "not_personal",
                _(
                    "Nothing here is for this customer: greet them with {first_name}, or "
                    "show a block or the page to a segment they are in."
                ),
            )
        )
    return PageCheck(True, tuple(warnings))


def _not_shown(page, context):
    """Blocks that leave themselves out for this order (e.g. no account prompt
    for an account holder), as rendering decides it."""

    shared = order_block_context(context, page, page.locale.language_code, done_actions={})
    hidden = set()
    for child in page.body:
        is_shown = getattr(child.block, "is_shown", None)  # any block may be on a page
        if is_shown and not is_shown(child.value, {**shared, "block_id": child.id}):
            hidden.add(child.id)
    return hidden


def _calls_to_action(decisions):
    asked = sorted((d for d in decisions if d.cta_position), key=lambda d: d.cta_position)
    if len(asked) > 1:
        yield Warning(
            "calls_to_action",
            _(
                "Asks for %(count)d things, one after another: %(labels)s. Ask one thing: "
                "set the calls to action per visit to 1."
            )
            % {"count": len(asked), "labels": ", ".join(d.rule.label for d in asked)},
        )


def _selling(visible):
    for child, decision in visible:
        if getattr(child.block.meta, "upsell", False):
            yield Warning(
                "upsell",
                _(
                    "%(block)s is an upsell or discount block: right after buying, it "
                    "feeds the customer's doubt. Thank and reassure instead."
                )
                % {"block": decision.rule.label},
            )
        elif found := SELLING.search(_text(child)):
            yield Warning(
                "upsell",
                _(
                    "%(block)s sells (“%(words)s”): right after buying, an upsell or "
                    "discount feeds the customer's doubt. Thank and reassure instead."
                )
                % {"block": decision.rule.label, "words": found.group(0)},
            )


def _promoting(visible, customer):
    if (customer.orders_count or 0) > 1:
        return
    for child, decision in visible:
        if getattr(child.block.meta, "promotes", False):
            yield Warning(
                "promotes_too_early",
                _(
                    "%(block)s asks a first order to recommend the shop: too early, the "
                    "customer has not tried anything yet. Show it to returning customers only."
                )
                % {"block": decision.rule.label},
            )


def _next_steps(visible):
    position = next(
        (i for i, (child, _d) in enumerate(visible) if getattr(child.block.meta, "next_steps", 0)),
        None,
    )
    if position is None:
        yield Warning(
            "no_next_steps",
            _(
                "No next steps: customers first want to know what happens now. "
                "Add a “Next steps” block near the top."
            ),
        )
        return
    before = visible[:position]
    words = sum(len(_WORD.findall(_text(child))) for child, _d in before)
    if len(before) > MAX_BLOCKS_BEFORE_NEXT_STEPS or words > MAX_WORDS_BEFORE_NEXT_STEPS:
        yield Warning(
            "next_steps_late",
            ngettext(
                "%(count)d block (about %(words)d words) comes before the next steps; "
                "customers look for them first. Move “Next steps” up.",
                "%(count)d blocks (about %(words)d words) come before the next steps; "
                "customers look for them first. Move “Next steps” up.",
                len(before),
            )
            % {"count": len(before), "words": words},
        )


def _is_personal(page, visible, audience, context):
    """Targeted to this customer, greeting them by name or order number, or
    showing a block that speaks to them (``Meta.speaks_to_customer``)."""
    if page.segment_id or any(decision.rule.segments for _child, decision in visible):
        return True
    block_context = {"customer": context.customer, "order": context.order, "shop": context.shop}
    for child, _decision in visible:
        block = child.block
        if not isinstance(block, ThankYouBlock):
            continue
        if block.meta.speaks_to_customer:
            return True
        for name in block.personal_fields:
            used = placeholders_in(child.value.get(name)) & CUSTOMER_PLACEHOLDERS
            if any(PLACEHOLDERS[placeholder](block_context) for placeholder in used):
                return True
    return False


def _text(child):
    return " ".join(str(text) for text in child.block.get_searchable_content(child.value))
