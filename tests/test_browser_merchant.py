"""
In a real Chromium, what a new merchant sees in the English admin: one
language, live page trees whose lists say language, audience and rank, gift
codes pasted for one gift block, and reports in the merchant's own words.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import logged_in, send_events
from thankyou.analytics import rollup
from thankyou.blocks.gift_code import GiftCodeBlock
from thankyou.blocks.models import GiftCode
from thankyou.blocks.quiz import QuizBlock
from thankyou.core.models import Shop
from thankyou.pages.models import ShopRootPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_demo_shop_s_admin_speaks_english_and_says_who_sees_which_page(browser, server):
    call_command("seed_demo", stdout=io.StringIO())
    shop = Shop.objects.get(key="demo")
    tab = logged_in(browser, server, shop.owners)
    expect(tab.get_by_role("heading", name="Thank-you pages")).to_be_visible()
    expect(tab.locator("main")).not_to_contain_text("localhost")

    tab.goto(f"{server}/cms/pages/")
    trees = tab.locator("table.listing tbody tr")
    live = re.compile(r"status:\s*live", re.IGNORECASE)  # shown in capitals
    expect(trees.filter(has_text="English")).to_contain_text(live)
    expect(trees.filter(has_text="German")).to_contain_text(live)
    expect(tab.locator("table.listing")).not_to_contain_text(re.compile("draft", re.IGNORECASE))

    english = ShopRootPage.objects.get(shop=shop, locale__language_code="en")
    tab.goto(f"{server}/cms/pages/{english.pk}/")
    pages = tab.locator("table.listing tbody tr")
    expect(pages.filter(has_text="VIP (priority 80)")).to_contain_text("1 of 2")
    expect(pages.filter(has_text="Every order (default page)")).to_contain_text("2 of 2")
    assert pages.filter(has_text="English").count() == 2

    tab.goto(f"{server}/cms/snippets/thankyou/segment/")
    expect(tab.locator("main")).to_contain_text("Returning customer")
    expect(tab.locator("main")).not_to_contain_text("Stammkunde")

    default = english.get_children().live().specific().get(thankyoupage__segment=None)
    tab.goto(f"{server}/cms/pages/{default.pk}/edit/")
    check = tab.locator("section", has_text="Experience check").first
    expect(check).to_contain_text("New customer with an account")
    expect(check).not_to_contain_text("Neukundin")


def test_codes_pasted_for_a_gift_block_and_reports_in_the_merchant_s_words(
    browser, server, make_shop, make_page, api, token_for, settings
):
    settings.THANKYOU = {**settings.THANKYOU, "ROLLUP_LAG": 0}
    shop = make_shop("acme")
    gift = {**GiftCodeBlock().get_preview_value(), "heading": "A winter gift"}
    quiz = QuizBlock().get_preview_value()
    make_page(shop, body=[("quiz", quiz), ("gift_code", gift)], title="Winter", cta_limit=2)
    tab = logged_in(browser, server, shop.editors)

    tab.goto(f"{server}/cms/gift_codes/upload/")
    expect(tab.get_by_label("Shop")).to_have_value(str(shop.pk))
    tab.get_by_label("For gift block").select_option(label="Winter: A winter gift")
    tab.get_by_label("Paste codes").fill("WINTER-1\nWINTER-2\n")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Upload").click()
    expect(tab.locator(".messages")).to_contain_text("2 codes added to “Winter: A winter gift”.")
    row = tab.locator("table.listing tbody tr", has_text="WINTER-1")
    expect(row).to_contain_text("Winter: A winter gift")
    assert set(GiftCode.objects.values_list("pool", flat=True)) != {""}

    asked = quiz["questions"][0]
    for n in range(3):
        send_events(api, token_for, shop, f"o-{n}", [("answer", 0, {"detail": f"0:{n % 2}"})])
    rollup.roll_up()
    tab.goto(f"{server}/cms/thankyou/analytics/")
    answers = tab.locator("section", has_text="Quiz and survey answers").first
    expect(answers).to_contain_text(f"Quiz: {quiz['heading']}")
    first = f"{asked['question']}: {asked['options'][0]['label']}"
    expect(answers.get_by_role("row", name=re.compile(re.escape(first)))).to_contain_text("2")
    expect(answers).not_to_contain_text("0:0")
