"""
Links of ours to documents: /d/<signed>/ serves a PDF, a video or captions.

Rendered pages link documents through here, not to Wagtail's document URLs,
so downloads can be counted and media served cross-origin to the shop's
page (CORS, range requests for seeking). The signed part names the
document, the block and the purpose; it holds nothing personal and never
expires, so it stays the same in every rendering of a page.
"""

import mimetypes
import posixpath
import re

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django.views.static import serve
from rest_framework import serializers
from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve
from wagtail.permissions import policy_registry

from thankyou.core import links
from thankyou.core.errors import ClientError
from thankyou.core.html import absolute

SALT = "thankyou.document-link"
DOWNLOAD, MEDIA = "download", "media"
CONTENT_TYPES = {"vtt": "text/vtt", "webm": "video/webm", "mp4": "video/mp4"}
CHUNK = 64 * 1024
DOCUMENTS_DIRECTORY = "documents"  # Wagtail's upload_to for documents
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)\Z")


def document_url(document, block_id="", purpose=DOWNLOAD):
    """The link of ours for a document, absolute to this server (pages and block values)."""
    signed = links.sign(SALT, {"d": document.pk, "b": block_id, "p": purpose})
    return absolute(reverse("document-link", args=[signed]))


class DocumentLinkSerializer(serializers.Serializer):
    """A document: our link to it, its type and size."""

    url = serializers.URLField(help_text=gettext_lazy("Our link to the file, absolute."))
    extension = serializers.CharField(
        help_text=gettext_lazy("The file's extension, lowercase: pdf, mp4.")
    )
    size = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("The file's size in bytes.")
    )
    size_text = serializers.CharField(
        allow_blank=True, help_text=gettext_lazy("The size as the page writes it, e.g. 1,2 MB.")
    )


def document_link(document, block_id=""):
    """A document as a block's value holds it (see DocumentLinkSerializer)."""
    extension = document.file_extension.lower()
    size = document.file_size
    return {
        "url": document_url(document, block_id, MEDIA if extension in CONTENT_TYPES else DOWNLOAD),
        "extension": extension,
        "size": size,
        "size_text": str(filesizeformat(size)) if size is not None else "",
    }


def _error(message, field, status=404, code="not_found"):
    return JsonResponse({"code": code, "detail": message, "field": field}, status=status)


@require_safe
def serve_document(request, signed):
    try:
        # Links signed before carry a timestamp, which changes nothing.
        document_id = int(links.unsign(SALT, signed)["d"])
    except (ClientError, KeyError, TypeError, ValueError):
        return _error(_("This link is not valid."), "link")
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return _error(_("This file is no longer available."), "document")
    extension = document.file_extension.lower()
    content_type = (
        CONTENT_TYPES.get(extension)
        or mimetypes.guess_type(document.filename)[0]
        or "application/octet-stream"
    )
    try:
        size = document.file.size
        handle = document.file.open("rb")
    except OSError:
        return _error(_("This file is no longer available."), "document")
    response = _ranged(request, handle, size, content_type) or FileResponse(
        handle, content_type=content_type, filename=document.filename
    )
    response["Accept-Ranges"] = "bytes"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response


def _ranged(request, handle, size, content_type):
    """A 206 (or 416) answer to a single byte-range request, else None."""
    header = request.headers.get("Range", "")
    if not header:
        return None
    match = _RANGE.match(header.strip())
    start, end = match.groups() if match else ("", "")
    if not match or (not start and not end):
        handle.close()
        return _unsatisfiable(size)
    if start:
        first, last = int(start), min(int(end) if end else size - 1, size - 1)
    else:
        first, last = max(size - int(end), 0), size - 1
    if first > last or first >= size:
        handle.close()
        return _unsatisfiable(size)
    handle.seek(first)

    def chunks(remaining=last - first + 1):
        try:
            while remaining > 0:
                data = handle.read(min(CHUNK, remaining))
                if not data:
                    break
                remaining -= len(data)
                yield data
        finally:
            handle.close()

    response = StreamingHttpResponse(chunks(), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(last - first + 1)
    return response


def _unsatisfiable(size):
    response = _error(_("The requested range is not satisfiable."), "range", 416, "bad_range")
    response["Content-Range"] = f"bytes */{size}"
    return response


def serve_to_editors(request, document_id, document_filename):
    """
    Wagtail's own document URL (the admin's download links), for those who may
    choose the document: its shop's editors. Its ids count up, so anyone could
    walk them; customers get documents through our links above.
    """
    Document = get_document_model()
    document = get_object_or_404(Document, id=document_id)
    if not policy_registry.get_by_type(Document).user_has_any_permission_for_instance(
        request.user, ["choose", "change"], document
    ):
        raise Http404
    return wagtail_serve.serve(request, document_id, document_filename)


@require_safe
def serve_media(request, path):
    """
    Serve MEDIA_ROOT when SERVE_MEDIA is on (development; production serves
    it from shared storage, see docs/operating.md), readable from the shops' pages:
    the team video fetches its poster with CORS, as its captions need.
    Documents are not served here (see ``serve_to_editors``).
    """
    if not settings.SERVE_MEDIA or not _servable(path):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _servable(path):
    """
    Whether a media path (percent-decoded) names a file outside the documents.

    Only the normalised form is served: "//", "." and ".." segments and
    backslashes would each reach the same file by another name, past a
    comparison of names. The directory is compared case-insensitively, as a
    case-insensitive file system (macOS) would open it.
    """
    if "\\" in path or "\0" in path or posixpath.normpath(path) != path or path.startswith("/"):
        return False
    return path.split("/", 1)[0].casefold() != DOCUMENTS_DIRECTORY
