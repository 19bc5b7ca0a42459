from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale

from .cors import forget_shop_origins
from .models import Shop
from .tenancy import setup_shop


@receiver(post_save, sender=Shop)
def shop_saved(sender, instance, created, raw=False, **kwargs):
    forget_shop_origins()
    if created and not raw:
        setup_shop(instance)


@receiver(post_save, sender=Locale)
def locale_saved(sender, instance, created, raw=False, **kwargs):
    """Give every shop a page tree in a newly added language."""
    if created and not raw:
        for shop in Shop.objects.all():
            setup_shop(shop)
