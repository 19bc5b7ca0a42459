"""
Invite the customer to the newsletter (presentation and configuration).

Until the in-page sign-up arrives with the interactions, the button links to
the shop's own newsletter page; no e-mail address is asked for or sent here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import ThankYouBlock
from .personal import PersonalCharBlock, PersonalTextBlock
from .prompts import benefits_block


class NewsletterPromptBlock(ThankYouBlock):
    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=400, required=False)
    benefits = benefits_block()
    button_label = blocks.CharBlock(label=_("Button text"), max_length=60, default=_("Subscribe"))
    signup_url = blocks.URLBlock(
        label=_("Sign-up page"), help_text=_("The shop's newsletter sign-up page.")
    )
    privacy_note = blocks.CharBlock(
        label=_("Privacy note"),
        max_length=240,
        required=False,
        help_text=_("E.g. how often you write and that unsubscribing takes one click."),
    )
    privacy_url = blocks.URLBlock(label=_("Privacy policy"), required=False)

    class Meta:
        icon = "mail"
        label = _("Newsletter prompt")
        template = "thankyou/blocks/newsletter_prompt.html"
        stylesheet = "thankyou/blocks/prompts.css"
        description = _("Invites the customer to the newsletter.")
        call_to_action = True
        preview_value = {
            "heading": "Erfahre zuerst von neuen Röstungen",
            "text": "Einmal im Monat: neue Bohnen, Brühtipps und Geschichten aus unserer Rösterei.",
            "benefits": [
                "Neue Röstungen vor allen anderen",
                "Brühtipps vom Röstmeister",
            ],
            "button_label": "Newsletter abonnieren",
            "signup_url": "https://shop.example/newsletter",
            "privacy_note": "Höchstens eine E-Mail im Monat, Abmelden mit einem Klick.",
            "privacy_url": "https://shop.example/datenschutz",
        }
