"""
`make prove`'s Redis checks, each on a production server of its own (gunicorn,
2 workers, the same database):

- redis_refused, redis_hung: renders and events under load with the server's
  own Redis killed, then stopped with SIGSTOP (connections open, no answer):
  every request 2xx, p99 figures beside those with Redis up;
- revocation_seen: a signing secret revoked by another process, with Redis
  stopped meanwhile and then back, and without Redis (each worker its own
  local-memory cache): how long after the revocation a worker still
  verified the old secret, within CACHE_CHECK_SECONDS.

The shared Redis is never touched: the server gets a redis-server of its own
on a spare port.
"""

import json
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from tests.production_server import free_port, production_server, shell, wrk

BOUND = float(os.environ.get("CACHE_CHECK_SECONDS", "2"))
SLACK = 0.5  # a request in flight when the bound ends
SECONDS = 10
CONNECTIONS = 4


@contextmanager
def own_redis():
    """A redis-server of this check's own on a spare port; yield (process, URL)."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 10
        while (
            subprocess.run(
                ["redis-cli", "-p", str(port), "ping"], capture_output=True, check=False
            ).stdout.strip()
            != b"PONG"
        ):
            assert time.time() < deadline, "redis-server did not start"
            time.sleep(0.1)
        yield process, f"redis://127.0.0.1:{port}/0"
    finally:
        process.send_signal(signal.SIGCONT)
        process.kill()
        process.wait()


def status_of(base, token):
    request = urllib.request.Request(
        base + "/api/v1/render",
        data=json.dumps({"token": token}).encode(),
        headers={"Content-Type": "text/plain"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def statuses_during(base, token, seconds=None, clients=4, stop=None):
    """Render with `clients` at once for `seconds` or until `stop` is set;
    return [(wall-clock time of the answer, status)]."""
    end = time.monotonic() + (seconds or 3600)
    stop = stop or threading.Event()
    seen = []

    def client():
        while time.monotonic() < end and not stop.is_set():
            status = status_of(base, token)
            seen.append((time.time(), status))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen


REVOKABLE = """
from thankyou.core.models import Shop
from thankyou.core.signing import sign_claims
from thankyou.targeting.personas import PERSONAS, persona_claims
shop = Shop.objects.get(key="demo")
old = shop.secrets.create()
print(sign_claims(shop, persona_claims(PERSONAS["vip"], shop, "de-DE"), old) + " " + old.kid)
"""

REVOKE = """
from thankyou.core.models import ShopSecret
import time
ShopSecret.objects.get(shop__key="demo", kid=%r).delete()
print(time.time())
"""


def revocation(base, env, during=None):
    """Revoke a demo secret from another process while renders go on: how long
    after its commit a worker still verified the old secret; and its token."""
    token, kid = shell(env, REVOKABLE).split()
    warm = statuses_during(base, token, 2)
    assert {status for _, status in warm} == {200}, warm
    if during:
        during()
    box, stop = {}, threading.Event()
    watcher = threading.Thread(
        target=lambda: box.update(seen=statuses_during(base, token, stop=stop))
    )
    watcher.start()
    revoked_at = float(shell(env, REVOKE % kid))  # committed by then
    time.sleep(BOUND + 2)
    stop.set()
    watcher.join()
    seen = box["seen"]
    late = max((t for t, status in seen if status == 200), default=revoked_at) - revoked_at
    return {
        "renders": len(seen),
        "verified_after_revocation_seconds": round(max(0.0, late), 2),
        "statuses": sorted({status for _, status in seen}),
        "ok": late <= BOUND + SLACK and all(status in (200, 401) for _, status in seen),
    }, token


def load_figures(run, base):
    """Renders and events at once for SECONDS, a few connections each (any
    answer slower than 5 s counts as a socket error)."""
    box = {}

    def load(path):
        figures = wrk(
            base + f"/api/v1/{path}",
            run.load.scripts[path],
            seconds=SECONDS,
            connections=CONNECTIONS,
            timeout=5,
        )
        box[path] = {key: figures[key] for key in ("requests", "p50_ms", "p99_ms", "non_2xx")}
        box[path]["socket_errors"] = figures["socket_errors"]

    threads = [threading.Thread(target=load, args=(path,)) for path in ("render", "events")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return box


def all_2xx(figures):
    return all(f["non_2xx"] == 0 and not f["socket_errors"] for f in figures.values())


def check_redis_refused(run):
    with own_redis() as (redis, url), production_server(REDIS_URL=url) as (base, _, _):
        up = load_figures(run, base)
        redis.kill()
        redis.wait()
        refused = load_figures(run, base)
    return {"redis_up": up, "redis_refused": refused, "ok": all_2xx(up) and all_2xx(refused)}


def check_redis_hung(run):
    with own_redis() as (redis, url), production_server(REDIS_URL=url) as (base, _, _):
        up = load_figures(run, base)
        redis.send_signal(signal.SIGSTOP)
        hung = load_figures(run, base)
        redis.send_signal(signal.SIGCONT)
    return {"redis_up": up, "redis_hung": hung, "ok": all_2xx(up) and all_2xx(hung)}


def check_revocation_seen(run):
    report = {"bound_seconds": BOUND}
    with own_redis() as (redis, url), production_server(REDIS_URL=url) as (base, env, _):
        outage, token = revocation(base, env, during=lambda: redis.send_signal(signal.SIGSTOP))
        redis.send_signal(signal.SIGCONT)
        # Redis is back with what it held from before: the secret stays revoked.
        back = {status for _, status in statuses_during(base, token, 3)}
        outage["statuses_after_redis_back"] = sorted(back)
        outage["ok"] = outage["ok"] and back == {401}
        report["redis_stopped_then_back"] = outage
    with production_server(REDIS_URL="") as (base, env, _):
        report["without_redis"] = revocation(base, env)[0]
    report["ok"] = all(part["ok"] for part in report.values() if isinstance(part, dict))
    return report
