from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from thankyou.media.metadata import strip_metadata


@receiver(pre_save, sender=get_image_model())
def image_uploaded(sender, instance, raw=False, **kwargs):
    if not raw:
        strip_metadata(instance)
