"""Newsletter sign-ups: consent text and version, time, a keyed rotating IP hash."""

import hashlib
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from thankyou.analytics import ab_testing
from thankyou.blocks.models import NewsletterSignup
from thankyou.blocks.newsletter_prompt import NewsletterPromptBlock
from thankyou.core import iphash
from thankyou.core.models import HashKey
from thankyou.pages.models import ThankYouPageVariant
from thankyou.webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def prompt(shop, rendered):
    body = rendered(shop, [("newsletter_prompt", NewsletterPromptBlock().get_preview_value())])
    return body["blocks"][0]["id"], body["action_token"]


def test_a_sign_up_keeps_consent_time_and_a_keyed_ip_hash(act, prompt, shop):
    WebhookSubscription.objects.create(
        shop=shop, url="https://hooks.example/ty", events=["newsletter.signed_up"]
    )
    block, token = prompt
    before = timezone.now()
    response = act(
        "newsletter",
        token,
        block,
        email="anna@example.com",
        consent=True,
        headers={"REMOTE_ADDR": "203.0.113.7"},
    )
    assert response.status_code == 201 and response.json() == {"signed_up": True}
    signup = NewsletterSignup.objects.get()
    assert signup.email == "anna@example.com"
    assert signup.consent_version == "2026-11"
    assert signup.consent_text.startswith("Ich möchte den Newsletter erhalten.")
    assert before <= signup.created_at <= timezone.now()
    assert len(signup.ip_hash) == 64 and "203.0.113.7" not in signup.ip_hash
    assert signup.ip_hash != hashlib.sha256(b"203.0.113.7").hexdigest()  # keyed, not plain
    assert signup.ip_hash == iphash.ip_hash("203.0.113.7", signup.created_at)

    payload = WebhookDelivery.objects.get().payload
    assert payload["event"] == "newsletter.signed_up"
    assert payload["data"]["email"] == "anna@example.com"
    assert payload["data"]["consent"]["version"] == "2026-11"


def test_the_ip_hash_key_rotates_daily_and_old_keys_are_deleted(settings):
    today = timezone.now()
    yesterday = today - timedelta(days=1)
    assert iphash.ip_hash("198.51.100.1", today) != iphash.ip_hash("198.51.100.1", yesterday)
    assert iphash.ip_hash("198.51.100.1", today) == iphash.ip_hash("198.51.100.1", today)
    iphash.ip_hash("198.51.100.1", today - timedelta(days=45))
    assert HashKey.objects.count() == 3
    call_command("purge_personal_data", verbosity=0)
    assert HashKey.objects.count() == 2  # keys older than IP_HASH_KEY_DAYS (30) are gone


def test_a_second_submit_keeps_the_first_sign_up(act, prompt):
    block, token = prompt
    act("newsletter", token, block, email="first@example.com", consent=True)
    again = act("newsletter", token, block, email="second@example.com", consent=True)
    assert again.status_code == 200
    assert list(NewsletterSignup.objects.values_list("email", flat=True)) == ["first@example.com"]


def test_error_messages_do_not_echo_the_address(act, prompt):
    block, token = prompt
    response = act("newsletter", token, block, email="anna(at)example.com", consent=True)
    assert response.status_code == 400
    assert "anna" not in response.content.decode()


@pytest.mark.parametrize("accept_language", [None, "en"])
def test_errors_speak_the_page_s_language_not_the_browser_s(act, prompt, accept_language):
    block, token = prompt  # a German page
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    before = translation.get_language()
    response = act("newsletter", token, block, headers=headers, email="kaputt", consent=False)
    assert response.status_code == 400
    assert "Enter a valid email address" not in response.json()["detail"]
    assert translation.get_language() == before, "the thread's language is left as it was"


@pytest.mark.parametrize("variant_block", ["same id as the original's", "its own id"])
def test_a_sign_up_on_an_ab_variant_keeps_the_consent_text_it_showed(
    api, act, shop, make_page, token_for, variant_block
):
    block = NewsletterPromptBlock()

    def prompt_child(block_id, text, version):
        value = {
            **block.get_preview_value(),
            "consent_text": text,
            "consent_version": version,
        }
        return {
            "type": "newsletter_prompt",
            "id": block_id,
            "value": block.get_prep_value(block.to_python(value)),
        }

    original = "11111111-2222-3333-4444-555555555555"
    shown = original if variant_block.startswith("same") else "99999999-2222-3333-4444-555555555555"
    page = make_page(shop, body=[])
    page.body = [prompt_child(original, "Newsletter only", "v1")]
    page.variants = [
        ThankYouPageVariant(
            name="B", weight=100, body=[prompt_child(shown, "Newsletter and partner offers", "v2")]
        )
    ]
    page.save_revision().publish()
    ab_testing.start(page, goal="signup", baseline=10, effect=5, sample_size=700)

    body = api.render({"token": token_for(shop)}).json()
    assert "partner offers" in body["html"]
    response = act(
        "newsletter", body["action_token"], shown, email="anna@example.com", consent=True
    )
    assert response.status_code == 201
    signup = NewsletterSignup.objects.get()
    assert (signup.consent_text, signup.consent_version) == ("Newsletter and partner offers", "v2")


@pytest.mark.parametrize(
    ("language", "locale", "words"),
    [
        ("de", "de-DE", "Ich möchte den Newsletter erhalten und kann mich jederzeit abmelden."),
        ("en", "en-GB", "I would like to receive the newsletter and can unsubscribe at any time."),
    ],
)
def test_a_prompt_without_consent_text_or_version_asks_in_the_standard_words(
    act, shop, rendered, language, locale, words
):
    value = {
        **NewsletterPromptBlock().get_preview_value(),
        "consent_text": "",
        "consent_version": "",
    }
    body = rendered(shop, [("newsletter_prompt", value)], language=language, locale=locale)
    assert words in body["html"]
    response = act(
        "newsletter",
        body["action_token"],
        body["blocks"][0]["id"],
        email="a@b.example",
        consent=True,
    )
    assert response.status_code == 201
    signup = NewsletterSignup.objects.get()
    assert signup.consent_text == words
    expected = "text-" + hashlib.sha256(words.encode()).hexdigest()[:8]
    assert signup.consent_version == expected, "the same words, the same version"
