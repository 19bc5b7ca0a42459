"""Image work left to the background worker, as rows: a killed worker loses none of it."""

from django.db import models
from django.utils import timezone
from wagtail.images import get_image_model_string


class ImageWork(models.Model):
    """
    Work on one image: finish its original (turn it upright, strip what only
    a decode strips), then make renditions. Leased while a worker does it;
    deleted when done.
    """

    image = models.ForeignKey(get_image_model_string(), on_delete=models.CASCADE, related_name="+")
    original = models.BooleanField(default=False)
    specs = models.JSONField(default=list)  # rendition filter specs
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease = models.UUIDField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["next_attempt_at"], name="image_work_due")]

    def __str__(self):
        return f"image {self.image_id}: {'original, ' if self.original else ''}{self.specs}"
