"""
"Reveal my gift": one code of the shop's pool for this order.

The code is assigned when the customer asks for it, atomically, once per
order; a reload shows the same code. When the pool is empty the block says
so kindly and the merchant is warned in the admin.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks

from thankyou.blocks.interactive import DONE_HELP, InteractiveBlock
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.standard import StandardTextBlock


class GiftCodeResultSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The order's gift code."))


class GiftCodeValueSerializer(serializers.Serializer):
    done = GiftCodeResultSerializer(allow_null=True, help_text=DONE_HELP)


class GiftCodeBlock(InteractiveBlock):
    value_serializer = GiftCodeValueSerializer

    heading = PersonalCharBlock(label=_("Headline"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=600, required=False)
    button_label = StandardTextBlock(_("Reveal my gift"), label=_("Button text"), max_length=60)
    code_label = StandardTextBlock(_("Your code:"), label=_("Code label"), max_length=60)
    note = blocks.CharBlock(
        label=_("Small print"),
        max_length=240,
        required=False,
        help_text=_("E.g. how long the code is valid."),
    )
    empty_text = StandardTextBlock(
        _("All our gifts have found a home for now. Thank you for understanding!"),
        label=_("When no code is left"),
        max_length=240,
    )

    class Meta:
        icon = "pick"
        preview_result = {"code": "BOHNE-4F2A9C"}
        label = _("Gift code")
        template = "thankyou/blocks/gift_code.html"
        description = _("Customers reveal a code from the shop's gift code pool.")
        action = "gift"
        preview_translations = {
            "en": {
                "heading": "A gift for you, {first_name}",
                "text": "As a thank-you: a voucher for your next order.",
                "button_label": "Reveal your gift",
                "code_label": "Your code:",
                "note": "Valid until the end of March.",
                "empty_text": "All gifts are taken right now. Thank you for understanding!",
            }
        }
        preview_value = {
            "heading": "Ein Geschenk für dich, {first_name}",
            "text": "Als Dankeschön: ein Gutschein für deine nächste Bestellung.",
            "button_label": "Geschenk aufdecken",
            "code_label": "Dein Code:",
            "note": "Einlösbar bis Ende März.",
            "empty_text": "Alle Geschenke sind gerade vergeben. Danke für dein Verständnis!",
        }

    def action_spec(self, value):
        return {}
