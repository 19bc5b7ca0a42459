"""Choosers for documents of one kind: PDFs, videos, caption files."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.documents.blocks import DocumentChooserBlock

from thankyou.blocks.document_chooser import DocumentOfTypesChooser

PDF = ("pdf",)
VIDEO = ("mp4", "webm")
CAPTIONS = ("vtt",)


class DocumentOfTypeBlock(DocumentChooserBlock):
    """A document chooser that accepts only files with the given extensions."""

    def __init__(self, extensions, **kwargs):
        self.extensions = tuple(extensions)
        super().__init__(**kwargs)

    @cached_property
    def widget(self):
        return DocumentOfTypesChooser(self.extensions)

    def clean(self, value):
        value = super().clean(value)
        if value is not None and value.file_extension.lower() not in self.extensions:
            raise ValidationError(
                _("Choose a file of type %(types)s.")
                % {"types": ", ".join(ext.upper() for ext in self.extensions)}
            )
        return value
