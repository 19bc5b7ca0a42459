"""
Publishing a page says when no customer will see it or whom it takes from
another page, and the page list shows each page's language, audience and rank.
"""

import pytest
from playwright.sync_api import expect

from tests.conftest import logged_in
from thankyou.pages.models import ThankYouPage
from thankyou.pages.reach import publish_messages, reach_of
from thankyou.targeting.models import Segment

VIP = [("orders_count", {"minimum": 5, "maximum": None})]


def publish(browser, server, shop, page):
    """Publish the page from its editor, as the merchant does; the tab stays on the list."""
    tab = logged_in(browser, server, shop.editors)
    tab.goto(f"{server}/cms/pages/{page.pk}/edit/")
    tab.get_by_role("button", name="More actions").click()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Publish").click()
    return tab


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_a_page_an_older_page_keeps_from_every_customer_says_so(
    browser, server, make_shop, make_page
):
    shop = make_shop("acme", default_locale="en")
    make_page(shop, title="Older page")
    vip = Segment.objects.create(shop=shop, name="VIP", conditions=VIP)
    make_page(shop, title="VIP page", segment=vip, priority=80)
    new = make_page(shop, title="New page", publish=False)

    tab = publish(browser, server, shop, new)

    messages = tab.locator(".messages")
    expect(messages).to_contain_text("No customer will see this page: “Older page”")
    rows = {
        row.locator("td").nth(1).inner_text().split("\n")[0]: row
        for row in tab.locator("table.listing tbody tr").all()
    }
    assert set(rows) >= {"Older page", "VIP page", "New page"}
    expect(rows["VIP page"]).to_contain_text("VIP (priority 80)")
    expect(rows["VIP page"]).to_contain_text("1 of 3")
    expect(rows["Older page"]).to_contain_text("Every order (default page)")
    expect(rows["Older page"]).to_contain_text("2 of 3")
    expect(rows["New page"]).to_contain_text("Never shown: “Older page” comes first")
    for row in rows.values():
        expect(row).to_contain_text("English")


@pytest.mark.django_db
def test_a_page_for_a_segment_says_whom_it_takes_from_the_default_page(shop, make_page):
    make_page(shop, title="Default")
    vip = Segment.objects.create(shop=shop, name="VIP", conditions=VIP)
    page = make_page(shop, title="For VIPs", segment=vip)
    assert publish_messages(page) == [
        ("info", "Customers in “VIP” now see this page instead of “Default”.")
    ]


@pytest.mark.django_db
def test_publishing_again_names_only_the_pages_it_newly_takes_orders_from(shop, make_page):
    make_page(shop, title="Older", priority=40)
    page = make_page(shop, title="Winter", priority=60)
    taken = ("info", "No customer sees “Older” any more: this page, for every order, comes first.")
    before = reach_of(page)
    assert publish_messages(page, before) == [], "published again: nothing new"
    assert publish_messages(page) == [taken], "published the first time"
    make_page(shop, title="Oldest", priority=10)
    assert publish_messages(page, before) == [
        ("info", "No customer sees “Oldest” any more: this page, for every order, comes first.")
    ]


@pytest.mark.django_db
def test_a_default_page_says_which_segment_pages_come_first(shop, make_page):
    vip = Segment.objects.create(shop=shop, name="VIP", conditions=VIP)
    make_page(shop, title="For VIPs", segment=vip)
    page = make_page(shop, title="Default")
    assert publish_messages(page) == [
        ("info", "Customers in “VIP” see “For VIPs” instead: it comes first.")
    ]


@pytest.mark.django_db
def test_a_second_page_for_the_same_segment_is_never_seen(shop, make_page):
    vip = Segment.objects.create(shop=shop, name="VIP", conditions=VIP)
    make_page(shop, title="First", segment=vip, priority=80)
    page = make_page(shop, title="Second", segment=vip, priority=20)
    [(level, text)] = publish_messages(page)
    assert level == "warning"
    assert "No customer will see this page: “First”, for the same segment" in text


@pytest.mark.django_db
def test_a_page_alone_in_its_language_says_nothing(shop, make_page):
    make_page(shop, title="Deutsch")
    page = make_page(shop, title="English", language="en")
    assert publish_messages(page) == []
    assert not ThankYouPage.objects.get(pk=page.pk).segment_id


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_add_page_form_left_unsaved_keeps_no_page(browser, server, make_shop, make_page):
    """Wagtail's autosave created the page at the form's first change; editing keeps it."""
    shop = make_shop("acme")
    root = shop.root_pages.get(locale__language_code="de")
    tab = logged_in(browser, server, shop.editors)
    tab.goto(f"{server}/cms/pages/add/thankyou/thankyoupage/{root.pk}/")
    tab.fill("input[name=title]", "Only begun")
    tab.locator("input[name=priority]").fill("60")
    expect(tab.locator("#w-autosave-indicator")).to_have_count(0)

    tab.on("dialog", lambda dialog: dialog.accept())  # the admin asks before leaving
    with tab.expect_navigation():
        tab.locator("a[href='/cms/']:visible").first.click()
    assert not ThankYouPage.objects.filter(shop=shop).exists()

    saved = make_page(shop, title="Saved once", publish=False)
    tab.goto(f"{server}/cms/pages/{saved.pk}/edit/")
    expect(tab.locator("#w-autosave-indicator")).to_have_count(1)
