"""Page types: a shop's page tree and its thank-you pages."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Page

from ..blocks.fields import BlocksField
from ..personas import DEFAULT_PERSONA, PERSONAS


class ShopRootPage(Page):
    """The root of one shop's page tree in one locale."""

    shop = models.ForeignKey(
        "thankyou.Shop",
        on_delete=models.PROTECT,
        related_name="root_pages",
        editable=False,
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["thankyou.ThankYouPage"]
    content_panels = [FieldPanel("title")]
    promote_panels = []
    max_count_per_parent = None

    class Meta:
        verbose_name = _("shop page tree")
        verbose_name_plural = _("shop page trees")

    def serve(self, request, *args, **kwargs):
        raise Http404  # rendered only through the API


class ThankYouPage(Page):
    """A thank-you page composed of blocks, shown after an order."""

    shop = models.ForeignKey(
        "thankyou.Shop",
        on_delete=models.PROTECT,
        related_name="pages",
        editable=False,
    )
    body = BlocksField(blank=True, verbose_name=_("content"))

    parent_page_types = ["thankyou.ShopRootPage"]
    subpage_types = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        InlinePanel(
            "variants",
            heading=_("Variants for A/B tests"),
            label=_("Variant"),
            help_text=_(
                "Alternative contents of this page. Orders see them only while an A/B test "
                "runs (Analytics → A/B tests)."
            ),
        ),
    ]
    promote_panels = []

    class Meta:
        verbose_name = _("thank-you page")
        verbose_name_plural = _("thank-you pages")

    def full_clean(self, *args, **kwargs):
        self._inherit_shop()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._inherit_shop()
        super().save(*args, **kwargs)

    def _inherit_shop(self):
        if self.shop_id is None and self.path:
            parent = self.get_parent().specific
            if isinstance(parent, ShopRootPage):
                self.shop_id = parent.shop_id

    def serve(self, request, *args, **kwargs):
        raise Http404  # rendered only through the API

    @property
    def preview_modes(self):
        return [(persona.name, persona.label) for persona in PERSONAS.values()]

    @property
    def default_preview_mode(self):
        return DEFAULT_PERSONA

    def serve_preview(self, request, mode_name):
        from ..preview import serve_preview

        return serve_preview(self, request, mode_name)
