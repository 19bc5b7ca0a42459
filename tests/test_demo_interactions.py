"""The demo's extras for interactions: fresh orders, the registration page, the receiver."""

import io
import json
import re
import time

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from thankyou.blocks.models import GiftCode
from thankyou.core.models import Shop
from thankyou.webhooks.models import WebhookSubscription
from thankyou.webhooks.sending import signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEMO_WEBHOOK_LOG = tmp_path / "webhooks.jsonl"
    call_command("seed_demo", stdout=io.StringIO())
    return Shop.objects.get(key="demo")


def order_of(response):
    token = re.search(r'data-token="([^"]+)"', response.content.decode()).group(1)
    return jwt.decode(token, options={"verify_signature": False})["order"]


def test_seeding_gives_a_code_pool_a_webhook_and_a_registration_url(demo, settings):
    assert GiftCode.objects.filter(shop=demo, claimed_at__isnull=True).count() == 50
    subscription = WebhookSubscription.objects.get(shop=demo)
    assert subscription.url == f"{settings.PUBLIC_URL}/demo/webhook-receiver/"
    assert set(subscription.events) == {
        "newsletter.signed_up",
        "survey.answered",
        "quiz.answered",
        "gift.claimed",
        "referral.converted",
    }
    assert demo.registration_url.startswith(f"{settings.PUBLIC_URL}/demo/register/?order={{order}}")
    call_command("seed_demo", stdout=io.StringIO())  # again: nothing doubles
    assert GiftCode.objects.filter(shop=demo).count() == 50
    assert WebhookSubscription.objects.filter(shop=demo).count() == 1


def test_a_new_order_starts_afresh_and_a_reload_keeps_it(demo, client):
    default = order_of(client.get("/demo/?customer=guest"))
    assert default["id"] == "demo-10421"
    page = client.get("/demo/?customer=guest&lang=en").content.decode()
    fresh = re.search(r'order=(10421-[0-9a-f]{4})">New order', page).group(1)
    assert order_of(client.get(f"/demo/?customer=guest&order={fresh}"))["id"] == f"demo-{fresh}"
    for bad in ("10422-abcd", "x" * 30, "10421-ABCD"):  # not this customer's, malformed
        assert order_of(client.get(f"/demo/?customer=guest&order={bad}"))["id"] == "demo-10421"


def test_the_registration_page_verifies_the_signed_link(demo, client):
    from thankyou.blocks.account_links import registration_link
    from thankyou.core.context import Order

    link = registration_link(demo.registration_url, demo, Order(id="demo-10421", number="10421"))
    page = client.get(link[link.index("/demo/") :]).content.decode()
    assert 'value="lena@example.com"' in page
    forged = client.get(link[link.index("/demo/") :].replace("order=10421", "order=10422"))
    assert "example.com" not in forged.content.decode()


def deliver(client, secret, payload, event="quiz.answered", at=None, **headers):
    """Post to the demo's receiver as the webhook sender does (signed with ``secret``)."""
    body = json.dumps(payload).encode()
    return client.post(
        "/demo/webhook-receiver/",
        body,
        content_type="application/json",
        HTTP_THANKYOU_SIGNATURE=signature(secret, at or int(time.time()), body),
        HTTP_THANKYOU_EVENT=event,
        **headers,
    )


def test_the_receiver_checks_signatures_and_shows_its_log_to_the_demo_shop(demo, client):
    secret = WebhookSubscription.objects.get(shop=demo).secret
    good = deliver(client, secret, {"event": "quiz.answered", "data": {"outcome": "espresso"}})
    assert good.status_code == 204
    stranger = {"data": {"email": "someone@example.com"}}
    assert deliver(client, secret, stranger, at=int(time.time()) - 600).status_code == 401
    assert deliver(client, "not-the-secret", stranger).status_code == 401

    assert client.get("/demo/webhook-receiver/").status_code == 302  # log in first
    user = get_user_model().objects.create_user("stranger", password="pw-123456789")
    client.force_login(user)
    assert client.get("/demo/webhook-receiver/").status_code == 403
    user.groups.add(demo.editors)
    log = client.get("/demo/webhook-receiver/").content.decode()
    assert "quiz.answered" in log and "espresso" in log
    assert log.count("signature valid") == 1
    assert "someone@example.com" not in log, "nothing kept of an unsigned post"


def test_strangers_posts_cannot_crowd_out_the_signed_deliveries(demo, client, settings):
    secret = WebhookSubscription.objects.get(shop=demo).secret
    for n in range(700):  # anonymous, each with a 7 KB header
        response = client.post(
            "/demo/webhook-receiver/",
            b"{}",
            content_type="application/json",
            HTTP_THANKYOU_EVENT="x" * 7000,
            HTTP_IDEMPOTENCY_KEY=str(n),
        )
        assert response.status_code == 401
    assert not settings.DEMO_WEBHOOK_LOG.exists() or not settings.DEMO_WEBHOOK_LOG.read_text()

    for n in range(130):  # genuine ones: the newest hundred are kept
        payload = {"event": "survey.answered", "data": {"other": f"answer {n}"}}
        assert deliver(client, secret, payload, "survey.answered").status_code == 204
    lines = settings.DEMO_WEBHOOK_LOG.read_text().splitlines()
    assert len(lines) == 100
    assert "answer 129" in lines[-1] and "answer 30" in lines[0]
    owner = get_user_model().objects.create_user("owner-2", password="pw-123456789")
    owner.groups.add(demo.owners)
    client.force_login(owner)
    log = client.get("/demo/webhook-receiver/").content.decode()
    assert "answer 129" in log and "answer 29" not in log


def test_only_owners_read_the_sign_ups_e_mail_addresses_in_the_log(demo, client):
    secret = WebhookSubscription.objects.get(shop=demo).secret
    signup = {"event": "newsletter.signed_up", "data": {"email": "lena@example.com"}}
    assert deliver(client, secret, signup, "newsletter.signed_up").status_code == 204
    editor = get_user_model().objects.create_user("editor-2", password="pw-123456789")
    editor.groups.add(demo.editors)
    client.force_login(editor)
    log = client.get("/demo/webhook-receiver/").content.decode()
    assert "newsletter.signed_up" in log
    assert "lena@example.com" not in log and "shown to the shop&#x27;s owners only" in log
    owner = get_user_model().objects.create_user("owner-2", password="pw-123456789")
    owner.groups.add(demo.owners)
    client.force_login(owner)
    assert "lena@example.com" in client.get("/demo/webhook-receiver/").content.decode()


def test_without_the_demo_shop_the_receiver_keeps_nothing(db, client, settings, tmp_path):
    settings.DEMO_WEBHOOK_LOG = tmp_path / "webhooks.jsonl"
    assert client.post("/demo/webhook-receiver/", b"{}", "application/json").status_code == 404
    assert not settings.DEMO_WEBHOOK_LOG.exists()
