"""The public API. The signed token is the only credential: no session, no CSRF."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import rendering
from ..context import verify_order_token
from ..errors import ClientError
from .parsers import JSONBodyParser, PlainTextJSONParser
from .serializers import ErrorSerializer, RenderRequestSerializer, RenderResponseSerializer
from .throttling import throttles_for

ERRORS = {
    status: OpenApiResponse(ErrorSerializer, description=description)
    for status, description in {
        400: "Malformed body or invalid claims; `field` names the culprit.",
        401: "Bad signature, expired token, unknown shop or key id.",
        404: "The requested page is not one of the shop's live pages.",
        413: "The body or the token is too large.",
        429: "Too many requests from this client or for this shop; see Retry-After.",
    }.items()
}


class PublicAPIView(APIView):
    parser_classes = [JSONBodyParser, PlainTextJSONParser]
    authentication_classes = []
    permission_classes = []

    def validated(self, serializer_class):
        if not isinstance(self.request.data, dict):
            raise ClientError("The body must be a JSON object.", code="invalid_body")
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class RenderView(PublicAPIView):
    throttle_classes = throttles_for("render")

    @extend_schema(
        operation_id="render",
        summary="Render the thank-you page for an order",
        request={
            "application/json": RenderRequestSerializer,
            "text/plain": RenderRequestSerializer,
        },
        responses={
            200: RenderResponseSerializer,
            204: OpenApiResponse(description="No page targets this order."),
            **ERRORS,
        },
    )
    def post(self, request):
        data = self.validated(RenderRequestSerializer)
        context = verify_order_token(data["token"])
        request._request.thankyou_shop = context.shop
        result = rendering.render(context, data.get("page"))
        if result is None:
            return Response(status=204)
        return Response(
            {
                "html": result.html,
                "css": result.css,
                "scripts": result.scripts,
                "blocks": result.blocks,
                "page": {
                    "id": result.page.pk,
                    "title": result.page.title,
                    "locale": result.language,
                },
                "revision": result.revision_id,
                "variant": result.variant,
                "locale": result.language,
                "action_token": result.action_token,
                "calls_to_action": result.calls_to_action,
            },
            headers={"Cache-Control": "no-store"},
        )
