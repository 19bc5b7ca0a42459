from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThankYouConfig(AppConfig):
    name = "thankyou"
    verbose_name = _("Thank-you pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect signals; the admin's form field for StreamFields.
        from . import cors, signal_handlers, stream_forms  # noqa: F401
        from .blocks import checks  # noqa: F401  (register system checks)
