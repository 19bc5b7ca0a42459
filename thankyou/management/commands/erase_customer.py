"""Erase one customer's data, found by e-mail address (a data subject's request)."""

from django.core.management.base import BaseCommand, CommandError

from ...models import Shop
from ...privacy import erase_customer


class Command(BaseCommand):
    help = "Delete a customer's sign-ups, their orders' answers and webhook payloads about them."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The customer's e-mail address.")
        parser.add_argument("--shop", help="Only in this shop (key); default: every shop.")

    def handle(self, *args, email, shop=None, **options):
        if "@" not in email:
            raise CommandError("Give the customer's e-mail address.")
        shop_obj = None
        if shop:
            shop_obj = Shop.objects.filter(key=shop).first()
            if shop_obj is None:
                raise CommandError(f"No shop with the key {shop!r}.")
        counts = erase_customer(email, shop_obj)
        # The address is not echoed: command output often ends up in logs.
        self.stdout.write("Erased " + ", ".join(f"{name}: {n}" for name, n in counts.items()))
