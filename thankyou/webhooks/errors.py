"""
Why a webhook attempt failed: stored as a short code, shown in the reader's
language. The worker that records it speaks no editor's language.
"""

from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

TIMEOUT = "timeout"


def http_status(status):
    return f"{'redirect' if status < 400 else 'http'}:{status}"


def refused(exc):
    # The reason in its own words (its message id), translated when shown.
    with override("en"):
        return f"refused:{exc}"


def connection_failed(exc):
    return f"connection:{type(exc).__name__}"


def describe(error):
    """The stored code in words; text stored before codes as it was written."""
    kind, _colon, detail = error.partition(":")
    if kind == "http":
        return _("HTTP %(status)s") % {"status": detail}
    if kind == "redirect":
        return _("HTTP %(status)s: redirects are not followed") % {"status": detail}
    if kind == "refused":
        return _("refused: %(reason)s") % {"reason": gettext(detail)}
    if kind == "connection":
        return _("connection failed: %(error)s") % {"error": detail}
    if error == TIMEOUT:
        return _("timed out")
    return error
