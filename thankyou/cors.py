"""
CORS per shop: a response is readable by a page only on the shop's origins.

django-cors-headers asks this handler after the view has run, so the shop is
the one whose token the view verified. Error bodies carry nothing about any
shop, so every origin may read them (the embed script logs them).
"""

from corsheaders.signals import check_request_enabled
from django.dispatch import receiver

from . import caching

ORIGINS_CACHE_KEY = "thankyou:cors-origins"


@receiver(check_request_enabled)
def allow_shop_origins(sender, request, **kwargs):
    origin = request.headers.get("origin", "")
    shop = getattr(request, "thankyou_shop", None)
    if shop is not None:
        return shop.allows_origin(origin)
    if getattr(request, "thankyou_public_error", False):
        return True
    if request.method == "OPTIONS" and request.path.startswith("/api/v1/"):
        return origin in all_shop_origins()
    return False


def all_shop_origins():
    from .models import Shop

    origins = caching.get(ORIGINS_CACHE_KEY)
    if origins is None:
        origins = set()
        for shop in Shop.objects.only("allowed_origins"):
            origins |= shop.origins
        caching.set(ORIGINS_CACHE_KEY, origins, 300)
    return origins


def forget_shop_origins():
    caching.delete(ORIGINS_CACHE_KEY)
