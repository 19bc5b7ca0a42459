"""What a server process checks before it takes requests, and `check --deploy` too."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

NO_KEY = (
    "SECRET_KEY is not set (or is a development key): set a long random one, "
    "the same on every host, before serving with DEBUG off."
)


def uses_development_key():
    """
    Whether the server signs with a development key: the default one is in
    this repository, and action tokens, signed links and order hashes derive
    from the key, so anyone could forge answers.
    """
    return settings.SECRET_KEY.startswith("django-insecure-")


def refuse_development_key():
    """Serve with DEBUG off only under the operator's own SECRET_KEY."""
    if not settings.DEBUG and uses_development_key():
        raise ImproperlyConfigured(NO_KEY)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs=None, **kwargs):
    """An error, not Django's warning: a deployment must not pass with the development key."""
    if uses_development_key():
        return [checks.Error(NO_KEY, id="cms.E001")]
    return []
