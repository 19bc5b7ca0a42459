from thankyou.blocks.registry import get_block_types
from thankyou.core.fields import RegistryStreamField


class BlocksField(RegistryStreamField):
    """A page's blocks: every registered block type (``register_thankyou_blocks``)."""

    registry = staticmethod(get_block_types)
