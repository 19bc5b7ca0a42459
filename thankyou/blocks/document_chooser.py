"""
The document chooser of a block that takes one kind of file (the team
video, its captions, the tips PDF) lists only files of that kind.

It is Wagtail's document chooser, reached under its own address with the
extensions in ``?types=``; searching, paging and uploading keep them.
"""

from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from wagtail.documents import get_document_model_string
from wagtail.documents.views.chooser import (
    DocumentChooseResultsView,
    DocumentChooserViewSet,
    DocumentChooseView,
)
from wagtail.documents.widgets import AdminDocumentChooser

TYPES = "types"


class OfTypes:
    def get_object_list(self):
        extensions = [t for t in self.request.GET.get(TYPES, "").lower().split(",") if t.isalnum()]
        objects = super().get_object_list()
        if extensions:
            of_types = reduce(or_, (Q(file__iendswith=f".{ext}") for ext in extensions))
            # By id: searching filters only by the fields Wagtail indexes, which the file is not.
            objects = objects.filter(id__in=objects.filter(of_types).values("id"))
        return objects


class ChooseOfTypesView(OfTypes, DocumentChooseView):
    pass


class ChooseOfTypesResultsView(OfTypes, DocumentChooseResultsView):
    pass


class DocumentOfTypesChooserViewSet(DocumentChooserViewSet):
    choose_view_class = ChooseOfTypesView
    choose_results_view_class = ChooseOfTypesResultsView
    preserve_url_parameters = ["multiple", TYPES]
    register_widget = False  # Wagtail's chooser stays the one of document fields


viewset = DocumentOfTypesChooserViewSet(
    "thankyou_documents_of_types",
    model=get_document_model_string(),
    url_prefix="documents/chooser-of-types",
)


class DocumentOfTypesChooser(AdminDocumentChooser):
    """Wagtail's document chooser widget, opening the chooser of these extensions."""

    def __init__(self, extensions, **kwargs):
        self.extensions = extensions
        super().__init__(**kwargs)

    def get_chooser_modal_url(self):
        query = urlencode({TYPES: ",".join(self.extensions)})
        return f"{reverse(viewset.get_url_name('choose'))}?{query}"
