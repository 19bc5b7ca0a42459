from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThankYouConfig(AppConfig):
    name = "thankyou"
    verbose_name = _("Thank-you pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect signals; read image sizes from headers.
        from . import cors, image_uploads, signal_handlers  # noqa: F401
        from .blocks import checks  # noqa: F401  (register system checks)
