from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from thankyou.admin import analytics, overrides
from thankyou.admin.block_gallery import BlockGalleryView, block_frame, block_frame_css
from thankyou.admin.interactions import (
    InteractionsGroup,
    empty_pools,
    homepage_panel,
)
from thankyou.admin.pages import ThankYouPageViewSet
from thankyou.admin.shops import ShopViewSet
from thankyou.admin.targeting import TargetingViewSetGroup, refuse_to_delete_segments_in_use
from thankyou.admin.token_check import TokenCheckView
from thankyou.analytics.models import DailyCount
from thankyou.blocks import document_chooser
from thankyou.core.models import Shop
from thankyou.pages.models import ThankYouPage
from thankyou.pages.reach import publish_messages, reach_of
from thankyou.targeting.models import SampleCustomer, Segment
from thankyou.tenancy.permissions import ShopPermissionPolicy, ShopScopedPolicy
from thankyou.tenancy.scoping import on_way_to_own_shops, shop_root_paths, shops_of

register_permission_policy(Shop, ShopPermissionPolicy(Shop))
register_permission_policy(Segment, ShopScopedPolicy(Segment))
register_permission_policy(SampleCustomer, ShopScopedPolicy(SampleCustomer))
register_permission_policy(DailyCount, ShopScopedPolicy(DailyCount, {"view"}))
register_snippet(TargetingViewSetGroup)


@hooks.register("register_admin_viewset")
def register_document_of_types_chooser():
    return document_chooser.viewset


hooks.register("before_delete_snippet", refuse_to_delete_segments_in_use)


@hooks.register("register_admin_viewset")
def register_shop_viewset():
    return ShopViewSet("shop")


@hooks.register("register_admin_viewset")
def register_thank_you_page_viewset():
    return ThankYouPageViewSet("thankyou_pages")


@hooks.register("insert_editor_js")
def say_who_sees_each_block():
    """Each block's header names its audience (the script's words come translated)."""
    return format_html(
        '<script src="{}" data-everyone="{}" data-only="{}"></script>',
        static("thankyou/admin/block-audience.js"),
        _("Everyone"),
        _("Only for:"),
    )


@hooks.register("before_publish_page")
def note_whom_the_page_reached(request, page):
    if isinstance(page.specific, ThankYouPage):
        request.thankyou_reach_before = reach_of(page.specific)


@hooks.register("after_publish_page")
def say_who_sees_the_published_page(request, page):
    """Say when no customer will see the page, or whom it now takes from other pages."""
    if isinstance(page.specific, ThankYouPage):
        before = getattr(request, "thankyou_reach_before", None)
        for level, text in publish_messages(page.specific, before):
            getattr(messages, level)(request, text)


@hooks.register("register_admin_viewset")
def register_interactions_viewsets():
    return InteractionsGroup()


@hooks.register("construct_homepage_panels")
def warn_about_empty_gift_pools(request, panels):
    pools = empty_pools(request.user)
    if pools:
        panels.append(homepage_panel()(pools))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("thankyou/token/", TokenCheckView.as_view(), name="thankyou_token_check"),
        path(
            "thankyou/blocks/",
            BlockGalleryView.as_view(),
            name="thankyou_block_gallery",
        ),
        path("thankyou/blocks/<str:name>/", block_frame, name="thankyou_block_frame"),
        path(
            "thankyou/blocks/<str:name>/style.css",
            block_frame_css,
            name="thankyou_block_frame_css",
        ),
        path("thankyou/analytics/", analytics.AnalyticsView.as_view(), name="thankyou_analytics"),
        path(
            "thankyou/analytics/results/",
            analytics.AnalyticsView.as_view(results_only=True),
            name="thankyou_analytics_results",
        ),
        path(
            "thankyou/analytics/tests/start/<int:page_id>/",
            analytics.start_test,
            name="thankyou_ab_start",
        ),
        path(
            "thankyou/analytics/tests/<int:test_id>/end/",
            analytics.end_test,
            name="thankyou_ab_end",
        ),
    ]


class ShopMemberMenuItem(MenuItem):
    def is_shown(self, request):
        return shops_of(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_token_check_menu_item():
    return ShopMemberMenuItem(
        _("Check a token"), reverse("thankyou_token_check"), icon_name="key", order=160
    )


def _within_own_shops(request):
    within = Q(pk__in=[])
    for root_path in shop_root_paths(request.user):
        within |= Q(path__startswith=root_path)
    return within


@hooks.register("construct_admin_api", order=1)  # after Wagtail's own endpoints
def admin_api_lists_own_media(router):
    router.register_endpoint("images", overrides.OwnImagesAdminAPIViewSet)
    router.register_endpoint("documents", overrides.OwnDocumentsAdminAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_shops(pages, request):
    """Page choosers list only the pages of the user's shops."""
    if request.user.is_superuser:
        return pages
    return pages.filter(_within_own_shops(request))


@hooks.register("construct_reports_menu")
def hide_page_types_report(request, menu_items):
    """It counts and names every shop's pages: superusers only."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_to_own_shops(parent_page, pages, request):
    """Refuse to explore another shop's tree (its title would show in the header)."""
    if request.user.is_superuser:
        return pages
    if not on_way_to_own_shops(parent_page, request.user):
        raise PermissionDenied
    return pages.filter(_within_own_shops(request))


@hooks.register("register_admin_menu_item")
def register_block_gallery_menu_item():
    return ShopMemberMenuItem(
        _("Block gallery"),
        reverse("thankyou_block_gallery"),
        icon_name="placeholder",
        order=170,
    )


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return ShopMemberMenuItem(
        _("Analytics"), reverse("thankyou_analytics"), icon_name="view", order=140
    )
