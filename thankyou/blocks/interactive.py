"""
Blocks whose answer is recorded once per order (quiz, survey, newsletter, gift).

They render per order: a reload shows what the order already did (the
outcome, the code) instead of asking again. The embed script posts their
``form[data-action]`` and shows ``[data-show=done]`` (or the error code's
element) with the answer's fields in ``[data-slot=name]``. ``Meta.action`` names the
endpoint (POST /api/v1/actions/<action>) that accepts their answers;
``action_spec`` returns the plain data that endpoint validates against.
"""

from .base import ThankYouBlock


class InteractiveBlock(ThankYouBlock):
    class Meta:
        personal = True
        call_to_action = True
        stylesheet = "thankyou/blocks/prompts.css"
        action = None

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
        data = super().get_api_representation(value, context)
        if context is not None and "done_actions" in context:
            data["done"] = context["done_actions"].get(context.get("block_id"))
        return data

    def action_spec(self, value):
        """What the action endpoint needs of this block's value (plain, cacheable data)."""
        raise NotImplementedError
