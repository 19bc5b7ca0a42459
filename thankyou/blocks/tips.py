"""A tips PDF (care guide, recipes), optionally one per product category."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks

from thankyou.blocks.base import ThankYouBlock
from thankyou.blocks.choosers import PDF, DocumentOfTypeBlock
from thankyou.blocks.samples import art, sample_document, sample_image
from thankyou.blocks.standard import StandardTextBlock
from thankyou.media.downloads import document_link
from thankyou.media.images import RenditionImageBlock


class CategoryGuideBlock(blocks.StructBlock):
    category = blocks.CharBlock(
        label=_("Product category"),
        max_length=80,
        help_text=_("As the shop sends it in the order's items, e.g. coffee."),
    )
    document = DocumentOfTypeBlock(PDF, label=_("PDF"))
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    description = blocks.TextBlock(label=_("Description"), max_length=400, required=False)
    cover = RenditionImageBlock(preset="cover", label=_("Cover image"), required=False)


def preview_value():
    guide = sample_document(
        "bruehguide.pdf",
        data=art.pdf(
            "Brühguide",
            ["Mahlgrad: mittelfein", "15 g Kaffee auf 250 ml Wasser", "Wasser: 94 °C"],
        ),
    )
    return {
        "title": "Dein Brühguide",
        "description": "Mahlgrad, Dosierung und Wassertemperatur auf einer Seite: "
        "so schmeckt dein Kaffee wie bei uns in der Rösterei.",
        "document": guide,
        "cover": sample_image("cup"),
        "link_label": "Brühguide herunterladen",
        "by_category": [],
    }


class TipsValueSerializer(serializers.Serializer):
    document = None
    by_category = None
    download_url = serializers.URLField(
        allow_null=True,
        help_text=_("The guide for this order's items, else the default one; null: none."),
    )
    file_size = serializers.IntegerField(allow_null=True, help_text=_("In bytes."))
    file_size_text = serializers.CharField(
        allow_blank=True, help_text=_("The size as the page writes it, e.g. 1,2 MB.")
    )


class TipsBlock(ThankYouBlock):
    value_serializer = TipsValueSerializer

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    description = blocks.TextBlock(label=_("Description"), max_length=400, required=False)
    document = DocumentOfTypeBlock(PDF, label=_("PDF"))
    cover = RenditionImageBlock(preset="cover", label=_("Cover image"), required=False)
    link_label = StandardTextBlock(_("Download the PDF"), label=_("Link text"), max_length=60)
    by_category = blocks.ListBlock(
        CategoryGuideBlock(),
        label=_("Guides per product category"),
        min_num=0,
        default=[],
        help_text=_(
            "The first item of the order whose category has a guide here gets that "
            "guide instead; empty title, description or cover keep the ones above."
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("Tips PDF")
        template = "thankyou/blocks/tips.html"
        personal = True  # the guide follows the order's categories
        stylesheet = "thankyou/blocks/tips.css"
        description = _("A downloadable guide, chosen by what the customer bought.")
        preview_translations = {
            "en": {
                "title": "Your brewing guide",
                "description": "Grind, dose and water temperature on one page: so your "
                "coffee tastes as it does in our roastery.",
                "link_label": "Download the brewing guide",
            }
        }
        preview_value = staticmethod(preview_value)

    def order_key(self, value, context):
        return (
            self.placeholder_key(value, context),
            self.category_guide(value, context.get("order")),
        )

    def category_guide(self, value, order):
        """The position of the first category guide for the order's items, or None."""
        guides = {}
        for position, guide in enumerate(value["by_category"]):
            if guide["document"] is not None:
                guides.setdefault(guide["category"].strip().casefold(), position)
        for item in getattr(order, "items", ()):
            position = guides.get((item.category or "").strip().casefold())
            if position is not None:
                return position
        return None

    def guide_for(self, value, order):
        """The guide for this order: a category's, else the default one."""
        position = self.category_guide(value, order)
        guide = value if position is None else value["by_category"][position]
        return {
            name: guide[name] or value[name]
            for name in ("document", "title", "description", "cover")
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        guide = self.guide_for(value, context.get("order"))
        document = guide["document"]
        context["guide"] = guide
        if document is not None:
            link = document_link(document, context.get("block_id", ""))
            context["download_url"], context["file_size"] = link["url"], link["size"]
        return context

    def get_api_representation(self, value, context=None):
        context = context or {}
        guide = self.guide_for(value, context.get("order"))
        data = super().get_api_representation({**guide, "link_label": value["link_label"]}, context)
        document = guide["document"]
        link = document_link(document, context.get("block_id", "")) if document else None
        data.update(
            download_url=link and link["url"],
            file_size=link and link["size"],
            file_size_text=link["size_text"] if link else "",
        )
        return data
