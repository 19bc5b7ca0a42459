"""In a real Chromium: the shop settings form does what the keyboard asks."""

import pytest
from django.contrib.auth import get_user_model

from thankyou.models import Shop, ShopSecret

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_enter_in_a_field_saves_the_shop_and_leaves_its_secrets_alone(browser, server):
    shop = Shop.objects.create(key="acme", name="Acme")
    ShopSecret.objects.create(shop=shop)  # two secrets: each can be revoked
    secrets = set(shop.secrets.values_list("kid", flat=True))
    owner = get_user_model().objects.create_user("owner", password="pw-12345-long")
    owner.groups.add(shop.owners)

    page = browser.new_page()
    page.goto(f"{server}/cms/login/")
    page.fill("input[name=username]", "owner")
    page.fill("input[name=password]", "pw-12345-long")
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{server}/cms/")
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
