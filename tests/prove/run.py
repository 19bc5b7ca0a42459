"""
`make prove`: evidence that the production setup holds under load, faults and
attack. Runs against gunicorn (2 workers) on PostgreSQL and Redis, seeded with
the demo shop, and prints one JSON report; exits non-zero if a check fails.

- schema: schemathesis, every operation of our OpenAPI schema (200 cases each,
  PROVE_SCHEMA_EXAMPLES), over 1000 in all;
- load: render and events at saturation for PROVE_LOAD_SECONDS (60): no
  errors;
- faults: kill -9 a gunicorn worker, then restart PostgreSQL, each under
  render and event load: the service recovers by itself;
- webhook_deactivated: deliveries queued for a subscription that is deactivated
  while a local receiver gets them under load are not sent (tests/prove/webhooks.py);
- events: every event answered 2xx, under load and faults, is in the database;
- attack: tampered, expired, cross-shop tokens, oversized and deep bodies, a
  10 000-item order, markup in every text claim: refused or rendered inert;
- redis_refused, redis_hung, revocation_seen: renders and events with the
  server's own Redis killed or stopped (SIGSTOP), and a revoked secret seen
  by both workers within CACHE_CHECK_SECONDS, with Redis stopped and back and
  without Redis (tests/prove/redis.py);
- editor_images: renders while an editor uploads the largest images accepted
  and publishes a page with them: p99 within twice that without
  (tests/prove/images.py).

`python -m tests.prove.run attack load` (or `make prove CHECKS="attack load"`)
runs only the checks named; CHECKS below lists them in order.
"""

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser

from tests.production_server import (
    ROOT,
    events_body,
    manage,
    post_script,
    production_server,
    shell,
    stored_events,
    wrk,
)
from tests.prove.images import check_editor_images
from tests.prove.redis import check_redis_hung, check_redis_refused, check_revocation_seen
from tests.prove.webhooks import check_webhook_deactivated

LOAD_SECONDS = int(os.environ.get("PROVE_LOAD_SECONDS", "60"))
SCHEMA_EXAMPLES = int(os.environ.get("PROVE_SCHEMA_EXAMPLES", "200"))  # per operation
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'><a href="javascript:x">'

SETUP = """
import json, time
from thankyou.models import Shop, ShopRootPage, ThankYouPage
from thankyou.targeting.personas import PERSONAS, persona_claims
from thankyou.core.signing import sign_claims
demo = Shop.objects.get(key="demo")
other, created = Shop.objects.get_or_create(key="other", defaults={"name": "Other shop"})
if not ThankYouPage.objects.filter(shop=other).exists():
    root = ShopRootPage.objects.get(shop=other, locale__language_code=other.default_locale)
    page = root.add_child(instance=ThankYouPage(
        title="Other", body=[("heading", {"text": "Other shop's secret page", "subtitle": ""})]))
    page.save_revision().publish()
other_page = ThankYouPage.objects.filter(shop=other).live().first()
hostile = %(hostile)r
now = int(time.time())
vip = persona_claims(PERSONAS["vip"], demo, "de-DE")
markup = persona_claims(PERSONAS["guest"], demo, "de-DE")
markup["order"].update(number=hostile, id="attack-" + hostile[:20])
markup["order"]["items"] = [{"sku": hostile, "name": hostile, "category": hostile,
                             "quantity": 1, "price": "1.00"}]
markup["order"]["shipping"] = {"country": "DE", "method": hostile}
markup["customer"].update(first_name=hostile, id=hostile)
huge = persona_claims(PERSONAS["guest"], demo, "de-DE")
huge["order"]["items"] = [{"sku": str(i), "quantity": 1} for i in range(10000)]
print(json.dumps({
    "valid": sign_claims(demo, vip),
    "test_order": sign_claims(demo, {**vip, "test": True}),
    "expired": sign_claims(demo, {**vip, "iat": now - 7200, "exp": now - 60}),
    "cross_shop": sign_claims(other, {**vip, "iss": "demo"}),
    "other_page": other_page.pk,
    "markup": sign_claims(demo, markup),
    "huge": sign_claims(demo, huge),
}))
"""


def post(base, body, content_type="text/plain"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        base + "/api/v1/render", data=data, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def tampered(token):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["order"]["total"] = "0.01"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def attack(base, tokens):
    """Each hostile request must get the expected 4xx, or render inertly."""
    results = {}

    def expect(name, body, status, content_type="text/plain"):
        got, text = post(base, body, content_type)
        results[name] = {"ok": got == status, "status": got, "expected": status}
        return text

    expect("tampered token", {"token": tampered(tokens["valid"])}, 401)
    expect("expired token", {"token": tokens["expired"]}, 401)
    expect("cross-shop signature", {"token": tokens["cross_shop"]}, 401)
    expect("a page named by a real order", {"token": tokens["valid"], "page": 1}, 400)
    theirs = {"token": tokens["test_order"], "page": tokens["other_page"]}
    expect("another shop's page", theirs, 404)
    expect("replayed token (render is idempotent)", {"token": tokens["valid"]}, 200)
    expect("replayed token again", {"token": tokens["valid"]}, 200)
    expect("oversized body", b'{"token": "' + b"x" * 200_000 + b'"}', 413)
    expect("deep JSON", b"[" * 30_000 + b"]" * 30_000, 400)
    expect("10 000-item order", {"token": tokens["huge"]}, 413)
    expect("not JSON", b"\xff\xfe<html>", 400)
    expect("wrong media type", b"token=x", 415, "application/x-www-form-urlencoded")
    html = expect("markup in every text claim", {"token": tokens["markup"]}, 200)
    if results["markup in every text claim"]["ok"]:
        live = live_markup(json.loads(html)["html"])
        results["markup in every text claim"].update(ok=not live, live_markup=live)
    return results


class _LiveMarkup(HTMLParser):
    """Collect what a browser would execute: script elements, on* handlers, js: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append("<script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}=javascript:")


def live_markup(html):
    parser = _LiveMarkup()
    parser.feed(html)
    return parser.found


def schema_check(base):
    command = [
        str(ROOT / ".venv" / "bin" / "schemathesis"),
        "--config-file",
        str(ROOT / "tests" / "prove" / "schemathesis.toml"),
        "run",
        f"{base}/api/v1/schema/?format=json",
        "--checks",
        "all",
        "--max-examples",
        str(SCHEMA_EXAMPLES),
        "--workers",
        "2",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    summary = [line for line in result.stdout.splitlines() if "generated" in line]
    return {
        "ok": result.returncode == 0,
        "summary": summary[-1].strip() if summary else "",
        "output_tail": "" if result.returncode == 0 else result.stdout[-3000:],
    }


class Load:
    """Render and events at saturation for a while, the events answered 2xx counted."""

    BATCH = 20

    def __init__(self, base, scripts):
        self.base, self.scripts = base, scripts
        self.events_answered = 0

    def run(self, seconds, fault=None, at_second=0):
        """Run both for `seconds`, trigger `fault` after `at_second`; return wrk's figures."""
        box = {}

        def load(path):
            box[path] = wrk(self.base + f"/api/v1/{path}", self.scripts[path], seconds=seconds)

        threads = [threading.Thread(target=load, args=(path,)) for path in ("render", "events")]
        for thread in threads:
            thread.start()
        if fault:
            time.sleep(at_second)
            fault()
        for thread in threads:
            thread.join()
        events = box["events"]
        self.events_answered += (events["requests"] - events["non_2xx"]) * self.BATCH
        return {"render": box["render"], "events": events}


def recovered(base, timeout=60):
    """Seconds until /readyz answers 200 and a render succeeds again, or None."""
    start = time.time()
    while time.time() - start < timeout:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return round(time.time() - start, 2)
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    return None


def kill_a_worker(process):
    workers = subprocess.run(
        ["pgrep", "-P", str(process.pid)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    os.kill(int(workers[0]), signal.SIGKILL)
    return len(workers)


def restart_postgres():
    clusters = subprocess.run(
        ["pg_lsclusters", "-h"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    version, name = clusters[0], clusters[1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],
        check=True,
    )


class Run:
    """What the checks share: the server, its settings, the demo's tokens, the load."""

    def __init__(self, base, env, process, tmp):
        self.base, self.env, self.process, self.tmp = base, env, process, tmp
        self.tokens = json.loads(shell(env, SETUP % {"hostile": HOSTILE}))
        self.events_before = stored_events(env)
        self.load = Load(
            base,
            {
                "render": post_script(json.dumps({"token": self.tokens["valid"]}), tmp, "render"),
                "events": post_script(events_body(base, self.tokens["valid"]), tmp, "events"),
            },
        )


def check_attack(run):
    results = attack(run.base, run.tokens)
    return {"ok": all(r["ok"] for r in results.values()), **results}


def check_schema(run):
    return schema_check(run.base)


def check_load(run):
    figures = run.load.run(LOAD_SECONDS)
    return {
        **figures,
        "seconds": LOAD_SECONDS,
        "ok": all(f["non_2xx"] == 0 and not f["socket_errors"] for f in figures.values()),
    }


def workers_of(process):
    return subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()


def check_worker_killed(run):
    killed = {}
    fault = run.load.run(20, lambda: killed.update(workers=kill_a_worker(run.process)), 5)
    time.sleep(3)
    workers_after = len(workers_of(run.process))
    recovered_after = recovered(run.base)
    return {
        **fault,
        "workers_before": killed.get("workers"),
        "workers_after": workers_after,
        "recovered_after_seconds": recovered_after,
        "ok": workers_after == killed.get("workers") and recovered_after is not None,
    }


def check_postgres_restarted(run):
    if not shutil.which("pg_ctlcluster") or os.environ.get("PROVE_RESTART_POSTGRES", "1") != "1":
        return {"ok": True, "skipped": "pg_ctlcluster missing or PROVE_RESTART_POSTGRES=0"}
    fault = run.load.run(20, restart_postgres, 5)
    recovered_after = recovered(run.base)
    return {**fault, "recovered_after_seconds": recovered_after, "ok": recovered_after is not None}


def check_events_kept(run):
    """Last: every event answered 2xx by the checks before is in the database."""
    manage(run.env, "check", "--database", "default")
    stored = stored_events(run.env) - run.events_before
    answered = run.load.events_answered
    return {"answered_2xx": answered, "stored": stored, "ok": stored >= answered}


# In order; `python -m tests.prove.run NAME ...` runs only those named.
CHECKS = {
    "attack": check_attack,
    "schema": check_schema,
    "load": check_load,
    "fault_worker_killed": check_worker_killed,
    "fault_postgres_restarted": check_postgres_restarted,
    "webhook_deactivated": check_webhook_deactivated,
    "redis_refused": check_redis_refused,
    "redis_hung": check_redis_hung,
    "revocation_seen": check_revocation_seen,
    "editor_images": check_editor_images,
    "events_kept": check_events_kept,
}


def main(names=()):
    unknown = set(names) - set(CHECKS)
    if unknown:
        sys.exit(f"unknown checks: {', '.join(sorted(unknown))}; known: {', '.join(CHECKS)}")
    report, failed = {}, []
    tmp = ROOT / "var" / "prove"
    tmp.mkdir(parents=True, exist_ok=True)
    with production_server() as (base, env, process):
        run = Run(base, env, process, tmp)
        for name, check in CHECKS.items():
            if names and name not in names:
                continue
            report[name] = check(run)
            if not report[name]["ok"]:
                failed.append(name)
    report["failed"] = failed
    (tmp / "latest.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
