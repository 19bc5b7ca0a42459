"""
Which page an order gets: pages for segments by priority, the first match
wins, a default page catches the rest; the order's language first, then the
shop's default language.
"""

import pytest

from thankyou.targeting.models import Segment

pytestmark = pytest.mark.django_db

RETURNING = [("orders_count", {"minimum": 2, "maximum": None})]
ACCOUNT = [("customer_type", {"customer": "account"})]
NOBODY = [("shipping_country", {"countries": "IS"})]


def segment(shop, name, conditions):
    return Segment.objects.create(shop=shop, name=name, conditions=conditions)


@pytest.fixture
def title_for(api, token_for):
    def title(shop, **claims):
        response = api.render({"token": token_for(shop, **claims)})
        if response.status_code == 204:
            return None
        assert response.status_code == 200, response.content
        return response.json()["page"]["title"]

    return title


def returning(orders=3):
    return {
        "customer": {"id": "c-1", "is_guest": False, "orders_count": orders, "total_spent": "90"}
    }


def test_the_first_matching_page_by_priority_wins(shop, make_page, title_for):
    make_page(shop, title="Default")
    make_page(shop, title="Accounts", segment=segment(shop, "Accounts", ACCOUNT), priority=10)
    make_page(shop, title="Returning", segment=segment(shop, "Returning", RETURNING), priority=90)
    assert title_for(shop, **returning()) == "Returning"
    assert title_for(shop, **returning(orders=1)) == "Accounts"


def test_equal_priorities_go_by_the_order_in_the_page_tree(shop, make_page, title_for):
    make_page(shop, title="First", segment=segment(shop, "Accounts", ACCOUNT))
    make_page(shop, title="Second", segment=segment(shop, "Returning", RETURNING))
    assert title_for(shop, **returning()) == "First"


def test_the_default_page_catches_the_rest_wherever_it_is(shop, make_page, title_for):
    make_page(shop, title="Default", priority=100)
    make_page(shop, title="Nobody's", segment=segment(shop, "Nobody", NOBODY), priority=0)
    make_page(shop, title="Returning", segment=segment(shop, "Returning", RETURNING), priority=0)
    assert title_for(shop, **returning()) == "Returning", "segment pages come before defaults"
    assert title_for(shop, **returning(orders=1)) == "Default"


def test_without_a_default_page_an_order_no_segment_takes_gets_nothing(shop, make_page, title_for):
    make_page(shop, title="Returning", segment=segment(shop, "Returning", RETURNING))
    assert title_for(shop, **returning()) == "Returning"
    assert title_for(shop, **returning(orders=1)) is None  # 204: the embed shows nothing


def test_drafts_and_unpublished_pages_are_not_chosen(shop, make_page, title_for):
    make_page(shop, title="Default")
    make_page(shop, title="Draft", segment=segment(shop, "Returning", RETURNING), publish=False)
    assert title_for(shop, **returning()) == "Default"


def test_the_orders_language_comes_first_then_the_shops_default_language(
    shop, make_page, title_for
):
    """The demo shop speaks German by default; an English page takes English orders."""
    assert shop.default_locale == "de"
    make_page(shop, title="Standard")
    make_page(shop, title="Stammkunden", segment=segment(shop, "Returning", RETURNING))
    assert title_for(shop, locale="en-GB", **returning()) == "Stammkunden"

    make_page(shop, title="Thanks", language="en")
    assert title_for(shop, locale="en-GB", **returning()) == "Thanks", "English before German"
    assert title_for(shop, locale="fr-FR", **returning()) == "Stammkunden"


def test_an_order_no_page_of_its_language_takes_falls_back_to_the_default_language(
    shop, make_page, title_for
):
    make_page(shop, title="Standard")
    make_page(shop, title="Returning", segment=segment(shop, "Returning", RETURNING), language="en")
    assert title_for(shop, locale="en-US", **returning()) == "Returning"
    assert title_for(shop, locale="en-US", **returning(orders=1)) == "Standard"


def test_a_changed_segment_takes_effect_at_once(shop, make_page, title_for):
    make_page(shop, title="Default")
    vip = segment(shop, "Returning", RETURNING)
    make_page(shop, title="Returning", segment=vip)
    assert title_for(shop, **returning()) == "Returning"
    vip.conditions = [("orders_count", {"minimum": 10, "maximum": None})]
    vip.save()
    assert title_for(shop, **returning()) == "Default"
    assert title_for(shop, **returning(orders=12)) == "Returning"


def test_a_test_order_may_name_a_page_whatever_its_segment(shop, make_page, api, token_for):
    make_page(shop, title="Default")
    page = make_page(shop, title="Nobody's", segment=segment(shop, "Nobody", NOBODY))
    body = api.render({"token": token_for(shop, test=True), "page": page.pk}).json()
    assert body["page"]["title"] == "Nobody's"


def test_a_real_order_cannot_name_a_page_past_its_targeting(shop, make_page, api, token_for):
    """Customers can read their own token in the page: they must not pick the VIPs' page."""
    make_page(shop, title="Default")
    page = make_page(shop, title="VIPs only", segment=segment(shop, "Nobody", NOBODY))
    response = api.render({"token": token_for(shop), "page": page.pk})
    assert response.status_code == 400
    assert response.json()["field"] == "page"
    assert response.json()["code"] == "page_not_allowed"
    assert "VIPs only" not in response.content.decode()


def test_another_shops_page_cannot_be_named(make_shop, make_page, api, token_for):
    alpha, beta = make_shop("alpha"), make_shop("beta")
    make_page(alpha)
    theirs = make_page(beta)
    response = api.render({"token": token_for(alpha, test=True), "page": theirs.pk})
    assert response.status_code == 404
    assert response.json()["field"] == "page"
