from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from thankyou.core.models import Shop, ShopSecret, forget_shop


@receiver(post_save, sender=Shop)
@receiver(post_delete, sender=Shop)
def shop_changed(sender, instance, **kwargs):
    forget_shop(instance)


@receiver(post_save, sender=ShopSecret)
@receiver(post_delete, sender=ShopSecret)
def secret_changed(sender, instance, **kwargs):
    forget_shop(instance.shop)
