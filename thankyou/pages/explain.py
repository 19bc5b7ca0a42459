"""Say in words why an order sees what it sees (persona preview, token check)."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thankyou.blocks.registry import get_block_types
from thankyou.targeting.score import customer_score
from thankyou.targeting.visibility import HIDDEN, NOT_FOR_ORDER, NOT_IN_SEGMENT, SHOWN, WAITING


@dataclass(frozen=True)
class BlockNote:
    label: str
    excerpt: str
    type: str
    state: str
    reason: str


def segment_names(audience, segment_ids):
    return [audience.name_of(segment_id) or _("(deleted segment)") for segment_id in segment_ids]


def block_notes(decisions, audience, cta_limit):
    """One note per block: shown, waiting (call to action for later) or hidden, and why.

    Blocks are named in the admin's language: the rules, rendered and cached
    with the page, name them in the page's."""
    block_types = dict(get_block_types())

    def label(rule):
        block = block_types.get(rule.type)
        return str(block.label) if block is not None else rule.label

    first_cta = next((d for d in decisions if d.state == SHOWN and d.cta_position), None)
    notes = []
    for decision in decisions:
        rule = decision.rule
        if decision.state == HIDDEN and decision.reason == NOT_IN_SEGMENT:
            reason = _("Only for %(segments)s; this customer is in none of them.") % {
                "segments": ", ".join(segment_names(audience, rule.segments))
            }
        elif decision.state == HIDDEN and decision.reason == NOT_FOR_ORDER:
            reason = _(
                "Not for this order (e.g. a newsletter invitation to a subscriber, an "
                "account invitation to an account holder)."
            )
        elif decision.state == HIDDEN:
            reason = ngettext(
                "Left out: the page shows %(limit)d call to action and %(first)s comes first.",
                "Left out: the page shows up to %(limit)d calls to action and %(first)s "
                "comes first.",
                cta_limit,
            ) % {"limit": cta_limit, "first": label(first_cta.rule)}
        elif decision.state == WAITING:
            reason = _(
                "Call to action number %(position)d: hidden until the customer completes "
                "or dismisses the one before."
            ) % {"position": decision.cta_position}
        elif decision.cta_position:
            reason = _("The call to action shown (priority %(priority)d).") % {
                "priority": rule.priority
            }
        elif rule.segments:
            reason = _("For %(segments)s.") % {
                "segments": ", ".join(
                    name
                    for segment_id, name in zip(
                        rule.segments, segment_names(audience, rule.segments), strict=True
                    )
                    if audience.is_in(segment_id)
                )
            }
        else:
            reason = ""
        notes.append(BlockNote(label(rule), rule.excerpt, rule.type, decision.state, reason))
    return notes


def customer_facts(context):
    """Short facts about the order's customer, as conditions see them."""
    customer, order = context.customer, context.order
    facts = []
    if customer.is_guest is not None:
        facts.append(_("guest") if customer.is_guest else _("account holder"))
    if customer.orders_count is not None:
        facts.append(
            ngettext("%(count)d order", "%(count)d orders", customer.orders_count)
            % {"count": customer.orders_count}
        )
    score = customer_score(context)
    if score is not None:
        facts.append(_("customer score %(score)d") % {"score": score})
    if customer.newsletter is not None:
        facts.append(_("newsletter: yes") if customer.newsletter else _("newsletter: no"))
    if order.total is not None:
        facts.append(f"{number_format(order.total, 2)} {order.currency}".strip())
    if order.shipping_country:
        facts.append(order.shipping_country)
    if context.locale:
        facts.append(context.locale)
    return facts
