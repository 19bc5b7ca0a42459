"""Retention per shop and erasure of one customer's data by e-mail."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from thankyou.blocks.models import GiftCode, Interaction, NewsletterSignup, QuizAnswer, SurveyAnswer
from thankyou.blocks.privacy import purge
from thankyou.blocks.survey import SurveyBlock
from thankyou.core.action_tokens import customer_key
from thankyou.webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


def signup(shop, order_id, email, days_ago=0):
    return NewsletterSignup.objects.create(
        shop=shop,
        order_id=order_id,
        block_id="b-news",
        kind="newsletter",
        email=email,
        consent_text="Yes",
        consent_version="1",
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def survey(shop, order_id, text, days_ago=0):
    return SurveyAnswer.objects.create(
        shop=shop,
        order_id=order_id,
        block_id="b-survey",
        kind="survey",
        option="other",
        option_label="Other",
        other_text=text,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def delivery(shop, order_id, email="", days_ago=0, status="delivered"):
    subscription = WebhookSubscription.objects.get_or_create(
        shop=shop, url="https://hooks.example/", defaults={"events": ["newsletter.signed_up"]}
    )[0]
    data = {"email": email} if email else {}
    return WebhookDelivery.objects.create(
        subscription=subscription,
        shop=shop,
        event="newsletter.signed_up",
        payload={"order": {"id": order_id}, "data": data},
        status=status,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def test_purge_deletes_personal_data_past_each_shops_retention(make_shop):
    strict, relaxed = make_shop("strict", retention_days=30), make_shop("relaxed")
    signup(strict, "s-old", "old@example.com", days_ago=31)
    signup(strict, "s-new", "new@example.com", days_ago=29)
    signup(relaxed, "r-old", "kept@example.com", days_ago=31)  # relaxed keeps 365 days
    survey(strict, "s-old", "my neighbour Ann", days_ago=31)
    delivery(strict, "s-old", "old@example.com", days_ago=31)
    delivery(strict, "s-old", "old@example.com", days_ago=31, status="pending")

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "sign-ups: 1" in out.getvalue()

    assert set(NewsletterSignup.objects.values_list("email", flat=True)) == {
        "new@example.com",
        "kept@example.com",
    }
    answer = SurveyAnswer.objects.get()
    assert (answer.option, answer.other_text) == ("other", "")  # the choice stays
    assert list(WebhookDelivery.objects.values_list("status", flat=True)) == ["pending"]


def test_erasing_a_customer_deletes_their_orders_data_and_payloads(make_shop):
    shop, other_shop = make_shop("acme"), make_shop("other")
    signup(shop, "o-1", "Anna@Example.com")
    survey(shop, "o-1", "Ann's text")
    QuizAnswer.objects.create(
        shop=shop, order_id="o-1", block_id="b-q", kind="quiz", answers=[0], outcome="x"
    )
    claim = Interaction.objects.create(shop=shop, order_id="o-1", block_id="b-g", kind="gift")
    code = GiftCode.objects.create(shop=shop, code="G-1", claim=claim, claimed_at=timezone.now())
    delivery(shop, "o-1", "anna@example.com")
    delivery(shop, "o-1")  # a quiz event of that order
    signup(shop, "o-2", "ben@example.com")
    signup(other_shop, "x-1", "anna@example.com")

    out = io.StringIO()
    call_command("erase_customer", "anna@example.com", "--shop", "acme", stdout=out)
    assert "anna" not in out.getvalue().lower()

    assert not Interaction.objects.filter(shop=shop, order_id="o-1").exists()
    assert NewsletterSignup.objects.filter(shop=shop).get().email == "ben@example.com"
    assert NewsletterSignup.objects.filter(shop=other_shop).exists()  # only in --shop
    assert not WebhookDelivery.objects.exists()
    code.refresh_from_db()
    assert code.claimed_at is not None and code.claim is None  # never given out again

    call_command("erase_customer", "anna@example.com", stdout=io.StringIO())
    assert not NewsletterSignup.objects.filter(email__iexact="anna@example.com").exists()


def test_erasing_finds_what_was_recorded_before_the_secret_key_was_rotated(shop, settings):
    QuizAnswer.objects.create(
        shop=shop,
        order_id="o-old",
        block_id="b-q",
        kind="quiz",
        answers=[0],
        outcome="x",
        customer_key=customer_key("anna@example.com"),
    )
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40

    call_command("erase_customer", "anna@example.com", stdout=io.StringIO())

    assert not QuizAnswer.objects.exists()


def test_erase_customer_refuses_unknown_shops_and_non_addresses(shop):
    with pytest.raises(CommandError):
        call_command("erase_customer", "not-an-address")
    with pytest.raises(CommandError):
        call_command("erase_customer", "a@example.com", "--shop", "nope")


def answer_survey(rendered, act, shop, email, order_id, text):
    """A customer answers the survey with free text, through the API."""
    body = rendered(
        shop,
        [("survey", SurveyBlock().get_preview_value())],
        customer={"first_name": "Anna", "email": email},
        order={"id": order_id, "total": "20.00", "currency": "EUR"},
    )
    block = body["blocks"][0]["id"]
    response = act("survey", body["action_token"], block, option="other", other=text)
    assert response.status_code == 201


def test_erasure_finds_the_orders_of_the_address_in_their_tokens(rendered, act, shop):
    """No sign-up needed: the address the shop signed is what finds the orders."""
    WebhookSubscription.objects.create(
        shop=shop, url="https://hooks.example/", events=["survey.answered"]
    )
    answer_survey(rendered, act, shop, "Anna@Example.com", "o-1", "Anna Schmidt, call 0171")
    answer_survey(rendered, act, shop, "ben@example.com", "o-2", "Ben's words")
    assert WebhookDelivery.objects.count() == 2

    err = io.StringIO()
    call_command("erase_customer", "anna@example.com", stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""
    assert list(SurveyAnswer.objects.values_list("order_id", flat=True)) == ["o-2"]
    assert [d.payload["order"]["id"] for d in WebhookDelivery.objects.all()] == ["o-2"]


def test_a_shop_can_name_the_orders_to_erase(shop):
    survey(shop, "o-1", "a text")
    survey(shop, "o-2", "another")
    delivery(shop, "o-1")
    call_command("erase_customer", "--shop", shop.key, "--order", "o-1", stdout=io.StringIO())
    assert list(SurveyAnswer.objects.values_list("order_id", flat=True)) == ["o-2"]
    assert not WebhookDelivery.objects.exists()
    with pytest.raises(CommandError):
        call_command("erase_customer", "--order", "o-2")  # order ids are a shop's own


def test_erasing_nobody_says_so(shop):
    err = io.StringIO()
    call_command("erase_customer", "nobody@example.com", stdout=io.StringIO(), stderr=err)
    assert "Nothing was found" in err.getvalue()


def test_the_demo_webhook_log_is_purged_and_erased_too(make_shop, settings, tmp_path):
    make_shop("demo")
    settings.DEMO_WEBHOOK_LOG = tmp_path / "webhooks.jsonl"
    now = timezone.now()

    def entry(days_ago, email):
        received = (now - timedelta(days=days_ago)).isoformat(timespec="seconds")
        return json.dumps({"received_at": received, "payload": {"data": {"email": email}}})

    settings.DEMO_WEBHOOK_LOG.write_text(
        "\n".join([entry(400, "old@example.com"), entry(1, "Lena@example.com"), entry(1, "x@y.z")])
        + "\n"
    )
    purge(now)
    assert "old@example.com" not in settings.DEMO_WEBHOOK_LOG.read_text()
    call_command("erase_customer", "lena@example.com", stdout=io.StringIO())
    assert "lena@example.com" not in settings.DEMO_WEBHOOK_LOG.read_text().lower()
    assert "x@y.z" in settings.DEMO_WEBHOOK_LOG.read_text()


def test_erasing_a_demo_customer_drops_their_orders_payloads_from_the_demo_log(
    make_shop, settings, tmp_path
):
    demo = make_shop("demo")
    settings.DEMO_WEBHOOK_LOG = tmp_path / "webhooks.jsonl"
    for order_id in ("R-77", "R-78", "R-79"):
        Interaction.objects.create(
            shop=demo,
            order_id=order_id,
            block_id="survey",
            kind="survey",
            customer_key=customer_key("bo@example.com" if order_id == "R-77" else "x@y.z"),
        )

    def entry(order_id, other):
        payload = {"shop": "demo", "order": {"id": order_id}, "data": {"other": other}}
        return json.dumps({"received_at": timezone.now().isoformat(), "payload": payload})

    settings.DEMO_WEBHOOK_LOG.write_text(
        "\n".join([entry("R-77", "a blog"), entry("R-78", "a podcast"), entry("R-79", "radio")])
        + "\n"
    )
    call_command("erase_customer", "bo@example.com", stdout=io.StringIO())
    log = settings.DEMO_WEBHOOK_LOG.read_text()
    assert "a blog" not in log and "a podcast" in log
    call_command("erase_customer", "--shop", "demo", "--order", "R-78", stdout=io.StringIO())
    log = settings.DEMO_WEBHOOK_LOG.read_text()
    assert "a podcast" not in log and "radio" in log
