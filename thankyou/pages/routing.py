"""
Which page an order gets: the shop's live pages as routing data, the choice
among them, and the cached shared rendering of the one chosen.

``cached_targeting`` reads a shop's segments (one query, however many
conditions) and the routing facts of its live pages (one query, however many
pages) into plain, picklable data, cached per shop generation and page set:
saving a segment starts a new shop generation, publishing a page a new
generation of the page set.
"""

from dataclasses import dataclass, field

from thankyou.analytics import ab_testing
from thankyou.core import caching
from thankyou.core.errors import NotFound
from thankyou.pages.models import ThankYouPage
from thankyou.render.pipeline import prepare, render_prepared
from thankyou.targeting.models import Segment
from thankyou.targeting.segments import Audience, CompiledSegment, compile_segment

CACHE_SECONDS = 24 * 3600


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


def render(context, page_id=None):
    """Render the page this order should see, or return None if none applies."""
    shop = context.shop
    generation = context.generation or caching.generation(shop.key)
    targeting = cached_targeting(shop, generation)
    audience = Audience(context, targeting.segments)
    route = targeting.select(audience, context.language, shop.default_locale, page_id)
    prepared = prepared_page(shop, generation, route) if route else None
    if prepared is None:
        return None
    return render_prepared(context, prepared, audience)


def targeting_for(context):
    """The shop's cached segments and pages."""
    shop = context.shop
    return cached_targeting(shop, context.generation or caching.generation(shop.key))


def audience_for(context):
    """The order's audience among the shop's current segments."""
    return Audience(context, targeting_for(context).segments)


def prepared_page(shop, generation, route):
    """
    Return the shared rendering of one live page of the shop, cached per
    revision, or None if it was unpublished since the shop's pages were read.
    """

    page_id = route.page_id

    def compute():
        pages = ThankYouPage.objects.live().select_related("locale").filter(pk=page_id, shop=shop)
        if not pages:
            return None
        page = pages[0]
        return ab_testing.with_arms(prepare(page, shop), lambda body: prepare(page, shop, body))

    key = f"ty:page:{shop.key}:{generation}:{page_id}:{route.revision_id}"
    return caching.shared(key, compute, CACHE_SECONDS)
