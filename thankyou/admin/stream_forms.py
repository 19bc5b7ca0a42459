"""
The admin's form field for every StreamField: a malformed POST (a wrong
count, a block without its type or order) is a form error, not a 500.

Wagtail reads a StreamField's blocks from the POST by their numbered keys and
fails on a key that is missing or not a number. Registered for StreamField
through Wagtail's form field overrides, so page, snippet and settings forms
all get it; the form shows the stored content again with the error.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.blocks.base import BlockField, BlockWidget
from wagtail.fields import StreamField


class Malformed:
    """What the POST held for the field, when its blocks could not be read."""


MALFORMED = Malformed()


class TolerantBlockWidget(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, IndexError, TypeError, ValueError):  # a missing or non-numeric key
            return MALFORMED


class TolerantBlockField(BlockField):
    default_error_messages = {
        "malformed": _(
            "This content arrived incomplete and could not be read; nothing was saved. "
            "Reload the page and make your change again."
        )
    }

    def __init__(self, block=None, **kwargs):
        kwargs.setdefault("widget", TolerantBlockWidget(block))
        super().__init__(block=block, **kwargs)

    def clean(self, value):
        if value is MALFORMED:
            raise ValidationError(self.error_messages["malformed"], code="malformed")
        return super().clean(value)

    def bound_data(self, data, initial):
        return initial if data is MALFORMED else data  # shown again: what is stored

    def has_changed(self, initial_value, data_value):
        return data_value is MALFORMED or super().has_changed(initial_value, data_value)


register_form_field_override(StreamField, override={"form_class": TolerantBlockField})
