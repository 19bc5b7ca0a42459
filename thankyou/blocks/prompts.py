"""Shared fields of the blocks that ask the customer something."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def benefits_block():
    return blocks.ListBlock(
        blocks.CharBlock(max_length=120),
        label=_("Benefits"),
        min_num=0,
        max_num=5,
        default=[],
        help_text=_("Short reasons, one per line of the list."),
    )
