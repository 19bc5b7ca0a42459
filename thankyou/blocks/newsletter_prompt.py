"""
Invite customers who are not subscribed to the newsletter, in the page.

The e-mail field is prefilled when the order context has an address. The
sign-up is stored with the consent text shown and its version, the time and
a keyed hash of the IP address, and handed to the merchant's system by
webhook (double opt-in is that system's job).
"""

import hashlib

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks

from thankyou.blocks.answers import finish, record
from thankyou.blocks.interactive import DONE_HELP, AnswerListing, InteractiveBlock
from thankyou.blocks.models import NEWSLETTER, NewsletterSignup
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.prompts import benefits_block
from thankyou.blocks.standard import StandardTextBlock
from thankyou.core import iphash, rules
from thankyou.core.errors import ClientError


class NewsletterRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=rules.EMAIL_MAX_LENGTH)
    consent = serializers.BooleanField(
        help_text=_("Must be true: the customer agreed to the consent text shown.")
    )


class NewsletterResultSerializer(serializers.Serializer):
    signed_up = serializers.BooleanField()


class NewsletterPromptValueSerializer(serializers.Serializer):
    done = NewsletterResultSerializer(allow_null=True, help_text=DONE_HELP)


class NewsletterPromptBlock(InteractiveBlock):
    value_serializer = NewsletterPromptValueSerializer
    answer_serializer = NewsletterRequestSerializer
    result_serializer = NewsletterResultSerializer
    answer_listing = AnswerListing(
        name="newsletter_signups",
        model=NewsletterSignup,
        icon="mail",
        list_display=("created_at", "shop", "email", "consent_version", "order_id"),
        list_export=(
            "created_at",
            "shop",
            "order_id",
            "email",
            "language",
            "consent_version",
            "consent_text",
            "ip_hash",
            "test",
        ),
        filters=("consent_version", "test"),
        owners_only=True,  # e-mail addresses
    )

    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    text = PersonalTextBlock(label=_("Text"), max_length=400, required=False)
    benefits = benefits_block()
    button_label = StandardTextBlock(_("Subscribe"), label=_("Button text"), max_length=60)
    consent_text = StandardTextBlock(
        _("I would like to receive the newsletter and can unsubscribe at any time."),
        label=_("Consent text"),
        max_length=600,
        help_text=_(
            "Shown next to the button; stored with every sign-up. Leave empty for the "
            "standard text in the page's language."
        ),
    )
    consent_version = blocks.CharBlock(
        label=_("Consent version"),
        max_length=40,
        required=False,
        help_text=_(
            "Stored with every sign-up, e.g. 2026-11. Empty: a fingerprint of the consent "
            "text, which changes with the text."
        ),
    )
    privacy_url = blocks.URLBlock(label=_("Privacy policy"), required=False)
    thanks = StandardTextBlock(
        _("Almost done: please confirm your address in the e-mail we are sending you."),
        label=_("Thank-you text"),
        max_length=240,
    )

    class Meta:
        icon = "mail"
        preview_result = {"signed_up": True}
        label = _("Newsletter prompt")
        template = "thankyou/blocks/newsletter_prompt.html"
        description = _("Lets customers who are not subscribed sign up to the newsletter.")
        action = "newsletter"
        event = "newsletter.signed_up"
        event_label = _("Newsletter sign-up")
        preview_translations = {
            "en": {
                "heading": "Be the first to hear of new roasts",
                "text": "Once a month: new beans, brewing tips and stories from our roastery.",
                "benefits": ["New roasts before anyone else", "Brewing tips from the head roaster"],
                "button_label": "Subscribe to the newsletter",
                "consent_text": "I would like to receive the newsletter. At most one "
                "e-mail a month, unsubscribe with one click.",
                "privacy_url": "https://shop.example/privacy",
                "thanks": "Almost done: please confirm your address in the e-mail we "
                "are sending you.",
            }
        }
        preview_value = {
            "heading": "Erfahre zuerst von neuen Röstungen",
            "text": "Einmal im Monat: neue Bohnen, Brühtipps und Geschichten aus unserer Rösterei.",
            "benefits": [
                "Neue Röstungen vor allen anderen",
                "Brühtipps vom Röstmeister",
            ],
            "button_label": "Newsletter abonnieren",
            "consent_text": "Ich möchte den Newsletter erhalten. Höchstens eine E-Mail im "
            "Monat, Abmelden mit einem Klick.",
            "consent_version": "2026-11",
            "privacy_url": "https://shop.example/datenschutz",
            "thanks": "Fast geschafft: Bitte bestätige deine Adresse in der E-Mail, "
            "die wir dir schicken.",
        }

    def order_key(self, value, context):
        return None  # the form holds the customer's e-mail address

    def is_shown(self, value, context):
        return getattr(context.get("customer"), "newsletter", None) is not True

    def action_spec(self, value):
        text = str(value["consent_text"])
        return {
            "consent_text": text,
            "consent_version": value["consent_version"] or fingerprint(text),
        }

    def answer(self, target, data):
        """Store the sign-up with the consent text the customer agreed to."""
        if data["consent"] is not True:
            raise ClientError(gettext("Consent is needed to sign up."), field="consent")
        email, spec, now = data["email"], target.spec, timezone.now()
        fields = {
            "email": email,
            "consent_text": spec["consent_text"],
            "consent_version": spec["consent_version"],
            "ip_hash": iphash.ip_hash(target.ip, now) if target.ip else "",
            "created_at": now,
        }

        def then(row):
            consent = {
                "text": spec["consent_text"],
                "version": spec["consent_version"],
                "given_at": now.isoformat(),
            }
            finish(
                target,
                row,
                {"signed_up": True},
                self.event,
                {"email": email, "consent": consent},
            )

        _row, created = record(NewsletterSignup, target, NEWSLETTER, fields, then)
        return {"signed_up": True}, created


def fingerprint(consent_text):
    """A version for a consent text given none: the same text, the same version."""
    return "text-" + hashlib.sha256(consent_text.encode()).hexdigest()[:8]
