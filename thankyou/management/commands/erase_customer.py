"""Erase one customer's data, found by e-mail address or order (a data subject's request)."""

from django.core.management.base import BaseCommand, CommandError

from thankyou.blocks.privacy import erase_customer
from thankyou.core.models import Shop


class Command(BaseCommand):
    help = (
        "Delete a customer's sign-ups, their orders' answers and webhook payloads about them, "
        "found by e-mail address or by order."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="", help="The customer's e-mail address.")
        parser.add_argument("--shop", help="Only in this shop (key); default: every shop.")
        parser.add_argument(
            "--order",
            action="append",
            default=[],
            help="An order id of the customer in --shop (repeat for several).",
        )

    def handle(self, *args, email, shop=None, order, **options):
        if email and "@" not in email:
            raise CommandError("Give the customer's e-mail address.")
        if not email and not order:
            raise CommandError("Give the customer's e-mail address or --order with --shop.")
        if order and not shop:
            raise CommandError("--order needs --shop: order ids are the shop's own.")
        shop_obj = None
        if shop:
            shop_obj = Shop.objects.filter(key=shop).first()
            if shop_obj is None:
                raise CommandError(f"No shop with the key {shop!r}.")
        counts = erase_customer(email, shop_obj, order)
        # The address is not echoed: command output often ends up in logs.
        self.stdout.write("Erased " + ", ".join(f"{name}: {n}" for name, n in counts.items()))
        if not any(counts.values()):
            self.stderr.write(
                "Nothing was found. If you know the customer's order ids, name them with "
                "--order and --shop."
            )
