from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published

from . import images
from .cors import forget_shop_origins
from .models import Shop, ThankYouPage
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


@receiver(page_published, sender=ThankYouPage)
def page_published_make_renditions(sender, instance, **kwargs):
    """Make the page's image renditions now, so no customer's request has to."""
    images.prepare(instance.body)
