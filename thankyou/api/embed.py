"""The stable embed URL shops put in their script tag: /embed/v1.js."""

import hashlib
from functools import cache

from django.http import HttpResponse
from django.views.decorators.http import condition, require_GET

from thankyou.blocks.styles import read_static
from thankyou.core.minify import minify

SCRIPT = "thankyou/embed/embed.js"


@cache
def _script():
    text = minify(read_static(SCRIPT)).encode()
    return text, '"' + hashlib.sha256(text).hexdigest()[:16] + '"'


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
