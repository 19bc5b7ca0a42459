"""
Blocks that ask something: their answer is recorded once per order (quiz,
survey, newsletter, gift, and designers' own). One protocol for all of them:

- ``Meta.action`` names the kind; answers go to POST /api/v1/actions (the
  block's id and the action token say which block);
- ``answer_serializer``, a DRF serializer, validates the answer's fields;
- ``answer(target, data)`` records it and returns what the customer gets
  back; by default it is stored as it is (``BlockAnswer``) and shown back as
  ``answer_result`` makes it; a block with a model of its own (quiz tallies,
  gift codes) overrides ``answer``;
- ``Meta.event`` is the webhook event the merchant's systems get
  (``<action>.answered`` by default).

They render per order: a reload shows what the order already did (the
outcome, the code) instead of asking again. The embed script posts their
``form[data-action]`` and shows ``[data-show=done]`` (or the error code's
element) with the answer's fields in ``[data-slot=name]``; the form's
``data-track`` names the analytics event counted (``answer`` by default).
``action_spec`` returns the plain data an answer is checked against.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from thankyou.blocks import answers
from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.models import BlockAnswer
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.shapes import schema_field

DONE_HELP = _("What the order got for its answer; null until it answers.")
ACTION_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,15}")  # it is the stored kind (16 characters)
NO_NUL_PATTERN = r"^[^\x00]*$"


class PlainTextField(serializers.CharField):
    """Free text. NUL characters are refused (DRF does, and PostgreSQL cannot
    store them); the pattern says so in the schema."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(RegexValidator(NO_NUL_PATTERN))


@dataclass(frozen=True, eq=False)  # one listing is one admin menu item
class AnswerListing:
    """
    How the admin lists a kind's answers (menu "Customer answers", with
    inspect and CSV/XLSX export): the stored rows' model and its fields.
    Listings are shared by every block naming the same one.
    """

    name: str  # the admin's URL prefix: /cms/<name>/
    model: type
    icon: str
    list_display: tuple
    list_export: tuple
    filters: tuple = ("test",)  # besides the shop
    export_headings: dict = field(default_factory=dict)
    inspect_fields: tuple = ()  # by default list_export
    owners_only: bool = False  # personal data: for the shop's owners only


# Answers stored as they are (``BlockAnswer``): every block without a listing of its own.
BLOCK_ANSWERS = AnswerListing(
    name="block_answers",
    model=BlockAnswer,
    icon="form",
    list_display=("created_at", "shop", "order_id", "block_label", "answer_text"),
    list_export=(
        "created_at",
        "shop",
        "order_id",
        "block_label",
        "block_id",
        "kind",
        "answer_text",
        "test",
    ),
    inspect_fields=(
        "created_at",
        "shop",
        "order_id",
        "block_label",
        "block_id",
        "kind",
        "answer_text",
        "language",
        "test",
    ),
)


class InteractiveBlock(ThankYouBlock):
    answer_serializer = None
    # What an answer gets back (the response and ``done``); None: the answer itself.
    result_serializer = None
    # Where the admin lists the answers; a block with a model of its own declares one.
    answer_listing = BLOCK_ANSWERS

    class Meta:
        personal = True
        call_to_action = True
        stylesheet = "thankyou/blocks/prompts.css"
        action = None
        # The webhook event of an answer and its label; None: "<action>.answered".
        event = None
        event_label = None
        # What the block shows once the preview value is answered (the result
        # a reload gets), for the block gallery; None: the gallery shows no answer.
        preview_result = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        action = self.meta.action
        if not ACTION_PATTERN.fullmatch(action or ""):
            raise ImproperlyConfigured(
                f"{type(self).__name__}: Meta.action must be 1 to 16 lowercase letters, "
                f"digits or underscores, starting with a letter; it is {action!r}."
            )
        if self.answer_serializer is None or action != _declaring_action(type(self)):
            raise ImproperlyConfigured(
                f"{type(self).__name__}: a block that asks sets answer_serializer, "
                "the fields of its answer (a DRF serializer), beside the Meta.action "
                f"it answers ({action!r}); a subclass with another action sets its own."
            )

    @property
    def event(self):
        return self.meta.event or f"{self.meta.action}.answered"

    @property
    def event_label(self):
        return self.meta.event_label or _("Answer: %(block)s") % {"block": self.meta.label}

    def order_key(self, value, context):
        """Shared while the block asks; once the order answered, it shows the
        order's own result (the outcome, the code) and renders for the order."""
        if (context.get("done_actions") or {}).get(context.get("block_id")):
            return None
        return self.placeholder_key(value, context)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["done"] = (context.get("done_actions") or {}).get(context.get("block_id"))
        return context

    def get_api_representation(self, value, context=None):
        context = context or {}
        data = super().get_api_representation(value, context)
        data["done"] = (context.get("done_actions") or {}).get(context.get("block_id"))
        return data

    def value_fields(self):
        """``done``: what the order got for its answer (``result_serializer``'s
        fields; by default ``answer_serializer``'s, unless ``answer_result``
        makes something else of them), or null."""
        result = self.response_serializer()
        if result is not None:
            done = result(allow_null=True, help_text=DONE_HELP)
        else:
            done = schema_field({"type": ["object", "null"]}, help_text=DONE_HELP)
        return {"done": done, **super().value_fields()}

    def response_serializer(self):
        """The serializer of what an answer gets back, or None if undocumented."""
        if self.result_serializer is not None:
            return self.result_serializer
        if type(self).answer_result is InteractiveBlock.answer_result:
            return self.answer_serializer
        return None

    def action_spec(self, value):
        """What an answer to this block's value is checked against (plain, cacheable data)."""
        return {}

    def answer(self, target, data):
        """
        Record the order's answer (``answer_serializer``'s validated data) to
        the block ``target`` names; return (what the customer gets back, True),
        or (the first answer's, False) on a replay.
        """
        return answers.answer(target, self, data)

    def answer_result(self, spec, answer):
        """
        What the customer gets back for an answer (``answer_serializer``'s
        validated data, as JSON) to a block with this ``action_spec``: its
        fields fill the ``data-slot`` elements, and the block's template gets
        it as ``done`` after a reload. By default the answer itself.
        """
        return answer


def _declaring_action(cls):
    """The action of the class that declares ``cls``'s answer_serializer: the
    fields of an answer go with its kind (another kind has other rows and checks)."""
    owner = next(klass for klass in cls.__mro__ if "answer_serializer" in vars(klass))
    return owner._meta_class.action


def answer_listings():
    """The admin's listings of answers, once each: the registered blocks',
    and the one of answers stored as they are (blocks registered later use it)."""
    listings = [block.answer_listing for _name, block in interactive_blocks()]
    return list(dict.fromkeys([*listings, BLOCK_ANSWERS]))


def interactive_blocks():
    """The registered (name, block) pairs of the blocks that ask something."""
    return [
        (name, block) for name, block in get_block_types() if isinstance(block, InteractiveBlock)
    ]
