"""
The events a subscription may ask for.

Whatever sends an event registers it through the ``register_webhook_events``
Wagtail hook, returning (event, label) pairs; the blocks that ask something
register theirs (``<action>.answered``) this way.
"""

from wagtail import hooks

HOOK_NAME = "register_webhook_events"


def event_choices():
    """Every registered (event, label), in hook order, each event once."""
    events = {}
    for register in hooks.get_hooks(HOOK_NAME):
        for event, label in register():
            events.setdefault(event, label)
    return list(events.items())
