"""Spreadsheet exports of the admin's listings: safe to open, in the user's language."""

from datetime import datetime

from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SpreadsheetExportMixin:
    """
    For Wagtail views that export CSV and XLSX.

    In a CSV, cells a spreadsheet would run as a formula (customers' free
    text among them) are quoted (Wagtail marks XLSX cells as text itself);
    yes and no and times are written for people. The CSV is written in the
    language of the request that asked for it: Wagtail streams it after the
    view has returned, when the admin's language is no longer active, and
    its headings came out in English.
    """

    def preprocess_field_value(self, field, value, export_format):
        if export_format != self.FORMAT_CSV:
            return super().preprocess_field_value(field, value, export_format)
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        elif isinstance(value, datetime):
            value = localtime(value).replace(microsecond=0).isoformat(sep=" ")
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        return in_language(translation.get_language(), super().stream_csv(queryset))


def in_language(language, lines):
    """Make each of the lines with `language` active."""
    while True:
        with translation.override(language):
            line = next(lines, None)
        if line is None:
            return
        yield line
