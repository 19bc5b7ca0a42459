"""
The periodic jobs, in one loop (make run starts it beside the web server and
the task worker; production runs one of it as one more process):

- every PERIODIC_SECONDS, a task to drive the webhook outbox and one for
  image work when rows are due (retries, leases of killed workers that
  expired, lost tasks);
- every ROLLUP_INTERVAL seconds, the analytics roll-up (unless one is queued);
- once a day, purge_personal_data, pruning old raw events and finished task
  results.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from thankyou.analytics import tasks
from thankyou.management.stopping import Stopping
from thankyou.media import work as image_work
from thankyou.webhooks import outbox

DAY = 24 * 3600


def pending(task):
    """Whether a run of this task is already queued (a stopped worker must not pile them up)."""
    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()


def enqueue_once(task):
    if not pending(task):
        task.enqueue()


class Command(BaseCommand):
    help = "Run the periodic jobs (webhook retries, analytics roll-up, daily purges) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run each job once and exit.")

    def handle(self, *args, once=False, **options):
        stopping = Stopping()
        config = settings.THANKYOU
        next_kick = next_roll_up = next_daily = time.monotonic()
        while not stopping:
            close_old_connections()
            now = time.monotonic()
            if now >= next_kick:
                if outbox.has_due():
                    outbox.kick()
                if image_work.has_due():
                    image_work.kick()
                next_kick = now + config["PERIODIC_SECONDS"]
            if now >= next_roll_up:
                enqueue_once(tasks.roll_up_events)
                next_roll_up = now + config["ROLLUP_INTERVAL"]
            if now >= next_daily:
                call_command("purge_personal_data", verbosity=0)
                call_command("prune_db_task_results", verbosity=0)
                enqueue_once(tasks.prune_events)
                next_daily = now + DAY
            if once:
                return
            time.sleep(0.5)
