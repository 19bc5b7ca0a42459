"""
Which blocks of a page an order sees, and why the others are hidden.

What visibility needs of each block (its segments, whether it is a call to
action, its priority) is read once per page revision into ``BlockRule``s,
which are cached with the page; ``plan`` then decides for one order:

1. A block limited to segments is shown only to an order in at least one of
   them (a deleted segment matches no one); a block that says it is not for
   this order (``is_shown``: the newsletter prompt for a subscriber) is left out.
2. Of the calls to action left, the highest priority comes first (ties: page
   order). The page shows one at a time: the first is shown, the next ones
   up to the page's limit wait, hidden, for the customer to complete or
   dismiss the one before; the rest are left out.
"""

from dataclasses import dataclass

from django.utils.text import Truncator

SEGMENTS = "target_segments"
PRIORITY = "cta_priority"
DEFAULT_PRIORITY = 50

SHOWN, WAITING, HIDDEN = "shown", "waiting", "hidden"
NOT_IN_SEGMENT, NOT_FOR_ORDER, OVER_LIMIT = "segment", "order", "limit"


@dataclass(frozen=True)
class BlockRule:
    id: str
    type: str
    label: str
    excerpt: str = ""  # the start of its text, to tell blocks of one type apart
    segments: tuple[int, ...] = ()
    call_to_action: bool = False
    priority: int = DEFAULT_PRIORITY


@dataclass(frozen=True)
class Decision:
    rule: BlockRule
    state: str  # SHOWN, WAITING or HIDDEN
    reason: str = ""  # NOT_IN_SEGMENT, NOT_FOR_ORDER or OVER_LIMIT when hidden
    cta_position: int = 0  # 1 for the call to action shown, 2… for those waiting

    @property
    def rendered(self):
        return self.state != HIDDEN


def rules_for(body):
    """Read each block's targeting settings from a page body (no database query)."""
    rules = []
    raw_items = body.raw_data
    for index, child in enumerate(body):
        raw = raw_items[index].get("value") or {}
        block = child.block
        priority = raw.get(PRIORITY) if isinstance(raw, dict) else None
        rules.append(
            BlockRule(
                id=child.id,
                type=child.block_type,
                label=str(block.label),
                excerpt=excerpt(block, child.value),
                segments=segment_ids(raw.get(SEGMENTS) if isinstance(raw, dict) else None),
                call_to_action=bool(getattr(block.meta, "call_to_action", False)),
                priority=DEFAULT_PRIORITY if priority is None else int(priority),
            )
        )
    return rules


def excerpt(block, value):
    texts = [str(text) for text in block.get_searchable_content(value) if str(text).strip()]
    return Truncator(texts[0]).chars(50) if texts else ""


def segment_ids(raw):
    """The ids in a stored list of segment choices (list items or plain ids)."""
    ids = []
    for item in raw or ():
        value = item.get("value") if isinstance(item, dict) else item
        if value is not None:
            ids.append(int(value))
    return tuple(dict.fromkeys(ids))


def plan(rules, audience, cta_limit, not_for_order=frozenset(), done=frozenset()):
    """Decide, for one order, which blocks are shown, waiting or hidden.

    A call to action the order already completed (``done``) shows its result
    and no longer asks, so the next one takes its place."""
    decisions = {}
    eligible_ctas = []
    for index, rule in enumerate(rules):
        if rule.segments and not audience.in_any(rule.segments):
            decisions[rule.id] = Decision(rule, HIDDEN, NOT_IN_SEGMENT)
        elif rule.id in not_for_order:
            decisions[rule.id] = Decision(rule, HIDDEN, NOT_FOR_ORDER)
        elif rule.call_to_action and rule.id not in done:
            eligible_ctas.append((-rule.priority, index, rule))
        else:
            decisions[rule.id] = Decision(rule, SHOWN)
    for position, (_priority, _index, rule) in enumerate(sorted(eligible_ctas), start=1):
        if position == 1:
            decisions[rule.id] = Decision(rule, SHOWN, cta_position=position)
        elif position <= max(cta_limit, 1):
            decisions[rule.id] = Decision(rule, WAITING, cta_position=position)
        else:
            decisions[rule.id] = Decision(rule, HIDDEN, OVER_LIMIT)
    return [decisions[rule.id] for rule in rules]


def calls_to_action(decisions):
    """The ids of the calls to action this order may see, in the order they come."""
    return [d.rule.id for d in sorted((d for d in decisions if d.cta_position), key=_by_position)]


def _by_position(decision):
    return decision.cta_position
