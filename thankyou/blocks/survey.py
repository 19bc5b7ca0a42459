"""
A one-question post-purchase survey ("How did you hear about us?").

Options have stable keys, so answers on the German and the English page add
up; "Other" takes free text. Answers are stored with the order total, so
reports can weigh them by revenue.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from thankyou.blocks.answers import finish, record
from thankyou.blocks.interactive import (
    DONE_HELP,
    AnswerListing,
    InteractiveBlock,
    PlainTextField,
)
from thankyou.blocks.models import SURVEY, SurveyAnswer
from thankyou.blocks.standard import StandardTextBlock
from thankyou.core.errors import ClientError

OTHER = "other"
# An answer's key: it stays the same in every language, so answers add up.
OPTION_KEY_PATTERN = r"^[a-z0-9-]{1,40}$"


class SurveyOptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Answer"), max_length=120)
    key = blocks.RegexBlock(
        regex=OPTION_KEY_PATTERN,
        error_messages={"invalid": _("Use lowercase letters, digits and hyphens.")},
        label=_("Key"),
        max_length=40,
        help_text=_("Stays the same in every language, so answers add up."),
    )


class SurveyRequestSerializer(serializers.Serializer):
    option = serializers.RegexField(
        OPTION_KEY_PATTERN, max_length=40, help_text=_('The key of the answer chosen, or "other".')
    )
    other = PlainTextField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text=_('Free text; required with "other".'),
    )


class SurveyResultSerializer(serializers.Serializer):
    option = serializers.CharField(help_text=_('The key of the answer chosen, or "other".'))


class SurveyValueSerializer(serializers.Serializer):
    done = SurveyResultSerializer(allow_null=True, help_text=DONE_HELP)


class SurveyBlock(InteractiveBlock):
    value_serializer = SurveyValueSerializer
    answer_serializer = SurveyRequestSerializer
    result_serializer = SurveyResultSerializer
    answer_listing = AnswerListing(
        name="survey_answers",
        model=SurveyAnswer,
        icon="list-ul",
        list_display=("created_at", "shop", "order_id", "option_label", "other_text", "total"),
        list_export=(
            "created_at",
            "shop",
            "order_id",
            "block_id",
            "option",
            "option_label",
            "other_text",
            "total",
            "currency",
            "test",
        ),
        filters=("option", "test"),
        inspect_fields=(
            "created_at",
            "shop",
            "order_id",
            "block_id",
            "option",
            "option_label",
            "other_text",
            "total",
            "currency",
            "language",
            "test",
        ),
    )

    question = StandardTextBlock(
        _("How did you hear about us?"), label=_("Question"), max_length=200
    )
    options = blocks.ListBlock(SurveyOptionBlock(), label=_("Answers"), min_num=2, max_num=10)
    other = blocks.BooleanBlock(
        label=_("Offer “Other” with a text field"), required=False, default=True
    )
    other_label = StandardTextBlock(_("Other"), label=_("Label of “Other”"), max_length=60)
    button_label = StandardTextBlock(_("Send"), label=_("Button text"), max_length=60)
    thanks = StandardTextBlock(
        _("Thank you for telling us!"), label=_("Thank-you text"), max_length=200
    )

    class Meta:
        icon = "list-ul"
        preview_result = {"option": "friends"}
        label = _("Survey")
        template = "thankyou/blocks/survey.html"
        description = _("One question with answers to choose and “Other” with free text.")
        action = "survey"
        event_label = _("Survey answer")
        preview_translations = {
            "en": {
                "question": "How did you hear about us?",
                "options": [
                    {"label": "Recommended by friends"},
                    {"label": "Search engine"},
                    {"label": "Instagram"},
                ],
                "other_label": "Something else",
                "button_label": "Send",
                "thanks": "Thank you for telling us!",
            }
        }
        preview_value = {
            "question": "Wie bist du auf uns aufmerksam geworden?",
            "options": [
                {"label": "Empfehlung von Freunden", "key": "friends"},
                {"label": "Suchmaschine", "key": "search"},
                {"label": "Instagram", "key": "instagram"},
            ],
            "other": True,
            "other_label": "Etwas anderes",
            "button_label": "Absenden",
            "thanks": "Danke, dass du es uns verraten hast!",
        }

    def action_spec(self, value):
        options = {option["key"]: option["label"] for option in value["options"]}
        if value["other"]:
            options[OTHER] = str(value["other_label"])
        return {"options": options, "thanks": str(value["thanks"])}

    def answer(self, target, data):
        """Store the option with the order's total, so reports can weigh it by revenue."""
        option, options = data["option"], target.spec["options"]
        if option not in options:
            raise ClientError(gettext("Choose one of the answers."), field="option")
        other = data["other"].strip() if option == OTHER else ""
        if option == OTHER and not other:
            raise ClientError(
                gettext("Tell us in a few words, please."), field="other", code="other_missing"
            )
        try:
            total = Decimal(target.claims.total) if target.claims.total else None
        except InvalidOperation:
            total = None
        fields = {
            "option": option,
            "option_label": options[option],
            "other_text": other,
            "total": total,
            "currency": target.claims.currency or "",
        }

        def then(row):
            finish(
                target,
                row,
                {"option": option},
                self.event,
                {"option": option, "label": options[option], "other": other},
            )

        row, created = record(SurveyAnswer, target, SURVEY, fields, then)
        return {"option": row.result.get("option", option)}, created

    def clean(self, value):
        value = super().clean(value)
        keys = [option["key"] for option in value["options"]]
        taken = sorted({key for key in keys if keys.count(key) > 1 or key == OTHER})
        if taken:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(
                        _("Each answer needs its own key (and “other” is reserved): %(keys)s.")
                        % {"keys": ", ".join(taken)}
                    )
                }
            )
        return value
