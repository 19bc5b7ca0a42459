"""
POST /api/v1/actions: a customer's answer on a block of the page.

One endpoint for every block that asks something: the action token from the
render response is the only credential, the block's id says which block, and
the block's ``answer_serializer`` validates the rest of the body. Bodies may
be sent as text/plain (no CORS preflight). The first answer of an order on a
block is stored (201); a replay changes nothing and returns it again (200).

POST /api/v1/actions/<action> (e.g. ``actions/quiz``) is the same endpoint
that also checks the block is of that kind; shops and embed scripts of
earlier versions call it.
"""

from functools import cache

from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from thankyou.api import cors
from thankyou.api.serializers import BlockIdField, TokenField
from thankyou.api.throttling import rate_limit
from thankyou.api.views import ERRORS, PublicAPIView
from thankyou.blocks import answers
from thankyou.blocks.interactive import interactive_blocks
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.shapes import camel
from thankyou.core.errors import ClientError

ActionRateLimit = rate_limit("actions")


class ActionRequestSerializer(serializers.Serializer):
    action_token = TokenField(help_text=_("The action token of the render response."))
    block = BlockIdField(help_text=_("The id of the block answered (blocks[].id)."))


ACTION_ERRORS = {
    **{status: ERRORS[status] for status in (400, 401, 413, 429)},
    403: OpenApiResponse(
        ERRORS[400].response,
        description=f"The action token does not name this block. Or: {ERRORS[403].description}",
    ),
    409: OpenApiResponse(
        ERRORS[400].response,
        description="Nothing is left to give (a gift block whose shop's pool is empty).",
    ),
}


@cache
def request_serializer(answer_serializer, action):
    """The body a block takes: the action token, its id and its answer's fields.
    Named after the action (QuizRequest…) for the OpenAPI schema."""
    name = f"{camel(action)}RequestSerializer"
    return type(name, (ActionRequestSerializer, answer_serializer), {})


def response_serializer(block):
    return block.response_serializer() or OpenApiTypes.OBJECT


def schema(operation_id, summary, request, response, description=""):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        request={"application/json": request, "text/plain": request},
        responses={
            201: response,
            200: OpenApiResponse(response, description="Replay: the first answer, unchanged."),
            **ACTION_ERRORS,
        },
    )


class ActionView(PublicAPIView):
    throttle_classes = [ActionRateLimit]

    def dispatch(self, request, *args, **kwargs):
        # post() switches to the page's language once it knows the page; the
        # thread's language is restored after: it goes on to other requests.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def post(self, request, action=None):
        if action is not None and action not in {
            block.meta.action for _name, block in interactive_blocks()
        }:
            raise ClientError(
                _("No block takes answers of this kind."),
                field="action",
                code="unknown_action",
                status=404,
            )
        answering = self.validated(ActionRequestSerializer)  # the token and block first
        ip = ActionRateLimit().get_ident(request)
        target = answers.target(answering["action_token"], answering["block"], action, ip)
        cors.admit(request._request, target.shop)
        if target.language:  # what the answer is told speaks the page's language
            translation.activate(target.language)
        block = dict(get_block_types()).get(target.spec["type"])
        if getattr(block, "answer_serializer", None) is None:  # unregistered since publishing
            raise ClientError(
                _("This block does not take this kind of answer."),
                field="block",
                code="wrong_block",
            )
        result, created = block.answer(target, self.validated(block.answer_serializer))
        return Response(result, status=201 if created else 200)


@extend_schema(exclude=True)
class LateActionView(ActionView):
    pass


def action_view():
    """The one endpoint, documented as taking any of the registered blocks' answers."""
    blocks = [block for _name, block in interactive_blocks()]

    def one_of(name, serializers):
        return PolymorphicProxySerializer(
            component_name=name, serializers=serializers, resource_type_field_name=None
        )

    decorate = schema(
        "action",
        "Answer a block",
        one_of(
            "Answer",
            [request_serializer(block.answer_serializer, block.meta.action) for block in blocks],
        ),
        one_of("AnswerResult", [response_serializer(block) for block in blocks]),
        "The block's id and the action token say which block is answered; the "
        "other fields are the block's own (its `answer_serializer`).",
    )
    view = type("AnyActionView", (ActionView,), {"post": decorate(ActionView.post)})
    return view.as_view()


def alias_view(block):
    """POST /api/v1/actions/<action>: the same, for blocks of one kind only."""
    action = block.meta.action
    decorate = schema(
        f"action_{action}",
        f"Answer a block of kind {action}",
        request_serializer(block.answer_serializer, block.meta.action),
        response_serializer(block),
    )

    def post(self, request):
        return ActionView.post(self, request, action)

    view = type(f"{camel(action)}ActionView", (ActionView,), {"post": decorate(post)})
    return view.as_view()


def urlpatterns():
    return [
        path("actions", action_view(), name="action"),
        *(
            path(f"actions/{b.meta.action}", alias_view(b), name=f"action-{b.meta.action}")
            for _name, b in interactive_blocks()
        ),
        # Blocks registered later (tests, apps loaded late) and unknown kinds (404).
        path("actions/<str:action>", LateActionView.as_view(), name="action-block"),
    ]
