"""
Shops as tenants: each owns page trees (one per locale), a collection for its
images and documents, and two groups: editors (pages and media) and owners
(also the shop's settings and signing secrets).
"""

from django.db.models import Q
from wagtail.models import Page

from thankyou.core.models import Shop


def shops_of(user):
    """Return the shops a user works on (all of them for superusers)."""

    if user.is_superuser:
        return Shop.objects.all()
    groups = user.groups.all()
    return Shop.objects.filter(Q(editors__in=groups) | Q(owners__in=groups)).distinct()


def shop_root_paths(user):
    """
    Return the tree paths of the page trees of the user's shops: each shop's
    root page and its translations (one tree per locale).
    """
    roots = Page.objects.filter(pk__in=shops_of(user).values("root_page"))
    trees = Page.objects.filter(translation_key__in=roots.values("translation_key"))
    return list(trees.values_list("path", flat=True))


def in_own_shops(page, user):
    """Whether the page is in one of the user's shop trees."""
    return any(page.path.startswith(root) for root in shop_root_paths(user))


def on_way_to_own_shops(page, user):
    """Whether the page is in one of the user's shop trees or above one (the root)."""
    return page.is_root() or any(
        page.path.startswith(root) or root.startswith(page.path) for root in shop_root_paths(user)
    )


def owned_shops(user):
    if user.is_superuser:
        return Shop.objects.all()
    return Shop.objects.filter(owners__in=user.groups.all())


def scope(queryset, user, via="shop", owners_only=False):
    """
    The rows of ``queryset`` that belong to the user's shops (to the shops
    they own, with ``owners_only``): the one rule every admin view and
    permission policy applies. ``via`` is the lookup from a row to its shop,
    "" for shops themselves.
    """
    if user.is_superuser:
        return queryset
    shops = owned_shops(user) if owners_only else shops_of(user)
    return queryset.filter(**{f"{via}__in" if via else "pk__in": shops})
