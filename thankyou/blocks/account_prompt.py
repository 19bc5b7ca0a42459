"""
Invite a guest to create an account.

Shown to guests only. The button goes to the shop's registration page with
the order number and a signature the shop verifies (thankyou.blocks.account_links),
so the shop can prefill the e-mail address without it being in the URL.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from thankyou.blocks.account_links import registration_link
from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.prompts import benefits_block
from thankyou.blocks.standard import StandardTextBlock


class AccountPromptBlock(ThankYouBlock):
    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=400, required=False)
    benefits = benefits_block()
    button_label = StandardTextBlock(_("Create an account"), label=_("Button text"), max_length=60)
    registration_url = blocks.URLBlock(
        label=_("Registration page"),
        required=False,
        help_text=_(
            "Leave empty to use the shop's registration URL (shop settings). The order "
            "number and a signature are added either way."
        ),
    )

    class Meta:
        icon = "user"
        label = _("Account prompt")
        template = "thankyou/blocks/account_prompt.html"
        personal = True  # a link signed for this order
        stylesheet = "thankyou/blocks/prompts.css"
        description = _("Invites guests to create an account, with its benefits.")
        call_to_action = True
        preview_translations = {
            "en": {
                "heading": "Faster next time, {first_name}",
                "text": "With a customer account you see your orders and reorder your "
                "favourite coffee in two clicks.",
                "benefits": [
                    "Orders and parcels at a glance",
                    "Reorder your favourite coffee quickly",
                    "No need to type your address again",
                ],
                "button_label": "Create an account",
                "registration_url": "https://shop.example/account/register",
            }
        }
        preview_value = {
            "heading": "Beim nächsten Mal geht es schneller, {first_name}",
            "text": "Mit einem Kundenkonto siehst du deine Bestellungen und bestellst "
            "deinen Lieblingskaffee mit zwei Klicks nach.",
            "benefits": [
                "Bestellungen und Sendungen im Blick",
                "Lieblingskaffee schnell nachbestellen",
                "Adresse nicht noch einmal eingeben",
            ],
            "button_label": "Konto anlegen",
            "registration_url": "https://shop.example/konto/registrieren",
        }

    def link(self, value, context):
        shop, order = context.get("shop"), context.get("order")
        if shop is None or order is None:
            return ""
        return registration_link(value["registration_url"] or shop.registration_url, shop, order)

    def is_shown(self, value, context):
        customer = context.get("customer")
        return getattr(customer, "is_guest", None) is True and bool(self.link(value, context))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["link"] = self.link(value, context)
        return context

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["registration_url"] = self.link(value, context or {})
        return data
