"""
Remove the metadata of images stored before uploads lost theirs.

Each such image gets a new original without it and new renditions; the old
files are deleted, and the shops' pages are rendered anew, with the new
renditions.
"""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from thankyou.core import caching
from thankyou.core.models import Shop
from thankyou.media.metadata import finish_original


class Command(BaseCommand):
    help = "Remove the metadata (GPS, time, camera) of images uploaded with it."

    def handle(self, *args, **options):
        images = get_image_model().objects.order_by("pk")
        stripped = sum(finish_original(image) for image in images)
        if stripped:
            for key in Shop.objects.values_list("key", flat=True):
                caching.new_generation(key)  # the pages name the new renditions
        self.stdout.write(f"{stripped} image(s) stripped of their metadata.")
