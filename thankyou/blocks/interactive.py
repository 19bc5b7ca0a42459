"""
Blocks whose answer is recorded once per order (quiz, survey, newsletter,
gift, and designers' own).

They render per order: a reload shows what the order already did (the
outcome, the code) instead of asking again. The embed script posts their
``form[data-action]`` and shows ``[data-show=done]`` (or the error code's
element) with the answer's fields in ``[data-slot=name]``. ``Meta.action`` names the
endpoint (POST /api/v1/actions/<action>) that accepts their answers;
``action_spec`` returns the plain data that endpoint validates against.

The core's kinds have endpoints of their own. Any other block sets
``answer_serializer``, a DRF serializer of its answer's fields; its answers
are stored as they are (``BlockAnswer``), sent to webhooks as
``<action>.answered`` and shown back as ``answer_result`` makes them.
"""

import re

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.registry import get_block_types
from thankyou.blocks.shapes import schema_field

CORE_ACTIONS = ("quiz", "survey", "newsletter", "gift")
DONE_HELP = _("What the order got for its answer; null until it answers.")
ACTION_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,15}")  # it is the stored kind (16 characters)


class InteractiveBlock(ThankYouBlock):
    answer_serializer = None

    class Meta:
        personal = True
        call_to_action = True
        stylesheet = "thankyou/blocks/prompts.css"
        action = None
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
        if (action in CORE_ACTIONS) == (self.answer_serializer is not None):
            raise ImproperlyConfigured(
                f"{type(self).__name__}: a block with an action of its own sets "
                f"answer_serializer, the fields of its answer; {', '.join(CORE_ACTIONS)} "
                f"are the core's, with endpoints of their own (it is {action!r})."
            )

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
        """``done``: what the order got for its answer (by default ``answer_serializer``'s
        fields, unless ``answer_result`` makes something else of them), or null."""
        if self.answer_serializer is not None and (
            type(self).answer_result is InteractiveBlock.answer_result
        ):
            done = self.answer_serializer(allow_null=True, help_text=DONE_HELP)
        else:
            done = schema_field({"type": ["object", "null"]}, help_text=DONE_HELP)
        return {"done": done, **super().value_fields()}

    def action_spec(self, value):
        """What the action endpoint needs of this block's value (plain, cacheable data)."""
        raise NotImplementedError

    def answer_result(self, spec, answer):
        """
        What the customer gets back for an answer (``answer_serializer``'s
        validated data, as JSON) to a block with this ``action_spec``: its
        fields fill the ``data-slot`` elements, and the block's template gets
        it as ``done`` after a reload. By default the answer itself.
        """
        return answer


def designer_blocks():
    """The registered blocks that take answers of their own (not the core's kinds)."""
    return [
        block
        for _name, block in get_block_types()
        if isinstance(block, InteractiveBlock) and block.answer_serializer is not None
    ]
