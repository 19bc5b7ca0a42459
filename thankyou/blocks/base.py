"""The interface every thank-you block implements."""

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from wagtail import blocks


class ThankYouBlock(blocks.StructBlock):
    """
    A block of a thank-you page.

    Its template receives ``value``, ``shop``, ``locale``, ``page`` and
    ``block_id``. The output is rendered once per page revision and shared by
    every order that sees it, so ``order`` and ``customer`` are absent; a block
    whose output depends on the order sets ``Meta.personal = True`` and is
    rendered for each order with ``order`` and ``customer`` in its context.

    ``Meta.stylesheet`` names a static CSS file added to the shadow root when
    the block is on the page; ``Meta.script`` a static script that gives it
    behaviour. A block that asks something of the customer sets
    ``Meta.call_to_action = True``.

    Block previews (the editor's block chooser) render the block with its
    ``Meta.preview_value`` for a sample customer, inside a shadow root with
    the same CSS as on a shop's page.
    """

    class Meta:
        stylesheet = None
        script = None
        call_to_action = False
        personal = False
        preview_template = "thankyou/blocks/preview.html"

    def get_preview_value(self):
        """The preview value with every field present, as if loaded from a page."""
        return self.to_python(self.get_prep_value(super().get_preview_value()))

    def get_preview_context(self, value, parent_context=None):
        from .samples import block_preview

        context = dict(parent_context or {})
        request = context.get("request")
        context["preview"] = block_preview(self, value, user=getattr(request, "user", None))
        return context


def read_static(path):
    """Return a static file's text, from the collected files or the finders."""
    try:
        with staticfiles_storage.open(path) as fh:
            return fh.read().decode()
    except (FileNotFoundError, OSError, ValueError):
        found = finders.find(path)
        if not found:
            raise
        with open(found, encoding="utf-8") as fh:
            return fh.read()
