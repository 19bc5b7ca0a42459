"""A StreamField whose block types come from a registry of Wagtail hooks."""

from django.db import models
from django.utils.functional import cached_property
from wagtail.blocks import StreamBlock
from wagtail.fields import StreamField


class RegistryStreamField(StreamField):
    """
    Build the StreamField's block types from the registry on first use.

    Deconstruct without block definitions, so registering a block type writes
    no migration (StreamField data is JSON; the schema never changes).
    Subclasses name the registry: a function returning (name, block) pairs.
    """

    registry = None

    def __init__(self, *args, **kwargs):
        kwargs.pop("block_lookup", None)
        super().__init__(block_types=None, **kwargs)

    @cached_property
    def stream_block(self):
        block = StreamBlock(self.registry())
        block.set_meta_options(self.block_opts)
        return block

    def deconstruct(self):
        name, path, _, kwargs = models.Field.deconstruct(self)
        return name, path, [], kwargs
