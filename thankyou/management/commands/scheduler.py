"""Enqueue the periodic jobs (analytics roll-up and pruning) for the task worker."""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ...analytics import tasks

PRUNE_EVERY = 24 * 3600


def pending(task):
    """Whether a run of this task is already queued (a stopped worker must not pile them up)."""
    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


class Command(BaseCommand):
    help = (
        "Enqueue the analytics roll-up every THANKYOU['ROLLUP_INTERVAL'] seconds and the "
        "pruning of old events daily; `manage.py db_worker` runs them. Run one scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue both jobs once and exit.")

    def handle(self, *args, **options):
        stopping = False

        def stop(*_args):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        interval = settings.THANKYOU["ROLLUP_INTERVAL"]
        next_roll_up = next_prune = time.monotonic()
        while not stopping:
            now = time.monotonic()
            if now >= next_roll_up:
                if not pending(tasks.roll_up_events):
                    tasks.roll_up_events.enqueue()
                next_roll_up = now + interval
            if now >= next_prune:
                if not pending(tasks.prune_events):
                    tasks.prune_events.enqueue()
                next_prune = now + PRUNE_EVERY
            if options["once"]:
                return
            time.sleep(0.5)
