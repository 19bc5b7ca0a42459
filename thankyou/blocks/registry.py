"""
The block registry: every block type a thank-you page may use.

Block types are registered through the ``register_thankyou_blocks`` Wagtail
hook, so a designer's app adds one without touching this package::

    @hooks.register("register_thankyou_blocks")
    def register_blocks():
        return [("quote", QuoteBlock())]
"""

from wagtail import hooks

HOOK_NAME = "register_thankyou_blocks"


def get_block_types():
    """Return the registered (name, block) pairs in hook order."""
    block_types = {}
    for register in hooks.get_hooks(HOOK_NAME):
        for name, block in register():
            if name in block_types:
                raise ValueError(f"Block type {name!r} is registered twice.")
            block_types[name] = block
    return list(block_types.items())
