"""
A shop's segments and pages as cached data, and one order's audience.

``cached_targeting`` reads a shop's segments (one query, however many
conditions) and the routing facts of its live pages (one query, however many
pages) into plain, picklable data, cached per shop generation and page set:
saving a segment starts a new shop generation, publishing a page a new
generation of the page set.
"""

import logging
from dataclasses import dataclass, field

from .. import caching
from ..errors import NotFound

logger = logging.getLogger(__name__)
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class CompiledSegment:
    id: int
    name: str
    match: str  # "all" or "any"
    conditions: tuple[tuple[str, dict], ...]  # (condition type, stored parameters)

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
    from ..models import Segment

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
        match=segment.match,
        conditions=tuple(
            (item["type"], item["value"]) for item in segment.conditions.raw_data if item
        ),
    )


@dataclass(frozen=True)
class Route:
    """What page selection needs to know of a live page."""

    page_id: int
    language: str
    segment_id: int | None
    priority: int
    path: str
    revision_id: int | None

    @property
    def sort_key(self):
        """Pages for a segment first, by priority (highest first), then tree order."""
        return (self.segment_id is None, -self.priority, self.path)


@dataclass(frozen=True)
class Targeting:
    segments: dict[int, CompiledSegment] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()

    def select(self, audience, language, default_language, page_id=None):
        """
        Return the route of the page for this order: the first page in the
        order's language whose segment it is in (or that has none), else the
        same in the shop's default language; None if no page applies.
        """
        if page_id is not None:
            route = next((r for r in self.routes if r.page_id == page_id), None)
            if route is None:
                raise NotFound("No such page for this shop.", field="page")
            return route
        for candidate_language in dict.fromkeys([language, default_language]):
            for route in self.routes:
                if route.language == candidate_language and (
                    route.segment_id is None or audience.is_in(route.segment_id)
                ):
                    return route
        return None


def load_targeting(shop):
    from ..models import Segment, ThankYouPage

    segments = {s.pk: compile_segment(s) for s in Segment.objects.filter(shop=shop)}
    pages = (
        ThankYouPage.objects.live()
        .filter(shop=shop)
        .values_list(
            "pk", "locale__language_code", "segment_id", "priority", "path", "live_revision_id"
        )
    )
    routes = sorted((Route(*values) for values in pages), key=lambda route: route.sort_key)
    return Targeting(segments=segments, routes=tuple(routes))


def cached_targeting(shop, generation):
    """The shop's segments and live pages, for this shop generation and page set."""
    pages = caching.pages_generation(shop.key)
    return caching.shared(
        f"ty:targeting:{shop.key}:{generation}:{pages}", lambda: load_targeting(shop), CACHE_SECONDS
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
        return segment.name if segment is not None else None
