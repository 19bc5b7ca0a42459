"""
The demo's webhook receiver and the demo shop's registration page.

The receiver stands in for a merchant's system: it verifies the signature
as a real one should and logs the deliveries that verify to a file (the
newest hundred), which the demo shop's members read at the same URL, the
customers' e-mail addresses only its owners. The registration page verifies
the account prompt's signed link and shows the e-mail address the shop would
prefill.
"""

import fcntl
import hmac
import json
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from thankyou.blocks import account_links
from thankyou.blocks.privacy import customer_erased, retention_reached
from thankyou.core.models import Shop
from thankyou.targeting.personas import PERSONAS
from thankyou.tenancy.scoping import owned_shops, shops_of
from thankyou.webhooks.models import WebhookSubscription
from thankyou.webhooks.sending import SIGNATURE_HEADER, signature
from thankyou_demo.views import DEMO_SHOP

LOG_ENTRIES = 100  # the log keeps the newest; each is a signed body of at most MAX_BODY
MAX_BODY = 65536
TOLERANCE_SECONDS = 300
HIDDEN = _("(shown to the shop's owners only)")


def verify_signature(header, body, secrets, now=None):
    """Check a Thankyou-Signature header the way a receiver should."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    return any(
        hmac.compare_digest(signature(secret, timestamp, body), header) for secret in secrets
    )


@csrf_exempt
@never_cache
def webhook_receiver(request):
    if not Shop.objects.filter(key=DEMO_SHOP).exists():
        raise Http404  # a server without the demo keeps no log of what anyone posts
    if request.method == "POST":
        return receive(request)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "wagtailadmin_login")
    if not shops_of(request.user).filter(key=DEMO_SHOP).exists():
        return HttpResponse(status=403)
    owner = owned_shops(request.user).filter(key=DEMO_SHOP).exists()
    return render(request, "demo/webhook_log.html", {"entries": read_log(owner)})


def receive(request):
    """Log a delivery whose signature verifies; anyone else's post is refused, unlogged."""
    secrets = WebhookSubscription.objects.filter(shop__key=DEMO_SHOP).values_list(
        "secret", flat=True
    )
    body = request.body
    header = request.headers.get(SIGNATURE_HEADER, "")
    if len(body) > MAX_BODY or not verify_signature(header, body, list(secrets)):
        return HttpResponse(status=401)
    try:
        payload = json.loads(body)
    except ValueError:
        return HttpResponse(status=400)
    append(
        {
            "received_at": timezone.now().isoformat(timespec="seconds"),
            "event": request.headers.get("Thankyou-Event", "")[:40],
            "idempotency_key": request.headers.get("Idempotency-Key", "")[:36],
            "signature_valid": True,
            "payload": payload,
        }
    )
    return HttpResponse(status=204)


@contextmanager
def _locked_log():
    """The log file, opened for reading and appending, locked against the other workers."""
    log = settings.DEMO_WEBHOOK_LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        yield fh


def _rewrite(fh, lines):
    fh.seek(0)
    fh.truncate()
    fh.writelines(lines)


def append(entry):
    """Add an entry, keeping the newest LOG_ENTRIES."""
    with _locked_log() as fh:
        lines = [*fh.readlines(), json.dumps(entry) + "\n"]
        if len(lines) > LOG_ENTRIES:
            _rewrite(fh, lines[-LOG_ENTRIES:])
        else:
            fh.write(lines[-1])


@receiver(retention_reached)
def forget_old_deliveries(now, **kwargs):
    demo = Shop.objects.filter(key=DEMO_SHOP).first()
    if demo is None:
        return {}
    cutoff = (now - timedelta(days=demo.retention_days)).isoformat(timespec="seconds")
    return {"demo webhook log entries": forget(lambda line: received_at(line) >= cutoff)}


@receiver(customer_erased)
def forget_customer(email, shop, orders, **kwargs):
    demo_orders = {order for shop_key, order in orders if shop_key == DEMO_SHOP}
    if not (email or demo_orders) or (shop is not None and shop.key != DEMO_SHOP):
        return {}
    return {"demo webhook log entries": forget(lambda line: not is_about(line, email, demo_orders))}


def forget(keep):
    """Drop the log's lines for which keep(line) is false; return how many."""
    if not settings.DEMO_WEBHOOK_LOG.exists():
        return 0
    with _locked_log() as fh:
        lines = fh.readlines()
        kept = [line for line in lines if keep(line)]
        if len(kept) < len(lines):
            _rewrite(fh, kept)
    return len(lines) - len(kept)


def is_about(line, email, orders):
    """Whether a log line names this address or is about one of these orders."""
    if email and email.lower() in line.lower():
        return True
    try:
        order = (json.loads(line).get("payload") or {}).get("order") or {}
    except (ValueError, AttributeError):
        return False
    return isinstance(order, dict) and str(order.get("id")) in orders


def received_at(line):
    """A log line's time of receipt (ISO 8601, UTC), "" if unreadable."""
    try:
        return json.loads(line).get("received_at", "")
    except (ValueError, AttributeError):
        return ""


def read_log(owner):
    """The newest signed entries first; e-mail addresses for the shop's owners only."""
    try:
        with open(settings.DEMO_WEBHOOK_LOG, encoding="utf-8") as fh:
            lines = fh.readlines()[-LOG_ENTRIES:]
    except FileNotFoundError:
        return []
    entries = []
    for line in reversed(lines):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not isinstance(entry, dict) or entry.get("signature_valid") is not True:
            continue  # a stranger's post, logged before only signed ones were
        payload = entry.get("payload") if owner else _without_emails(entry.get("payload"))
        entry["pretty"] = json.dumps(payload, indent=2, ensure_ascii=False)
        entries.append(entry)
    return entries


def _without_emails(value):
    """The payload with every "email" value hidden (sign-ups carry the customer's)."""
    if isinstance(value, dict):
        return {
            key: str(HIDDEN) if key == "email" else _without_emails(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_without_emails(item) for item in value]
    return value


@never_cache
def registration_page(request):
    """What the demo shop's backend does with the account prompt's link."""
    shop = Shop.objects.filter(key=DEMO_SHOP).prefetch_related("secrets").first()
    query = request.GET
    order = query.get("order", "")
    valid = shop is not None and account_links.verify(
        shop, order, query.get("expires"), query.get("kid"), query.get("signature")
    )
    persona = next((p for p in PERSONAS.values() if order.split("-")[0] == p.order_number), None)
    email = f"{persona.first_name.lower()}@example.com" if valid and persona else ""
    return render(request, "demo/register.html", {"valid": valid, "order": order, "email": email})
