"""
The demo in a real Chromium: a guest answers the quiz and the survey, signs up
for the newsletter and reveals a gift, all inside the shadow root; a reload
remembers it; the merchant's webhook receiver gets each, signed.
"""

import json
import re

import pytest
from django.core.management import call_command

from tests.conftest import wait_until
from thankyou.analytics.models import Event
from thankyou.blocks.models import Interaction
from thankyou.webhooks import outbox
from thankyou.webhooks.models import WebhookDelivery

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(server, settings, tmp_path):
    settings.THANKYOU = {**settings.THANKYOU, "WEBHOOKS_ALLOW_LOOPBACK": True}
    settings.DEMO_WEBHOOK_LOG = tmp_path / "webhooks.jsonl"
    call_command("seed_demo", verbosity=0)
    return server


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def focused(tab):
    return tab.locator("thankyou-page").evaluate(
        "host => host.shadowRoot.activeElement && host.shadowRoot.activeElement.textContent"
    )


def visible_calls_to_action(tab):
    return tab.locator("thankyou-page").evaluate(
        """host => [...host.shadowRoot.querySelectorAll('section')]
            .filter(s => !s.hidden && s.querySelector('form[data-action], [data-dismiss]'))
            .map(s => s.dataset.type)"""
    )


def test_a_guest_answers_signs_up_and_reveals_a_gift_in_the_shadow_root(demo, tab):
    """One call to action at a time: each follows when the one before is done or dismissed."""
    tab.goto(f"{demo}/demo/?customer=guest&lang=de")
    account = tab.locator("section[data-type=account_prompt]")
    account.wait_for()
    assert visible_calls_to_action(tab) == ["account_prompt"]
    assert account.get_by_role("link", name="Konto anlegen").is_visible()
    account.get_by_role("button", name="Jetzt nicht").click()
    assert account.is_hidden()

    newsletter = tab.locator("section[data-type=newsletter_prompt]")
    newsletter.wait_for()
    assert visible_calls_to_action(tab) == ["newsletter_prompt"]
    assert newsletter.get_by_label("E-Mail-Adresse").input_value() == "lena@example.com"
    newsletter.get_by_role("button", name="Newsletter abonnieren").click()
    newsletter.get_by_text("Fast geschafft").wait_for()
    # Done: the form, its small print and "Not now" go; the focus stays on the answer.
    assert "Fast geschafft" in focused(tab)
    assert newsletter.locator("form, .ty-muted, [data-dismiss]").count() == 0

    # The quiz follows, by keyboard only: Space picks an answer, Tab moves on, Enter sends.
    quiz = tab.locator("section[data-type=quiz]")
    quiz.wait_for()
    quiz.get_by_label("Direkt nach dem Aufstehen").focus()
    tab.keyboard.press("Space")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Space")  # the first answer of the second question
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    quiz.get_by_text("Espresso-Liebhaber").wait_for()
    assert quiz.locator("form").count() == 0

    # The next one appears; the focus stays on the result, to be read first.
    survey = tab.locator("section[data-type=survey]")
    survey.wait_for()
    assert "Espresso-Liebhaber" in focused(tab)
    survey.get_by_role("radio", name="Etwas anderes").check()
    other = survey.get_by_label("Etwas anderes, in eigenen Worten")
    assert other.bounding_box()["width"] > 100, "a field one can see the words in"
    survey.get_by_role("button", name="Absenden").click()  # the words forgotten
    survey.get_by_text("Erzähl es uns bitte in ein paar Worten.").wait_for()
    assert focused(tab) == "Erzähl es uns bitte in ein paar Worten."
    assert "Das hat leider nicht geklappt" not in survey.inner_text()
    other.fill("Eine Kollegin")
    survey.get_by_role("button", name="Absenden").click()
    survey.get_by_text("Danke, dass du es uns verraten hast!").wait_for()

    gift = tab.locator("section[data-type=gift_code]")
    gift.get_by_role("button", name="Geschenk aufdecken").click()
    code = gift.locator("[data-slot=code]")
    code.wait_for()
    assert re.fullmatch(r"BOHNE-[0-9A-F]{6}", code.text_content())
    revealed = code.text_content()
    assert tab.errors == []

    kinds = sorted(Interaction.objects.values_list("kind", flat=True))
    assert kinds == ["gift", "newsletter", "quiz", "survey"]

    # A reload remembers: results instead of questions; the account prompt,
    # only dismissed, asks again.
    tab.reload()
    tab.locator("section[data-type=account_prompt]").wait_for()
    tab.locator("section[data-type=quiz]").get_by_text("Espresso-Liebhaber").wait_for()
    assert tab.locator("section[data-type=quiz] [data-dismiss]").count() == 0
    assert tab.locator("section[data-type=gift_code] [data-slot=code]").text_content() == revealed
    assert (
        tab.locator("thankyou-page").evaluate(
            "host => host.shadowRoot.querySelectorAll('form[data-action]').length"
        )
        == 0
    )

    # The merchant's system (here the demo receiver) gets each event, signed.
    assert outbox.drive() == 4
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    with open(demo_log(), encoding="utf-8") as fh:
        received = [json.loads(line) for line in fh]
    assert sorted(entry["event"] for entry in received) == [
        "gift.claimed",
        "newsletter.signed_up",
        "quiz.answered",
        "survey.answered",
    ]
    assert all(entry["signature_valid"] for entry in received)
    signup = next(e for e in received if e["event"] == "newsletter.signed_up")
    assert signup["payload"]["data"]["email"] == "lena@example.com"


def test_each_answer_is_counted_as_its_form_says(demo, tab):
    """The embed knows no kinds: the form's data-track names the event, the
    radio buttons chosen are its details."""
    tab.goto(f"{demo}/demo/?customer=guest&lang=de")
    tab.locator("section[data-type=account_prompt]").get_by_role(
        "button", name="Jetzt nicht"
    ).click()
    newsletter = tab.locator("section[data-type=newsletter_prompt]")
    newsletter.get_by_role("button", name="Newsletter abonnieren").click()
    newsletter.get_by_text("Fast geschafft").wait_for()
    quiz = tab.locator("section[data-type=quiz]")
    quiz.get_by_label("Direkt nach dem Aufstehen").check()
    quiz.get_by_label("Mild, in einer großen Tasse").check()
    quiz.get_by_role("button").first.click()
    quiz.locator("[data-show=done]").wait_for()
    tab.goto("about:blank")  # pagehide: the batch goes out

    def counted():
        found = set(
            Event.objects.filter(type__in=["signup", "answer"]).values_list("type", "detail")
        )
        return found if {"signup", "answer"} <= {kind for kind, _detail in found} else None

    assert wait_until(counted) == {("signup", ""), ("answer", "0:0"), ("answer", "1:1")}
    assert tab.errors == []


def demo_log():
    from django.conf import settings

    return settings.DEMO_WEBHOOK_LOG


def test_an_empty_pool_is_told_kindly(demo, tab):
    from thankyou.blocks.models import GiftCode

    GiftCode.objects.all().delete()
    tab.goto(f"{demo}/demo/?customer=guest&lang=en")
    # Dismiss the calls to action before the gift (account, newsletter, quiz, survey).
    for _ in range(4):
        tab.locator("section:not([hidden])").get_by_role("button", name="Not now").click()
    gift = tab.locator("section[data-type=gift_code]")
    gift.get_by_role("button", name="Reveal my gift").click()
    gift.get_by_text("All our vouchers have found a home for now").wait_for()
    assert "All our vouchers" in focused(tab)


def test_after_the_last_not_now_the_focus_stays_in_the_content(demo, tab):
    tab.goto(f"{demo}/demo/?customer=guest&lang=en")
    tab.locator("section[data-type=account_prompt]").wait_for()
    for _ in range(5):
        tab.locator("section:not([hidden])").get_by_role("button", name="Not now").focus()
        tab.keyboard.press("Enter")
    assert tab.locator("section:not([hidden]) [data-dismiss]").count() == 0
    region = tab.locator("thankyou-page").evaluate(
        "host => host.shadowRoot.activeElement.getAttribute('aria-label')"
    )
    assert region == "Thanks from Bohnenglück Kaffeerösterei"
