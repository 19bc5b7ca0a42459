"""How the order is prepared: numbered steps with photos."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.image import DescribedImage, alt_block
from thankyou.blocks.personal import PersonalCharBlock
from thankyou.blocks.samples import sample_image
from thankyou.media.images import RenditionImageBlock


class PackingStepBlock(DescribedImage, blocks.StructBlock):
    image = RenditionImageBlock(preset="card", label=_("Image"), required=False)
    alt = alt_block()
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300, required=False)


def preview_value():
    return {
        "heading": "So packen wir deine Bestellung",
        "steps": [
            {
                "image": sample_image("roastery"),
                "alt": "Kaffeeröster mit dampfenden Bohnen",
                "title": "Frisch geröstet",
                "text": "Deine Bohnen kommen direkt aus unserem Trommelröster.",
            },
            {
                "image": sample_image("bag"),
                "alt": "Kaffeebeutel mit Aromaventil",
                "title": "Aromadicht verpackt",
                "text": "Im Beutel mit Ventil, damit das Aroma bleibt.",
            },
            {
                "image": sample_image("parcel"),
                "alt": "Verschlossenes Paket aus Karton",
                "title": "Plastikfrei versendet",
                "text": "Im Karton aus Recyclingpapier, gepolstert mit Graspapier.",
            },
        ],
    }


class PackingStepsBlock(ThankYouBlock):
    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    steps = blocks.ListBlock(PackingStepBlock(), label=_("Steps"), min_num=0, max_num=6)

    class Meta:
        icon = "list-ol"
        label = _("Packing steps")
        template = "thankyou/blocks/packing_steps.html"
        stylesheet = "thankyou/blocks/packing_steps.css"
        description = _("Photos of how the order is prepared, step by step.")
        preview_translations = {
            "en": {
                "heading": "How we pack your order",
                "steps": [
                    {
                        "alt": "Coffee roaster with steaming beans",
                        "title": "Freshly roasted",
                        "text": "Your beans come straight from our drum roaster.",
                    },
                    {
                        "alt": "Coffee bag with an aroma valve",
                        "title": "Sealed for aroma",
                        "text": "In a bag with a valve, so the aroma stays.",
                    },
                    {
                        "alt": "Closed cardboard parcel",
                        "title": "Shipped plastic-free",
                        "text": "In a box of recycled paper, padded with grass paper.",
                    },
                ],
            }
        }
        preview_value = staticmethod(preview_value)
