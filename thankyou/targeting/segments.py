"""
A shop's segments and pages as cached data, and one order's audience.

``cached_targeting`` reads a shop's segments (one query, however many
conditions) and the routing facts of its live pages (one query, however many
pages) into plain, picklable data, cached per shop generation and page set:
saving a segment starts a new shop generation, publishing a page a new
generation of the page set.
"""

import logging
from dataclasses import dataclass

from thankyou.targeting.models import Segment, shown_name

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CompiledSegment:
    id: int
    name: str
    match: str  # "all" or "any"
    conditions: tuple[tuple[str, dict], ...]  # (condition type, stored parameters)
    name_en: str = ""

    @property
    def shown_name(self):
        """In the admin's language when asked, not in the language it was cached in."""
        return shown_name(self.name, self.name_en)

    def matches(self, context):
        results = (_satisfied(kind, params, context) for kind, params in self.conditions)
        return all(results) if self.match == "all" else any(results)

    def explain(self, context):
        """[(condition type, description, satisfied)] for the preview."""
        types = condition_types()
        return [
            (
                kind,
                types[kind].describe(params) if kind in types else kind,
                _satisfied(kind, params, context),
            )
            for kind, params in self.conditions
        ]


def condition_types():
    return Segment._meta.get_field("conditions").stream_block.child_blocks


def _satisfied(kind, params, context):
    """
    A condition whose type is no longer registered is never satisfied; nor is
    one whose code fails (an app's condition type must not break every render).
    """
    condition = condition_types().get(kind)
    if condition is None:
        return False
    try:
        return bool(condition.is_satisfied(params, context))
    except Exception:
        logger.exception("Condition type %r failed; treated as not satisfied.", kind)
        return False


def compile_segment(segment):
    return CompiledSegment(
        id=segment.pk,
        name=segment.name,
        name_en=segment.name_en,
        match=segment.match,
        conditions=tuple(
            (item["type"], item["value"]) for item in segment.conditions.raw_data if item
        ),
    )


class Audience:
    """Which of the shop's segments one order is in; each evaluated once, when first asked."""

    def __init__(self, context, segments):
        self.context = context
        self.segments = segments
        self._memo = {}

    def is_in(self, segment_id):
        if segment_id not in self._memo:
            segment = self.segments.get(segment_id)
            self._memo[segment_id] = segment is not None and segment.matches(self.context)
        return self._memo[segment_id]

    def in_any(self, segment_ids):
        return any(self.is_in(segment_id) for segment_id in segment_ids)

    def matched(self):
        """Every segment of the shop this order is in (for previews)."""
        return [segment for segment in self.segments.values() if self.is_in(segment.id)]

    def name_of(self, segment_id):
        segment = self.segments.get(segment_id)
        return segment.shown_name if segment is not None else None
