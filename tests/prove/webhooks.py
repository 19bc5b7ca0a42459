"""
`make prove` check `webhook_deactivated`: a subscription deactivated while its
deliveries are being sent under load receives nothing more.

A local receiver (answering 500 to every fifth request, so retries are
queued too) subscribes to the demo shop; thousands of deliveries are queued
for it; two task workers and the periodic job drive the outbox while render
and event load runs. Once the receiver has some, the subscription is
deactivated. Then, for a while longer: no attempt may start, and no request
may arrive but those already under way at that moment (one per worker).
"""

import json
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.production_server import PYTHON, ROOT, shell

QUEUED = 3000
WORKERS = 2
RECEIVED_BEFORE = 300  # deliveries received before the subscription is deactivated
OBSERVE_SECONDS = 15  # then watched this long: retries are due every few seconds meanwhile

SETUP = """
import json, uuid
from django.utils import timezone
from thankyou.models import Shop, WebhookDelivery, WebhookSubscription
from thankyou.models.webhooks import EVENTS
shop = Shop.objects.get(key="demo")
subscription = WebhookSubscription.objects.create(
    shop=shop, url=%(url)r, events=[event for event, _label in EVENTS],
    description="make prove: webhook_deactivated")
now = timezone.now()
keys = [uuid.uuid4() for _n in range(%(queued)d)]
WebhookDelivery.objects.bulk_create(
    WebhookDelivery(subscription=subscription, shop=shop, event="quiz.answered",
                    idempotency_key=key, next_attempt_at=now,
                    payload={"id": str(key), "event": "quiz.answered", "n": n})
    for n, key in enumerate(keys))
print(subscription.pk)
"""

DEACTIVATE = """
from thankyou.models import WebhookSubscription
subscription = WebhookSubscription.objects.get(pk=%(pk)d)
subscription.active = False
subscription.save()
print("ok")
"""

FIGURES = """
import json
from datetime import datetime, UTC
from thankyou.models import WebhookAttempt, WebhookDelivery
deliveries = WebhookDelivery.objects.filter(subscription_id=%(pk)d)
after = datetime.fromtimestamp(%(after)f, UTC)
print(json.dumps({
    "still_queued": deliveries.filter(status="pending").count(),
    "delivered": deliveries.filter(status="delivered").count(),
    "attempts_started_after": WebhookAttempt.objects.filter(
        delivery__subscription_id=%(pk)d, started_at__gt=after).count(),
}))
"""

CLEAN_UP = """
from thankyou.models import WebhookSubscription
WebhookSubscription.objects.filter(pk=%(pk)d).delete()
print("ok")
"""


class Receiver:
    """Counts what arrives, when; answers 500 to every fifth request."""

    def __init__(self):
        self.arrivals, self.lock = [], threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    receiver.arrivals.append(time.time())
                    status = 500 if len(receiver.arrivals) % 5 == 0 else 204
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self, after=0.0):
        with self.lock:
            return sum(1 for arrived in self.arrivals if arrived > after)


def _start(env, *args):
    return subprocess.Popen(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(condition, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def check_webhook_deactivated(run):
    receiver = Receiver()
    env = {
        **run.env,
        "WEBHOOKS_ALLOW_LOOPBACK": "1",  # the local receiver
        "WEBHOOK_RETRY_BASE_SECONDS": "1",
        "WEBHOOK_LEASE_SECONDS": "10",
        "PERIODIC_SECONDS": "1",
    }
    pk = int(shell(env, SETUP % {"url": receiver.url, "queued": QUEUED}))
    load = {}
    loader = threading.Thread(
        target=lambda: load.update(run.load.run(OBSERVE_SECONDS + 15)), daemon=True
    )
    loader.start()
    processes = [
        *(
            _start(env, "db_worker", "--no-startup-delay", "--interval", "0.2")
            for _n in range(WORKERS)
        ),
        _start(env, "periodic"),
    ]
    try:
        started = _wait_for(lambda: receiver.count() >= RECEIVED_BEFORE, 60)
        shell(env, DEACTIVATE % {"pk": pk})
        deactivated_at = time.time()  # after the commit
        received_before = receiver.count() - receiver.count(deactivated_at)
        time.sleep(OBSERVE_SECONDS)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        loader.join()
        receiver.server.shutdown()
    figures = json.loads(shell(env, FIGURES % {"pk": pk, "after": deactivated_at}))
    shell(env, CLEAN_UP % {"pk": pk})
    in_flight = receiver.count(deactivated_at)
    return {
        "queued": QUEUED,
        "received_before_deactivation": received_before,
        "received_after_deactivation": in_flight,
        "allowed_in_flight": WORKERS,
        "observed_seconds": OBSERVE_SECONDS,
        **figures,
        "load": load,
        "ok": started
        and figures["attempts_started_after"] == 0
        and in_flight <= WORKERS
        and figures["still_queued"] > 0,
    }
