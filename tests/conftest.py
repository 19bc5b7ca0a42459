import json
import os
import shutil
import signal
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread
from django.utils import timezone

from thankyou.core import caching
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.media import work as image_work
from thankyou.pages.models import ShopRootPage, ThankYouPage


def make_claims(shop, **overrides):
    now = int(time.time())
    claims = {
        "iss": shop.key,
        "aud": "thankyou",
        "iat": now,
        "exp": now + 3600,
        "locale": "de-DE",
        "order": {
            "id": "A-1001",
            "number": "1001",
            "created_at": "2026-11-25T10:15:00+01:00",
            "currency": "EUR",
            "total": "49.90",
            "items": [
                {
                    "sku": "ESP-1",
                    "name": "Espresso",
                    "category": "coffee",
                    "quantity": 2,
                    "price": "14.90",
                }
            ],
            "shipping": {"country": "DE", "method": "DHL"},
        },
        "customer": {
            "id": "c-1",
            "first_name": "Anna",
            "email": "anna@example.com",
            "is_guest": False,
            "newsletter": False,
            "orders_count": 1,
            "total_spent": "49.90",
        },
    }
    claims.update(overrides)
    return claims


class Clock:
    """
    The time the code under test reads, moved only by the test: ``time.time()``
    and Django's ``timezone.now()`` (not field defaults, which hold the
    original function, nor the monotonic clock).
    """

    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now

    def datetime(self):
        return datetime.fromtimestamp(self.now, tz=UTC)

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    """Stop the clock at the current second; the test moves it with advance()."""
    frozen = Clock(float(int(time.time())))
    monkeypatch.setattr(time, "time", frozen.time)
    monkeypatch.setattr(timezone, "now", frozen.datetime)
    return frozen


def wait_until(condition, timeout=10, message="the condition never held"):
    """
    Poll `condition` until it returns something true, and return that; fail
    after `timeout` seconds. For what no event announces: rows another
    process writes, processes appearing or ending.
    """
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, message
        time.sleep(0.05)
    return result


# Every process the suite starts inherits this mark in its environment, so that
# the end of the run finds those still running, wherever they were reparented.
RUN_MARK = "THANKYOU_TEST_RUN"


def pytest_sessionstart(session):
    os.environ[RUN_MARK] = uuid.uuid4().hex


def marked_processes():
    """The pids of running processes this test run started (Linux's /proc)."""
    mark = f"{RUN_MARK}={os.environ[RUN_MARK]}".encode()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            marked = mark in (proc / "environ").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile, or not ours
            continue
        if marked and int(proc.name) != os.getpid():
            found.append(int(proc.name))
    return found


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if it leaves processes behind (then stop them)."""
    if RUN_MARK not in os.environ or not Path("/proc").is_dir():
        return
    try:  # those being stopped get a moment to end
        wait_until(lambda: not marked_processes(), 10)
    except AssertionError:
        pass
    else:
        return
    lines = []
    for pid in marked_processes():
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            os.kill(pid, signal.SIGKILL)
        except OSError:
            continue
        lines.append(f"  {pid}: {command.strip()}")
    if lines:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write("\n")
        reporter.write_line("The tests left processes running (now stopped):", red=True)
        for line in lines:
            reporter.write_line(line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches, shared and in-process (Wagtail caches
    renditions by id)."""
    cache.clear()
    caching.forget_local()


@pytest.fixture
def make_shop(db):
    def make(key="acme", **fields):
        fields.setdefault("name", key.title())
        fields.setdefault("allowed_origins", f"https://{key}.example")
        return Shop.objects.create(key=key, **fields)

    return make


@pytest.fixture
def shop(make_shop):
    return make_shop("acme")


@pytest.fixture
def make_page():
    def make(shop, body=None, language=None, title="Thanks", publish=True, worker=True, **fields):
        root = ShopRootPage.objects.get(
            shop=shop, locale__language_code=language or shop.default_locale
        )
        page = root.add_child(
            instance=ThankYouPage(
                title=title,
                live=publish,
                body=body
                if body is not None
                else [("heading", {"text": f"Thank you from {shop.name}", "subtitle": ""})],
                **fields,
            )
        )
        if publish:
            page.save_revision().publish()
            if worker:  # makes the renditions, as the task worker does seconds after
                image_work.drive()
            page.refresh_from_db()
        return page

    return make


@pytest.fixture
def page(shop, make_page):
    return make_page(shop)


@pytest.fixture
def token_for():
    def sign(shop, secret=None, **overrides):
        return sign_claims(shop, make_claims(shop, **overrides), secret)

    return sign


@pytest.fixture
def api():
    """Post to the public API as a browser would (text/plain, no cookies)."""

    class API(Client):
        def render(self, body, content_type="text/plain", **headers):
            data = body if isinstance(body, str | bytes) else json.dumps(body)
            return self.post("/api/v1/render", data=data, content_type=content_type, **headers)

    return API()


@pytest.fixture
def act(api, django_capture_on_commit_callbacks):
    """Post a customer's answer on a block, as the embed script does (text/plain),
    to /api/v1/actions, or to the alias of a ``kind`` (/api/v1/actions/quiz).

    The test's transaction never commits, so run what waits for the commit."""

    def post(kind, action_token, block, content_type="text/plain", headers=None, **fields):
        body = json.dumps({"action_token": action_token, "block": block, **fields})
        with django_capture_on_commit_callbacks(execute=True):
            return api.post(
                f"/api/v1/actions/{kind}" if kind else "/api/v1/actions",
                data=body,
                content_type=content_type,
                **(headers or {}),
            )

    return post


@pytest.fixture(scope="session")
def chromium_path():
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path:
        pytest.fail("Browser tests need Debian's chromium package (apt install chromium).")
    return path


@pytest.fixture
def browser(chromium_path, monkeypatch):
    """
    A Chromium of this test's own.

    Per test, not per session: while Playwright's event loop runs, Django uses
    another database connection, which breaks the restore between
    transactional tests.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop vs the ORM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                # Fake shops on public origins call our test server on loopback;
                # in production our server is public, so these checks never apply.
                "--disable-features=LocalNetworkAccessChecks,"
                "PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults",
            ],
        )
        yield browser
        browser.close()
        # Under Playwright's loop the ORM had a connection of its own (see
        # above); left open, it keeps PostgreSQL's test database from being dropped.
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block:
                connection.close()


def logged_in(browser, server, group):
    """A browser tab of a user of this group, logged in to the admin."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("someone", password="pw-12345-long")
    user.groups.add(group)
    page = browser.new_page()
    page.goto(f"{server}/cms/login/")
    page.fill("input[name=username]", "someone")
    page.fill("input[name=password]", "pw-12345-long")
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{server}/cms/")
    return page


class CollectedFinder(BaseFinder):
    """Find the collected copies too, by their hashed names: the admin's
    script and stylesheet links an earlier test had Wagtail keep."""

    def find(self, path, find_all=False, **kwargs):
        found = Path(settings.STATIC_ROOT) / path
        found = [str(found)] if found.is_file() else []
        return found if find_all else next(iter(found), None)

    def list(self, ignore_patterns):
        return []


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """
    Run one request's view at a time; the connections stay threaded.

    On SQLite every server thread shares the test's in-memory connection, and
    two requests using it at once (a page's lazy frames, say) fail with
    "bad parameter or other API misuse". PostgreSQL gives each thread its own.
    """

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def _live_server_on_sqlite():
    if connections["default"].vendor == "sqlite":
        LiveServerThread.server_class = OneRequestAtATimeServer


@pytest.fixture
def server(live_server, settings):
    """The live server's URL; absolute URLs point there, static files by plain names."""
    settings.PUBLIC_URL = live_server.url
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATICFILES_FINDERS = [*settings.STATICFILES_FINDERS, "tests.conftest.CollectedFinder"]
    return live_server.url


@pytest.fixture
def rendered(api, make_page, token_for):
    """
    Publish a page with these blocks and return the render response's JSON.

    The page offers all its calls to action (the first shown, the others
    waiting their turn), so each block is in the response and the action
    token; the one-at-a-time rule has tests of its own.
    """

    def render(shop, body, language=None, **claims):
        make_page(shop, body=body, language=language, cta_limit=5)
        response = api.render({"token": token_for(shop, **claims)})
        assert response.status_code == 200, response.content
        return response.json()

    return render


@pytest.fixture
def image(db):
    from thankyou.blocks.samples import sample_image

    return sample_image("scoop")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


def login(*groups, superuser=False, username="someone", language=None):
    """A client logged in as a new user in these groups (the admin in this language)."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, password="correct-horse-battery-9")
    user.is_superuser = superuser
    user.save()
    user.groups.add(*groups)
    if language:
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client = Client()
    client.force_login(user)
    return client


def send_events(api, token_for, shop, order_id, events, total="49.90", **order):
    """
    Render the shop's page for an order (its claims as given) and send events
    for it, each given as (type, index of the block in the render or None,
    extra fields); return the render.
    """
    claims = make_claims(shop)
    claims["order"] = {**claims["order"], "id": order_id, "total": total, **order}
    render = api.render({"token": token_for(shop, **claims)}).json()
    blocks = [block["id"] for block in render["blocks"]]
    batch = [
        {"type": kind, **({"block": blocks[index]} if index is not None else {}), **extra}
        for kind, index, extra in events
    ]
    response = api.post(
        "/api/v1/events",
        data=json.dumps({"action_token": render["action_token"], "events": batch}),
        content_type="text/plain",
    )
    assert response.status_code == 200, response.content
    return render


@contextmanager
def registered_block(name, block):
    """A designer's block type, registered while the context lasts."""
    from wagtail import hooks

    field = ThankYouPage._meta.get_field("body")
    with hooks.register_temporarily("register_thankyou_blocks", lambda: [(name, block)]):
        field.__dict__.pop("stream_block", None)  # the body's block types, read anew
        try:
            yield
        finally:
            field.__dict__.pop("stream_block", None)


def page_edit_form(body, **fields):
    """The page editor's form data for a page with these blocks (streamfield pairs)."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    return nested_form_data(
        {
            "title": "Thanks",
            "slug": "thanks",
            "priority": 50,
            "cta_limit": 1,
            "variants": inline_formset([]),
            "body": streamfield(body),
            **fields,
        }
    )


@pytest.fixture
def dns(monkeypatch):
    """
    Host names that resolve as this dict says (the tests have no DNS of
    their own): ``dns["crm.example"] = "93.184.216.34"``; others as usual.
    """
    names = {}
    getaddrinfo = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        return getaddrinfo(names.get(host, host), port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return names
