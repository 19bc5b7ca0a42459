"""
POST /api/v1/actions/<kind>: a customer's answer on a block of the page.

The action token from the render response is the only credential. Bodies may
be sent as text/plain (no CORS preflight). The first answer of an order on a
block is stored (201); a replay changes nothing and returns it again (200).
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from thankyou.api import cors
from thankyou.api.serializers import BlockIdField, PlainTextField, TokenField
from thankyou.api.throttling import rate_limit
from thankyou.api.views import ERRORS, PublicAPIView
from thankyou.blocks import answers
from thankyou.blocks.interactive import designer_blocks
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.survey import OPTION_KEY_PATTERN
from thankyou.core.errors import ClientError

ActionRateLimit = rate_limit("actions")


class ActionRequestSerializer(serializers.Serializer):
    action_token = TokenField(help_text=_("The action token of the render response."))
    block = BlockIdField(help_text=_("The id of the block answered (blocks[].id)."))


class QuizRequestSerializer(ActionRequestSerializer):
    answers = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=20),
        min_length=1,
        max_length=10,
        help_text=_("For each question in order, the index of the option chosen."),
    )


class QuizResponseSerializer(serializers.Serializer):
    outcome = serializers.CharField(help_text=_("The outcome's key."))
    title = serializers.CharField()
    text = serializers.CharField()
    share = serializers.IntegerField(
        allow_null=True,
        help_text=_("Percent of answers with this outcome; null while too few exist."),
    )
    feedback = serializers.CharField(allow_blank=True)


class SurveyRequestSerializer(ActionRequestSerializer):
    option = serializers.RegexField(
        OPTION_KEY_PATTERN, max_length=40, help_text=_('The key of the answer chosen, or "other".')
    )
    other = PlainTextField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text=_('Free text; required with "other".'),
    )


class SurveyResponseSerializer(serializers.Serializer):
    option = serializers.CharField()


class NewsletterRequestSerializer(ActionRequestSerializer):
    email = serializers.EmailField(max_length=254)
    consent = serializers.BooleanField(
        help_text=_("Must be true: the customer agreed to the consent text shown.")
    )


class NewsletterResponseSerializer(serializers.Serializer):
    signed_up = serializers.BooleanField()


class GiftResponseSerializer(serializers.Serializer):
    code = serializers.CharField()


ACTION_ERRORS = {
    **{status: ERRORS[status] for status in (400, 401, 413, 429)},
    403: OpenApiResponse(
        ERRORS[400].response,
        description=f"The action token does not name this block. Or: {ERRORS[403].description}",
    ),
}


class ActionView(PublicAPIView):
    throttle_classes = [ActionRateLimit]
    request_serializer = None
    action = ""

    def dispatch(self, request, *args, **kwargs):
        # post() switches to the page's language once it knows the page; the
        # thread's language is restored after: it goes on to other requests.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        answering = self.validated(ActionRequestSerializer)  # the token and block first
        target = answers.target(answering["action_token"], answering["block"], self.action)
        cors.admit(request._request, target.shop)
        if target.language:  # what the answer is told speaks the page's language
            translation.activate(target.language)
        result, created = self.act(target, self.answer(target))
        return Response(result, status=201 if created else 200)

    def answer(self, target):
        return self.validated(self.request_serializer)


def _schema(name, summary, request, response, extra=None):
    return extend_schema(
        operation_id=f"action_{name}",
        summary=summary,
        request={"application/json": request, "text/plain": request},
        responses={
            201: response,
            200: OpenApiResponse(response, description="Replay: the first answer, unchanged."),
            **ACTION_ERRORS,
            **(extra or {}),
        },
    )


class QuizView(ActionView):
    request_serializer = QuizRequestSerializer
    action = "quiz"

    @_schema("quiz", "Answer a quiz", QuizRequestSerializer, QuizResponseSerializer)
    def post(self, request):
        return super().post(request)

    def act(self, target, data):
        return answers.answer_quiz(target, data["answers"])


class SurveyView(ActionView):
    request_serializer = SurveyRequestSerializer
    action = "survey"

    @_schema("survey", "Answer a survey", SurveyRequestSerializer, SurveyResponseSerializer)
    def post(self, request):
        return super().post(request)

    def act(self, target, data):
        return answers.answer_survey(target, data["option"], data["other"])


class NewsletterView(ActionView):
    request_serializer = NewsletterRequestSerializer
    action = "newsletter"

    @_schema(
        "newsletter",
        "Sign up to the newsletter",
        NewsletterRequestSerializer,
        NewsletterResponseSerializer,
    )
    def post(self, request):
        return super().post(request)

    def act(self, target, data):
        ip = ActionRateLimit().get_ident(self.request)
        return answers.sign_up(target, data["email"], data["consent"], ip)


class GiftView(ActionView):
    request_serializer = ActionRequestSerializer
    action = "gift"

    @_schema(
        "gift",
        "Reveal the order's gift code",
        ActionRequestSerializer,
        GiftResponseSerializer,
        {409: OpenApiResponse(ERRORS[400].response, description="The shop's pool is empty.")},
    )
    def post(self, request):
        return super().post(request)

    def act(self, target, data):
        return answers.reveal_gift(target)


class BlockAnswerView(ActionView):
    """Answers to the blocks of designers' apps (``InteractiveBlock.answer_serializer``)."""

    @extend_schema(
        operation_id="action_block",
        summary="Answer a block of a designer's app",
        description=(
            "The fields besides `action_token` and `block` are the block's own "
            "(its `answer_serializer`); the response is its `answer_result`."
        ),
        parameters=[
            OpenApiParameter(
                "action", OpenApiTypes.STR, OpenApiParameter.PATH, description="Meta.action"
            )
        ],
        request={
            "application/json": ActionRequestSerializer,
            "text/plain": ActionRequestSerializer,
        },
        responses={
            201: OpenApiTypes.OBJECT,
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="Replay: the first answer."),
            **ACTION_ERRORS,
            404: OpenApiResponse(ERRORS[404].response, description="No block takes this action."),
        },
    )
    def post(self, request, action):
        if action not in {block.meta.action for block in designer_blocks()}:
            raise ClientError(
                _("No block takes answers of this kind."),
                field="action",
                code="unknown_action",
                status=404,
            )
        self.action = action
        return super().post(request)

    def answer(self, target):
        block = dict(get_block_types()).get(target.spec["type"])
        if getattr(block, "answer_serializer", None) is None:  # unregistered since publishing
            raise ClientError(
                _("This block does not take this kind of answer."),
                field="block",
                code="wrong_block",
            )
        self.block = block
        serializer = block.answer_serializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def act(self, target, data):
        return answers.answer(target, self.block, data)
