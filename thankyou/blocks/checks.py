"""System checks on the registered block types (``manage.py check``, ``migrate``, ``runserver``)."""

from collections import defaultdict

from django.core import checks

from thankyou.blocks.interactive import designer_blocks


@checks.register()
def check_designer_actions(app_configs=None, **kwargs):
    """Refuse two block types that take answers under one action: their answers,
    exports and webhooks would be one, under whichever name came first."""

    names = defaultdict(list)
    for block in designer_blocks():
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
