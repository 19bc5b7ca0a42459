from django.apps import AppConfig


class ServerConfig(AppConfig):
    """The project itself: the checks a deployment must pass (cms/startup.py)."""

    name = "cms"
    verbose_name = "Server"

    def ready(self):
        from cms import startup  # noqa: F401  (register system checks)
