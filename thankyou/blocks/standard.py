"""
Texts with a standard wording, such as button labels, that the page shows in
its own language unless the editor writes their own.

A stored default would be in the editor's admin language: an English editor
composing the German page would save "Send" on a German button. So an empty
field is stored as empty and stands for the standard text, which the block's
value holds as a lazy translation and which is translated when the page is
rendered (in the page's language). The editor sees the standard text as the
field's placeholder.

Pages saved before standard texts existed hold the wording in the editor's
language ("Send" on a German page); a stored text that is the standard text
in any of the site's languages is read as the standard text too.
"""

from functools import cached_property

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class StandardTextBlock(blocks.CharBlock):
    """A CharBlock whose empty value means `standard`, in the page's language."""

    def __init__(self, standard, **kwargs):
        self.standard = standard
        kwargs.setdefault(
            "help_text", _("Leave empty for the standard text in the page's language.")
        )
        super().__init__(required=False, default="", **kwargs)
        # In the admin's language only; the help text says the page's language decides.
        self.field.widget.attrs["placeholder"] = lazy(lambda: str(self.standard), str)()

    def normalize(self, value):
        return self.standard if not value or value in self.wordings else value

    @cached_property
    def wordings(self):
        """The standard text as each of the site's languages words it (in their order)."""
        wordings = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                wordings.append(str(self.standard))
        return tuple(dict.fromkeys(wordings))

    to_python = normalize
    value_from_form = normalize

    def get_prep_value(self, value):
        return "" if is_standard(value) else value

    value_for_form = get_prep_value

    def get_api_representation(self, value, context=None):
        return str(value)


def is_standard(value):
    """True for the standard text (not yet translated), not for a text of the editor's."""
    return isinstance(value, Promise)
