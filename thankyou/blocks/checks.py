"""System checks on the registered block types (``manage.py check``, ``migrate``, ``runserver``)."""

from collections import defaultdict

from django.core import checks
from django.template import TemplateDoesNotExist, loader

from thankyou.blocks.csp import inline_markup, refusal
from thankyou.blocks.interactive import interactive_blocks
from thankyou.blocks.registry import get_block_types


@checks.register()
def check_designer_actions(app_configs=None, **kwargs):
    """Refuse two block types that take answers under one action: their answers,
    exports and webhooks would be one, under whichever name came first."""

    names = defaultdict(list)
    for _name, block in interactive_blocks():
        names[block.meta.action].append(type(block).__name__)
    return [
        checks.Error(
            f"The block types {', '.join(types)} share the action {action!r}.",
            hint="Give each block type that takes answers its own Meta.action.",
            id="thankyou.E001",
        )
        for action, types in names.items()
        if len(types) > 1
    ]


@checks.register()
def check_block_templates(app_configs=None, **kwargs):
    """Refuse a block whose template holds inline style or script: shops block it."""
    errors = []
    for name, block in get_block_types():
        template = getattr(block.meta, "template", None)
        if not template:
            continue
        try:
            source = loader.get_template(template).template.source
        except TemplateDoesNotExist:
            continue  # Wagtail reports a missing template when the block renders
        found = inline_markup(source)
        if found:
            errors.append(checks.Error(refusal(name, found), obj=template, id="thankyou.E002"))
    return errors
