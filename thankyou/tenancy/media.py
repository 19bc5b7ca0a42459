"""A shop's media: its collection and those below it, and the block samples."""

from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Collection

from thankyou.core.models import Shop

# Where the block previews' sample images and documents are kept; any shop may show them.
SAMPLES_COLLECTION = "Block samples"


def shops_showing(image):
    """The shops whose pages may show the image: its collection's, or all for shared ones."""
    owners = Shop.objects.filter(
        collection__in=Collection.objects.get(pk=image.collection_id).get_ancestors(inclusive=True)
    )
    return owners if owners.exists() else Shop.objects.all()


FOREIGN_MEDIA = _(
    "A block shows an image or document that is not in this shop's media: choose one of the "
    "shop's own."
)


def foreign_media(body, shop_id):
    """
    Return the images and documents in a page body that are not the shop's
    (its collection and those below it) nor the block samples.

    The choosers offer only the shop's media, but a form can name any id.
    """

    used = list(_media_in(body))
    if not used:
        return []
    shop = Shop.objects.filter(pk=shop_id).select_related("collection").first()
    own = set()
    if shop is not None and shop.collection is not None:
        own = set(shop.collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    own |= set(Collection.objects.filter(name=SAMPLES_COLLECTION).values_list("pk", flat=True))
    return [item for item in used if item.collection_id not in own]


def _media_in(value):
    """Yield every image and document a stream value holds, at any depth."""

    if isinstance(value, AbstractImage | AbstractDocument):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _media_in(child.value)
    elif isinstance(value, dict):  # StructValue
        for item in value.values():
            yield from _media_in(item)
    elif isinstance(value, list | ListValue):
        for item in value:
            yield from _media_in(item)
