from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished, post_page_move

from thankyou.core import caching
from thankyou.core.models import Shop
from thankyou.media import work
from thankyou.pages.models import ThankYouPage
from thankyou.pages.shops import setup_shop


@receiver(post_save, sender=Shop)
def shop_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        setup_shop(instance)


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
            work.request_renditions(*page.bodies())
        caching.new_pages_generation(page.shop.key)


@receiver(post_save, sender=Locale)
def locale_saved(sender, instance, created, raw=False, **kwargs):
    """Give every shop a page tree in a newly added language."""
    if created and not raw:
        for shop in Shop.objects.all():
            setup_shop(shop)
