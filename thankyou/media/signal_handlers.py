from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from thankyou.media import work


@receiver(pre_save, sender=get_image_model())
def image_saving(sender, instance, raw=False, **kwargs):
    """Strip an uploaded file's metadata; note what the worker must do with the image."""
    if not raw:
        work.before_save(instance)


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        work.after_save(instance, created)
