from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo shop: a fake order-confirmation page, its content and its webhook receiver."""

    name = "thankyou_demo"
    verbose_name = _("Demo shop")

    def ready(self):
        from thankyou_demo import receiver  # noqa: F401  (connect its privacy handlers)
