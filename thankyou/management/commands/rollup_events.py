"""Roll up the analytics events now (for cron, or to see the demo's events at once)."""

from django.core.management.base import BaseCommand

from thankyou.analytics import rollup


class Command(BaseCommand):
    help = "Add the raw events to the daily counts now; --prune also deletes expired events."

    def add_arguments(self, parser):
        parser.add_argument("--prune", action="store_true")

    def handle(self, *args, **options):
        read = rollup.roll_up()
        self.stdout.write(f"Rolled up {read} events.")
        if options["prune"]:
            events, seen = rollup.prune()
            self.stdout.write(f"Pruned {events} events and {seen} order marks.")
