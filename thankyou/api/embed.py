"""
The stable embed URLs: /embed/v1.js, the script shops put in their tag;
/embed/v1.mjs, the same as an ES module; /embed/loader.js, the loader shops
copy to their own site, which imports the module.
"""

import hashlib
from functools import cache

from django.http import HttpResponse
from django.views.decorators.http import condition, require_GET

from thankyou.blocks.styles import read_static
from thankyou.core.minify import minify

SCRIPT = "thankyou/embed/embed.js"
LOADER = "thankyou/embed/loader.js"
MODULE = "module"
# Imported, the script has no tag of its own: its URL tells where our server
# is, and there are no attributes to read. integrations/npm/build.mjs does the same.
TAG = "d.currentScript"
MODULE_TAG = (
    "var thankyouTag = {src: import.meta.url, dataset: {}, getAttribute: function () {}};\n"
)


@cache
def _script(path):
    """The script's text and ETag; the loader stays as written, to be read and copied."""
    if path == MODULE:
        source = read_static(SCRIPT)
        if source.count(TAG) != 1:
            raise RuntimeError(f"{SCRIPT} must read its tag once, as {TAG}")
        text = MODULE_TAG + minify(source.replace(TAG, "thankyouTag"))
    else:
        text = read_static(path)
        text = minify(text) if path == SCRIPT else text
    text = text.encode()
    return text, '"' + hashlib.sha256(text).hexdigest()[:16] + '"'


def _response(path):
    body, _etag = _script(path)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300, stale-while-revalidate=86400"
    # Loaded from shops' origins, also as a module (import() asks with CORS).
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_GET
@condition(etag_func=lambda request: _script(SCRIPT)[1])
def embed_script(request):
    """Serve the current embed script; shops never edit their tag on releases."""
    return _response(SCRIPT)


@require_GET
@condition(etag_func=lambda request: _script(LOADER)[1])
def embed_loader(request):
    """Serve the loader, for shops to copy to their own site (docs/integrating.md)."""
    return _response(LOADER)


@require_GET
@condition(etag_func=lambda request: _script(MODULE)[1])
def embed_module(request):
    """Serve the embed script as an ES module, for the loader's import()."""
    return _response(MODULE)
