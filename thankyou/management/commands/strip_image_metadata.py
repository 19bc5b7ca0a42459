"""
Remove the metadata of images stored before uploads lost theirs.

Each such image gets a new original without it and new renditions; the old
files are deleted, and the shops' pages are rendered anew, with the new
renditions.
"""

import io
import logging
import posixpath

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from PIL import Image
from wagtail.images import get_image_model

from thankyou.core import caching
from thankyou.core.models import Shop
from thankyou.media.metadata import without_metadata

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Remove the metadata (GPS, time, camera) of images uploaded with it."

    def handle(self, *args, **options):
        stripped = sum(strip(image) for image in get_image_model().objects.order_by("pk"))
        if stripped:
            for key in Shop.objects.values_list("key", flat=True):
                caching.new_generation(key)  # the pages name the new renditions
        self.stdout.write(f"{stripped} image(s) stripped of their metadata.")


def strip(image):
    """Give the image an original and renditions without metadata; False if it had none."""
    old = image.file.name
    try:
        with image.open_file() as handle:
            clean = without_metadata(handle.read())
    except OSError as exc:
        logger.warning("Image %s left as it is: %s", image.pk, exc)
        return False
    if clean is None:
        return False
    renditions = list(image.renditions.all())
    for rendition in renditions:
        rendition.delete()
        rendition.file.storage.delete(rendition.file.name)  # now, not by the worker's task
    image.file.save(posixpath.basename(old), ContentFile(clean), save=False)
    size = image.width, image.height
    with Image.open(io.BytesIO(clean)) as upright:
        image.width, image.height = upright.size
    if (image.width, image.height) != size:
        image.set_focal_point(None)  # it was marked on the photo lying on its side
    image._set_image_file_metadata()
    image.save()
    image.file.storage.delete(old)
    if renditions:
        image.get_renditions(*{rendition.filter_spec for rendition in renditions})
    return True
