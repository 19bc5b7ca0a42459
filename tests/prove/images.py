"""
`make prove CHECKS=editor_images`: editors' image work does not stall customers.

Renders run at saturation twice, for PROVE_IMAGES_SECONDS (45) each: first
alone, then while an editor of the demo shop uploads two of the largest
images accepted (25 megapixels, RGBA PNG with a text chunk) and one with
121 megapixels (refused), at once, and publishes a page showing the two.
The task worker (started here, as production runs one beside gunicorn)
makes their renditions meanwhile. Asserted: the render p99 with uploads
stays within twice the p99 without; no render fails or takes longer than
the embed waits (4 s); the uploads and the publish answer within 10 s
(queueing behind the renders); the originals lost their text chunk; the page
shows the images' renditions once the worker made them (it yields the CPU
to the web server: under saturating load that is after the load). wrk
leaves renders it gave up on out of its percentiles: with none given up
on, the p99 covers every render.
"""

import http.cookiejar
import json
import os
import re
import struct
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zlib

from tests.production_server import PYTHON, ROOT, shell, wrk

SECONDS = int(os.environ.get("PROVE_IMAGES_SECONDS", "45"))
EMBED_TIMEOUT = 4  # seconds the embed waits for a render before it gives up
# What the upload and the publish may take under load (they took 45 s and
# 68 s while they decoded images): what is left is queueing behind renders.
EDITOR_SECONDS = 10
# The worker yields the CPU to renders, so under saturation the images come
# once the load ends.
SHOWN_SECONDS = 300
LARGEST = (5000, 5000)  # WAGTAILIMAGES_MAX_IMAGE_PIXELS: 25 million
TOO_LARGE = (11000, 11000)
EDITOR = ("editor", "thankyou-demo")  # seed_demo's login

DEMO = """
import json
from thankyou.models import Shop, ShopRootPage
shop = Shop.objects.get(key="demo")
root = ShopRootPage.objects.get(shop=shop, locale__language_code=shop.default_locale)
print(json.dumps({"collection": shop.collection_id, "root": root.pk}))
"""

STORED = """
import json
from wagtail.images import get_image_model
found = {}
for image in get_image_model().objects.filter(title__startswith=%(prefix)r):
    with image.file.open("rb") as handle:
        data = handle.read()
    found[image.title] = {"id": image.pk, "text_chunks": data.count(b"tEXt")}
print(json.dumps(found))
"""

PAGE = """
from thankyou.models import ThankYouPage
print(ThankYouPage.objects.get(title=%(title)r).pk)
"""

CLEAN_UP = """
from wagtail.images import get_image_model
from thankyou.models import ThankYouPage
for page in ThankYouPage.objects.filter(title__startswith=%(prefix)r):
    page.delete()
get_image_model().objects.filter(title__startswith=%(prefix)r).delete()
"""


def png(width, height, **text):
    """An RGBA PNG with text chunks: a soft gradient, compressed (a small file of many pixels)."""

    def chunk(kind, payload):
        crc = zlib.crc32(kind + payload)
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    compressor = zlib.compressobj(9)
    rows = []
    for y in range(height):
        shade = y * 255 // height
        rows.append(compressor.compress(b"\x00" + bytes((shade, 120, 255 - shade, 255)) * width))
    pixels = b"".join(rows) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    texts = b"".join(chunk(b"tEXt", f"{k}\0{v}".encode()) for k, v in text.items())
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + texts
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


class Editor:
    """A browser of an editor logged in to the admin (cookies and CSRF token)."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )
        self.opener.open(base + "/cms/login/", timeout=30).read()
        username, password = EDITOR
        status, _ = self.post(
            "/cms/login/", {"username": username, "password": password, "next": "/cms/"}
        )
        if status != 302:
            raise RuntimeError(f"the editor could not log in ({status})")

    @property
    def csrf(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def post(self, path, fields, files=()):
        """POST a form (multipart when with files); return (status, body)."""
        fields = {**fields, "csrfmiddlewaretoken": self.csrf}
        if files:
            boundary = uuid.uuid4().hex
            head = '--{}\r\nContent-Disposition: form-data; name="{}"'
            parts = [
                (head.format(boundary, k) + f"\r\n\r\n{v}\r\n").encode() for k, v in fields.items()
            ]
            for name, filename, data in files:
                parts.append(
                    (head.format(boundary, name) + f'; filename="{filename}"\r\n').encode()
                    + b"Content-Type: image/png\r\n\r\n"
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            self.base + path,
            data=body,
            headers={"Content-Type": content_type, "X-CSRFToken": self.csrf},
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def timed(results, name, action):
    start = time.monotonic()
    try:
        status, body = action()
    except Exception as exc:  # reported, not raised: the run goes on
        status, body = None, repr(exc)
    results[name] = {"status": status, "seconds": round(time.monotonic() - start, 3), "body": body}


def page_form(title, image_ids):
    form = {
        "title": title,
        "slug": re.sub(r"\W+", "-", title.lower()),
        "priority": 50,
        "cta_limit": 1,
        "action-publish": "publish",
        "variants-TOTAL_FORMS": 0,
        "variants-INITIAL_FORMS": 0,
        "variants-MIN_NUM_FORMS": 0,
        "variants-MAX_NUM_FORMS": 1000,
        "body-count": len(image_ids),
    }
    for n, image_id in enumerate(image_ids):
        form.update(
            {
                f"body-{n}-type": "image",
                f"body-{n}-value-image": image_id,
                f"body-{n}-value-alt": "Prove",
                f"body-{n}-value-caption": "",
                f"body-{n}-value-target_segments-count": 0,
                f"body-{n}-deleted": "",
                f"body-{n}-order": n,
            }
        )
    return form


def shown(base, token, page_id):
    """The rendition files the page shows (empty while the worker is not done)."""
    request = urllib.request.Request(
        base + "/api/v1/render",
        data=json.dumps({"token": token, "page": page_id}).encode(),
        headers={"Content-Type": "text/plain"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        html = json.loads(response.read())["html"]
    return set(re.findall(r"/media/images/(prove-[^\s\"']+\.webp)", html))


def editor_work(run, editor, prefix, demo, report):
    """Upload at once, then publish a page with the two accepted images; wait for them shown."""
    largest, too_large = png(*LARGEST, Author="Anna Muster"), png(*TOO_LARGE, Comment="x")
    report["files_kb"] = {"largest": len(largest) // 1024, "too_large": len(too_large) // 1024}
    uploads = {}

    def upload(name, data):
        fields = {"title": f"{prefix}{name}", "collection": demo["collection"]}
        files = [("files[]", f"{prefix}{name}.png", data)]
        timed(uploads, name, lambda: editor.post("/cms/images/multiple/add/", fields, files))

    threads = [
        threading.Thread(target=upload, args=args)
        for args in (("a", largest), ("b", largest), ("too-large", too_large))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in uploads.values():
        answer = json.loads(result.pop("body")) if result["status"] == 200 else {}
        result["success"] = answer.get("success", False)
        result["error"] = answer.get("error_message", "")[:160]
    report["uploads"] = uploads
    stored = json.loads(shell(run.env, STORED % {"prefix": prefix}))
    report["stored"] = stored
    ids = [stored[f"{prefix}{name}"]["id"] for name in ("a", "b") if f"{prefix}{name}" in stored]
    publish = {}
    timed(
        publish,
        "publish",
        lambda: editor.post(
            f"/cms/pages/add/thankyou/thankyoupage/{demo['root']}/",
            page_form(f"{prefix}page", ids),
        ),
    )
    result = publish["publish"]
    result.pop("body")
    report["publish"] = result
    if result["status"] != 302:
        return
    report["page"] = int(shell(run.env, PAGE % {"title": f"{prefix}page"}))
    report["published_at"] = time.monotonic()


def wait_shown(run, report):
    """Seconds from the publish until the page shows both images' renditions (or None)."""
    published = report.pop("published_at", None)
    while published and time.monotonic() - published < SHOWN_SECONDS:
        if len(shown(run.base, run.tokens["test_order"], report["page"])) >= 2:
            return round(time.monotonic() - published, 1)
        time.sleep(0.5)
    return None


def check_editor_images(run):
    prefix = f"prove-{int(time.time())}-"
    demo = json.loads(shell(run.env, DEMO))
    render_script = run.load.scripts["render"]
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "--verbosity", "0"],
        cwd=ROOT,
        env=run.env,
        start_new_session=True,
    )
    report = {"seconds": SECONDS}

    def renders():
        return wrk(
            run.base + "/api/v1/render", render_script, seconds=SECONDS, timeout=EMBED_TIMEOUT
        )

    try:
        editor = Editor(run.base)
        for _ in range(2):  # the editor opens the pages first (each worker imports the admin)
            for path in ("/cms/images/multiple/add/", f"/cms/pages/{demo['root']}/"):
                editor.opener.open(run.base + path, timeout=60).read()
        report["without_uploads"] = renders()
        box = {}
        load = threading.Thread(target=lambda: box.update(during=renders()))
        load.start()
        time.sleep(3)
        editor_work(run, editor, prefix, demo, report)
        load.join()
        report["with_uploads"] = box["during"]
        report["shown_after_publish_seconds"] = wait_shown(run, report)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:  # in the midst of an image: its rows wait
            worker.kill()
            worker.wait()
        shell(run.env, CLEAN_UP % {"prefix": prefix})
    base, loaded = report["without_uploads"], report["with_uploads"]
    uploads = report.get("uploads", {})
    stored = report.get("stored", {})
    checks = {
        "p99_within_twice": loaded["p99_ms"] <= 2 * base["p99_ms"],
        "renders_all_2xx": loaded["non_2xx"] == 0 and not loaded["socket_errors"],
        "largest_accepted": all(uploads.get(n, {}).get("success") for n in ("a", "b")),
        "too_large_refused": not uploads.get("too-large", {}).get("success", True)
        and "megapixels" in uploads.get("too-large", {}).get("error", ""),
        "uploads_quick": len(uploads) == 3
        and all(u["seconds"] < EDITOR_SECONDS for u in uploads.values()),
        "originals_stripped": len(stored) == 2
        and all(s["text_chunks"] == 0 for s in stored.values()),
        "publish_quick": report.get("publish", {}).get("status") == 302
        and report["publish"]["seconds"] < EDITOR_SECONDS,
        "images_shown": report["shown_after_publish_seconds"] is not None,
    }
    report["p99_ratio"] = round(loaded["p99_ms"] / base["p99_ms"], 2) if base["p99_ms"] else None
    return {**report, "checks": checks, "ok": all(checks.values())}
