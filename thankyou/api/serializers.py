"""Request and response shapes of the public API (validation and OpenAPI)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from thankyou.analytics.events import CLIENT_TYPES
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.shapes import camel, schema_field
from thankyou.core import rules

JWT_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$"
MAX_ID = 2**63 - 1


@extend_schema_field(
    {
        "type": "string",
        "pattern": JWT_PATTERN,
        "maxLength": settings.THANKYOU["TOKEN_MAX_BYTES"],
    }
)
class TokenField(serializers.CharField):
    """A compact JWT. Its size limit is checked when it is read (413, not 400)."""

    default_error_messages = {"invalid": _("Must be a JWT: three base64url parts.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The pattern admits base64url and dots only, so CharField's own checks
        # for NUL and surrogate characters (a Python loop over each of a
        # token's thousand characters) have nothing left to find.
        self.validators = [RegexValidator(JWT_PATTERN, message=self.error_messages["invalid"])]


class BlockIdField(serializers.RegexField):
    """A block's id on the page (blocks[].id, data-block)."""

    def __init__(self, **kwargs):
        super().__init__(rules.BLOCK_ID_PATTERN, **kwargs)


class RenderRequestSerializer(serializers.Serializer):
    token = TokenField(help_text=_("The order context: a JWT signed by the shop (HS256)."))
    page = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_(
            "Test orders only: render this page of the shop instead of the one targeting"
            " rules pick."
        ),
    )
    format = serializers.ChoiceField(
        choices=["html", "email"],
        default="html",
        help_text=_(
            "html: the page for the embed (the default). email: the same composition for "
            "the order-confirmation e-mail, as e-mail-safe HTML and plain text, with the "
            "link to the order's hosted page."
        ),
    )


class RenderedBlockSerializer(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.CharField()
    value = serializers.JSONField()
    hidden = serializers.BooleanField(
        help_text=_(
            "A call to action waiting for the one before it (see calls_to_action): "
            "show it when the customer completes or dismisses that one."
        )
    )


def rendered_block_serializers():
    """{block type: the serializer of a rendered block of that type}, for every registered type."""
    return {name: rendered_block_serializer(name, block) for name, block in get_block_types()}


def rendered_block_serializer(name, block):
    schemas = block.__dict__.setdefault("_rendered_schemas", {})
    if name not in schemas:
        schemas[name] = type(
            f"{camel(name)}Block",
            (RenderedBlockSerializer,),
            {
                "type": schema_field({"type": "string", "enum": [name]}),
                "value": block.value_schema(name)(help_text=block.meta.label),
            },
        )
    return schemas[name]


class RenderedPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    locale = serializers.CharField()


class RenderResponseSerializer(serializers.Serializer):
    html = serializers.CharField(help_text=_("The page's HTML; URLs are absolute."))
    css = serializers.CharField(help_text=_("Stylesheet for the shadow root, with the theme."))
    scripts = serializers.ListField(
        child=serializers.URLField(), help_text=_("Behaviour scripts of the blocks shown.")
    )
    blocks = PolymorphicProxySerializer(
        component_name="RenderedBlock",
        serializers=rendered_block_serializers,
        resource_type_field_name="type",
        many=True,
        help_text=_(
            "The blocks shown, in page order, each as structured data for native rendering: "
            "its value's shape depends on its type."
        ),
    )
    page = RenderedPageSerializer()
    revision = serializers.IntegerField(allow_null=True)
    variant = serializers.CharField(allow_blank=True)
    locale = serializers.CharField()
    action_token = serializers.CharField(
        help_text=_("Credential for this order's answers and events on this page.")
    )
    calls_to_action = serializers.ListField(
        child=serializers.CharField(),
        help_text=_(
            "Ids of the call-to-action blocks that apply to this order, in the order they "
            "are shown (highest priority first), up to the page's limit. Only the first is "
            "visible; each next one follows when the customer completes or dismisses the one "
            "before."
        ),
    )


class EmailRenderResponseSerializer(serializers.Serializer):
    format = schema_field({"type": "string", "enum": ["email"]})
    subject = serializers.CharField(help_text=_("The page's title, for the e-mail's subject."))
    html = serializers.CharField(
        help_text=_(
            "The e-mail's HTML part: a whole document, table layout, styles inline, no "
            "script or form; images absolute with width, height and alt text."
        )
    )
    text = serializers.CharField(help_text=_("The e-mail's plain-text part."))
    hosted_url = serializers.URLField(
        help_text=_(
            "The order's hosted page: the same composition, its questions answerable. "
            "Signed and expiring; it carries no personal data."
        )
    )
    page = RenderedPageSerializer()
    revision = serializers.IntegerField(allow_null=True)
    variant = serializers.CharField(allow_blank=True)
    locale = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    field = serializers.CharField(required=False)
    fields = serializers.DictField(child=serializers.ListField(), required=False)


class EventSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=CLIENT_TYPES,
        help_text=_("What happened; `view` is the page's content becoming visible."),
    )
    block = BlockIdField(
        required=False,
        help_text=_("The block's id (data-block); required for every type except `view`."),
    )
    detail = serializers.RegexField(
        rules.DETAIL_PATTERN,
        required=False,
        error_messages={"invalid": rules.DETAIL_MESSAGE},
        help_text=_("A choice's key, e.g. an answer's question and option; never free text."),
    )


class EventsRequestSerializer(serializers.Serializer):
    action_token = TokenField(help_text=_("The action token of the render."))
    events = EventSerializer(many=True, help_text=_("1 to 100 events."))


class RejectedEventSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    field = serializers.CharField()
    code = serializers.CharField()
    detail = serializers.CharField()


class EventsResponseSerializer(serializers.Serializer):
    accepted = serializers.IntegerField(help_text=_("Events that were valid."))
    rejected = RejectedEventSerializer(many=True)
    counted = serializers.BooleanField(
        help_text=_("False for test orders: their events are accepted and never counted.")
    )
