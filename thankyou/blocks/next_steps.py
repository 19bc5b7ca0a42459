"""What happens next: the steps from order to delivery."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import ThankYouBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.CharBlock(label=_("Text"), max_length=240, required=False)


class NextStepsBlock(ThankYouBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=0)

    class Meta:
        icon = "list-ol"
        label = _("Next steps")
        template = "thankyou/blocks/next_steps.html"
        description = _("An ordered list of what happens after the order.")
        preview_value = {
            "heading": "So geht es weiter",
            "steps": [
                {"title": "Bestellung erhalten", "text": "Wir haben alles."},
                {"title": "Frisch geröstet", "text": "Innerhalb von 2 Werktagen."},
                {"title": "Versendet", "text": "Du bekommst eine Sendungsnummer."},
            ],
        }
