"""
Webhooks out: signed, retried with back-off, exactly one logical delivery per
event (one idempotency key), nothing lost when a worker dies mid-delivery.
Receivers are real HTTP servers on loopback, allowed by the test setting.
"""

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from thankyou.webhooks import outbox, sending
from thankyou.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

ROOT = Path(__file__).resolve().parent.parent

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker process shares the test database on PostgreSQL only",
)


class Receiver:
    """A local HTTP server answering with the given statuses in turn (then 204)."""

    def __init__(self, statuses=(), hold=None):
        self.statuses, self.hold = list(statuses), hold
        self.requests, self.arrived = [], threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                receiver.arrived.set()
                if receiver.hold is not None and len(receiver.requests) == 1:
                    receiver.hold.wait(30)
                status = receiver.statuses.pop(0) if receiver.statuses else 204
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        if self.hold is not None:
            self.hold.set()
        self.server.shutdown()


@pytest.fixture
def loopback(settings):
    settings.THANKYOU = {
        **settings.THANKYOU,
        "WEBHOOKS_ALLOW_LOOPBACK": True,
        "WEBHOOK_RETRY_BASE_SECONDS": 0,
    }
    return settings


@pytest.fixture
def receiver():
    made = []

    def make(*statuses, hold=None):
        made.append(Receiver(statuses, hold))
        return made[-1]

    yield make
    for server in made:
        server.close()


def subscribe(shop, url, events=("quiz.answered",)):
    return WebhookSubscription.objects.create(shop=shop, url=url, events=list(events))


def emit(shop):
    with transaction.atomic():
        return outbox.emit(shop, "quiz.answered", {"shop": shop.key, "data": {"outcome": "x"}})


@pytest.mark.django_db
def test_a_receiver_failing_three_times_gets_one_logical_delivery(shop, loopback, receiver):
    server = receiver(500, 503, 500)
    subscription = subscribe(shop, server.url)
    emit(shop)
    assert outbox.drive() == 4
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 4, 204)
    assert [a.status_code for a in WebhookAttempt.objects.all()] == [500, 503, 500, 204]
    keys = {headers["Idempotency-Key"] for headers, _body in server.requests}
    bodies = {body for _headers, body in server.requests}
    assert keys == {str(delivery.idempotency_key)} and len(bodies) == 1
    assert len(server.requests) == 4
    assert outbox.drive() == 0  # delivered: never sent again

    headers, body = server.requests[-1]
    assert json.loads(body)["id"] == str(delivery.idempotency_key)
    assert headers["Thankyou-Event"] == "quiz.answered"
    timestamp, mac = (part.split("=", 1)[1] for part in headers["Thankyou-Signature"].split(","))
    expected = hmac.new(
        subscription.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(mac, expected)
    assert abs(int(timestamp) - time.time()) < 60


@pytest.mark.django_db
def test_retries_back_off_exponentially_and_stop(shop, loopback, receiver, settings):
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOK_RETRY_BASE_SECONDS": 30}
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert outbox.backoff(30).total_seconds() == settings.THANKYOU["WEBHOOK_RETRY_MAX_SECONDS"]
    server = receiver(500)
    subscribe(shop, server.url)
    emit(shop)
    assert outbox.drive() == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    wait = (delivery.next_attempt_at - delivery.created_at).total_seconds()
    assert 29 <= wait <= 31
    assert outbox.drive() == 0  # not due yet
    assert DBTaskResult.objects.filter(run_after__isnull=False).exists()  # retry scheduled

    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOK_RETRY_BASE_SECONDS": 0}
    settings.THANKYOU["WEBHOOK_MAX_ATTEMPTS"] = 3
    WebhookDelivery.objects.update(next_attempt_at=delivery.created_at)
    server.statuses = [500, 500, 500]
    outbox.drive()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 3)


@pytest.mark.django_db
def test_a_lease_that_expires_is_sent_again_with_the_same_key(
    shop, loopback, receiver, settings, clock
):
    lease = settings.THANKYOU["WEBHOOK_LEASE_SECONDS"]
    server = receiver()
    subscribe(shop, server.url)
    emit(shop)
    claimed = outbox.claim()  # a worker takes it ... and dies before sending
    assert claimed is not None and claimed.attempts == 1
    assert outbox.drive() == 0  # leased: nobody else sends it meanwhile
    clock.advance(lease)
    assert outbox.drive() == 0, "not before the lease has run out"
    assert server.requests == []
    clock.advance(1)
    assert outbox.drive() == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert [h["Idempotency-Key"] for h, _b in server.requests] == [str(delivery.idempotency_key)]


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_delivery_loses_nothing(shop, loopback, receiver, clock):
    hold = threading.Event()
    server = receiver(hold=hold)
    subscribe(shop, server.url)
    emit(shop)  # commits: the delivery row and a task for the worker
    database = connection.settings_dict
    login = database["USER"] + (f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else "")
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{login}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "WEBHOOKS_ALLOW_LOOPBACK": "1",
    }
    env.pop("REDIS_URL", None)
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--no-reload",  # no autoreloader, whose child would outlive the kill
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert server.arrived.wait(30), "the worker never sent the delivery"
        worker.send_signal(signal.SIGKILL)  # mid-delivery: the request is still open
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
        hold.set()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.lease is not None  # the dead worker's lease
    clock.now = delivery.lease_until.timestamp()
    call_command("periodic", once=True)
    assert outbox.drive() == 0, "not before the lease has run out"
    clock.advance(1)
    call_command("periodic", once=True)  # due again: a task is enqueued ...
    assert outbox.drive() == 1  # ... and whoever drives the outbox delivers it
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    keys = [headers["Idempotency-Key"] for headers, _body in server.requests]
    assert keys == [str(delivery.idempotency_key)] * 2


@pytest.mark.django_db
def test_redirects_are_not_followed(shop, loopback, receiver):
    server = receiver(302)
    subscribe(shop, server.url)
    emit(shop)
    outbox.drive()
    attempt = WebhookAttempt.objects.first()
    assert attempt.status_code == 302
    assert attempt.error_text() == "HTTP 302: redirects are not followed"
    assert len(server.requests) == 2  # the retry (base 0 s) also went to the same URL only


@pytest.mark.django_db
def test_only_public_https_receivers_without_the_development_setting(settings):
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOKS_ALLOW_LOOPBACK": False}
    for url in (
        "http://hooks.example/x",
        "ftp://hooks.example/x",
        "https://user:pw@hooks.example/",
    ):
        with pytest.raises(sending.Refused):
            sending.check_url(url)
    sending.check_url("https://hooks.example/x")
    for address in (
        "127.0.0.1",
        "10.0.0.8",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fd00::1",
        "64:ff9b::a9fe:a9fe",  # 169.254.169.254 through NAT64
        "2002:7f00:1::1",  # 127.0.0.1 through 6to4
        "::127.0.0.1",  # IPv4-compatible, which Python calls global
        "::169.254.169.254",
    ):
        with pytest.raises(sending.Refused):
            sending.resolve(address, 443)
    assert sending.resolve("93.184.216.34", 443) == "93.184.216.34"
    assert sending.resolve("64:ff9b::5db8:d822", 443) == "64:ff9b::5db8:d822"
    assert sending.resolve("127.0.0.1", 443, allow_loopback=True) == "127.0.0.1"


@pytest.mark.django_db
def test_a_refused_receiver_is_logged_and_retried_not_sent(shop, settings, caplog):
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOKS_ALLOW_LOOPBACK": False}
    subscribe(shop, "http://127.0.0.1:9/hook")
    emit(shop)
    outbox.drive()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.last_error_text() == "refused: Only https URLs receive webhooks."
    with translation.override("de"):  # the delivery log speaks its reader's language
        assert delivery.last_error_text() == "abgelehnt: Nur https-Adressen empfangen Webhooks."
    assert f"webhook delivery {delivery.pk} (subscription" in caplog.text, "the operator sees it"
    assert "127.0.0.1:9" not in caplog.text, "not the URL (it may carry a token)"


@pytest.mark.django_db
def test_only_active_subscriptions_to_the_event_get_it(shop, make_shop):
    subscribe(shop, "https://a.example/", events=["quiz.answered"])
    subscribe(shop, "https://b.example/", events=["gift.claimed"])
    WebhookSubscription.objects.create(
        shop=shop, url="https://c.example/", events=["quiz.answered"], active=False
    )
    subscribe(make_shop("other"), "https://d.example/")
    emit(shop)
    assert list(WebhookDelivery.objects.values_list("subscription__url", flat=True)) == [
        "https://a.example/"
    ]


@pytest.mark.django_db
def test_a_deactivated_subscription_gets_none_of_its_queued_deliveries(
    shop, loopback, receiver, settings
):
    settings.THANKYOU["WEBHOOK_RETRY_BASE_SECONDS"] = 60
    server = receiver(500)
    subscription = subscribe(shop, server.url)
    emit(shop)
    emit(shop)
    assert outbox.drive() == 2  # one failed (its retry waits), one delivered
    emit(shop)  # queued
    subscription.active = False
    subscription.save()
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())  # the retry due too
    assert not outbox.has_due(), "the periodic job does not kick for them"
    assert outbox.drive() == 0
    assert len(server.requests) == 2, "nothing more was sent"
    assert WebhookDelivery.objects.filter(status="pending").count() == 2, "they wait"

    subscription.active = True  # active again: what waited goes out
    subscription.save()
    assert outbox.drive() == 2
    assert WebhookDelivery.objects.filter(status="delivered").count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["deactivated", "deleted"])
def test_a_delivery_claimed_before_its_subscription_changed_is_not_sent(
    shop, loopback, receiver, change
):
    server = receiver()
    subscription = subscribe(shop, server.url)
    emit(shop)
    claimed = outbox.claim()  # a worker took it, then the owner acted
    if change == "deactivated":
        WebhookSubscription.objects.filter(pk=subscription.pk).update(active=False)
    else:
        subscription.delete()
    assert outbox.attempt(claimed) is False
    assert server.requests == []
    assert not WebhookAttempt.objects.exists()
    if change == "deactivated":  # its lease given back, the claim not counted
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.lease) == ("pending", 0, None)
    else:
        assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_a_host_that_resolves_to_a_private_address_is_refused_at_delivery_too(shop, settings, dns):
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOKS_ALLOW_LOOPBACK": False}
    dns["crm.example"] = "10.0.0.8"  # public when it was saved; DNS changed since
    subscribe(shop, "https://crm.example/hook")
    emit(shop)
    outbox.drive()
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_error_text() == "refused: The host resolves to a non-public address."
