"""
The JSON of a block's value: ``blocks[].value`` of the render response,
documented per block type in the OpenAPI schema.

A block's value is derived from its fields, so that a designer's block has a
documented shape without writing one. Each field becomes:

    CharBlock, TextBlock, URLBlock, EmailBlock, RegexBlock
                             a string, "" when empty
    RichTextBlock            a string: the sanitised HTML the page shows, URLs absolute
    IntegerBlock, FloatBlock a number, or null when empty
    BooleanBlock             true or false
    ChoiceBlock              the chosen key, a string ("" when none)
    MultipleChoiceBlock      an array of keys
    DateBlock, TimeBlock, DateTimeBlock
                             {"iso": "2026-12-01", "text": "1. Dezember 2026"} (LocalisedDate),
                             the text as a template shows the value in the page's
                             language; null when empty
    DecimalBlock             {"value": "12.50", "text": "12,50"} (LocalisedDecimal), or null
    RenditionImageBlock      a Picture: renditions with absolute URLs; null when empty
    ImageChooserBlock        a Picture of the original file; null when empty
    DocumentChooserBlock     a DocumentLink: our absolute /d/ link, type and size; or null
    ListBlock                an array of its child's values
    StructBlock              an object of its fields' values
    anything else            what the block's get_api_representation gives, undocumented

A block whose ``get_api_representation`` adds, changes or leaves out fields
declares them in ``value_serializer`` (a DRF serializer): its fields replace
or add to the derived ones, and a field set to None there is left out.
"""

import re

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from thankyou.core.html import absolutize, sanitize
from thankyou.media.downloads import DocumentLinkSerializer, document_link
from thankyou.media.images import (
    PictureSerializer,
    RenditionImageBlock,
    original_picture,
    picture_for,
)


class LocalisedDateSerializer(serializers.Serializer):
    iso = serializers.CharField(
        help_text=_("ISO 8601: a date, a time, or a date and time with its offset.")
    )
    text = serializers.CharField(help_text=_("As the page shows it, in the page's language."))


class LocalisedDecimalSerializer(serializers.Serializer):
    value = serializers.CharField(help_text=_("The number as a decimal string, e.g. 12.50."))
    text = serializers.CharField(help_text=_("As the page shows it, in the page's language."))


def schema_field(schema, **kwargs):
    """A field whose OpenAPI schema is ``schema``."""
    return extend_schema_field(schema)(type("SchemaField", (serializers.Field,), {}))(**kwargs)


def _text(value, context):
    return "" if value is None else str(value)


def _rich_text(value, context):
    if value is None:
        return ""
    return str(absolutize(sanitize(value if isinstance(value, RichText) else RichText(value))))


def _as_is(value, context):
    return value


def _boolean(value, context):
    return bool(value)


def _keys(value, context):
    return [str(key) for key in value or ()]


def _localised_date(value, context):
    if value is None:
        return None
    return {"iso": value.isoformat(), "text": formats.localize(timezone.template_localtime(value))}


def _localised_decimal(value, context):
    return None if value is None else {"value": str(value), "text": formats.localize(value)}


def _document(value, context):
    return None if value is None else document_link(value, context.get("block_id", ""))


def _original_picture(value, context):
    return None if value is None else original_picture(value).as_dict()


def _text_field(block):
    return serializers.CharField(allow_blank=True)


def _url_field(block):
    return serializers.URLField(allow_blank=True)


def _choice_field(block):
    keys = [str(key) for key, _label in block.field.choices if key != ""]
    return schema_field({"type": "string", "enum": [*keys, ""]})


def _keys_field(block):
    keys = [str(key) for key, _label in block.field.choices if key != ""]
    return schema_field({"type": "array", "items": {"type": "string", "enum": keys}})


# (block class, its serializer field, its value as JSON): the
# first that matches. RenditionImageBlock's value follows its preset (``representer``).
_FIELDS = (
    (ImageChooserBlock, lambda block: PictureSerializer(allow_null=True), _original_picture),
    (DocumentChooserBlock, lambda block: DocumentLinkSerializer(allow_null=True), _document),
    (
        blocks.RichTextBlock,
        lambda block: serializers.CharField(
            allow_blank=True, help_text=_("HTML as the page shows it, URLs absolute.")
        ),
        _rich_text,
    ),
    (blocks.URLBlock, _url_field, _text),
    (
        (blocks.CharBlock, blocks.TextBlock, blocks.EmailBlock, blocks.RegexBlock),
        _text_field,
        _text,
    ),
    (blocks.BooleanBlock, lambda block: serializers.BooleanField(), _boolean),
    (blocks.IntegerBlock, lambda block: serializers.IntegerField(allow_null=True), _as_is),
    (blocks.FloatBlock, lambda block: serializers.FloatField(allow_null=True), _as_is),
    (
        blocks.DecimalBlock,
        lambda block: LocalisedDecimalSerializer(allow_null=True),
        _localised_decimal,
    ),
    (
        (blocks.DateBlock, blocks.TimeBlock, blocks.DateTimeBlock),
        lambda block: LocalisedDateSerializer(allow_null=True),
        _localised_date,
    ),
    (blocks.MultipleChoiceBlock, _keys_field, _keys),
    (blocks.ChoiceBlock, _choice_field, _text),
)


def representer(block):
    """A function (value, context) giving the JSON of ``block``'s value."""
    if isinstance(block, blocks.ListBlock):
        item = representer(block.child_block)
        return lambda value, context: [item(each, context) for each in value or ()]
    if isinstance(block, blocks.StructBlock):
        children = [(name, representer(child)) for name, child in block.child_blocks.items()]
        return lambda value, context: {
            name: represent(value.get(name), context) for name, represent in children
        }
    if isinstance(block, RenditionImageBlock):
        preset = block.preset

        def picture(value, context):
            found = picture_for(value, preset)
            return found.as_dict() if found else None

        return picture
    for kind, _field, represent in _FIELDS:
        if isinstance(block, kind):
            return represent
    return lambda value, context: block.get_api_representation(value, context)


def field_for(block, path):
    """The serializer field documenting ``block``'s value; ``path`` names components."""
    if isinstance(block, blocks.ListBlock):
        return serializers.ListField(child=field_for(block.child_block, path))
    if isinstance(block, blocks.StructBlock):
        return struct_serializer(path, block.child_blocks)()
    for kind, field, _represent in _FIELDS:
        if isinstance(block, kind):
            return field(block)
    return schema_field(OpenApiTypes.ANY, help_text=_("Not documented: as the block gives it."))


def struct_serializer(name, children, declared=None):
    """
    A serializer named ``name`` of these (name, child block) fields, with the
    fields of ``declared`` (a dict: field or None to leave one out) in place
    of or after them.
    """
    declared = declared or {}
    fields = {
        child_name: declared.get(child_name) or field_for(child, name + camel(child_name))
        for child_name, child in children.items()
        if child_name not in declared or declared[child_name] is not None
    }
    fields.update({key: field for key, field in declared.items() if field is not None})
    serializer = type(name, (serializers.Serializer,), dict(fields))
    serializer._declared_fields = fields  # in the block's order, not the fields' creation order
    return serializer


def declared_fields(serializer_class):
    """The fields a ``value_serializer`` declares, None for those it leaves out."""
    if serializer_class is None:
        return {}
    left_out = {
        name: None
        for klass in serializer_class.__mro__
        if klass not in serializers.Serializer.__mro__
        for name, attribute in vars(klass).items()
        if attribute is None and not name.startswith("_")
    }
    return {**left_out, **serializer_class._declared_fields}


def camel(name):
    """A block type's or field's name as part of a component name: next_steps -> NextSteps."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\W]+", name) if part)
