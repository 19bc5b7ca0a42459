"""Small general-purpose blocks: heading and rich text."""

from django.utils.translation import gettext_lazy as _

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.personal import PersonalCharBlock, PersonalRichTextBlock


class HeadingBlock(ThankYouBlock):
    text = PersonalCharBlock(label=_("Heading"), max_length=120)
    subtitle = PersonalCharBlock(label=_("Subtitle"), max_length=240, required=False)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "thankyou/blocks/heading.html"
        description = _("A large heading with an optional subtitle.")
        preview_translations = {
            "en": {
                "text": "Thank you for your order!",
                "subtitle": "We roast your coffee fresh for you.",
            }
        }
        preview_value = {
            "text": "Danke für deine Bestellung!",
            "subtitle": "Wir rösten deinen Kaffee frisch für dich.",
        }


class TextBlock(ThankYouBlock):
    text = PersonalRichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "thankyou/blocks/text.html"
        description = _("Formatted text with links and lists.")
        preview_translations = {
            "en": {
                "text": "<p>Your order has reached us. We will let you know as soon as "
                "it is on its way.</p>"
            }
        }
        preview_value = {
            "text": "<p>Deine Bestellung ist bei uns angekommen. "
            "Wir melden uns, sobald sie unterwegs ist.</p>"
        }
