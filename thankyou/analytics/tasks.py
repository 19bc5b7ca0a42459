"""Background work of the analytics, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task

from thankyou.analytics import rollup


@task
def roll_up_events():
    """Add new raw events to the daily counts; returns how many were read."""
    return rollup.roll_up()


@task
def prune_events():
    """Delete raw events past the retention period; returns (events, order marks)."""
    return list(rollup.prune())
