"""Each of a shop's page trees is live and says its language in the page list."""

import pytest

from tests.conftest import login
from thankyou.pages.models import ShopRootPage

pytestmark = pytest.mark.django_db


def test_every_language_s_page_tree_is_live_not_a_draft(shop):
    roots = ShopRootPage.objects.filter(shop=shop)
    assert {root.locale.language_code for root in roots} == {"de", "en"}
    assert all(root.live and not root.has_unpublished_changes for root in roots)


def test_the_page_list_of_a_tree_says_its_language(shop, make_page):
    make_page(shop, title="Thanks", language="en")
    english = ShopRootPage.objects.get(shop=shop, locale__language_code="en")
    html = login(shop.editors, language="en").get(f"/cms/pages/{english.pk}/").content.decode()
    assert "Thanks" in html
    assert "English" in html
    assert "Draft" not in html


def test_no_page_list_asks_to_configure_a_wagtail_site(shop, make_page):
    make_page(shop)
    admin = login(superuser=True, username="root", language="en")
    for root in [None, *ShopRootPage.objects.filter(shop=shop)]:
        url = f"/cms/pages/{root.pk}/" if root else "/cms/pages/"
        html = admin.get(url, follow=True).content.decode()
        assert "Configure a site now" not in html, url
        assert "There is no site" not in html, url
    html = admin.get("/cms/pages/", follow=True).content.decode()
    assert "no site needs configuring" in html
