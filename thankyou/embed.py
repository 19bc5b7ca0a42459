"""The stable embed URL shops put in their script tag: /embed/v1.js."""

import hashlib
import re
from functools import cache

from django.http import HttpResponse
from django.views.decorators.http import condition, require_GET

from .blocks.base import read_static

SCRIPT = "thankyou/embed/embed.js"


@cache
def _script():
    text = compact(read_static(SCRIPT)).encode()
    return text, '"' + hashlib.sha256(text).hexdigest()[:16] + '"'


def compact(source):
    """
    Drop comments, indentation and blank lines from our own script.

    Enough for our code (no comment markers inside strings, statements end
    with semicolons); the source stays readable in the repository.
    """
    source = re.sub(r"/\*(?!!).*?\*/", "", source, flags=re.DOTALL)
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


@require_GET
@condition(etag_func=lambda request: _script()[1])
def embed_script(request):
    """Serve the current embed script; shops never edit their tag on releases."""
    body, _etag = _script()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300, stale-while-revalidate=86400"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
