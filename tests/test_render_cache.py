"""
The render cache: warm renders touch no database (but to read the shop's
generations every CACHE_CHECK_SECONDS; the clock is stopped unless a test
moves it); publishing refreshes exactly what changed.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_claims
from tests.test_actions_api import interactive_body

pytestmark = pytest.mark.django_db


def queries_of(api, token):
    with CaptureQueriesContext(connection) as queries:
        response = api.render({"token": token})
    assert response.status_code == 200
    return len(queries), response.json()


def test_a_warm_render_makes_no_database_query(api, shop, page, token_for, clock):
    cold, _ = queries_of(api, token_for(shop))
    assert cold > 0
    warm, body = queries_of(api, token_for(shop, order={"id": "other-order"}))
    assert warm == 0
    assert "Thank you from Acme" in body["html"]


def test_a_warm_render_reads_the_generations_every_few_seconds(
    api, shop, page, token_for, clock, settings
):
    """Once per CACHE_CHECK_SECONDS, one query: what changed meanwhile in another process."""
    queries_of(api, token_for(shop))
    clock.advance(settings.THANKYOU["CACHE_CHECK_SECONDS"] - 1)
    assert queries_of(api, token_for(shop))[0] == 0
    clock.advance(1)
    assert queries_of(api, token_for(shop))[0] == 1
    assert queries_of(api, token_for(shop))[0] == 0


def test_publishing_refreshes_that_shop_only(api, make_shop, make_page, token_for, clock):
    alpha, beta = make_shop("alpha"), make_shop("beta")
    alpha_page, _ = make_page(alpha), make_page(beta)
    queries_of(api, token_for(alpha))
    queries_of(api, token_for(beta))

    alpha_page.body = [("heading", {"text": "New words", "subtitle": ""})]
    revision = alpha_page.save_revision()
    revision.publish()

    _, body = queries_of(api, token_for(alpha))
    assert "New words" in body["html"]
    assert body["revision"] == revision.pk
    assert queries_of(api, token_for(beta))[0] == 0, "the other shop's cache is untouched"


def test_publishing_a_page_keeps_the_other_pages_cached(api, shop, make_page, token_for, clock):
    from thankyou.pages.routing import load_targeting

    german = make_page(shop, language="de")
    make_page(shop, language="en", body=[("heading", {"text": "English words", "subtitle": ""})])
    german_token, english_token = token_for(shop), token_for(shop, locale="en-GB")
    queries_of(api, german_token)
    queries_of(api, english_token)

    german.body = [("heading", {"text": "Neue Worte", "subtitle": ""})]
    german.save_revision().publish()

    with CaptureQueriesContext(connection) as page_list:
        load_targeting(shop)
    queries, body = queries_of(api, english_token)
    assert "English words" in body["html"]
    assert queries == 1 + len(page_list), (
        "only the generations and the choice of page are read anew"
    )
    assert "Neue Worte" in queries_of(api, german_token)[1]["html"]


def test_a_draft_changes_nothing_until_published(api, shop, page, token_for, clock):
    queries_of(api, token_for(shop))
    page.body = [("heading", {"text": "Draft only", "subtitle": ""})]
    page.save_revision()
    queries, body = queries_of(api, token_for(shop))
    assert "Draft only" not in body["html"]
    assert queries == 0


def test_unpublishing_takes_the_page_away(api, shop, page, token_for):
    queries_of(api, token_for(shop))
    page.unpublish()
    assert api.render({"token": token_for(shop)}).status_code == 204


def test_a_revoked_secret_stops_working_at_once(api, shop, page, token_for):
    old = shop.secrets.get()
    token = token_for(shop, secret=old)
    queries_of(api, token)
    shop.secrets.create()
    old.delete()
    assert api.render({"token": token}).status_code == 401


def test_branding_changes_show_at_once(api, shop, page, token_for):
    queries_of(api, token_for(shop))
    shop.color_primary = "#ff0000"
    shop.save()
    _, body = queries_of(api, token_for(shop))
    assert "--ty-primary:#ff0000" in body["css"]


def test_a_warm_render_of_the_demo_page_makes_no_database_query(api, token_for, clock):
    from django.core.management import call_command

    from thankyou.core.models import Shop

    call_command("seed_demo", verbosity=0)
    shop = Shop.objects.get(key="demo")
    first = token_for(shop, customer={"first_name": "Ada", "is_guest": True})
    queries_of(api, first)
    warm, body = queries_of(api, token_for(shop, customer={"first_name": "Grace"}))
    assert warm == 0
    assert len(body["blocks"]) >= 8
    assert "Grace" in body["html"] and "Ada" not in body["html"]


def test_deleting_a_page_takes_it_away(api, shop, page, token_for):
    queries_of(api, token_for(shop))
    page.delete()
    assert api.render({"token": token_for(shop)}).status_code == 204


@pytest.mark.skipif(not settings.REDIS_URL, reason="round trips to Redis: with REDIS_URL only")
def test_a_warm_render_asks_redis_once(api, shop, make_page, token_for, monkeypatch):
    """The rate limit's count and what the order did: one round trip (the generations are
    read from the database every few seconds, not from Redis)."""
    import redis.connection

    make_page(shop, body=interactive_body())
    for order_id in ("A-1", "A-2"):
        api.render({"token": token_for(shop, order={**make_claims(shop)["order"], "id": order_id})})
    sent = []
    real = redis.connection.AbstractConnection.send_packed_command
    monkeypatch.setattr(
        redis.connection.AbstractConnection,
        "send_packed_command",
        lambda self, *args, **kwargs: sent.append(1) or real(self, *args, **kwargs),
    )
    order = {**make_claims(shop)["order"], "id": "A-2"}
    response = api.render({"token": token_for(shop, order=order)})
    assert response.status_code == 200
    assert len(sent) == 1
