"""A single image with alternative text and an optional caption."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.samples import sample_image
from thankyou.media.images import RenditionImageBlock


def preview_value():
    return {
        "image": sample_image("scoop"),
        "alt": "Frisch geröstete Kaffeebohnen auf einem hellen Tisch",
        "caption": "Heute Morgen geröstet: dein Espresso Bohnenglück.",
    }


ALT_MAX_LENGTH = 250


def alt_block():
    return blocks.CharBlock(
        label=_("Alternative text"),
        max_length=ALT_MAX_LENGTH,
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it. Empty: the image's "
            "description, if it has one."
        ),
    )


class DescribedImage:
    """
    A struct block's ``image`` with its ``alt``: an empty alternative text
    takes the image's description (written when it was uploaded), as
    Wagtail's own image block does; an image with neither is refused.
    """

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if image and not value.get("alt", "").strip():
            if not image.description.strip():
                raise StructBlockValidationError(
                    block_errors={"alt": ValidationError(_("Describe the image."))}
                )
            value["alt"] = image.description.strip()[:ALT_MAX_LENGTH]
        return value


class ImageBlock(DescribedImage, ThankYouBlock):
    image = RenditionImageBlock(preset="wide", label=_("Image"))
    alt = alt_block()
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
