"""The stable embed URL shops put in their script tag: /embed/v1.js."""

import hashlib
from functools import cache

from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print
from django.http import HttpResponse
from django.views.decorators.http import condition, require_GET

from .blocks.base import read_static

SCRIPT = "thankyou/embed/embed.js"


@cache
def _script():
    text = minify(read_static(SCRIPT)).encode()
    return text, '"' + hashlib.sha256(text).hexdigest()[:16] + '"'


def minify(source):
    """
    Minify our own script: no comments or spaces, short local names.

    Every byte counts (the shop's page loads it on every order), and the
    source stays readable in the repository. Property names are kept, so the
    public API (thankyou.render, behave, track) is unchanged.
    """
    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False) + "\n"


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
