"""
Shops as tenants: each owns page trees (one per locale), a collection for its
images and documents, and two groups: editors (pages and media) and owners
(also the shop's settings and signing secrets).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

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
    from .models import ShopRootPage

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
            root.copy_for_translation(locale)
    _grant(shop)


def _grant(shop):
    from .models import ShopRootPage

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


def shops_of(user):
    """Return the shops a user works on (all of them for superusers)."""
    from .models import Shop

    if user.is_superuser:
        return Shop.objects.all()
    groups = user.groups.all()
    return Shop.objects.filter(Q(editors__in=groups) | Q(owners__in=groups)).distinct()


def shop_root_paths(user):
    """Return the tree paths of the page trees of the user's shops."""
    from .models import ShopRootPage

    return list(ShopRootPage.objects.filter(shop__in=shops_of(user)).values_list("path", flat=True))


def in_own_shops(page, user):
    """Whether the page is in one of the user's shop trees."""
    return any(page.path.startswith(root) for root in shop_root_paths(user))


def on_way_to_own_shops(page, user):
    """Whether the page is in one of the user's shop trees or above one (the root)."""
    return page.is_root() or any(
        page.path.startswith(root) or root.startswith(page.path) for root in shop_root_paths(user)
    )


def owned_shops(user):
    from .models import Shop

    if user.is_superuser:
        return Shop.objects.all()
    return Shop.objects.filter(owners__in=user.groups.all())


def shops_showing(image):
    """The shops whose pages may show the image: its collection's, or all for shared ones."""
    from .models import Shop

    owners = Shop.objects.filter(
        collection__in=Collection.objects.get(pk=image.collection_id).get_ancestors(inclusive=True)
    )
    return owners if owners.exists() else Shop.objects.all()


FOREIGN_MEDIA = _(
    "A block shows an image or document that is not in this shop's media: choose one of the "
    "shop's own."
)


def foreign_media(body, shop_id):
    """
    Return the images and documents in a page body that are not the shop's
    (its collection and those below it) nor the block samples.

    The choosers offer only the shop's media, but a form can name any id.
    """
    from .blocks.samples import SAMPLES_COLLECTION
    from .models import Shop

    used = list(_media_in(body))
    if not used:
        return []
    shop = Shop.objects.filter(pk=shop_id).select_related("collection").first()
    own = set()
    if shop is not None and shop.collection is not None:
        own = set(shop.collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    own |= set(Collection.objects.filter(name=SAMPLES_COLLECTION).values_list("pk", flat=True))
    return [item for item in used if item.collection_id not in own]


def _media_in(value):
    """Yield every image and document a stream value holds, at any depth."""
    from wagtail.blocks import StreamValue
    from wagtail.blocks.list_block import ListValue
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    if isinstance(value, AbstractImage | AbstractDocument):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _media_in(child.value)
    elif isinstance(value, dict):  # StructValue
        for item in value.values():
            yield from _media_in(item)
    elif isinstance(value, list | ListValue):
        for item in value:
            yield from _media_in(item)
