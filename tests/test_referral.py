"""
The referral block: a customer's personal code, stable and unguessable, and
the orders it brings, counted once each (never a test order, never the
referrer's own), with a signed ``referral.converted`` webhook and analytics.
"""

import csv
import hashlib
import hmac
import io
import json
import threading
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client

from tests.test_analytics_dashboard import member
from tests.test_webhooks import Receiver
from thankyou.analytics.models import DailyCount, EventType
from thankyou.analytics.rollup import roll_up
from thankyou.blocks.referral import ReferralBlock
from thankyou.blocks.referrals import ReferralCode, ReferralConversion
from thankyou.webhooks import outbox
from thankyou.webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db

REFERRAL = (
    "referral",
    {**ReferralBlock().get_preview_value(), "landing_url": "https://acme.example/"},
)
VIP = {"id": "c-vip", "first_name": "Sophie", "is_guest": False, "orders_count": 14}
NEWCOMER = {"id": "c-new", "first_name": "Ben", "is_guest": False, "orders_count": 1}


def order(order_id, total="49.90"):
    return {"id": order_id, "number": order_id, "currency": "EUR", "total": total}


def render(api, token_for, shop, order_id, customer, total="49.90", **claims):
    response = api.render(
        {"token": token_for(shop, order=order(order_id, total), customer=customer, **claims)}
    )
    assert response.status_code == 200, response.content
    return response.json()


def referral_value(rendered):
    return next(block["value"] for block in rendered["blocks"] if block["type"] == "referral")


@pytest.fixture
def referral_page(shop, make_page):
    return make_page(shop, body=[REFERRAL])


def test_the_code_is_the_customers_own_stable_and_unguessable(
    api, token_for, shop, make_shop, make_page, referral_page
):
    first = referral_value(render(api, token_for, shop, "A-1", VIP))
    again = referral_value(render(api, token_for, shop, "A-2", VIP))
    other = referral_value(render(api, token_for, shop, "A-3", NEWCOMER))
    guest = {"first_name": "Lena", "is_guest": True}
    guest_codes = {
        referral_value(render(api, token_for, shop, order_id, guest))["code"]
        for order_id in ("G-1", "G-2")
    }
    assert first["code"] == again["code"] != other["code"]
    assert len(guest_codes) == 2  # a guest is known by the order
    assert len(first["code"]) == 16 and first["code"].isalnum()
    assert "vip" not in first["code"] and "Sophie" not in first["link"]
    assert parse_qs(urlsplit(first["link"]).query) == {"ref": [first["code"]]}
    assert first["link"].startswith("https://acme.example/?ref=")

    elsewhere = make_shop("beans")
    make_page(elsewhere, body=[REFERRAL])
    assert referral_value(render(api, token_for, elsewhere, "A-1", VIP))["code"] != first["code"]
    # Kept for the referrer, with no personal data but the shop's customer id.
    assert set(ReferralCode.objects.values_list("customer_key", flat=True)) == {
        "customer:c-vip",
        "customer:c-new",
        "order:G-1",
        "order:G-2",
    }


def test_the_block_is_labelled_and_its_buttons_wait_for_the_script(
    api, token_for, shop, referral_page
):
    html = render(api, token_for, shop, "A-1", VIP)["html"]
    assert 'for="' in html and "readonly" in html and 'role="status"' in html
    assert html.count("hidden>") >= 2  # copy and share appear with the script only
    assert "style=" not in html and "<script" not in html


def test_a_vips_link_brings_one_conversion_one_webhook_and_analytics(
    api, token_for, shop, referral_page, settings, django_capture_on_commit_callbacks
):
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOKS_ALLOW_LOOPBACK": True, "ROLLUP_LAG": 0}
    receiver = Receiver()
    try:
        subscription = WebhookSubscription.objects.create(
            shop=shop, url=receiver.url, events=["referral.converted"]
        )
        link = referral_value(render(api, token_for, shop, "V-1", VIP))["link"]
        code = parse_qs(urlsplit(link).query)["ref"][0]

        with django_capture_on_commit_callbacks():
            render(api, token_for, shop, "N-1", NEWCOMER, total="59.00", referral=code)
            render(api, token_for, shop, "N-1", NEWCOMER, total="59.00", referral=code)  # reload
            render(api, token_for, shop, "V-2", VIP, referral=code)  # the VIP's own next order
            render(api, token_for, shop, "T-1", NEWCOMER, referral=code, test=True)
            render(api, token_for, shop, "U-1", NEWCOMER, referral="unknown-code")
        assert ReferralConversion.objects.count() == 1

        assert outbox.drive() == 1
        ((headers, body),) = receiver.requests
        assert headers["Thankyou-Event"] == "referral.converted"
        timestamp, mac = (
            part.split("=", 1)[1] for part in headers["Thankyou-Signature"].split(",")
        )
        expected = hmac.new(
            subscription.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
        ).hexdigest()
        assert hmac.compare_digest(mac, expected)
        event = json.loads(body)
        assert event["order"] == {"id": "N-1", "total": "59.00", "currency": "EUR"}
        assert event["data"] == {
            "code": code,
            "referrer": {"customer_id": "c-vip", "order_id": None},
        }
        assert WebhookDelivery.objects.count() == 1
    finally:
        receiver.close()

    roll_up()
    counted = DailyCount.objects.get(metric=EventType.REFERRAL, block__gt="")
    assert (counted.orders, counted.value, counted.currency) == (1, Decimal("59.00"), "EUR")
    assert counted.page_id == referral_page.pk and counted.block_type == "referral"

    # The merchant's analytics, on the referrer's page and block, as CSV.
    client = Client()
    client.force_login(member(shop))
    response = client.get("/cms/thankyou/analytics/", {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    (block_row,) = [row for row in rows if row["Block"].startswith("Referral: ")]
    assert (block_row["Referred orders"], block_row["Value of referred orders"]) == (
        "1",
        "59.00 EUR",
    )


def test_a_referral_claim_that_is_no_code_is_refused_by_name(api, token_for, shop, referral_page):
    response = api.render(
        {"token": token_for(shop, order=order("N-1"), customer=NEWCOMER, referral="a b?")}
    )
    assert response.status_code == 400
    assert "referral" in response.json()["fields"]


def test_the_page_cannot_claim_referrals_through_the_events_endpoint(
    api, token_for, shop, referral_page
):
    rendered = render(api, token_for, shop, "V-1", VIP)
    block = rendered["blocks"][0]["id"]
    batch = [{"type": "referral", "block": block}, {"type": "copy", "block": block}]
    response = api.post(
        "/api/v1/events",
        data=json.dumps({"action_token": rendered["action_token"], "events": batch}),
        content_type="text/plain",
    )
    assert response.status_code == 207
    assert [item["field"] for item in response.json()["rejected"]] == ["events.0.type"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_renders_of_a_referred_order_count_once(api, token_for, shop, make_page):
    from thankyou.blocks.referrals import convert
    from thankyou.core.context import verify_order_token

    make_page(shop, body=[REFERRAL])
    code = referral_value(render(api, token_for, shop, "V-1", VIP))["code"]
    context = verify_order_token(
        token_for(shop, order=order("N-1"), customer=NEWCOMER, referral=code)
    )
    start, results = threading.Barrier(4), []

    def convert_once():
        start.wait()
        try:
            results.append(convert(context))
        finally:
            connection.close()

    threads = [threading.Thread(target=convert_once) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result is not None for result in results) == 1
    assert ReferralConversion.objects.count() == 1


def test_the_experience_check_warns_when_a_first_order_is_asked_to_recommend(shop, make_page):
    from tests.test_experience_check import GOOD, warnings_for
    from thankyou.targeting.models import Segment

    page = make_page(shop, body=[*GOOD, REFERRAL])
    assert "too early" in warnings_for(page, "guest")["promotes_too_early"]
    assert "promotes_too_early" not in warnings_for(page, "returning")

    returning = Segment.objects.create(
        shop=shop, name="Returning", conditions=[("orders_count", {"minimum": 2, "maximum": None})]
    )
    kind, value = REFERRAL
    page = make_page(shop, body=[*GOOD, (kind, {**value, "target_segments": [returning]})])
    assert "promotes_too_early" not in warnings_for(page, "guest")
    assert "promotes_too_early" not in warnings_for(page, "vip")


def test_a_referred_customer_can_be_welcomed(api, token_for, shop, make_page):
    from thankyou.targeting.models import Segment

    referred = Segment.objects.create(
        shop=shop, name="Referred", conditions=[("referral", {"referred": "yes"})]
    )
    welcome = {"text": "Willkommen, Freund von Bohnenglück!", "subtitle": ""}
    make_page(shop, body=[("heading", {**welcome, "target_segments": [referred]})])
    with_code = render(api, token_for, shop, "N-1", NEWCOMER, referral="k7q2mx9tbw4hdz3c")
    without = render(api, token_for, shop, "N-2", NEWCOMER)
    assert "Willkommen, Freund" in with_code["html"]
    assert "Willkommen, Freund" not in without["html"]


def test_erasing_a_customer_forgets_their_code_and_their_referred_orders(
    api, token_for, shop, referral_page
):
    from thankyou.blocks.privacy import erase_customer

    vip = {**VIP, "email": "sophie@example.com"}
    code = referral_value(render(api, token_for, shop, "V-1", vip))["code"]
    render(api, token_for, shop, "N-1", NEWCOMER, referral=code)
    guest = {"first_name": "Lena", "is_guest": True}
    render(api, token_for, shop, "G-1", guest)
    assert ReferralConversion.objects.count() == 1

    erase_customer(orders=["N-1", "G-1"], shop=shop)
    assert ReferralConversion.objects.count() == 0
    keys = set(ReferralCode.objects.values_list("customer_key", flat=True))
    assert keys == {"customer:c-vip", "customer:c-new"}  # the guest's is gone
    erase_customer("sophie@example.com")
    assert not ReferralCode.objects.filter(customer_key="customer:c-vip").exists()
    # Their code brings nothing more until their block shows it again.
    render(api, token_for, shop, "N-2", NEWCOMER, referral=code)
    assert ReferralConversion.objects.count() == 0
