"""
The admin's views of thank-you pages: the list shows language, audience and
rank beside Wagtail's columns; the "Add page" form keeps nothing unsaved.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.listing import ExplorableIndexView, PageListingMixin
from wagtail.admin.viewsets.pages import PageViewSet

from thankyou.pages.models import ThankYouPage
from thankyou.pages.reach import Reach, reaches


def audience(page):
    if page.segment_id is None:
        return _("Every order (default page)")
    return _("%(segment)s (priority %(priority)d)") % {
        "segment": page.segment.shown_name,
        "priority": page.priority,
    }


def rank(page):
    reach = getattr(page, "reach", None) or Reach()
    if reach.rank is None:
        return _("Not live")
    if reach.blocked_by is not None:
        return _("Never shown: “%(other)s” comes first") % {"other": reach.blocked_by["title"]}
    return _("%(rank)d of %(count)d") % {"rank": reach.rank, "count": reach.count}


class ThankYouPageIndexView(ExplorableIndexView):
    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).select_related("locale", "segment")

    def get_table(self, object_list):
        by_shop = {}
        for page in object_list:
            if page.shop_id not in by_shop:
                by_shop[page.shop_id] = reaches(page.shop)
            page.reach = by_shop[page.shop_id].get(page.pk)
        return super().get_table(object_list)


class CreateViewWithoutAutosave(CreateView):
    """Wagtail's autosave would create the page at the form's first change: a
    page merely begun, then left, stayed as a draft. Editing keeps autosave."""

    def get_context_data(self, **kwargs):
        self.autosave_enabled = False
        return {**super().get_context_data(**kwargs), "autosave_indicator": None}


def _column(name):
    return next(column for column in PageListingMixin.base_columns if column.name == name)


class ThankYouPageViewSet(PageViewSet):
    model = ThankYouPage
    index_view_class = ThankYouPageIndexView
    add_view_class = CreateViewWithoutAutosave
    columns = [
        _column("bulk_actions"),
        _column("title"),
        _column("parent"),
        Column(
            "language",
            label=gettext_lazy("Language"),
            accessor=lambda page: page.locale.get_display_name(),
            width="10%",
        ),
        Column("audience", label=gettext_lazy("Audience"), accessor=audience, width="18%"),
        Column("rank", label=gettext_lazy("Rank"), accessor=rank, width="14%"),
        _column("latest_revision_created_at"),
        _column("status"),
    ]
