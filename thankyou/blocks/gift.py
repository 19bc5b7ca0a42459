"""Announce a gift: an item in the parcel or a code (presentation only; a code
from the shop's pool, revealed per order, is the gift code block)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.samples import sample_image
from thankyou.media.images import RenditionImageBlock

HOW = [
    ("parcel", _("A free item in the parcel")),
    ("code", _("A code for the next order")),
]


def preview_value():
    return {
        "heading": "Ein kleines Dankeschön für dich, {first_name}",
        "text": "Weil du schon so oft bei uns bestellt hast, legen wir dir eine "
        "Probe unserer neuen Röstung Äthiopien Guji ins Paket.",
        "image": sample_image("gift"),
        "alt": "Rot verpacktes Geschenk mit goldener Schleife",
        "how": "parcel",
        "note": "Liegt deinem Paket bei, solange der Vorrat reicht.",
    }


class GiftValueSerializer(serializers.Serializer):
    how_label = serializers.CharField(help_text=_("How the gift is given, as the page says it."))


class GiftBlock(ThankYouBlock):
    value_serializer = GiftValueSerializer

    heading = PersonalCharBlock(label=_("Headline"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=600)
    image = RenditionImageBlock(preset="card", label=_("Image"), required=False)
    alt = blocks.CharBlock(label=_("Alternative text"), max_length=250, required=False)
    how = blocks.ChoiceBlock(choices=HOW, default="parcel", label=_("How the gift is given"))
    note = blocks.CharBlock(
        label=_("Small print"),
        max_length=240,
        required=False,
        help_text=_("E.g. how long the offer lasts."),
    )

    class Meta:
        icon = "pick"
        label = _("Gift announcement")
        template = "thankyou/blocks/gift.html"
        stylesheet = "thankyou/blocks/gift.css"
        description = _("Tells loyal customers about a gift in the parcel or a code.")
        preview_translations = {
            "en": {
                "heading": "A little thank-you for you, {first_name}",
                "text": "Because you have ordered from us so often, we are adding a "
                "sample of our new Ethiopia Guji roast to your parcel.",
                "alt": "Gift wrapped in red with a golden bow",
                "note": "In your parcel while stocks last.",
            }
        }
        preview_value = staticmethod(preview_value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["how_label"] = how_label(value)
        return context

    def get_api_representation(self, value, context=None):
        return {**super().get_api_representation(value, context), "how_label": how_label(value)}


def how_label(value):
    return str(dict(HOW).get(value["how"], ""))
