"""
Invite a guest to create an account (presentation and configuration).

The link goes to the shop's registration page and carries nothing about the
customer; the prefilled, verified sign-up comes with the interactions.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import ThankYouBlock
from .personal import PersonalCharBlock, PersonalTextBlock
from .prompts import benefits_block


class AccountPromptBlock(ThankYouBlock):
    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=400, required=False)
    benefits = benefits_block()
    button_label = blocks.CharBlock(
        label=_("Button text"), max_length=60, default=_("Create an account")
    )
    registration_url = blocks.URLBlock(
        label=_("Registration page"),
        help_text=_("The shop's page for creating an account."),
    )

    class Meta:
        icon = "user"
        label = _("Account prompt")
        template = "thankyou/blocks/account_prompt.html"
        stylesheet = "thankyou/blocks/prompts.css"
        description = _("Invites guests to create an account, with its benefits.")
        call_to_action = True
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
