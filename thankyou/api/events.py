"""POST /api/v1/events: a batch of events from the embed script."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from thankyou.analytics.events import MAX_EVENTS, ingest
from thankyou.api import cors
from thankyou.api.serializers import (
    ErrorSerializer,
    EventsRequestSerializer,
    EventsResponseSerializer,
)
from thankyou.api.throttling import rate_limit
from thankyou.api.views import ERRORS, PublicAPIView
from thankyou.core import action_tokens, caching
from thankyou.core.errors import ClientError, InvalidToken
from thankyou.core.models import cached_shop


class EventsView(PublicAPIView):
    throttle_classes = [rate_limit("events")]

    @extend_schema(
        operation_id="events",
        summary="Record what the customer did on the thank-you page",
        description=(
            "A batch of events bound to the action token of a render. Each event is "
            "checked on its own: the response lists the rejected ones (index, field, "
            "reason) and the others are stored. Events of test orders are accepted and "
            "never counted."
        ),
        request={
            "application/json": EventsRequestSerializer,
            "text/plain": EventsRequestSerializer,
        },
        responses={
            200: EventsResponseSerializer,
            207: OpenApiResponse(
                EventsResponseSerializer, description="Some events were rejected, the rest stored."
            ),
            400: OpenApiResponse(
                ErrorSerializer, description="No event was valid, or the batch is malformed."
            ),
            **{status: ERRORS[status] for status in (401, 403, 413, 415, 429)},
        },
    )
    def post(self, request):
        data = request.data
        if not isinstance(data, dict):
            raise ClientError(_("The body must be a JSON object."), code="invalid_body")
        token = data.get("action_token")
        if not isinstance(token, str) or not token:
            raise ClientError(_("An action token (string) is required."), field="action_token")
        claims = action_tokens.verify(token)
        shop = cached_shop(claims.shop, caching.generation(claims.shop))
        if shop is None:
            raise InvalidToken(_("Unknown shop."), field="action_token", code="unknown_shop")
        cors.admit(request._request, shop)
        events = data.get("events")
        if not isinstance(events, list) or not events:
            raise ClientError(_("A non-empty list of events is required."), field="events")
        if len(events) > MAX_EVENTS:
            raise ClientError(
                _("At most %(n)d events per batch.") % {"n": MAX_EVENTS},
                field="events",
                code="too_many_events",
            )
        accepted, rejected = ingest(claims, shop.pk, events)
        body = {
            "accepted": accepted,
            "rejected": [item.as_dict() for item in rejected],
            "counted": accepted > 0 and not claims.test,
        }
        if not accepted:
            first = rejected[0]
            body.update(
                code="invalid_events",
                detail=f"{first.field}: {first.detail}",
                field=first.field,
                fields={item.field: [item.detail] for item in rejected},
            )
            return Response(body, status=400)
        return Response(body, status=207 if rejected else 200)
