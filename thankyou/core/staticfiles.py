"""Static files storage that ships block scripts minified."""

import logging
from fnmatch import fnmatch

from calmjs.parse.exceptions import ECMASyntaxError
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

from thankyou.core.minify import minify

MINIFIED = "thankyou/blocks/*.js"

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's storage; block scripts are minified as they are collected.

    Designers write readable scripts; the hashed, compressed copies a shop's
    page loads are the minified ones."""

    def _save(self, name, content):
        if fnmatch(name, MINIFIED):
            source = b"".join(content.chunks()).decode()  # chunks() reads from the start
            try:
                content = ContentFile(minify(source).encode())
            except ECMASyntaxError as exc:
                # Newer syntax than ES5: ship it as written rather than fail.
                logger.warning("%s is shipped unminified: %s", name, exc)
                content = ContentFile(source.encode())
        return super()._save(name, content)
