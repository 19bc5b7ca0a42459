"""
CORS per shop: a response is readable by a page only on the shop's origins.

django-cors-headers asks this handler after the view has run, so the shop is
the one whose token the view verified. Error bodies carry nothing about any
shop, so every origin may read them (the embed script logs them).
"""

from corsheaders.signals import check_request_enabled
from django.dispatch import receiver
from django.utils.translation import gettext as _

from thankyou.core import caching
from thankyou.core.errors import ClientError
from thankyou.core.models import Shop


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


def admit(request, shop):
    """
    Serve the request for the shop, or refuse it (403) if a browser sent it
    from a page on none of the shop's origins.

    The browser would hide the answer from that page, and the embed script
    could only report the server as unreachable; an error every origin may
    read names the cause, and nothing is done for a page the shop did not
    name. Requests without an Origin (servers) and from this server's own
    pages (the demo) are served.
    """
    origin = request.headers.get("origin")
    own = f"{request.scheme}://{request.get_host()}"
    if origin and origin != own and not shop.allows_origin(origin):
        raise ClientError(
            _(
                "This page's origin, %(origin)s, is not one of the shop's allowed origins "
                "(Shops → the shop → Allowed origins)."
            )
            % {"origin": origin[:200]},
            field="origin",
            code="origin_not_allowed",
            status=403,
        )
    request.thankyou_shop = shop


def all_shop_origins():
    """Every shop's allowed origins (cached until a shop changes)."""

    def compute():
        origins = set()
        for shop in Shop.objects.only("allowed_origins"):
            origins |= shop.origins
        return frozenset(origins)

    generation = caching.generation(caching.EVERY_SHOP)
    return caching.shared(f"thankyou:cors-origins:{generation}", compute, 3600)
