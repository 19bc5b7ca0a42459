"""Request and response shapes of the public API (validation and OpenAPI)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class RenderRequestSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=_("The order context: a JWT signed by the shop (HS256)."),
        trim_whitespace=True,
    )
    page = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Render this page of the shop instead of the one targeting rules pick."),
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
    blocks = RenderedBlockSerializer(many=True)
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


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    field = serializers.CharField(required=False)
    fields = serializers.DictField(child=serializers.ListField(), required=False)
