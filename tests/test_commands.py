"""Management commands a shop developer and an operator use."""

import json
import os
import signal
import subprocess
import urllib.request
from contextlib import suppress
from pathlib import Path

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from thankyou.core.context import verify_order_token
from thankyou.core.models import Shop
from thankyou.pages.models import ThankYouPage
from thankyou.webhooks.models import WebhookSubscription

pytestmark = pytest.mark.django_db


def test_sign_context_prints_a_token_that_verifies(shop, tmp_path, capsys):
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps({"locale": "en-GB", "order": {"id": "42", "total": "9.99"}}))
    call_command("sign_context", str(claims), shop=shop.key)
    token = capsys.readouterr().out.strip()
    context = verify_order_token(token)
    assert context.shop == shop
    assert context.order.id == "42"
    assert jwt.get_unverified_header(token)["kid"] == shop.secrets.get().kid
    payload = jwt.decode(token, options={"verify_signature": False})
    assert payload["exp"] - payload["iat"] == 3600


def test_sign_context_explains_bad_input(shop, tmp_path):
    with pytest.raises(CommandError, match="No shop"):
        call_command("sign_context", "x.json", shop="missing")
    bad = tmp_path / "bad.json"
    bad.write_text("[1]")
    with pytest.raises(CommandError, match="JSON object"):
        call_command("sign_context", str(bad), shop=shop.key)
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("sign_context", str(tmp_path / "none.json"), shop=shop.key)
    other_shop = tmp_path / "other.json"
    other_shop.write_text(json.dumps({"iss": "demo", "order": {"id": "1"}}))
    with pytest.raises(CommandError, match="name the shop 'demo'"):
        call_command("sign_context", str(other_shop), shop=shop.key)


def test_sign_context_warns_of_claims_the_server_refuses(shop, tmp_path, capsys):
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps({"order": {"id": "42", "total": 12.5}}))
    call_command("sign_context", str(claims), shop=shop.key)
    output = capsys.readouterr()
    assert output.out.count(".") == 2  # still a token, to try the error with
    assert "order.total" in output.err


def test_seed_demo_is_idempotent_and_prints_logins(capsys):
    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    shop = Shop.objects.get(key="demo")
    assert Shop.objects.count() == 1
    assert shop.secrets.count() == 1
    assert {p.locale.language_code for p in ThankYouPage.objects.filter(shop=shop).live()} == {
        "de",
        "en",
    }
    # A default page and a page for VIPs, in each language.
    assert ThankYouPage.objects.filter(shop=shop).count() == 4
    assert shop.secrets.get().secret in first
    assert "editor / " in first and "owner / " in first
    # Named: the account form (where the admin language is chosen) requires a first name.
    editor = get_user_model().objects.get(username="editor")
    assert editor.first_name and editor.last_name


def test_seeding_again_keeps_what_editors_changed(capsys):
    call_command("seed_demo", verbosity=0)
    shop = Shop.objects.get(key="demo")
    page = ThankYouPage.objects.get(shop=shop, segment=None, locale__language_code="de")
    page.body = [("heading", {"text": "Unsere eigene Seite", "subtitle": ""})]
    page.save_revision(user=get_user_model().objects.get(username="editor")).publish()
    subscription = WebhookSubscription.objects.get(shop=shop)
    subscription.events = ["rating.answered"]  # a designer's block's answers
    subscription.save()

    call_command("seed_demo", verbosity=0)  # as each make run does
    page.refresh_from_db()
    assert [block.value["text"] for block in page.body] == ["Unsere eigene Seite"]
    subscription.refresh_from_db()
    assert "rating.answered" in subscription.events and "quiz.answered" in subscription.events


def test_seed_demo_points_at_the_address_it_serves_on(capsys, settings):
    settings.PUBLIC_URL = "http://127.0.0.1:8001"
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8001/demo/" in out and "http://127.0.0.1:8001/cms/" in out
    assert ":8000" not in out


def test_demo_page_embeds_a_signed_token_per_persona(client):
    call_command("seed_demo", verbosity=0)
    tokens = set()
    for persona in ("guest", "returning", "vip"):
        html = client.get("/demo/", {"customer": persona, "lang": "en"}).content.decode()
        token = html.split('data-token="')[1].split('"')[0]
        context = verify_order_token(token)
        tokens.add(token)
        assert context.language == "en"
        assert context.customer.is_guest is (persona == "guest")
    assert len(tokens) == 3


def test_preview_shows_the_page_as_each_persona(client, admin_user, shop, page):
    client.force_login(admin_user)
    url = f"/cms/pages/{page.pk}/edit/preview/"
    form = nested_form_data(
        {
            "title": "Thanks",
            "slug": "thanks",
            "body": streamfield(
                [
                    (
                        "heading",
                        {
                            "text": "Draft heading <b>",
                            "subtitle": "",
                            "target_segments": {"count": 0},
                        },
                    )
                ]
            ),
            "priority": 50,
            "cta_limit": 1,
            "variants": inline_formset([]),
        }
    )
    assert client.post(url, form).json()["is_valid"]
    for mode in ("guest", "returning", "vip"):
        response = client.get(url, {"mode": mode})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'shadowrootmode="open"' in html
        assert "Draft heading &lt;b&gt;" in html, "the unsaved draft is previewed"


def test_no_migration_is_missing():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def processes():
    """(pid, parent's pid, session id, command line) of each running process (Linux's /proc)."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            yield int(proc.name), int(stat[1]), int(stat[3]), (proc / "cmdline").read_text()
        except (OSError, ValueError, IndexError):  # gone meanwhile
            continue


def children(parent, command):
    """The pids of the parent's child processes running this command."""
    return [pid for pid, ppid, _sid, line in processes() if ppid == parent and command in line]


def in_session(session):
    """The pids of the processes in this session (those it started, even when orphaned)."""
    return [pid for pid, _ppid, sid, _line in processes() if sid == session]


def test_devserver_says_serving_only_once_it_answers_and_restarts_a_crashed_worker(tmp_path):
    from tests.conftest import wait_until
    from tests.production_server import PYTHON, ROOT, free_port

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    migrate = [PYTHON, "manage.py", "migrate", "-v0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)  # noqa: S603  (our own code)
    addr = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(  # noqa: S603  (our own interpreter and code)
        [PYTHON, "manage.py", "devserver", "--addr", addr],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # all it starts, in a session of its own to check and stop
    )
    try:
        assert server.stdout.readline().startswith(f"Starting http://{addr}/")
        while f"Serving http://{addr}/" not in server.stdout.readline():  # runserver's own lines
            assert server.poll() is None
        with urllib.request.urlopen(f"http://{addr}/healthz", timeout=2) as response:
            assert response.status == 200  # at once: no "connection refused" after "Serving"

        # A worker that crashes (a designer's broken file) is started again; the web stays.
        # With DEBUG, the process devserver starts is Django's autoreloader; the
        # worker is its child, and a crash there ends the reloader too.
        [reloader] = children(server.pid, "db_worker")
        [worker] = wait_until(lambda: children(reloader, "db_worker"), 20, "no worker started")
        os.kill(worker, signal.SIGKILL)

        def started_again():
            assert server.poll() is None, "devserver stopped"
            return [pid for pid in children(server.pid, "db_worker") if pid != reloader]

        wait_until(started_again, 20, "the worker was not started again")
        with urllib.request.urlopen(f"http://{addr}/healthz", timeout=2) as response:
            assert response.status == 200
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
            # Ctrl-C stops all it started: nothing of its session outlives it.
            wait_until(lambda: not in_session(server.pid), 10, "devserver left processes")
        finally:
            for pid in in_session(server.pid):
                with suppress(ProcessLookupError):  # ended meanwhile
                    os.kill(pid, signal.SIGKILL)
