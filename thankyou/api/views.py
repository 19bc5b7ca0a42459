"""The public API. The signed token is the only credential: no session, no CSRF."""

from dataclasses import replace

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail import hooks

from thankyou.analytics import email_opens
from thankyou.api import cors
from thankyou.api.parsers import JSONBodyParser, PlainTextJSONParser
from thankyou.api.serializers import (
    EmailRenderResponseSerializer,
    ErrorSerializer,
    RenderRequestSerializer,
    RenderResponseSerializer,
)
from thankyou.api.throttling import rate_limit
from thankyou.blocks import answers
from thankyou.core.context import read_unverified, verify_order_token
from thankyou.core.errors import ClientError
from thankyou.pages import hosted, routing
from thankyou.render.email import render_email
from thankyou.render.stand_ins import json_string

# Called with (order context, rendered page) after each render for an order, to
# record what the order brought (the referral block's conversions); not for previews.
RENDERED_HOOK = "after_thankyou_render"

ERRORS = {
    status: OpenApiResponse(ErrorSerializer, description=description)
    for status, description in {
        400: "Malformed body or invalid claims; `field` names the culprit.",
        401: "Bad signature, expired token, unknown shop or key id.",
        403: "Sent by a browser from a page on none of the shop's allowed origins.",
        404: "The requested page is not one of the shop's live pages.",
        413: "The body or the token is too large.",
        415: "The body is neither application/json nor text/plain.",
        429: "Too many requests from this client or for this shop; see Retry-After.",
    }.items()
}


class JSONOnly(BaseContentNegotiation):
    """Answer JSON whatever the client accepts (skips per-request negotiation)."""

    def select_parser(self, request, parsers):
        content_type = request.content_type.split(";")[0].strip().lower()
        return next((p for p in parsers if p.media_type == content_type), None)

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PublicAPIView(APIView):
    parser_classes = [JSONBodyParser, PlainTextJSONParser]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    authentication_classes = []
    permission_classes = []

    def validated(self, serializer_class):
        if not isinstance(self.request.data, dict):
            raise ClientError("The body must be a JSON object.", code="invalid_body")
        return validate_with(serializer_class, self.request.data)


def render_reads(shop_key, claims):
    """What a render asks the cache for: what the order did."""
    order = claims.get("order")
    order_id = order.get("id") if isinstance(order, dict) else None
    if isinstance(order_id, str | int) and len(str(order_id)) <= 128:
        return [answers.done_key(shop_key, order_id)]
    return []


class RenderView(PublicAPIView):
    throttle_classes = [rate_limit("render", read_ahead=render_reads)]

    @extend_schema(
        operation_id="render",
        summary="Render the thank-you page for an order",
        request={
            "application/json": RenderRequestSerializer,
            "text/plain": RenderRequestSerializer,
        },
        responses={
            200: PolymorphicProxySerializer(
                component_name="RenderResult",
                serializers=[RenderResponseSerializer, EmailRenderResponseSerializer],
                resource_type_field_name=None,
            ),
            204: OpenApiResponse(description="No page targets this order."),
            **ERRORS,
        },
    )
    def post(self, request):
        data = self.validated(RenderRequestSerializer)
        context = verify_order_token(data["token"])
        cors.admit(request._request, context.shop)
        read = getattr(request._request, "thankyou_read_ahead", {})
        done = read.get(answers.done_key(context.shop.key, context.order.id))
        if done is not None:
            context = replace(context, done=done)
        if data.get("page") is not None and not context.test:
            # Customers can read their own token: naming a page would pass its targeting.
            raise ClientError(
                _("Only a test order (claim test: true) may name a page."),
                field="page",
                code="page_not_allowed",
            )
        result = routing.render(context, data.get("page"))
        if result is None:
            return Response(status=204)
        for observe in hooks.get_hooks(RENDERED_HOOK):
            observe(context, result)
        if data["format"] == "email":
            return Response(email_body(result, context, data["token"]), headers=NO_STORE)
        return HttpResponse(
            render_body(result),
            content_type="application/json",
            headers={"Cache-Control": "no-store"},
        )


NO_STORE = {"Cache-Control": "no-store"}


def email_body(result, context, token):
    """The e-mail format's response: the e-mail's parts and the order's hosted page."""
    _header, claims = read_unverified(token)  # verified by now
    hosted_url = hosted.link_for(context, claims)
    open_image = ""
    if context.shop.email_open_tracking and not context.test:  # test orders never count
        open_image = email_opens.image_url(
            context.shop, context.order.id, result.page.pk, result.revision_id, result.variant
        )
    email = render_email(result, context.shop, hosted_url, open_image)
    return {
        "format": "email",
        "subject": result.page.title,
        "html": email.html,
        "text": email.text,
        "hosted_url": hosted_url,
        "page": {"id": result.page.pk, "title": result.page.title, "locale": result.language},
        "revision": result.revision_id,
        "variant": result.variant,
        "locale": result.language,
    }


def render_body(result):
    """
    The render response's JSON text. What all orders of the result's assembly
    share is encoded once; the order's name and number go into that text. The
    variant is the order's own: arms of one body share the assembly.
    """
    shared = result.assembly.encoded
    if not shared:
        shared["html"] = json_string(result.assembly.html)
        shared["blocks"] = json_string(result.assembly.blocks)
        shared["rest"] = json_string(
            {
                "css": result.css,
                "scripts": result.scripts,
                "page": {
                    "id": result.page.pk,
                    "title": result.page.title,
                    "locale": result.language,
                },
                "revision": result.revision_id,
                "locale": result.language,
                "calls_to_action": result.calls_to_action,
            }
        )
    fill = result.filling.json
    return (
        f'{{"html":{fill(shared["html"], html=True)},'
        f'"blocks":{fill(shared["blocks"], html=False)},'
        f'"action_token":{json_string(result.action_token)},'
        f'"variant":{json_string(result.variant)},'
        f"{shared['rest'][1:]}"
    )


def validate_with(serializer_class, data):
    """
    Validate data with one shared instance of the serializer.

    DRF deep-copies every declared field for each new serializer instance,
    which costs more than the rest of a cached render; the validation itself
    keeps no state on the instance, so one bound instance serves every request.
    Raises ValidationError like ``is_valid(raise_exception=True)``.
    """
    instance = _shared.get(serializer_class)
    if instance is None:
        instance = _shared[serializer_class] = serializer_class()
    return instance.run_validation(data)


_shared = {}
