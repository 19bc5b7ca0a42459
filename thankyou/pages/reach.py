"""
Which orders a live page reaches among the shop's live pages of its language:
said when it is published and in the page list.

Pages are tried as routing tries them (``Route.sort_key``). An earlier page
for the same audience (the same segment, or every order) keeps every order
from a page; a page takes orders from the later pages of its own audience
and, for a segment, from the default pages. Overlaps between two segments
depend on the order, and are left to the preview.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thankyou.pages.models import ThankYouPage
from thankyou.pages.routing import Route, load_targeting
from thankyou.targeting.models import Segment


@dataclass
class Reach:
    rank: int | None = None  # 1 for the page tried first; None unless live
    count: int = 0  # live pages in the language
    blocked_by: dict | None = None  # the earlier page that keeps every order from it
    takes_from: list[dict] = field(default_factory=list)
    taken_by: list[dict] = field(default_factory=list)  # earlier pages for segments


def _titles(routes):
    pages = ThankYouPage.objects.filter(pk__in=[r.page_id for r in routes])
    titles = dict(pages.values_list("pk", "title"))
    return [{"id": r.page_id, "title": titles.get(r.page_id, "")} for r in routes]


def reaches(shop):
    """Each live page's reach, by page id."""
    routes = load_targeting(shop).routes
    by_language = {}
    for route in routes:
        by_language.setdefault(route.language, []).append(route)
    result = {}
    for same_language in by_language.values():
        titles = {entry["id"]: entry for entry in _titles(same_language)}
        for index, route in enumerate(same_language):
            reach = Reach(rank=index + 1, count=len(same_language))
            blocker = _first_same_audience(same_language[:index], route)
            if blocker is not None:
                reach.blocked_by = titles[blocker.page_id]
            else:
                reach.takes_from = [
                    titles[later.page_id]
                    for later in same_language[index + 1 :]
                    if later.segment_id in (None, route.segment_id)
                ]
                if route.segment_id is None:
                    reach.taken_by = [
                        {**titles[earlier.page_id], "segment_id": earlier.segment_id}
                        for earlier in same_language[:index]
                    ]
            result[route.page_id] = reach
    return result


def _first_same_audience(earlier: list[Route], route: Route):
    return next((r for r in earlier if r.segment_id == route.segment_id), None)


def reach_of(page):
    """The reach of one page (its rank is None unless it is live)."""
    return reaches(page.shop).get(page.pk, Reach())


def publish_messages(page, before=None):
    """
    What the merchant must know after publishing: (level, text) pairs. Pages
    it took its orders from already (its reach ``before`` publishing) are not
    named again.
    """
    reach = reach_of(page)
    if reach.rank is None:
        return []
    if reach.blocked_by is not None:
        if page.segment_id is None:
            text = _(
                "No customer will see this page: “%(other)s”, also for every order in this "
                "language, comes first. Unpublish it, or move this page above it."
            )
        else:
            text = _(
                "No customer will see this page: “%(other)s”, for the same segment, comes "
                "first. Unpublish it, or give this page a higher priority."
            )
        return [("warning", text % {"other": reach.blocked_by["title"]})]
    messages = []
    taken_before = {other["id"] for other in before.takes_from} if before is not None else set()
    for other in reach.takes_from:
        if other["id"] in taken_before:
            continue
        if page.segment_id is None:
            text = _(
                "No customer sees “%(other)s” any more: this page, for every order, comes first."
            )
        else:
            text = _("Customers in “%(segment)s” now see this page instead of “%(other)s”.")
        messages.append(("info", text % {"other": other["title"], "segment": _segment_name(page)}))
    names = {
        segment.pk: segment.shown_name for segment in Segment.objects.filter(shop_id=page.shop_id)
    }
    for other in reach.taken_by:
        text = _("Customers in “%(segment)s” see “%(other)s” instead: it comes first.")
        segment = names.get(other["segment_id"], "")
        messages.append(("info", text % {"other": other["title"], "segment": segment}))
    return messages


def _segment_name(page):
    return page.segment.shown_name if page.segment_id else ""
