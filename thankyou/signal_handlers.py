from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import caching, image_work, images
from .cors import forget_shop_origins
from .models import Segment, Shop, ShopSecret, ThankYouPage
from .models.shop import forget_shop
from .tenancy import setup_shop

request_started.connect(caching.forget_read_ahead)
request_finished.connect(caching.forget_read_ahead)


@receiver(pre_save, sender=get_image_model())
def image_saving(sender, instance, raw=False, **kwargs):
    """Strip an uploaded file's metadata; note what the worker must do with the image."""
    if not raw:
        image_work.before_save(instance)


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        image_work.after_save(instance, created)


@receiver(post_save, sender=Shop)
def shop_saved(sender, instance, created, raw=False, **kwargs):
    forget_shop_origins()
    forget_shop(instance)
    if created and not raw:
        setup_shop(instance)


@receiver(post_delete, sender=Shop)
def shop_deleted(sender, instance, **kwargs):
    forget_shop_origins()
    forget_shop(instance)


@receiver(post_save, sender=ShopSecret)
@receiver(post_delete, sender=ShopSecret)
def secret_changed(sender, instance, **kwargs):
    forget_shop(instance.shop)


@receiver(post_save, sender=Segment)
@receiver(post_delete, sender=Segment)
def segment_changed(sender, instance, **kwargs):
    """A segment's pages and blocks target anew: start a new generation of the shop."""
    key = Shop.objects.filter(pk=instance.shop_id).values_list("key", flat=True).first()
    if key:
        caching.new_generation(key)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=ThankYouPage)  # a sender, or every bulk delete turns row by row
def page_changed(sender, instance, signal, **kwargs):
    """
    Start a new generation of the shop's page set: the choice of page is read
    anew; the other pages' renderings, keyed by their revisions, stay cached.

    On publishing, ask the worker for the renditions the page's images lack
    (its body's and its variants'); it renders the shop's pages anew when
    they are made.
    """
    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, ThankYouPage) and page.shop_id:
        if signal is page_published:
            images.request_renditions(*page.bodies())
        caching.new_pages_generation(page.shop.key)


@receiver(post_save, sender=Locale)
def locale_saved(sender, instance, created, raw=False, **kwargs):
    """Give every shop a page tree in a newly added language."""
    if created and not raw:
        for shop in Shop.objects.all():
            setup_shop(shop)
