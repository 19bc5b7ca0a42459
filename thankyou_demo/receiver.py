"""
The demo's webhook receiver and the demo shop's registration page.

The receiver stands in for a merchant's system: it verifies the signature
as a real one should and logs what arrives to a file, which the demo shop's
members read at the same URL. The registration page verifies the account
prompt's signed link and shows the e-mail address the shop would prefill.
"""

import json
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from thankyou.blocks import account_links
from thankyou.blocks.privacy import customer_erased, retention_reached
from thankyou.core.models import Shop
from thankyou.targeting.personas import PERSONAS
from thankyou.tenancy.scoping import shops_of
from thankyou.webhooks.models import WebhookSubscription
from thankyou.webhooks.sending import SIGNATURE_HEADER, signature
from thankyou_demo.views import DEMO_SHOP

LOG_ENTRIES = 100
LOG_MAX_BYTES = 5 * 1024 * 1024  # anyone may post here: keep the demo's disk safe
TOLERANCE_SECONDS = 300


def verify_signature(header, body, secrets, now=None):
    """Check a Thankyou-Signature header the way a receiver should."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    return any(signature(secret, timestamp, body) == header for secret in secrets)


@csrf_exempt
@never_cache
def webhook_receiver(request):
    if not Shop.objects.filter(key=DEMO_SHOP).exists():
        raise Http404  # a server without the demo keeps no log of what anyone posts
    if request.method == "POST":
        secrets = WebhookSubscription.objects.filter(shop__key=DEMO_SHOP).values_list(
            "secret", flat=True
        )
        body = request.body[:65536]
        valid = verify_signature(request.headers.get(SIGNATURE_HEADER, ""), body, list(secrets))
        try:
            payload = json.loads(body) if valid else None  # nothing kept of a stranger's post
        except ValueError:
            payload = None
        entry = {
            "received_at": timezone.now().isoformat(timespec="seconds"),
            "event": request.headers.get("Thankyou-Event", ""),
            "idempotency_key": request.headers.get("Idempotency-Key", ""),
            "signature_valid": valid,
            "payload": payload,
        }
        log = settings.DEMO_WEBHOOK_LOG
        log.parent.mkdir(parents=True, exist_ok=True)
        if not log.exists() or log.stat().st_size < LOG_MAX_BYTES:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry) + "\n")
        return HttpResponse(status=204 if entry["signature_valid"] else 401)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "wagtailadmin_login")
    if not shops_of(request.user).filter(key=DEMO_SHOP).exists():
        return HttpResponse(status=403)
    return render(request, "demo/webhook_log.html", {"entries": read_log()})


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
    log = settings.DEMO_WEBHOOK_LOG
    try:
        with open(log, encoding="utf-8") as fh:
            lines = fh.readlines()
    except FileNotFoundError:
        return 0
    kept = [line for line in lines if keep(line)]
    if len(kept) < len(lines):
        with open(log, "w", encoding="utf-8") as fh:
            fh.writelines(kept)
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


def read_log():
    """The newest entries first."""
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
        entry["pretty"] = json.dumps(entry.get("payload"), indent=2, ensure_ascii=False)
        entries.append(entry)
    return entries


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
