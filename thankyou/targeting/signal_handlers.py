from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from thankyou.core import caching
from thankyou.core.models import Shop
from thankyou.targeting.models import Segment


@receiver(post_save, sender=Segment)
@receiver(post_delete, sender=Segment)
def segment_changed(sender, instance, **kwargs):
    """A segment's pages and blocks target anew: start a new generation of the shop."""
    key = Shop.objects.filter(pk=instance.shop_id).values_list("key", flat=True).first()
    if key:
        caching.new_generation(key)
