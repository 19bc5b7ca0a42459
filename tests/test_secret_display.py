"""
Signing secrets (the shop's and each webhook subscription's) are shown in
full once, on the page right after they are made, and masked afterwards.
"""

import pytest

from tests.conftest import login
from thankyou.core.models import Shop
from thankyou.webhooks.models import WebhookSubscription

pytestmark = pytest.mark.django_db

SHOP_FORM = {
    "name": "Zeta",
    "key": "zeta",
    "allowed_origins": "https://zeta.example",
    "timezone": "Europe/Berlin",
    "country": "DE",
    "order_cutoff": "14:00",
    "delivery_days": 2,
    "default_locale": "de",
    "score_orders_per_year": 6,
    "score_lifetime_value": 1000,
    "color_primary": "#112233",
    "color_text": "#112233",
    "color_background": "#ffffff",
    "font_family": "Inter",
    "corner_radius": 4,
    "retention_days": 365,
}


def page(response):
    return response.content.decode()


def test_a_new_shops_secret_is_shown_once_right_after_saving():
    admin = login(superuser=True)
    created = admin.post("/cms/shop/new/", SHOP_FORM, follow=True)
    shop = Shop.objects.get(key="zeta")
    secret = shop.secrets.get()
    assert created.redirect_chain == [(f"/cms/shop/edit/{shop.pk}/", 302)], "shown at once"
    assert secret.secret in page(created)
    assert "Copy it now: it is shown only this once." in page(created)
    later = page(admin.get(f"/cms/shop/edit/{shop.pk}/"))
    assert secret.secret not in later and secret.secret[:16] not in later
    assert secret.kid in later and secret.secret[-4:] in later, "told apart by its end"


def test_an_added_secret_is_shown_once_and_the_older_one_masked(shop):
    owner = login(shop.owners)
    old = shop.secrets.get()
    assert old.secret not in page(owner.get(f"/cms/shop/edit/{shop.pk}/"))
    added = owner.post(f"/cms/shop/{shop.pk}/secrets/add/", follow=True)
    new = shop.secrets.exclude(pk=old.pk).get()
    assert new.secret in page(added) and old.secret not in page(added)
    assert new.secret not in page(owner.get(f"/cms/shop/edit/{shop.pk}/"))
    other = login(shop.owners, username="co-owner")  # nor to anyone else afterwards
    assert new.secret not in page(other.get(f"/cms/shop/edit/{shop.pk}/"))


def test_a_webhook_secret_is_shown_once_and_can_be_replaced(shop, dns):
    dns["crm.example"] = "93.184.216.34"
    owner = login(shop.owners)
    form = {"shop": shop.pk, "url": "https://crm.example/hook", "events": ["quiz.answered"]}
    created = owner.post("/cms/webhook_subscriptions/new/", {**form, "active": "on"}, follow=True)
    subscription = WebhookSubscription.objects.get()
    edit_url = f"/cms/webhook_subscriptions/edit/{subscription.pk}/"
    assert created.redirect_chain == [(edit_url, 302)]
    assert subscription.secret in page(created)
    later = page(owner.get(edit_url))
    assert subscription.secret not in later and subscription.secret[-4:] in later

    asked = owner.get(f"/cms/webhook_subscriptions/{subscription.pk}/new-secret/")
    assert "the receiving system refuses them until it checks with the new one" in page(asked)
    old = subscription.secret
    subscription.refresh_from_db()
    assert subscription.secret == old, "asking is not replacing"
    replaced = owner.post(f"/cms/webhook_subscriptions/{subscription.pk}/new-secret/", follow=True)
    subscription.refresh_from_db()
    assert subscription.secret != old and len(subscription.secret) == 64
    assert subscription.secret in page(replaced)
    assert subscription.secret not in page(owner.get(edit_url))

    current = subscription.secret
    editor = login(shop.editors, username="editor")
    url = f"/cms/webhook_subscriptions/{subscription.pk}/new-secret/"
    assert editor.post(url).status_code == 404, "owners only"
    subscription.refresh_from_db()
    assert subscription.secret == current
