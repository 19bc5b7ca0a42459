"""A single image with alternative text and an optional caption."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.samples import sample_image
from thankyou.media.images import RenditionImageBlock


def preview_value():
    return {
        "image": sample_image("scoop"),
        "alt": "Frisch geröstete Kaffeebohnen auf einem hellen Tisch",
        "caption": "Heute Morgen geröstet: dein Espresso Bohnenglück.",
    }


class ImageBlock(ThankYouBlock):
    image = RenditionImageBlock(preset="wide", label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "thankyou/blocks/image.html"
        stylesheet = "thankyou/blocks/image.css"
        description = _("A photo with alternative text and an optional caption.")
        preview_translations = {
            "en": {
                "alt": "Freshly roasted coffee beans on a light table",
                "caption": "Roasted this morning: your Espresso Bean Bliss.",
            }
        }
        preview_value = staticmethod(preview_value)
