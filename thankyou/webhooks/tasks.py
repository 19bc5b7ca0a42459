"""Background tasks (Django's Tasks API, database backend) that drive the outbox."""

from django.tasks import task

from . import outbox


@task()
def deliver_due():
    """Send every webhook delivery that is due; the rows hold all the state."""
    return outbox.drive()
