"""What a server process checks before it takes requests."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_development_key():
    """
    Serve with DEBUG off only under the operator's own SECRET_KEY: the
    development key is in this repository, and action tokens, signed links
    and order hashes derive from the key, so anyone could forge answers.
    """
    if not settings.DEBUG and settings.SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set (or is a development key): set a long random one, "
            "the same on every host, before serving with DEBUG off."
        )
