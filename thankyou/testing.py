"""
Pytest fixtures for testing blocks, loaded into every pytest run of this
environment (the ``pytest11`` entry point in pyproject.toml), for this
project's tests and for designers' apps alike.

Fixtures: ``shop`` and ``make_shop``; ``make_page`` (a published page of a
shop with given blocks) and ``page``; ``token_for`` (a signed order context,
claims from ``make_claims``); ``api`` (posts to the public API as the embed
script does); ``rendered`` (publish a page with these blocks and return the
render response); ``act`` (answer a block); ``clock``; ``image``. Each test
starts with empty caches and writes media to a temporary folder.

Static files not collected (a new block's, or all before a collectstatic
run) get URLs of their plain names, so a block's tests need no collectstatic. ``pytest``
without arguments also collects the ``tests/`` folders of the installed apps
in the project (a designer's block apps).
"""

import json
import site
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from thankyou.core.staticfiles import StaticFilesStorage as CollectedStorage


class StaticFilesStorage(CollectedStorage):
    """
    The server's storage, naming a file that is not collected (a block added
    since the last collectstatic, or none ever run) by its plain name.
    """

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    from django.conf import settings

    if not settings.configured:
        return
    _static_without_collectstatic(settings)
    if config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        config.args.extend(str(path) for path in app_tests(config.args))


def _static_without_collectstatic(settings):
    from django.test import override_settings

    backend = settings.STORAGES.get("staticfiles", {}).get("BACKEND")
    if backend == "thankyou.core.staticfiles.StaticFilesStorage":
        static = {"BACKEND": "thankyou.testing.StaticFilesStorage"}
        # For the whole run; the change resets the storages already made.
        override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}).enable()


def app_tests(collected=()):
    """
    The ``tests/`` folders of installed apps of the project (not of installed
    packages: Django's, Wagtail's) that ``collected`` does not cover.
    """
    from django.apps import apps

    installed = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, *site.getsitepackages())}
    covered = [Path(arg).resolve() for arg in collected]
    found = []
    for app in apps.get_app_configs():
        tests = Path(app.path).resolve() / "tests"
        if tests.is_dir() and not any(
            tests.is_relative_to(path) for path in (*installed, *covered)
        ):
            found.append(tests)
    return found


def make_claims(shop, **overrides):
    """An order context as a shop's backend signs it; top-level claims replaced by ``overrides``."""
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
    from django.utils import timezone

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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches, shared and in-process (Wagtail caches
    renditions by id)."""
    from django.core.cache import cache

    from thankyou.core import caching

    cache.clear()
    caching.forget_local()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture
def make_shop(db):
    """make_shop(key, **fields): a shop with a root page per language and a signing secret."""
    from thankyou.core.models import Shop

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
    """make_page(shop, body=[(type, value), ...]): a published thank-you page."""
    from thankyou.media import work as image_work
    from thankyou.pages.models import ShopRootPage, ThankYouPage

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
    """token_for(shop, **claims): the order context signed with the shop's newest secret."""
    from thankyou.core.signing import sign_claims

    def sign(shop, secret=None, **overrides):
        return sign_claims(shop, make_claims(shop, **overrides), secret)

    return sign


@pytest.fixture
def api():
    """Post to the public API as a browser would (text/plain, no cookies)."""
    from django.test import Client

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


@pytest.fixture
def rendered(api, make_page, token_for):
    """
    rendered(shop, body, **claims): publish a page with these blocks and
    return the render response's JSON for an order (``make_claims``).

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


@contextmanager
def registered_block(name, block):
    """A block type registered while the context lasts (one not in INSTALLED_APPS)."""
    from wagtail import hooks

    from thankyou.pages.models import ThankYouPage

    field = ThankYouPage._meta.get_field("body")
    with hooks.register_temporarily("register_thankyou_blocks", lambda: [(name, block)]):
        field.__dict__.pop("stream_block", None)  # the body's block types, read anew
        try:
            yield
        finally:
            field.__dict__.pop("stream_block", None)
