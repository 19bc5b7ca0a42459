"""
A short quiz that shows customers they are like others.

Each option points to an outcome by its key; the outcome most answers point
to (on a tie, the one the earliest answer points to) is shown at once, with how many
customers got the same one once enough have answered.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from thankyou.blocks.answers import finish, record
from thankyou.blocks.interactive import DONE_HELP, AnswerListing, InteractiveBlock
from thankyou.blocks.models import QUIZ, QuizAnswer, QuizTally
from thankyou.blocks.personal import PersonalCharBlock, PersonalTextBlock
from thankyou.blocks.standard import StandardTextBlock
from thankyou.core.errors import ClientError


class OutcomeChoiceInput(forms.TextInput):
    """The key field offers the outcomes of its own quiz, by key and title, as
    the editor has them (the list is made when the field gets focus)."""

    class Media:
        js = ["thankyou/admin/quiz-outcomes.js"]

    def __init__(self, attrs=None):
        super().__init__({"data-ty-outcome-choice": "", "autocomplete": "off", **(attrs or {})})


class OptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Answer"), max_length=120)
    outcome = blocks.CharBlock(
        label=_("Outcome"),
        max_length=40,
        help_text=_("Choose one of this quiz's outcomes (below)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_blocks["outcome"].field.widget = OutcomeChoiceInput()


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    options = blocks.ListBlock(OptionBlock(), label=_("Answers"), min_num=2, max_num=6)


class OutcomeBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        regex=r"^[a-z0-9-]{1,40}$",
        error_messages={"invalid": _("Use lowercase letters, digits and hyphens.")},
        label=_("Key"),
        max_length=40,
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=400)


class QuizRequestSerializer(serializers.Serializer):
    answers = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=20),
        min_length=1,
        max_length=10,
        help_text=_("For each question in order, the index of the option chosen."),
    )


class QuizResultSerializer(serializers.Serializer):
    outcome = serializers.CharField(help_text=_("The outcome's key."))
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    share = serializers.IntegerField(
        allow_null=True,
        help_text=_("Percent of answers with this outcome; null while too few exist."),
    )
    feedback = serializers.CharField(
        allow_blank=True, help_text=_("The share as the page says it; empty while it is null.")
    )


class QuizValueSerializer(serializers.Serializer):
    done = QuizResultSerializer(allow_null=True, help_text=DONE_HELP)


class QuizBlock(InteractiveBlock):
    value_serializer = QuizValueSerializer
    answer_serializer = QuizRequestSerializer
    result_serializer = QuizResultSerializer
    answer_listing = AnswerListing(
        name="quiz_answers",
        model=QuizAnswer,
        icon="help",
        list_display=("created_at", "shop", "order_id", "outcome_title", "test"),
        list_export=(
            "created_at",
            "shop",
            "order_id",
            "block_id",
            "answers",
            "outcome_title",
            "outcome",
            "test",
        ),
        filters=("outcome", "test"),
        export_headings={"outcome": _("outcome key")},
        inspect_fields=(
            "created_at",
            "shop",
            "order_id",
            "block_id",
            "answers",
            "outcome_title",
            "outcome",
        ),
    )

    heading = PersonalCharBlock(label=_("Heading"), max_length=120)
    intro = PersonalTextBlock(label=_("Introduction"), max_length=300, required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1, max_num=5)
    outcomes = blocks.ListBlock(OutcomeBlock(), label=_("Outcomes"), min_num=1, max_num=6)
    button_label = StandardTextBlock(_("Show my result"), label=_("Button text"), max_length=60)

    class Meta:
        icon = "help"
        preview_result = {"outcome": "espresso", "share": 62}
        label = _("Quiz")
        template = "thankyou/blocks/quiz.html"
        description = _("A few playful questions; each answer leads to an outcome.")
        action = "quiz"
        event_label = _("Quiz answer")
        preview_translations = {
            "en": {
                "heading": "Which coffee type are you?",
                "intro": "Two quick questions, and we tell you how others with your "
                "taste drink their coffee.",
                "questions": [
                    {
                        "question": "When do you have your first coffee?",
                        "options": [
                            {"label": "Right after getting up"},
                            {"label": "At leisure over breakfast"},
                        ],
                    },
                    {
                        "question": "How do you like it best?",
                        "options": [{"label": "Short and strong"}, {"label": "Mild, in a big cup"}],
                    },
                ],
                "outcomes": [
                    {
                        "title": "Espresso lover",
                        "text": "Strong and focused, like most of our regulars.",
                    },
                    {
                        "title": "Filter connoisseur",
                        "text": "You take your time for coffee, like one in three here.",
                    },
                ],
            }
        }
        preview_value = {
            "heading": "Welcher Kaffeetyp bist du?",
            "intro": "Zwei kurze Fragen, und wir sagen dir, wie andere mit deinem "
            "Geschmack ihren Kaffee trinken.",
            "questions": [
                {
                    "question": "Wann trinkst du deinen ersten Kaffee?",
                    "options": [
                        {"label": "Direkt nach dem Aufstehen", "outcome": "espresso"},
                        {"label": "In Ruhe beim Frühstück", "outcome": "filter"},
                    ],
                },
                {
                    "question": "Wie trinkst du ihn am liebsten?",
                    "options": [
                        {"label": "Kurz und kräftig", "outcome": "espresso"},
                        {"label": "Mild, in einer großen Tasse", "outcome": "filter"},
                    ],
                },
            ],
            "outcomes": [
                {
                    "key": "espresso",
                    "title": "Espresso-Liebhaber",
                    "text": "Kräftig und konzentriert, wie die meisten Stammkunden.",
                },
                {
                    "key": "filter",
                    "title": "Filter-Genießer",
                    "text": "Du nimmst dir Zeit für Kaffee, wie jeder Dritte hier.",
                },
            ],
        }

    def action_spec(self, value):
        return {
            "questions": [
                [option["outcome"] for option in question["options"]]
                for question in value["questions"]
            ],
            "outcomes": {
                outcome["key"]: {"title": outcome["title"], "text": outcome["text"]}
                for outcome in value["outcomes"]
            },
        }

    def answer(self, target, data):
        """Store the answers and their outcome, counted for the share of
        customers with the same outcome (test orders are not counted)."""
        answers = data["answers"]
        questions = target.spec["questions"]
        if len(answers) != len(questions):
            raise ClientError(
                gettext("Answer each of the %(n)d questions with one option.")
                % {"n": len(questions)},
                field="answers",
            )
        for index, (answer, options) in enumerate(zip(answers, questions, strict=True)):
            if answer >= len(options):
                raise ClientError(gettext("There is no such option."), field=f"answers.{index}")
        outcome = outcome_of(
            [options[answer] for answer, options in zip(answers, questions, strict=True)]
        )

        def then(row):
            share = count_answer(target, outcome)
            title = target.spec["outcomes"].get(outcome, {}).get("title", "")
            finish(
                target,
                row,
                {"outcome": outcome, "title": title, "share": share},
                self.event,
                {"answers": answers, "outcome": outcome},
            )

        row, created = record(
            QuizAnswer, target, QUIZ, {"answers": answers, "outcome": outcome}, then
        )
        outcome = target.spec["outcomes"].get(row.result["outcome"], {})
        with translation.override(target.language):
            feedback = feedback_text(row.result.get("share"))
        return {
            "outcome": row.result["outcome"],
            "title": outcome.get("title", ""),
            "text": outcome.get("text", ""),
            "share": row.result.get("share"),
            "feedback": str(feedback),
        }, created

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        done = context["done"]
        if done:
            context["outcome"] = outcome_in(value, done)
            context["feedback"] = feedback_text(done.get("share"))
        return context

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        done = data["done"]
        if done:
            outcome = outcome_in(value, done) or {}
            data["done"] = {
                "outcome": done["outcome"],
                "title": outcome.get("title", done.get("title", "")),
                "text": outcome.get("text", ""),
                "share": done.get("share"),
                "feedback": str(feedback_text(done.get("share"))),
            }
        return data

    def clean(self, value):
        value = super().clean(value)
        keys = [outcome["key"] for outcome in value["outcomes"]]
        duplicates = {key for key in keys if keys.count(key) > 1}
        if duplicates:
            raise StructBlockValidationError(
                block_errors={
                    "outcomes": ValidationError(
                        _("Each outcome needs its own key: %(keys)s is used twice.")
                        % {"keys": ", ".join(sorted(duplicates))}
                    )
                }
            )
        question_errors = {}
        for index, question in enumerate(value["questions"]):
            unknown = sorted({option["outcome"] for option in question["options"]} - set(keys))
            if unknown:
                question_errors[index] = ValidationError(
                    _("These answers point to no outcome: %(keys)s.") % {"keys": ", ".join(unknown)}
                )
        if question_errors:
            raise StructBlockValidationError(
                block_errors={"questions": ListBlockValidationError(block_errors=question_errors)}
            )
        return value


def outcome_in(value, done):
    """The outcome of the value that the order's result names, or None."""
    return next((o for o in value["outcomes"] if o["key"] == done["outcome"]), None)


def outcome_of(outcome_keys):
    """The most chosen outcome; on a tie, the one chosen first."""
    counts = {}
    for key in outcome_keys:
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda key: (counts[key], -outcome_keys.index(key)))


def feedback_text(share):
    """ "41 % answered like you", or "" while too few have answered."""
    if share is None:
        return ""
    return _("%(share)s%% of customers answered like you.") % {"share": share}


def count_answer(target, outcome):
    """Count the answer (test orders are not counted); return the share in percent
    of answers with this outcome, or None while fewer than the threshold exist."""
    keys = {"shop": target.shop, "block_id": target.block_id}
    if not target.claims.test:
        for key in ("", outcome):
            if not QuizTally.objects.filter(**keys, outcome=key).update(count=F("count") + 1):
                try:
                    with transaction.atomic():
                        QuizTally.objects.create(**keys, outcome=key, count=1)
                except IntegrityError:
                    QuizTally.objects.filter(**keys, outcome=key).update(count=F("count") + 1)
    counts = dict(
        QuizTally.objects.filter(**keys, outcome__in=["", outcome]).values_list("outcome", "count")
    )
    total = counts.get("", 0)
    if total < settings.THANKYOU["QUIZ_FEEDBACK_MIN_ANSWERS"]:
        return None
    return round(100 * counts.get(outcome, 0) / total)
