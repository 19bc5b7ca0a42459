import json
import os
import shutil
import signal
import socket
import threading
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread

from thankyou.testing import make_claims, registered_block, wait_until

# The fixtures every block's tests use (shop, make_page, token_for, api,
# rendered, clock...) are in thankyou.testing, loaded as a pytest plugin;
# these are the project's own. Tests import the helpers from either.
__all__ = ["make_claims", "registered_block", "wait_until"]


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
