"""
Redis refused or hung: pages, events and answers go on, quickly; what was
revoked, published or changed is seen by every process within the bound.
"""

import json
import socket
import threading
import time

import pytest
from django.db import connection
from django.db.models import F

from cms.cache import redis_cache
from tests.conftest import make_claims
from tests.test_actions_api import GUEST, interactive_body
from thankyou.core.models import Generation, ShopSecret

pytestmark = pytest.mark.django_db

TIMEOUT = 0.25


@pytest.fixture
def hung_redis():
    """A Redis that accepts connections and never answers (a stopped process)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for conn in [*held, listener]:
        conn.close()


@pytest.fixture
def refused_redis():
    """A Redis address where nothing listens."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture(params=["refused", "hung"])
def broken_redis(request, settings):
    """Point the cache at a broken Redis for the rest of the test."""
    url = request.getfixturevalue(f"{request.param}_redis")
    settings.CACHES = {"default": redis_cache(url, TIMEOUT)}
    return request.param


def timed(call):
    start = time.monotonic()
    response = call()
    return response, time.monotonic() - start


def test_pages_events_and_answers_go_on_without_redis(
    broken_redis, api, act, shop, image, make_page, token_for
):
    body = [("image", {"image": image, "alt": "Beans", "caption": ""}), *interactive_body()]
    make_page(shop, body=body, cta_limit=5)
    seconds = []
    for order_id in ("A-1", "A-2", "A-3", "A-1"):
        claims = make_claims(shop, customer=GUEST)
        claims["order"] = {**claims["order"], "id": order_id}
        response, took = timed(
            lambda claims=claims: api.render({"token": token_for(shop, **claims)})
        )
        assert response.status_code == 200, response.content
        seconds.append(took)
    render = response.json()
    assert "<img" in render["html"]
    ids = {block["type"]: block["id"] for block in render["blocks"]}

    events = {"action_token": render["action_token"], "events": [{"type": "view"}]}
    response, took = timed(
        lambda: api.post("/api/v1/events", data=json.dumps(events), content_type="text/plain")
    )
    assert response.status_code == 200, response.content
    seconds.append(took)
    response, took = timed(
        lambda: act("survey", render["action_token"], ids["survey"], option="search")
    )
    assert response.status_code == 201, response.content
    seconds.append(took)

    # The first render also renders the page; after it, no call waits on Redis
    # longer than its timeout, and the client rests rather than wait again.
    assert sum(seconds[1:]) < 1 + TIMEOUT, seconds


def test_a_secret_revoked_during_an_outage_stays_revoked(
    api, shop, page, token_for, settings, refused_redis, clock
):
    working = settings.CACHES
    old = shop.secrets.get()
    token = token_for(shop, secret=old)
    assert api.render({"token": token}).status_code == 200

    settings.CACHES = {"default": redis_cache(refused_redis, TIMEOUT)}
    new = shop.secrets.create()
    old.delete()
    assert api.render({"token": token}).status_code == 401

    settings.CACHES = working  # Redis is back, with what it held before
    for _ in range(3):
        assert api.render({"token": token}).status_code == 401
        clock.advance(settings.THANKYOU["CACHE_CHECK_SECONDS"] + 1)
    assert api.render({"token": token_for(shop, secret=new)}).status_code == 200


def changed_by_another_process(shop, change):
    """Make a change as another process does: in the database only (this
    process's memory learns nothing of it)."""
    with connection.cursor() as cursor:
        cursor.execute(*change)
    Generation.objects.filter(key=shop.key).update(data=F("data") + 1)


def test_another_process_revoking_a_secret_is_seen_within_the_bound(
    api, shop, page, token_for, settings, clock
):
    old = shop.secrets.get()
    new = shop.secrets.create()
    token = token_for(shop, secret=old)
    assert api.render({"token": token}).status_code == 200

    table = ShopSecret._meta.db_table
    delete = f"DELETE FROM {table} WHERE id = %s"  # noqa: S608 (our table's name)
    changed_by_another_process(shop, (delete, [old.pk]))
    clock.advance(settings.THANKYOU["CACHE_CHECK_SECONDS"] - 1)
    assert api.render({"token": token}).status_code == 200, "not read anew before the bound"
    clock.advance(1)
    assert api.render({"token": token}).status_code == 401
    assert api.render({"token": token_for(shop, secret=new)}).status_code == 200


def test_another_process_changing_the_branding_is_seen_within_the_bound(
    api, shop, page, token_for, settings, clock
):
    assert "--ty-primary:#ff0000" not in api.render({"token": token_for(shop)}).json()["css"]
    table = shop._meta.db_table
    update = f"UPDATE {table} SET color_primary = %s WHERE id = %s"  # noqa: S608 (our table's name)
    changed_by_another_process(shop, (update, ["#ff0000", shop.pk]))
    clock.advance(settings.THANKYOU["CACHE_CHECK_SECONDS"])
    assert "--ty-primary:#ff0000" in api.render({"token": token_for(shop)}).json()["css"]
