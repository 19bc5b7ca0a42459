"""In a real Chromium: the admin's forms do what editors expect."""

import pytest
from playwright.sync_api import expect

from tests.conftest import logged_in
from thankyou.blocks.quiz import QuizBlock
from thankyou.core.models import Shop, ShopSecret

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_enter_in_a_field_saves_the_shop_and_leaves_its_secrets_alone(browser, server):
    shop = Shop.objects.create(key="acme", name="Acme")
    ShopSecret.objects.create(shop=shop)  # two secrets: each can be revoked
    secrets = set(shop.secrets.values_list("kid", flat=True))
    page = logged_in(browser, server, shop.owners)
    page.goto(f"{server}/cms/shop/edit/{shop.pk}/")
    page.fill("input[name=name]", "Acme Kaffee")
    with page.expect_navigation():
        page.press("input[name=name]", "Enter")

    shop.refresh_from_db()
    assert shop.name == "Acme Kaffee"
    assert set(shop.secrets.values_list("kid", flat=True)) == secrets

    page.goto(f"{server}/cms/shop/edit/{shop.pk}/")
    page.fill("input[name=name]", "Unsaved")
    page.on("dialog", lambda dialog: dialog.accept())  # the admin asks before leaving
    with page.expect_navigation():
        page.get_by_role("link", name="Revoke").first.click()
    assert shop.secrets.count() == 2, "nothing revoked before it is confirmed"
    with page.expect_navigation():
        page.get_by_role("button", name="Revoke").click()
    assert shop.secrets.count() == 1


def test_a_collapsed_call_to_action_is_titled_by_its_heading_not_its_priority(
    browser, server, make_shop, make_page
):
    shop = make_shop("acme")
    thanks = make_page(shop, body=[("quiz", QuizBlock().get_preview_value())])
    page = logged_in(browser, server, shop.editors)
    page.goto(f"{server}/cms/pages/{thanks.pk}/edit/")
    title = page.locator("[data-streamfield-child] [data-panel-heading-text]").first
    expect(title).to_have_text("Welcher Kaffeetyp bist du?")  # once the editor's script ran
    assert title.inner_text() == "Welcher Kaffeetyp bist du?"

    page.fill("input[name='body-0-value-heading']", "")
    toggle = page.locator("[data-streamfield-child] [data-panel-toggle]").first
    toggle.click()  # collapse
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert title.inner_text() == "", "not the priority, 50"


def test_a_quiz_answer_s_outcome_is_chosen_from_the_quiz_s_outcomes(
    browser, server, make_shop, make_page
):
    shop = make_shop("acme")
    thanks = make_page(shop, body=[("quiz", QuizBlock().get_preview_value())])
    page = logged_in(browser, server, shop.editors)
    page.goto(f"{server}/cms/pages/{thanks.pk}/edit/")
    outcome = page.locator("input[name='body-0-value-questions-0-value-options-0-value-outcome']")
    page.fill("input[name='body-0-value-outcomes-0-value-title']", "Der Espresso-Typ")
    outcome.focus()

    offered = page.locator(f"datalist#{outcome.get_attribute('id')}-outcomes option")
    expect(offered).to_have_count(2)
    assert [option.get_attribute("value") for option in offered.all()] == ["espresso", "filter"]
    assert offered.first.get_attribute("label") == "Der Espresso-Typ (espresso)"
    assert outcome.get_attribute("list") == f"{outcome.get_attribute('id')}-outcomes"


def test_answers_and_deliveries_show_one_named_time_zone_and_nothing_for_nothing(browser, server):
    """A delivery made at 5:54 UTC tried at 5:54 UTC reads 6:54 Berlin time both times."""
    from datetime import UTC, datetime

    from thankyou.blocks.models import SurveyAnswer
    from thankyou.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

    made = datetime(2026, 12, 7, 5, 54, tzinfo=UTC)
    shop = Shop.objects.create(key="acme", name="Acme", timezone="Europe/Berlin")
    answer = SurveyAnswer.objects.create(
        shop=shop, order_id="A-1", block_id="b", kind="survey", option="friends",
        option_label="From friends", total="12.50", currency="EUR",
    )  # fmt: skip
    SurveyAnswer.objects.filter(pk=answer.pk).update(created_at=made)
    subscription = WebhookSubscription.objects.create(
        shop=shop, url="https://crm.example/", events=["survey.answered"]
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, shop=shop, event="survey.answered", payload={}
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=made)
    WebhookAttempt.objects.create(delivery=delivery, started_at=made, status_code=200)
    tab = logged_in(browser, server, shop.owners)

    tab.goto(f"{server}/cms/survey_answers/")
    row = tab.locator("table.listing tbody tr").first
    expect(row).to_contain_text("Dec. 7, 2026, 6:54 a.m. (Europe/Berlin)")
    expect(row).not_to_contain_text("None")

    tab.goto(f"{server}/cms/webhook_deliveries/")
    row = tab.locator("table.listing tbody tr").first
    expect(row).to_contain_text("Dec. 7, 2026, 6:54 a.m. (Europe/Berlin)")
    expect(row).not_to_contain_text("None")  # no status code, error or next attempt yet

    tab.goto(f"{server}/cms/webhook_deliveries/inspect/{delivery.pk}/")
    expect(tab.locator("main")).not_to_contain_text("None")
    expect(tab.locator("main")).not_to_contain_text("5:54")
    attempt = tab.locator("table.listing tbody tr").first
    expect(attempt).to_contain_text("Dec. 7, 2026, 6:54 a.m. (Europe/Berlin)")


def test_each_block_s_header_says_who_sees_it(browser, server, make_shop, make_page):
    from thankyou.targeting.models import Segment

    shop = make_shop("acme")
    vip = Segment.objects.create(
        shop=shop, name="VIP", conditions=[("orders_count", {"minimum": 5, "maximum": None})]
    )
    quiz = QuizBlock().get_preview_value()
    thanks = make_page(shop, body=[("quiz", {**quiz, "target_segments": [vip.pk]}), ("quiz", quiz)])
    page = logged_in(browser, server, shop.editors)
    page.goto(f"{server}/cms/pages/{thanks.pk}/edit/")
    audiences = page.locator("[data-panel-heading] > .ty-audience")
    expect(audiences).to_have_text(["Only for: VIP", "Everyone"])
    heading = page.locator("[data-panel-heading]:has(> .ty-audience)").nth(1)
    assert heading.text_content().split() == [
        "Quiz",
        "Welcher",
        "Kaffeetyp",
        "bist",
        "du?",
        "Everyone",
    ]

    first = page.locator("[data-streamfield-child]").first
    first.get_by_role("button", name="Settings").click()
    settings = first.locator("[data-block-settings]")
    settings.locator("[data-streamfield-child], section[data-panel]").first.get_by_role(
        "button", name="Delete"
    ).click()
    expect(audiences).to_have_text(["Everyone", "Everyone"])
