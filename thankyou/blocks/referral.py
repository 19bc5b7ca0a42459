"""
"Recommend us": the customer's personal referral link, to copy or share.

The link is the shop's landing page with ``?ref=<code>``, the customer's code
(``thankyou.blocks.referrals``): no personal data in clear, the same on every
order of the customer. Without a landing page the block shows the code alone.
Copy and share (the Web Share API where the browser has it) come with the
block's script; without it the link is still there to select.
"""

import json
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers
from wagtail import blocks

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.referrals import customer_key, referral_code
from thankyou.blocks.standard import StandardTextBlock
from thankyou.targeting.conditions import Condition

SAMPLE_CODE = "k7q2mx9tbw4hdz3c"  # a preview's stand-in: previews have no real customer


class ReferralValueSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The customer's referral code."))
    link = serializers.CharField(
        help_text=_("The landing page with ?ref=<code>, absolute; empty without a landing page.")
    )


class ReferralBlock(ThankYouBlock):
    value_serializer = ReferralValueSerializer

    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=400, required=False)
    landing_url = blocks.URLBlock(
        label=_("Landing page"),
        required=False,
        help_text=_(
            "Where a friend arrives; ?ref= and the customer's code are added. Leave empty "
            "to show the code alone."
        ),
    )
    share_text = blocks.CharBlock(
        label=_("Message to share"),
        max_length=200,
        required=False,
        help_text=_("Sent with the link when the customer shares it."),
    )
    copy_label = StandardTextBlock(_("Copy"), label=_("Copy button"), max_length=40)
    share_label = StandardTextBlock(
        pgettext_lazy("button", "Share"), label=_("Share button"), max_length=40
    )

    class Meta:
        icon = "group"
        label = _("Referral")
        description = _("The customer's personal link to recommend the shop, to copy or share.")
        template = "thankyou/blocks/referral.html"
        stylesheet = "thankyou/blocks/prompts.css"
        script = "thankyou/blocks/referral.js"
        personal = True  # the customer's own code
        call_to_action = True
        promotes = True
        preview_translations = {
            "en": {
                "heading": "Know someone who loves coffee, {first_name}?",
                "text": "Pass on your personal link: your friends discover our roastery, "
                "and we thank you for every order it brings.",
                "share_text": "My favourite roastery: try Bohnenglück!",
                "copy_label": "Copy",
                "share_label": "Share",
            }
        }
        preview_value = {
            "heading": "Kennst du jemanden, der Kaffee liebt, {first_name}?",
            "text": "Gib deinen persönlichen Link weiter: Deine Freunde entdecken unsere "
            "Rösterei, und wir danken dir für jede Bestellung, die er bringt.",
            "landing_url": "https://shop.example/",
            "share_text": "Meine Lieblingsrösterei: probier mal Bohnenglück!",
            "copy_label": "Kopieren",
            "share_label": "Teilen",
        }

    def code(self, context):
        shop, order = context.get("shop"), context.get("order")
        if shop is None or order is None or shop.pk is None:  # a preview's sample shop
            return SAMPLE_CODE
        return referral_code(shop, customer_key(context.get("customer"), order))

    def link(self, value, code):
        url = value["landing_url"]
        if not url:
            return ""
        return url + ("&" if "?" in url else "?") + urlencode({"ref": code})

    def order_key(self, value, context):
        return self.code(context)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["code"] = self.code(context)
        link = context["link"] = self.link(value, context["code"])
        shop = context.get("shop")
        text = value["share_text"] if link else f"{value['share_text']} {context['code']}"
        share = {"title": getattr(shop, "name", ""), "text": text.strip()}
        context["share"] = json.dumps({**share, "url": link} if link else share)
        return context

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        code = self.code(context or {})
        return {**data, "code": code, "link": self.link(value, code)}


class ReferredCondition(Condition):
    """
    Whether the order came with a referral code (claim ``referral``), so that
    a referred customer may be welcomed. The code is not looked up: segments
    are decided without the database.
    """

    referred = blocks.ChoiceBlock(
        choices=[
            ("yes", _("Came through a referral link")),
            ("no", _("Came without a referral link")),
        ],
        default="yes",
        label=_("Referral"),
    )

    class Meta:
        icon = "group"
        label = _("Referral link")
        description = _("Whether a customer's referral link brought the order.")

    def is_satisfied(self, params, context):
        return bool(context.referral) == (params.get("referred") != "no")

    def describe(self, params):
        if params.get("referred") == "no":
            return _("Came without a referral link")
        return _("Came through a referral link")
