"""
Image work that must not hold a web worker, done by the task worker.

Decoding an image takes time and memory in proportion to its pixels; a web
worker busy with it keeps customers' requests waiting. So uploads, edits,
publishes and previews only write rows (``ImageWork``), and a task drives
them: it claims the next image's rows with a lease (a conditional update),
finishes the original if asked (turned upright, stripped of what only a
decode strips), makes the renditions asked one at a time, deletes the rows
and starts a new generation of the shops that may show the image, so that
their pages are rendered with the renditions. A worker killed mid-way loses
nothing: its lease expires and the periodic job asks for a task again.

The task lowers its worker's CPU priority: on a host it shares with the web
server, customers' requests come first.
"""

import logging
import os
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model

from thankyou.core import caching
from thankyou.media.images import PRESET_SPECS, PRESETS, images_in
from thankyou.media.metadata import finish_original, strip_metadata
from thankyou.media.models import ImageWork
from thankyou.tenancy.media import shops_showing

logger = logging.getLogger(__name__)

# What Wagtail's admin shows of an image (listings and choosers, the edit
# page): made ahead, so that an editor's next page need not decode it.
ADMIN_SPECS = ("max-165x165", "max-800x600")
NICENESS = 10
RETRY_MAX_SECONDS = 3600


def before_save(image):
    """
    Strip a new file's metadata (without decoding it) and note what the
    worker must do once the image is saved (``after_save``).
    """
    new_file = not getattr(image.file, "_committed", True)
    original = strip_metadata(image) if new_file else False
    specs = set(ADMIN_SPECS) if new_file else set()
    if image.pk and (new_file or _focal_point_changed(image)):
        # The renditions pages show, made anew for the new file or crop.
        specs |= set(
            image.renditions.filter(filter_spec__in=PRESET_SPECS).values_list(
                "filter_spec", flat=True
            )
        )
    image._thankyou_work = (original, specs, new_file)


def after_save(image, created):
    original, specs, new_file = image.__dict__.pop("_thankyou_work", (False, set(), False))
    if new_file and not created:
        # The renditions of the old file go now (Wagtail's form deletes them
        # too, later): the worker must not find them and skip its work.
        image.renditions.all().delete()
        _new_generations(image)
    if original or specs:
        request(image, specs, original=original)


def _focal_point_changed(image):
    fields = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")
    stored = type(image).objects.filter(pk=image.pk).values_list(*fields).first()
    return stored is not None and stored != tuple(getattr(image, f) for f in fields)


def request(image, specs=(), original=False):
    """Leave work on the image to the worker, which is asked once the transaction commits."""
    specs = sorted(set(specs))
    waiting = ImageWork.objects.filter(image=image, lease__isnull=True).values_list("specs")
    if not original and any(set(specs) <= set(row) for (row,) in waiting):
        return  # asked already (a preview shown again)
    ImageWork.objects.create(image=image, specs=specs, original=original)
    transaction.on_commit(kick)


def kick(run_after=None):
    """Ask for a task to drive the rows (now, or at ``run_after``), unless one is waiting."""
    if run_after is None and queued():
        return  # it will find these rows too
    try:
        (process_images.using(run_after=run_after) if run_after else process_images).enqueue()
    except Exception as exc:  # the rows stay due; the periodic job asks again
        logger.warning("could not enqueue image work: %s", type(exc).__name__)


def queued():
    """Whether a task to drive the rows waits for a worker, not begun."""
    return DBTaskResult.objects.filter(
        task_path=process_images.module_path, status=TaskResultStatus.READY
    ).exists()


@task()
def process_images():
    """Do every image's work that is due; the rows hold all of it."""
    _lower_priority()
    return drive()


def has_due():
    return _due(timezone.now()).exists()


def _due(now):
    return ImageWork.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now), next_attempt_at__lte=now
    )


def claim(now=None):
    """Lease every free row of the next image with work due; return (image id, lease) or None."""
    now = now or timezone.now()
    busy = ImageWork.objects.filter(lease_until__gte=now).values("image_id")
    due = _due(now).exclude(image_id__in=busy).order_by("next_attempt_at", "pk")
    for image_id in due.values_list("image_id", flat=True)[:20]:
        lease = uuid.uuid4()
        claimed = (
            ImageWork.objects.filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
            .filter(image_id=image_id)
            .update(
                lease=lease,
                lease_until=now + timedelta(seconds=settings.THANKYOU["IMAGE_WORK_LEASE_SECONDS"]),
                attempts=F("attempts") + 1,
            )
        )
        if claimed:
            return image_id, lease
    return None


def drive(limit=100):
    """Work on images whose work is due until none is (or ``limit`` were done); return how many."""
    done = 0
    while done < limit:
        claimed = claim()
        if claimed is None:
            break
        work(*claimed)
        done += 1
    return done


def work(image_id, lease):
    """Do the leased rows of an image: its original first, then its renditions."""
    rows = ImageWork.objects.filter(image_id=image_id, lease=lease)
    jobs = list(rows)
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None or not jobs:
        return
    try:
        if any(job.original for job in jobs):
            finish_original(image)
        for spec in sorted({spec for job in jobs for spec in job.specs}):
            image.get_rendition(spec)  # one at a time: one decoded copy in memory
    except Exception as exc:  # a file no decoder reads must not stop the others
        _retry(image_id, lease, jobs, exc)
        return
    rows.delete()
    _new_generations(image)


def _retry(image_id, lease, jobs, exc):
    attempts = max(job.attempts for job in jobs)
    logger.warning("image %s: work failed (attempt %s): %r", image_id, attempts, exc)
    delay = min(30 * 2 ** (attempts - 1), RETRY_MAX_SECONDS)
    next_at = timezone.now() + timedelta(seconds=delay)
    ImageWork.objects.filter(image_id=image_id, lease=lease).update(
        lease=None, lease_until=None, next_attempt_at=next_at, last_error=repr(exc)[:300]
    )
    kick(next_at)


def _new_generations(image):
    """Have the pages of the shops that may show the image rendered anew."""
    for key in shops_showing(image).values_list("key", flat=True):
        caching.new_generation(key)


def _lower_priority():
    """Let the web server have the CPU first (for the rest of the worker process's life)."""
    current = os.nice(0)
    if current < NICENESS:
        os.nice(NICENESS - current)
    # Linux weighs a session's processes together against other sessions
    # (autogroups), so a nice value counts only within the session: a worker
    # leading a session of its own (a service) lowers its session's too.
    if os.getsid(0) != os.getpid():
        return
    try:
        with open("/proc/self/autogroup", "w") as autogroup:
            autogroup.write(str(NICENESS))
    except OSError:
        pass  # not Linux, or no autogroups


def request_renditions(*stream_values):
    """
    Ask the background worker for the renditions the blocks of these
    StreamField values need and lack; return the images left waiting.
    """
    wanted = {}
    for stream_value in stream_values:
        for child in stream_value:
            for image, preset in images_in(child.block, child.value):
                wanted.setdefault(image.pk, (image, set()))[1].update(PRESETS[preset].all_filters)
    waiting = []
    for image, filters in wanted.values():
        found = image.find_existing_renditions(*filters)
        missing = [f.spec for f in filters if f not in found]
        if missing:
            request(image, missing)
            waiting.append(image)
    return waiting
