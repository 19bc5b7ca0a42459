"""
What a shop owns in the page tree and the media library: a page tree per
locale, a collection, and two groups, editors (pages and media) and owners
(also the shop's settings and signing secrets), granted access to them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

from thankyou.pages.models import ShopRootPage

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


@transaction.atomic
def setup_shop(shop):
    """Create what a shop owns (and a first secret), grant its groups access.

    Safe to repeat.
    """

    if shop.collection_id is None:
        shop.collection = Collection.get_first_root_node().add_child(name=shop.name)
    if shop.editors_id is None:
        shop.editors, _ = Group.objects.get_or_create(name=f"{shop.name} ({shop.key}): editors")
    if shop.owners_id is None:
        shop.owners, _ = Group.objects.get_or_create(name=f"{shop.name} ({shop.key}): owners")

    default_locale = Locale.objects.get(language_code=shop.default_locale)
    root = ShopRootPage.objects.filter(shop=shop, locale=default_locale).first()
    if root is None:
        root = Page.get_first_root_node().add_child(
            instance=ShopRootPage(title=shop.name, shop=shop, locale=default_locale)
        )
    shop.root_page = root.page_ptr
    shop.save(update_fields=["collection", "editors", "owners", "root_page"])

    if not shop.secrets.exists():
        shop.secrets.create()
    for locale in Locale.objects.exclude(pk=default_locale.pk):
        if not ShopRootPage.objects.filter(shop=shop, locale=locale).exists():
            # Live, as the default tree's root: a copy is a draft, "DRAFT" in the page tree.
            root.copy_for_translation(locale).save_revision().publish()
    _grant(shop)


def _grant(shop):
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    # Copy a page into the shop's other language tree (Wagtail's "Translate").
    translate = Permission.objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        )
    )
    collection_permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in COLLECTION_PERMISSIONS
    ]
    roots = list(ShopRootPage.objects.filter(shop=shop))
    for group in (shop.editors, shop.owners):
        group.permissions.add(access_admin, translate)
        for root in roots:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=shop.collection, permission=permission
            )
