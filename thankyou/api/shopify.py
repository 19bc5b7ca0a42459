"""
The render for a Shopify shop's checkout UI extension.

Shopify's thank-you page runs no foreign script: the shop's extension posts
its session token and the order's id here. The token says which shop (its
``dest``) and is verified with that shop's app secret; the order's facts come
from the shop's Admin API, and the page is rendered as for a signed order
context. The extension checks nothing the customer could change.
"""

from dataclasses import replace
from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from thankyou.api import cors
from thankyou.api.serializers import RenderResponseSerializer, TokenField
from thankyou.api.throttling import rate_limit
from thankyou.api.views import ERRORS, PublicAPIView, render_body
from thankyou.core import caching, rules
from thankyou.core.context import context_from_claims
from thankyou.core.errors import ClientError
from thankyou.pages import routing
from thankyou.shopify import admin_api, session_tokens

# The thank-you page follows the purchase: an older order is not one the
# customer is looking at, and its id is no key to someone else's page.
ORDER_MAX_AGE = timedelta(hours=24)


class ShopifyRenderRequestSerializer(serializers.Serializer):
    session_token = TokenField(
        help_text=gettext_lazy("The extension's session token (shopify.sessionToken.get()).")
    )
    order_id = serializers.CharField(
        max_length=64,
        help_text=gettext_lazy(
            "The order's id as the extension knows it (shopify.orderConfirmation: "
            "gid://shopify/OrderIdentity/…)."
        ),
    )
    total = serializers.RegexField(
        rules.AMOUNT_PATTERN,
        max_length=20,
        help_text=gettext_lazy(
            "The order's total as the extension shows it (shopify.cost.totalAmount), e.g. "
            '"39.30": it must be the total Shopify has for the order.'
        ),
    )


class ShopifyRenderView(PublicAPIView):
    throttle_classes = [rate_limit("render")]

    @extend_schema(
        operation_id="render_shopify",
        summary="Render the thank-you page for a Shopify order (checkout UI extension)",
        request={
            "application/json": ShopifyRenderRequestSerializer,
            "text/plain": ShopifyRenderRequestSerializer,
        },
        responses={
            200: RenderResponseSerializer,
            204: OpenApiResponse(description="No page targets this order."),
            **ERRORS,
            403: OpenApiResponse(
                description="The order is not the one the request describes (its total or "
                "customer differs, or it is older than a day)."
            ),
            404: OpenApiResponse(description="The shop has no such order."),
            502: OpenApiResponse(description="Shopify's Admin API did not answer as expected."),
        },
    )
    def post(self, request):
        data = self.validated(ShopifyRenderRequestSerializer)
        shop, session = session_tokens.verify(data["session_token"])
        cors.admit(request._request, shop)
        order = admin_api.fetch_order(shop, admin_api.order_gid(data["order_id"]))
        claims = admin_api.claims_for(order)
        check_order(order, claims, session, data["total"])
        context = replace(
            context_from_claims(shop, claims), generation=caching.generation(shop.key)
        )
        result = routing.render(context)
        if result is None:
            return Response(status=204)
        return HttpResponse(
            render_body(result),
            content_type="application/json",
            headers={"Cache-Control": "no-store"},
        )


def check_order(order, claims, session, total):
    """Refuse an order that is not the one the extension is showing."""
    if not admin_api.same_total(claims["order"], total):
        raise mismatch(_("The order's total is not the one given."), "total")
    created = parse_datetime(order.get("createdAt") or "")
    if created is None or created < timezone.now() - ORDER_MAX_AGE:
        raise mismatch(_("The order is older than a day."), "order_id")
    # A signed-in customer's token names them: their order is theirs only.
    subject = session.get("sub")
    customer = order.get("customer") or {}
    if subject and subject != f"gid://shopify/Customer/{customer.get('legacyResourceId')}":
        raise mismatch(_("The order is not the signed-in customer's."), "order_id")


def mismatch(message, field):
    return ClientError(message, field=field, code="order_mismatch", status=403)
