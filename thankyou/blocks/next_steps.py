"""What happens next: a timeline from order to delivery with concrete dates."""

from urllib.parse import quote

from babel.dates import format_interval, format_skeleton
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from thankyou.blocks import business_days
from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.personal import PersonalCharBlock, babel_locale_for

ORDER_PLACEHOLDER = "{order}"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.CharBlock(label=_("Text"), max_length=240, required=False)
    days = blocks.IntegerBlock(
        label=_("Business days"),
        required=False,
        min_value=0,
        max_value=business_days.MAX_DAYS,
        help_text=_(
            "Shows a date this many business days after the shop starts on the order "
            "(0: that day). Empty: no date."
        ),
    )
    days_max = blocks.IntegerBlock(
        label=_("Up to (business days)"),
        required=False,
        min_value=0,
        max_value=business_days.MAX_DAYS,
        help_text=_("For a range, such as delivery in 2 to 3 business days."),
    )

    def clean(self, value):
        value = super().clean(value)
        days, days_max = value.get("days"), value.get("days_max")
        if days_max is not None and (days is None or days_max < days):
            raise StructBlockValidationError(
                block_errors={
                    "days_max": ValidationError(_("Must be at least the number of business days."))
                }
            )
        return value


class NextStepsStepSerializer(serializers.Serializer):
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True, help_text=_("The step's (first) day."))
    date_max = serializers.DateField(allow_null=True, help_text=_("The last day of a range."))
    date_text = serializers.CharField(
        allow_blank=True,
        help_text=_("The day or range as the page shows it, in the customer's locale."),
    )


class NextStepsValueSerializer(serializers.Serializer):
    steps = NextStepsStepSerializer(many=True)
    tracking_url = serializers.URLField(
        allow_blank=True, help_text=_("With the order number filled in; empty: none.")
    )
    tracking_label = serializers.CharField(
        allow_blank=True, help_text=_("The link's text; the standard wording when left empty.")
    )


class NextStepsBlock(ThankYouBlock):
    value_serializer = NextStepsValueSerializer

    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=0)
    tracking_url = blocks.URLBlock(
        label=_("Tracking link"),
        required=False,
        help_text=_("{order} is replaced by the order number."),
    )
    tracking_label = blocks.CharBlock(label=_("Tracking link text"), max_length=60, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Next steps")
        template = "thankyou/blocks/next_steps.html"
        personal = True  # dates from the order time and country
        next_steps = True
        stylesheet = "thankyou/blocks/next_steps.css"
        description = _(
            "What happens after the order, with dates computed from the order time, "
            "the shop's cut-off, weekends and public holidays."
        )
        preview_translations = {
            "en": {
                "heading": "What happens next",
                "steps": [
                    {"title": "Order received", "text": "Everything has reached us."},
                    {"title": "Freshly roasted", "text": "In our roastery."},
                    {"title": "Shipped", "text": "With DHL, carbon neutral."},
                    {"title": "With you", "text": "Expected."},
                ],
                "tracking_url": "https://shop.example/tracking?order={order}",
                "tracking_label": "Track your parcel",
            }
        }
        preview_value = {
            "heading": "So geht es weiter",
            "steps": [
                {
                    "title": "Bestellung erhalten",
                    "text": "Alles ist bei uns angekommen.",
                },
                {"title": "Frisch geröstet", "text": "In unserer Rösterei.", "days": 0},
                {"title": "Versendet", "text": "Mit DHL, klimaneutral.", "days": 1},
                {
                    "title": "Bei dir",
                    "text": "Voraussichtlich.",
                    "days": 2,
                    "days_max": 3,
                },
            ],
            "tracking_url": "https://shop.example/sendungsverfolgung?bestellung={order}",
            "tracking_label": "Sendung verfolgen",
        }

    def order_key(self, value, context):
        """The dates follow the processing day and the country; the language the customer's."""
        return (*self.start(context), babel_locale_for(context))

    def start(self, context):
        """The order's processing day and shipping country."""
        return business_days.order_start(context.get("order"), context.get("shop"))

    def step_dates(self, value, context):
        """Return [(step, date or None, last date or None)] for this order."""
        start, country = self.start(context)
        dates = []
        for step in value["steps"]:
            first = last = None
            if step["days"] is not None:
                first = business_days.add_business_days(start, step["days"], country)
                if step["days_max"] is not None and step["days_max"] > step["days"]:
                    last = business_days.add_business_days(start, step["days_max"], country)
            dates.append((step, first, last))
        return dates

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        babel_locale = babel_locale_for(context)
        context["steps"] = [
            {
                "title": step["title"],
                "text": step["text"],
                "first": first,
                "last": last,
                "when": format_when(first, last, babel_locale),
            }
            for step, first, last in self.step_dates(value, context)
        ]
        context["tracking_url"] = tracking_url(value["tracking_url"], context.get("order"))
        context["tracking_label"] = tracking_label(value)
        return context

    def get_api_representation(self, value, context=None):
        context = context or {}
        data = super().get_api_representation(value, context)
        babel_locale = babel_locale_for(context)
        link = tracking_url(value["tracking_url"], context.get("order"))
        data.update(
            steps=[
                {
                    "title": step["title"],
                    "text": step["text"],
                    "date": first.isoformat() if first else None,
                    "date_max": last.isoformat() if last else None,
                    "date_text": format_when(first, last, babel_locale),
                }
                for step, first, last in self.step_dates(value, context)
            ],
            tracking_url=link,
            tracking_label=tracking_label(value) if link else "",
        )
        return data


def format_when(first, last, locale):
    if first is None:
        return ""
    try:
        if last is None:
            return format_skeleton("MMMEd", first, locale=locale)
        return format_interval(first, last, skeleton="MMMEd", locale=locale)
    except (ValueError, LookupError):
        return format_when(first, last, locale.split("_")[0])


def tracking_label(value):
    return value["tracking_label"] or str(_("Track your parcel"))


def tracking_url(url, order):
    if not url:
        return ""
    return url.replace(ORDER_PLACEHOLDER, quote(getattr(order, "number", "") or "", safe=""))
