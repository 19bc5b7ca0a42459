"""Delete personal data older than each shop's retention period (run daily)."""

from django.core.management.base import BaseCommand

from thankyou.blocks.privacy import purge


class Command(BaseCommand):
    help = "Delete sign-ups, free-text answers and webhook payloads past each shop's retention."

    def handle(self, *args, **options):
        counts = purge()
        if options["verbosity"]:
            self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
