from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThankYouConfig(AppConfig):
    name = "thankyou"
    verbose_name = _("Thank-you pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the signal handlers and register the system checks.
        from thankyou.admin import stream_forms  # noqa: F401
        from thankyou.api import cors  # noqa: F401
        from thankyou.blocks import checks  # noqa: F401
        from thankyou.core import signal_handlers as core  # noqa: F401
        from thankyou.media import signal_handlers as media  # noqa: F401
        from thankyou.media import uploads  # noqa: F401  (image sizes read from headers)
        from thankyou.pages import hosted  # noqa: F401  (expiry and erasure)
        from thankyou.pages import signal_handlers as pages  # noqa: F401
        from thankyou.targeting import signal_handlers as targeting  # noqa: F401
