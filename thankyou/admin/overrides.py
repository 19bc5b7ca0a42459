"""
Wagtail admin views that name pages of every shop, narrowed to the user's.

Wagtail's page chooser shows the title of whatever page its URL names as the
parent, and the page types report names the latest edited page of each type
across the whole tree. These replace them at the same URLs (``urlpatterns``
comes before the admin's own in ``cms/urls.py``). Likewise the admin API's
image and document listings, which list every collection's media: they are
replaced in its router (``construct_admin_api``) by listings of the media
the user may choose, as the choosers show. Two page views show a page's
title before Wagtail checks any permission (the move confirmation, the
workflow task preview): they answer 404 for pages outside the user's trees.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from rest_framework.authentication import SessionAuthentication
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from thankyou.admin.base import shop_scoped
from thankyou.tenancy.scoping import in_own_shops, on_way_to_own_shops


@shop_scoped  # by the shops' page trees
class OwnShopsBrowseView(BrowseView):
    """Browse only the user's shop trees and the pages above them."""

    def get(self, request, parent_page_id=None):
        if (
            parent_page_id
            and not request.user.is_superuser
            and not on_way_to_own_shops(get_object_or_404(Page, id=parent_page_id), request.user)
        ):
            raise Http404
        return super().get(request, parent_page_id)


def pages_of_own_shops(view_name, **page_id_kwargs):
    """
    Wagtail's page view by name, answering 404 unless each page its URL names
    is in the user's shop trees (``page_id_kwargs``: kwarg → True for that)
    or, given False, at least on the way to them.
    """
    view = page_viewset_registry.as_view(view_name, page_id_kwarg=next(iter(page_id_kwargs)))

    def guarded(request, **kwargs):
        if not request.user.is_superuser:
            for kwarg, inside in page_id_kwargs.items():
                allowed = in_own_shops if inside else on_way_to_own_shops
                if not allowed(get_object_or_404(Page, id=kwargs[kwarg]), request.user):
                    raise Http404
        return view(request, **kwargs)

    return shop_scoped(guarded)


@shop_scoped  # all shops' pages: superusers only
class SuperusersPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts every shop's pages: for superusers only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


@shop_scoped  # by the shops' collections
class ChoosableOnlyMixin:
    """List only media in collections the user may choose from."""

    authentication_classes = [SessionAuthentication]  # the admin's user (as for pages)

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        collections = policy.collections_user_has_any_permission_for(self.request.user, ["choose"])
        return super().get_queryset().filter(collection__in=collections)


class OwnImagesAdminAPIViewSet(ChoosableOnlyMixin, ImagesAdminAPIViewSet):
    pass


class OwnDocumentsAdminAPIViewSet(ChoosableOnlyMixin, DocumentsAdminAPIViewSet):
    pass


urlpatterns = [
    path(
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        pages_of_own_shops("move_confirm", page_to_move_id=True, destination_id=False),
    ),
    path(
        "pages/workflow/preview/<int:page_id>/<int:task_id>/",
        pages_of_own_shops("workflow_preview", page_id=True),
    ),
    path("choose-page/<int:parent_page_id>/", OwnShopsBrowseView.as_view()),
    path("reports/page-types-usage/", SuperusersPageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        SuperusersPageTypesUsageReportView.as_view(results_only=True),
    ),
]
# As Wagtail's own admin URLs: a login with admin access, in the user's admin language.
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
