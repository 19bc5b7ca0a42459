"""
The hosted order page (``thankyou.pages.hosted``): the order's composition on
a page of ours, for customers who come from the e-mail.

Under a strict policy: scripts, styles and images of this server only, no
inline script or style, no frames of it elsewhere. It sets no cookie and
sends no Referer (the link is the customer's key). A link that is not ours
or has expired gets a friendly page, never an error.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from thankyou.analytics import email_opens
from thankyou.pages import hosted

HOSTED_PAGE_CSP = {
    **settings.SHOP_PAGE_CSP,
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}


@require_GET
@csp_override(HOSTED_PAGE_CSP)
def hosted_page(request, signed):
    try:
        order = hosted.read(signed)
        token, language = hosted.order_token(order)
    except hosted.Gone as gone:
        return TemplateResponse(
            request,
            "thankyou/hosted_gone.html",
            {"expired": gone.status == 410},
            status=gone.status,
            headers=HEADERS,
        )
    response = TemplateResponse(
        request,
        "thankyou/hosted.html",
        {"shop": order.shop, "token": token, "language": language},
        headers=HEADERS,
    )
    with translation.override(language):
        return response.render()


@require_GET
def email_open(request, signed):
    """The e-mail's invisible image: counts the order's open (see ``email_opens``)."""
    if not email_opens.record(signed):
        return JsonResponse(
            {"detail": "Not a link of this server.", "field": "signed", "code": "invalid_link"},
            status=404,
            headers=HEADERS,
        )
    return HttpResponse(email_opens.GIF, content_type="image/gif", headers=HEADERS)
